"""Offline grading vs human scores on the Mohler short-answer data (see ../shared/benchmarks/).

Runs the answers through ``coach grade``'s code path (free-form question + reference answer,
no kind: retrieval picks the rubric), then prints Pearson r, Spearman ρ and RMSE after a linear
map to the 0–5 human scale, per question and overall. For honesty it also prints the
leave-one-question-out (LOQO) numbers: the linear map, and the coverage calibration chosen from
a small grid, are fitted on the other questions only.

    .venv/bin/python benchmarks/grading.py [--data DIR]

``--engine llm`` grades the same answers through the configured OpenAI-compatible endpoint
(``OPENAI_BASE_URL``, ``COACH_LLM_MODEL``, ...; ``--test-server`` starts the local test server
instead) with ``COACH_LLM_CONCURRENCY`` requests in flight and a progress bar, and prints
Pearson r, tokens in/out per answer, p50/p95 latency and the fallback count.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services import knowledge_base  # noqa: E402
from evaluators.batch import grade_stream  # noqa: E402
from evaluators.item import GradeItem  # noqa: E402
from evaluators.offline import OfflineEvaluator  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
GRID = {
    "recall_floor": (0.05, 0.1, 0.2),
    "recall_full": (0.6, 0.7, 0.8),
    "lexical_weight": (0.1, 0.2, 0.35),
}


def load(data_dir: Path) -> list[dict]:
    path = data_dir / "mohler_dev.jsonl"
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (pass --data DIR)")
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def grade_lines(rows: list[dict]) -> list[str]:
    return [
        json.dumps(
            {
                "id": r["id"],
                "answer": r["answer"],
                "question": r["question"],
                "reference_answer": r["reference_answer"],
            }
        )
        for r in rows
    ]


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if x.std() == 0 or y.std() == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    def ranks(v: np.ndarray) -> np.ndarray:
        order = v.argsort(kind="mergesort")
        r = np.empty(len(v))
        r[order] = np.arange(len(v))
        for value in np.unique(v):  # average ranks for ties
            tied = v == value
            r[tied] = r[tied].mean()
        return r

    return pearson(ranks(x), ranks(y))


def mapped(x_fit: np.ndarray, y_fit: np.ndarray, x: np.ndarray) -> np.ndarray:
    slope, intercept = np.polyfit(x_fit, y_fit, 1)
    return np.clip(slope * x + intercept, 0.0, 5.0)


def rmse(pred: np.ndarray, y: np.ndarray) -> float:
    return float(np.sqrt(((pred - y) ** 2).mean()))


def loqo_map(x: np.ndarray, y: np.ndarray, qid: np.ndarray) -> np.ndarray:
    pred = np.zeros_like(y)
    for q in np.unique(qid):
        held = qid == q
        pred[held] = mapped(x[~held], y[~held], x[held])
    return pred


def calibration_cv(rows, items, evaluator: OfflineEvaluator, y, qid):
    """LOQO over the coverage calibration grid: pick on 23 questions, score the 24th."""
    analyses = evaluator.analyse_many(items)
    base = evaluator.params
    keys = list(GRID)
    scores = {}
    for values in itertools.product(*GRID.values()):
        params = replace(base, **dict(zip(keys, values, strict=True)))
        evaluator.params = params
        scores[values] = np.array(
            [evaluator.feedback_for(i, a).overall for i, a in zip(items, analyses, strict=True)]
        )
    evaluator.params = base
    pred, raw, chosen = np.zeros_like(y), np.zeros_like(y), []
    for q in np.unique(qid):
        held = qid == q
        best = max(scores, key=lambda v: pearson(scores[v][~held], y[~held]))
        chosen.append(best)
        raw[held] = scores[best][held]
        pred[held] = mapped(scores[best][~held], y[~held], scores[best][held])
    default = tuple(getattr(base, k) for k in keys)
    return raw, pred, chosen, default, keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-cv", action="store_true", help="skip the calibration grid CV")
    parser.add_argument("--engine", choices=("offline", "llm"), default="offline")
    parser.add_argument("--limit", type=int, help="llm: grade only the first N answers")
    parser.add_argument(
        "--test-server", action="store_true", help="llm: grade against the local test server"
    )
    args = parser.parse_args()
    if args.engine == "llm":
        from benchmarks.grading_llm import run

        run(load(args.data)[: args.limit], test_server=args.test_server)
        return
    rows = load(args.data)
    kb = knowledge_base()
    evaluator = OfflineEvaluator()
    out = io.StringIO()
    failed = grade_stream(grade_lines(rows), out, evaluator, kb, progress=sys.stderr.isatty())
    results = {rec["id"]: rec for rec in map(json.loads, out.getvalue().splitlines())}
    if failed:
        sys.exit(f"{failed} lines failed to grade")
    x = np.array([results[r["id"]]["overall"] for r in rows])
    y = np.array([r["score"] for r in rows])
    qid = np.array([r["question_id"] for r in rows])
    rubrics = {}
    for r in rows:
        rubrics.setdefault(r["question_id"], results[r["id"]]["rubric_id"])

    print(f"{'question':>8} {'n':>4} {'rubric':<18} {'pearson':>8} {'spearman':>9} {'rmse':>6}")
    full_map = mapped(x, y, x)
    for q in sorted(np.unique(qid), key=lambda s: tuple(int(p) for p in s.split("."))):
        m = qid == q
        print(
            f"{q:>8} {m.sum():>4} {rubrics[q]:<18} {pearson(x[m], y[m]):>8.3f} "
            f"{spearman(x[m], y[m]):>9.3f} {rmse(full_map[m], y[m]):>6.3f}"
        )
    loqo = loqo_map(x, y, qid)
    print()
    print(f"overall (n={len(y)}, {len(np.unique(qid))} questions)")
    print(f"  Pearson r               {pearson(x, y):.3f}")
    print(f"  Spearman rho            {spearman(x, y):.3f}")
    print(f"  RMSE, linear map        {rmse(full_map, y):.3f}   (human scale 0-5)")
    print(f"  RMSE, LOQO linear map   {rmse(loqo, y):.3f}")
    print(f"  baseline RMSE (mean)    {rmse(np.full_like(y, y.mean()), y):.3f}")
    if args.no_cv:
        return
    items = [
        GradeItem(
            context=kb.context(question=r["question"], reference_answer=r["reference_answer"]),
            answer=r["answer"],
        )
        for r in rows
    ]
    raw, pred, chosen, default, keys = calibration_cv(rows, items, evaluator, y, qid)
    same = sum(c == default for c in chosen)
    print()
    print(f"calibration LOQO over {np.prod([len(v) for v in GRID.values()])} settings of {keys}")
    print(f"  Pearson r, held-out overall (pooled)    {pearson(raw, y):.3f}   <- honest estimate")
    print(f"  Spearman rho, held-out overall          {spearman(raw, y):.3f}")
    print(f"  Pearson r, held-out, per-fold maps      {pearson(pred, y):.3f}")
    print(f"  RMSE, held-out question's scores        {rmse(pred, y):.3f}")
    print(f"  folds that chose the shipped default    {same}/{len(chosen)}  default={default}")
    for setting, count in Counter(chosen).most_common(3):
        print(f"  chosen by {count:>2} folds: {setting}")


if __name__ == "__main__":
    main()
