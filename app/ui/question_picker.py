"""Choose a question: from the bank (topic, difficulty, random), the review queue, or your own."""

from __future__ import annotations

import random
from collections.abc import Sequence

import streamlit as st

from app.grading import QuestionRef
from app.storage import attempts, plans
from app.ui import resources
from app.ui.markdown import escape_md
from knowledge.models import TOPICS, Question
from rubrics.models import RUBRIC_KINDS

BANK = ":material/library_books: Question bank"
DUE = ":material/update: Due for review"
OWN = ":material/edit: My own question"
SOURCES = (BANK, DUE, OWN)
DIFFICULTIES = ("easy", "medium", "hard")


def _label(question: Question) -> str:
    prompt = question.prompt if len(question.prompt) <= 90 else question.prompt[:87] + "…"
    return f"{prompt}  ·  {question.difficulty}"


def _filtered(questions: Sequence[Question], topic: str | None, levels: list[str]):
    """Matching questions, core topics and easy ones first (a gentle first question)."""
    order = list(TOPICS)
    matching = [
        q
        for q in questions
        if (topic is None or q.topic == topic) and (not levels or q.difficulty in levels)
    ]
    return sorted(
        matching,
        key=lambda q: (order.index(q.topic), DIFFICULTIES.index(q.difficulty), q.prompt),
    )


def _pick_random(key: str, ids: list[str]) -> None:
    if ids:
        st.session_state[key] = random.choice(ids)


def _from_bank(prefix: str, bank: dict[str, Question]) -> QuestionRef | None:
    topic_col, level_col = st.columns([3, 2])
    topic = topic_col.selectbox(
        "Topic",
        [None, *TOPICS],
        format_func=lambda t: "All topics" if t is None else TOPICS[t],
        key=f"{prefix}.topic",
    )
    levels = level_col.pills(
        "Difficulty", DIFFICULTIES, selection_mode="multi", key=f"{prefix}.levels"
    )
    candidates = _filtered(list(bank.values()), topic, levels or [])
    if not candidates:
        st.info("No question matches these filters.")
        return None
    ids = [q.id for q in candidates]
    key = f"{prefix}.qid"
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    pick_col, dice_col = st.columns([6, 1], vertical_alignment="bottom")
    dice_col.button(
        "Random",
        icon=":material/casino:",
        key=f"{prefix}.random",
        help="Pick a random question",
        on_click=_pick_random,
        args=(key, ids),
    )
    qid = pick_col.selectbox("Question", ids, format_func=lambda i: _label(bank[i]), key=key)
    return QuestionRef.from_bank(bank[qid])


def _queued_plan_questions(bank: dict[str, Question]) -> list[str]:
    """Questions of the plan the user queued that they have not practised yet."""
    db = resources.database()
    latest = plans.latest_plan(db)
    if latest is None or not latest[0].queued:
        return []
    record, plan = latest
    graded = [a for a in attempts.list_attempts(db) if a.overall is not None]
    return [q for q in plans.unpractised(plans.plan_progress(plan, record, graded)) if q in bank]


def _from_queue(prefix: str, bank: dict[str, Question]) -> QuestionRef | None:
    due = [s for s in attempts.due_for_review(resources.database()) if s.question_id in bank]
    states = {s.question_id: s for s in due}
    planned = [q for q in _queued_plan_questions(bank) if q not in states]
    if not due and not planned:
        st.info("Nothing is due for review. Questions you score low on come back here sooner.")
        return None

    def label(qid: str) -> str:
        if qid in states:
            return f"{_label(bank[qid])}  ·  last score {states[qid].last_score:.0f}"
        return f"{_label(bank[qid])}  ·  from your plan"

    qid = st.selectbox(
        f"{len(states) + len(planned)} question(s) due",
        [*states, *planned],
        format_func=label,
        key=f"{prefix}.due",
    )
    return QuestionRef.from_bank(bank[qid])


def _own(prefix: str) -> QuestionRef | None:
    text = st.text_area(
        "Your question", key=f"{prefix}.own", placeholder="e.g. How would you detect data drift?"
    )
    with st.expander("Optional: reference answer and question type"):
        reference = st.text_area(
            "Reference answer",
            key=f"{prefix}.own_ref",
            help="Its sentences become the key points. Leave empty to use similar bank questions.",
        )
        kind = st.selectbox(
            "Question type",
            [None, *RUBRIC_KINDS],
            format_func=lambda k: "Detect automatically" if k is None else k.replace("_", " "),
            key=f"{prefix}.own_kind",
        )
    if not text or not text.strip():
        return None
    return QuestionRef(text=text.strip(), kind=kind, reference_answer=reference or None)


def request_source(prefix: str, source: str) -> None:
    """Ask the picker on another page to open on ``source`` (e.g. the review queue)."""
    st.session_state[f"{prefix}.goto"] = source


def pick_question(prefix: str, sources: Sequence[str] = SOURCES) -> QuestionRef | None:
    """Render the picker; returns the chosen question, or None while nothing is chosen."""
    bank = resources.knowledge().content.questions
    source = BANK
    if goto := st.session_state.pop(f"{prefix}.goto", None):
        st.session_state[f"{prefix}.source"] = goto
    if len(sources) > 1:
        st.session_state.setdefault(f"{prefix}.source", sources[0])
        source = st.segmented_control(
            "Source",
            sources,
            key=f"{prefix}.source",
            required=True,
            label_visibility="collapsed",
        )
    if source == DUE:
        return _from_queue(prefix, bank)
    if source == OWN:
        return _own(prefix)
    return _from_bank(prefix, bank)


def question_card(ref: QuestionRef, tag: str | None = None) -> None:
    """The question, prominently, with its topic, difficulty and an optional tag."""
    with st.container(border=True):
        badges = st.container(horizontal=True)
        if ref.topic:
            badges.badge(TOPICS.get(ref.topic, ref.topic), color="violet")
        if ref.difficulty:
            colour = {"easy": "green", "medium": "orange", "hard": "red"}[ref.difficulty]
            badges.badge(ref.difficulty, color=colour)
        if tag or not ref.question_id:
            badges.badge(tag or "your question", color="gray")
        st.markdown(f"#### {escape_md(ref.text)}")
