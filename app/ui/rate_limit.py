"""Team mode: one user cannot exhaust the shared LLM endpoint.

The engine the pages get is wrapped so each LLM evaluation is first counted against the user's
budget in the database (shared by every replica). Over budget, ``RateLimited`` is raised before
any request is sent; the answer was saved before evaluation started, so it is kept and can be
evaluated again later or with the offline engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine as Database

from app.storage.usage import reserve_llm_calls
from evaluators.engine import Engine, Item, Progress
from evaluators.schemas import EngineName, Feedback


@dataclass(frozen=True)
class RateLimitedEngine:
    """``inner`` behind the user's budget of ``limit`` evaluations per ``window``."""

    inner: Engine
    db: Database
    limit: int
    window: timedelta

    @property
    def name(self) -> EngineName:
        return self.inner.name

    def evaluate_many(
        self, items: Sequence[Item], progress: Progress | None = None
    ) -> list[Feedback]:
        """Count the evaluations (all or none), then delegate.

        Raises:
            RateLimited: the user's budget for the window is spent.
        """
        reserve_llm_calls(self.db, len(items), self.limit, self.window)
        return self.inner.evaluate_many(items, progress)
