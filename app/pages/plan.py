"""Plan for a job: paste a job description (and a résumé), get the questions to practise first."""

from __future__ import annotations

import streamlit as st

from app.planning import make_plan, text_of
from app.storage import attempts, plans
from app.ui import resources
from app.ui.errors import coach_errors
from app.ui.mock_state import MOCK_PAGE, begin_mock
from app.ui.plan_view import render_plan
from app.ui.question_picker import DUE, request_source
from knowledge.jd import MAX_CHARS
from knowledge.plan import DEFAULT_LENGTH, MAX_LENGTH

P = "plan"
PRACTICE = "pages/practice.py"


def _inputs() -> None:
    with st.container(border=True):
        st.text_area(
            "Job description",
            key=f"{P}.jd",
            height=220,
            max_chars=MAX_CHARS,
            placeholder="Paste the job description here.",
        )
        jd_upload = st.file_uploader(
            "…or upload it (.txt, .md)", type=["txt", "md"], key=f"{P}.jd_file"
        )
        with st.expander("Optional: your résumé (for project deep-dives)"):
            st.text_area("Résumé", key=f"{P}.cv", height=160, max_chars=MAX_CHARS)
            cv_upload = st.file_uploader(
                "…or upload it (.txt, .md)", type=["txt", "md"], key=f"{P}.cv_file"
            )
        n = st.number_input("Questions", 4, MAX_LENGTH, DEFAULT_LENGTH, key=f"{P}.n")
        if st.button("Build my plan", type="primary", icon=":material/checklist:", key=f"{P}.go"):
            with coach_errors():
                jd = text_of(jd_upload.getvalue(), "job description") if jd_upload else ""
                jd = jd or st.session_state.get(f"{P}.jd", "")
                cv = text_of(cv_upload.getvalue(), "résumé") if cv_upload else ""
                cv = cv or st.session_state.get(f"{P}.cv", "")
                with st.spinner("Matching the job to the question bank…"):
                    plan = make_plan(
                        resources.knowledge(),
                        jd,
                        resume=cv or None,
                        n=int(n),
                        settings=resources.settings(),
                    )
                plans.save_plan(resources.database(), plan)


def _queue(plan_id: int) -> None:
    plans.queue_plan(resources.database(), plan_id)
    request_source("practice", DUE)


def _actions(record_id: int, question_ids: list[str]) -> None:
    cols = st.columns([2, 2, 3], vertical_alignment="bottom")
    minutes = cols[2].slider("Minutes per question", 1.0, 15.0, 4.0, 0.5, key=f"{P}.minutes")
    if cols[0].button("Start as a mock interview", icon=":material/play_arrow:", key=f"{P}.mock"):
        begin_mock(question_ids, minutes)
        st.switch_page(MOCK_PAGE)
    if cols[1].button("Add to my review queue", icon=":material/playlist_add:", key=f"{P}.queue"):
        _queue(record_id)
        st.switch_page(PRACTICE)


def page() -> None:
    st.title("Plan for a job")
    st.caption(
        "Paste the job description: the plan picks the bank questions this role is most likely "
        "to ask, says which line of the job each one serves, and keeps the fundamentals in."
    )
    _inputs()
    db = resources.database()
    latest = plans.latest_plan(db)
    if latest is None:
        return
    record, plan = latest
    bank = resources.knowledge().content.questions
    graded = [a for a in attempts.list_attempts(db) if a.overall is not None]
    render_plan(plan, bank, plans.plan_progress(plan, record, graded))
    ids = [q.id for q in plan.questions if q.id in bank]
    _actions(record.id, ids)


page()
