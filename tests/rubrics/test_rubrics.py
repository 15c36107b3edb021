"""The shipped rubrics: all kinds present, anchored levels, weights that make sense."""

from __future__ import annotations

from pathlib import Path

import pytest

from rubrics.loader import load_rubrics
from rubrics.models import COMMUNICATION_RUBRIC_ID, RUBRIC_KINDS, Rubric


@pytest.fixture(scope="module")
def rubrics() -> dict[str, Rubric]:
    loaded, problems = load_rubrics()
    assert [str(p) for p in problems] == []
    return loaded


def test_every_kind_and_communication_is_shipped(rubrics: dict[str, Rubric]) -> None:
    assert set(rubrics) >= {*RUBRIC_KINDS, COMMUNICATION_RUBRIC_ID}


@pytest.mark.parametrize("kind", RUBRIC_KINDS)
def test_question_rubric_weights_sum_to_one(rubrics: dict[str, Rubric], kind: str) -> None:
    assert sum(c.weight for c in rubrics[kind].criteria) == pytest.approx(1.0)


@pytest.mark.parametrize("kind", [k for k in RUBRIC_KINDS if k != "behavioral_star"])
def test_technical_rubrics_weigh_coverage_most(rubrics: dict[str, Rubric], kind: str) -> None:
    criteria = rubrics[kind].criteria
    coverage = [c for c in criteria if c.signal == "coverage"]
    assert coverage, kind
    assert coverage[0].weight == max(c.weight for c in criteria)


def test_behavioral_rubric_scores_star_and_reflection(rubrics: dict[str, Rubric]) -> None:
    signals = {c.signal for c in rubrics["behavioral_star"].criteria}
    assert signals == {
        "star_situation",
        "star_task",
        "star_action",
        "star_result",
        "star_reflection",
    }


def test_communication_rubric_covers_delivery(rubrics: dict[str, Rubric]) -> None:
    rubric = rubrics[COMMUNICATION_RUBRIC_ID]
    assert rubric.kind == "communication"
    assert {c.signal for c in rubric.criteria} >= {"structure", "clarity", "delivery"}


SYSTEM_DESIGN_STAGES = {"framing", "metrics", "data", "modelling", "serving", "monitoring"}
KNOWLEDGE_KINDS = ("concept", "metrics", "prob_stats", "deep_learning", "coding_approach")


def test_system_design_grades_each_stage_separately(rubrics: dict[str, Rubric]) -> None:
    ids = {c.id for c in rubrics["system_design"].criteria}
    assert ids >= SYSTEM_DESIGN_STAGES | {"soundness"}


def test_unsound_system_design_cannot_score_high(rubrics: dict[str, Rubric]) -> None:
    caps = {cap.at_most: cap.overall_max for cap in rubrics["system_design"].caps}
    assert {c.criterion for c in rubrics["system_design"].caps} == {"soundness"}
    assert caps[1] <= 50  # one serious flaw such as label leakage
    assert caps[0] < caps[1] < caps[2] < 100


def test_project_deep_dive_weighs_depth_and_ownership(rubrics: dict[str, Rubric]) -> None:
    by_signal = {c.signal: c.weight for c in rubrics["project_deep_dive"].criteria}
    assert by_signal["depth"] + by_signal["ownership"] >= 0.35
    assert by_signal["depth"] > by_signal["accuracy"]


def test_coding_weighs_correctness_above_style(rubrics: dict[str, Rubric]) -> None:
    weights = {c.id: c.weight for c in rubrics["coding_approach"].criteria}
    assert weights["accuracy"] > max(weights["examples"], weights["depth"])
    levels = " ".join(rubrics["coding_approach"].criterion("accuracy").levels.values())
    assert "numerically stable" in levels
    assert "vectorised" in " ".join(
        rubrics["coding_approach"].criterion("complexity").levels.values()
    )


def test_accuracy_weighs_the_same_in_knowledge_rubrics(rubrics: dict[str, Rubric]) -> None:
    weights = {k: rubrics[k].criterion("accuracy").weight for k in KNOWLEDGE_KINDS}
    assert len(set(weights.values())) == 1, weights


@pytest.mark.parametrize("kind", [k for k in RUBRIC_KINDS if k != "behavioral_star"])
def test_accuracy_levels_are_distinct_and_observable(rubrics: dict[str, Rubric], kind: str) -> None:
    """0 vs 1 and 3 vs 4 must differ in something a grader can point to."""
    accuracy = next(c for c in rubrics[kind].criteria if c.signal == "accuracy")
    levels = accuracy.levels
    assert len(set(levels.values())) == 5
    assert "two or more" in levels[0].lower() or "Implausible" in levels[0], kind
    assert "one" in levels[1].lower(), kind
    assert any(w in levels[4] for w in ("names", "states", "candid")), kind


def test_cap_naming_an_unknown_criterion_is_reported_with_its_line(tmp_path: Path) -> None:
    shipped = (Path(__file__).parents[2] / "rubrics" / "system_design.yaml").read_text()
    (tmp_path / "design_v2.yaml").write_text(
        shipped.replace("id: system_design", "id: design_v2", 1).replace(
            "  - criterion: soundness\n    at_most: 0", "  - criterion: sound\n    at_most: 0", 1
        )
    )
    loaded, problems = load_rubrics([tmp_path])
    [problem] = problems
    assert problem.path.name == "design_v2.yaml"
    assert problem.line == _line_of(tmp_path / "design_v2.yaml", "criterion: sound\n")
    assert "'sound' is not a criterion of 'design_v2'" in problem.message
    assert "design_v2" not in loaded


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.open(), start=1) if line.endswith(text))
