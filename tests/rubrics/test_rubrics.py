"""The shipped rubrics: all kinds present, anchored levels, weights that make sense."""

from __future__ import annotations

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


def test_behavioral_rubric_grades_substance_before_format(rubrics: dict[str, Rubric]) -> None:
    weights = {c.signal: c.weight for c in rubrics["behavioral_star"].criteria}
    assert set(weights) == {
        "star_competency",
        "star_ownership",
        "star_impact",
        "star_reflection",
        "star_format",
    }
    assert weights["star_format"] < weights["star_impact"]
    assert weights["star_format"] < weights["star_ownership"]


def test_communication_rubric_covers_delivery(rubrics: dict[str, Rubric]) -> None:
    rubric = rubrics[COMMUNICATION_RUBRIC_ID]
    assert rubric.kind == "communication"
    assert {c.signal for c in rubric.criteria} >= {"structure", "clarity", "delivery"}
