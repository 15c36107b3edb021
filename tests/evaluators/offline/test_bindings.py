"""Swapped roles: a named variant put with the other side of an axis (pure text)."""

from __future__ import annotations

from evaluators.offline.bindings import bindings, swapped_role

POINT = (
    "Top-1 accuracy rewards precision at the first slot, while top-10 hit rate is about recall "
    "of the relevant item."
)


def test_a_variant_goes_with_the_side_written_next_to_it():
    found = bindings("Top-10 is the recall-oriented view and top-1 the precision-oriented one.")
    assert {variant: side for (variant, _), side in found.items()} == {"top-10": 1, "top-1": 0}


def test_a_phrase_ends_at_a_comma_or_a_conjunction():
    """F1 follows "precision, and"; it is not bound to precision."""
    assert bindings("F2 stresses recall, F0.5 stresses precision, and then F1 weighs both.") == {
        ("f2", 2): 1,
        ("f0.5", 2): 0,
    }


def test_a_variant_between_both_sides_at_one_distance_is_not_bound():
    assert bindings("precision F3 recall") == {}


def test_variants_put_with_the_other_sides_are_a_swapped_role():
    sentence = "Top-1 is really a recall measure, and top-10 measures precision."
    assert swapped_role(sentence, [POINT]) == (
        POINT,
        "it puts Top-1 with recall where the key point puts it with precision",
    )


def test_the_same_roles_in_other_words_are_no_swap():
    sentence = "Top-10 hit rate tells you about recall; top-1 accuracy is a precision view."
    assert swapped_role(sentence, [POINT]) is None


def test_a_binding_that_another_aligned_key_point_gives_is_no_swap():
    other = "For a shortlist, top-1 can also serve recall when only one item is relevant."
    sentence = "Top-1 serves recall here."
    assert swapped_role(sentence, [POINT, other]) is None
