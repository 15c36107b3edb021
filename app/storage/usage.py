"""LLM evaluations per user, counted in the database so every app replica sees the same budget."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from app.storage.db import write_errors
from app.storage.models import LlmCall, utcnow
from app.storage.ownership import user_of
from evaluators.errors import RateLimited


def _exhausted(limit: int, window: timedelta, retry_at: datetime) -> RateLimited:
    minutes = round(window.total_seconds() / 60)
    return RateLimited(
        f"You have used your {limit} LLM evaluations for the last {minutes} minutes; the "
        f"next one is available at {retry_at:%H:%M} UTC. Your answer is saved: evaluate it "
        "again then, or switch to the offline engine in Settings."
    )


def _lock_user(session: Session, user_id: str) -> None:
    """On PostgreSQL, serialise reservations of one user across processes until commit (SQLite's
    ``BEGIN IMMEDIATE`` already does)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(user_id.encode()).digest()[:8], "big", signed=True)
        session.connection().execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def reserve_llm_calls(
    db: Engine, count: int, limit: int, window: timedelta, now: datetime | None = None
) -> None:
    """Record ``count`` LLM evaluations for the user, unless that would exceed ``limit`` in
    ``window`` (all or none, so a refused batch costs nothing).

    Raises:
        RateLimited: the budget is spent (the message says when the next call is free);
            nothing is recorded.
    """
    now = now or utcnow()
    since = now - window
    with write_errors("the evaluation count"), Session(db) as session:
        _lock_user(session, user_of(db))
        started = select(LlmCall.started_at).where(col(LlmCall.started_at) > since)
        recent = sorted(session.exec(started).all())
        if len(recent) + count > limit:
            must_expire = min(len(recent) + count - limit, len(recent))
            frees_up = _aware(recent[must_expire - 1]) + window if must_expire else now + window
            raise _exhausted(limit, window, frees_up)
        session.add_all(LlmCall(started_at=now) for _ in range(count))
        session.commit()


def llm_calls_since(db: Engine, since: datetime) -> int:
    """How many LLM evaluations the user started after ``since``."""
    with Session(db) as session:
        query = select(func.count()).select_from(LlmCall).where(col(LlmCall.started_at) > since)
        return session.exec(query).one()


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for what was stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)
