"""Process-wide resources for the pages: database, settings with the user's choices, engines.

Pages never build clients themselves: they ask here, and the engine comes from the one factory
in ``app.engines``. The API key is read from the environment or ``st.secrets`` only.

This is also the one place that knows who is using the app: ``database()`` is scoped to the
signed-in user (the local user without sign-in), so every page reads and writes only that
user's rows, and in team mode the engine counts LLM evaluations against the user's budget.
"""

from __future__ import annotations

import hashlib

import streamlit as st
from pydantic import SecretStr
from sqlalchemy import Engine as Database

from app import auth, services
from app.settings import Settings, get_settings
from app.storage import open_database, preferences
from app.storage.models import LOCAL_USER
from app.storage.ownership import for_user
from app.ui.rate_limit import RateLimitedEngine
from evaluators.engine import Engine
from evaluators.errors import InputError
from knowledge.base import KnowledgeBase

TEAM_FIXED_PREFERENCES = frozenset({"openai_base_url", "llm_model"})
"""Ignored in team mode: a user-chosen endpoint would receive the server's API key."""


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    return open_database(url)


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
    return for_user(_database(get_settings().resolved_database_url), current_user_id())


def _secret_key() -> str | None:
    try:
        value = st.secrets.get("OPENAI_API_KEY")
    except FileNotFoundError:  # no secrets.toml: the environment is the only source
        return None
    return str(value) if value else None


def settings() -> Settings:
    """Environment settings overlaid with the choices saved on the Settings page."""
    base = get_settings()
    update: dict[str, object] = dict(preferences.get_preferences(database()))
    if auth.auth_configured():  # the operator's endpoint and key: users choose only the engine
        update = {k: v for k, v in update.items() if k not in TEAM_FIXED_PREFERENCES}
    key = _secret_key()
    if base.openai_api_key is None and key:
        update["openai_api_key"] = SecretStr(key)
    return base.model_copy(update=update)


def knowledge() -> KnowledgeBase:
    return services.knowledge_base(get_settings())


def reload_knowledge() -> None:
    """Forget loaded content so newly imported questions and rubrics are picked up."""
    services.reset_knowledge_base()


@st.cache_resource(show_spinner=False, max_entries=4)
def _engine(choice: str, fingerprint: str, _settings: Settings) -> Engine:
    from app.engines import engine_from_settings

    return engine_from_settings(_settings, choice)


def _fingerprint(s: Settings) -> str:
    key = s.openai_api_key.get_secret_value() if s.openai_api_key else ""
    public = s.model_dump_json(exclude={"openai_api_key"})
    return hashlib.sha256(f"{public}|{key}".encode()).hexdigest()


def evaluation_engine(s: Settings | None = None) -> Engine:
    """The engine the user chose (``auto``: the LLM when configured, else offline)."""
    s = s or settings()
    engine = _engine(s.engine, _fingerprint(s), s)
    if auth.auth_configured() and engine.name == "llm":
        return RateLimitedEngine(engine, database(), s.llm_rate_per_user, s.llm_rate_window)
    return engine
