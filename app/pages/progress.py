"""Progress: scores over time, weakest topics, streak, review queue and export."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from app.storage import attempts, plans, sessions
from app.ui import resources
from app.ui.export import history_json, history_markdown
from app.ui.markdown import escape_md
from app.ui.plan_view import questions_frame
from app.ui.progress_data import (
    criteria_frame,
    criterion_chart,
    scores_frame,
    streak,
    topic_chart,
    weakest_chart,
    weakest_topics,
)
from app.ui.question_picker import DUE, request_source

PRACTICE = "pages/practice.py"
PLAN = "pages/plan.py"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _metrics(graded: list, due: int) -> None:
    scores = [a.overall for a in graded]
    recent, before = scores[-10:], scores[-20:-10]
    delta = None
    if before:
        delta = f"{sum(recent) / len(recent) - sum(before) / len(before):+.0f} vs previous 10"
    days = [a.created_at.astimezone().date() for a in graded]
    cols = st.columns(4)
    cols[0].metric("Answers graded", len(graded), border=True)
    cols[1].metric("Average (last 10)", f"{sum(recent) / len(recent):.0f}", delta, border=True)
    cols[2].metric("Day streak", _days(streak(days, datetime.now().date())), border=True)
    cols[3].metric("Due for review", due, border=True)


def _charts(graded: list) -> None:
    scores = scores_frame(graded)
    by_topic, by_criterion, weakest = st.tabs(["By topic", "By criterion", "Weakest topics"])
    with by_topic:
        st.altair_chart(topic_chart(scores), width="stretch")
    with by_criterion:
        st.altair_chart(criterion_chart(criteria_frame(graded)), width="stretch")
    with weakest:
        st.altair_chart(weakest_chart(weakest_topics(scores)), width="stretch")


def _review_queue() -> None:
    st.subheader("Due for review")
    db = resources.database()
    due = attempts.due_for_review(db)
    if not due:
        st.caption("Nothing due. Low-scoring questions come back here the next day.")
        return
    bank = resources.knowledge().content.questions
    rows = [
        {
            "Question": bank[s.question_id].prompt if s.question_id in bank else s.question_id,
            "Last score": round(s.last_score),
            "Due since": s.due.astimezone().strftime("%b %d %H:%M"),
        }
        for s in due
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if st.button("Practise the due questions", type="primary"):
        request_source("practice", DUE)
        st.switch_page(PRACTICE)


def _export(all_attempts: list) -> None:
    st.subheader("Export")
    db = resources.database()
    mocks = sessions.list_sessions(db)
    scope = st.selectbox(
        "What to export",
        [None, *mocks],
        format_func=lambda m: (
            "All history"
            if m is None
            else f"Mock interview {m.created_at.astimezone():%Y-%m-%d %H:%M}"
        ),
        key="progress.export_scope",
    )
    chosen = all_attempts if scope is None else attempts.list_attempts(db, session_id=scope.id)
    name = "interview-coach-history" if scope is None else f"mock-interview-{scope.id}"
    buttons = st.container(horizontal=True)
    buttons.download_button(
        "Markdown", history_markdown(chosen), file_name=f"{name}.md", mime="text/markdown"
    )
    buttons.download_button(
        "JSON", history_json(chosen), file_name=f"{name}.json", mime="application/json"
    )


def _plan_progress(graded: list) -> None:
    """How far through the latest job plan the user is (practised questions, best scores)."""
    latest = plans.latest_plan(resources.database())
    if latest is None:
        return
    record, plan = latest
    progress = plans.plan_progress(plan, record, graded)
    practised = sum(1 for item in progress if item.attempts)
    with st.container(border=True):
        st.markdown(f"**Practice plan: {escape_md(plan.role)}**")
        st.progress(
            practised / len(progress) if progress else 0.0,
            text=f"{practised} of {len(progress)} plan questions practised",
        )
        bank = resources.knowledge().content.questions
        st.dataframe(
            questions_frame(plan, bank, progress)[["#", "Question", "Attempts", "Best"]],
            hide_index=True,
            width="stretch",
        )
        st.page_link(PLAN, label="Open the plan", icon=":material/work:")


def page() -> None:
    st.title("Progress")
    db = resources.database()
    all_attempts = attempts.list_attempts(db)
    graded = [a for a in all_attempts if a.status == "done" and a.overall is not None]
    _plan_progress(graded)
    if not graded:
        st.info("No graded answers yet. Your scores, streak and review queue will show up here.")
        st.page_link(PRACTICE, label="Answer your first question", icon=":material/target:")
        return
    _metrics(graded, len(attempts.due_for_review(db)))
    _charts(graded)
    left, right = st.columns([3, 2], gap="large")
    with left:
        _review_queue()
    with right:
        _export(all_attempts)


page()
