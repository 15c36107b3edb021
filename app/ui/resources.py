"""What the pages ask for: database, settings with the user's choices, knowledge, engine.

The objects themselves are built and kept by ``app.services`` (shared with the CLI); this
module adds what is Streamlit's own: the API key may come from ``st.secrets``, and it is the one
place that knows who is using the app. ``database()`` is scoped to the signed-in user (the local
user without sign-in), so every page reads and writes only that user's rows, and in team mode
the engine counts LLM evaluations against the user's budget.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st
from sqlalchemy import Engine as Database

from app import auth, services
from app.settings import Settings, get_settings
from app.storage.models import LOCAL_USER
from app.storage.ownership import for_user
from app.ui.rate_limit import RateLimitedEngine
from evaluators.engine import Engine
from evaluators.errors import CoachError, InputError
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)

TEAM_FIXED_PREFERENCES = frozenset({"openai_base_url", "llm_model"})
"""Ignored in team mode: a user-chosen endpoint would receive the server's API key."""


def current_user_id() -> str:
    """The signed-in user in team mode, else the fixed local user.

    Raises:
        InputError: team mode and nobody is signed in (the app shows the sign-in screen first).
    """
    if not auth.auth_configured():
        return LOCAL_USER
    if not st.user.is_logged_in:
        raise InputError("Sign in to use Interview Coach.")
    return auth.user_id_of(st.user.to_dict())


def database() -> Database:
    """The migrated database for the configured URL, seen as the current user.

    Raises:
        StorageError: the database is unusable.
    """
    return for_user(services.database(), current_user_id())


def _secret_key() -> str | None:
    try:
        value = st.secrets.get("OPENAI_API_KEY")
    except FileNotFoundError:  # no secrets.toml: the environment is the only source
        return None
    return str(value) if value else None


def settings() -> Settings:
    """Environment settings overlaid with the choices saved on the Settings page."""
    # in team mode the operator's endpoint and key stay: users choose only the engine
    ignored = TEAM_FIXED_PREFERENCES if auth.auth_configured() else frozenset()
    return services.settings_with_choices(database(), _secret_key(), ignored)


def knowledge() -> KnowledgeBase:
    return services.knowledge_base(get_settings())


def _prepare(kb: KnowledgeBase) -> None:
    """Build or refresh the index and load the embedding model, so the first answer is quick."""
    from knowledge.embeddings import get_model

    try:
        kb.index  # noqa: B018  (built or refreshed on first access)
        get_model()
    except CoachError as err:  # the page that needs them shows the error when it gets there
        log.warning("background warm-up failed: %s", err)


@st.cache_resource(show_spinner=False)
def _warm_up(data_dir: str) -> threading.Thread:
    thread = threading.Thread(target=_prepare, args=(knowledge(),), name="warm-up", daemon=True)
    thread.start()
    return thread


def warm_up() -> None:
    """Prepare the slow resources in a background thread, once per server, when ``coach run``
    asked for it: the first page renders at once instead of after a minute of index building."""
    s = get_settings()
    if s.warm_start:
        _warm_up(str(s.data_dir))


def reload_knowledge() -> None:
    """Forget loaded content so newly imported questions and rubrics are picked up."""
    services.reset_knowledge_base()


def evaluation_engine(s: Settings | None = None) -> Engine:
    """The engine the user chose (``auto``: the LLM when configured, else offline)."""
    s = s or settings()
    engine = services.evaluation_engine(s)
    if auth.auth_configured() and engine.name == "llm":
        return RateLimitedEngine(engine, database(), s.llm_rate_per_user, s.llm_rate_window)
    return engine
