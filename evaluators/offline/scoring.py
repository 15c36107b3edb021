"""Overall score from criterion levels × weights — the one formula every engine uses.

The LLM engine imports ``overall_score`` too: the overall is never taken from a model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from evaluators.schemas import CriterionScore
from rubrics.models import ScoreCap

MAX_LEVEL = 4


def overall_score(
    criteria: Sequence[CriterionScore],
    weights: Mapping[str, float],
    caps: Sequence[ScoreCap] = (),
) -> float:
    """Weighted mean of criterion levels on 0–100, then the rubric's caps.

    Criteria without a weight are ignored; a cap applies while its criterion scores at or
    below ``at_most`` (an unsound design cannot score high on breadth).
    """
    weighted = [(weights[c.id], c.score) for c in criteria if weights.get(c.id, 0.0) > 0]
    total = sum(w for w, _ in weighted)
    if total <= 0:
        return 0.0
    mean = sum(w * score for w, score in weighted) / total
    overall = 100.0 * mean / MAX_LEVEL
    levels = {c.id: c.score for c in criteria}
    for cap in caps:
        if cap.criterion in levels and levels[cap.criterion] <= cap.at_most:
            overall = min(overall, cap.overall_max)
    return round(overall, 1)


def level_from_fraction(fraction: float) -> int:
    """0–4 level from a fraction in [0, 1] (nearest level)."""
    return round(MAX_LEVEL * min(1.0, max(0.0, fraction)))
