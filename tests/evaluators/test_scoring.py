import pytest

from evaluators.schemas import CriterionScore
from evaluators.scoring import level_from_fraction, overall_score


def _c(cid: str, score: int) -> CriterionScore:
    return CriterionScore(id=cid, name=cid, score=score)


def test_overall_is_the_weighted_mean_on_0_to_100():
    criteria = [_c("coverage", 4), _c("depth", 2), _c("clarity", 0)]
    weights = {"coverage": 0.5, "depth": 0.3, "clarity": 0.2}
    assert overall_score(criteria, weights) == pytest.approx(100 * (0.5 * 4 + 0.3 * 2) / 4)


def test_criteria_without_weight_do_not_count():
    assert overall_score([_c("coverage", 4), _c("extra", 0)], {"coverage": 1.0}) == 100.0


def test_levels_round_to_nearest_and_clip():
    assert [level_from_fraction(f) for f in (-1, 0.1, 0.4, 0.62, 2)] == [0, 0, 2, 2, 4]
