"""Attempts and self-ratings: save before evaluating, then record feedback or the error."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.storage.db import write_errors
from app.storage.models import Attempt, SelfRating, utcnow
from app.storage.spaced import ReviewState, due_queue, replay
from evaluators.schemas import Delivery, Feedback


def _session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)


def create_pending(
    engine: Engine,
    *,
    question_text: str,
    answer_text: str,
    question_id: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    audio_path: str | None = None,
    session_id: int | None = None,
    parent_attempt_id: int | None = None,
    duration_s: float | None = None,
    reference_answer: str | None = None,
    delivery: Delivery | None = None,
    submission_key: str | None = None,
) -> Attempt:
    """Persist the answer with status ``pending`` (call before the evaluation starts), with
    everything a later re-evaluation needs (reference answer, delivery metrics).

    Idempotent per ``submission_key``: when an attempt with that key exists, it is returned
    and nothing new is saved; only a failed one takes the new answer, to be evaluated again.
    """
    found = by_submission_key(engine, submission_key) if submission_key is not None else None
    if found is not None and found.status == "failed":
        delivery_json = delivery.model_dump_json() if delivery is not None else None
        return _update(
            engine,
            found.id,
            answer_text=answer_text,
            audio_path=audio_path,
            duration_s=duration_s,
            delivery_json=delivery_json,
            status="pending",
            error=None,
        )
    if found is not None:
        return found
    attempt = Attempt(
        submission_key=submission_key,
        reference_answer=reference_answer,
        delivery_json=delivery.model_dump_json() if delivery is not None else None,
        question_text=question_text,
        answer_text=answer_text,
        question_id=question_id,
        topic=topic,
        kind=kind,
        audio_path=audio_path,
        session_id=session_id,
        parent_attempt_id=parent_attempt_id,
        duration_s=duration_s,
    )
    with write_errors("your answer"), _session(engine) as session:
        session.add(attempt)
        session.commit()
    return attempt


def _update(db: Engine, attempt_id: int, /, **values) -> Attempt:
    with write_errors("the evaluation"), _session(db) as session:
        attempt = session.get(Attempt, attempt_id)
        if attempt is None:
            raise KeyError(f"attempt {attempt_id} does not exist")
        for name, value in values.items():
            setattr(attempt, name, value)
        attempt.updated_at = utcnow()
        session.add(attempt)
        session.commit()
    return attempt


def complete(engine: Engine, attempt_id: int, feedback: Feedback, **context) -> Attempt:
    """Attach feedback (and any context resolved during evaluation, e.g. ``kind``/``topic``)."""
    return _update(
        engine,
        attempt_id,
        feedback_json=feedback.model_dump_json(),
        overall=feedback.overall,
        engine=feedback.engine,
        status="done",
        error=None,
        **context,
    )


def fail(engine: Engine, attempt_id: int, error: str) -> Attempt:
    """Keep the answer, record why evaluation failed (the user can retry later)."""
    return _update(engine, attempt_id, status="failed", error=error)


def get(engine: Engine, attempt_id: int) -> Attempt | None:
    with _session(engine) as session:
        return session.get(Attempt, attempt_id)


def by_submission_key(engine: Engine, key: str) -> Attempt | None:
    with _session(engine) as session:
        return session.exec(select(Attempt).where(Attempt.submission_key == key)).first()


def list_attempts(
    engine: Engine,
    *,
    status: str | None = None,
    question_id: str | None = None,
    question_text: str | None = None,
    session_id: int | None = None,
) -> list[Attempt]:
    """Attempts in chronological order, optionally filtered."""
    query = select(Attempt).order_by(col(Attempt.created_at), col(Attempt.id))
    if status is not None:
        query = query.where(Attempt.status == status)
    if question_id is not None:
        query = query.where(Attempt.question_id == question_id)
    if question_text is not None:
        query = query.where(Attempt.question_text == question_text)
    if session_id is not None:
        query = query.where(Attempt.session_id == session_id)
    with _session(engine) as session:
        return list(session.exec(query).all())


def feedback_of(attempt: Attempt) -> Feedback | None:
    """The stored feedback, parsed back into the shared schema."""
    if not attempt.feedback_json:
        return None
    return Feedback.model_validate_json(attempt.feedback_json)


def delivery_of(attempt: Attempt) -> Delivery | None:
    """The delivery metrics stored with a spoken answer."""
    if not attempt.delivery_json:
        return None
    return Delivery.model_validate_json(attempt.delivery_json)


def save_self_ratings(engine: Engine, attempt_id: int, scores: Mapping[str, int]) -> None:
    """Replace the self-ratings of one attempt."""
    with write_errors("your self-ratings"), _session(engine) as session:
        existing = session.exec(select(SelfRating).where(SelfRating.attempt_id == attempt_id))
        for rating in existing.all():
            session.delete(rating)
        session.flush()
        for criterion_id, score in scores.items():
            session.add(SelfRating(attempt_id=attempt_id, criterion_id=criterion_id, score=score))
        session.commit()


def self_ratings(engine: Engine, attempt_id: int | None = None) -> list[SelfRating]:
    query = select(SelfRating).order_by(col(SelfRating.attempt_id), col(SelfRating.id))
    if attempt_id is not None:
        query = query.where(SelfRating.attempt_id == attempt_id)
    with _session(engine) as session:
        return list(session.exec(query).all())


def review_states(engine: Engine) -> dict[str, ReviewState]:
    """Spaced-repetition state of every bank question answered at least once."""
    graded = list_attempts(engine, status="done")
    history = [
        (a.question_id, a.updated_at, a.overall)
        for a in graded
        if a.question_id and a.overall is not None
    ]
    return replay(history)


def due_for_review(engine: Engine, now: datetime | None = None) -> list[ReviewState]:
    return due_queue(review_states(engine).values(), now or utcnow())
