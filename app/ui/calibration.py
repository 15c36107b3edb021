"""Self-review calibration: your scores next to the evaluator's, per criterion and over time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from app.storage import Attempt, SelfRating
from app.storage.attempts import feedback_of
from evaluators.schemas import Feedback
from rubrics.models import MAX_LEVEL


def side_by_side(feedback: Feedback, mine: Mapping[str, int]) -> pd.DataFrame:
    """One row per rated criterion: your score, the evaluator's, and the gap."""
    rows = [
        {
            "Criterion": c.name,
            "You": mine[c.id],
            "Evaluator": c.score,
            "Gap": mine[c.id] - c.score,
        }
        for c in feedback.criteria
        if c.id in mine
    ]
    return pd.DataFrame(rows, columns=["Criterion", "You", "Evaluator", "Gap"])


def verdict(table: pd.DataFrame) -> str:
    """One sentence on how well calibrated this self-rating was."""
    if table.empty:
        return "No criteria to compare."
    worst = table.loc[table["Gap"].abs().idxmax()]
    if abs(worst["Gap"]) <= 0:
        return "Spot on: you rated every criterion exactly as the evaluator did."
    direction = "over-rated" if worst["Gap"] > 0 else "under-rated"
    return f"Largest gap: you {direction} “{worst['Criterion']}” by {abs(worst['Gap'])} point(s)."


def history(attempts: Sequence[Attempt], ratings: Sequence[SelfRating]) -> pd.DataFrame:
    """Every (attempt, criterion) you rated, with the evaluator's score and the gap."""
    by_attempt = {a.id: a for a in attempts}
    rows = []
    for rating in ratings:
        attempt = by_attempt.get(rating.attempt_id)
        feedback = feedback_of(attempt) if attempt else None
        scored = {c.id: c for c in feedback.criteria} if feedback else {}
        if rating.criterion_id in scored:
            criterion = scored[rating.criterion_id]
            rows.append(
                {
                    "when": attempt.created_at,
                    "attempt": attempt.id,
                    "criterion": criterion.name,
                    "gap": rating.score - criterion.score,
                }
            )
    return pd.DataFrame(rows, columns=["when", "attempt", "criterion", "gap"])


def calibration_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Mean gap per self-review over time; above zero means you rate yourself too high."""
    per_attempt = frame.groupby(["attempt", "when"], as_index=False)["gap"].mean()
    line = (
        alt.Chart(per_attempt)
        .mark_line(point=alt.OverlayMarkDef(size=70))
        .encode(
            x=alt.X("when:T", title=None, axis=alt.Axis(format="%b %d", tickCount="day")),
            y=alt.Y(
                "gap:Q",
                title="You − evaluator (points)",
                scale=alt.Scale(domain=[-MAX_LEVEL, MAX_LEVEL]),
            ),
            tooltip=["attempt", alt.Tooltip("gap:Q", format="+.1f")],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(strokeDash=[4, 4]).encode(y="y:Q")
    return zero + line


def bias_by_criterion(frame: pd.DataFrame) -> alt.Chart:
    """Average gap per criterion: where you over- or under-rate yourself."""
    mean = frame.groupby("criterion", as_index=False)["gap"].mean()
    return (
        alt.Chart(mean)
        .mark_bar()
        .encode(
            x=alt.X("gap:Q", title="Average gap (you − evaluator)"),
            y=alt.Y("criterion:N", sort="x", title=None),
            color=alt.condition("datum.gap > 0", alt.value("#e4572e"), alt.value("#4c78a8")),
            tooltip=["criterion", alt.Tooltip("gap:Q", format="+.2f")],
        )
    )
