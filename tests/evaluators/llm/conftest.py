"""Fixtures for the LLM evaluator: a real local OpenAI-compatible server, contexts, evaluators."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import pytest

from app.engines import build_chat_model, llm_target
from app.settings import Settings
from evaluators.item import GradeItem
from evaluators.llm.evaluator import LLMEvaluator
from evaluators.offline import OfflineEvaluator
from knowledge.context import QuestionContext
from rubrics.loader import load_rubrics
from tests.fixtures.openai_server import FakeOpenAI, serve

BIAS_VARIANCE = QuestionContext(
    question_id="test-bias-variance",
    prompt="Explain the bias-variance trade-off.",
    topic="ml_concepts",
    rubric=load_rubrics()[0]["concept"],
    communication=load_rubrics()[0]["communication"],
    key_points=[
        "Bias is error from overly simple assumptions that make the model underfit.",
        "Variance is error from sensitivity to the training sample, which makes the model overfit.",
        "Increasing model complexity lowers bias and raises variance.",
        "High training and validation error signals bias; a large gap between them signals "
        "variance.",
    ],
    key_points_source="given",
    red_flags=["More data always fixes high bias."],
)

GOOD_ANSWER = (
    "Bias is the error that comes from a model that is too simple, so it underfits both the "
    "training and the validation data. Variance is the error from being too sensitive to the "
    "particular training sample, so the model overfits and the validation error is much "
    "higher than the training error. As model complexity grows, bias goes down and variance "
    "goes up, so we pick the complexity that minimises validation error, for example with "
    "cross-validation, and use regularisation or more data to reduce variance."
)


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAI]:
    yield from serve()


@pytest.fixture(scope="session")
def offline() -> OfflineEvaluator:
    return OfflineEvaluator()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def item(answer: str, context: QuestionContext = BIAS_VARIANCE) -> GradeItem:
    return GradeItem(context=context, answer=answer)


class Waits(list[float]):
    """Records the retry waits instead of sleeping through them, and is the evaluator's clock:
    real time plus every wait, as if they had been slept."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)

    def clock(self) -> float:
        return time.monotonic() + sum(self)


@pytest.fixture
def waits() -> Waits:
    return Waits()


@pytest.fixture
def make_evaluator(
    openai_server: FakeOpenAI, offline: OfflineEvaluator, waits: Waits
) -> Callable[..., LLMEvaluator]:
    """An ``LLMEvaluator`` whose model comes from the app's factory, aimed at the local server."""

    def make(base_url: str | None = None, **overrides: object) -> LLMEvaluator:
        settings = Settings(
            openai_base_url=base_url or openai_server.base_url,
            openai_api_key="sk-test-secret",
            llm_model=overrides.pop("model", "test-model"),
            llm_timeout_s=overrides.pop("timeout_s", 5.0),
            llm_method=overrides.pop("method", "json_schema"),
            llm_max_tokens=overrides.pop("max_tokens", None),
        )
        options = {
            "max_retries": 3,
            "concurrency": 2,
            "sleep": waits,
            "clock": waits.clock,
            "target": llm_target(settings),
            **overrides,
        }
        return LLMEvaluator(build_chat_model(settings), offline, **options)

    return make
