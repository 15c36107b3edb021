"""Engines behind one interface, so the CLI, the app and benchmarks never care which one runs.

``OfflineEvaluator`` (evaluators/offline) grades with the embedded model; ``LLMEvaluator``
(evaluators/llm) prompts an OpenAI-compatible model and falls back to the offline one with a
notice. ``app.engines`` picks one from settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from evaluators.schemas import Delivery, EngineName, Feedback
from knowledge.context import QuestionContext

Progress = Callable[[int], None]
"""Called with the number of answers just finished (for progress bars)."""


class Item(Protocol):
    context: QuestionContext
    answer: str
    delivery: Delivery | None


class Engine(Protocol):
    name: EngineName

    def evaluate_many(
        self, items: Sequence[Item], progress: Progress | None = None
    ) -> list[Feedback]:
        """Feedback for each item, in input order."""
        ...
