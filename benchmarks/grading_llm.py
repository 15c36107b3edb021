"""``grading.py --engine llm``: the Mohler answers through the configured LLM endpoint.

Same code path as ``coach grade --engine llm`` (``grade_stream``, the engine from settings, so
``COACH_LLM_CONCURRENCY`` requests in flight and a tqdm progress bar), plus what the run cost:
tokens in and out per answer as the server reported them, latency per answer from the first
request to the feedback (p50/p95), and how many answers fell back to the offline evaluator.
``--test-server`` grades against ``tests.fixtures.openai_server`` (its crude key-word judge),
which checks the pipeline end to end and measures the prompt's real token count; its r is not
a model's.
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections import Counter

import numpy as np

from app.engines import engine_from_settings, llm_params, llm_target
from app.services import knowledge_base
from app.settings import Settings, get_settings
from benchmarks.grading import grade_lines, pearson, spearman
from evaluators.batch import grade_stream
from evaluators.llm.evaluator import AnswerStats


def _start_test_server(settings: Settings) -> tuple[Settings, object]:
    from tests.fixtures.openai_server import FakeOpenAI, judge

    server = FakeOpenAI(default=judge()).start()
    local = settings.model_copy(
        update={"openai_base_url": server.base_url, "llm_model": "test-model"}
    )
    return local, server


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def _report(rows: list[dict], results: dict, stats: list[AnswerStats], wall_s: float) -> None:
    x = np.array([results[r["id"]]["overall"] for r in rows])
    y = np.array([r["score"] for r in rows])
    asked = [s for s in stats if s.requests]
    fell_back = [r for r in results.values() if r["engine"] != "llm"]
    n = max(len(stats), 1)
    tokens_in = sum(s.input_tokens for s in stats)
    tokens_out = sum(s.output_tokens for s in stats)
    print(f"answers                 {len(rows)}   ({len(rows) - len(fell_back)} graded by the LLM)")
    print(f"fallbacks to offline    {len(fell_back)}")
    print(f"Pearson r               {pearson(x, y):.3f}   (overall 0-100 vs human 0-5)")
    print(f"Spearman rho            {spearman(x, y):.3f}")
    print(f"tokens per answer       in {tokens_in / n:.0f}, out {tokens_out / n:.0f}")
    print(f"tokens for the run      in {tokens_in}, out {tokens_out}")
    print(f"requests per answer     {sum(s.requests for s in stats) / n:.2f}")
    seconds = [s.seconds for s in asked]
    print(
        f"latency per answer      p50 {_percentile(seconds, 50):.2f} s, "
        f"p95 {_percentile(seconds, 95):.2f} s"
    )
    print(f"wall time               {wall_s:.1f} s")
    reasons = Counter(
        n.split("(", 1)[1].rsplit(")", 1)[0]
        for r in fell_back
        for n in r["notices"]
        if n.startswith("LLM unavailable")
    )
    for reason, count in reasons.most_common(3):
        print(f"  {count:>4} x {reason}")


def run(rows: list[dict], *, test_server: bool) -> None:
    """Grade ``rows`` with the LLM engine and print the quality and cost table."""
    settings, server = get_settings(), None
    if test_server:
        settings, server = _start_test_server(settings)
    if not settings.llm_configured:
        sys.exit("no LLM configured: set OPENAI_BASE_URL (and COACH_LLM_MODEL) or --test-server")
    target, params = llm_target(settings), llm_params(settings)
    print(
        f"LLM: {target.model} at {target.endpoint}, {target.method}, concurrency "
        f"{settings.llm_concurrency}, cap {params.max_tokens} tokens, "
        f"timeout {params.timeout_s:g} s"
    )
    stats: list[AnswerStats] = []
    engine = engine_from_settings(settings, "llm", on_answer=stats.append)
    out = io.StringIO()
    start = time.monotonic()
    try:
        failed = grade_stream(grade_lines(rows), out, engine, knowledge_base(), progress=True)
    finally:
        if server is not None:
            server.stop()
    if failed:
        sys.exit(f"{failed} lines failed to grade")
    results = {rec["id"]: rec for rec in map(json.loads, out.getvalue().splitlines())}
    _report(rows, results, stats, time.monotonic() - start)
