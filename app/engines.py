"""Pick the evaluation engine from settings, and build the LLM client in exactly one place.

``build_chat_model`` is the only code that turns settings into a ``ChatOpenAI``: the key comes
from ``Settings`` (a ``SecretStr``, never logged), and the SDK's own retries are off because
``evaluators.llm`` retries. What each server accepts (token cap name, temperature, reasoning
effort) is decided by ``evaluators.llm.params``. Tests point it at a local server through
settings, or pass their own factory to ``engine_from_settings``.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from app.settings import Settings
from evaluators.engine import Engine
from evaluators.errors import EngineUnavailable, InputError
from evaluators.llm.connection import test_connection
from evaluators.llm.evaluator import AnswerStats, LLMEvaluator
from evaluators.llm.params import RequestParams, request_params
from evaluators.llm.problems import Target
from evaluators.offline import OfflineEvaluator

ChatModelFactory = Callable[[Settings], BaseChatModel]

_NO_KEY = SecretStr("not-needed")
"""Local servers (Ollama, llama.cpp, vLLM) ignore the key but the OpenAI SDK insists on one."""

_CHOICES = ("auto", "offline", "llm")


def endpoint_label(settings: Settings) -> str:
    """Scheme, host and port of the endpoint, for messages (no path, no credentials)."""
    if not settings.openai_base_url:
        return "the OpenAI API"
    parts = urlsplit(settings.openai_base_url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def llm_params(settings: Settings) -> RequestParams:
    """Token cap, timeout, budget and parameter names for the configured model and endpoint."""
    return request_params(
        settings.llm_model,
        settings.openai_base_url,
        max_tokens=settings.llm_max_tokens,
        timeout_s=settings.llm_timeout_s,
        budget_s=settings.llm_budget_s,
    )


def llm_target(settings: Settings) -> Target:
    """Endpoint, model and limits as messages name them (no credentials)."""
    params = llm_params(settings)
    base_path = urlsplit(settings.openai_base_url or "").path.rstrip("/")
    return Target(
        endpoint=endpoint_label(settings),
        model=settings.llm_model,
        method=settings.llm_method,
        timeout_s=params.timeout_s,
        max_tokens=params.max_tokens,
        lacks_v1=bool(settings.openai_base_url) and not base_path.endswith("/v1"),
    )


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model for the configured endpoint: deterministic where the model allows it,
    a token cap every server reads, SDK retries off."""
    return ChatOpenAI(
        model=settings.llm_model,
        api_key=settings.openai_api_key or _NO_KEY,
        base_url=settings.openai_base_url,
        max_retries=0,
        **llm_params(settings).chat_kwargs(),
    )


def engine_from_settings(
    settings: Settings,
    choice: str | None = None,
    chat_model_factory: ChatModelFactory = build_chat_model,
    on_answer: Callable[[AnswerStats], None] | None = None,
) -> Engine:
    """The engine for ``choice`` (``auto``/``offline``/``llm``; default: the settings' engine).

    ``on_answer`` receives each LLM-graded answer's time, requests and tokens (benchmarks).

    Raises:
        InputError: an unknown choice.
        EngineUnavailable: ``llm`` asked for but no endpoint configured.
    """
    choice = choice or settings.engine
    if choice not in _CHOICES:
        raise InputError(f"Unknown engine {choice!r}; expected one of {', '.join(_CHOICES)}.")
    offline = OfflineEvaluator()
    if choice == "offline" or (choice == "auto" and not settings.llm_configured):
        return offline
    if not settings.llm_configured:
        raise EngineUnavailable(
            "No LLM is configured: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a local "
            "server such as Ollama), or use --engine offline."
        )
    return LLMEvaluator(
        chat_model_factory(settings),
        offline,
        target=llm_target(settings),
        max_retries=settings.llm_max_retries,
        concurrency=settings.llm_concurrency,
        budget_s=llm_params(settings).budget_s,
        on_answer=on_answer,
    )


def check_llm_connection(
    settings: Settings, chat_model_factory: ChatModelFactory = build_chat_model
) -> tuple[bool, str]:
    """For the settings page: does the configured endpoint work? ``(ok, human message)``."""
    if not settings.llm_configured:
        return False, (
            "No LLM is configured: set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL for a "
            "local server such as Ollama or llama.cpp."
        )
    return test_connection(chat_model_factory(settings), llm_target(settings))
