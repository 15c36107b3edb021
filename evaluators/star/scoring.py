"""Behavioral rubric v2 signals: STAR format, competency shown, ownership, impact, reflection.

Pure functions of the STAR analysis, the question and the measured relevance, so the offline
evaluator, the benchmark and the tests score a story the same way. Substance (ownership,
impact, competency) carries most of the weight; the STAR format is one criterion among five.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from evaluators.schemas import StarAnalysis, StarComponent
from evaluators.star.features import CHANGE, SINGULAR, result_quantities

MAX_LEVEL = 4
_STAR_PARTS = ("situation", "task", "action", "result")


@dataclass(frozen=True)
class BehavioralParams:
    """Calibration of the behavioral signals (checked on ``benchmarks/star.py``)."""

    story_min_relevance: float = 0.1
    """A story whose best sentence is at least this close to the question is on topic: even a
    weak disagreement story reaches 0.3, while a recipe or a poem stays below 0.1."""
    competency_relevance: float = 0.35
    """From this best cosine to the question or a key point the story is about what was asked."""
    detailed_words: int = 10
    """A component stated in this many words is specific, not a fragment ("It was fine.")."""
    owned_actions_full: int = 2
    """Two sentences of what "I" did show ownership of the action, not a single gesture."""


PARAMS = BehavioralParams()
_I_ACTION = re.compile(
    r"\bI (\w+ly )?(\w+ed|built|wrote|ran|set|took|made|sat|went|met|put|"
    r"led|sent|brought|gave|kept|spent|told|found|dug|drafted|rewrote|"
    r"shipped|cut|chose|began|did)\b"
)
_SCOPE_CLAIM = re.compile(
    r"\bI (took (the |on the )?(\w+ )?(lead|ownership|charge)|owned|picked it up|took it on|"
    r"was (the one|responsible|on call))|\bnobody asked me",
    re.IGNORECASE,
)
"""Responsibility claimed in passing ("I took the incident lead role") counts as a stated one."""
_CHANGED_SINCE = re.compile(
    r"\b(now|since|no longer|always|still|every|template|checklist|habit)\b", re.IGNORECASE
)


def is_story(star: StarAnalysis, relevance: float, params: BehavioralParams = PARAMS) -> bool:
    """The answer tells something that happened (an action or a result) on the question's topic."""
    told = star.action.present or star.result.present
    return told and relevance >= params.story_min_relevance


def owned_actions(sentences: Sequence[str]) -> int:
    """Sentences in which the speaker ("I", not "we") takes an action."""
    return sum(bool(_I_ACTION.search(s)) for s in sentences)


def _words(part: StarComponent) -> int:
    return len(part.evidence.split())


def format_level(star: StarAnalysis) -> int:
    """One level per STAR part present (situation, task, action, result)."""
    return sum(getattr(star, p).present for p in _STAR_PARTS)


def ownership_level(star: StarAnalysis, sentences: Sequence[str]) -> int:
    """The rubric's anchors: levels 3 and 4 need the speaker's own responsibility stated.

    Without it, one action of their own is level 2 and "we" only is level 1 at most; with it,
    several own actions reach 3, and 4 when "I" also outweighs "we".
    """
    own_task = star.task.present and bool(SINGULAR.search(star.task.evidence))
    own_task = own_task or any(_SCOPE_CLAIM.search(s) for s in sentences)
    actions = owned_actions(sentences)
    if not own_task:
        return min(2, actions) if actions else int(star.action.present)
    if actions < PARAMS.owned_actions_full:
        return 2
    return 3 + int(star.first_person_singular_ratio >= 0.5)


def impact_level(star: StarAnalysis) -> int:
    """Vague (1), concrete (2), quantified (3), quantified as a change ("from 14 h to 3 h") (4)."""
    if not star.result.present:
        return 0
    if star.result_quantified:
        evidence = star.result.evidence
        return 4 if CHANGE.search(evidence) and result_quantities(evidence) else 3
    return 2 if _words(star.result) >= PARAMS.detailed_words else 1


def reflection_level(star: StarAnalysis) -> int:
    """Lesson (2), specific lesson (3), lesson with evidence it changed behaviour (4)."""
    if not star.reflection.present:
        return 0
    if _words(star.reflection) < PARAMS.detailed_words:
        return 2
    return 4 if _CHANGED_SINCE.search(star.reflection.evidence) else 3


def competency_level(
    star: StarAnalysis, relevance: float, credited_fraction: float, on_topic: bool
) -> int:
    """Does the story show what the question asks: on topic, then key points shown."""
    if not on_topic:
        return 0
    level = 1 + int(relevance >= PARAMS.competency_relevance)
    return min(MAX_LEVEL, level + round(2 * credited_fraction))


def story_gaps(star: StarAnalysis, sentences: Sequence[str]) -> list[str]:
    """Specific, story-level improvements, most valuable first."""
    gaps = []
    if not star.result.present:
        gaps.append(
            'No result: say what changed, with a number ("review time fell from 3 days to 1").'
        )
    elif impact_level(star) <= 1:
        gaps.append(f'Vague result ("{star.result.evidence}"): say what changed, with a number.')
    elif not star.result_quantified:
        gaps.append(
            f'Put a number on the result: "{star.result.evidence}" says what, not how much.'
        )
    if not owned_actions(sentences):
        gaps.append('No action of your own: say what *you* did, step by step, with "I", not "we".')
    if not star.task.present:
        gaps.append("No task: say what you were responsible for and what made it hard.")
    if not star.reflection.present:
        gaps.append("No reflection: close with what you learned and what you do differently now.")
    if not star.situation.present:
        gaps.append("No situation: open with one or two sentences of where, when and the stakes.")
    return gaps


_FACETS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"quantif|with numbers|numbers", re.I), "quantified"),
    (re.compile(r"outcome|result|impact|recovery|salvaged|adoption|relationship", re.I), "result"),
    (
        re.compile(r"reflect|learn|lesson|differently|changed in their process|now do", re.I),
        "reflection",
    ),
    (re.compile(r"personally|actions? they|they took|they led|corrective", re.I), "owned_action"),
    (re.compile(r"\bowns?\b|responsib|own part|own side|own contribution", re.I), "ownership"),
    (re.compile(r"mitigat|rollback|roll back|fallback", re.I), "mitigation"),
)
"""What a behavioral key point asks for, recognised in its wording, and the story facet that
shows it ("Gives a quantified outcome" is shown by a quantified result, whatever the words)."""
_MITIGATION = re.compile(
    r"\b(roll(ed)? ?back|revert|fall ?back|switched|paused|disabled|"
    r"mitigat\w*|drain\w*|hotfix)",
    re.I,
)


def _facet_shown(facet: str, star: StarAnalysis, sentences: Sequence[str]) -> bool:
    if facet == "quantified":
        return star.result_quantified
    if facet == "result":
        return star.result.present
    if facet == "reflection":
        return star.reflection.present
    if facet == "owned_action":
        return owned_actions(sentences) > 0
    if facet == "ownership":
        return owned_actions(sentences) > 0 and star.first_person_singular_ratio >= 0.5
    return any(_MITIGATION.search(s) for s in sentences)


def shows_key_point(point: str, star: StarAnalysis, sentences: Sequence[str]) -> bool:
    """The story shows a behavioral key point in its own words (every facet it names)."""
    facets = [facet for pattern, facet in _FACETS if pattern.search(point)]
    return bool(facets) and all(_facet_shown(f, star, sentences) for f in facets)


def credit_key_points(
    coverage: list, star: StarAnalysis, sentences: Sequence[str], covered_at: float
) -> list:
    """Coverage with the key points the story shows marked covered (``PointCoverage`` items)."""
    return [
        p
        if p.covered or not shows_key_point(p.point, star, sentences)
        else replace(p, covered=True, score=max(p.score, covered_at))
        for p in coverage
    ]


def behavioral_level(
    signal: str,
    star: StarAnalysis,
    sentences: Sequence[str],
    relevance: float,
    credited_fraction: float,
) -> tuple[int, list[str], str]:
    """Level 0–4, evidence quotes and a comment for one ``star_*`` rubric signal."""
    name = signal.removeprefix("star_")
    if name == "format":
        present = [p for p in _STAR_PARTS if getattr(star, p).present]
        missing = [p for p in _STAR_PARTS if p not in present]
        comment = "All four STAR parts." if not missing else "Missing: " + ", ".join(missing) + "."
        return format_level(star), [], comment
    if name == "competency":
        on_topic = is_story(star, relevance)
        level = competency_level(star, relevance, credited_fraction, on_topic)
        comment = (
            f"Shows {credited_fraction:.0%} of what the question looks for."
            if on_topic
            else "Not a story about what the question asks."
        )
        return level, [], comment
    if name == "ownership":
        count = owned_actions(sentences)
        owned = [s for s in sentences if _I_ACTION.search(s)][:3]
        return ownership_level(star, sentences), owned, f"{count} sentence(s) of what you did."
    if name == "impact":
        level = impact_level(star)
        comment = (
            "No result."
            if level == 0
            else "Quantified result."
            if star.result_quantified
            else "Result without a number."
        )
        return level, [star.result.evidence] if star.result.present else [], comment
    if name == "reflection":
        level = reflection_level(star)
        evidence = [star.reflection.evidence] if star.reflection.present else []
        return level, evidence, "Reflection present." if level else "No reflection."
    part: StarComponent = getattr(star, name)
    if not part.present:
        return 0, [], f"No {name} found."
    level = 3 + int(_words(part) >= PARAMS.detailed_words)
    if name == "result":
        level = 3 + int(star.result_quantified)
    if name == "action":
        level = min(MAX_LEVEL, 1 + ownership_level(star, sentences))
    return level, [part.evidence], f"{name.capitalize()} present."
