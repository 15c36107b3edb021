"""The settings page's "Test connection" button: one clear sentence for each way it fails."""

from __future__ import annotations

from app.engines import check_llm_connection
from app.settings import Settings
from tests.fixtures.openai_server import hang, malformed, status


def _settings(base_url: str, **overrides: object) -> Settings:
    values = {"llm_model": "test-model", "llm_timeout_s": 5.0, **overrides}
    return Settings(openai_base_url=base_url, openai_api_key="sk-test-secret", **values)


def test_a_working_endpoint_says_so(openai_server):
    ok, message = check_llm_connection(_settings(openai_server.base_url))
    assert ok
    assert "structured output (json_schema) works" in message
    assert [r["path"] for r in openai_server.requests] == ["/v1/models", "/v1/chat/completions"]


def test_function_calling_is_checked_with_a_tool_call(openai_server):
    ok, _ = check_llm_connection(_settings(openai_server.base_url, llm_method="function_calling"))
    assert ok
    assert "tools" in openai_server.chat_requests[0]


def test_nothing_configured():
    ok, message = check_llm_connection(Settings())
    assert not ok
    assert "OPENAI_BASE_URL" in message


def test_wrong_key(openai_server):
    openai_server.models_status = 401
    ok, message = check_llm_connection(_settings(openai_server.base_url))
    assert not ok
    assert message == "The API key was rejected (401): check OPENAI_API_KEY."
    assert "sk-test-secret" not in message


def test_unreachable_host(closed_port):
    ok, message = check_llm_connection(_settings(f"http://127.0.0.1:{closed_port}/v1"))
    assert not ok
    assert message.startswith(f"Cannot reach http://127.0.0.1:{closed_port}")


def test_model_missing_from_the_model_list(openai_server):
    openai_server.models = ["llama3.1:8b", "qwen2.5:7b"]
    ok, message = check_llm_connection(_settings(openai_server.base_url))
    assert not ok
    assert "'test-model' is not served" in message
    assert "llama3.1:8b, qwen2.5:7b" in message
    assert openai_server.chat_requests == []


def test_model_not_found_by_a_server_without_a_model_list(openai_server):
    openai_server.models = None
    openai_server.queue(status(404, "model 'test-model' not found"))
    ok, message = check_llm_connection(_settings(openai_server.base_url))
    assert not ok
    assert "'test-model' was not found" in message


def test_no_json_schema_support_suggests_function_calling(openai_server):
    openai_server.queue(status(400, "response_format type json_schema is not supported"))
    ok, message = check_llm_connection(_settings(openai_server.base_url))
    assert not ok
    assert "COACH_LLM_METHOD=function_calling" in message


def test_a_400_about_something_else_is_quoted_without_the_method_hint(openai_server):
    openai_server.queue(status(400, "Unsupported value: 'seed' must be an integer"))
    ok, message = check_llm_connection(_settings(openai_server.base_url))
    assert not ok
    assert "'seed' must be an integer" in message
    assert "COACH_LLM_METHOD" not in message


def test_a_base_url_without_v1_suggests_adding_it(openai_server):
    ok, message = check_llm_connection(_settings(openai_server.root_url))
    assert not ok
    assert "add /v1 to the end of OPENAI_BASE_URL" in message
    assert "COACH_LLM_MODEL" not in message
    assert [r["path"] for r in openai_server.requests] == ["/models", "/chat/completions"]


def test_a_model_that_ignores_the_schema_suggests_function_calling(openai_server):
    openai_server.queue(malformed())
    ok, message = check_llm_connection(_settings(openai_server.base_url))
    assert not ok
    assert "did not return valid json_schema output" in message
    assert "COACH_LLM_METHOD=function_calling" in message


def test_timeout(openai_server):
    openai_server.queue(hang(30))
    ok, message = check_llm_connection(_settings(openai_server.base_url, llm_timeout_s=0.3))
    assert not ok
    assert "within 0.3 s" in message and "COACH_LLM_TIMEOUT_S" in message
