"""Mock interview sessions: the plan of questions, start and finish times."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.storage.db import write_errors
from app.storage.models import MockSession, utcnow


def start_session(
    db: Engine, question_ids: Sequence[str], minutes_per_question: float
) -> MockSession:
    mock = MockSession(
        plan_json=json.dumps(list(question_ids)), minutes_per_question=minutes_per_question
    )
    with write_errors("the mock interview"), Session(db, expire_on_commit=False) as session:
        session.add(mock)
        session.commit()
    return mock


def finish_session(db: Engine, session_id: int) -> MockSession | None:
    with write_errors("the mock interview"), Session(db, expire_on_commit=False) as session:
        mock = session.get(MockSession, session_id)
        if mock is not None and mock.finished_at is None:
            mock.finished_at = utcnow()
            session.add(mock)
            session.commit()
        return mock


def get_session(db: Engine, session_id: int) -> MockSession | None:
    with Session(db, expire_on_commit=False) as session:
        return session.get(MockSession, session_id)


def list_sessions(db: Engine) -> list[MockSession]:
    query = select(MockSession).order_by(col(MockSession.created_at).desc())
    with Session(db, expire_on_commit=False) as session:
        return list(session.exec(query).all())
