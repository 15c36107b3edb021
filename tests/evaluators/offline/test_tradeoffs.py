"""Reversed trade-offs: the two sides of an axis moved the other way round (pure text)."""

from __future__ import annotations

import pytest

from evaluators.offline.tradeoffs import moves, reversed_tradeoff

POINT = "Stronger regularisation increases bias and reduces variance."


def test_each_side_is_moved_by_the_up_or_down_word_in_its_phrase():
    found, cause = moves("With more regularisation, variance goes down and bias goes up.")
    assert found == {0: {0: 1, 1: -1}} and cause == 1


def test_the_cause_can_sit_in_another_clause_behind_a_pronoun():
    found, cause = moves("If you add it, bias falls while variance rises.")
    assert found == {0: {0: -1, 1: 1}} and cause == 1


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("More regularisation lowers bias but raises variance.", True),
        ("Weaker regularisation raises bias and lowers variance.", True),
        ("Weaker regularisation lowers bias but raises variance.", False),
        ("Adding regularisation pushes bias up and variance down.", False),
    ],
)
def test_the_same_moves_under_the_opposite_cause_agree(sentence, wrong):
    found = reversed_tradeoff(sentence, [POINT])
    assert (found is not None) is wrong
    if wrong:
        assert found == (POINT, "it reverses how bias and variance trade off")


def test_a_trade_off_without_a_cause_it_can_read_is_not_compared():
    assert reversed_tradeoff("A pickier model has lower bias and higher variance.", [POINT]) is None


def test_a_trade_off_another_aligned_key_point_states_is_not_reversed():
    other = "Dropping regularisation lowers bias and raises variance."
    sentence = "Removing regularisation lowers bias and raises variance."
    assert reversed_tradeoff(sentence, [POINT, other]) is None
