"""Wrong formulas: the same quantity defined by a different formula (pure text, no model)."""

from __future__ import annotations

import pytest

from evaluators.offline.formulas import formulas, same_thing, wrong_formula

HE = "He initialisation uses Var(W) = 2 / fan_in to compensate for ReLU zeroing half its inputs."


def test_a_formula_is_read_up_to_where_the_prose_resumes():
    (found,) = formulas(HE)
    assert found.name == "var(w)"
    assert found.shown == "2 / fan_in"
    assert found.variables == {"fan_in"}


def test_a_different_formula_for_the_same_quantity_is_wrong():
    sentence = "For ReLU, He shrinks the variance to Var(W) = 1 / (2 · fan_in), to stay stable."
    assert wrong_formula(sentence, HE) == (
        "it gives Var(W) = 1 / (2 · fan_in) where the key point has Var(W) = 2 / fan_in"
    )


@pytest.mark.parametrize(
    ("sentence", "point"),
    [
        ("So E1 = 1 + ½E0.", "E1 = 1 + E0/2, because a tail resets progress."),
        ("He picks Var(W) = 2/fan_in for ReLU.", HE),
        ("The standard error is SE = s / sqrt(n).", "SE = s / √n, so halving it needs 4n."),
        ("Precision = TP / (FP + TP).", "Precision = TP / (TP + FP) among flagged items."),
    ],
)
def test_one_formula_written_another_way_is_not_wrong(sentence, point):
    assert same_thing(sentence, point)
    assert wrong_formula(sentence, point) is None


def test_another_quantity_or_code_is_not_compared():
    assert not same_thing("Xavier uses Var(W) = 2 / (n_in + n_out).", HE)
    code = "    dW2 = h.T @ dlogits\n    db2 = dlogits.sum(0)"
    assert formulas(code) == []


def test_a_formula_written_right_elsewhere_in_the_answer_is_not_contradicted():
    what_if = "With Var(W) = 1 / fan_in the signal would halve at every layer."
    right = formulas("He sets Var(W) = 2 / fan_in.")
    assert wrong_formula(what_if, HE)
    assert wrong_formula(what_if, HE, right) is None
