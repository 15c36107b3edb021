"""Settings chosen in the app (engine, endpoint, model). Secrets are refused, never stored."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.storage.db import write_errors
from app.storage.models import Preference

ALLOWED_KEYS = frozenset({"engine", "llm_model", "openai_base_url"})


def _find(session: Session, key: str) -> Preference | None:
    return session.exec(select(Preference).where(Preference.key == key)).first()


def get_preferences(db: Engine) -> dict[str, str]:
    """The user's saved choices (the ownership filter keeps other users' out)."""
    with Session(db) as session:
        return {p.key: p.value for p in session.exec(select(Preference)).all()}


def set_preference(db: Engine, key: str, value: str | None) -> None:
    """Store one choice; ``None`` or empty removes it (back to the environment's value)."""
    if key not in ALLOWED_KEYS:
        raise ValueError(f"{key!r} cannot be stored; credentials come from the environment")
    with write_errors("your settings"), Session(db) as session:
        try:
            _write(session, key, value)
        except IntegrityError:  # another process inserted the same key first: update theirs
            session.rollback()
            _write(session, key, value)


def _write(session: Session, key: str, value: str | None) -> None:
    existing = _find(session, key)
    if value:
        session.add(Preference(key=key, value=value) if existing is None else existing)
        if existing is not None:
            existing.value = value
    elif existing is not None:
        session.delete(existing)
    session.commit()
