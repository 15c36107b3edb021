import pytest

from evaluators.offline.scoring import level_from_fraction, overall_score
from evaluators.schemas import CriterionScore
from rubrics.models import ScoreCap


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


def test_a_cap_limits_the_overall_while_its_criterion_is_low():
    caps = [ScoreCap(criterion="soundness", at_most=1, overall_max=45.0)]
    weights = {"coverage": 0.85, "soundness": 0.15}
    leaky = [_c("coverage", 4), _c("soundness", 1)]
    sound = [_c("coverage", 4), _c("soundness", 3)]
    assert overall_score(leaky, weights) > 80
    assert overall_score(leaky, weights, caps) == 45.0
    assert overall_score(sound, weights, caps) == overall_score(sound, weights)


def test_the_tightest_applicable_cap_wins():
    caps = [
        ScoreCap(criterion="soundness", at_most=0, overall_max=25.0),
        ScoreCap(criterion="soundness", at_most=1, overall_max=45.0),
    ]
    criteria = [_c("coverage", 4), _c("soundness", 0)]
    assert overall_score(criteria, {"coverage": 0.9, "soundness": 0.1}, caps) == 25.0
