"""``LLMEvaluator``: rubric feedback from an OpenAI-compatible model, never worse than offline.

Each answer costs one structured call (plus one repair call when the reply is malformed). The
offline evaluator runs first for the whole batch: its results are the cross-check signals and
the fallback, so an unreachable, slow or confused LLM still yields feedback with a notice.

A batch sends its first answer alone. When that fails in a way no retry can fix (a rejected
key, a missing model, an exhausted quota, a request the server refuses), the breaker opens and
the rest of the batch falls back to offline with the same notice, without another request; the
same happens if such a failure comes later. Otherwise the rest go out ``concurrency`` at a time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from evaluators.engine import Engine, Item, Progress
from evaluators.llm.calls import (
    Clock,
    InvalidOutput,
    LLMFailure,
    Sleep,
    StructuredCaller,
    Usage,
)
from evaluators.llm.feedback import llm_feedback, missing_criteria
from evaluators.llm.output import LLMReply, reply_model
from evaluators.llm.params import BUDGET_TIMEOUTS
from evaluators.llm.problems import Problem, Target
from evaluators.llm.prompt import build_messages, graded_criteria
from evaluators.schemas import EngineName, Feedback


def fallback_notice(reason: str) -> str:
    return f"LLM unavailable ({reason}): used the offline evaluator"


@dataclass(frozen=True)
class AnswerStats:
    """How grading one answer went, for benchmarks: time, requests, tokens, fallback."""

    seconds: float
    requests: int
    input_tokens: int
    output_tokens: int
    fell_back: bool


class _Breaker:
    """Remembers the first failure that every later request would repeat (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.problem: Problem | None = None

    def trip(self, problem: Problem) -> None:
        with self._lock:
            if problem.final and self.problem is None:
                self.problem = problem


class LLMEvaluator:
    """Grades with an LLM through LangChain's structured output, guarded and with a fallback.

    Args:
        model: a LangChain chat model (``ChatOpenAI`` built by ``app.engines.build_chat_model``).
        offline: the offline engine, for cross-check signals and as the fallback.
        target: endpoint, model, method (``json_schema`` or ``function_calling``), timeout and
            token cap, for requests and messages (never includes credentials).
        max_retries: retries after the first attempt for 408/409, 429 and 5xx.
        concurrency: answers graded at once by ``evaluate_many``.
        budget_s: time budget per answer (default: ``BUDGET_TIMEOUTS`` timeouts).
        sleep, clock: how to wait between retries and tell the time (tests fake both).
        on_answer: called with each answer's ``AnswerStats`` (benchmarks count tokens with it).
    """

    name: EngineName = "llm"

    def __init__(
        self,
        model: BaseChatModel,
        offline: Engine,
        *,
        target: Target | None = None,
        max_retries: int = 3,
        concurrency: int = 4,
        budget_s: float | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        on_answer: Callable[[AnswerStats], None] | None = None,
    ) -> None:
        target = target or Target()
        self._offline = offline
        self._concurrency = max(1, concurrency)
        self._clock = clock
        self._on_answer = on_answer
        self._caller = StructuredCaller(
            model,
            target=target,
            max_retries=max_retries,
            budget_s=budget_s or BUDGET_TIMEOUTS * target.timeout_s,
            sleep=sleep,
            clock=clock,
        )

    def evaluate(self, item: Item) -> Feedback:
        """Feedback for one answer."""
        return self.evaluate_many([item])[0]

    def evaluate_many(
        self, items: Sequence[Item], progress: Progress | None = None
    ) -> list[Feedback]:
        """Feedback for each item, in input order, with at most ``concurrency`` calls in flight."""
        baselines = self._offline.evaluate_many(items)
        breaker = _Breaker()
        results: list[Feedback | None] = [None] * len(items)

        def grade(index: int) -> None:
            results[index] = self._grade(items[index], baselines[index], breaker)
            if progress:
                progress(1)

        pending = list(range(len(items)))
        while pending and not items[pending[0]].answer.strip():
            grade(pending.pop(0))  # costs no request
        if pending:
            grade(pending.pop(0))  # the probe: alone, so a final failure costs one request
        with ThreadPoolExecutor(max_workers=self._concurrency) as pool:
            for future in as_completed([pool.submit(grade, i) for i in pending]):
                future.result()
        return [r for r in results if r is not None]

    def _grade(self, item: Item, baseline: Feedback, breaker: _Breaker) -> Feedback:
        if not item.answer.strip():
            return baseline  # nothing for a model to read; the offline notice says so
        if breaker.problem is not None:
            return self._fallback(baseline, breaker.problem, Usage(), self._clock())
        ids = tuple(c.id for c in graded_criteria(item.context))

        def check(reply: LLMReply) -> None:
            if missing := missing_criteria(reply, ids):
                raise InvalidOutput(f"no score for {', '.join(missing)}")

        start, usage = self._clock(), Usage()
        try:
            reply = self._caller.ask(
                reply_model(ids), build_messages(item.context, item.answer), check, usage
            )
        except LLMFailure as failure:
            breaker.trip(failure.problem)
            return self._fallback(baseline, failure.problem, usage, start)
        self._record(start, usage, fell_back=False)
        return llm_feedback(item, reply, baseline)

    def _fallback(
        self, baseline: Feedback, problem: Problem, usage: Usage, start: float
    ) -> Feedback:
        self._record(start, usage, fell_back=True)
        notices = [*baseline.notices, fallback_notice(problem.reason)]
        return baseline.model_copy(update={"notices": notices})

    def _record(self, start: float, usage: Usage, *, fell_back: bool) -> None:
        if self._on_answer:
            seconds = self._clock() - start
            self._on_answer(
                AnswerStats(
                    seconds, usage.requests, usage.input_tokens, usage.output_tokens, fell_back
                )
            )
