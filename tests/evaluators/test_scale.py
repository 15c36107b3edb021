"""Every score, self-rating and LLM reply uses the same 0–MAX_LEVEL scale as the rubric levels."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from evaluators.llm.output import Score
from evaluators.schemas import CriterionScore
from evaluators.scoring import overall_score
from rubrics.models import LEVELS, MAX_LEVEL


def test_the_llm_reply_offers_exactly_the_rubric_levels() -> None:
    assert get_args(Score) == LEVELS


def test_a_score_above_the_top_level_is_refused() -> None:
    CriterionScore(id="c", name="C", score=MAX_LEVEL)
    with pytest.raises(ValidationError):
        CriterionScore(id="c", name="C", score=MAX_LEVEL + 1)


def test_the_top_level_everywhere_is_100_overall() -> None:
    top = [CriterionScore(id="c", name="C", score=MAX_LEVEL)]
    assert overall_score(top, {"c": 1.0}) == 100.0
