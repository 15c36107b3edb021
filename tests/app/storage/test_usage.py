"""The per-user LLM budget: counted in the database, per user, exact across processes."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest

from app.storage import for_user, open_database
from app.storage.usage import llm_calls_since, reserve_llm_calls
from evaluators.errors import RateLimited
from tests.fixtures.postgres import PostgresCluster

pytestmark = pytest.mark.team

HOUR = timedelta(hours=1)
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PROCESSES, ATTEMPTS_EACH, LIMIT = 4, 5, 7


def test_the_budget_is_per_user_and_frees_up_as_the_window_moves(url: str) -> None:
    alice = open_database(url, "alice")
    reserve_llm_calls(alice, 1, 2, HOUR, now=NOON)
    reserve_llm_calls(alice, 1, 2, HOUR, now=NOON + timedelta(minutes=10))
    with pytest.raises(RateLimited, match=r"your 2 LLM evaluations .* available at 13:00 UTC"):
        reserve_llm_calls(alice, 1, 2, HOUR, now=NOON + timedelta(minutes=20))
    assert llm_calls_since(alice, NOON - HOUR) == 2, "a refused call is not counted"

    reserve_llm_calls(for_user(alice, "bob"), 2, 2, HOUR, now=NOON + timedelta(minutes=20))
    reserve_llm_calls(alice, 1, 2, HOUR, now=NOON + timedelta(minutes=61))
    with pytest.raises(RateLimited, match="available at 13:10 UTC"):
        reserve_llm_calls(alice, 1, 2, HOUR, now=NOON + timedelta(minutes=62))


def test_a_batch_over_the_budget_is_refused_whole(url: str) -> None:
    db = open_database(url, "alice")
    with pytest.raises(RateLimited):
        reserve_llm_calls(db, 3, 2, HOUR, now=NOON)
    assert llm_calls_since(db, NOON - HOUR) == 0


def _reserve(url: str) -> int:
    db = open_database(url, "alice")
    granted = 0
    for _ in range(ATTEMPTS_EACH):
        try:
            reserve_llm_calls(db, 1, LIMIT, HOUR)
            granted += 1
        except RateLimited:
            pass
    db.dispose()
    return granted


def test_replicas_reserving_at_once_never_exceed_the_limit(postgres: PostgresCluster) -> None:
    url = postgres.create_database()
    open_database(url).dispose()
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        granted = pool.map(_reserve, [url] * PROCESSES)
    assert sum(granted) == LIMIT
    assert llm_calls_since(open_database(url, "alice"), NOON - HOUR) == LIMIT
