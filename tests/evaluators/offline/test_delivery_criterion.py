"""The delivery criterion and the spoken-answer advice read the same norms."""

from __future__ import annotations

import pytest

from evaluators.delivery_norms import NORMS
from evaluators.item import GradeItem
from evaluators.offline import OfflineEvaluator
from evaluators.speech.delivery import compute_delivery
from evaluators.speech.transcript import Word
from knowledge.context import QuestionContext

ANSWER = (
    "Overfitting is when a model fits noise in the training data and generalises poorly. "
    "You see low training error but much higher validation error. Regularisation, more data "
    "or early stopping reduce it."
)


def _spoken_at(wpm: float, words: int = 80) -> list[Word]:
    per_word = 60 / wpm
    return [
        Word(word="word", start=i * per_word, end=(i + 1) * per_word, probability=0.9)
        for i in range(words)
    ]


def _delivery_level(evaluator: OfflineEvaluator, context: QuestionContext, wpm: float):
    delivery = compute_delivery(_spoken_at(wpm), duration_s=80 * 60 / wpm)
    feedback = evaluator.evaluate(GradeItem(context, ANSWER, delivery))
    [criterion] = [c for c in feedback.criteria if c.id == "delivery"]
    return delivery, criterion.score


def test_told_fast_is_not_full_marks_at_165_wpm(evaluator, overfitting) -> None:
    delivery, level = _delivery_level(evaluator, overfitting, 165)
    assert any("is fast" in line for line in delivery.guidance)
    assert level < 4


@pytest.mark.parametrize("wpm", [NORMS.pace_wpm[0] + 5, 140, NORMS.pace_wpm[1] - 5])
def test_a_comfortable_pace_is_full_marks_and_no_pace_warning(evaluator, overfitting, wpm):
    delivery, level = _delivery_level(evaluator, overfitting, wpm)
    assert not any("is fast" in line or "is slow" in line for line in delivery.guidance)
    assert level == 4
