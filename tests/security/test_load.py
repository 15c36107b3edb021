"""Load: ``coach grade`` on 2,000 lines writes every line, in order, with bounded memory.

Ten concurrent writers (threads and processes) losing no attempt is tested in
tests/app/storage/test_storage_attempts.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.security.conftest import run_coach_measured

LINES = 2_000
RSS_BOUND_MIB = 1_500
"""The offline engine holds MiniLM, torch and Chroma (about 0.7 GB for five lines); grading
goes in chunks of 256, so 2,000 lines must not cost much more than one chunk."""
QUESTIONS = [
    ("concepts-bias-variance", "Bias is underfitting from simple assumptions; variance is "),
    (None, "A stack is last in, first out: push and pop work on the top, "),
]


def _answers(path: Path) -> list[str]:
    ids, rows = [], []
    for n in range(LINES):
        qid, stem = QUESTIONS[n % 2]
        line = {"id": f"a{n:04d}", "answer": f"{stem}example {n}."}
        line.update({"question_id": qid} if qid else {"question": "What is a stack?"})
        ids.append(line["id"])
        rows.append(json.dumps(line))
    path.write_text("\n".join(rows) + "\n")
    return ids


@pytest.mark.slow
def test_grade_2000_lines_writes_every_line_in_order_with_bounded_memory(
    coach_env, tmp_path: Path, record_property
) -> None:
    ids = _answers(tmp_path / "answers.jsonl")
    out = tmp_path / "feedback.jsonl"
    done, peak_mib = run_coach_measured(
        "grade",
        str(tmp_path / "answers.jsonl"),
        "-o",
        str(out),
        "--engine",
        "offline",
        env=coach_env,
        cwd=tmp_path,
    )
    record_property("peak_rss_mib", round(peak_mib))
    print(f"\ncoach grade, {LINES} lines: peak RSS {peak_mib:.0f} MiB")
    assert done.returncode == 0, done.stderr[-2000:]
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ids
    assert all(r["engine"] == "offline" and 0 <= r["overall"] <= 100 for r in records)
    assert peak_mib < RSS_BOUND_MIB
