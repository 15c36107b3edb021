"""The engine against servers that refuse what real providers refuse, and batches that must stop.

Each server here applies one provider's rules (``tests.fixtures.openai_server.Rules``): OpenAI's
(strict schema, no temperature or ``max_tokens`` for o-series models), llama-server's (a string
``tool_choice``, ``max_tokens``) or Ollama's (only ``max_tokens``). A request the provider would
refuse fails here too, so these tests fail if the engine sends the wrong shape.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.engines import check_llm_connection, engine_from_settings
from app.settings import Settings
from tests.evaluators.llm.conftest import GOOD_ANSWER, item
from tests.fixtures.openai_server import (
    LLAMA_CPP,
    OLLAMA,
    OPENAI,
    SCHEMA_REJECTED,
    FakeOpenAI,
    cut_off,
    quota,
    schema_rejected,
    serve,
    status,
    valid,
)

FALLBACK = "used the offline evaluator"
ANSWERS = [
    GOOD_ANSWER,
    "Bias is underfitting from a model that is too simple; variance is overfitting to the "
    "training sample, and more complexity trades one for the other.",
    "High training error means bias, a big gap to validation error means variance, so I tune "
    "complexity with cross-validation.",
]


@pytest.fixture
def openai_rules() -> Iterator[FakeOpenAI]:
    yield from serve(OPENAI)


@pytest.fixture
def llama_cpp() -> Iterator[FakeOpenAI]:
    yield from serve(LLAMA_CPP)


@pytest.fixture
def ollama() -> Iterator[FakeOpenAI]:
    yield from serve(OLLAMA)


def _settings(server: FakeOpenAI, model: str = "test-model", **values: object) -> Settings:
    server.models = [model]
    values = {"llm_max_retries": 0, **values}
    return Settings(
        openai_base_url=server.base_url, openai_api_key="sk-test-secret", llm_model=model, **values
    )


def _grade(settings: Settings, answers: list[str] = ANSWERS):
    return engine_from_settings(settings, "llm").evaluate_many([item(a) for a in answers])


def _notices(results) -> list[str]:
    return [n for r in results for n in r.notices if FALLBACK in n]


@pytest.mark.parametrize("method", ["json_schema", "function_calling"])
def test_o4_mini_under_openai_rules_grades_through_the_llm(openai_rules, method):
    results = _grade(_settings(openai_rules, "o4-mini", llm_method=method))

    assert [r.engine for r in results] == ["llm"] * 3
    assert _notices(results) == []
    request = openai_rules.chat_requests[0]
    assert "temperature" not in request and "max_tokens" not in request
    assert request["max_completion_tokens"] == 8000
    assert request["reasoning_effort"] == "low"
    assert request["messages"][0]["role"] == "developer"


def test_a_chat_model_under_openai_rules_stays_deterministic(openai_rules):
    results = _grade(_settings(openai_rules, "gpt-4o-mini"), ANSWERS[:1])
    assert results[0].engine == "llm"
    request = openai_rules.chat_requests[0]
    assert request["temperature"] == 0
    assert "reasoning_effort" not in request


def test_the_connection_check_passes_for_o4_mini(openai_rules):
    ok, message = check_llm_connection(_settings(openai_rules, "o4-mini"))
    assert ok, message


@pytest.mark.parametrize("method", ["function_calling", "json_schema"])
def test_llama_cpp_rules_grade_through_the_llm(llama_cpp, method):
    results = _grade(_settings(llama_cpp, "coach", llm_method=method))

    assert [r.engine for r in results] == ["llm"] * 3
    request = llama_cpp.chat_requests[0]
    assert request["max_tokens"] == 2000
    if method == "function_calling":
        assert request["tool_choice"] == "required"


def test_ollama_reads_only_max_tokens_and_gets_it(ollama):
    results = _grade(_settings(ollama, "qwen2.5:7b-instruct"), ANSWERS[:1])
    assert results[0].engine == "llm"
    assert ollama.chat_requests[0]["max_tokens"] == 2000


def test_the_token_cap_is_configurable(ollama):
    _grade(_settings(ollama, "qwen2.5:7b-instruct", llm_max_tokens=1500), ANSWERS[:1])
    assert ollama.chat_requests[0]["max_tokens"] == 1500


def test_insufficient_quota_costs_one_request_for_a_batch(openai_rules):
    openai_rules.queue(quota())
    results = _grade(_settings(openai_rules, "gpt-4o-mini", llm_max_retries=3))

    assert [r.engine for r in results] == ["offline"] * 3
    assert len(openai_rules.chat_requests) == 1
    notices = _notices(results)
    assert len(notices) == 3
    assert all("out of credit / quota" in n and "billing" in n for n in notices)


def test_a_schema_rejection_stops_the_batch_and_says_what_to_change(openai_rules):
    openai_rules.queue(schema_rejected())
    results = _grade(_settings(openai_rules, "gpt-4o-mini"))

    assert [r.engine for r in results] == ["offline"] * 3
    assert len(openai_rules.chat_requests) <= 2
    for notice in _notices(results):
        assert SCHEMA_REJECTED in notice
        assert "COACH_LLM_METHOD=function_calling" in notice


def test_a_400_about_something_else_is_quoted_without_the_method_hint(openai_rules):
    openai_rules.queue(status(400, "Unsupported value: 'seed' must be an integer"))
    results = _grade(_settings(openai_rules, "gpt-4o-mini"), ANSWERS[:2])
    notices = _notices(results)
    assert len(notices) == 2 and len(openai_rules.chat_requests) == 1
    assert all("'seed' must be an integer" in n and "COACH_LLM_METHOD" not in n for n in notices)


def test_a_rejected_key_stops_the_batch(openai_rules):
    openai_rules.queue(status(401, "Incorrect API key provided"))
    results = _grade(_settings(openai_rules, "gpt-4o-mini"))
    assert len(openai_rules.chat_requests) == 1
    assert all("API key was rejected (401)" in n for n in _notices(results))


def test_a_context_length_400_only_affects_its_own_answer(openai_rules):
    openai_rules.queue(status(400, "This model's maximum context length is 8192 tokens."))
    results = _grade(_settings(openai_rules, "gpt-4o-mini"))
    assert [r.engine for r in results] == ["offline", "llm", "llm"]
    assert len(openai_rules.chat_requests) == 3


def test_server_errors_do_not_stop_the_batch(openai_rules):
    openai_rules.queue(status(500, "boom"))
    results = _grade(_settings(openai_rules, "gpt-4o-mini"))
    assert [r.engine for r in results] == ["offline", "llm", "llm"]


@pytest.mark.parametrize("method", ["json_schema", "function_calling"])
def test_a_truncated_reply_is_reported_with_the_setting_to_raise(ollama, method):
    ollama.queue(cut_off())
    results = _grade(_settings(ollama, "qwen2.5:7b-instruct", llm_method=method), ANSWERS[:1])

    assert results[0].engine == "offline"
    assert len(ollama.chat_requests) == 1  # no repair: it would be cut off too
    [notice] = _notices(results)
    assert "cut off at the token cap (2000 tokens): raise COACH_LLM_MAX_TOKENS" in notice


def test_a_base_url_without_v1_is_named_and_stops_the_batch(ollama):
    settings = _settings(ollama, "qwen2.5:7b-instruct").model_copy(
        update={"openai_base_url": ollama.root_url}
    )
    results = _grade(settings)

    assert [r["path"] for r in ollama.requests] == ["/chat/completions"]  # one, outside /v1
    assert all("add /v1 to the end of OPENAI_BASE_URL" in n for n in _notices(results))
    assert all("COACH_LLM_MODEL" not in n for n in _notices(results))


def test_a_missing_model_names_the_setting(openai_rules):
    openai_rules.queue(status(404, "The model `gpt-9` does not exist"))
    results = _grade(_settings(openai_rules, "gpt-9"))
    assert len(openai_rules.chat_requests) == 1
    assert all("COACH_LLM_MODEL" in n and "/v1" not in n for n in _notices(results))


def test_later_answers_still_use_the_llm_after_a_good_first_one(openai_rules):
    openai_rules.queue(valid(), quota())
    results = _grade(_settings(openai_rules, "gpt-4o-mini", llm_concurrency=1))
    assert [r.engine for r in results] == ["llm", "offline", "offline"]
    assert len(openai_rules.chat_requests) == 2
