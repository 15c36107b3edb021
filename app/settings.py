"""All configuration in one place (pydantic-settings, ``COACH_`` prefix, optional ``.env``).

Credentials for the LLM keep their conventional, unprefixed names (``OPENAI_API_KEY``,
``OPENAI_BASE_URL``) so existing tooling and Ollama/vLLM guides apply unchanged. The key is a
``SecretStr`` so it never appears in ``repr``, logs or exception messages.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(user_data_dir("interview-coach", appauthor=False))


class Settings(BaseSettings):
    """Runtime settings; see the README's configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="COACH_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(default_factory=_default_data_dir)
    engine: Literal["auto", "offline", "llm"] = "auto"
    llm_model: str = "gpt-4o-mini"
    llm_timeout_s: float | None = Field(default=None, gt=0)
    """Seconds for one reply; unset: 30, or 120 for reasoning models (o1, o3, o4-mini, gpt-5)."""
    llm_max_tokens: int | None = Field(default=None, ge=64)
    """Reply token cap; unset: 2,000, or 8,000 for reasoning models (their reasoning counts)."""
    llm_budget_s: float | None = Field(default=None, gt=0)
    """Time budget per answer across retries; unset: twice the timeout."""
    llm_method: Literal["json_schema", "function_calling"] = "json_schema"
    llm_max_retries: int = Field(default=3, ge=0, le=10)
    llm_concurrency: int = Field(default=4, ge=1, le=32)
    llm_rate_per_user: int = Field(default=30, ge=1)
    llm_rate_window_s: float = Field(default=3600.0, gt=0)
    database_url: str | None = None
    chroma_host: str | None = None
    chroma_port: int = 8000
    warm_start: bool = False
    """Build the index and load the embedding model in the background when the app starts
    (``coach run`` sets it; AppTest runs and other embedders leave it off)."""
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "COACH_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "COACH_OPENAI_BASE_URL")
    )

    @property
    def llm_configured(self) -> bool:
        """True when an LLM endpoint can be tried (a key, or a local base URL that needs none)."""
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def resolved_engine(self) -> Literal["offline", "llm"]:
        """``auto`` means the LLM when one is configured, else the offline evaluator."""
        if self.engine == "auto":
            return "llm" if self.llm_configured else "offline"
        return self.engine

    @property
    def llm_rate_window(self) -> timedelta:
        """Team mode: each user may start ``llm_rate_per_user`` LLM evaluations in this window."""
        return timedelta(seconds=self.llm_rate_window_s)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'coach.db'}"

    @property
    def user_questions_dir(self) -> Path:
        return self.data_dir / "questions"

    @property
    def user_rubrics_dir(self) -> Path:
        return self.data_dir / "rubrics"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings; tests call ``get_settings.cache_clear()`` after changing env."""
    return Settings()
