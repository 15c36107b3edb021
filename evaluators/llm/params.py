"""Request parameters each kind of server accepts, chosen from the model name and endpoint (pure).

What real servers do with the parameters langchain-openai 1.7 would send by default:

- It renames ``max_tokens`` to ``max_completion_tokens``. OpenAI requires that name for o-series
  and gpt-5 models (400 "Unsupported parameter: 'max_tokens'") and refuses both at once; Ollama's
  OpenAI layer reads only ``max_tokens`` and llama-server reads ``max_tokens``/``n_predict``, so
  there ``max_completion_tokens`` is silently ignored and a looping model runs until the context
  is full. Hence: ``max_completion_tokens`` for OpenAI and for reasoning models, ``max_tokens``
  (sent through ``extra_body``, which langchain does not rename) for every other server.
- Reasoning models (o1, o3, o4-mini, gpt-5 except gpt-5-chat) reject ``temperature=0``; they get
  no temperature, a low ``reasoning_effort`` (grading needs no long deliberation), and more
  tokens and time, because their hidden reasoning counts against ``max_completion_tokens``.
- llama-server reads ``tool_choice`` only as a string: langchain's object form falls back to
  ``auto`` and the model may answer in prose. ``"required"`` (one tool) forces the call on every
  server that supports tools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CHAT_MAX_TOKENS = 2_000
"""Reply cap for chat models: a full reply (7 criteria with quotes and comments, advice and a
stronger answer) is 600-1,000 tokens; twice that stops a looping local model early."""
REASONING_MAX_TOKENS = 8_000
"""Reasoning models spend hidden tokens from the same cap before they write the reply."""
CHAT_TIMEOUT_S = 30.0
REASONING_TIMEOUT_S = 120.0
"""Reasoning at low effort still takes tens of seconds before the first output token."""
BUDGET_TIMEOUTS = 2.0
"""Default time budget per answer, in timeouts: one full attempt, plus retries of failures that
come back fast (a 500, a short 429). A request that cannot finish inside the budget is not
started, so a timed-out attempt is never repeated."""
REASONING_EFFORT = "low"

_REASONING = re.compile(r"^(o\d|gpt-5(?!.*chat))", re.IGNORECASE)
_NO_EFFORT = re.compile(r"^o1-(mini|preview)", re.IGNORECASE)
"""Early o1 models reject ``reasoning_effort``."""
_OPENAI_HOSTS = ("api.openai.com",)


def is_reasoning_model(model: str) -> bool:
    """OpenAI's reasoning families by name (o1, o3, o4-mini, gpt-5; not gpt-5-chat)."""
    return bool(_REASONING.match(model.strip()))


def is_openai_api(base_url: str | None) -> bool:
    """True for OpenAI's own API (no base URL, or its host)."""
    return base_url is None or any(host in base_url for host in _OPENAI_HOSTS)


@dataclass(frozen=True)
class RequestParams:
    """What to send for one model at one endpoint."""

    reasoning: bool
    max_tokens: int
    timeout_s: float
    budget_s: float
    openai_api: bool
    reasoning_effort: str | None = None

    def chat_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``ChatOpenAI`` (besides model, key, URL and retries)."""
        kwargs: dict[str, Any] = {"timeout": self.timeout_s}
        if self.openai_api or self.reasoning:
            kwargs["max_completion_tokens"] = self.max_tokens
        else:
            kwargs["extra_body"] = {"max_tokens": self.max_tokens}
        # None is explicit on purpose: left out, langchain would send temperature=1 for o1.
        kwargs["temperature"] = None if self.reasoning else 0
        if self.reasoning_effort:
            kwargs["reasoning_effort"] = self.reasoning_effort
        return kwargs


def request_params(
    model: str,
    base_url: str | None,
    *,
    max_tokens: int | None = None,
    timeout_s: float | None = None,
    budget_s: float | None = None,
) -> RequestParams:
    """Parameters for ``model`` at ``base_url``; ``None`` means the default for its kind."""
    reasoning = is_reasoning_model(model)
    timeout = timeout_s or (REASONING_TIMEOUT_S if reasoning else CHAT_TIMEOUT_S)
    return RequestParams(
        reasoning=reasoning,
        max_tokens=max_tokens or (REASONING_MAX_TOKENS if reasoning else CHAT_MAX_TOKENS),
        timeout_s=timeout,
        budget_s=budget_s or BUDGET_TIMEOUTS * timeout,
        openai_api=is_openai_api(base_url),
        reasoning_effort=REASONING_EFFORT if reasoning and not _NO_EFFORT.match(model) else None,
    )


def structured_kwargs(method: str) -> dict[str, Any]:
    """Extra arguments for ``with_structured_output``: a string ``tool_choice`` for tools."""
    return {"tool_choice": "required"} if method == "function_calling" else {}
