"""Practice plans: the latest plan for a job, and how far the candidate has got through it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.storage.db import write_errors
from app.storage.models import Attempt, PracticePlanRecord
from knowledge.plan import PracticePlan


def save_plan(db: Engine, plan: PracticePlan) -> PracticePlanRecord:
    record = PracticePlanRecord(role=plan.role, plan_json=plan.model_dump_json())
    with write_errors("the practice plan"), Session(db, expire_on_commit=False) as session:
        session.add(record)
        session.commit()
    return record


def queue_plan(db: Engine, plan_id: int) -> None:
    """Put a plan's questions into the review queue (until they have been practised)."""
    with write_errors("the practice plan"), Session(db) as session:
        record = session.get(PracticePlanRecord, plan_id)
        if record is not None:
            record.queued = True
            session.add(record)
            session.commit()


def latest_plan(db: Engine) -> tuple[PracticePlanRecord, PracticePlan] | None:
    """The most recent plan with its stored record, or None before the first plan."""
    with Session(db) as session:
        stmt = select(PracticePlanRecord).order_by(col(PracticePlanRecord.created_at).desc())
        record = session.exec(stmt).first()
    if record is None:
        return None
    return record, PracticePlan.model_validate_json(record.plan_json)


@dataclass(frozen=True)
class PlanItemProgress:
    question_id: str
    attempts: int
    best: float | None


def plan_progress(
    plan: PracticePlan, record: PracticePlanRecord, graded: Iterable[Attempt]
) -> list[PlanItemProgress]:
    """Per plan question: graded attempts since the plan was made, and the best score.

    Pure over the attempts given, so the Progress page and the tests agree on what counts.
    """
    since = record.created_at
    scores: dict[str, list[float]] = {}
    for attempt in graded:
        if attempt.question_id and attempt.overall is not None and attempt.created_at >= since:
            scores.setdefault(attempt.question_id, []).append(attempt.overall)
    return [_item(q.id, scores.get(q.id, [])) for q in plan.questions]


def unpractised(progress: Iterable[PlanItemProgress]) -> list[str]:
    """Plan questions with no graded attempt yet, in plan order."""
    return [item.question_id for item in progress if not item.attempts]


def _item(question_id: str, scores: list[float]) -> PlanItemProgress:
    return PlanItemProgress(question_id, len(scores), max(scores, default=None))
