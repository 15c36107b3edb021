"""The database: created in the data dir, survives restarts, migrates, refuses bad dirs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.settings import get_settings
from app.storage import attempts, open_database, stories
from app.storage.migrations import SCHEMA_VERSION
from evaluators.errors import StorageError


def test_default_database_lives_in_the_data_dir_in_wal_mode(data_dir: Path) -> None:
    engine = open_database(get_settings().resolved_database_url)
    attempts.create_pending(engine, question_text="Q?", answer_text="A.")
    assert (data_dir / "coach.db").is_file()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_everything_survives_a_restart(data_dir: Path) -> None:
    url = get_settings().resolved_database_url
    first = open_database(url)
    attempt = attempts.create_pending(first, question_text="What is AUC?", answer_text="Area.")
    stories.save_story(first, title="Drift", result="Cut errors 30%", competencies=["failure"])
    first.dispose()

    again = open_database(url)
    [kept] = attempts.list_attempts(again)
    assert (kept.id, kept.answer_text, kept.status) == (attempt.id, "Area.", "pending")
    [story] = stories.list_stories(again)
    assert story.title == "Drift" and story.competencies == ["failure"]


def test_schema_version_is_recorded_and_old_databases_are_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a version-1 database, before preferences existed
        conn.execute("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)")
        conn.execute("INSERT INTO schema_version VALUES (1, 1)")
    engine = open_database(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
        assert conn.exec_driver_sql("SELECT count(*) FROM preferences").scalar() == 0


def test_a_database_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)")
        conn.execute("INSERT INTO schema_version VALUES (1, 999)")
    with pytest.raises(StorageError, match="newer than this app supports"):
        open_database(f"sqlite:///{path}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_data_dir_is_a_clear_storage_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StorageError, match="COACH_DATA_DIR"):
        open_database(f"sqlite:///{locked / 'sub' / 'coach.db'}")


def test_a_data_dir_that_is_a_file_is_a_clear_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    with pytest.raises(StorageError, match="Cannot create the data directory"):
        open_database(f"sqlite:///{blocker / 'coach.db'}")


def test_a_version_2_database_gains_the_reevaluation_columns_and_keeps_its_attempts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v2.db"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:  # back to how version 2 stored attempts
        conn.execute("ALTER TABLE attempts DROP COLUMN reference_answer")
        conn.execute("ALTER TABLE attempts DROP COLUMN delivery_json")
        conn.execute(
            "INSERT INTO attempts (created_at, updated_at, question_text, answer_text, status, "
            "user_id) VALUES ('2026-01-01', '2026-01-01', 'Q?', 'Kept.', 'failed', 'local')"
        )
        conn.execute("UPDATE schema_version SET version = 2")
    engine = open_database(f"sqlite:///{path}")
    [kept] = attempts.list_attempts(engine)
    assert (kept.answer_text, kept.reference_answer, kept.delivery_json) == ("Kept.", None, None)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
