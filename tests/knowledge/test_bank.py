"""The shipped question bank: complete, consistent and specific enough to grade against."""

from __future__ import annotations

from collections import Counter

import pytest

from knowledge.bank import Content, load_content, topic_counts
from knowledge.models import COMPETENCIES, TOPICS


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def test_shipped_content_has_no_problems(content: Content) -> None:
    assert [str(p) for p in content.problems] == []


def test_bank_has_at_least_260_questions_and_20_per_topic(content: Content) -> None:
    counts = topic_counts(content)
    assert sum(counts.values()) >= 260
    assert {t for t, n in counts.items() if n < 20} == set(), counts


def test_every_question_kind_has_a_rubric(content: Content) -> None:
    assert {q.kind for q in content.questions.values()} <= set(content.rubrics)


def test_every_topic_has_mixed_difficulty(content: Content) -> None:
    for topic in TOPICS:
        levels = {q.difficulty for q in content.by_topic(topic)}
        assert len(levels) >= 2, f"{topic} has only {levels}"


def test_questions_are_complete(content: Content) -> None:
    for q in content.questions.values():
        assert len(q.key_points) >= 3, q.id
        assert q.follow_ups, q.id
        assert len(q.model_answer.split()) >= 60, q.id
        assert q.topic == "behavioral" or q.red_flags, q.id


def test_prompts_are_unique(content: Content) -> None:
    prompts = Counter(q.prompt.strip().lower() for q in content.questions.values())
    assert [p for p, n in prompts.items() if n > 1] == []


def test_behavioral_prompts_cover_every_competency(content: Content) -> None:
    covered = {c for q in content.by_topic("behavioral") for c in q.competencies}
    assert covered >= set(COMPETENCIES) - {"ownership", "learning"}


def test_bank_includes_scenario_questions(content: Content) -> None:
    """Not only "explain X": a production-gap scenario and the drift question must be there."""
    prompts = " ".join(q.prompt.lower() for q in content.questions.values())
    assert "production" in prompts
    assert "drift" in prompts


LOOP_AREAS_2026 = {
    "genai": {"rag", "llm-as-a-judge", "kv-cache", "speculative-decoding", "dpo", "guardrails"},
    "recsys": {"matrix-factorisation", "implicit-feedback", "position-bias", "multi-task"},
    "distributed-training": {"zero", "tensor-parallelism", "scaling-laws"},
    "experimentation": {"bandits", "switchback", "surrogate-metrics", "cuped"},
    "contrastive-learning": {"infonce", "temperature", "hard-negatives"},
    "responsible-ai": {"fairness", "differential-privacy", "pii"},
    "sql": {"window-functions", "sessionisation", "deduplication", "joins"},
    "ml-coding": {"softmax", "attention", "logistic-regression", "nms", "decision-tree"},
}
"""Areas 2026 MLE loops ask about (issue 14), as the tags of the questions that practise them."""


@pytest.mark.parametrize("area", sorted(LOOP_AREAS_2026))
def test_bank_practises_every_2026_loop_area(content: Content, area: str) -> None:
    tagged = [set(q.tags) for q in content.questions.values() if area in q.tags]
    covered = set().union(*tagged) if tagged else set()
    assert LOOP_AREAS_2026[area] <= covered, LOOP_AREAS_2026[area] - covered
