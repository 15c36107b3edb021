"""Data for the Progress page: frames for charts, weakest topics, the practice streak."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import altair as alt
import pandas as pd

from app.storage import Attempt
from app.storage.attempts import feedback_of
from knowledge.models import TOPICS
from rubrics.models import MAX_LEVEL


def scores_frame(attempts: Sequence[Attempt]) -> pd.DataFrame:
    """One row per graded attempt: when, topic name, overall score."""
    rows = [
        {
            "when": a.created_at,
            "topic": TOPICS.get(a.topic or "", "Custom"),
            "score": a.overall,
            "question": a.question_text[:80],
        }
        for a in attempts
        if a.overall is not None
    ]
    return pd.DataFrame(rows, columns=["when", "topic", "score", "question"])


def criteria_frame(attempts: Sequence[Attempt]) -> pd.DataFrame:
    """One row per (graded attempt, criterion), scores 0–4."""
    rows = []
    for attempt in attempts:
        feedback = feedback_of(attempt)
        for c in feedback.criteria if feedback else []:
            rows.append({"when": attempt.created_at, "criterion": c.name, "score": c.score})
    return pd.DataFrame(rows, columns=["when", "criterion", "score"])


def weakest_topics(scores: pd.DataFrame, limit: int = 3) -> pd.DataFrame:
    """Topics by average score, lowest first (only topics you have practised)."""
    grouped = scores.groupby("topic", as_index=False).agg(
        average=("score", "mean"), answers=("score", "size")
    )
    return grouped.sort_values("average").head(limit).reset_index(drop=True)


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days ending today (or yesterday, so the streak survives until
    you practise today)."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= timedelta(days=1)
    return count


def topic_chart(scores: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(scores)
        .mark_line(point=alt.OverlayMarkDef(size=70))
        .encode(
            x=alt.X("when:T", title=None, axis=alt.Axis(format="%b %d", tickCount="day")),
            y=alt.Y("score:Q", title="Score", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("topic:N", title="Topic"),
            tooltip=["question", "topic", alt.Tooltip("score:Q", format=".0f")],
        )
    )


def criterion_chart(criteria: pd.DataFrame) -> alt.Chart:
    daily = criteria.assign(day=criteria["when"].dt.floor("D"))
    mean = daily.groupby(["day", "criterion"], as_index=False)["score"].mean()
    return (
        alt.Chart(mean)
        .mark_line(point=alt.OverlayMarkDef(size=70))
        .encode(
            x=alt.X("day:T", title=None, axis=alt.Axis(format="%b %d", tickCount="day")),
            y=alt.Y("score:Q", title="Average (0–4)", scale=alt.Scale(domain=[0, MAX_LEVEL])),
            color=alt.Color("criterion:N", title="Criterion"),
            tooltip=["criterion", alt.Tooltip("score:Q", format=".1f")],
        )
    )


def weakest_chart(weakest: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(weakest)
        .mark_bar()
        .encode(
            x=alt.X("average:Q", title="Average score", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("topic:N", sort="x", title=None),
            tooltip=["topic", alt.Tooltip("average:Q", format=".0f"), "answers"],
        )
    )
