"""``coach grade`` as a user runs it: stdout vs -o, exit codes, messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.cli import main

FREE = {
    "question": "What is a stack?",
    "reference_answer": "A last-in, first-out collection with push and pop.",
    "kind": "coding_approach",
}

pytestmark = pytest.mark.slow


@pytest.fixture
def coach(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """Run ``coach ARGS`` in-process (the model stays loaded between tests); the real
    executable in a subprocess is covered by tests/security/."""

    def _run(*args: str):
        monkeypatch.setattr(sys, "argv", ["coach", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        out, err = capsys.readouterr()
        return exited.value.code or 0, out, err

    return _run


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_grades_to_stdout_in_order_and_exits_0(coach, tmp_path):
    src = _write(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "1", "answer": "LIFO: push adds, pop removes the top.", **FREE}),
            json.dumps({"id": "2", "answer": "A queue of tasks.", **FREE}),
        ],
    )
    code, stdout, stderr = coach("grade", str(src), "--engine", "offline")
    assert code == 0, stderr
    out = [json.loads(x) for x in stdout.splitlines()]
    assert [r["id"] for r in out] == ["1", "2"]
    assert out[0]["engine"] == "offline" and out[0]["overall"] > out[1]["overall"]
    assert "Grading" not in stderr  # no progress bar when stderr is not a terminal


def test_bad_line_is_reported_others_graded_exit_2_and_output_file(coach, tmp_path):
    src = _write(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "1", "answer": "Push and pop, last in first out.", **FREE}),
            json.dumps({"id": "2", "question": "What is a stack?"}),
        ],
    )
    dest = tmp_path / "out.jsonl"
    code, stdout, stderr = coach("grade", str(src), "-o", str(dest), "--engine", "offline")
    assert code == 2
    assert stdout == ""
    out = [json.loads(x) for x in dest.read_text().splitlines()]
    assert "overall" in out[0]
    assert out[1] == {"id": "2", "error": "line 2: missing field 'answer'"}
    assert "1 line(s) could not be graded" in stderr


def test_missing_input_file_is_a_clear_error(coach, tmp_path):
    code, _, stderr = coach("grade", str(tmp_path / "nope.jsonl"), "--engine", "offline")
    assert code == 2
    assert "Input file not found" in stderr
    assert "Traceback" not in stderr


def test_the_engine_saved_in_the_app_applies_unless_engine_is_given(coach, tmp_path, data_dir):
    """The CLI grades as the app does: a saved ``llm`` choice with no endpoint is refused."""
    from app.services import database
    from app.storage import preferences

    preferences.set_preference(database(), "engine", "llm")
    src = _write(tmp_path / "in.jsonl", [json.dumps({"id": "1", "answer": "LIFO.", **FREE})])
    code, _, stderr = coach("grade", str(src))
    assert code == 4 and "No LLM is configured" in stderr
    code, stdout, _ = coach("grade", str(src), "--engine", "offline")
    assert code == 0 and json.loads(stdout)["engine"] == "offline"
