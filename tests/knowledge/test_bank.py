"""The shipped question bank: complete, consistent and specific enough to grade against."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from knowledge import bank
from knowledge.bank import (
    MIN_RED_FLAGS,
    STORY_KINDS,
    Content,
    load_content,
    red_flag_issues,
    topic_counts,
)
from knowledge.models import COMPETENCIES, TOPICS, Question


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


def test_every_technical_question_states_at_least_three_wrong_claims(content: Content) -> None:
    """The correctness check matches answer sentences to red flags, so each is a claim."""
    for q in content.questions.values():
        if q.kind in STORY_KINDS:
            continue
        assert len(q.red_flags) >= MIN_RED_FLAGS, q.id
        assert red_flag_issues(q) == [], q.id


def test_behavioral_difficulty_is_spread(content: Content) -> None:
    levels = Counter(q.difficulty for q in content.by_topic("behavioral"))
    assert min(levels[d] for d in ("easy", "medium", "hard")) >= 5, levels


def _question(**changes: object) -> Question:
    base = {
        "id": "q",
        "topic": "ml_concepts",
        "kind": "concept",
        "difficulty": "easy",
        "prompt": "What is overfitting?",
        "key_points": ["Fits noise.", "Detected by a train-validation gap."],
        "red_flags": [
            "More data increases variance.",
            "A low training error proves the model generalises.",
            "Overfitting means both errors are high.",
        ],
        "follow_ups": ["How do you detect it?"],
        "model_answer": "Overfitting is when a model fits noise in its training data.",
    }
    return Question.model_validate({**base, **changes})


def test_red_flag_rule_accepts_declarative_claims() -> None:
    assert red_flag_issues(_question()) == []


def test_red_flag_rule_reports_too_few_and_reported_claims() -> None:
    issues = red_flag_issues(_question(red_flags=["Claims more data reduces bias."]))
    assert [i for i, _ in issues] == [None, 0]
    assert "at least 3 red flags, found 1" in issues[0][1]
    assert "'Claims'" in issues[1][1]


def test_story_questions_are_exempt_from_the_red_flag_rule() -> None:
    story = _question(topic="projects", kind="project_deep_dive", red_flags=["Blames the team."])
    assert red_flag_issues(story) == []


def test_shipped_questions_below_the_bar_are_reported_with_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bank.yaml").write_text(
        "topic: ml_concepts\nquestions:\n"
        "  - id: thin\n    difficulty: easy\n    prompt: What is overfitting?\n"
        "    key_points: [Fits noise., Detected by a gap.]\n"
        "    red_flags:\n      - Says more data reduces bias.\n"
        "    follow_ups: ['How do you detect it?']\n"
        "    model_answer: Overfitting is when a model fits noise in its training data.\n"
    )
    monkeypatch.setattr(bank, "SHIPPED_DIR", tmp_path)
    content = load_content()
    lines = sorted((p.line, p.message) for p in content.problems)
    assert [line for line, _ in lines] == [7, 8]
    assert "thin" in content.questions  # reported, still usable


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


RELEASED_IDS = Path(__file__).parent / "data" / "released_question_ids.txt"


def test_released_question_ids_are_never_removed(content: Content) -> None:
    """Ids are stable slugs: saved attempts, review queues and benchmark files refer to them."""
    lines = RELEASED_IDS.read_text(encoding="utf-8").splitlines()
    released = {line for line in lines if line and not line.startswith("#")}
    assert released - set(content.questions) == set()
