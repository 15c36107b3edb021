"""Pick the evaluation engine from settings, and build the LLM client in exactly one place.

``build_chat_model`` is the only code that turns settings into a ``ChatOpenAI``: the key comes
from ``Settings`` (a ``SecretStr``, never logged), and the SDK's own retries are off because
``evaluators.llm`` retries. Tests point it at a local server through settings, or pass their
own factory to ``engine_from_settings``.
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
from evaluators.llm.evaluator import LLMEvaluator
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


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model for the configured endpoint: deterministic, bounded, SDK retries off."""
    return ChatOpenAI(
        model=settings.llm_model,
        api_key=settings.openai_api_key or _NO_KEY,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        temperature=0,
    )


def engine_from_settings(
    settings: Settings,
    choice: str | None = None,
    chat_model_factory: ChatModelFactory = build_chat_model,
) -> Engine:
    """The engine for ``choice`` (``auto``/``offline``/``llm``; default: the settings' engine).

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
        method=settings.llm_method,
        max_retries=settings.llm_max_retries,
        concurrency=settings.llm_concurrency,
        endpoint=endpoint_label(settings),
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
    return test_connection(
        chat_model_factory(settings),
        model_name=settings.llm_model,
        method=settings.llm_method,
        endpoint=endpoint_label(settings),
        timeout_s=settings.llm_timeout_s,
    )
