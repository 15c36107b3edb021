"""The word error rate the speech tests and benchmark rely on."""

from __future__ import annotations

import pytest

from evaluators.speech.wer import word_error_rate


@pytest.mark.parametrize(
    ("reference", "hypothesis", "expected"),
    [
        ("the model overfits", "The model overfits.", 0.0),
        ("Overfitting is bad", "over-fitting is bad", 0.0),
        ("the model overfits badly", "the model underfits badly", 0.25),
        ("the model overfits badly", "the model badly", 0.25),
        ("the model overfits", "so the model overfits", 1 / 3),
        ("", "", 0.0),
        ("", "noise", 1.0),
    ],
)
def test_word_error_rate(reference: str, hypothesis: str, expected: float) -> None:
    assert word_error_rate(reference, hypothesis) == pytest.approx(expected)
