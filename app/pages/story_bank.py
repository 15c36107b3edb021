"""STAR story bank: build stories with live STAR analysis, cover the competencies, rehearse."""

from __future__ import annotations

import streamlit as st

from app.storage import stories
from app.storage.stories import STORY_FIELDS
from app.ui import resources
from app.ui.answer_input import answer_input, clear_answer
from app.ui.coverage import coverage_grid, gaps
from app.ui.feedback_view import render_delivery, render_star
from app.ui.markdown import escape_md
from knowledge.models import COMPETENCIES

P = "stories"
LIBRARY = ":material/library_books: My stories"
BUILDER = ":material/edit_note: Builder"
COVERAGE = ":material/grid_on: Coverage"
REHEARSE = ":material/mic: Rehearse"
PROMPTS = {
    "situation": ("Situation", "Where and when? One or two sentences of context."),
    "task": ("Task", "What were *you* responsible for? What was at stake?"),
    "action": ("Action", "What did *you* do, step by step? Say “I”, not “we”."),
    "result": ("Result", "What changed? Put a number on it if you can."),
    "reflection": ("Reflection", "What did you learn, and what would you do differently?"),
}


def _field_key(name: str) -> str:
    return f"{P}.f.{name}"


def _load(story_id: int | None) -> None:
    """Fill the builder with a story (or empty it) and switch to the builder."""
    story = stories.get_story(resources.database(), story_id) if story_id else None
    for name in STORY_FIELDS:
        st.session_state[_field_key(name)] = getattr(story, name) if story else ""
    st.session_state[_field_key("competencies")] = story.competencies if story else []
    st.session_state[f"{P}.editing"] = story_id if story else None
    st.session_state[f"{P}.section"] = BUILDER


def _delete(story_id: int) -> None:
    stories.delete_story(resources.database(), story_id)
    if st.session_state.get(f"{P}.editing") == story_id:
        st.session_state[f"{P}.editing"] = None
    st.session_state[f"{P}.flash"] = "Story deleted."


def _save() -> None:
    fields = {name: st.session_state.get(_field_key(name), "") for name in STORY_FIELDS}
    if not fields["title"].strip():
        st.session_state[f"{P}.flash_error"] = "Give the story a title first."
        return
    story = stories.save_story(
        resources.database(),
        story_id=st.session_state.get(f"{P}.editing"),
        competencies=st.session_state.get(_field_key("competencies"), []),
        **fields,
    )
    st.session_state[f"{P}.editing"] = story.id
    st.session_state[f"{P}.flash"] = f"Saved “{story.title}”."


def _library() -> None:
    all_stories = stories.list_stories(resources.database())
    if not all_stories:
        st.info("No stories yet. Interviewers ask for 6–8 of them: start with one in the builder.")
        st.button("Write my first story", type="primary", on_click=_load, args=(None,))
        return
    for story in all_stories:
        with st.expander(f"**{escape_md(story.title)}**"):
            tags = st.container(horizontal=True)
            for cid in story.competencies:
                tags.badge(COMPETENCIES.get(cid, cid), color="blue")
            for name, (label, _) in PROMPTS.items():
                text = getattr(story, name)
                if text:
                    st.markdown(f"**{label}.** {escape_md(text)}")
            buttons = st.container(horizontal=True)
            buttons.button("Edit", key=f"{P}.edit.{story.id}", on_click=_load, args=(story.id,))
            buttons.button(
                "Delete", key=f"{P}.delete.{story.id}", on_click=_delete, args=(story.id,)
            )


def _live_analysis(fields: dict[str, str]) -> None:
    """Each box judged as what the user said it is (detection is for free text only)."""
    from evaluators.star.boxes import judge_boxes

    if not any(fields.get(name, "").strip() for name in PROMPTS):
        st.caption("The STAR check appears as you write.")
        return
    analysis, checks = judge_boxes(fields)
    render_star(analysis)
    notes = [(PROMPTS[c.component][0], c.note) for c in checks if c.filled and c.note]
    for label, note in notes:
        st.markdown(f"- **{label}:** {note}")


def _builder() -> None:
    editing = st.session_state.get(f"{P}.editing")
    form, analysis = st.columns([3, 2], gap="large")
    with form:
        st.text_input("Title", key=_field_key("title"), placeholder="e.g. The model that drifted")
        for name, (label, hint) in PROMPTS.items():
            st.text_area(label, key=_field_key(name), placeholder=hint, height=90)
        st.multiselect(
            "Competencies it shows",
            list(COMPETENCIES),
            format_func=COMPETENCIES.get,
            key=_field_key("competencies"),
        )
        buttons = st.container(horizontal=True)
        buttons.button(
            "Save story", type="primary", key=f"{P}.save", on_click=_save, icon=":material/save:"
        )
        if editing:
            buttons.button("New story", key=f"{P}.new", on_click=_load, args=(None,))
    with analysis, st.container(border=True):
        st.markdown("**Live STAR check**")
        fields = {name: st.session_state.get(_field_key(name), "") for name in PROMPTS}
        _live_analysis(fields)


def _coverage() -> None:
    all_stories = stories.list_stories(resources.database())
    if all_stories:
        st.dataframe(coverage_grid(all_stories), width="stretch")
    missing = gaps(all_stories)
    if missing:
        st.markdown("**Gaps to fill**")
        for gap in missing:
            st.markdown(f"- {gap}")
    else:
        st.success("Every common competency has at least one story.")


def _rehearse() -> None:
    all_stories = stories.list_stories(resources.database())
    if not all_stories:
        st.info("Save a story first, then rehearse it aloud here.")
        return
    story = st.selectbox(
        "Story", all_stories, format_func=lambda s: s.title, key=f"{P}.rehearse_story"
    )
    if st.session_state.get(f"{P}.rehearsing") != story.id:
        st.session_state[f"{P}.rehearsing"] = story.id
        clear_answer(f"{P}.r")
    with st.expander("Your written version"):
        for name, (label, _) in PROMPTS.items():
            if getattr(story, name):
                st.markdown(f"**{label}.** {escape_md(getattr(story, name))}")
    told = answer_input(f"{P}.r", height=160)
    if not told.text.strip():
        st.caption("Record yourself telling the story (about two minutes), then check it here.")
        return
    from evaluators.star import analyze_star

    left, right = st.columns(2, gap="large")
    with left, st.container(border=True):
        st.markdown("**STAR check of what you said**")
        render_star(analyze_star(told.text))
    with right, st.container(border=True):
        st.markdown("**Delivery**")
        if told.delivery is not None:
            render_delivery(told.delivery)
        else:
            st.caption("Record or upload audio to see pace, fillers and pauses.")


def page() -> None:
    st.title("STAR story bank")
    if flash := st.session_state.pop(f"{P}.flash", None):
        st.toast(flash, icon=":material/check_circle:")
    if error := st.session_state.pop(f"{P}.flash_error", None):
        st.warning(error)
    st.session_state.setdefault(f"{P}.section", LIBRARY)
    section = st.segmented_control(
        "Section",
        (LIBRARY, BUILDER, COVERAGE, REHEARSE),
        key=f"{P}.section",
        required=True,
        label_visibility="collapsed",
    )
    {LIBRARY: _library, BUILDER: _builder, COVERAGE: _coverage, REHEARSE: _rehearse}[section]()


page()
