"""Row ownership: a database handle belongs to one user, and the ORM only shows that user's rows.

The user rides on the engine handle (``for_user`` returns ``engine.execution_options(...)``, which
shares the connection pool), so the repository modules and the pages keep passing one ``db``
argument. Two ORM events, registered once for every session, enforce it in one place instead of a
``WHERE`` in each query (SQLAlchemy's documented "global filter" recipe):

- ``do_orm_execute`` adds ``with_loader_criteria(user_id == <user>)`` for each owned table to
  every ORM SELECT, UPDATE and DELETE — including ``Session.get``, so an id guessed from another
  user's URL or export finds nothing;
- ``before_flush`` stamps new rows with the handle's user, so nothing is written on someone
  else's behalf.

A handle without a user is refused rather than shown everything.
"""

from __future__ import annotations

from sqlalchemy import Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from app.storage.models import LOCAL_USER, OWNED_TABLES

USER_OPTION = "coach_user_id"


class UnscopedDatabase(RuntimeError):
    """A session was opened on an engine that names no user (a programming error)."""


def for_user(engine: Engine, user_id: str = LOCAL_USER) -> Engine:
    """The same database, seen as ``user_id`` (cheap: no new pool, no new connection)."""
    if not user_id:
        raise ValueError("a user id is required")
    return engine.execution_options(**{USER_OPTION: user_id})


def user_of(engine: Engine) -> str:
    """The user a database handle belongs to."""
    user_id = engine.get_execution_options().get(USER_OPTION)
    if not user_id:
        raise UnscopedDatabase(
            "this database handle belongs to no user; open it with open_database() or for_user()"
        )
    return user_id


def _session_user(session: Session) -> str:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return user_of(engine)


@event.listens_for(Session, "do_orm_execute")
def _only_own_rows(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    user_id = _session_user(state.session)
    options = [
        with_loader_criteria(
            table,
            table.user_id == user_id,  # type: ignore[attr-defined]
            include_aliases=True,
            propagate_to_loaders=False,  # keep it out of loaded rows (they are deep-copied)
        )
        for table in OWNED_TABLES
    ]
    state.statement = state.statement.options(*options)


@event.listens_for(Session, "before_flush")
def _stamp_new_rows(session: Session, _context, _instances) -> None:
    owned = [row for row in session.new if isinstance(row, OWNED_TABLES)]
    if not owned:
        return
    user_id = _session_user(session)
    for row in owned:
        row.user_id = user_id  # type: ignore[attr-defined]
