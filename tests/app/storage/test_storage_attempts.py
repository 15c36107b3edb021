"""Attempts: saved before evaluation, concurrent writers lose nothing, self-ratings replace."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from app.settings import get_settings
from app.storage import attempts, open_database
from app.storage.models import utcnow
from evaluators.schemas import CriterionScore, Feedback

WRITERS, PER_WRITER = 10, 15


def _feedback(overall: float = 70.0) -> Feedback:
    return Feedback(
        engine="offline",
        rubric_id="concept",
        overall=overall,
        criteria=[CriterionScore(id="accuracy", name="Accuracy", score=3, evidence=["x"])],
    )


def _write(url: str, writer: int) -> None:
    engine = open_database(url)
    for n in range(PER_WRITER):
        attempt = attempts.create_pending(
            engine, question_text=f"writer {writer}", answer_text=f"answer {n}"
        )
        attempts.complete(engine, attempt.id, _feedback())
    engine.dispose()


def _all_answers(url: str) -> set[tuple[str, str]]:
    rows = attempts.list_attempts(open_database(url))
    assert all(a.status == "done" for a in rows)
    return {(a.question_text, a.answer_text) for a in rows}


def _expected() -> set[tuple[str, str]]:
    return {(f"writer {w}", f"answer {n}") for w in range(WRITERS) for n in range(PER_WRITER)}


def test_ten_threads_writing_at_once_lose_nothing(data_dir: Path) -> None:
    url = get_settings().resolved_database_url
    open_database(url).dispose()
    threads = [threading.Thread(target=_write, args=(url, w)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _all_answers(url) == _expected()


@pytest.mark.slow
def test_ten_processes_writing_at_once_lose_nothing(data_dir: Path) -> None:
    url = get_settings().resolved_database_url
    open_database(url).dispose()
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_write, args=(url, w)) for w in range(WRITERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert [p.exitcode for p in procs] == [0] * WRITERS
    assert _all_answers(url) == _expected()


def test_feedback_and_errors_are_recorded_on_the_same_attempt(data_dir: Path) -> None:
    engine = open_database(get_settings().resolved_database_url)
    ok = attempts.create_pending(engine, question_text="Q", answer_text="A", question_id="q-1")
    bad = attempts.create_pending(engine, question_text="Q", answer_text="B")
    attempts.complete(engine, ok.id, _feedback(81.5), kind="concept")
    attempts.fail(engine, bad.id, "The LLM endpoint timed out.")

    done, failed = attempts.get(engine, ok.id), attempts.get(engine, bad.id)
    assert (done.status, done.overall, done.kind) == ("done", 81.5, "concept")
    assert attempts.feedback_of(done) == _feedback(81.5)
    assert (failed.status, failed.error, failed.answer_text) == (
        "failed",
        "The LLM endpoint timed out.",
        "B",
    )


def test_self_ratings_are_replaced_not_duplicated(data_dir: Path) -> None:
    engine = open_database(get_settings().resolved_database_url)
    attempt = attempts.create_pending(engine, question_text="Q", answer_text="A")
    attempts.save_self_ratings(engine, attempt.id, {"accuracy": 1, "depth": 2})
    attempts.save_self_ratings(engine, attempt.id, {"accuracy": 3})
    assert [(r.criterion_id, r.score) for r in attempts.self_ratings(engine, attempt.id)] == [
        ("accuracy", 3)
    ]


def test_low_scores_are_due_for_review_and_high_scores_are_not(data_dir: Path) -> None:
    engine = open_database(get_settings().resolved_database_url)
    for qid, score in (("weak", 20.0), ("strong", 95.0)):
        attempt = attempts.create_pending(
            engine, question_text=qid, answer_text="A", question_id=qid
        )
        attempts.complete(engine, attempt.id, _feedback(score))
    due = attempts.due_for_review(engine, utcnow() + timedelta(days=1, minutes=1))
    assert [s.question_id for s in due] == ["weak"]
