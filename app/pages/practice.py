"""Practice: pick a question, answer it (typed or spoken), get feedback, retry, follow up."""

from __future__ import annotations

import time

import streamlit as st

from app.grading import QuestionRef, Submission, evaluate_saved, save_pending
from app.storage import Attempt, attempts
from app.ui import resources
from app.ui.answer_input import answer_input, clear_answer
from app.ui.errors import coach_errors
from app.ui.feedback_view import render_comparison, render_feedback
from app.ui.markdown import escape_md
from app.ui.question_picker import pick_question, question_card
from app.ui.timer import answer_timer
from evaluators.errors import CoachError

P = "practice"


def _welcome() -> None:
    with st.container(border=True):
        st.markdown("##### Welcome to Interview Coach")
        st.markdown(
            "1. **Pick a question** from the bank (or type your own).\n"
            "2. **Answer** by typing or speaking, as you would in the interview.\n"
            "3. **Get rubric-based feedback**, then retry or take the follow-up question.\n\n"
            "Everything runs and stays on this computer."
        )


def _start(ref: QuestionRef) -> None:
    """Reset the answer state when the question changes (editing your own question keeps it)."""
    previous = st.session_state.get(f"{P}.ref")
    if previous == ref:
        return
    st.session_state[f"{P}.ref"] = ref
    if previous is None or previous.question_id or ref.question_id:
        st.session_state[f"{P}.started"] = time.time()
        st.session_state[f"{P}.attempt_id"] = None
        st.session_state[f"{P}.parent"] = None
        clear_answer(P)


def _retry(attempt: Attempt) -> None:
    st.session_state[f"{P}.parent"] = attempt.id
    st.session_state[f"{P}.attempt_id"] = None
    st.session_state[f"{P}.started"] = time.time()
    clear_answer(P)


def _follow_up(attempt: Attempt, question: str) -> None:
    ref = QuestionRef(text=question, topic=attempt.topic, kind=attempt.kind)
    st.session_state[f"{P}.followup"] = ref
    _start(ref)
    st.session_state[f"{P}.parent"] = attempt.id


def _leave_follow_up() -> None:
    st.session_state.pop(f"{P}.followup", None)


def _current_question() -> tuple[QuestionRef | None, bool]:
    follow_up = st.session_state.get(f"{P}.followup")
    if follow_up is not None:
        return follow_up, True
    return pick_question(P), False


def _submit(ref: QuestionRef) -> None:
    answer = answer_input(P)
    timed = st.session_state.get(f"{P}.timer", False)
    left, right = st.columns([1, 1], vertical_alignment="center")
    with left:
        clicked = st.button(
            "Get feedback", type="primary", key=f"{P}.submit", icon=":material/auto_awesome:"
        )
    with right:
        if timed:
            answer_timer(st.session_state[f"{P}.started"], st.session_state.get(f"{P}.limit"))
    if not clicked:
        return
    sub = Submission(
        answer=answer.text,
        delivery=answer.delivery,
        audio_path=answer.audio_path,
        duration_s=round(time.time() - st.session_state[f"{P}.started"], 1),
        parent_attempt_id=st.session_state.get(f"{P}.parent"),
    )
    db = resources.database()
    with coach_errors():
        engine = resources.evaluation_engine()
        pending = save_pending(db, ref, sub)
        st.session_state[f"{P}.attempt_id"] = pending.id
        with st.status("Evaluating your answer…") as status:
            st.caption("The first answer takes longer while the models load; then it is quick.")
            try:
                _, feedback = evaluate_saved(
                    db, engine, resources.knowledge(), pending, ref, sub.delivery
                )
            except CoachError:  # evaluate_saved recorded it on the attempt
                status.update(label="Evaluation failed. Your answer is saved.", state="error")
                return
            status.update(label=f"Scored {feedback.overall:.0f}/100", state="complete")


def _compare(attempt: Attempt) -> None:
    graded = attempts.list_attempts(
        resources.database(), status="done", question_text=attempt.question_text
    )
    earlier = [a for a in graded if a.id != attempt.id]
    if not earlier:
        return
    with st.expander(
        f"Compare with an earlier attempt ({len(earlier)})", icon=":material/compare_arrows:"
    ):
        other = st.selectbox(
            "Earlier attempt",
            earlier[::-1],
            format_func=lambda a: f"#{a.id} · {a.created_at:%b %d %H:%M} · {a.overall:.0f}/100",
            key=f"{P}.compare",
        )
        render_comparison(
            (other, attempts.feedback_of(other)), (attempt, attempts.feedback_of(attempt))
        )


def _failed(attempt: Attempt) -> None:
    st.error(f"Evaluation failed: {attempt.error}", icon=":material/error:")
    st.caption("Your answer is saved. Try again, or switch engine in Settings.")
    db = resources.database()
    if st.button("Evaluate again", key=f"{P}.regrade", icon=":material/replay:"):
        with coach_errors(), st.spinner("Evaluating…"):
            engine, kb = resources.evaluation_engine(), resources.knowledge()
            evaluate_saved(db, engine, kb, attempt, QuestionRef.from_attempt(attempt))
            st.rerun()


def _result(attempt: Attempt) -> None:
    if attempt.status == "failed":
        _failed(attempt)
        return
    feedback = attempts.feedback_of(attempt)
    if feedback is None:
        return
    st.subheader("Feedback")
    render_feedback(attempt, feedback)
    if feedback.follow_up:
        with st.container(border=True):
            st.markdown(":material/forum: **The interviewer follows up:**")
            st.markdown(f"_{escape_md(feedback.follow_up)}_")
    actions = st.container(horizontal=True)
    actions.button(
        "Retry this question",
        icon=":material/replay:",
        key=f"{P}.retry",
        on_click=_retry,
        args=(attempt,),
    )
    if feedback.follow_up:
        actions.button(
            "Answer the follow-up",
            icon=":material/arrow_forward:",
            key=f"{P}.answer_follow_up",
            type="primary",
            on_click=_follow_up,
            args=(attempt, feedback.follow_up),
        )
    _compare(attempt)


def page() -> None:
    st.title("Practice")
    db = resources.database()
    welcome = st.empty()
    if not attempts.list_attempts(db):
        with welcome.container():
            _welcome()
    ref, is_follow_up = _current_question()
    if ref is None:
        return
    _start(ref)
    if is_follow_up:
        st.button("← Back to the question bank", key=f"{P}.leave", on_click=_leave_follow_up)
    question_card(ref, "follow-up" if is_follow_up else None)
    with st.popover("Timer", icon=":material/timer:"):
        st.toggle("Show a timer", key=f"{P}.timer")
        st.number_input("Target (minutes)", 1.0, 30.0, 3.0, 0.5, key=f"{P}.limit")
    _submit(ref)
    attempt_id = st.session_state.get(f"{P}.attempt_id")
    attempt = attempts.get(db, attempt_id) if attempt_id else None
    if attempt is not None:
        welcome.empty()
        st.divider()
        _result(attempt)


page()
