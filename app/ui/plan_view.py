"""Render a practice plan: topic weights, competencies, and the questions with their reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
import streamlit as st

from app.storage.plans import PlanItemProgress
from app.ui.markdown import escape_md
from knowledge.models import COMPETENCIES, TOPICS, Question
from knowledge.plan import PracticePlan


def weights_chart(plan: PracticePlan) -> alt.Chart:
    """Horizontal bars: how much of the job each topic covers."""
    frame = pd.DataFrame(
        [{"topic": TOPICS.get(t.topic, t.topic), "weight": t.weight} for t in plan.topics]
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("weight:Q", title="Share of the job", axis=alt.Axis(format="%")),
            y=alt.Y("topic:N", title=None, sort="-x"),
            tooltip=["topic", alt.Tooltip("weight:Q", format=".0%")],
        )
    )


def questions_frame(
    plan: PracticePlan,
    bank: Mapping[str, Question],
    progress: Sequence[PlanItemProgress] = (),
) -> pd.DataFrame:
    """One row per plan question: the prompt, topic, the reason, and progress so far."""
    done = {p.question_id: p for p in progress}
    rows = []
    for i, q in enumerate(plan.questions, start=1):
        item = done.get(q.id)
        question = bank.get(q.id)
        rows.append(
            {
                "#": i,
                "Question": question.prompt if question else q.id,
                "Topic": TOPICS.get(q.topic, q.topic),
                "Why": q.why,
                "Attempts": item.attempts if item else 0,
                "Best": round(item.best) if item and item.best is not None else None,
            }
        )
    return pd.DataFrame(rows)


def render_plan(
    plan: PracticePlan,
    bank: Mapping[str, Question],
    progress: Sequence[PlanItemProgress] = (),
) -> None:
    st.subheader(f"Plan for: {escape_md(plan.role)}")
    for notice in plan.notices:
        st.info(notice, icon=":material/info:")
    weights, competencies = st.columns([3, 2])
    with weights:
        if plan.topics:
            st.altair_chart(weights_chart(plan), width="stretch")
    with competencies:
        st.markdown("**Behavioral competencies to prepare stories for**")
        for c in plan.competencies:
            st.badge(COMPETENCIES.get(c, c), color="blue")
    st.dataframe(questions_frame(plan, bank, progress), hide_index=True, width="stretch")
