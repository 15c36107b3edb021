"""Does the offline engine tell a wrong answer from a right one? (see ../shared/benchmarks/)

Grades the misconception pairs (a wrong answer in the right words and a right answer in other
words, for the same question) through ``coach grade``'s code path, passing only the question
fields and the answer, and prints three rates:

* wrong answers flagged: a red flag hit, or the accuracy criterion at 1 or below;
* pairs where the right answer scores higher than the wrong one;
* right answers falsely flagged.

``--bank`` also grades the model answer of every technical bank question, right by
construction, and prints the share flagged: the dev set's 30 right answers are too few to show
a rule that misreads right answers in a style the pairs do not cover.

    .venv/bin/python benchmarks/misconceptions.py [--data DIR] [--file NAME] [--verbose] [--bank]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services import knowledge_base  # noqa: E402
from evaluators.batch import grade_stream  # noqa: E402
from evaluators.offline import OfflineEvaluator  # noqa: E402
from knowledge.bank import load_content  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
DEFAULT_FILE = "misconceptions_dev.jsonl"
QUESTION_FIELDS = ("question_id", "question", "reference_answer", "key_points", "kind")
FLAGGED_ACCURACY = 1
"""An accuracy level at or below this counts as the engine saying the answer is wrong."""


def load(path: Path) -> list[dict]:
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (pass --data DIR)")
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def grade_line(row: dict) -> str:
    """The grader sees the question fields and the answer only (no label, no error note)."""
    line = {"id": row["id"], "answer": row["answer"]}
    line.update({k: row[k] for k in QUESTION_FIELDS if row.get(k) is not None})
    return json.dumps(line)


def accuracy_level(feedback: dict) -> int | None:
    for c in feedback["criteria"]:
        if c["id"] == "accuracy":
            return c["score"]
    return None


def flagged(feedback: dict) -> bool:
    """A red flag hit, or the accuracy criterion at ``FLAGGED_ACCURACY`` or below."""
    level = accuracy_level(feedback)
    return bool(feedback["red_flags_hit"]) or (level is not None and level <= FLAGGED_ACCURACY)


def rates(rows: list[dict], results: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """(count, total) of wrong flagged, right above wrong, right flagged."""
    pairs: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        pairs[r["pair"]][r["label"]] = results[r["id"]]
    complete = [p for p in pairs.values() if {"wrong", "right"} <= p.keys()]
    return {
        "wrong answers flagged": (sum(flagged(p["wrong"]) for p in complete), len(complete)),
        "pairs right > wrong": (
            sum(p["right"]["overall"] > p["wrong"]["overall"] for p in complete),
            len(complete),
        ),
        "right answers falsely flagged": (
            sum(flagged(p["right"]) for p in complete),
            len(complete),
        ),
    }


def grade(rows: list[dict], evaluator: OfflineEvaluator | None = None) -> dict[str, dict]:
    """Feedback (as JSON dicts) per row id, graded as ``coach grade`` grades a JSONL file."""
    out = io.StringIO()
    failed = grade_stream(
        [grade_line(r) for r in rows],
        out,
        evaluator or OfflineEvaluator(),
        knowledge_base(),
        progress=False,
    )
    if failed:
        sys.exit(f"{failed} lines failed to grade")
    return {rec["id"]: rec for rec in map(json.loads, out.getvalue().splitlines())}


def bank_model_answers() -> list[dict]:
    """The model answer of every technical bank question, as benchmark rows."""
    return [
        {"id": q.id, "question_id": q.id, "answer": q.model_answer}
        for q in load_content().questions.values()
        if q.topic != "behavioral"
    ]


def _detail(row: dict, fb: dict) -> str:
    hits = "; ".join(fb["red_flags_hit"]) or "-"
    mark = "FLAG" if flagged(fb) else "    "
    return (
        f"  {row['label']:<5} {fb['overall']:>5.1f} acc={accuracy_level(fb)} {mark} "
        f"covered {len(fb['covered_points'])}/"
        f"{len(fb['covered_points']) + len(fb['missing_points'])}  red flags: {hits}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--file", default=DEFAULT_FILE, help="JSONL file name inside --data")
    parser.add_argument("--verbose", action="store_true", help="per-pair detail")
    parser.add_argument("--bank", action="store_true", help="also grade the bank's model answers")
    args = parser.parse_args()
    rows = load(args.data / args.file)
    results = grade(rows)
    if args.verbose:
        for r in rows:
            if r["label"] == "wrong":
                print(f"{r['pair']} {r.get('question_id') or r.get('question', '')[:60]}")
                print(f"  error: {r.get('error', '')}")
            print(_detail(r, results[r["id"]]))
        print()
    targets = {
        "wrong answers flagged": ">= 80%",
        "pairs right > wrong": ">= 90%",
        "right answers falsely flagged": "<= 10%",
    }
    print(f"{'measure':<32} {'count':>7} {'share':>7} {'target':>8}")
    for name, (count, total) in rates(rows, results).items():
        share = count / total if total else 0.0
        print(f"{name:<32} {count:>3}/{total:<3} {share:>7.0%} {targets[name]:>8}")
    if args.bank:
        model = bank_model_answers()
        graded = grade(model)
        wrongly = [r for r in model if flagged(graded[r["id"]])]
        if args.verbose:
            for r in wrongly:
                print(f"  {r['id']}: {'; '.join(graded[r['id']]['red_flags_hit'])[:160]}")
        share = len(wrongly) / len(model)
        print(f"{'bank model answers flagged':<32} {len(wrongly):>3}/{len(model):<3} {share:>7.0%}")


if __name__ == "__main__":
    main()
