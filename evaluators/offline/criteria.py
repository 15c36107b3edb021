"""Map the measured signals to a 0–4 level per rubric criterion, with evidence and a comment.

Every criterion is scored by the signal its rubric names (``Criterion.signal``). The "how"
criteria (depth, examples, structure...) are capped at the coverage level: reasoning about the
wrong thing is not depth, and a short factual question is not penalised for lacking examples
that its reference answer does not have either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evaluators.delivery_norms import NORMS
from evaluators.offline.analysis import Analysis
from evaluators.offline.coverage import PointCoverage
from evaluators.offline.depth import cue_level, cue_sentences
from evaluators.offline.guards import Guard
from evaluators.offline.structure import clarity_level, structure_level
from evaluators.schemas import CriterionScore, Delivery, StarAnalysis
from evaluators.scoring import MAX_LEVEL, level_from_fraction
from evaluators.star.scoring import behavioral_level, owned_actions
from evaluators.text import Sentence, split_sentences, word_count
from knowledge.context import QuestionContext
from rubrics.models import Criterion, Signal

MAX_EVIDENCE = 3
_EXPECTED_CUES_CAP = 2
"""A couple of sentences of reasoning (or examples...) meets the expectation in full."""
WRONG_CLAIM_LEVEL = 1
"""Accuracy level at most, once one wrong claim is found (each further one takes a level)."""
UNCONTRADICTED_LEVEL = 2
"""Accuracy of an answer whose statements touch the key points and contradict none: a short
right answer is incomplete (coverage says so), not inaccurate. It stays below the levels that
coverage earns, as the offline engine cannot verify what the key points do not state. Level 1
here read as "wrong" to users (and counted as a flag): 5 of 42 of our right answers."""
WRONG_CLAIM_OVERALL_MAX = 50.0
"""Overall score at most once a wrong claim is found: a misconception stated in the right words
must not outrank a correct answer in other words on breadth alone."""
_HELD_REASON = "held to the content level: form cannot outscore what is said."
_CAPPED = "{}, but " + _HELD_REASON
_HELD = " " + _HELD_REASON[0].upper() + _HELD_REASON[1:]
_HOW_SIGNALS = ("depth", "tradeoffs", "examples", "complexity", "clarifying")


@dataclass(frozen=True)
class LevelParams:
    """How the accuracy and length signals turn into levels (STAR: ``evaluators.star.scoring``)."""

    default_expected_words: int = 120
    """Expected answer length when there is no reference answer: about a minute of speech."""


LEVEL_PARAMS = LevelParams()


@dataclass(frozen=True)
class CriterionInputs:
    context: QuestionContext
    answer: str
    analysis: Analysis
    coverage: list[PointCoverage]
    coverage_fraction: float
    reference: str
    star: StarAnalysis | None
    delivery: Delivery | None
    guards: list[Guard]


@dataclass(frozen=True)
class _Level:
    score: int
    evidence: list[str]
    comment: str


def _quotes(sentences: Sequence[Sentence]) -> list[str]:
    seen: list[str] = []
    for s in sentences:
        if s.text not in seen:
            seen.append(s.text)
    return seen[:MAX_EVIDENCE]


def _coverage(inp: CriterionInputs) -> _Level:
    a = inp.analysis
    covered = [p for p in inp.coverage if p.covered]
    evidence = [a.sentences[a.graded[p.signals.best_sentence]] for p in covered if a.graded]
    level = level_from_fraction(inp.coverage_fraction)
    comment = f"Covers {len(covered)} of {len(inp.coverage)} key points"
    if inp.coverage and level < level_from_fraction(len(covered) / len(inp.coverage)):
        # "Covers 5 of 5" next to a 2 reads as a contradiction unless it says why.
        comment += f", but only {inp.coverage_fraction:.0%} of their content on average"
    return _Level(level, _quotes(evidence), comment + ".")


def _accuracy(inp: CriterionInputs, gate: int) -> _Level:
    hits = inp.analysis.red_flags
    if hits:
        comment = (
            "Reads as a wrong claim: "
            + "; ".join(
                h.red_flag.rstrip(".") + (f" ({', '.join(h.reasons)})" if h.reasons else "")
                for h in hits
            )
            + "."
        )
        built_on = _built_on(inp.analysis)
        if built_on:
            comment += " What you conclude from it earns no credit either."
        # The rules read wording, and on questions they were not written against they misread
        # about one right answer in six (benchmarks/README.md): say so, so that a candidate who
        # meant the right thing rewords it instead of unlearning it.
        comment += " This is read from your wording: if you meant otherwise, say it explicitly."
        level = max(0, WRONG_CLAIM_LEVEL + 1 - len(hits))
        quoted = _quotes([h.sentence for h in hits] + built_on)
        return _Level(min(gate, level), quoted, comment)
    evidence = _coverage(inp).evidence
    if not evidence or gate == 0:
        comment = "Nothing in the answer could be checked against the key points."
        return _Level(gate, evidence, comment)
    comment = (
        "No known misconception or contradiction of a key point detected in what you state; "
        "how much you state is scored under coverage."
    )
    return _Level(max(gate, UNCONTRADICTED_LEVEL), evidence, comment)


def _built_on(analysis: Analysis) -> list[Sentence]:
    """The sentences left out of the credit for drawing a conclusion from a wrong claim
    (``red_flags.built_on_wrong_claims``): neither graded nor a wrong claim themselves."""
    wrong = {h.sentence.start for h in analysis.red_flags}
    graded = set(analysis.graded)
    return [s for i, s in enumerate(analysis.sentences) if i not in graded and s.start not in wrong]


def _how(signal: str, inp: CriterionInputs, gate: int) -> _Level:
    """Cue sentences among those credited: a "because" inside a wrong claim, or in a
    conclusion drawn from one, is not reasoning to reward."""
    a = inp.analysis
    found = cue_sentences(signal, [a.sentences[i] for i in a.graded])
    expected = len(cue_sentences(signal, split_sentences(inp.reference))) if inp.reference else 1
    expected = min(expected, _EXPECTED_CUES_CAP)
    raw = cue_level(len(found), expected)
    if expected == 0:
        comment = f"The question does not call for {signal}; scored with the content."
    else:
        comment = f"{len(found)} sentence(s) show {signal}; a strong answer has {expected}."
    return _Level(min(gate, raw), _quotes(found), _held(comment, raw, gate))


def _held(comment: str, raw: int, gate: int) -> str:
    """The comment, saying why the score is lower than what it counts when the gate holds it
    ("1 sentence shows examples" next to a 0 reads as a contradiction otherwise)."""
    return comment + _HELD if raw > gate else comment


def _ownership(inp: CriterionInputs, gate: int) -> _Level:
    """Sentences where the speaker ("I", not "we") acts, against as many as the reference has.

    Interviewers probing past work want the candidate's own part; "we built" hides it.
    """
    found = [s for s in inp.analysis.sentences if owned_actions([s.text])]
    reference = [s.text for s in split_sentences(inp.reference)] if inp.reference else []
    expected = min(owned_actions(reference) if reference else 1, _EXPECTED_CUES_CAP)
    raw = cue_level(len(found), expected)
    if expected == 0:
        comment = "The question does not call for your own actions; scored with the content."
    else:
        comment = f"{len(found)} sentence(s) say what you did; a strong answer has {expected}."
    return _Level(min(gate, raw), _quotes(found), _held(comment, raw, gate))


def _expected_words(inp: CriterionInputs) -> int:
    return word_count(inp.reference) if inp.reference else LEVEL_PARAMS.default_expected_words


def _answer_first(inp: CriterionInputs) -> bool:
    """The first sentence is where a covered key point is best stated."""
    a = inp.analysis
    if not a.graded or a.graded[0] != 0:
        return False
    return any(p.covered and p.signals.best_sentence == 0 for p in inp.coverage)


def _structure(inp: CriterionInputs, gate: int) -> _Level:
    answer_first = _answer_first(inp)
    found = structure_level(inp.analysis.sentences, answer_first, _expected_words(inp))
    lead = "Leads with the answer" if answer_first else "The main answer is not up front"
    if not found.long:
        comment = (
            "Short and leads with the answer."
            if answer_first
            else "Short, but the main answer is not up front."
        )
    else:
        plural = "s" if found.signposts != 1 else ""
        shape = (
            f"signposted in {found.signposts} sentence{plural}"
            if found.signposts
            else "the rest is not signposted"
        )
        if found.wrapped_up:
            shape += ", with a wrap-up"
        comment = f"{lead}; {shape}."
    return _Level(
        min(gate, found.level), _quotes(found.evidence), _held(comment, found.level, gate)
    )


def _clarity(inp: CriterionInputs, gate: int) -> _Level:
    a = inp.analysis
    level, problems = clarity_level(a.sentences, a.vectors, _expected_words(inp))
    if problems:
        comment = "Clarity: " + ", ".join(problems) + "."
    elif gate >= level:
        comment = "Clear and concise."
    else:
        comment = _CAPPED.format("Clearly written")
    return _Level(min(gate, level), _quotes(a.sentences[:1]), comment)


def _delivery(delivery: Delivery) -> _Level:
    level = MAX_LEVEL
    low, high = NORMS.pace_wpm
    if not low <= delivery.wpm <= high:
        margin = NORMS.pace_margin_wpm
        level -= 1 if low - margin <= delivery.wpm <= high + margin else 2
    if delivery.fillers_per_min > NORMS.max_fillers_per_min:
        level -= 1 if delivery.fillers_per_min <= NORMS.many_fillers_per_min else 2
    if len(delivery.long_pauses) > NORMS.max_long_pauses:
        level -= 1
    comment = f"{delivery.wpm:.0f} wpm, {delivery.fillers_per_min:.1f} fillers/min."
    return _Level(max(0, level), [], comment)


def _star(signal: str, inp: CriterionInputs) -> _Level:
    """Behavioral signals are scored from the story itself (see ``evaluators.star.scoring``)."""
    sentences = [s.text for s in inp.analysis.sentences]
    level, evidence, comment = behavioral_level(
        signal, inp.star or StarAnalysis(), sentences, inp.analysis.relevance, inp.coverage_fraction
    )
    return _Level(level, evidence, comment)


def _level(criterion: Criterion, inp: CriterionInputs, gate: int) -> _Level:
    signal = criterion.signal
    if signal == "coverage":
        return _coverage(inp)
    if signal == "accuracy":
        return _accuracy(inp, gate)
    if signal in _HOW_SIGNALS:
        return _how(signal, inp, gate)
    if signal == "ownership":
        return _ownership(inp, gate)
    if signal == "structure":
        return _structure(inp, gate)
    if signal == "clarity":
        return _clarity(inp, gate)
    if signal == "delivery" and inp.delivery is not None:
        return _delivery(inp.delivery)
    return _star(signal, inp)


def _guarded(level: _Level, signal: str, guards: Sequence[Guard]) -> _Level:
    if not guards:
        return level
    cap = min(g.coverage_max if signal == "coverage" else g.max_level for g in guards)
    if level.score <= cap:
        return level
    return _Level(cap, level.evidence, guards[0].notice)


def score_criteria(
    inp: CriterionInputs,
) -> tuple[list[CriterionScore], dict[str, float], dict[str, Signal]]:
    """Scored criteria (rubric first, then communication), their weights and their signals."""
    rubric_criteria = list(inp.context.rubric.criteria)
    content_given = inp.context.key_points_source in ("given", "reference")
    has_coverage = content_given or any(c.signal == "coverage" for c in rubric_criteria)
    gate = level_from_fraction(inp.coverage_fraction) if has_coverage else MAX_LEVEL
    chosen = inp.context.all_criteria(spoken=inp.delivery is not None)
    scores, weights, signals = [], {}, {}
    for criterion in chosen:
        level = _guarded(_level(criterion, inp, gate), criterion.signal, inp.guards)
        scores.append(
            CriterionScore(
                id=criterion.id,
                name=criterion.name,
                score=level.score,
                evidence=level.evidence,
                comment=level.comment,
            )
        )
        weights[criterion.id] = criterion.weight
        signals[criterion.id] = criterion.signal
    return scores, weights, signals
