"""Faults around the user's data: locked database, killed process, full or read-only disk,
an LLM endpoint that is down. Nothing committed is lost and every failure is one clear sentence.

Covered elsewhere: the LLM endpoint slow, rate-limiting or returning garbage
(tests/evaluators/llm/test_evaluator.py, test_grade_cli.py against the local scripted server);
the Chroma directory missing or corrupted (tests/knowledge/test_index.py).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.grading import QuestionRef, Submission, grade_and_save
from app.settings import get_settings
from app.storage import attempts, db, open_database, preferences, sessions, stories
from evaluators.errors import StorageError
from evaluators.offline import OfflineEvaluator
from tests.app.helpers import APP, TIMEOUT_S
from tests.security.conftest import DEAD_ENDPOINT_LINES, run_coach

ROOT = Path(__file__).resolve().parents[2]


def _unshare_mount_works() -> bool:
    try:
        return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


needs_mountns = pytest.mark.skipif(
    not _unshare_mount_works(), reason="this kernel does not allow unprivileged mount namespaces"
)


# --- the database locked by another writer -------------------------------------------------


def _lock(path: Path) -> sqlite3.Connection:
    """Another program taking the write lock (as a second app instance or a DB browser would)."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_brief_lock_by_another_writer_only_delays_the_save(data_dir: Path) -> None:
    engine = open_database(get_settings().resolved_database_url)
    other = _lock(data_dir / "coach.db")
    threading.Timer(1.0, other.rollback).start()
    saved = attempts.create_pending(engine, question_text="Q", answer_text="typed while locked")
    assert [a.answer_text for a in attempts.list_attempts(engine)] == [saved.answer_text]


def test_a_lock_held_past_the_busy_timeout_is_a_clear_error_and_loses_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    engine = open_database(get_settings().resolved_database_url)
    kept = attempts.create_pending(engine, question_text="Q", answer_text="before the lock")
    other = _lock(data_dir / "coach.db")
    ref, sub = QuestionRef(text="What is a stack?"), Submission(answer="Last in, first out.")
    with pytest.raises(StorageError) as raised:
        grade_and_save(engine, OfflineEvaluator(), None, ref, sub)
    other.rollback()
    assert str(raised.value).startswith("Could not save your answer: database is locked.")
    assert [a.id for a in attempts.list_attempts(engine)] == [kept.id]
    again = attempts.create_pending(engine, question_text="Q", answer_text=sub.answer)
    assert [a.id for a in attempts.list_attempts(engine)] == [kept.id, again.id]


WRITES = {
    "your story": lambda engine: stories.save_story(engine, title="Outage", situation="S"),
    "your settings": lambda engine: preferences.set_preference(engine, "llm_model", "m"),
    "the mock interview": lambda engine: sessions.start_session(engine, ["q"], 3.0),
    "your self-ratings": lambda engine: attempts.save_self_ratings(engine, 1, {"coverage": 2}),
}


@pytest.mark.parametrize("what", WRITES)
def test_every_kind_of_write_refused_by_a_lock_is_a_clear_storage_error(
    what: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    engine = open_database(get_settings().resolved_database_url)
    attempts.create_pending(engine, question_text="Q", answer_text="kept")
    other = _lock(data_dir / "coach.db")
    with pytest.raises(StorageError) as raised:
        WRITES[what](engine)
    other.rollback()
    assert str(raised.value).startswith(f"Could not save {what}: database is locked.")


# --- killed mid-write ----------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from app.storage import attempts, open_database
    from evaluators.schemas import CriterionScore, Feedback

    engine = open_database(sys.argv[1])
    feedback = Feedback(engine="offline", rubric_id="concept", overall=50.0,
                        criteria=[CriterionScore(id="c", name="C", score=2)])
    n = 0
    while True:
        n += 1
        attempt = attempts.create_pending(engine, question_text="Q", answer_text=f"answer {n}"
                                          + " padding" * 500)
        print(f"pending {attempt.id}", flush=True)
        attempts.complete(engine, attempt.id, feedback)
        print(f"done {attempt.id}", flush=True)
    """
)


@pytest.mark.slow
def test_a_process_killed_mid_write_keeps_everything_it_committed(data_dir: Path) -> None:
    url = get_settings().resolved_database_url
    open_database(url).dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True, env=env
    )
    reported = []
    for line in proc.stdout:
        reported.append(line.split())
        if len(reported) >= 400:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(data_dir / "coach.db") as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    engine = open_database(url)  # "restart"
    stored = {a.id: a for a in attempts.list_attempts(engine)}
    for state, ident in reported:
        assert int(ident) in stored, f"committed attempt {ident} is gone"
        if state == "done":
            assert stored[int(ident)].status == "done"
    assert all(a.answer_text.startswith("answer ") for a in stored.values())
    attempts.create_pending(engine, question_text="Q", answer_text="after the crash")


# --- the disk full or read-only --------------------------------------------------------------

IN_NAMESPACE = textwrap.dedent(
    """
    import json, sqlite3, sys
    from app.storage import attempts, open_database
    from evaluators.errors import StorageError

    folder, mode = sys.argv[1], sys.argv[2]
    url = f"sqlite:///{folder}/coach.db"
    result = {"saved": 0}
    try:
        engine = open_database(url)
        while True:
            attempts.create_pending(engine, question_text="Q", answer_text="x" * 20_000)
            result["saved"] += 1
    except StorageError as err:
        result["error"] = str(err)
    if mode == "full":
        engine.dispose()
        with sqlite3.connect(f"{folder}/coach.db") as raw:
            result["integrity"] = raw.execute("PRAGMA integrity_check").fetchone()[0]
            result["rows"] = raw.execute("SELECT count(*) FROM attempts").fetchone()[0]
    print(json.dumps(result))
    """
)


def _in_mount_namespace(setup: str, folder: Path, mode: str) -> dict:
    script = f'{setup} && exec "$0" -c "$1" "$2" "$3"'
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, sys.executable, IN_NAMESPACE, str(folder), mode],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_mountns
@pytest.mark.slow
def test_a_full_disk_is_a_clear_error_and_every_saved_answer_survives(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    result = _in_mount_namespace(f"mount -t tmpfs -o size=512k tmpfs {folder}", folder, "full")
    assert result["saved"] > 0
    assert result["error"].startswith("Could not save your answer: database or disk is full.")
    assert result["integrity"] == "ok" and result["rows"] == result["saved"]


@needs_mountns
@pytest.mark.slow
def test_a_read_only_data_dir_is_a_clear_storage_error(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    setup = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}"
    result = _in_mount_namespace(setup, folder, "ro")
    assert result == {
        "saved": 0,
        "error": f"The data directory {folder} is not writable. "
        "Set COACH_DATA_DIR to a folder you can write to.",
    }


@pytest.mark.slow
def test_cli_with_a_data_dir_under_a_regular_file_says_so(coach_env, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file, not a directory")
    done = run_coach("index", env={**coach_env, "COACH_DATA_DIR": str(blocker / "data")})
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Error: Cannot use the index directory")
    assert "Not a directory" in done.stderr


def test_app_with_an_unusable_data_dir_shows_the_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file, not a directory")
    monkeypatch.setenv("COACH_DATA_DIR", str(blocker / "data"))
    get_settings.cache_clear()
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Cannot create the data directory" in e.value for e in at.error)


# --- the LLM endpoint down, through the CLI -----------------------------------------------


@pytest.mark.slow
def test_grade_with_the_llm_down_falls_back_offline_with_a_notice(dead_endpoint_grade) -> None:
    done = dead_endpoint_grade
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in records] == [line["id"] for line in DEAD_ENDPOINT_LINES]
    for record in records:
        assert record["engine"] == "offline"
        assert any("LLM unavailable" in n and "cannot reach" in n for n in record["notices"])
