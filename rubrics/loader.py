"""Load and validate rubric YAML: the shipped set plus user rubrics from the data directory."""

from __future__ import annotations

from pathlib import Path

from knowledge.validation import validate_item
from knowledge.yaml_lines import LocatedDoc, Problem, load_located
from rubrics.models import COMMUNICATION_RUBRIC_ID, RUBRIC_KINDS, Rubric

SHIPPED_DIR = Path(__file__).parent


def rubric_files(extra_dirs: list[Path] | None = None) -> list[Path]:
    """Shipped rubric files first, then user files (which may add kinds or override by id)."""
    dirs = [SHIPPED_DIR, *(extra_dirs or [])]
    return [p for d in dirs if d.is_dir() for p in sorted(d.glob("*.y*ml"))]


def _cap_problems(rubric: Rubric, doc: LocatedDoc, path: Path) -> list[Problem]:
    """Each cap must name a criterion of its own rubric (a typo would silently never cap)."""
    ids = {c.id for c in rubric.criteria}
    return [
        Problem(
            path,
            doc.line_of(("caps", i, "criterion")),
            f"caps.{i}.criterion: {cap.criterion!r} is not a criterion of {rubric.id!r}",
        )
        for i, cap in enumerate(rubric.caps)
        if cap.criterion not in ids
    ]


def load_rubrics(extra_dirs: list[Path] | None = None) -> tuple[dict[str, Rubric], list[Problem]]:
    """Every valid rubric by id, plus every problem found (never raises on bad content)."""
    rubrics: dict[str, Rubric] = {}
    problems: list[Problem] = []
    for path in rubric_files(extra_dirs):
        try:
            doc = load_located(path)
        except ValueError as exc:
            problems.append(exc.args[0])
            continue
        if not isinstance(doc.data, dict):
            problems.append(
                Problem(path, 1, "a rubric file must be a mapping with id and criteria")
            )
            continue
        rubric, found = validate_item(Rubric, doc.data, doc, (), path)
        problems.extend(found)
        if rubric is None:
            continue
        cap_problems = _cap_problems(rubric, doc, path)
        if cap_problems:
            problems.extend(cap_problems)
            continue
        if rubric.id != path.stem:
            problems.append(
                Problem(path, doc.line_of(("id",)), f"id {rubric.id!r} must match file name")
            )
        rubrics[rubric.id] = rubric
    for required in (*RUBRIC_KINDS, COMMUNICATION_RUBRIC_ID):
        if required not in rubrics:
            problems.append(Problem(SHIPPED_DIR, None, f"missing required rubric {required!r}"))
    return rubrics, problems
