"""The shared objects: one database, knowledge base and engine per configuration, and the
choices saved in the app apply wherever settings are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import services
from app.settings import get_settings
from app.storage import preferences
from core.errors import EngineUnavailable


def test_one_database_per_url(data_dir: Path) -> None:
    assert services.database() is services.database(get_settings())


def test_saved_choices_overlay_the_environment(data_dir: Path) -> None:
    db = services.database()
    preferences.set_preference(db, "engine", "offline")
    preferences.set_preference(db, "llm_model", "qwen2.5:7b-instruct")
    chosen = services.settings_with_choices(db)
    assert (chosen.engine, chosen.llm_model) == ("offline", "qwen2.5:7b-instruct")


def test_an_environment_key_wins_over_a_streamlit_secret(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def key() -> str:
        return services.settings_with_choices(
            services.database(), "secret"
        ).openai_api_key.get_secret_value()

    assert key() == "secret"
    monkeypatch.setenv("OPENAI_API_KEY", "from-env")
    get_settings.cache_clear()
    assert key() == "from-env"


def test_the_engine_is_reused_until_the_settings_change(data_dir: Path) -> None:
    db = services.database()
    preferences.set_preference(db, "engine", "offline")
    first = services.evaluation_engine(services.settings_with_choices(db))
    assert services.evaluation_engine(services.settings_with_choices(db)) is first
    preferences.set_preference(db, "llm_model", "another-model")
    assert services.evaluation_engine(services.settings_with_choices(db)) is not first


def test_a_saved_llm_choice_without_an_endpoint_is_refused_clearly(data_dir: Path) -> None:
    db = services.database()
    preferences.set_preference(db, "engine", "llm")
    with pytest.raises(EngineUnavailable, match="No LLM is configured"):
        services.evaluation_engine(services.settings_with_choices(db))
