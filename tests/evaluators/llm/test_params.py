"""Which parameters each model and endpoint get (the provider tests check them on the wire)."""

from __future__ import annotations

import pytest

from evaluators.llm.params import (
    CHAT_MAX_TOKENS,
    REASONING_MAX_TOKENS,
    is_reasoning_model,
    request_params,
    structured_kwargs,
)


@pytest.mark.parametrize("model", ["o1", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini"])
def test_reasoning_models(model):
    assert is_reasoning_model(model)


@pytest.mark.parametrize("model", ["gpt-4o-mini", "gpt-5-chat-latest", "qwen2.5:7b", "olmo2"])
def test_chat_models(model):
    assert not is_reasoning_model(model)


def test_openai_gets_max_completion_tokens_and_local_servers_max_tokens():
    openai = request_params("gpt-4o-mini", None).chat_kwargs()
    local = request_params("qwen2.5:7b", "http://127.0.0.1:11434/v1").chat_kwargs()
    assert openai["max_completion_tokens"] == CHAT_MAX_TOKENS and "extra_body" not in openai
    assert local["extra_body"] == {"max_tokens": CHAT_MAX_TOKENS}
    assert "max_completion_tokens" not in local
    assert openai["temperature"] == local["temperature"] == 0


def test_reasoning_models_get_no_temperature_low_effort_more_tokens_and_time():
    params = request_params("o4-mini", None)
    kwargs = params.chat_kwargs()
    assert kwargs["temperature"] is None
    assert kwargs["reasoning_effort"] == "low"
    assert kwargs["max_completion_tokens"] == REASONING_MAX_TOKENS
    assert params.timeout_s > request_params("gpt-4o-mini", None).timeout_s
    assert "reasoning_effort" not in request_params("o1-mini", None).chat_kwargs()


def test_settings_override_the_defaults_and_the_budget_follows_the_timeout():
    params = request_params("o4-mini", None, max_tokens=3000, timeout_s=50)
    assert (params.max_tokens, params.timeout_s, params.budget_s) == (3000, 50, 100)


def test_function_calling_forces_the_tool_with_a_string():
    assert structured_kwargs("function_calling") == {"tool_choice": "required"}
    assert structured_kwargs("json_schema") == {}
