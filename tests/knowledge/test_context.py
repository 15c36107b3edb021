"""The criteria a question is graded on: one definition for both engines and the pages."""

from __future__ import annotations

from pathlib import Path

from knowledge.base import KnowledgeBase


def test_rubric_criteria_come_first_then_communication(data_dir: Path) -> None:
    context = KnowledgeBase(data_dir).context(question_id=_first_question(data_dir))
    ids = [c.id for c in context.all_criteria()]
    rubric = [c.id for c in context.rubric.criteria]
    communication = [c.id for c in context.communication.criteria]
    assert ids == rubric + communication and "delivery" in communication


def test_delivery_is_graded_only_for_spoken_answers(data_dir: Path) -> None:
    context = KnowledgeBase(data_dir).context(question_id=_first_question(data_dir))
    written = [c.signal for c in context.all_criteria(spoken=False)]
    assert "delivery" not in written
    assert len(written) == len(context.all_criteria()) - 1


def _first_question(data_dir: Path) -> str:
    return next(iter(KnowledgeBase(data_dir).content.questions))
