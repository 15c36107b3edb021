"""Open the database: create the data directory, tune SQLite, run migrations.

SQLite runs in WAL mode with a busy timeout, and every transaction starts with ``BEGIN
IMMEDIATE``: concurrent writers (two browser tabs, the CLI) then queue for the write lock
instead of failing with "database is locked" when a read transaction tries to upgrade.

PostgreSQL (team mode) goes through psycopg 3: a plain ``postgresql://`` URL is given that
driver, and pooled connections are checked before use so a restarted server is not an error.
The engine returned is scoped to one user (``app.storage.ownership``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from app.storage.migrations import migrate
from app.storage.models import LOCAL_USER
from app.storage.ownership import for_user
from core.errors import StorageError

BUSY_TIMEOUT_MS = 30_000


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _ensure_writable_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"Cannot create the data directory {directory} ({exc.strerror}). "
            "Set COACH_DATA_DIR to a folder you can write to."
        ) from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StorageError(
            f"The data directory {directory} is not writable. "
            "Set COACH_DATA_DIR to a folder you can write to."
        )


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN itself
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _with_driver(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":  # SQLAlchemy's default would be psycopg2
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite files the directory is created and checked first."""
    sqlite_file = _sqlite_file(url)
    if sqlite_file is not None:
        _ensure_writable_dir(sqlite_file.parent)
    parsed = _with_driver(url)
    if parsed.get_backend_name() != "sqlite":
        # timestamps are stored as UTC without a zone: make the server's session zone agree
        is_postgres = parsed.get_backend_name() == "postgresql"
        options = {"options": "-c timezone=UTC"} if is_postgres else {}
        return create_engine(parsed, pool_pre_ping=True, connect_args=options)
    connect_args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    engine = create_engine(parsed, connect_args=connect_args)
    _tune_sqlite(engine)
    return engine


def open_database(url: str, user_id: str = LOCAL_USER) -> Engine:
    """A ready-to-use engine for ``user_id``: directory checked, schema migrated.

    ``for_user`` gives the same database to another user without reconnecting.

    Raises:
        StorageError: the directory or database cannot be created, opened or upgraded.
    """
    engine = make_engine(url)
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        where = _sqlite_file(url) or make_url(url).render_as_string(hide_password=True)
        cause = getattr(exc, "orig", None) or exc
        raise StorageError(f"Cannot open the database at {where}: {cause}") from None
    return for_user(engine, user_id)


@contextmanager
def write_errors(what: str) -> Iterator[None]:
    """Turn a write the database refused (disk full, read-only, locked past the busy timeout)
    into a ``StorageError`` that names the cause, instead of a driver traceback."""
    try:
        yield
    except OperationalError as exc:
        raise StorageError(
            f"Could not save {what}: {exc.orig or exc}. Free disk space or close the other "
            "program using the database, then try again."
        ) from None
