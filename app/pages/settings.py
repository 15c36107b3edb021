"""Settings: evaluation engine, LLM endpoint and model, data directory, custom content."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import make_url

from app import auth
from app.storage import preferences
from app.ui import resources
from app.ui.content_import import custom_files, import_file
from app.ui.errors import coach_errors

P = "settings"
ENGINES = {
    "auto": "Automatic — the LLM when one is configured, otherwise offline",
    "offline": "Offline — rubric scoring on this computer, no network",
    "llm": "LLM — an OpenAI-compatible endpoint (falls back to offline on errors)",
}


def _save_engine(engine: str, base_url: str, model: str) -> None:
    db = resources.database()
    preferences.set_preference(db, "engine", engine)
    preferences.set_preference(db, "openai_base_url", base_url.strip() or None)
    preferences.set_preference(db, "llm_model", model.strip() or None)
    st.session_state[f"{P}.saved"] = True


def _engine_section() -> None:
    s = resources.settings()
    st.subheader("Evaluation engine")
    with st.form(f"{P}.engine_form", border=True):
        engine = st.radio(
            "Engine", list(ENGINES), index=list(ENGINES).index(s.engine), format_func=ENGINES.get
        )
        base_url = st.text_input(
            "Endpoint (OPENAI_BASE_URL)",
            value=s.openai_base_url or "",
            placeholder="https://api.openai.com/v1 — or e.g. http://127.0.0.1:11434/v1 for Ollama",
        )
        model = st.text_input("Model", value=s.llm_model)
        submitted = st.form_submit_button("Save", type="primary")
    if submitted:
        _save_engine(engine, base_url, model)
        st.rerun()
    if st.session_state.pop(f"{P}.saved", False):
        st.success("Saved. New evaluations use these settings.", icon=":material/check_circle:")
    key_state = "set" if s.openai_api_key is not None else "not set"
    st.caption(
        f"API key: **{key_state}**. It is read from the OPENAI_API_KEY environment variable or "
        "Streamlit secrets, and is never stored or shown."
    )
    st.caption(f"Now grading with: **{s.resolved_engine}**.")
    if st.button("Test connection", icon=":material/cable:", key=f"{P}.test"):
        from app.engines import check_llm_connection

        with st.spinner("Contacting the endpoint…"):
            ok, message = check_llm_connection(s)
        (st.success if ok else st.error)(message)


def _data_section() -> None:
    s = resources.settings()
    st.subheader("Your data")
    st.markdown("Data directory (database, audio, custom content, search index):")
    st.code(str(s.data_dir), language=None, wrap_lines=True)
    url = make_url(s.resolved_database_url)
    if url.get_backend_name() != "sqlite":
        st.caption(f"Database: {url.render_as_string(hide_password=True)}")


def _import(kind: str) -> None:
    s = resources.settings()
    folder = s.user_questions_dir if kind == "questions" else s.user_rubrics_dir
    upload = st.file_uploader(
        f"Add a {kind[:-1]} file (YAML)", type=["yaml", "yml"], key=f"{P}.upload.{kind}"
    )
    if upload is not None and st.button("Validate and import", key=f"{P}.import.{kind}"):
        problems = import_file(
            kind, upload.name, upload.getvalue(), s.user_questions_dir, s.user_rubrics_dir
        )
        if problems:
            st.error(
                "Nothing was saved. Fix these problems and upload again:", icon=":material/block:"
            )
            st.code("\n".join(problems), language=None)
        else:
            resources.reload_knowledge()
            st.success(f"Imported {upload.name}.", icon=":material/check_circle:")
    files = custom_files(folder)
    if not files:
        st.caption(f"No custom {kind} yet.")
    for path in files:
        st.download_button(
            path.name,
            path.read_bytes(),
            icon=":material/download:",
            file_name=path.name,
            mime="application/yaml",
            key=f"{P}.export.{kind}.{path.name}",
        )


def _content_section() -> None:
    st.subheader("Custom questions and rubrics")
    st.caption(
        "Same format as the shipped YAML (see `coach check`). Files are validated before they "
        "are saved; a file with any problem is not saved."
    )
    questions, rubrics = st.columns(2, gap="large")
    with questions, st.container(border=True):
        st.markdown("**Questions**")
        _import("questions")
    with rubrics, st.container(border=True):
        st.markdown("**Rubrics**")
        _import("rubrics")
    problems = resources.knowledge().content.problems
    if problems:
        with st.expander(
            f"{len(problems)} problem(s) in the loaded content", icon=":material/warning:"
        ):
            st.code("\n".join(str(p) for p in problems), language=None)


def page() -> None:
    st.title("Settings")
    with coach_errors():
        left, right = st.columns([3, 2], gap="large")
        with left:
            _engine_section()
        with right:
            _data_section()
        if not auth.auth_configured():  # team mode: shared content is the operator's to manage
            st.divider()
            _content_section()


page()
