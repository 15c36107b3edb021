"""Offline evaluation cost relative to raw embedding, and warm single-answer latency.

Times ``OfflineEvaluator.evaluate_many`` (what ``coach grade`` calls) on N answers and divides by
the time ``knowledge.embeddings.embed`` takes on the same answers in the same run (both warmed
first). Then times ``evaluate`` on one 250-word answer to a bank question, warm, for p50/p95.

    .venv/bin/python benchmarks/speed.py [--data DIR] [-n 200]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services import knowledge_base  # noqa: E402
from evaluators.item import GradeItem  # noqa: E402
from evaluators.offline import OfflineEvaluator  # noqa: E402
from knowledge.embeddings import embed  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
REPEATS = 3
LATENCY_RUNS = 40


def best_of(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def long_answer(model_answer: str, words: int = 250) -> str:
    """A ~250-word answer built from a bank model answer (repeated if it is shorter)."""
    tokens = model_answer.split()
    while len(tokens) < words:
        tokens += model_answer.split()
    return " ".join(tokens[:words])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    rows = [json.loads(x) for x in (args.data / "mohler_dev.jsonl").open() if x.strip()][: args.n]
    kb = knowledge_base()
    contexts = {}
    for r in rows:
        if r["question_id"] not in contexts:
            contexts[r["question_id"]] = kb.context(
                question=r["question"], reference_answer=r["reference_answer"]
            )
    items = [GradeItem(context=contexts[r["question_id"]], answer=r["answer"]) for r in rows]
    answers = [r["answer"] for r in rows]
    evaluator = OfflineEvaluator()
    evaluator.evaluate_many(items)  # warm: model loaded, question encodings cached
    embed(answers)
    t_embed = best_of(lambda: embed(answers))
    t_eval = best_of(lambda: evaluator.evaluate_many(items))

    question = max(kb.content.questions.values(), key=lambda q: len(q.model_answer))
    item = GradeItem(
        context=kb.context(question_id=question.id), answer=long_answer(question.model_answer)
    )
    evaluator.evaluate(item)
    latencies = []
    for _ in range(LATENCY_RUNS):
        start = time.perf_counter()
        evaluator.evaluate(item)
        latencies.append(time.perf_counter() - start)
    p50, p95 = np.percentile(latencies, [50, 95])

    print(f"{'measure':<44} {'value':>10} {'target':>10}")
    print(f"{'embed ' + str(len(answers)) + ' answers (s)':<44} {t_embed:>10.3f}")
    print(f"{'evaluate_many ' + str(len(items)) + ' answers (s)':<44} {t_eval:>10.3f}")
    print(f"{'ratio evaluate_many / embed':<44} {t_eval / t_embed:>10.2f} {'<= 3':>10}")
    print(f"{'single 250-word answer p50 (s)':<44} {p50:>10.3f}")
    print(f"{'single 250-word answer p95 (s)':<44} {p95:>10.3f} {'< 0.3':>10}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs; an idle machine is ~0")


if __name__ == "__main__":
    main()
