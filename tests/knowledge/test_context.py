"""The criteria a question is graded on: one definition for both engines and the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.grading import QuestionRef
from evaluators.batch import GradeLine
from knowledge.base import KnowledgeBase
from knowledge.context import QuestionSpec


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


@pytest.mark.parametrize(
    ("fields", "needed"),
    [
        ({"question_id": "any-bank-id"}, False),
        ({"question": "Q?", "kind": "concept", "key_points": ["A point."]}, False),
        ({"question": "Q?", "kind": "concept", "reference_answer": "An answer."}, False),
        ({"question": "Q?", "key_points": ["A point."]}, True),  # the rubric kind is unknown
        ({"question": "Q?", "kind": "concept", "key_points": ["  "]}, True),  # no real material
        ({"question": "Q?", "kind": "concept", "reference_answer": " "}, True),
    ],
)
def test_one_retrieval_rule_for_every_caller(fields: dict, needed: bool) -> None:
    assert QuestionSpec(**fields).needs_retrieval() is needed


def test_the_cli_line_and_the_app_reference_are_question_specs() -> None:
    line = GradeLine(id="1", answer="A.", question="Q?", kind="concept", key_points=["P."])
    ref = QuestionRef(text="Q?", kind="concept", key_points=("P.",))
    assert isinstance(line, QuestionSpec)
    assert ref.spec().cache_key() == line.cache_key()
