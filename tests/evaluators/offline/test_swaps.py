"""Swapped definitions between the terms a question compares (pure text, no model)."""

from __future__ import annotations

import pytest

from evaluators.offline.swaps import (
    compared_terms,
    find_sentence_swap,
    find_swap,
    point_subjects,
)

QUESTION = "Compare bagging and boosting: how do they differ, and when would you use each?"
POINTS = [
    "Bagging trains models independently in parallel on bootstrap samples and averages them.",
    "Averaging many high-variance models mainly reduces variance.",
    "Boosting trains weak learners sequentially, each one fitting the errors of the ensemble.",
    "Boosting mainly reduces bias.",
]


def test_the_compared_terms_come_from_the_question():
    pairs = compared_terms(QUESTION)
    assert ("baggi", "boost") in pairs and ("boost", "baggi") in pairs
    assert not any("compa" in pair for pair in pairs)


def test_a_shared_head_noun_is_not_a_term():
    pairs = compared_terms("When would you use batch normalisation and layer normalisation?")
    assert ("batch", "layer") in pairs
    assert not any("norma" in pair for pair in pairs)


def test_describing_one_term_with_the_other_terms_words_is_a_swap():
    found = find_swap(
        "Boosting trains its models independently in parallel on bootstrap samples.",
        QUESTION,
        POINTS,
    )
    assert found is not None
    assert (found.named, found.described) == ("boosting", "bagging")
    assert found.point == POINTS[0]


@pytest.mark.parametrize(
    "right",
    [
        "Boosting fits each new weak learner to the errors the ensemble still makes.",
        "Bagging averages models trained in parallel on bootstrap resamples.",
        # names both terms: the comparison itself, not a swap
        "Unlike boosting, bagging trains its models independently in parallel.",
    ],
)
def test_a_right_description_is_not_a_swap(right):
    assert find_swap(right, QUESTION, POINTS) is None


def test_a_question_that_compares_nothing_has_no_swaps():
    question = "Explain how gradient descent works."
    assert find_swap("Boosting trains models in parallel.", question, POINTS) is None


def test_a_question_comparing_with_a_term_pairs_it_with_the_key_points_subjects():
    """ "Compared with" sets no join the question parser reads; the key points open with the
    two terms, and a sentence giving one term the other's description is a swap."""
    question = "How does L-BFGS behave on noisy mini-batches compared with Adam?"
    points = [
        "Adam adapts a step size per parameter and tolerates noisy mini-batch gradients well.",
        "L-BFGS builds a curvature estimate from recent gradients and needs exact, "
        "full-batch gradients to stay stable.",
    ]
    assert point_subjects(question, tuple(points)) == (("adam", "l-bfg"), ("l-bfg", "adam"))
    found = find_swap(
        "Adam needs exact full-batch gradients to stay stable, a curvature estimate.",
        question,
        points,
    )
    assert found is not None and (found.named, found.described) == ("adam", "l-bfgs")
    assert point_subjects("What do Adam and L-BFGS do?", tuple(points)) == ()


def test_key_points_that_alternate_between_two_terms_compare_them_whatever_the_wording():
    question = "When would you use L-BFGS for training, and when Adam?"
    points = [
        "Adam adapts a step size per parameter.",
        "L-BFGS builds a curvature estimate from recent gradients.",
        "Adam tolerates noisy mini-batch gradients.",
        "L-BFGS needs exact, full-batch gradients.",
    ]
    assert point_subjects(question, tuple(points)) == (("adam", "l-bfg"), ("l-bfg", "adam"))
    assert point_subjects(question, tuple(points[:3])) == ()


def test_a_figure_is_compared_with_a_figure_never_with_a_word():
    assert compared_terms("What happens to power if you lower alpha from 0.05 to 0.01?") == ()
    assert compared_terms("Compare 80 and 20 trees.") == (("20", "80"), ("80", "20"))


WORKERS = "What is the difference between worker processes and worker threads for data loading?"
WORKER_POINTS = [
    "Threads share one address space, while processes each have their own memory.",
    "The GIL stops threads from running Python bytecode in parallel.",
    "Processes give true multi-core parallelism but cost inter-process data transfer.",
]


def test_a_key_point_that_contrasts_both_terms_describes_each_in_its_own_clause():
    wrong = "Worker processes share a single address space, so batches need no copying."
    found = find_sentence_swap(wrong, WORKERS, WORKER_POINTS)
    assert found is not None
    assert (found.named, found.described) == ("processes", "threads")
    right = "Worker threads share a single address space, so batches need no copying."
    assert find_sentence_swap(right, WORKERS, WORKER_POINTS) is None


def test_a_sentence_that_contrasts_both_terms_is_read_clause_by_clause():
    question = "Would you frame late deliveries as classification or regression?"
    points = [
        "Classification predicts a discrete label, while regression predicts a quantity.",
        "Regression on delivery time keeps more information and lets you derive late for any "
        "threshold, whereas a classifier bakes in one definition of late.",
    ]
    right = (
        "Predicting the delivery time keeps more information and lets me derive late for any "
        "threshold afterwards, while a classifier locks in one definition."
    )
    assert find_sentence_swap(right, question, points) is None


def test_a_term_said_not_to_have_the_other_sides_property_is_no_swap():
    question = "When would you use one-hot encoding versus integer encoding for a category?"
    points = [
        "One-hot encoding gives each category its own binary column, at the cost of width.",
        "Integer codes on nominal categories impose a false order and spacing on linear models.",
    ]
    right = "One-hot gives linear models no false order or spacing between the categories."
    wrong = "One-hot imposes a false order and spacing between the categories on linear models."
    assert find_sentence_swap(right, question, points) is None
    assert find_sentence_swap(wrong, question, points) is not None
