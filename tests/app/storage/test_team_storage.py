"""Team mode storage: each user sees and changes only their own rows, on SQLite and a real
PostgreSQL; old single-user databases migrate to the local user; writers in several processes
lose nothing."""

from __future__ import annotations

import multiprocessing
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from app.storage import attempts, open_database, preferences, sessions, stories
from app.storage.migrations import SCHEMA_VERSION
from app.storage.models import LOCAL_USER, AttemptStatus, utcnow
from app.storage.ownership import UnscopedDatabase, for_user
from evaluators.schemas import CriterionScore, Feedback
from tests.fixtures.postgres import PostgresCluster

pytestmark = pytest.mark.team

PROCESSES, PER_PROCESS = 4, 20


def _feedback(overall: float) -> Feedback:
    return Feedback(
        engine="offline",
        rubric_id="concept",
        question_id="bias-variance",
        overall=overall,
        criteria=[CriterionScore(id="accuracy", name="Accuracy", score=2, evidence=["x"])],
    )


def _fill(db: Engine, tag: str) -> dict[str, int]:
    """One of everything a user can store; returns the ids."""
    mock = sessions.start_session(db, ["bias-variance"], 5.0)
    attempt = attempts.create_pending(
        db,
        question_text=f"{tag}: bias and variance?",
        answer_text=f"{tag}'s answer",
        question_id="bias-variance",
        session_id=mock.id,
    )
    attempts.complete(db, attempt.id, _feedback(30.0))  # low score: due for review tomorrow
    attempts.save_self_ratings(db, attempt.id, {"accuracy": 3})
    story = stories.save_story(db, title=f"{tag}'s story", result="Cut latency 40%")
    preferences.set_preference(db, "llm_model", f"{tag}-model")
    return {"attempt": attempt.id, "story": story.id, "session": mock.id}


def test_each_user_sees_only_their_own_data(url: str) -> None:
    alice = open_database(url, "alice")
    bob = for_user(alice, "bob")
    _fill(alice, "alice")
    _fill(bob, "bob")

    later = utcnow() + timedelta(days=2)
    for db, name in ((alice, "alice"), (bob, "bob")):
        [mine] = attempts.list_attempts(db)
        assert mine.answer_text == f"{name}'s answer" and mine.user_id == name
        assert [s.title for s in stories.list_stories(db)] == [f"{name}'s story"]
        assert [r.attempt_id for r in attempts.self_ratings(db)] == [mine.id]
        assert [s.id for s in sessions.list_sessions(db)] == [mine.session_id]
        assert preferences.get_preferences(db) == {"llm_model": f"{name}-model"}
        assert [s.question_id for s in attempts.due_for_review(db, later)] == ["bias-variance"]
    assert attempts.list_attempts(for_user(alice, "carol")) == []
    assert attempts.due_for_review(for_user(alice, "carol"), later) == []


def test_no_user_can_read_or_change_another_users_rows_by_id(url: str) -> None:
    alice = open_database(url, "alice")
    bob = for_user(alice, "bob")
    ids = _fill(alice, "alice")

    assert attempts.get(bob, ids["attempt"]) is None
    assert stories.get_story(bob, ids["story"]) is None
    assert sessions.get_session(bob, ids["session"]) is None
    assert attempts.self_ratings(bob, ids["attempt"]) == []
    with pytest.raises(KeyError):
        attempts.fail(bob, ids["attempt"], "overwritten by bob")
    with pytest.raises(KeyError):
        attempts.save_self_ratings(bob, ids["attempt"], {"accuracy": 0})
    stories.delete_story(bob, ids["story"])
    edited = stories.save_story(bob, story_id=ids["story"], title="bob's edit")
    assert sessions.finish_session(bob, ids["session"]) is None
    preferences.set_preference(bob, "llm_model", None)

    kept = attempts.get(alice, ids["attempt"])
    assert kept is not None and kept.status is AttemptStatus.DONE and kept.error is None
    assert [r.score for r in attempts.self_ratings(alice)] == [3]
    assert [s.title for s in stories.list_stories(alice)] == ["alice's story"]
    assert edited.id != ids["story"] and edited.user_id == "bob"
    assert sessions.get_session(alice, ids["session"]).finished_at is None
    assert preferences.get_preferences(alice) == {"llm_model": "alice-model"}


def test_a_handle_without_a_user_is_refused(url: str) -> None:
    unscoped = sa.create_engine(open_database(url).url)
    with pytest.raises(UnscopedDatabase):
        attempts.list_attempts(unscoped)


def _single_user_v2_schema() -> sa.MetaData:
    """The tables as the single-user app (schema version 2) created them: no owners."""
    meta = sa.MetaData()
    sa.Table("schema_version", meta, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("version", sa.Integer))  # fmt: skip
    sa.Table(
        "mock_sessions", meta, sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime), sa.Column("finished_at", sa.DateTime),
        sa.Column("plan_json", sa.String), sa.Column("minutes_per_question", sa.Float),
    )  # fmt: skip
    sa.Table(
        "attempts", meta, sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime), sa.Column("updated_at", sa.DateTime),
        sa.Column("question_id", sa.String), sa.Column("question_text", sa.String),
        sa.Column("topic", sa.String), sa.Column("kind", sa.String),
        sa.Column("answer_text", sa.String), sa.Column("audio_path", sa.String),
        sa.Column("feedback_json", sa.String), sa.Column("overall", sa.Float),
        sa.Column("engine", sa.String), sa.Column("status", sa.String),
        sa.Column("error", sa.String), sa.Column("session_id", sa.ForeignKey("mock_sessions.id")),
        sa.Column("parent_attempt_id", sa.ForeignKey("attempts.id")),
        sa.Column("duration_s", sa.Float),
    )  # fmt: skip
    sa.Table("self_ratings", meta, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("attempt_id", sa.ForeignKey("attempts.id")),
             sa.Column("criterion_id", sa.String), sa.Column("score", sa.Integer))  # fmt: skip
    sa.Table(
        "stories", meta, sa.Column("id", sa.Integer, primary_key=True),
        *(sa.Column(name, sa.String) for name in
          ("title", "situation", "task", "action", "result", "reflection", "competencies_json")),
        sa.Column("created_at", sa.DateTime), sa.Column("updated_at", sa.DateTime),
    )  # fmt: skip
    sa.Table("preferences", meta, sa.Column("key", sa.String, primary_key=True),
             sa.Column("value", sa.String))  # fmt: skip
    return meta


def _write_single_user_database(url: str) -> None:
    meta = _single_user_v2_schema()
    old = sa.create_engine(url)
    now = utcnow().replace(tzinfo=None)
    with old.begin() as conn:  # ids come from the database, as the old app let them
        meta.create_all(conn)
        t = meta.tables

        def insert(table: str, **values: object) -> int | None:
            result = conn.execute(t[table].insert().values(**values))
            return result.inserted_primary_key[0] if result.inserted_primary_key else None

        conn.execute(t["schema_version"].insert().values(id=1, version=2))
        mock = insert("mock_sessions", created_at=now, plan_json='["bias-variance"]',
                      minutes_per_question=5.0)  # fmt: skip
        attempt = insert(
            "attempts", created_at=now, updated_at=now, question_id="bias-variance",
            question_text="Bias and variance?", answer_text="My old answer", status="done",
            overall=55.0, engine="offline", session_id=mock,
            feedback_json=_feedback(55.0).model_dump_json(),
        )  # fmt: skip
        insert("self_ratings", attempt_id=attempt, criterion_id="accuracy", score=2)
        insert("stories", title="Old story", result="Saved 3 days",
               competencies_json='["ownership"]', created_at=now, updated_at=now)  # fmt: skip
        insert("preferences", key="engine", value="offline")
    old.dispose()


def test_an_old_single_user_database_migrates_to_the_local_user_without_loss(url: str) -> None:
    _write_single_user_database(url)

    local = open_database(url)  # runs the migration
    with local.connect() as conn:
        assert conn.execute(sa.text("SELECT version FROM schema_version")).scalar() == (
            SCHEMA_VERSION
        )
    [attempt] = attempts.list_attempts(local)
    assert (attempt.user_id, attempt.answer_text, attempt.status) == (
        LOCAL_USER,
        "My old answer",
        AttemptStatus.DONE,
    )
    assert attempts.feedback_of(attempt).overall == 55.0
    assert [(r.criterion_id, r.score) for r in attempts.self_ratings(local)] == [("accuracy", 2)]
    [story] = stories.list_stories(local)
    assert (story.title, story.competencies) == ("Old story", ["ownership"])
    assert [s.plan for s in sessions.list_sessions(local)] == [["bias-variance"]]
    assert preferences.get_preferences(local) == {"engine": "offline"}

    newcomer = for_user(local, "alice")
    assert attempts.list_attempts(newcomer) == [] and stories.list_stories(newcomer) == []
    assert preferences.get_preferences(newcomer) == {}
    preferences.set_preference(newcomer, "engine", "llm")  # same key, another owner: allowed
    assert preferences.get_preferences(local) == {"engine": "offline"}
    new = attempts.create_pending(local, question_text="Q?", answer_text="A.")
    assert new.id > attempt.id  # the id sequence continues after the migrated rows


def _write_concurrently(url: str, writer: int) -> None:
    db = open_database(url, f"user-{writer % 2}")  # every process migrates at start, at once
    for n in range(PER_PROCESS):
        attempt = attempts.create_pending(
            db, question_text=f"writer {writer}", answer_text=f"answer {n}"
        )
        attempts.complete(db, attempt.id, _feedback(float(n)))
        stories.save_story(db, title=f"story {writer}-{n}")
        preferences.set_preference(db, "llm_model", f"model {writer}-{n}")
    db.dispose()


def test_writers_in_several_processes_on_postgres_lose_nothing(postgres: PostgresCluster) -> None:
    url = postgres.create_database()  # empty: the processes race to migrate it too
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_write_concurrently, args=(url, w)) for w in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=240)
    assert [w.exitcode for w in workers] == [0] * PROCESSES

    db = open_database(url, "user-0")
    for user in ("user-0", "user-1"):
        mine = for_user(db, user)
        writers = [w for w in range(PROCESSES) if f"user-{w % 2}" == user]
        rows = attempts.list_attempts(mine)
        assert {(a.question_text, a.answer_text) for a in rows} == {
            (f"writer {w}", f"answer {n}") for w in writers for n in range(PER_PROCESS)
        }
        assert all(a.status is AttemptStatus.DONE for a in rows)
        assert len(stories.list_stories(mine)) == len(writers) * PER_PROCESS
        assert preferences.get_preferences(mine)["llm_model"].startswith("model ")
