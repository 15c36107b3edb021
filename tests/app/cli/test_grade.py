"""``coach grade`` as a user runs it: stdout vs -o, exit codes, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FREE = {
    "question": "What is a stack?",
    "reference_answer": "A last-in, first-out collection with push and pop.",
    "kind": "coding_approach",
}

pytestmark = pytest.mark.slow


def coach(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = "import sys; from app.cli import main; sys.argv = ['coach', *sys.argv[1:]]; main()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_grades_to_stdout_in_order_and_exits_0(tmp_path):
    src = _write(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "1", "answer": "LIFO: push adds, pop removes the top.", **FREE}),
            json.dumps({"id": "2", "answer": "A queue of tasks.", **FREE}),
        ],
    )
    result = coach("grade", str(src), "--engine", "offline", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["1", "2"]
    assert out[0]["engine"] == "offline" and out[0]["overall"] > out[1]["overall"]
    assert "Grading" not in result.stderr  # no progress bar when stderr is not a terminal


def test_bad_line_is_reported_others_graded_exit_2_and_output_file(tmp_path):
    src = _write(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "1", "answer": "Push and pop, last in first out.", **FREE}),
            json.dumps({"id": "2", "question": "What is a stack?"}),
        ],
    )
    dest = tmp_path / "out.jsonl"
    result = coach("grade", str(src), "-o", str(dest), "--engine", "offline", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    out = [json.loads(x) for x in dest.read_text().splitlines()]
    assert "overall" in out[0]
    assert out[1] == {"id": "2", "error": "line 2: missing field 'answer'"}
    assert "1 line(s) could not be graded" in result.stderr


def test_missing_input_file_is_a_clear_error(tmp_path):
    result = coach("grade", str(tmp_path / "nope.jsonl"), "--engine", "offline", cwd=tmp_path)
    assert result.returncode == 2
    assert "Input file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_engine_saved_in_the_app_applies_unless_engine_is_given(tmp_path, data_dir):
    """The CLI grades as the app does: a saved ``llm`` choice with no endpoint is refused."""
    from app.services import database
    from app.storage import preferences

    preferences.set_preference(database(), "engine", "llm")
    src = _write(tmp_path / "in.jsonl", [json.dumps({"id": "1", "answer": "LIFO.", **FREE})])
    refused = coach("grade", str(src), cwd=tmp_path)
    assert refused.returncode == 4 and "No LLM is configured" in refused.stderr
    graded = coach("grade", str(src), "--engine", "offline", cwd=tmp_path)
    assert graded.returncode == 0 and json.loads(graded.stdout)["engine"] == "offline"
