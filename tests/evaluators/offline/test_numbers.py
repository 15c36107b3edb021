"""Wrong figures: a quantity stated with another value than the key point's (pure text)."""

from __future__ import annotations

import pytest

from evaluators.offline.numbers import Quantity, gives_another_figure, quantities, wrong_number

QUESTION = "You train on 12,000 examples with batches of 40 for 10 epochs. How many updates?"
POINT = "There are 300 iterations per epoch and 3,000 weight updates in total."


def _values(text: str) -> list[Quantity]:
    return quantities(text)


def _wrong(sentence: str, answer: str | None = None) -> str | None:
    return wrong_number(sentence, POINT, _values(QUESTION), _values(answer or sentence))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4,000 updates", 4000),
        ("500M vectors", 5e8),
        ("64 billion multiply-adds", 6.4e10),
        ("about 6.4 × 10¹⁰ multiply-adds", 6.4e10),
        ("1e9 operations", 1e9),
        ("25.6 GB", 25.6),
    ],
)
def test_figures_are_read_with_their_scale(text, value):
    assert quantities(text)[0].value == pytest.approx(value)


def test_the_unit_is_what_follows_the_number():
    found = quantities("It takes 256 GB of memory.")[0]
    assert "gb" in found.unit


def test_a_different_total_of_the_same_thing_is_wrong():
    reason = _wrong("Each epoch has 40 updates, so 10 × 40 = 400 weight updates overall.")
    assert reason is not None
    assert "400" in reason and "3,000" in reason


def test_the_right_figure_in_other_words_is_not_wrong():
    assert _wrong("Ten epochs of 300 steps give 3000 weight updates.") is None


def test_figures_the_question_gives_are_data_not_claims():
    """40 and 10 come from the question: restating them contradicts nothing."""
    assert _wrong("With batches of 40 over 10 epochs we update the weights often.") is None


def test_a_figure_of_something_else_is_not_compared():
    assert _wrong("Training took 45 minutes on one GPU.") is None


def test_a_what_if_beside_the_right_total_is_not_wrong():
    """The answer states 3,000 elsewhere, so 6,000 is a hypothetical, not the claim."""
    sentence = "With batches of 20 it would be 6,000 weight updates."
    answer = "So 3,000 weight updates in total. " + sentence
    assert _wrong(sentence, answer) is None


def test_an_example_figure_in_the_key_point_is_one_choice_among_many():
    point = "Keep enough components for, for example 95% of the explained variance."
    sentence = "I keep components until 90% of the explained variance is covered."
    assert wrong_number(sentence, point, [], _values(sentence)) is None


@pytest.mark.parametrize(
    ("point", "sentence"),
    [
        # rounded
        ("Each resample holds about 63.2% of the distinct points.", "About 63% distinct points."),
        # a percentage written as a fraction
        ("Alpha is usually 0.05 two-sided.", "Alpha is usually 5% two-sided."),
        # inside the key point's range
        ("Warm up over 1–5% of training.", "I warm up over 2% of training."),
        # a negative power of ten
        ("The smallest normal is about 6.1 × 10⁻⁵ in FP16.", "It is 0.000061 in FP16."),
    ],
)
def test_the_same_figure_written_otherwise_is_not_wrong(point, sentence):
    assert wrong_number(sentence, point, [], quantities(sentence)) is None


def test_a_figure_outside_the_range_is_wrong():
    sentence = "I warm up over 20% of training."
    assert wrong_number(sentence, "Warm up over 1–5% of training.", [], quantities(sentence))


def test_a_sentence_with_its_own_figure_does_not_give_the_statements():
    flag = "A positive from a 95% accurate test means a 95% chance of being ill."
    right = "Only 19 of the 100 or so positives are ill, about 19%, though 95 of them look so."
    restated = "With a 95% accurate test a positive means you are ill with 95% chance."
    assert gives_another_figure(right, flag)
    assert not gives_another_figure(restated, flag)
    assert not gives_another_figure("A positive means you are probably ill.", flag)


def test_a_percentage_is_not_the_figure_of_another_unit():
    """'1 minute' is not stated by 'a 95 % interval' although 0.95 rounds to 1: a candidate
    who divides by n instead of √n, and gets 0.04 minutes, is still told."""
    point = "Here SE = 30 / √900 = 1 minute, giving a 95% interval of 8 ± 2 minutes."
    answer = "SE is 30 / 900 = 0.03 minutes. So a 95% interval is 8 ± 0.07 minutes."
    question = _values("900 users average 8 minutes with a standard deviation of 30 minutes.")
    wrong = wrong_number("SE is 30 / 900 = 0.03 minutes.", point, question, _values(answer))
    assert wrong == "it gives 0.03 where the key point has 1"


def test_the_questions_figure_as_a_percentage_is_still_the_questions():
    """The question's 'p = 0.03' is the key point's '3 % of the time': an answer that works
    its own example (p = 0.02, 2 %) does not contradict it."""
    point = "p = 0.03 means such a result would happen about 3% of the time under the null."
    sentence = "p = 0.02 means such a gap would appear about 2% of the time under no effect."
    question = _values("Your A/B test gives p = 0.03. What does that mean?")
    assert wrong_number(sentence, point, question, _values(sentence)) is None
