"""Settings chosen in the app (engine, endpoint, model). Secrets are refused, never stored."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.storage.db import write_errors
from app.storage.models import Preference

ALLOWED_KEYS = frozenset({"engine", "llm_model", "openai_base_url"})


def get_preferences(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        return {p.key: p.value for p in session.exec(select(Preference)).all()}


def set_preference(engine: Engine, key: str, value: str | None) -> None:
    """Store one choice; ``None`` or empty removes it (back to the environment's value)."""
    if key not in ALLOWED_KEYS:
        raise ValueError(f"{key!r} cannot be stored; credentials come from the environment")
    with write_errors("your settings"), Session(engine) as session:
        existing = session.get(Preference, key)
        if value:
            session.add(Preference(key=key, value=value) if existing is None else existing)
            if existing is not None:
                existing.value = value
        elif existing is not None:
            session.delete(existing)
        session.commit()
