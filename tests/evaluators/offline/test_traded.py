"""Traded descriptions: each of two compared terms described as the key points describe the
other (the pairs and spans are pure text; judging a trade takes the sentence model)."""

from __future__ import annotations

import pytest

from evaluators.offline.encode import encode
from evaluators.offline.traded import candidates, find_trade, spans, term_pairs
from evaluators.text import split_sentences

QUESTION = "What is the difference between stratified sampling and cluster sampling?"
POINTS = [
    "Stratified sampling splits the population into homogeneous groups and samples from every"
    " group, while cluster sampling picks whole groups at random and surveys everyone in them.",
    "Stratified sampling lowers variance; cluster sampling is cheaper when groups are spread out.",
]
TRADED = (
    "Stratified sampling picks a few whole groups at random and surveys all of their members,"
    " while cluster sampling divides the population into similar subgroups and draws people from"
    " each one."
)
PARAPHRASED = (
    "With stratified sampling you partition people into alike subgroups and draw some from each"
    " subgroup, while cluster sampling selects entire groups by chance and includes every member."
)


def _vector(texts: list[str]):
    vectors = {t: e.vector for t, e in zip(texts, encode(texts), strict=True)}
    return vectors.__getitem__


def _trade(answer: str):
    sentences = split_sentences(answer)
    found = candidates(QUESTION, POINTS, sentences)
    vector = _vector(sorted({t for c in found for t in c.texts()}))
    trades = [find_trade(c, POINTS, sentences, vector) for c in found]
    return next((t for t in trades if t), None)


def test_the_pairs_are_the_terms_a_key_point_sets_side_by_side():
    assert ("cluster", "stratified") in term_pairs(QUESTION, tuple(POINTS))
    # "population" and "groups" are described too, but the question names neither
    assert all("groups" not in pair for pair in term_pairs(QUESTION, tuple(POINTS)))


def test_a_span_runs_on_until_a_clause_names_a_term():
    found = spans(
        "Top-k is the adaptive one: it grows the candidate set when the model is unsure, while"
        " top-p keeps a fixed number of tokens.",
        "top-k",
        "top-p",
    )
    assert [s.term for s in found] == ["top-k", "top-p"]
    assert "grows the candidate set" in found[0].masked
    assert "top" not in found[0].masked.lower()  # the names are masked


def test_a_clause_naming_both_terms_describes_neither():
    assert (
        spans("Cluster sampling is cheaper than stratified sampling.", "cluster", "stratified")
        == []
    )


def test_descriptions_traded_between_the_terms_are_found():
    trade = _trade(TRADED)
    assert trade is not None
    assert {trade.named, trade.other} == {"stratified", "cluster"}
    assert trade.point == POINTS[0]


@pytest.mark.parametrize(
    "answer",
    [
        PARAPHRASED,
        # one side described alone proves nothing
        "Cluster sampling picks whole groups at random and surveys everyone in them.",
    ],
)
def test_a_right_paraphrase_is_not_a_trade(answer):
    assert _trade(answer) is None


def test_the_feedback_names_the_trade_and_the_paraphrase_scores_higher(kb, grade):
    """In words of its own, which the word-overlap swap check (``swaps``) cannot read."""
    answer = (
        "Stratified sampling selects some complete groups by chance and includes every member,"
        " while cluster sampling breaks people into alike subgroups and draws a few from every"
        " subgroup."
    )
    ctx = kb.context(question=QUESTION, key_points=POINTS, kind="concept")
    traded, paraphrased = grade(ctx, answer), grade(ctx, PARAPHRASED)
    accuracy = next(c for c in traded.criteria if c.id == "accuracy")
    assert accuracy.score <= 1
    assert "as the key point describes" in accuracy.comment
    assert answer in accuracy.evidence
    assert not paraphrased.red_flags_hit
    assert paraphrased.overall > traded.overall
