"""Database tables (SQLModel). Lists are stored as JSON text so any SQL database works."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from rubrics.models import MAX_LEVEL

LOCAL_USER = "local"
"""The owner of every row in the single-user mode (and of rows from databases made before
team mode existed)."""

USER_ID_MAX_LENGTH = 255
"""Issuer and subject of an OpenID Connect identity fit well within this."""


class AttemptStatus(StrEnum):
    """Where an attempt stands; stored as its value (``"pending"``, ``"done"``, ``"failed"``)."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


def utcnow() -> datetime:
    """Aware UTC timestamps (SQLModel stores UTC and returns aware values on every database)."""
    return datetime.now(UTC)


class UserOwned(SQLModel):
    """A row that belongs to one user; ``app.storage.ownership`` filters every query by it."""

    user_id: str = Field(default=LOCAL_USER, index=True, max_length=USER_ID_MAX_LENGTH)


class Attempt(UserOwned, table=True):
    """One answer to one question, saved before evaluation so nothing typed is ever lost."""

    __tablename__ = "attempts"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    question_id: str | None = Field(default=None, index=True)
    question_text: str
    topic: str | None = None
    kind: str | None = None
    answer_text: str
    audio_path: str | None = None
    feedback_json: str | None = None
    overall: float | None = None
    engine: str | None = None  # the grader that produced the feedback ("offline" or "llm")
    status: AttemptStatus = Field(
        default=AttemptStatus.PENDING,
        index=True,
        sa_type=sa.Enum(
            AttemptStatus,
            native_enum=False,
            length=16,
            values_callable=lambda statuses: [s.value for s in statuses],
        ),
    )
    error: str | None = None
    session_id: int | None = Field(default=None, foreign_key="mock_sessions.id", index=True)
    parent_attempt_id: int | None = Field(default=None, foreign_key="attempts.id")
    duration_s: float | None = None
    reference_answer: str | None = None
    """The reference answer given with the user's own question (re-evaluation needs it)."""
    delivery_json: str | None = None
    """Delivery metrics of a spoken answer, so "Evaluate again" grades it as first submitted."""
    submission_key: str | None = Field(default=None, unique=True, index=True)
    """Names one submission (e.g. question 2 of mock session 7): a second press of the submit
    button, or a rerun while the first evaluation runs, finds this row instead of adding one."""


class SelfRating(UserOwned, table=True):
    """The candidate's own score for one criterion of one attempt (for calibration)."""

    __tablename__ = "self_ratings"
    __table_args__ = (UniqueConstraint("attempt_id", "criterion_id"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempts.id", index=True)
    criterion_id: str
    score: int = Field(ge=0, le=MAX_LEVEL)


class Story(UserOwned, table=True):
    """A behavioral story in STAR form, tagged with the competencies it demonstrates."""

    __tablename__ = "stories"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    reflection: str = ""
    competencies_json: str = "[]"
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def competencies(self) -> list[str]:
        return json.loads(self.competencies_json or "[]")


class MockSession(UserOwned, table=True):
    """A timed mock interview: the planned questions and when it started and ended."""

    __tablename__ = "mock_sessions"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    plan_json: str = "[]"
    minutes_per_question: float = 5.0

    @property
    def plan(self) -> list[str]:
        return json.loads(self.plan_json or "[]")


class PracticePlanRecord(UserOwned, table=True):
    """A practice plan built for a job description (``knowledge.plan.PracticePlan`` as JSON)."""

    __tablename__ = "practice_plans"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    role: str
    plan_json: str
    queued: bool = False
    """True once the user added the plan's questions to the review queue."""


class Preference(SQLModel, table=True):
    """User choices made in the Settings page (engine, endpoint, model). Never secrets."""

    __tablename__ = "preferences"

    user_id: str = Field(default=LOCAL_USER, primary_key=True, max_length=USER_ID_MAX_LENGTH)
    key: str = Field(primary_key=True)
    value: str


class LlmCall(SQLModel, table=True):
    """One LLM evaluation started by a user: the per-user rate limit counts these rows."""

    __tablename__ = "llm_calls"

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(default=LOCAL_USER, index=True, max_length=USER_ID_MAX_LENGTH)
    started_at: datetime = Field(default_factory=utcnow, index=True)


OWNED_TABLES: tuple[type[SQLModel], ...] = (
    Attempt,
    SelfRating,
    Story,
    MockSession,
    Preference,
    LlmCall,
    PracticePlanRecord,
)
"""Every table whose rows belong to a user (each has a ``user_id`` column)."""


class SchemaVersion(SQLModel, table=True):
    """The single row recording which migrations have run."""

    __tablename__ = "schema_version"

    id: int = Field(default=1, primary_key=True)
    version: int
