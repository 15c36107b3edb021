"""``coach plan`` as a user runs it: the JSON contract, the readable plan, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.models import TOPICS

ROOT = Path(__file__).resolve().parents[3]
JDS = ROOT / "tests" / "fixtures" / "jds"


def coach(*args: str, cwd: Path, data_dir: Path) -> subprocess.CompletedProcess:
    code = "import sys; from app.cli import main; sys.argv = ['coach', *sys.argv[1:]]; main()"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACH_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.mark.slow
def test_json_plan_keeps_the_contract(tmp_path: Path, shared_kb: KnowledgeBase) -> None:
    result = coach(
        "plan", str(JDS / "mlops_platform.txt"), "--json", cwd=tmp_path, data_dir=shared_kb.data_dir
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert set(plan) == {"role", "topics", "competencies", "questions", "notices"}
    assert plan["role"] == "ML Platform Engineer (MLOps)"
    assert all(set(t) == {"topic", "weight"} and t["topic"] in TOPICS for t in plan["topics"])
    assert len(plan["questions"]) == 12
    for q in plan["questions"]:
        assert set(q) == {"id", "topic", "why"}
        assert q["id"] in shared_kb.content.questions and q["why"]
    assert 2 <= len(plan["competencies"]) <= 3


@pytest.mark.slow
def test_readable_plan_numbers_questions_with_their_reason(
    tmp_path: Path, shared_kb: KnowledgeBase
) -> None:
    result = coach(
        "plan", str(JDS / "recommender.txt"), "-n", "6", cwd=tmp_path, data_dir=shared_kb.data_dir
    )
    assert result.returncode == 0, result.stderr
    assert "Practice plan for: Machine Learning Engineer - Recommendations" in result.stdout
    assert " 6. " in result.stdout and " 7. " not in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait, machine learning", "UTF-8"),
    ],
)
def test_unusable_files_get_a_clear_error_and_exit_2(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "jd.txt"
    path.write_bytes(content)
    result = coach("plan", str(path), cwd=tmp_path, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_missing_file_and_a_bad_length_are_refused(tmp_path: Path) -> None:
    missing = coach("plan", str(tmp_path / "nope.txt"), cwd=tmp_path, data_dir=tmp_path / "d")
    assert missing.returncode == 2 and "not found" in missing.stderr
    jd = JDS / "recommender.txt"
    too_many = coach("plan", str(jd), "-n", "500", cwd=tmp_path, data_dir=tmp_path / "d")
    assert too_many.returncode == 2
