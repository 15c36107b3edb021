"""Mock interview: a timed series of questions with follow-ups, ending in a report."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from app.grading import QuestionRef, Submission, grade_and_save
from app.storage import attempts, sessions
from app.ui import resources
from app.ui.answer_input import answer_input, clear_answer
from app.ui.errors import show_error
from app.ui.export import history_markdown
from app.ui.feedback_view import band, render_feedback
from app.ui.mock_plan import DEFAULT_MIX, plan_questions
from app.ui.mock_state import MOCK, begin_mock
from app.ui.question_picker import question_card
from app.ui.timer import answer_timer
from evaluators.errors import CoachError
from knowledge.models import TOPICS

P = MOCK


def _state() -> dict | None:
    return st.session_state.get(f"{P}.state")


def _start(mix: dict[str, int], minutes: float) -> None:
    db = resources.database()
    seen = {a.question_id for a in attempts.list_attempts(db) if a.question_id}
    plan = plan_questions(list(resources.knowledge().content.questions.values()), mix, avoid=seen)
    if not plan:
        st.session_state[f"{P}.notice"] = "Choose at least one question."
        return
    begin_mock(plan, minutes)


def _setup() -> None:
    st.markdown(
        "A realistic loop: questions one after another, a follow-up after each answer, "
        "and the feedback only at the end, like the real thing."
    )
    with st.container(border=True):
        st.markdown("**How many questions per topic?**")
        cols = st.columns(4)
        mix = {}
        for i, (topic, name) in enumerate(TOPICS.items()):
            mix[topic] = cols[i % 4].number_input(
                name, 0, 5, DEFAULT_MIX.get(topic, 0), key=f"{P}.n.{topic}"
            )
        minutes = st.slider(
            "Minutes per question", 1.0, 15.0, 4.0, 0.5, format="%.1f min", key=f"{P}.minutes"
        )
    mix = {t: n for t, n in mix.items() if n}
    total = sum(mix.values())
    st.button(
        f"Start the interview ({total} questions)",
        type="primary",
        icon=":material/play_arrow:",
        disabled=total == 0,
        key=f"{P}.start",
        on_click=_start,
        args=(mix, minutes),
    )
    if notice := st.session_state.pop(f"{P}.notice", None):
        st.warning(notice)


def _advance(state: dict, follow_up: str | None, parent: int | None) -> None:
    if follow_up:
        state.update(follow_up=follow_up, parent=parent)
    else:
        state.update(index=state["index"] + 1, follow_up=None, parent=None)
    state["started"] = time.time()
    clear_answer(P)


def _current_ref(state: dict, plan: list[str]) -> QuestionRef:
    question = resources.knowledge().content.questions[plan[state["index"]]]
    ref = QuestionRef.from_bank(question)
    if state["follow_up"]:
        return QuestionRef(text=state["follow_up"], topic=ref.topic, kind=ref.kind)
    return ref


def _slot(state: dict) -> str:
    """The question being answered, e.g. ``2`` or ``2-follow-up``: it names the submit button
    and the submission, so a click meant for one question can never record another."""
    return f"{state['index']}" + ("-follow-up" if state["follow_up"] else "")


def _answer(state: dict, plan: list[str], minutes: float) -> None:
    number = state["index"] + 1
    st.progress(number / len(plan), text=f"Question {number} of {len(plan)}")
    ref = _current_ref(state, plan)
    question_card(ref, "follow-up" if state["follow_up"] else None)
    answer_timer(state["started"], minutes)
    answer = answer_input(P, height=200)
    if (error := st.session_state.pop(f"{P}.error", None)) is not None:
        show_error(error)
    buttons = st.container(horizontal=True)
    submit = buttons.empty()
    slot = _slot(state)
    submitted = submit.button("Submit answer", type="primary", key=f"{P}.submit.{slot}")
    if state["follow_up"]:
        buttons.button(
            "Skip the follow-up", key=f"{P}.skip", on_click=_advance, args=(state, None, None)
        )
    if not submitted:
        return
    submit.button("Recording…", disabled=True, key=f"{P}.submitting")  # no second press
    sub = Submission(
        answer=answer.text,
        delivery=answer.delivery,
        audio_path=answer.audio_path,
        duration_s=round(time.time() - state["started"], 1),
        session_id=state["session_id"],
        parent_attempt_id=state["parent"],
        key=f"mock-{state['session_id']}-{slot}",
    )
    try:
        with st.status("Recording and evaluating your answer…") as status:
            st.caption("The first answer takes longer while the models load; then it is quick.")
            db, kb = resources.database(), resources.knowledge()
            attempt, feedback = grade_and_save(db, resources.evaluation_engine(), kb, ref, sub)
            status.update(label="Answer recorded", state="complete")
    except CoachError as err:  # rerun to bring the submit button back; the error stays shown
        st.session_state[f"{P}.error"] = err
        st.rerun()
    next_follow_up = None if state["follow_up"] else (feedback.follow_up or None)
    _advance(state, next_follow_up, attempt.id)
    st.rerun()


def _report(session_id: int) -> None:
    db = resources.database()
    mock = sessions.finish_session(db, session_id)
    answers = attempts.list_attempts(db, session_id=session_id)
    graded = [a for a in answers if a.overall is not None]
    st.subheader("Interview report")
    if not graded:
        st.info("No answers were graded in this session.")
        return
    average = sum(a.overall for a in graded) / len(graded)
    label, _ = band(average)
    total = sum(a.duration_s or 0 for a in answers)
    cols = st.columns(3)
    cols[0].metric("Average score", f"{average:.0f}/100", help=label)
    cols[1].metric("Answers", len(answers))
    cols[2].metric("Time", f"{total / 60:.0f} min")
    rows = [
        {
            "Question": a.question_text,
            "Type": "follow-up" if a.parent_attempt_id else "main",
            "Score": round(a.overall) if a.overall is not None else None,
            "Minutes": round((a.duration_s or 0) / 60, 1),
        }
        for a in answers
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    for a in answers:
        feedback = attempts.feedback_of(a)
        if feedback is not None:
            with st.expander(f"{a.question_text[:80]} · {feedback.overall:.0f}/100"):
                render_feedback(a, feedback)
    title = f"Mock interview {mock.created_at:%Y-%m-%d %H:%M}" if mock else "Mock interview"
    st.download_button(
        "Download the report (Markdown)",
        history_markdown(answers, title),
        file_name=f"mock-interview-{session_id}.md",
        mime="text/markdown",
        icon=":material/download:",
    )


def _end() -> None:
    st.session_state.pop(f"{P}.state", None)
    clear_answer(P)


def page() -> None:
    st.title("Mock interview")
    state = _state()
    if state is None:
        _setup()
        return
    mock = sessions.get_session(resources.database(), state["session_id"])
    plan = mock.plan if mock else []
    if state["index"] >= len(plan):
        _report(state["session_id"])
        st.button("Start a new interview", key=f"{P}.new", on_click=_end)
        return
    _answer(state, plan, mock.minutes_per_question)
    st.button("End the interview now", key=f"{P}.stop", on_click=_finish_early, args=(state, plan))


def _finish_early(state: dict, plan: list[str]) -> None:
    state["index"] = len(plan)


page()
