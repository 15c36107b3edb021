"""``LLMEvaluator``: rubric feedback from an OpenAI-compatible model, never worse than offline.

Each answer costs one structured call (plus one repair call when the reply is malformed). The
offline evaluator runs first for the whole batch: its results are the cross-check signals and
the fallback, so an unreachable, slow or confused LLM still yields feedback with a notice.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed

from langchain_core.language_models import BaseChatModel

from evaluators.engine import Engine, Item, Progress
from evaluators.llm.calls import InvalidOutput, LLMFailure, Sleep, StructuredCaller
from evaluators.llm.feedback import llm_feedback, missing_criteria
from evaluators.llm.output import LLMReply, reply_model
from evaluators.llm.prompt import build_messages, graded_criteria
from evaluators.schemas import EngineName, Feedback


def fallback_notice(reason: str) -> str:
    return f"LLM unavailable ({reason}): used the offline evaluator"


class LLMEvaluator:
    """Grades with an LLM through LangChain's structured output, guarded and with a fallback.

    Args:
        model: a LangChain chat model (``ChatOpenAI`` built by ``app.engines.build_chat_model``).
        offline: the offline engine, for cross-check signals and as the fallback.
        method: ``json_schema`` or ``function_calling`` (servers without JSON-schema mode).
        max_retries: retries after the first attempt for timeouts, 429 and 5xx.
        concurrency: answers graded at once by ``evaluate_many``.
        endpoint: where the model lives, for messages (never includes credentials).
        sleep: how to wait between retries (tests record the waits instead of sleeping).
    """

    name: EngineName = "llm"

    def __init__(
        self,
        model: BaseChatModel,
        offline: Engine,
        *,
        method: str = "json_schema",
        max_retries: int = 3,
        concurrency: int = 4,
        endpoint: str = "the LLM endpoint",
        sleep: Sleep = time.sleep,
    ) -> None:
        self._offline = offline
        self._concurrency = max(1, concurrency)
        self._caller = StructuredCaller(
            model, method=method, max_retries=max_retries, endpoint=endpoint, sleep=sleep
        )

    def evaluate(self, item: Item) -> Feedback:
        """Feedback for one answer."""
        return self.evaluate_many([item])[0]

    def evaluate_many(
        self, items: Sequence[Item], progress: Progress | None = None
    ) -> list[Feedback]:
        """Feedback for each item, in input order, with at most ``concurrency`` calls in flight."""
        baselines = self._offline.evaluate_many(items)
        with ThreadPoolExecutor(max_workers=self._concurrency) as pool:
            futures = [
                pool.submit(self._grade, i, b) for i, b in zip(items, baselines, strict=True)
            ]
            for _ in as_completed(futures):
                if progress:
                    progress(1)
        return [f.result() for f in futures]

    def _grade(self, item: Item, baseline: Feedback) -> Feedback:
        if not item.answer.strip():
            return baseline  # nothing for a model to read; the offline notice says so
        ids = tuple(c.id for c in graded_criteria(item.context))

        def check(reply: LLMReply) -> None:
            if missing := missing_criteria(reply, ids):
                raise InvalidOutput(f"no score for {', '.join(missing)}")

        try:
            reply = self._caller.ask(
                reply_model(ids), build_messages(item.context, item.answer), check
            )
        except LLMFailure as failure:
            notices = [*baseline.notices, fallback_notice(str(failure))]
            return baseline.model_copy(update={"notices": notices})
        return llm_feedback(item, reply, baseline)
