"""Spaced repetition (SM-2-like): when a bank question should come back, from its scores.

Pure functions of the score history, so the schedule is always consistent with the attempts
stored (a deleted or re-graded attempt needs no bookkeeping). Low scores come back the next day;
good scores come back after intervals that grow with each consecutive success.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MIN_EASE = 1.3
START_EASE = 2.5
PASS_QUALITY = 3
FAIL_INTERVAL_DAYS = 1.0
FIRST_INTERVAL_DAYS = {3: 2.0, 4: 3.0, 5: 4.0}
SECOND_INTERVAL_DAYS = 6.0


@dataclass(frozen=True)
class ReviewState:
    """Where one question stands in the schedule after its latest graded attempt."""

    question_id: str
    repetitions: int
    interval_days: float
    ease: float
    last_score: float
    reviewed_at: datetime
    due: datetime

    def is_due(self, now: datetime) -> bool:
        return self.due <= now


def quality(overall: float) -> int:
    """Map a 0–100 score to SM-2's 0–5 recall quality (60+ counts as a pass)."""
    return max(0, min(5, int(overall // 20)))


def _next_ease(ease: float, q: int) -> float:
    return max(MIN_EASE, ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))


def schedule(
    previous: ReviewState | None, question_id: str, overall: float, reviewed_at: datetime
) -> ReviewState:
    """The state after one more graded attempt of ``question_id``."""
    q = quality(overall)
    ease = _next_ease(previous.ease if previous else START_EASE, q)
    if q < PASS_QUALITY:
        repetitions, interval = 0, FAIL_INTERVAL_DAYS
    else:
        repetitions = (previous.repetitions if previous else 0) + 1
        if repetitions == 1:
            interval = FIRST_INTERVAL_DAYS[q]
        elif repetitions == 2:
            interval = SECOND_INTERVAL_DAYS
        else:
            interval = round(previous.interval_days * ease, 1)  # type: ignore[union-attr]
    return ReviewState(
        question_id=question_id,
        repetitions=repetitions,
        interval_days=interval,
        ease=ease,
        last_score=overall,
        reviewed_at=reviewed_at,
        due=reviewed_at + timedelta(days=interval),
    )


def replay(history: Iterable[tuple[str, datetime, float]]) -> dict[str, ReviewState]:
    """Current state per question from ``(question_id, graded_at, overall)`` in any order."""
    states: dict[str, ReviewState] = {}
    for question_id, when, overall in sorted(history, key=lambda row: row[1]):
        states[question_id] = schedule(states.get(question_id), question_id, overall, when)
    return states


def due_queue(states: Iterable[ReviewState], now: datetime) -> list[ReviewState]:
    """Questions due at ``now``: most overdue first, then the lowest last score."""
    due = [s for s in states if s.is_due(now)]
    return sorted(due, key=lambda s: (s.due, s.last_score))
