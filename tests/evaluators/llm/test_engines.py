"""Engine selection from settings, and the one factory that builds the chat model."""

from __future__ import annotations

import pytest

from app.engines import build_chat_model, endpoint_label, engine_from_settings
from app.settings import Settings
from evaluators.errors import EngineUnavailable, InputError
from tests.evaluators.llm.conftest import GOOD_ANSWER, item


def test_auto_without_an_endpoint_is_offline():
    assert engine_from_settings(Settings()).name == "offline"


def test_auto_with_a_local_endpoint_is_the_llm():
    settings = Settings(openai_base_url="http://127.0.0.1:11434/v1")
    assert engine_from_settings(settings).name == "llm"
    assert engine_from_settings(settings, "offline").name == "offline"


def test_llm_without_an_endpoint_is_a_clear_error():
    with pytest.raises(EngineUnavailable, match="OPENAI_BASE_URL"):
        engine_from_settings(Settings(), "llm")


def test_unknown_engine():
    with pytest.raises(InputError, match="offline"):
        engine_from_settings(Settings(), "gpt")


def test_the_key_reaches_the_server_and_nothing_else(openai_server):
    settings = Settings(
        openai_base_url=openai_server.base_url,
        openai_api_key="sk-test-secret",
        llm_model="test-model",
    )
    model = build_chat_model(settings)
    assert "sk-test-secret" not in repr(model)
    assert model.max_retries == 0  # only evaluators.llm retries

    feedback = engine_from_settings(settings, "llm").evaluate_many([item(GOOD_ANSWER)])[0]

    assert feedback.engine == "llm"
    request = openai_server.chat_requests[0]
    assert request["headers"]["authorization"] == "Bearer sk-test-secret"
    assert "sk-test-secret" not in str(request["messages"])


def test_a_local_server_needs_no_key(openai_server):
    settings = Settings(openai_base_url=openai_server.base_url, llm_model="test-model")
    feedback = engine_from_settings(settings).evaluate_many([item(GOOD_ANSWER)])[0]
    assert feedback.engine == "llm"


def test_a_test_can_swap_the_chat_model_factory(openai_server):
    settings = Settings(openai_base_url="http://127.0.0.1:9/v1", llm_model="test-model")
    local = Settings(openai_base_url=openai_server.base_url, llm_model="test-model")
    engine = engine_from_settings(
        settings, "llm", chat_model_factory=lambda _: build_chat_model(local)
    )
    assert engine.evaluate_many([item(GOOD_ANSWER)])[0].engine == "llm"
    assert len(openai_server.chat_requests) == 1


def test_endpoint_label_hides_paths_and_credentials():
    settings = Settings(openai_base_url="http://user:pw@localhost:11434/v1")
    assert endpoint_label(settings) == "http://localhost:11434"
    assert endpoint_label(Settings(openai_api_key="sk-x")) == "the OpenAI API"
