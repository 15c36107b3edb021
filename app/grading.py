"""Grade one answer and persist it: the attempt is saved before evaluation starts.

No Streamlit here: the pages call these functions, and tests call them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine as Database

from app.storage import Attempt, attempts
from evaluators.engine import Engine
from evaluators.errors import CoachError, InputError
from evaluators.item import GradeItem, check_answer_length
from evaluators.schemas import Delivery, Feedback
from knowledge.base import KnowledgeBase
from knowledge.context import QuestionContext, QuestionSpec
from knowledge.models import Question


@dataclass(frozen=True)
class QuestionRef:
    """A bank question by id, or a free-form question (own question, follow-up)."""

    text: str
    question_id: str | None = None
    topic: str | None = None
    kind: str | None = None
    difficulty: str | None = None
    reference_answer: str | None = None
    key_points: tuple[str, ...] = field(default=())

    @classmethod
    def from_bank(cls, question: Question) -> QuestionRef:
        return cls(
            text=question.prompt,
            question_id=question.id,
            topic=question.topic,
            kind=question.kind,
            difficulty=question.difficulty,
        )

    @classmethod
    def from_attempt(cls, attempt: Attempt) -> QuestionRef:
        return cls(
            text=attempt.question_text,
            question_id=attempt.question_id,
            topic=attempt.topic,
            kind=attempt.kind,
            reference_answer=attempt.reference_answer,
        )

    def spec(self) -> QuestionSpec:
        """The question as the knowledge base resolves it (display fields left out)."""
        return QuestionSpec(
            question_id=self.question_id,
            question=self.text,
            reference_answer=self.reference_answer,
            key_points=list(self.key_points) or None,
            kind=self.kind,
        )

    def context(self, kb: KnowledgeBase) -> QuestionContext:
        return kb.context(self.spec())


@dataclass(frozen=True)
class Submission:
    """What the candidate handed in, and where it belongs (mock session, retry of...)."""

    answer: str
    delivery: Delivery | None = None
    audio_path: str | None = None
    duration_s: float | None = None
    session_id: int | None = None
    parent_attempt_id: int | None = None
    key: str | None = None
    """Idempotency key: submitting again under the same key records nothing new."""


def _error_message(exc: Exception) -> str:
    if isinstance(exc, CoachError):
        return str(exc)
    return f"Evaluation failed unexpectedly ({type(exc).__name__}: {exc})."


def save_pending(db: Database, ref: QuestionRef, sub: Submission) -> Attempt:
    """Persist the answer before any evaluation, so nothing typed is ever lost.

    Raises:
        InputError: the answer is empty or too long (nothing is saved; the page keeps the text).
    """
    if not sub.answer.strip():
        raise InputError("Write or record an answer first.")
    check_answer_length(sub.answer)
    return attempts.create_pending(
        db,
        question_text=ref.text,
        answer_text=sub.answer,
        question_id=ref.question_id,
        topic=ref.topic,
        kind=ref.kind,
        audio_path=sub.audio_path,
        session_id=sub.session_id,
        parent_attempt_id=sub.parent_attempt_id,
        duration_s=sub.duration_s,
        reference_answer=ref.reference_answer,
        delivery=sub.delivery,
        submission_key=sub.key,
    )


def evaluate_saved(
    db: Database,
    engine: Engine,
    kb: KnowledgeBase,
    attempt: Attempt,
    ref: QuestionRef,
    delivery: Delivery | None = None,
) -> tuple[Attempt, Feedback]:
    """Evaluate a saved attempt and store the feedback, or the error (then re-raise it).

    ``delivery`` defaults to the metrics stored with the attempt, so evaluating it again grades
    a spoken answer exactly as it was first submitted.
    """
    delivery = delivery if delivery is not None else attempts.delivery_of(attempt)
    try:
        context = ref.context(kb)
        [feedback] = engine.evaluate_many([GradeItem(context, attempt.answer_text, delivery)])
    except Exception as exc:
        attempts.fail(db, attempt.id, _error_message(exc))
        raise
    if feedback.delivery is None and delivery is not None:
        feedback = feedback.model_copy(update={"delivery": delivery})
    topic = context.topic or ref.topic or attempt.topic
    done = attempts.complete(db, attempt.id, feedback, topic=topic, kind=context.rubric.id)
    return done, feedback


def grade_and_save(
    db: Database, engine: Engine, kb: KnowledgeBase, ref: QuestionRef, sub: Submission
) -> tuple[Attempt, Feedback]:
    """Save the attempt as pending, evaluate it, then store the feedback or the error.

    A submission whose ``key`` was already graded returns that attempt and its feedback.

    Raises:
        InputError: the answer is empty (nothing is saved).
        CoachError: evaluation failed; the attempt stays saved with status ``failed``.
    """
    pending = save_pending(db, ref, sub)
    if pending.status == "done" and (feedback := attempts.feedback_of(pending)) is not None:
        return pending, feedback
    return evaluate_saved(db, engine, kb, pending, ref, sub.delivery)
