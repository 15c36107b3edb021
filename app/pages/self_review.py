"""Self-review: rate your own answer on the rubric first, then compare with the evaluator."""

from __future__ import annotations

import streamlit as st

from app.grading import QuestionRef, Submission, grade_and_save
from app.storage import attempts
from app.ui import resources
from app.ui.answer_input import Answer, answer_input
from app.ui.calibration import bias_by_criterion, calibration_chart, history, side_by_side, verdict
from app.ui.errors import coach_errors
from app.ui.feedback_view import render_feedback
from app.ui.markdown import escape_md
from app.ui.question_picker import BANK, pick_question, question_card
from rubrics.models import MAX_LEVEL, Criterion

P = "review"


def _criteria(ref: QuestionRef, spoken: bool) -> list[Criterion]:
    """The rubric's criteria and the communication ones (delivery only for spoken answers)."""
    content = resources.knowledge().content
    rubric = content.rubrics.get(ref.kind or "")
    criteria = [*(rubric.criteria if rubric else []), *content.communication.criteria]
    return [c for c in criteria if spoken or c.signal != "delivery"]


def _levels_help(criterion: Criterion) -> str:
    return "\n\n".join(f"**{level}** — {text}" for level, text in sorted(criterion.levels.items()))


def _rate(criteria: list[Criterion]) -> dict[str, int]:
    st.markdown(
        f"**Rate yourself first** — 0 = missing, {MAX_LEVEL} = excellent. "
        "The :material/help: next to each criterion describes its levels."
    )
    cols = st.columns(2)
    return {
        c.id: cols[i % 2].slider(
            c.name, 0, MAX_LEVEL, 2, key=f"{P}.rate.{c.id}", help=_levels_help(c)
        )
        for i, c in enumerate(criteria)
    }


def _reveal(ref: QuestionRef, answer: Answer, mine: dict[str, int]) -> None:
    db = resources.database()
    with coach_errors(), st.spinner("The evaluator is scoring your answer…"):
        sub = Submission(answer.text, delivery=answer.delivery, audio_path=answer.audio_path)
        attempt, _ = grade_and_save(
            db, resources.evaluation_engine(), resources.knowledge(), ref, sub
        )
        attempts.save_self_ratings(db, attempt.id, mine)
        st.session_state[f"{P}.attempt_id"] = attempt.id


def _comparison(attempt_id: int) -> None:
    db = resources.database()
    attempt = attempts.get(db, attempt_id)
    feedback = attempts.feedback_of(attempt) if attempt else None
    if feedback is None:
        return
    mine = {r.criterion_id: r.score for r in attempts.self_ratings(db, attempt_id)}
    table = side_by_side(feedback, mine)
    st.subheader("You vs the evaluator")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "You": st.column_config.ProgressColumn(
                "You", min_value=0, max_value=MAX_LEVEL, format="%d"
            ),
            "Evaluator": st.column_config.ProgressColumn(
                "Evaluator", min_value=0, max_value=MAX_LEVEL, format="%d"
            ),
            "Gap": st.column_config.NumberColumn("Gap", format="%+d"),
        },
    )
    st.info(escape_md(verdict(table)), icon=":material/balance:")
    with st.expander("Full feedback"):
        render_feedback(attempt, feedback)


def _calibration() -> None:
    db = resources.database()
    frame = history(attempts.list_attempts(db, status="done"), attempts.self_ratings(db))
    st.subheader("Calibration over time")
    if frame.empty:
        st.caption("Your calibration chart appears after your first self-review.")
        return
    left, right = st.columns(2, gap="large")
    left.altair_chart(calibration_chart(frame), width="stretch")
    right.altair_chart(bias_by_criterion(frame), width="stretch")
    st.caption("Above zero: you rate yourself higher than the evaluator does.")


def page() -> None:
    st.title("Self-review")
    st.caption("Interviewers reward candidates who know where their answer is weak.")
    ref = pick_question(P, sources=(BANK,))
    if ref is not None:
        if st.session_state.get(f"{P}.ref") != ref:
            st.session_state[f"{P}.ref"] = ref
            st.session_state[f"{P}.attempt_id"] = None
        question_card(ref)
        answer = answer_input(P, height=180)
        mine = _rate(_criteria(ref, spoken=answer.delivery is not None))
        if st.button("Reveal the evaluator's scores", type="primary", key=f"{P}.reveal"):
            _reveal(ref, answer, mine)
        attempt_id = st.session_state.get(f"{P}.attempt_id")
        if attempt_id:
            _comparison(attempt_id)
    st.divider()
    _calibration()


page()
