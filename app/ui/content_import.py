"""Import custom questions and rubrics: validate with the real loaders, then save.

An upload is checked together with the user's other custom files (so duplicate ids are
caught) in a scratch directory; only a file without problems is copied into the data directory.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Literal

import yaml

from knowledge.bank import load_content
from rubrics.loader import load_rubrics

Kind = Literal["questions", "rubrics"]
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml$")


def _stage(existing_dir: Path, scratch: Path, name: str, data: bytes) -> Path:
    if existing_dir.is_dir():
        for path in existing_dir.glob("*.y*ml"):
            if path.name != name:
                shutil.copy2(path, scratch / path.name)
    target = scratch / name
    target.write_bytes(data)
    return target


def _problems_for(target: Path, problems, name: str) -> list[str]:
    found = []
    for problem in problems:
        if Path(problem.path) == target:
            where = f"{name}:{problem.line}" if problem.line else name
            found.append(f"{where}: {problem.message}")
    return found


def validate_upload(
    kind: Kind, name: str, data: bytes, questions_dir: Path, rubrics_dir: Path
) -> list[str]:
    """Problems (``file:line: message``) for an uploaded file; empty when it is valid."""
    if not _SAFE_NAME.match(name):
        return [f"{name}: use a simple file name ending in .yaml (letters, digits, - _ .)"]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        if kind == "questions":
            target = _stage(questions_dir, scratch, name, data)
            content = load_content(extra_question_dirs=[scratch], extra_rubric_dirs=[rubrics_dir])
            problems = _problems_for(target, content.problems, name)
            if not problems and not yaml.safe_load(data).get("questions"):
                problems.append(f"{name}: the questions list is empty")
            return problems
        target = _stage(rubrics_dir, scratch, name, data)
        _, found = load_rubrics([scratch])
        return _problems_for(target, found, name)


def import_file(
    kind: Kind, name: str, data: bytes, questions_dir: Path, rubrics_dir: Path
) -> list[str]:
    """Validate and, when valid, save into the data directory. Returns the problems."""
    problems = validate_upload(kind, name, data, questions_dir, rubrics_dir)
    if not problems:
        folder = questions_dir if kind == "questions" else rubrics_dir
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return problems


def custom_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
