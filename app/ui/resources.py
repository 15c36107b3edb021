"""What the pages ask for: database, settings with the user's choices, knowledge, engine.

The objects themselves are built and kept by ``app.services`` (shared with the CLI); this
module only adds what is Streamlit's own: the API key may come from ``st.secrets``.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine as Database

from app import services
from app.settings import Settings, get_settings
from evaluators.engine import Engine
from knowledge.base import KnowledgeBase


def database() -> Database:
    """The migrated database for the configured URL (raises ``StorageError`` when unusable)."""
    return services.database()


def _secret_key() -> str | None:
    try:
        value = st.secrets.get("OPENAI_API_KEY")
    except FileNotFoundError:  # no secrets.toml: the environment is the only source
        return None
    return str(value) if value else None


def settings() -> Settings:
    """Environment settings overlaid with the choices saved on the Settings page."""
    return services.settings_with_choices(database(), _secret_key())


def knowledge() -> KnowledgeBase:
    return services.knowledge_base(get_settings())


def reload_knowledge() -> None:
    """Forget loaded content so newly imported questions and rubrics are picked up."""
    services.reset_knowledge_base()


def evaluation_engine(s: Settings | None = None) -> Engine:
    """The engine the user chose (``auto``: the LLM when configured, else offline)."""
    return services.evaluation_engine(s or settings())
