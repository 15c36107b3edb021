"""One structured LLM call, retried where retrying helps, with errors a person can read.

Only this layer retries (the OpenAI SDK is built with ``max_retries=0``): 408/409, 429 and 5xx
are retried with exponential backoff and jitter, waiting what ``Retry-After`` asks when the
server says. A timeout is not repeated (the same prompt on the same busy or slow model times
out again), and no request starts that could not finish within the answer's time budget.
Invalid structured output gets exactly one repair request that quotes what was wrong; a reply
cut off at the token cap gets none (the repair would be cut off too). Anything that still
fails raises ``LLMFailure``, whose ``problem`` says why and whether other answers can pass.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from evaluators.llm.params import structured_kwargs
from evaluators.llm.problems import Problem, Target, describe, truncated

MAX_RETRY_AFTER_S = 60.0
"""A server asking for a longer pause than this is treated as unavailable, not waited for."""
MAX_EXCERPT_CHARS = 200
"""How much of a malformed reply the repair request quotes back to the model."""

_RETRY_STATUSES = {408, 409, 429}
_BACKOFF = wait_exponential_jitter(initial=1.0, max=20.0, jitter=1.0)
_INVALID_OUTPUT = (ValidationError, OutputParserException)

Sleep = Callable[[float], None]
Clock = Callable[[], float]
Reply = TypeVar("Reply", bound=BaseModel)


class LLMFailure(Exception):
    """The LLM could not produce a usable reply; ``str(err)`` is the reason shown to the user."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


class InvalidOutput(Exception):
    """The reply did not fit the schema: ``str(err)`` says why (for the notice, no quotes);
    ``excerpt`` is the offending part of the reply, quoted back in the repair request."""

    def __init__(self, summary: str, excerpt: str = "") -> None:
        super().__init__(summary)
        self.excerpt = excerpt


@dataclass
class Usage:
    """What one answer cost: requests made and tokens the server reported."""

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0

    def add(self, message: Any) -> None:
        usage = getattr(message, "usage_metadata", None) or {}
        self.input_tokens += usage.get("input_tokens", 0)
        self.output_tokens += usage.get("output_tokens", 0)


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.RateLimitError):
        return not describe(exc, Target()).final  # insufficient_quota is billing, not load
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


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_EXCERPT_CHARS else text[: MAX_EXCERPT_CHARS - 1] + "…"


def _invalid(exc: BaseException, reply: str = "") -> InvalidOutput:
    """What was wrong with a reply, and the part of it to quote back in the repair request."""
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        whole = errors[0].get("input")
        if not errors[0]["loc"] and isinstance(whole, str):  # the reply is not JSON at all
            return InvalidOutput(f"not valid JSON ({errors[0]['msg']})", _short(whole))
        parts = []
        for error in errors[:5]:
            where = ".".join(str(p) for p in error["loc"]) or "reply"
            given = error.get("input")
            shown = "" if isinstance(given, dict | list) else f" (got {_short(repr(given))})"
            parts.append(f"{where}: {error['msg']}{shown}")
        return InvalidOutput("; ".join(parts), _short(reply))
    if isinstance(exc, OutputParserException):
        return InvalidOutput("not valid JSON", _short(reply))
    return InvalidOutput(type(exc).__name__, _short(reply))


def _reply_text(raw: Any) -> str:
    """What the model wrote: tool-call arguments (even unparseable ones), or the message text."""
    if not isinstance(raw, AIMessage):
        return ""
    if raw.invalid_tool_calls:
        return str(raw.invalid_tool_calls[0].get("args") or "")
    if raw.tool_calls:
        return json.dumps(raw.tool_calls[0]["args"])
    return raw.content if isinstance(raw.content, str) else str(raw.content)


def _cut_off(raw: Any) -> bool:
    return isinstance(raw, AIMessage) and raw.response_metadata.get("finish_reason") == "length"


def repair_message(problem: InvalidOutput) -> HumanMessage:
    """The second request: what was wrong with the first reply, quoted, and what to send."""
    quoted = f' Your reply began: "{problem.excerpt}".' if problem.excerpt else ""
    return HumanMessage(
        content=f"Your reply did not match the required structure: {problem}.{quoted} Reply "
        "again with only the structured result in the JSON shape given above, following the "
        "rules above."
    )


class _Deadline:
    """The answer's time budget: a request starts only if it can finish inside it."""

    def __init__(self, budget_s: float, timeout_s: float, clock: Clock) -> None:
        self._end = clock() + budget_s
        self._timeout_s = timeout_s
        self._clock = clock

    def fits(self, wait_s: float = 0.0) -> bool:
        return self._clock() + wait_s + self._timeout_s <= self._end + 1e-9

    def stop(self, state: RetryCallState) -> bool:
        return not self.fits(state.upcoming_sleep)


class StructuredCaller:
    """Makes the structured call for one evaluation, with retries and one repair."""

    def __init__(
        self,
        model: BaseChatModel,
        *,
        target: Target,
        max_retries: int,
        budget_s: float,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        self._model = model
        self._target = target
        self._max_retries = max_retries
        self._budget_s = budget_s
        self._sleep = sleep
        self._clock = clock

    def ask(
        self,
        schema: type[Reply],
        messages: Sequence[BaseMessage],
        check: Callable[[Reply], None],
        usage: Usage | None = None,
    ) -> Reply:
        """The validated reply; ``check`` raises ``InvalidOutput`` for replies the schema allows
        but the rubric does not (a missing criterion). Raises ``LLMFailure``."""
        usage = usage if usage is not None else Usage()
        deadline = _Deadline(self._budget_s, self._target.timeout_s, self._clock)
        runnable = self._model.with_structured_output(
            schema,
            method=self._target.method,
            include_raw=True,
            **structured_kwargs(self._target.method),
        )
        try:
            return self._parsed(runnable, list(messages), check, deadline, usage)
        except InvalidOutput as first:
            if not deadline.fits():
                raise LLMFailure(Problem(f"invalid structured output: {first}")) from first
            repaired = [*messages, repair_message(first)]
            try:
                return self._parsed(runnable, repaired, check, deadline, usage)
            except InvalidOutput as second:
                raise LLMFailure(Problem(f"invalid structured output twice: {second}")) from second

    def _retrying(self, deadline: _Deadline) -> Retrying:
        return Retrying(
            stop=stop_after_attempt(self._max_retries + 1) | _asks_too_long | deadline.stop,
            wait=_wait,
            retry=retry_if_exception(_transient),
            sleep=self._sleep,
            reraise=True,
        )

    def _invoke(self, runnable: Any, messages: list[BaseMessage], usage: Usage) -> dict:
        usage.requests += 1
        result = runnable.invoke(messages)
        usage.add(result.get("raw"))
        return result

    def _parsed(
        self,
        runnable: Any,
        messages: list[BaseMessage],
        check: Callable[[Reply], None],
        deadline: _Deadline,
        usage: Usage,
    ) -> Reply:
        try:
            result = self._retrying(deadline)(self._invoke, runnable, messages, usage)
        except _INVALID_OUTPUT as exc:
            raise _invalid(exc) from exc
        except openai.OpenAIError as exc:
            raise LLMFailure(describe(exc, self._target)) from exc
        raw = result.get("raw")
        if _cut_off(raw):
            raise LLMFailure(truncated(self._target))
        if result.get("parsing_error") is not None:
            raise _invalid(result["parsing_error"], _reply_text(raw))
        parsed = result.get("parsed")
        if parsed is None:
            text = _reply_text(raw)
            if isinstance(raw, AIMessage) and raw.invalid_tool_calls:
                summary = "not valid JSON"
            else:
                summary = "prose instead of the structured reply" if text else "an empty reply"
            raise InvalidOutput(summary, _short(text))
        check(parsed)
        return parsed
