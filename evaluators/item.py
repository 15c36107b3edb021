"""One answer to grade: the resolved question, the answer text and optional delivery metrics."""

from __future__ import annotations

from dataclasses import dataclass

from evaluators.schemas import Delivery
from knowledge.context import QuestionContext


@dataclass(frozen=True)
class GradeItem:
    context: QuestionContext
    answer: str
    delivery: Delivery | None = None
