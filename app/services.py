"""Process-wide service objects built from settings, shared by the CLI and the Streamlit app.

The one place that builds and keeps the shared objects: the database, the knowledge base and
the evaluation engine (built by the factory in ``app.engines``). ``app.ui.resources`` only adds
what is Streamlit's own (``st.secrets``); ``coach`` commands call these directly.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import Engine as Database

from app.settings import Settings, get_settings
from app.storage import open_database, preferences
from evaluators.engine import Engine
from knowledge.base import KnowledgeBase

_ENGINES_KEPT = 4
"""Engines kept for recent settings: switching back and forth on the Settings page reuses them."""


@lru_cache(maxsize=4)
def _knowledge_base(data_dir: Path, host: str | None, port: int) -> KnowledgeBase:
    return KnowledgeBase(data_dir, host, port)


def knowledge_base(settings: Settings | None = None) -> KnowledgeBase:
    """The knowledge base for the configured data directory (one per directory per process)."""
    s = settings or get_settings()
    return _knowledge_base(s.data_dir, s.chroma_host, s.chroma_port)


def reset_knowledge_base() -> None:
    """Forget loaded content so imported questions/rubrics are seen (the index then rebuilds)."""
    _knowledge_base.cache_clear()


@lru_cache(maxsize=4)
def _database(url: str) -> Database:
    return open_database(url)


def database(settings: Settings | None = None) -> Database:
    """The migrated database for the configured URL (raises ``StorageError`` when unusable)."""
    return _database((settings or get_settings()).resolved_database_url)


def settings_with_choices(
    db: Database, secret_key: str | None = None, ignored: frozenset[str] = frozenset()
) -> Settings:
    """Environment settings overlaid with the choices saved on the Settings page.

    ``secret_key`` (from Streamlit secrets) is used only when the environment sets no key;
    saved choices named in ``ignored`` are left out (team mode fixes the endpoint).
    """
    base = get_settings()
    saved = preferences.get_preferences(db)
    update: dict[str, object] = {k: v for k, v in saved.items() if k not in ignored}
    if base.openai_api_key is None and secret_key:
        update["openai_api_key"] = SecretStr(secret_key)
    return base.model_copy(update=update)


def _fingerprint(s: Settings) -> str:
    key = s.openai_api_key.get_secret_value() if s.openai_api_key else ""
    public = s.model_dump_json(exclude={"openai_api_key"})
    return hashlib.sha256(f"{public}|{key}".encode()).hexdigest()


_engines: dict[str, Engine] = {}


def evaluation_engine(settings: Settings) -> Engine:
    """The engine for ``settings`` (``auto``: the LLM when configured, else offline), reused
    while the settings stay the same so the offline model and its caches load once.

    Raises:
        EngineUnavailable: ``llm`` chosen but no endpoint configured.
    """
    from app.engines import engine_from_settings  # the LLM client stack loads only when used

    key = _fingerprint(settings)
    if key not in _engines:
        if len(_engines) >= _ENGINES_KEPT:
            _engines.pop(next(iter(_engines)))
        _engines[key] = engine_from_settings(settings)
    return _engines[key]
