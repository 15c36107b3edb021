"""Guards between the LLM's reply and the user: nothing the model says is taken on trust.

Evidence quotes must appear in the answer (whitespace, case and typographic quotes
normalised); a criterion left without verified evidence scores at most 1. The offline signals
then cross-check the result: an answer that instructs the grader, is trivial, or covers none of
the key points is capped at ``CAP`` whatever the model said. All functions are pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from evaluators.injection import detect_injection, injection_notice
from evaluators.llm.output import CriterionReply
from evaluators.schemas import CriterionScore, Feedback
from evaluators.text import content_stems

CAP = 20.0
"""Highest overall for answers the cross-check rejects (DESIGN.md quality target)."""

UNSUPPORTED_MAX = 1
"""Highest criterion score without a single verified quote."""

MIN_QUOTE_CHARS = 3
MIN_CONTENT_WORDS = 5
"""Fewer distinct content words cannot answer an interview question ("Thought process:")."""

_TRANSLATE = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\.\.\.|…")
_EDGE = " \t\n\"'`.,;:!?()[]"


def fold_for_quotes(text: str) -> str:
    """Case, width, typographic quotes and whitespace folded so exact quotes compare equal."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    return _SPACE.sub(" ", folded).strip()


def quote_in_answer(quote: str, normalised_answer: str) -> bool:
    """True when every ellipsis-separated fragment of the quote occurs in the answer, in order."""
    position = 0
    fragments = [fold_for_quotes(f).strip(_EDGE) for f in _ELLIPSIS.split(quote)]
    fragments = [f for f in fragments if f]
    if not fragments or sum(len(f) for f in fragments) < MIN_QUOTE_CHARS:
        return False
    for fragment in fragments:
        found = normalised_answer.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


@dataclass(frozen=True)
class Verified:
    """Criteria after the evidence check, and how many quotes were dropped."""

    criteria: list[CriterionScore]
    dropped_quotes: int
    capped: list[str]


def verify_evidence(replies: list[CriterionReply], names: dict[str, str], answer: str) -> Verified:
    """Drop quotes not found in the answer; cap criteria left with no verified quote."""
    normalised_answer = fold_for_quotes(answer)
    criteria, dropped, capped = [], 0, []
    for reply in replies:
        kept = [q.strip() for q in reply.evidence if quote_in_answer(q, normalised_answer)]
        dropped += len(reply.evidence) - len(kept)
        score = reply.score
        if not kept and score > UNSUPPORTED_MAX:
            score = UNSUPPORTED_MAX
            capped.append(reply.id)
        criteria.append(
            CriterionScore(
                id=reply.id, name=names[reply.id], score=score, evidence=kept, comment=reply.comment
            )
        )
    return Verified(criteria, dropped, capped)


def is_trivial(answer: str) -> bool:
    """Too few words to answer anything: the "master key" replies LLM judges are known to pass."""
    return len(content_stems(answer)) < MIN_CONTENT_WORDS


def cross_check(answer: str, baseline: Feedback) -> list[str]:
    """Reasons to cap the score, from the offline signals (empty for an honest answer)."""
    problems = []
    injections = detect_injection(answer)
    if injections:
        problems.append(injection_notice(injections))
    if is_trivial(answer):
        problems.append("The answer is too short or generic to grade")
    elif not baseline.covered_points and not _tells_a_story(baseline):
        problems.append("The answer covers none of the question's key points")
    return problems


def _tells_a_story(baseline: Feedback) -> bool:
    """A behavioral answer with most of STAR present is honest even if it matches no key point.

    Behavioral key points describe what a strong story does, so a short but real story often
    matches none of them; capping it would shift honest scores. Injections are still caught by
    the detector, and role-play text has no situation/action/result to find.
    """
    star = baseline.star
    if star is None:
        return False
    parts = (star.situation, star.task, star.action, star.result)
    return sum(part.present for part in parts) >= 3


def cap_notice(problems: list[str]) -> str:
    """One notice that names every problem and the cap."""
    return f"{'. '.join(problems)}. Score capped at {CAP:.0f}/100."


def capped(criteria: list[CriterionScore]) -> list[CriterionScore]:
    """Criteria limited to ``UNSUPPORTED_MAX`` so they agree with a capped overall."""
    return [c.model_copy(update={"score": min(c.score, UNSUPPORTED_MAX)}) for c in criteria]
