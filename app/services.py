"""Process-wide service objects built from settings, shared by the CLI and the Streamlit app."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from app.settings import Settings, get_settings
from knowledge.base import KnowledgeBase


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
