"""Process-wide resources for the pages: database, settings with the user's choices, engines.

Pages never build clients themselves: they ask here, and the engine comes from the one factory
in ``app.engines``. The API key is read from the environment or ``st.secrets`` only.
"""

from __future__ import annotations

import hashlib
import logging
import threading

import streamlit as st
from pydantic import SecretStr
from sqlalchemy import Engine as Database

from app import services
from app.settings import Settings, get_settings
from app.storage import open_database, preferences
from evaluators.engine import Engine
from evaluators.errors import CoachError
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


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
