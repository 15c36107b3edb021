"""Process-wide resources for the pages: database, settings with the user's choices, engines.

Pages never build clients themselves: they ask here, and the engine comes from the one factory
in ``app.engines``. The API key is read from the environment or ``st.secrets`` only.
"""

from __future__ import annotations

import hashlib

import streamlit as st
from pydantic import SecretStr
from sqlalchemy import Engine as Database

from app import services
from app.settings import Settings, get_settings
from app.storage import open_database, preferences
from evaluators.engine import Engine
from knowledge.base import KnowledgeBase


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    return open_database(url)


def database() -> Database:
    """The migrated database for the configured URL (raises ``StorageError`` when unusable)."""
    return _database(get_settings().resolved_database_url)


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
    return _engine(s.engine, _fingerprint(s), s)
