"""Everything an evaluator needs to grade one answer, resolved from the bank or retrieval.

Bank questions bring their own key points; free-form questions use the key points given, or
sentences of the reference answer, or — when neither — the key points of the nearest bank
questions retrieved from the Chroma index. The rubric is the question's kind, the kind given,
or the kind retrieval votes for.
"""

from __future__ import annotations

import re
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from core.errors import InputError
from knowledge.bank import Content
from knowledge.models import TOPIC_DEFAULT_KIND
from rubrics.models import Criterion, Rubric

KeyPointSource = Literal["bank", "given", "reference", "retrieved"]


class Retrieved(BaseModel):
    """What retrieval found for a free-form question text."""

    kind: str
    topic: str | None = None
    question_ids: list[str] = Field(default_factory=list)
    key_points: list[str] = Field(default_factory=list)
    chunks: list[str] = Field(default_factory=list)


class Retriever(Protocol):
    def retrieve(self, text: str) -> Retrieved: ...


class QuestionSpec(BaseModel):
    """The one description of a question to grade: a bank id, or a free-form question with the
    material that grades it.

    ``coach grade`` lines, the app's question references and the knowledge base all resolve a
    question from this model, so they follow the same rules (``needs_retrieval``).
    """

    question_id: str | None = None
    question: str | None = None
    reference_answer: str | None = None
    key_points: list[str] | None = None
    kind: str | None = None

    def given_key_points(self) -> list[str]:
        """The key points given, blanks dropped."""
        return [p.strip() for p in self.key_points or [] if p.strip()]

    def given_reference(self) -> str | None:
        """The reference answer, or None when absent or blank."""
        reference = (self.reference_answer or "").strip()
        return reference or None

    def needs_retrieval(self) -> bool:
        """Retrieval picks the rubric when no kind is given, and the key points when neither
        key points nor a reference answer are given; a bank question never needs it."""
        material = self.given_key_points() or self.given_reference()
        return not self.question_id and (self.kind is None or not material)

    def cache_key(self) -> tuple:
        """Equal for specs that resolve to the same context."""
        if self.question_id:
            return ("id", self.question_id)
        return (
            "text",
            self.question,
            self.reference_answer,
            tuple(self.key_points or ()),
            self.kind,
        )


class QuestionContext(BaseModel):
    """A question resolved to its rubric, key points and reference material."""

    question_id: str | None = None
    prompt: str
    topic: str | None = None
    rubric: Rubric
    communication: Rubric
    key_points: list[str]
    key_points_source: KeyPointSource
    red_flags: list[str] = Field(default_factory=list)
    follow_ups: list[str] = Field(default_factory=list)
    model_answer: str | None = None
    reference_answer: str | None = None
    knowledge: list[str] = Field(default_factory=list)

    def all_criteria(self, *, spoken: bool = True) -> list[Criterion]:
        """The question rubric's criteria, then the communication ones, in scoring order.

        Delivery is measured from audio, so it is left out when the answer was not spoken.
        """
        criteria = [*self.rubric.criteria, *self.communication.criteria]
        return [c for c in criteria if spoken or c.signal != "delivery"]


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def key_points_from_reference(reference: str) -> list[str]:
    """Split a reference answer into one key point per sentence (the reference's claims)."""
    parts = [p.strip() for p in _SENTENCE_END.split(reference.strip())]
    return [p for p in parts if len(p.split()) >= 1] or [reference.strip()]


def _bank_context(content: Content, question_id: str) -> QuestionContext:
    question = content.questions.get(question_id)
    if question is None:
        raise InputError(f"Unknown question_id {question_id!r}; see `coach questions`.")
    return QuestionContext(
        question_id=question.id,
        prompt=question.prompt,
        topic=question.topic,
        rubric=content.rubrics[question.kind],
        communication=content.communication,
        key_points=question.key_points,
        key_points_source="bank",
        red_flags=question.red_flags,
        follow_ups=question.follow_ups,
        model_answer=question.model_answer,
    )


def build_context(
    content: Content, retriever: Retriever | None, spec: QuestionSpec
) -> QuestionContext:
    """Resolve a bank question id, or a free-form question, to a ``QuestionContext``.

    ``retriever`` is used only when ``spec.needs_retrieval()``.

    Raises:
        InputError: unknown question id or kind, or neither a question id nor a question text.
    """
    if spec.question_id:
        return _bank_context(content, spec.question_id)
    question, kind = spec.question, spec.kind
    if not question or not question.strip():
        raise InputError("Give either a question_id from the bank or a question text.")
    if kind is not None and kind not in content.rubrics:
        raise InputError(f"Unknown kind {kind!r}; expected one of {', '.join(content.rubrics)}.")
    given, reference = spec.given_key_points(), spec.given_reference()
    retrieved = retriever.retrieve(question) if retriever and spec.needs_retrieval() else None
    if given:
        points, source = given, "given"
    elif reference:
        points, source = key_points_from_reference(reference), "reference"
    elif retrieved and retrieved.key_points:
        points, source = retrieved.key_points, "retrieved"
    else:
        raise InputError("No key points: give key_points or a reference_answer for this question.")
    resolved_kind = kind or (retrieved.kind if retrieved else TOPIC_DEFAULT_KIND["ml_concepts"])
    return QuestionContext(
        prompt=question.strip(),
        topic=retrieved.topic if retrieved else None,
        rubric=content.rubrics[resolved_kind],
        communication=content.communication,
        key_points=points,
        key_points_source=source,
        model_answer=reference,
        reference_answer=reference,
        knowledge=retrieved.chunks if retrieved else [],
    )
