"""Spaced repetition: low scores come back sooner, success stretches the interval."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.storage.spaced import MIN_EASE, due_queue, quality, replay, schedule

T0 = datetime(2025, 1, 1, 9, 0)


def test_a_low_score_comes_back_sooner_than_a_high_score() -> None:
    low = schedule(None, "q", 25.0, T0)
    high = schedule(None, "q", 90.0, T0)
    assert low.due < high.due
    assert low.interval_days == 1.0


def test_consecutive_successes_stretch_the_interval_and_a_failure_resets_it() -> None:
    intervals, state = [], None
    for day in range(4):
        state = schedule(state, "q", 85.0, T0 + timedelta(days=day))
        intervals.append(state.interval_days)
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0]
    failed = schedule(state, "q", 10.0, T0 + timedelta(days=30))
    assert (failed.repetitions, failed.interval_days) == (0, 1.0)


def test_replay_orders_history_by_time_and_keeps_the_latest_state_per_question() -> None:
    history = [
        ("a", T0 + timedelta(days=2), 30.0),
        ("a", T0, 90.0),
        ("b", T0, 70.0),
    ]
    states = replay(history)
    assert states["a"].last_score == 30.0 and states["a"].reviewed_at == T0 + timedelta(days=2)
    assert set(states) == {"a", "b"}


def test_due_queue_lists_only_due_questions_most_overdue_first() -> None:
    states = replay([("old", T0, 10.0), ("newer", T0 + timedelta(hours=5), 10.0), ("ok", T0, 95)])
    now = T0 + timedelta(days=1, hours=6)
    assert [s.question_id for s in due_queue(states.values(), now)] == ["old", "newer"]


@given(st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=20))
def test_ease_never_drops_below_the_floor_and_intervals_stay_positive(scores) -> None:
    state = None
    for i, score in enumerate(scores):
        state = schedule(state, "q", score, T0 + timedelta(days=i))
        assert state.ease >= MIN_EASE
        assert state.interval_days >= 1.0
        assert 0 <= quality(score) <= 5
