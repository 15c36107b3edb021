"""`coach check` semantics: every problem reported with file and line; user content merged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.bank import load_content

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    path = tmp_path / "questions"
    path.mkdir()
    return path


def test_invalid_yaml_is_reported_with_file_and_line(user_dir: Path) -> None:
    shutil.copy(FIXTURES / "broken" / "bad_yaml.yaml", user_dir)
    content = load_content([user_dir])
    [problem] = content.problems
    assert problem.path.name == "bad_yaml.yaml"
    assert problem.line == 5
    assert "invalid YAML" in problem.message


def test_semantic_problems_each_get_a_line(user_dir: Path) -> None:
    shutil.copy(FIXTURES / "broken" / "semantic.yaml", user_dir)
    problems = {p.line: p.message for p in load_content([user_dir]).problems}
    assert "key_points" in problems[7]
    assert "unknown rubric kind 'poetry'" in problems[11]
    assert "duplicate question id 'user-duplicate'" in problems[24]


def test_valid_questions_still_load_beside_broken_ones(user_dir: Path) -> None:
    shutil.copy(FIXTURES / "broken" / "semantic.yaml", user_dir)
    content = load_content([user_dir])
    assert "user-duplicate" in content.questions
    assert "user-no-key-points" not in content.questions


def test_user_questions_are_merged_with_the_bank(user_dir: Path) -> None:
    shutil.copy(FIXTURES / "valid_user_question.yaml", user_dir)
    content = load_content([user_dir])
    assert content.problems == []
    assert content.questions["user-learning-curves"].kind == "concept"


def test_non_mapping_and_binary_files_are_reported(user_dir: Path) -> None:
    (user_dir / "list.yaml").write_text("- just\n- a list\n")
    (user_dir / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    messages = {p.path.name: p.message for p in load_content([user_dir]).problems}
    assert "questions:" in messages["list.yaml"]
    assert "not UTF-8" in messages["binary.yaml"]


def test_user_rubric_adds_a_kind(tmp_path: Path, user_dir: Path) -> None:
    rubric_dir = tmp_path / "rubrics"
    rubric_dir.mkdir()
    shipped = (Path(__file__).parents[2] / "rubrics" / "concept.yaml").read_text()
    (rubric_dir / "ml_ops.yaml").write_text(shipped.replace("id: concept", "id: ml_ops", 1))
    question = (
        (FIXTURES / "valid_user_question.yaml").read_text().replace("kind: concept", "kind: ml_ops")
    )
    (user_dir / "mlops.yaml").write_text(question)
    content = load_content([user_dir], [rubric_dir])
    assert content.problems == []
    assert content.questions["user-learning-curves"].kind == "ml_ops"


def test_broken_user_rubric_is_reported(tmp_path: Path) -> None:
    rubric_dir = tmp_path / "rubrics"
    rubric_dir.mkdir()
    (rubric_dir / "half.yaml").write_text(
        "id: half\nname: Half\ndescription: d\ncriteria:\n"
        "  - id: only\n    name: Only\n    description: d\n    weight: 1.0\n"
        "    signal: coverage\n    levels: {0: a, 1: b}\n"
    )
    [problem] = load_content([], [rubric_dir]).problems
    assert problem.line == 10
    assert "levels must anchor exactly 0, 1, 2, 3 and 4" in problem.message
