"""Plan a mock interview: N questions drawn from the chosen topics, in interview order."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from knowledge.models import TOPICS, Question

DEFAULT_MIX: dict[str, int] = {"coding": 1, "system_design": 1, "ml_concepts": 2, "behavioral": 1}
"""A typical loop: a coding approach, a design, two concepts, one behavioral."""

_ORDER = list(TOPICS)


def plan_questions(
    questions: Sequence[Question],
    mix: Mapping[str, int],
    rng: random.Random | None = None,
    avoid: set[str] | None = None,
) -> list[str]:
    """Question ids for each topic's count, preferring ones not in ``avoid`` (seen recently).

    Topics follow the bank's topic order, so technical questions come before behavioral ones.
    """
    rng = rng or random.Random()
    avoid = avoid or set()
    plan: list[str] = []
    for topic in sorted(mix, key=_ORDER.index):
        pool = [q.id for q in questions if q.topic == topic]
        fresh = [q for q in pool if q not in avoid]
        rng.shuffle(fresh)
        stale = [q for q in pool if q in avoid]
        rng.shuffle(stale)
        plan.extend((fresh + stale)[: mix[topic]])
    return plan
