"""Evidence verification and the triviality check, as pure functions."""

from __future__ import annotations

import pytest

from evaluators.llm.guards import fold_for_quotes, is_trivial, quote_in_answer, verify_evidence
from evaluators.llm.output import CriterionReply

ANSWER = (
    "Precision is TP / (TP + FP): of everything we flagged, how much was right.\n"
    "Recall is   TP / (TP + FN). With 1% positives, accuracy is misleading — use PR-AUC."
)


@pytest.mark.parametrize(
    "quote",
    [
        "Precision is TP / (TP + FP)",
        "precision IS tp / (tp + fp)",
        "Recall is TP / (TP + FN).",
        "right.\nRecall is TP",
        "“accuracy is misleading — use PR-AUC”",
        "Precision is TP ... how much was right",
        "accuracy is misleading – use PR-AUC",
    ],
)
def test_real_quotes_verify_whatever_the_spacing_case_or_typography(quote):
    assert quote_in_answer(quote, fold_for_quotes(ANSWER))


@pytest.mark.parametrize(
    "quote",
    [
        "Precision is the harmonic mean of recall",
        "Recall is TP / (TP + FP)",
        "how much was right ... Precision is TP",  # fragments out of order
        "",
        "...",
        "is",
    ],
)
def test_fabricated_reordered_or_empty_quotes_do_not_verify(quote):
    assert not quote_in_answer(quote, fold_for_quotes(ANSWER))


def test_a_criterion_keeps_its_score_only_with_a_verified_quote():
    replies = [
        CriterionReply(id="a", score=4, evidence=["Recall is TP / (TP + FN)"], comment=""),
        CriterionReply(id="b", score=4, evidence=["invented"], comment=""),
        CriterionReply(id="c", score=1, evidence=[], comment=""),
        CriterionReply(id="d", score=0, evidence=["invented"], comment=""),
    ]
    names = {"a": "A", "b": "B", "c": "C", "d": "D"}
    verified = verify_evidence(replies, names, ANSWER)
    assert [c.score for c in verified.criteria] == [4, 1, 1, 0]
    assert verified.dropped_quotes == 2
    assert verified.capped == ["b"]


@pytest.mark.parametrize(
    "answer",
    [
        ":",
        "",
        "Thought process:",
        "Let's solve this step by step.",
        "Solution",
        "解",
        "Answer: yes",
        "I don't know.",
    ],
)
def test_trivial_answers_are_recognised(answer):
    assert is_trivial(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Use a hash map from value to index; one pass, O(n) time and O(n) space.",
        "Bias is underfitting from simple models; variance is overfitting to the sample.",
    ],
)
def test_short_but_real_answers_are_not_trivial(answer):
    assert not is_trivial(answer)
