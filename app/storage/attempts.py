"""Attempts and self-ratings: save before evaluating, then record feedback or the error.

Every function takes ``db``, a database handle scoped to one user (``app.storage.ownership``):
reads return only that user's rows, and an id of someone else's row behaves as missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.storage.db import write_errors
from app.storage.models import Attempt, AttemptStatus, SelfRating, utcnow
from app.storage.spaced import ReviewState, due_queue, replay
from evaluators.schemas import Delivery, Feedback


def _session(db: Engine) -> Session:
    return Session(db, expire_on_commit=False)


def create_pending(
    db: Engine,
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
    found = by_submission_key(db, submission_key) if submission_key is not None else None
    if found is not None and found.status == AttemptStatus.FAILED:
        delivery_json = delivery.model_dump_json() if delivery is not None else None
        return _update(
            db,
            found.id,
            answer_text=answer_text,
            audio_path=audio_path,
            duration_s=duration_s,
            delivery_json=delivery_json,
            status=AttemptStatus.PENDING,
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
    with write_errors("your answer"), _session(db) as session:
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


def complete(db: Engine, attempt_id: int, feedback: Feedback, **context) -> Attempt:
    """Attach feedback (and any context resolved during evaluation, e.g. ``kind``/``topic``)."""
    return _update(
        db,
        attempt_id,
        feedback_json=feedback.model_dump_json(),
        overall=feedback.overall,
        engine=feedback.engine,
        status=AttemptStatus.DONE,
        error=None,
        **context,
    )


def fail(db: Engine, attempt_id: int, error: str) -> Attempt:
    """Keep the answer, record why evaluation failed (the user can retry later)."""
    return _update(db, attempt_id, status=AttemptStatus.FAILED, error=error)


def get(db: Engine, attempt_id: int) -> Attempt | None:
    with _session(db) as session:
        return session.get(Attempt, attempt_id)


def by_submission_key(db: Engine, key: str) -> Attempt | None:
    with _session(db) as session:
        return session.exec(select(Attempt).where(Attempt.submission_key == key)).first()


def list_attempts(
    db: Engine,
    *,
    status: AttemptStatus | None = None,
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
    with _session(db) as session:
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


def save_self_ratings(db: Engine, attempt_id: int, scores: Mapping[str, int]) -> None:
    """Replace the self-ratings of one of the user's attempts.

    Raises:
        KeyError: the attempt does not exist for this user.
    """
    with write_errors("your self-ratings"), _session(db) as session:
        if session.get(Attempt, attempt_id) is None:
            raise KeyError(f"attempt {attempt_id} does not exist")
        existing = session.exec(select(SelfRating).where(SelfRating.attempt_id == attempt_id))
        for rating in existing.all():
            session.delete(rating)
        session.flush()
        for criterion_id, score in scores.items():
            session.add(SelfRating(attempt_id=attempt_id, criterion_id=criterion_id, score=score))
        session.commit()


def self_ratings(db: Engine, attempt_id: int | None = None) -> list[SelfRating]:
    query = select(SelfRating).order_by(col(SelfRating.attempt_id), col(SelfRating.id))
    if attempt_id is not None:
        query = query.where(SelfRating.attempt_id == attempt_id)
    with _session(db) as session:
        return list(session.exec(query).all())


def review_states(db: Engine) -> dict[str, ReviewState]:
    """Spaced-repetition state of every bank question answered at least once."""
    graded = list_attempts(db, status=AttemptStatus.DONE)
    history = [
        (a.question_id, a.updated_at, a.overall)
        for a in graded
        if a.question_id and a.overall is not None
    ]
    return replay(history)


def due_for_review(db: Engine, now: datetime | None = None) -> list[ReviewState]:
    return due_queue(review_states(db).values(), now or utcnow())
