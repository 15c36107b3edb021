"""Schema versions: each step upgrades the database by one version, in order.

Upgrade step for a new release: append a function to ``STEPS`` that alters the schema from the
previous version (``ALTER TABLE ... ADD COLUMN`` and friends); ``migrate`` runs the missing ones
at start-up inside one transaction each and records the version reached.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, Table, inspect, select, text
from sqlmodel import SQLModel

from app.storage import models
from evaluators.errors import StorageError


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


def _v3_attempt_resubmission(conn: Connection) -> None:
    _add_missing_columns(
        conn, models.Attempt.__table__, ["reference_answer", "delivery_json", "submission_key"]
    )


STEPS: list[Callable[[Connection], None]] = [
    _v1_initial_tables,
    _v2_preferences,
    _v3_attempt_resubmission,
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
        SQLModel.metadata.create_all(conn, tables=[models.SchemaVersion.__table__])
        version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"The database has schema version {version}, newer than this app supports "
            f"({SCHEMA_VERSION}). Upgrade interview-coach or point COACH_DATABASE_URL elsewhere."
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with engine.begin() as conn:
            STEPS[number - 1](conn)
            _record(conn, number)
    return SCHEMA_VERSION
