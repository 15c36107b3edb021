"""One structured LLM call, retried where retrying helps, with errors a person can read.

Only this layer retries (the OpenAI SDK is built with ``max_retries=0``): timeouts, 408/409,
429 and 5xx are retried with exponential backoff and jitter, waiting what ``Retry-After`` asks
when the server says. Invalid structured output gets exactly one repair request. Anything that
still fails raises ``LLMFailure`` whose message names the cause for the fallback notice.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

MAX_RETRY_AFTER_S = 60.0
"""A server asking for a longer pause than this is treated as unavailable, not waited for."""

_RETRY_STATUSES = {408, 409, 429}
_BACKOFF = wait_exponential_jitter(initial=1.0, max=20.0, jitter=1.0)
_INVALID_OUTPUT = (
    ValidationError,
    OutputParserException,
    openai.LengthFinishReasonError,
    openai.ContentFilterFinishReasonError,
)

Sleep = Callable[[float], None]
Reply = TypeVar("Reply", bound=BaseModel)


class LLMFailure(Exception):
    """The LLM could not produce a usable reply; ``str(err)`` is the reason shown to the user."""


class InvalidOutput(Exception):
    """The reply did not fit the schema; ``str(err)`` summarises why without quoting the answer."""


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in _RETRY_STATUSES or exc.status_code >= 500
    return False


def retry_after_s(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms`` or ``Retry-After``), if any."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value.strip() else None
        return max((when - datetime.now(UTC)).total_seconds(), 0.0) if when else None


def _wait(state: RetryCallState) -> float:
    hinted = retry_after_s(state.outcome.exception() if state.outcome else None)
    return hinted if hinted is not None else _BACKOFF(state)


def _asks_too_long(state: RetryCallState) -> bool:
    hinted = retry_after_s(state.outcome.exception() if state.outcome else None)
    return hinted is not None and hinted > MAX_RETRY_AFTER_S


def describe(exc: BaseException, endpoint: str) -> str:
    """A short, human reason for a failed call (never the key, never the answer)."""
    if isinstance(exc, openai.APITimeoutError):
        return f"no reply from {endpoint} in time"
    if isinstance(exc, openai.APIConnectionError):
        return f"cannot reach {endpoint}"
    if isinstance(exc, openai.AuthenticationError):
        return "the API key was rejected (401)"
    if isinstance(exc, openai.PermissionDeniedError):
        return "the API key may not use this model (403)"
    if isinstance(exc, openai.NotFoundError):
        return "model not found on the server (404)"
    if isinstance(exc, openai.RateLimitError):
        return "rate limited (429)"
    if isinstance(exc, openai.APIStatusError):
        return f"the server answered {exc.status_code}"
    return f"{type(exc).__name__}"


def _validation_summary(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        parts = [
            f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in exc.errors()
        ]
        return "; ".join(parts[:5])
    return type(exc).__name__


class StructuredCaller:
    """Makes the structured call for one evaluation, with retries and one repair."""

    def __init__(
        self,
        model: BaseChatModel,
        *,
        method: str,
        max_retries: int,
        endpoint: str,
        sleep: Sleep = time.sleep,
    ) -> None:
        self._model = model
        self._method = method
        self._endpoint = endpoint
        self._retrying = Retrying(
            stop=stop_after_attempt(max_retries + 1) | _asks_too_long,
            wait=_wait,
            retry=retry_if_exception(_transient),
            sleep=sleep,
            reraise=True,
        )

    def ask(
        self,
        schema: type[Reply],
        messages: Sequence[BaseMessage],
        check: Callable[[Reply], None],
    ) -> Reply:
        """The validated reply; ``check`` raises ``InvalidOutput`` for replies the schema allows
        but the rubric does not (a missing criterion). Raises ``LLMFailure``."""
        runnable = self._model.with_structured_output(schema, method=self._method, include_raw=True)
        try:
            return self._parsed(runnable, list(messages), check)
        except InvalidOutput as first:
            repair = HumanMessage(
                content=f"Your reply did not match the required structure ({first}). Reply "
                "again with only the structured result, following the rules above."
            )
            try:
                return self._parsed(runnable, [*messages, repair], check)
            except InvalidOutput as second:
                raise LLMFailure(f"invalid structured output twice: {second}") from second

    def _parsed(
        self, runnable: Any, messages: list[BaseMessage], check: Callable[[Reply], None]
    ) -> Reply:
        try:
            result = self._retrying.copy()(runnable.invoke, messages)
        except _INVALID_OUTPUT as exc:
            raise InvalidOutput(_validation_summary(exc)) from exc
        except openai.OpenAIError as exc:
            raise LLMFailure(describe(exc, self._endpoint)) from exc
        parsed = result.get("parsed")
        if result.get("parsing_error") is not None:
            raise InvalidOutput(_validation_summary(result["parsing_error"]))
        if parsed is None:
            raise InvalidOutput("no structured reply")
        check(parsed)
        return parsed
