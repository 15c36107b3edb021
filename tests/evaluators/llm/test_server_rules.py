"""The test server's provider rules bite: requests a real provider refuses are refused here."""

from __future__ import annotations

import pytest

from evaluators.llm.output import reply_model
from tests.fixtures.openai_server import (
    GENERIC,
    LLAMA_CPP,
    OLLAMA,
    OPENAI,
    ignores_tool_choice,
    rule_problem,
    schema_problem,
)

STRICT = reply_model(("coverage", "clarity")).model_json_schema()


def _request(model: str = "test-model", **fields: object) -> dict:
    schema = {"name": "LLMReply", "schema": STRICT, "strict": True}
    return {
        "model": model,
        "messages": [{"role": "user", "content": "grade"}],
        "response_format": {"type": "json_schema", "json_schema": schema},
        **fields,
    }


def test_the_engine_schema_is_strict():
    assert schema_problem(STRICT) is None


@pytest.mark.parametrize(
    ("schema", "complaint"),
    [
        (
            {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
            "'additionalProperties' is required to be supplied and to be false",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {}, "b": {}},
                "required": ["a"],
                "additionalProperties": False,
            },
            "Missing 'b'",
        ),
        ({"type": "string", "default": "x"}, "'default' is not permitted"),
    ],
)
def test_a_schema_that_is_not_strict_is_refused(schema, complaint):
    assert complaint in schema_problem(schema)


def test_the_old_request_shape_is_refused():
    """What the engine sent before: temperature 0 and no cap the server reads."""
    old = _request("o4-mini", temperature=0.0)
    assert "no token cap" in rule_problem(old, GENERIC)
    assert "'temperature' is not supported" in rule_problem(
        {**old, "max_completion_tokens": 100}, OPENAI
    )
    assert "no token cap" in rule_problem({**old, "max_completion_tokens": 100}, OLLAMA)


def test_openai_rules():
    assert rule_problem(_request("o4-mini", max_completion_tokens=100), OPENAI) is None
    assert "'max_tokens' is not supported" in rule_problem(_request("o3", max_tokens=100), OPENAI)
    both = _request("gpt-4o-mini", max_tokens=100, max_completion_tokens=100)
    assert "at the same time" in rule_problem(both, OPENAI)
    assert rule_problem(_request("gpt-4o-mini", max_tokens=9, temperature=0), OPENAI) is None


def test_llama_cpp_reads_tool_choice_only_as_a_string():
    tools = {"tools": [{"type": "function", "function": {"name": "LLMReply"}}]}
    forced = {"type": "function", "function": {"name": "LLMReply"}}
    assert ignores_tool_choice({**tools, "tool_choice": forced}, LLAMA_CPP)
    assert not ignores_tool_choice({**tools, "tool_choice": "required"}, LLAMA_CPP)
    assert not ignores_tool_choice({**tools, "tool_choice": forced}, OPENAI)
