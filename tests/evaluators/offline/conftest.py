"""Fixtures for the offline evaluator: one evaluator per session (the model loads once)."""

from __future__ import annotations

import pytest

from evaluators.item import GradeItem
from evaluators.offline import OfflineEvaluator
from knowledge.base import KnowledgeBase
from knowledge.context import QuestionContext


@pytest.fixture(scope="session")
def evaluator() -> OfflineEvaluator:
    return OfflineEvaluator()


@pytest.fixture
def kb(data_dir) -> KnowledgeBase:
    return KnowledgeBase(data_dir)


@pytest.fixture
def overfitting(kb: KnowledgeBase) -> QuestionContext:
    """A free-form concept question with hand-written key points and a reference answer."""
    return kb.context(
        question="What is overfitting and how do you detect and reduce it?",
        key_points=[
            "Overfitting is when a model fits noise in the training data and generalises poorly.",
            "It shows as low training error but much higher validation error.",
            "Regularisation, more data, simpler models or early stopping reduce it.",
        ],
        kind="concept",
    )


@pytest.fixture
def grade(evaluator: OfflineEvaluator):
    def _grade(context: QuestionContext, answer: str):
        return evaluator.evaluate(GradeItem(context=context, answer=answer))

    return _grade
