"""One answer to grade: the resolved question, the answer text and optional delivery metrics."""

from __future__ import annotations

from dataclasses import dataclass

from evaluators.errors import InputError
from evaluators.schemas import Delivery
from knowledge.context import QuestionContext

MAX_ANSWER_CHARS = 20_000
"""The longest answer graded, about 3,000 words: a 15-minute spoken answer at 150 wpm is 2,250
words. Beyond it feedback gets no better while embedding time and LLM prompt size keep growing."""


def check_answer_length(answer: str) -> None:
    """Refuse an answer over ``MAX_ANSWER_CHARS`` with a message saying by how much.

    Raises:
        InputError: the answer is too long.
    """
    if len(answer) > MAX_ANSWER_CHARS:
        raise InputError(
            f"The answer is {len(answer):,} characters long; the limit is {MAX_ANSWER_CHARS:,} "
            "(about 3,000 words). Shorten it and try again."
        )


@dataclass(frozen=True)
class GradeItem:
    """An answer ready for an engine; every engine can rely on its length being bounded."""

    context: QuestionContext
    answer: str
    delivery: Delivery | None = None

    def __post_init__(self) -> None:
        check_answer_length(self.answer)
