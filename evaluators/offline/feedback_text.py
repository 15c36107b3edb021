"""The prose of the feedback: strengths, improvements, a stronger answer and a follow-up.

Pure functions of the scored criteria and the question context, so the CLI, the app and tests
all see the same wording.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from evaluators.delivery_norms import NORMS
from evaluators.schemas import CriterionScore
from knowledge.context import QuestionContext
from rubrics.models import Signal

MAX_STRENGTHS = 3
MAX_IMPROVEMENTS = 4

_STRENGTH: dict[str, str] = {
    "accuracy": "No known misconception or contradiction of a key point detected.",
    "depth": "Explains why, not just what.",
    "tradeoffs": "Weighs trade-offs instead of presenting one option as free.",
    "examples": "Grounds the answer in a concrete example or numbers.",
    "complexity": "States the time and space complexity.",
    "clarifying": "Clarifies requirements and states assumptions before designing.",
    "structure": "Leads with the answer and is easy to follow.",
    "clarity": "Clear, precise and about the right length.",
    "delivery": "Comfortable pace with few filler words.",
    "star_situation": "Sets the scene concisely (Situation).",
    "star_task": "Makes your own responsibility clear (Task).",
    "star_action": "Describes the actions you personally took (Action).",
    "star_result": "Ends with a concrete result (Result).",
    "star_reflection": "Reflects on what you learned.",
    "star_format": "Tells the story in a clear STAR order.",
    "star_competency": "The story shows what the question asks about.",
    "star_ownership": "Makes clear what you personally owned and did.",
    "star_impact": "Shows the size of the result with a number.",
    "ownership": "Makes clear what you did yourself.",
}
_ADVICE: dict[str, str] = {
    "coverage": "Cover the core points the question asks for before adding detail.",
    "accuracy": "Check your claims: state only what you can defend.",
    "depth": "Explain the mechanism: say why it works and when it breaks down.",
    "tradeoffs": "Name the trade-offs: what you gain, what it costs, when to choose otherwise.",
    "examples": "Add a concrete example, ideally with numbers from a real project.",
    "complexity": "State the time and space complexity and where it comes from.",
    "clarifying": "Clarify requirements first (scale, latency, data) and state your assumptions.",
    "structure": 'Lead with the answer, then signpost your points ("two reasons: first...").',
    "clarity": "Tighten it: the right length, no repetition, one idea per sentence.",
    "delivery": (
        f"Keep to {NORMS.pace_words()} words per minute and replace fillers with a short pause."
    ),
    "star_situation": "Open with one or two sentences of context: where, when, what was at stake.",
    "star_task": "Say what you specifically were responsible for.",
    "star_action": 'Describe the steps you took yourself, in the first person ("I", not "we").',
    "star_result": 'Finish with the outcome, quantified if you can ("cut latency by 40%").',
    "star_reflection": "Close with what you learned or would do differently.",
    "star_format": "Give the story all four parts: situation, task, action and result.",
    "star_competency": "Pick a story that shows what the question asks about, and say how.",
    "star_ownership": 'Separate your part from the team\'s: "I proposed…", "I built…".',
    "star_impact": 'Size the result and show how you know ("errors fell from 9% to 2%").',
    "ownership": 'Say what you did yourself ("I designed...", not "we built...").',
}


def strengths(
    criteria: Sequence[CriterionScore], signals: Mapping[str, Signal], covered: Sequence[str]
) -> list[str]:
    """What the answer does well, most important criterion first."""
    out = []
    for c in criteria:
        if c.score < 3:
            continue
        if signals[c.id] == "coverage":
            if covered:
                out.append("Covers the key points: " + "; ".join(covered[:2]) + ".")
        else:
            out.append(_STRENGTH[signals[c.id]])
    return out[:MAX_STRENGTHS]


def improvements(
    criteria: Sequence[CriterionScore],
    signals: Mapping[str, Signal],
    missing: Sequence[str],
    red_flag_sentences: Sequence[tuple[str, str, str]],
) -> list[str]:
    """The changes that would raise the score most: wrong claims, missing points, weak criteria.

    ``red_flag_sentences`` holds (red flag or contradicted key point, the sentence, what is
    wrong with it, "" when the flag says it all).
    """
    out = [
        f'Check this claim: "{quote.rstrip(".")}"'
        + (f": {why}" if why else "")
        + f" ({flag.rstrip('.')})."
        for flag, quote, why in red_flag_sentences
    ]
    out += [f"Add: {point}" for point in missing[:2]]
    for c in sorted(criteria, key=lambda c: c.score):
        advice = _ADVICE[signals[c.id]]
        if c.score <= 2 and advice not in out:
            out.append(advice)
    return out[:MAX_IMPROVEMENTS]


def stronger_answer(context: QuestionContext, missing: Sequence[str]) -> str:
    """The model answer (or the key points), led by the points this answer missed."""
    base = context.model_answer or " ".join(context.key_points)
    if not missing:
        return base
    lead = "Make sure to cover: " + " ".join(p.rstrip(".") + "." for p in missing)
    return f"{lead}\n\n{base}"


def follow_up(context: QuestionContext, missing: Sequence[str]) -> str:
    """The bank follow-up closest to a gap, or a question that probes the first gap."""
    if context.follow_ups:
        if missing:
            gap = set(missing[0].lower().split())
            return max(context.follow_ups, key=lambda f: len(gap & set(f.lower().split())))
        return context.follow_ups[0]
    if missing:
        return f"How does this point fit into your answer: {missing[0].rstrip('.')}?"
    return "Where would this break down in a production ML system, and how would you notice?"
