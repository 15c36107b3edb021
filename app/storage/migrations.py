"""Schema versions: each step upgrades the database by one version, in order.

Upgrade step for a new release: append a function to ``STEPS`` that alters the schema from the
previous version (``ALTER TABLE ... ADD COLUMN`` and friends); ``migrate`` runs the missing ones
at start-up inside one transaction each and records the version reached.

The early steps create tables from the *current* models, so a later step that adds a column
checks first whether the column is already there (a new database gets it from step 1).
Several app processes may start at once on one PostgreSQL database: each step takes a
transaction-scoped advisory lock and re-reads the version, so exactly one process runs it
(SQLite's ``BEGIN IMMEDIATE`` serialises them the same way).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, Table, inspect, select, text
from sqlmodel import SQLModel

from app.storage import models
from core.errors import StorageError

MIGRATION_LOCK_ID = 0x1C0AC4
"""PostgreSQL advisory-lock key held while a migration step runs (any constant unique to us)."""


def _v1_initial_tables(conn: Connection) -> None:
    tables = [
        models.MockSession.__table__,
        models.Attempt.__table__,
        models.SelfRating.__table__,
        models.Story.__table__,
    ]
    SQLModel.metadata.create_all(conn, tables=tables)


def _v2_preferences(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn, tables=[models.Preference.__table__])


def _add_owner_column(conn: Connection, model: type[SQLModel]) -> None:
    SQLModel.metadata.create_all(conn, tables=[model.__table__])  # type: ignore[attr-defined]
    table = model.__tablename__
    columns = {c["name"] for c in inspect(conn).get_columns(table)}
    if "user_id" not in columns:
        conn.execute(
            text(
                f"ALTER TABLE {table} ADD COLUMN user_id VARCHAR({models.USER_ID_MAX_LENGTH}) "
                f"NOT NULL DEFAULT '{models.LOCAL_USER}'"
            )
        )
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{table}_user_id ON {table} (user_id)"))


def _preferences_keyed_by_user(conn: Connection) -> None:
    """Rebuild ``preferences`` with (user_id, key) as its key; the rows go to the local user."""
    table = models.Preference.__table__
    primary_key = inspect(conn).get_pk_constraint(table.name)["constrained_columns"]
    if "user_id" in primary_key:
        return
    rows = conn.execute(text(f"SELECT key, value FROM {table.name}")).all()
    conn.execute(text(f"DROP TABLE {table.name}"))
    table.create(conn)
    if rows:
        values = [{"user_id": models.LOCAL_USER, "key": k, "value": v} for k, v in rows]
        conn.execute(table.insert(), values)


def _v3_rows_belong_to_users(conn: Connection) -> None:
    """Team mode: every row gets an owner; rows of a single-user database go to the local user."""
    for model in (models.MockSession, models.Attempt, models.SelfRating, models.Story):
        _add_owner_column(conn, model)
    _preferences_keyed_by_user(conn)
    SQLModel.metadata.create_all(conn, tables=[models.LlmCall.__table__])


def _v4_practice_plans(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn, tables=[models.PracticePlanRecord.__table__])


def _add_missing_columns(conn: Connection, table: Table, names: list[str]) -> None:
    """``ALTER TABLE ... ADD COLUMN`` for each of ``names`` the table lacks (a database created
    at this version already has them: version 1 creates tables from the current models)."""
    table.create(conn, checkfirst=True)
    present = {column["name"] for column in inspect(conn).get_columns(table.name)}
    for name in names:
        if name not in present:
            column = table.columns[name]
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}"))
    for index in table.indexes:
        if any(column.name in names for column in index.columns):
            index.create(conn, checkfirst=True)


def _v5_attempt_resubmission(conn: Connection) -> None:
    _add_missing_columns(
        conn, models.Attempt.__table__, ["reference_answer", "delivery_json", "submission_key"]
    )


STEPS: list[Callable[[Connection], None]] = [
    _v1_initial_tables,
    _v2_preferences,
    _v3_rows_belong_to_users,
    _v4_practice_plans,
    _v5_attempt_resubmission,
]
SCHEMA_VERSION = len(STEPS)


def current_version(conn: Connection) -> int:
    """The version recorded in the database (0 for a new, empty database)."""
    if not inspect(conn).has_table(models.SchemaVersion.__tablename__):
        return 0
    row = conn.execute(select(models.SchemaVersion.version)).scalar()
    return row or 0


def _record(conn: Connection, version: int) -> None:
    table = models.SchemaVersion.__table__
    conn.execute(table.delete())
    conn.execute(table.insert().values(id=1, version=version))


def migrate(engine: Engine) -> int:
    """Run every missing step; returns the version reached.

    Raises:
        StorageError: the database was written by a newer version of the app.
    """
    with engine.begin() as conn:
        _lock(conn)
        SQLModel.metadata.create_all(conn, tables=[models.SchemaVersion.__table__])
        version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"The database has schema version {version}, newer than this app supports "
            f"({SCHEMA_VERSION}). Upgrade interview-coach or point COACH_DATABASE_URL elsewhere."
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with engine.begin() as conn:
            _lock(conn)
            if current_version(conn) >= number:  # another process ran it meanwhile
                continue
            STEPS[number - 1](conn)
            _record(conn, number)
    return SCHEMA_VERSION


def _lock(conn: Connection) -> None:
    """Serialise migrations across processes on PostgreSQL (released at commit)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_ID})
