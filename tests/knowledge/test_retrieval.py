"""Retrieval routes free-form questions (not copied from the bank) to the right rubric."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.index import Hit
from knowledge.retrieval import routed_kind

ROUTING_TABLE: list[tuple[str, set[str]]] = [
    ("How would you detect data drift in production?", {"system_design", "metrics"}),
    ("Why is accuracy misleading for a fraud model with 0.5% positives?", {"metrics"}),
    ("What is the difference between L1 and L2 regularisation?", {"concept"}),
    (
        "Find two numbers in an array that add up to a target: what's your approach?",
        {"coding_approach"},
    ),
    ("A coin lands heads 60 times out of 100 flips. Is it biased?", {"prob_stats"}),
    (
        "Design a service that serves personalised video recommendations within 50 ms.",
        {"system_design"},
    ),
    ("Why do LSTMs cope with long sequences better than vanilla RNNs?", {"deep_learning"}),
    ("Tell me about a time you clashed with a coworker over a design.", {"behavioral_star"}),
    (
        "Walk me through an ML project you're proud of and the trade-offs you made.",
        {"project_deep_dive"},
    ),
    (
        "How does dropout regularise a network and what changes at inference time?",
        {"deep_learning"},
    ),
    ("Explain what a p-value means to a product manager.", {"prob_stats"}),
    ("How would you version models and roll back a bad deployment?", {"system_design"}),
    ("When would you report PR-AUC instead of ROC-AUC?", {"metrics"}),
    ("Why does a random forest have lower variance than a single decision tree?", {"concept"}),
    (
        "How would you keep the 10 largest values from an unbounded stream of numbers?",
        {"coding_approach"},
    ),
    ("Explain the central limit theorem and why A/B tests rely on it.", {"prob_stats"}),
    (
        "Describe a situation where you were about to miss a deadline. What did you do?",
        {"behavioral_star"},
    ),
    (
        "If you rebuilt the last model you shipped, what would you do differently?",
        {"project_deep_dive"},
    ),
    ("Why does Adam often converge faster than plain SGD?", {"deep_learning"}),
    ("How do you pick the number of clusters for k-means?", {"concept"}),
    ("How should cross-validation be set up for time-series forecasting?", {"metrics"}),
    ("How do you check whether a binary tree is a valid binary search tree?", {"coding_approach"}),
    (
        "Tell me about convincing another team to adopt your approach when you had no authority.",
        {"behavioral_star"},
    ),
    (
        "Should fraud features be computed in batch or in a streaming pipeline, and why?",
        {"system_design"},
    ),
]


@pytest.fixture(scope="module")
def routed(shared_kb: KnowledgeBase) -> list[tuple[str, str, set[str]]]:
    retriever = shared_kb.retriever
    return [(q, retriever.retrieve(q).kind, expected) for q, expected in ROUTING_TABLE]


@pytest.mark.slow
def test_top1_routing_accuracy_is_at_least_90_percent(routed) -> None:
    misses = [(q, got) for q, got, expected in routed if got not in expected]
    accuracy = 1 - len(misses) / len(routed)
    assert accuracy >= 0.9, misses


@pytest.mark.slow
def test_drift_question_retrieves_monitoring_knowledge(shared_kb: KnowledgeBase) -> None:
    found = shared_kb.retriever.retrieve("How would you detect data drift in production?")
    assert found.kind in {"system_design", "metrics"}
    assert "drift" in " ".join(found.key_points + found.chunks).lower()
    rubric_name = shared_kb.content.rubrics[found.kind].name
    assert any(c.startswith(rubric_name) for c in found.chunks)


@pytest.mark.slow
def test_free_form_context_uses_retrieved_rubric_and_key_points(shared_kb: KnowledgeBase) -> None:
    ctx = shared_kb.context(question="Why does batch normalisation speed up training?")
    assert ctx.rubric.id == "deep_learning"
    assert ctx.key_points_source == "retrieved"
    assert ctx.key_points


def test_bank_question_resolves_without_opening_chroma(tmp_path) -> None:
    kb = KnowledgeBase(tmp_path)
    question = next(iter(kb.content.questions.values()))
    ctx = kb.context(question_id=question.id)
    assert ctx.key_points == question.key_points
    assert not (tmp_path / "chroma").exists()


def _hit(kind: str, similarity: float, type_: str = "question") -> Hit:
    return Hit("text", {"kind": kind, "topic": "t", "type": type_}, similarity)


def test_weak_vote_falls_back_to_the_generic_concept_rubric() -> None:
    loose = [_hit("behavioral_star", 0.40), _hit("deep_learning", 0.35, "key_point")]
    assert routed_kind(loose) == ("concept", None)
    clear = [_hit("coding_approach", 0.7), _hit("coding_approach", 0.6, "key_point")]
    assert routed_kind(clear) == ("coding_approach", "t")
