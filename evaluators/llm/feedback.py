"""Turn a validated LLM reply into ``Feedback``, through the guards (pure, no I/O).

The offline evaluator's result for the same answer (the *baseline*) supplies what the LLM is
not asked for — delivery, STAR analysis — and the signals the guards cross-check with. When
the cross-check rejects an answer, nothing the model said about it is shown as praise: the
points covered and the advice come from the baseline instead.
"""

from __future__ import annotations

from evaluators.engine import Item
from evaluators.llm.guards import CAP, cap_notice, capped, cross_check, verify_evidence
from evaluators.llm.output import CriterionReply, LLMReply
from evaluators.llm.prompt import graded_criteria
from evaluators.offline.scoring import overall_score
from evaluators.schemas import CriterionScore, Feedback
from knowledge.context import QuestionContext


def missing_criteria(reply: LLMReply, criterion_ids: tuple[str, ...]) -> list[str]:
    """Criterion ids the reply did not score (the schema cannot force one entry per id)."""
    scored = {c.id for c in reply.criteria}
    return [i for i in criterion_ids if i not in scored]


def _pick(items: list[str], numbers: list[int]) -> list[str]:
    """Items by 1-based number, in list order, ignoring numbers out of range."""
    wanted = {n for n in numbers if 1 <= n <= len(items)}
    return [item for i, item in enumerate(items, start=1) if i in wanted]


def _ordered(item: Item, scored: list[CriterionScore], baseline: Feedback) -> list[CriterionScore]:
    """LLM-scored criteria plus those measured offline (delivery), in rubric order."""
    by_id = {c.id: c for c in baseline.criteria} | {c.id: c for c in scored}
    order = [*item.context.rubric.criteria, *item.context.communication.criteria]
    return [by_id[c.id] for c in order if c.id in by_id]


def _evidence_notice(dropped: int, capped_ids: list[str]) -> list[str]:
    if not dropped and not capped_ids:
        return []
    parts = []
    if dropped:
        parts.append(
            f"{dropped} evidence quote(s) from the LLM were not found in the answer and "
            "were dropped"
        )
    if capped_ids:
        parts.append(
            f"criteria without verified evidence score at most 1 ({', '.join(capped_ids)})"
        )
    text = "; ".join(parts)
    return [text[0].upper() + text[1:] + "."]


def _verified_criteria(
    item: Item, reply: LLMReply, baseline: Feedback
) -> tuple[list[CriterionScore], list[str]]:
    """The reply's criteria (first entry per id) through the evidence check, with its notice."""
    names = {c.id: c.name for c in graded_criteria(item.context)}
    first: dict[str, CriterionReply] = {}
    for criterion in reply.criteria:
        first.setdefault(criterion.id, criterion)
    verified = verify_evidence([first[i] for i in names if i in first], names, item.answer)
    criteria = _ordered(item, verified.criteria, baseline)
    return criteria, _evidence_notice(verified.dropped_quotes, verified.capped)


def _from_reply(reply: LLMReply, context: QuestionContext) -> dict:
    covered = _pick(context.key_points, reply.covered_key_points)
    return {
        "covered_points": covered,
        "missing_points": [p for p in context.key_points if p not in covered],
        "red_flags_hit": _pick(context.red_flags, reply.red_flags_hit),
        "strengths": reply.strengths,
        "improvements": reply.improvements,
        "stronger_answer": reply.stronger_answer,
        "follow_up": reply.follow_up,
    }


def _from_baseline(baseline: Feedback) -> dict:
    """For a rejected answer: the offline findings, and no praise from the model."""
    fields = ("covered_points", "missing_points", "red_flags_hit", "improvements")
    return {
        **{name: getattr(baseline, name) for name in fields},
        "stronger_answer": baseline.stronger_answer,
        "follow_up": baseline.follow_up,
    }


def llm_feedback(item: Item, reply: LLMReply, baseline: Feedback) -> Feedback:
    """Guarded feedback: verified evidence, code-computed overall, offline cross-check."""
    context = item.context
    criteria, notices = _verified_criteria(item, reply, baseline)
    problems = cross_check(item.answer, baseline)
    if problems:
        criteria = capped(criteria)
        notices.append(cap_notice(problems))
    weights = {c.id: c.weight for c in [*context.rubric.criteria, *context.communication.criteria]}
    overall = overall_score(criteria, weights, context.rubric.caps)
    common = {
        "engine": "llm",
        "rubric_id": context.rubric.id,
        "question_id": context.question_id,
        "criteria": criteria,
        "star": baseline.star,
        "delivery": item.delivery or baseline.delivery,
        "notices": notices,
    }
    if problems:
        return Feedback(**common, overall=min(overall, CAP), **_from_baseline(baseline))
    return Feedback(**common, overall=overall, **_from_reply(reply, context))
