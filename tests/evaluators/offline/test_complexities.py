"""Wrong complexities: time or space given another big-O than the key point's (pure text)."""

from __future__ import annotations

import pytest

from evaluators.offline.complexities import (
    PART,
    bound_complexities,
    operations,
    wrong_complexity,
    wrong_sole_bound,
    wrong_step,
)

ITERATIVE = "The two-pointer merge runs in O(n + m) time with O(1) extra space."
RECURSIVE = "The recursive merge is O(n + m) time but needs O(n + m) call-stack space."


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("It runs in O(n log n) time and O(n) extra memory.", {"time": "nlogn", "space": "n"}),
        ("Space complexity is O(h) for the stack.", {"space": "h"}),
        ("Time is O(V + E) and space is O(V).", {"time": "v+e", "space": "v"}),
        ("It needs O(R times C) auxiliary storage.", {"space": "rc"}),
    ],
)
def test_each_big_o_is_bound_to_the_resource_it_measures(text, bound):
    found = bound_complexities(text)
    assert {r: next(iter(c)) for r, c in found.items()} == bound


def test_a_bare_big_o_measures_time():
    assert bound_complexities("Each get is O(n).") == {"time": {"n": "O(n)"}}


def test_a_qualified_big_o_is_part_of_a_cost():
    found = bound_complexities("Sorting costs O(m log m) per word.")
    assert found == {"time" + PART: {"mlogm": "O(m log m)"}}


def test_part_of_a_cost_agrees_but_never_contradicts():
    point = "Sorting each key costs O(m log m) per word, so O(n·m log m) in total."
    assert wrong_complexity("Sorting a word is O(m log m).", [point]) is None
    assert wrong_complexity("It is O(n) in the number of words.", [point]) is None
    assert wrong_complexity("The whole grouping is O(n).", [point]) == (
        point,
        "it gives O(n) time where the key point has O(n·m log m)",
    )


def test_the_wrong_space_is_caught_when_the_time_is_right():
    found = wrong_complexity("Recursion is also O(n + m) time and O(1) extra space.", [RECURSIVE])
    assert found == (RECURSIVE, "it gives O(1) space where the key point has O(n + m)")


def test_the_same_big_o_in_another_spelling_agrees():
    assert wrong_complexity("The recursive one needs O(n+m) stack space.", [RECURSIVE]) is None


def test_a_big_o_that_another_aligned_key_point_gives_is_not_a_contradiction():
    """ "That's O(1) extra space" after the iterative version can sit nearer the recursive key
    point; it states the iterative one."""
    sentence = "That's O(n + m) time and O(1) extra space."
    assert wrong_complexity(sentence, [RECURSIVE, ITERATIVE]) is None


def test_a_key_point_big_o_stated_elsewhere_in_the_answer_is_not_contradicted():
    stated = [bound_complexities("Recursion costs O(n + m) stack space.")]
    assert wrong_complexity("The loop uses O(1) space.", [RECURSIVE], stated) is None


def test_resources_are_compared_only_with_the_same_resource():
    """O(1) space against a key point that only gives time is no contradiction."""
    point = "Each lookup takes O(log n) time."
    assert wrong_complexity("It keeps O(1) extra memory.", [point]) is None


@pytest.mark.parametrize(
    ("point", "point_bound", "said"),
    [
        (  # a total is the whole cost whatever case follows
            "Both approaches take O(n) time and O(h) space.",
            {"time": {"n": "O(n)"}, "space": {"h": "O(h)"}},
            "The total work is O(n log n) for a balanced tree.",
        ),
        (  # a denied big-O is no bound, in the key point or in the sentence
            "Bottom-up heapify builds a heap in O(n), not O(n log n).",
            {"time": {"n": "O(n)"}},
            "Heapify costs O(n log n), no cheaper than pushing the items one by one.",
        ),
    ],
    ids=["total", "denied"],
)
def test_a_big_o_is_read_as_the_whole_cost_unless_denied(point, point_bound, said):
    assert bound_complexities(point) == point_bound
    assert bound_complexities(said) == {"time": {"nlogn": "O(n log n)"}}
    assert wrong_complexity(said, [point]) == (
        point,
        "it gives O(n log n) time where the key point has O(n)",
    )


MEDIAN = (
    "Each insertion pushes into one heap and moves at most one element across, costing "
    "O(log n), and the median is read from the top of the heaps in O(1)."
)


def test_a_big_o_is_read_with_the_step_it_costs():
    insertion, median = operations(MEDIAN, near=False)
    assert insertion.complexity == "logn" and "inser" in insertion.subject
    assert median.complexity == "1" and "media" in median.subject


def test_a_step_given_the_big_o_of_another_step_is_caught():
    said = "Each insertion is O(1), and finding the median is O(1) too."
    assert wrong_step(said, [MEDIAN]) == (
        MEDIAN,
        "it gives O(1) time where the key point has O(log n)",
    )
    right = "Each insertion costs O(log n), and finding the median is O(1)."
    assert wrong_step(right, [MEDIAN]) is None


def test_a_step_is_not_contradicted_when_the_answer_gives_its_big_o_elsewhere():
    said = "Each insertion is O(1) amortised in the buffer."
    elsewhere = [
        bound_complexities("Reading the median is O(1)."),
        bound_complexities("Rebalancing after each insertion is O(log n)."),
    ]
    assert wrong_step(said, [MEDIAN], elsewhere) is None


def test_a_cost_per_item_is_not_compared_with_a_total():
    point = "Sweeping the sorted order scores every threshold in O(n × K) after the sort."
    assert wrong_step("Each threshold costs O(K) as I sweep.", [point]) is None
    assert wrong_step("Sweeping scores all thresholds in O(n²).", [point]) == (
        point,
        "it gives O(n²) time where the key point has O(n × K)",
    )


ISLANDS = [
    "Scan every cell and flood-fill each unvisited land cell with BFS or DFS.",
    "Time is O(R·C) because each cell is visited a constant number of times.",
    "Extra space is O(R·C) in the worst case for the visited set and the queue.",
]


def test_a_resource_only_one_key_point_bounds_is_read_against_it():
    said = "Overwriting the grid means the algorithm needs only O(1) extra space."
    assert wrong_sole_bound(said, ISLANDS) == (
        2,
        "it gives O(1) space where the key point has O(R·C)",
    )
    assert wrong_sole_bound("The queue takes O(R·C) memory at worst.", ISLANDS) is None


def test_a_sole_bound_stated_elsewhere_or_given_by_any_key_point_is_not_contradicted():
    said = "A recursive DFS needs O(1) extra space besides the call stack."
    elsewhere = [bound_complexities("In the worst case the queue holds O(R·C) space.")]
    assert wrong_sole_bound(said, ISLANDS, elsewhere) is None
    both = [*ISLANDS, "Union-find uses O(1) space per cell update."]
    assert wrong_sole_bound(said, both) is None


def test_a_step_that_a_key_point_costs_the_same_is_not_read_against_another():
    heapify = "Bottom-up heapify builds a heap in O(n), not O(n log n)."
    said = "The heap is a complete binary tree in an array, so peek is O(1)."
    every = [heapify, "Peek is O(1).", "Push and pop are each O(log n)."]
    assert wrong_complexity(said, [heapify]) is not None
    assert wrong_complexity(said, [heapify], every=every) is None
    wrong = "The heap is a complete binary tree in an array, so peek is O(log n)."
    assert wrong_complexity(wrong, [heapify], every=every) is not None
