"""Check an LLM endpoint for the settings page and say, in plain words, what is wrong.

Two requests: the model list (is the host there, does the key work, does the model exist?) and
one tiny structured call with the configured method (does the server do JSON-schema output or
tool calls?). No retries: the person is waiting for an answer.
"""

from __future__ import annotations

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ValidationError


class ConnectionCheck(BaseModel):
    """The smallest structured reply that proves the method works."""

    ok: bool


_FIX_METHOD = {
    "json_schema": "set COACH_LLM_METHOD=function_calling (llama.cpp and some other servers "
    "lack JSON-schema mode) or pick a model with structured-output support",
    "function_calling": "pick a model that supports tool calling",
}


def _api_error(exc: openai.OpenAIError, model_name: str, endpoint: str, timeout_s: float) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return f"{endpoint} did not answer within {timeout_s:g} s: is the model still loading?"
    if isinstance(exc, openai.APIConnectionError):
        return f"Cannot reach {endpoint}: is the server running and OPENAI_BASE_URL right?"
    if isinstance(exc, openai.AuthenticationError):
        return f"{endpoint} rejected the API key (401): check OPENAI_API_KEY."
    if isinstance(exc, openai.PermissionDeniedError):
        return f"The API key may not use model {model_name!r} (403)."
    if isinstance(exc, openai.NotFoundError):
        return f"Model {model_name!r} was not found at {endpoint} (404): check COACH_LLM_MODEL."
    if isinstance(exc, openai.RateLimitError):
        return f"{endpoint} is rate limiting this key (429): try again later or check its quota."
    if isinstance(exc, openai.APIStatusError):
        return f"{endpoint} answered {exc.status_code}: {exc.message}"
    return f"{endpoint} failed: {type(exc).__name__}"


def _models_problem(
    model: BaseChatModel, model_name: str, endpoint: str, timeout_s: float
) -> str | None:
    client = getattr(model, "root_client", None)
    if client is None:
        return None
    try:
        available = [m.id for m in client.models.list()]
    except openai.NotFoundError:
        return None  # servers without a model list still answer chat requests
    except openai.OpenAIError as exc:
        return _api_error(exc, model_name, endpoint, timeout_s)
    if available and model_name not in available:
        shown = ", ".join(sorted(available)[:8])
        return f"Model {model_name!r} is not served at {endpoint}; available: {shown}."
    return None


def test_connection(
    model: BaseChatModel, *, model_name: str, method: str, endpoint: str, timeout_s: float
) -> tuple[bool, str]:
    """``(True, what works)`` or ``(False, what is wrong and how to fix it)``."""
    problem = _models_problem(model, model_name, endpoint, timeout_s)
    if problem:
        return False, problem
    runnable = model.with_structured_output(ConnectionCheck, method=method, include_raw=True)
    try:
        result = runnable.invoke("Reply with ok set to true.")
    except openai.BadRequestError as exc:
        return False, (
            f"{endpoint} rejected a {method} request ({exc.message}): {_FIX_METHOD[method]}."
        )
    except (ValidationError, OutputParserException):
        result = {"parsed": None}
    except openai.OpenAIError as exc:
        return False, _api_error(exc, model_name, endpoint, timeout_s)
    if result.get("parsed") is None:
        return False, (
            f"Model {model_name!r} did not return valid {method} output: {_FIX_METHOD[method]}."
        )
    return True, f"Connected to {model_name!r} at {endpoint}; structured output ({method}) works."
