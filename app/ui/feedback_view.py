"""The feedback component: score, criteria, highlighted answer, key points, coaching, delivery.

Every piece of text that comes from the answer or an engine goes through ``escape_md``; the
only markdown we add ourselves is the highlight directive and fixed labels.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.storage import Attempt
from app.ui.markdown import escape_md, highlight
from evaluators.schemas import Delivery, Feedback, StarAnalysis
from rubrics.models import MAX_LEVEL

PRESENT, ABSENT = ":green[:material/check_circle:]", ":gray[:material/radio_button_unchecked:]"
BANDS = ((75, "Strong", "green"), (55, "Solid", "blue"), (35, "Developing", "orange"))


def band(overall: float) -> tuple[str, str]:
    """A word and a badge colour for a 0–100 score."""
    for floor, label, colour in BANDS:
        if overall >= floor:
            return label, colour
    return "Needs work", "red"


def _bullets(items: list[str], empty: str) -> None:
    if items:
        st.markdown("\n".join(f"- {escape_md(item)}" for item in items))
    else:
        st.caption(empty)


def _header(feedback: Feedback) -> None:
    label, colour = band(feedback.overall)
    left, right = st.columns([1, 3], vertical_alignment="center")
    left.metric("Overall", f"{feedback.overall:.0f}/100")
    with right:
        st.badge(label, color=colour)
        st.caption(f"Graded by the {feedback.engine} engine · rubric: {feedback.rubric_id}")
    for notice in feedback.notices:
        st.info(escape_md(notice), icon=":material/info:")


def _criteria(feedback: Feedback) -> None:
    for criterion in feedback.criteria:
        st.progress(
            criterion.score / MAX_LEVEL,
            text=f"**{escape_md(criterion.name)}** · {criterion.score}/{MAX_LEVEL}",
        )
        if criterion.comment:
            st.caption(escape_md(criterion.comment))


def _answer(answer: str, feedback: Feedback) -> None:
    quotes = [quote for c in feedback.criteria for quote in c.evidence]
    with st.container(border=True):
        st.markdown(highlight(answer, quotes))
    if quotes:
        st.caption("Highlighted: the passages the evaluator quoted as evidence.")


def _points(feedback: Feedback) -> None:
    covered, missing = st.columns(2)
    with covered:
        st.markdown(":material/check_circle: **Covered**")
        _bullets(feedback.covered_points, "None of the key points yet.")
    with missing:
        st.markdown(":material/radio_button_unchecked: **Missing**")
        _bullets(feedback.missing_points, "Nothing missing. Well done.")
    for flag in feedback.red_flags_hit:
        st.warning(escape_md(flag), icon=":material/flag:")


def _coaching(feedback: Feedback) -> None:
    good, better = st.columns(2)
    with good:
        st.markdown(":material/thumb_up: **Strengths**")
        _bullets(feedback.strengths, "No particular strengths noted.")
    with better:
        st.markdown(":material/trending_up: **Improve next time**")
        _bullets(feedback.improvements, "No suggestions.")
    if feedback.stronger_answer:
        with st.expander("A stronger answer", icon=":material/menu_book:"):
            st.markdown(escape_md(feedback.stronger_answer))


def render_delivery(delivery: Delivery) -> None:
    """Speaking metrics for a spoken answer (also used by the story bank's rehearsal)."""
    cols = st.columns(4)
    cols[0].metric("Words per minute", f"{delivery.wpm:.0f}")
    cols[1].metric("Fillers / min", f"{delivery.fillers_per_min:.1f}")
    cols[2].metric("Long pauses", len(delivery.long_pauses))
    cols[3].metric("Duration", f"{delivery.duration_s:.0f} s")
    if delivery.fillers:
        fillers = ", ".join(f"“{escape_md(w)}” × {n}" for w, n in delivery.fillers.items())
        st.caption(f"Fillers: {fillers}")
    _bullets(delivery.guidance, "")


def render_star(star: StarAnalysis) -> None:
    """One line per STAR component: present or not, and the sentence that carries it."""
    parts = [
        ("Situation", star.situation),
        ("Task", star.task),
        ("Action", star.action),
        ("Result", star.result),
        ("Reflection", star.reflection),
    ]
    for name, part in parts:
        mark = PRESENT if part.present else ABSENT
        quote = f" — _{escape_md(part.evidence)}_" if part.evidence else ""
        st.markdown(f"{mark} **{name}**{quote}")
    if star.result.present and not star.result_quantified:
        st.caption("Tip: quantify the result (a number, a percentage, time saved).")


def render_feedback(attempt: Attempt, feedback: Feedback) -> None:
    """The full feedback for one graded attempt."""
    _header(feedback)
    names = ["Scores", "Your answer", "Key points", "Coaching"]
    if feedback.star is not None:
        names.append("STAR")
    if feedback.delivery is not None:
        names.append("Delivery")
    tabs = dict(zip(names, st.tabs(names), strict=True))
    with tabs["Scores"]:
        _criteria(feedback)
    with tabs["Your answer"]:
        _answer(attempt.answer_text, feedback)
    with tabs["Key points"]:
        _points(feedback)
    with tabs["Coaching"]:
        _coaching(feedback)
    if feedback.star is not None:
        with tabs["STAR"]:
            render_star(feedback.star)
    if feedback.delivery is not None:
        with tabs["Delivery"]:
            render_delivery(feedback.delivery)


def comparison_table(pairs: list[tuple[Attempt, Feedback]]) -> pd.DataFrame:
    """Criterion scores of several attempts, one column per attempt (oldest first)."""
    rows: dict[str, dict[str, int]] = {}
    for attempt, feedback in pairs:
        column = f"#{attempt.id} · {attempt.created_at:%b %d %H:%M}"
        for criterion in feedback.criteria:
            rows.setdefault(criterion.name, {})[column] = criterion.score
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.loc["Overall (0–100)"] = [round(f.overall) for _, f in pairs]
    return table


def render_comparison(before: tuple[Attempt, Feedback], after: tuple[Attempt, Feedback]) -> None:
    """Two attempts side by side: scores with the change, then both answers."""
    st.dataframe(comparison_table([before, after]), width="stretch")
    left, right = st.columns(2)
    for column, (attempt, feedback), delta in (
        (left, before, None),
        (right, after, after[1].overall - before[1].overall),
    ):
        with column, st.container(border=True):
            st.metric(
                f"Attempt #{attempt.id}",
                f"{feedback.overall:.0f}/100",
                delta=None if delta is None else f"{delta:+.0f}",
            )
            st.markdown(escape_md(attempt.answer_text))
