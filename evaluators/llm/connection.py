"""Check an LLM endpoint for the settings page and say, in plain words, what is wrong.

Two requests: the model list (is the host there, does the key work, does the model exist?) and
one tiny structured call made the way grading makes it (does the server do JSON-schema output
or tool calls?). No retries: the person is waiting for an answer. Errors are worded by
``evaluators.llm.problems``, the same table the grading notices use.
"""

from __future__ import annotations

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ConfigDict, ValidationError

from evaluators.llm.params import structured_kwargs
from evaluators.llm.problems import Target, describe, no_api_here, server_message, truncated


class ConnectionCheck(BaseModel):
    """The smallest structured reply that proves the method works."""

    model_config = ConfigDict(extra="forbid")  # strict schemas need closed objects

    ok: bool


_FIX_METHOD = {
    "json_schema": "set COACH_LLM_METHOD=function_calling (some servers and models lack "
    "JSON-schema mode) or pick a model with structured-output support",
    "function_calling": "set COACH_LLM_METHOD=json_schema, or pick a model that supports tool "
    "calling (llama-server needs --jinja)",
}


def _sentence(reason: str) -> str:
    """A reason as a sentence (an endpoint URL at the start keeps its lower case)."""
    first = reason[:1] if reason.startswith("http") else reason[:1].upper()
    return first + reason[1:] + ("" if reason.endswith((".", "?")) else ".")


def _models_problem(model: BaseChatModel, target: Target) -> tuple[str | None, bool]:
    """``(problem, listed)``: what the model list says is wrong, and whether there is one."""
    client = getattr(model, "root_client", None)
    if client is None:
        return None, False
    try:
        available = [m.id for m in client.models.list()]
    except openai.NotFoundError:
        return None, False  # servers without a model list still answer chat requests
    except openai.OpenAIError as exc:
        return _sentence(describe(exc, target).reason), True
    if available and target.model not in available:
        shown = ", ".join(sorted(available)[:8])
        return (
            f"Model {target.model!r} is not served at {target.endpoint}; available: {shown}.",
            True,
        )
    return None, True


def test_connection(model: BaseChatModel, target: Target) -> tuple[bool, str]:
    """``(True, what works)`` or ``(False, what is wrong and how to fix it)``."""
    problem, listed = _models_problem(model, target)
    if problem:
        return False, problem
    runnable = model.with_structured_output(
        ConnectionCheck,
        method=target.method,
        include_raw=True,
        **structured_kwargs(target.method),
    )
    try:
        result = runnable.invoke("Reply with ok set to true.")
    except (ValidationError, OutputParserException):
        result = {"parsed": None}
    except openai.NotFoundError as exc:
        # The model list 404'd too, and not over a model: nothing serves the API at this path.
        no_api = not listed and "model" not in server_message(exc).lower()
        return False, _sentence((no_api_here(target) if no_api else describe(exc, target)).reason)
    except openai.OpenAIError as exc:
        return False, _sentence(describe(exc, target).reason)
    raw = result.get("raw")
    if getattr(raw, "response_metadata", {}).get("finish_reason") == "length":
        return False, _sentence(truncated(target).reason)
    if result.get("parsed") is None:
        return False, (
            f"Model {target.model!r} did not return valid {target.method} output: "
            f"{_FIX_METHOD[target.method]}."
        )
    return True, (
        f"Connected to {target.model!r} at {target.endpoint}; structured output "
        f"({target.method}) works."
    )
