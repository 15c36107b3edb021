"""What went wrong with an LLM request, in words a person can act on: one table for every caller.

The evaluator's fallback notice and the settings page's connection check describe errors from
here, so both say the same thing. Each problem also says whether it is *final*: the same request
would fail the same way for every other answer (a rejected key, a missing model, an exhausted
quota, a request shape the server refuses), so a batch stops asking after the first one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import openai

MAX_QUOTE_CHARS = 300
"""Longest part of a server's error message quoted back (they can embed whole schemas)."""

_ABOUT_FORMAT = re.compile(
    r"response_format|response format|json_schema|json schema|schema|structured output"
    r"|tool_choice|tool call|\btools?\b|function|grammar",
    re.IGNORECASE,
)
"""A 400 with one of these words is about how we asked for structured output."""
_ABOUT_THIS_ANSWER = re.compile(
    r"context length|context_length|context window|maximum context|too long|too many tokens"
    r"|content filter|content_filter|content management policy|invalid_prompt",
    re.IGNORECASE,
)
"""A 400 with one of these is about this answer's text, so other answers may still pass."""
_SECRET = re.compile(r"(sk-|Bearer\s+)[\w\-.]{6,}")
"""Some servers echo the key in their error message; a quote never repeats it."""
_OTHER_METHOD = {"json_schema": "function_calling", "function_calling": "json_schema"}


@dataclass(frozen=True)
class Target:
    """Where requests go and how they are made, for messages (never a credential)."""

    endpoint: str = "the LLM endpoint"
    model: str = "the model"
    method: str = "json_schema"
    timeout_s: float = 30.0
    max_tokens: int | None = None
    lacks_v1: bool = False
    """The base URL is set and does not end in ``/v1`` (Ollama and vLLM serve the API there)."""


@dataclass(frozen=True)
class Problem:
    """One failure: ``reason`` for people, ``final`` when no retry or later answer can pass."""

    reason: str
    final: bool = False


def server_message(exc: openai.APIStatusError) -> str:
    """The server's own words (the ``error.message`` of an OpenAI-style body), shortened."""
    body = exc.body
    if isinstance(body, dict):
        text = body.get("message") or body.get("detail") or body.get("error") or ""
    else:
        text = body if isinstance(body, str) else ""
    text = _SECRET.sub(r"\1…", " ".join(str(text).split()))
    if len(text) > MAX_QUOTE_CHARS:
        text = text[: MAX_QUOTE_CHARS - 1] + "…"
    return text


def _route_missing(exc: openai.NotFoundError) -> bool:
    """A 404 from the web server itself (no API there), not an API's "model not found"."""
    body = exc.body
    return not (isinstance(body, dict) and body.get("message"))


def no_api_here(target: Target) -> Problem:
    """Nothing serves the OpenAI API at the base URL (a 404 from the web server itself)."""
    fix = ": add /v1 to the end of OPENAI_BASE_URL" if target.lacks_v1 else ""
    return Problem(f"{target.endpoint} has no OpenAI API at that path (404){fix}", final=True)


def _not_found(exc: openai.NotFoundError, target: Target) -> Problem:
    if _route_missing(exc):
        return no_api_here(target)
    return Problem(
        f"model {target.model!r} was not found at {target.endpoint} (404): check COACH_LLM_MODEL",
        final=True,
    )


def _bad_request(exc: openai.BadRequestError, target: Target) -> Problem:
    quote = server_message(exc) or "no message"
    said = f"{target.endpoint} rejected the request (400: {quote!r})"
    if _ABOUT_THIS_ANSWER.search(quote):
        return Problem(said)
    if _ABOUT_FORMAT.search(quote):
        other = _OTHER_METHOD.get(target.method, "function_calling")
        return Problem(
            f"{said}: set COACH_LLM_METHOD={other}, or pick a model with structured-output support",
            final=True,
        )
    return Problem(said, final=True)


def _rate_limited(exc: openai.RateLimitError, target: Target) -> Problem:
    if exc.code == "insufficient_quota" or "insufficient_quota" in str(exc.type):
        return Problem(
            f"out of credit / quota at {target.endpoint} (429 insufficient_quota): add credit "
            "or raise the limit in the account's billing settings",
            final=True,
        )
    return Problem("rate limited (429)")


def truncated(target: Target) -> Problem:
    """The reply hit the token cap (``finish_reason=length``): a repair would be cut off too."""
    cap = f" ({target.max_tokens} tokens)" if target.max_tokens else ""
    return Problem(f"the reply was cut off at the token cap{cap}: raise COACH_LLM_MAX_TOKENS")


def describe(exc: BaseException, target: Target) -> Problem:
    """The problem behind a failed request (never the key, never the answer)."""
    if isinstance(exc, openai.LengthFinishReasonError):
        return truncated(target)
    if isinstance(exc, openai.ContentFilterFinishReasonError):
        return Problem("the provider's content filter stopped the reply")
    if isinstance(exc, openai.APITimeoutError):
        return Problem(
            f"no reply from {target.endpoint} within {target.timeout_s:g} s "
            "(COACH_LLM_TIMEOUT_S; a model may still be loading)"
        )
    if isinstance(exc, openai.APIConnectionError):
        return Problem(
            f"cannot reach {target.endpoint}: is the server running and OPENAI_BASE_URL right?"
        )
    if isinstance(exc, openai.AuthenticationError):
        return Problem("the API key was rejected (401): check OPENAI_API_KEY", final=True)
    if isinstance(exc, openai.PermissionDeniedError):
        return Problem(f"the API key may not use model {target.model!r} (403)", final=True)
    if isinstance(exc, openai.NotFoundError):
        return _not_found(exc, target)
    if isinstance(exc, openai.RateLimitError):
        return _rate_limited(exc, target)
    if isinstance(exc, openai.BadRequestError):
        return _bad_request(exc, target)
    if isinstance(exc, openai.APIStatusError):
        quote = server_message(exc)
        return Problem(f"the server answered {exc.status_code}" + (f": {quote!r}" if quote else ""))
    return Problem(type(exc).__name__)
