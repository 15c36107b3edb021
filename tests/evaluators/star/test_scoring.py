"""Behavioral rubric v2 through the offline evaluator: substance, key points, weak stories."""

from __future__ import annotations

import pytest

from evaluators.item import GradeItem
from evaluators.offline import OfflineEvaluator
from knowledge.bank import load_content
from knowledge.context import QuestionSpec, build_context

WEAK = (
    "We had a disagreement about deep learning or XGBoost for the fraud model. "
    "We talked about it for a while. In the end we decided XGBoost. It was fine."
)
INCIDENT = (
    "On a Monday morning our recommendation service started returning the same ten items to "
    "every user. I took the incident lead role, assigned one person to roll back and another to "
    "talk to support, and posted updates every fifteen minutes. Once we had rolled back, I dug "
    "into the logs with a colleague and found the embedding index had been rebuilt from an empty "
    "snapshot. We mitigated within twenty-five minutes, and click-through recovered the same day. "
    "Afterwards I ran a blameless postmortem and we added a size check before any index swap. "
    "I learned that the first job in an incident is to stop the bleeding, not the root cause."
)


@pytest.fixture(scope="module")
def grade():
    content, evaluator = load_content(), OfflineEvaluator()

    def _grade(question_id: str, answer: str):
        context = build_context(content, None, QuestionSpec(question_id=question_id))
        return evaluator.evaluate(GradeItem(context=context, answer=answer))

    return _grade


def test_weak_on_topic_story_scores_low_with_specific_gaps(grade) -> None:
    feedback = grade("behavioral-conflict-teammate-approach", WEAK)
    assert 10 <= feedback.overall <= 45
    assert not any("does not address" in n for n in feedback.notices)
    advice = " ".join(feedback.improvements)
    assert "say what changed, with a number" in advice
    assert "I" in advice and "we" in advice


def test_off_topic_answer_is_still_called_off_topic(grade) -> None:
    feedback = grade(
        "behavioral-conflict-teammate-approach",
        "Preheat the oven to 180 degrees. Mix flour, sugar and butter, then bake it for an hour.",
    )
    assert any("does not address" in n for n in feedback.notices)
    assert feedback.overall <= 20


def test_strong_story_is_not_told_it_misses_what_it_contains(grade) -> None:
    feedback = grade("behavioral-leadership-production-incident", INCIDENT)
    missing = " ".join(feedback.missing_points).lower()
    assert "mitigation" not in missing
    assert "quantifies" not in missing and "reflects" not in missing
    assert feedback.overall >= 65
    assert feedback.star is not None and feedback.star.result_quantified


def test_strong_story_outscores_the_weak_one_on_substance(grade) -> None:
    weak = grade("behavioral-conflict-teammate-approach", WEAK)
    strong = grade("behavioral-leadership-production-incident", INCIDENT)
    score = {c.id: c.score for c in strong.criteria}
    assert score["impact"] >= 3 and score["ownership"] >= 3
    assert {c.id: c.score for c in weak.criteria}["ownership"] <= 1
