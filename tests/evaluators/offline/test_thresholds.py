"""The named thresholds of the structure, clarity and guard signals act where they say."""

from __future__ import annotations

from evaluators.offline.guards import TEXT_GUARDS, is_english, is_keyword_list
from evaluators.offline.structure import CLARITY, clarity_level
from evaluators.text import split_sentences


def test_a_keyword_list_needs_the_minimum_number_of_items() -> None:
    items = ["bias", "variance", "noise", "regularisation"]
    assert is_keyword_list(", ".join(items[: TEXT_GUARDS.list_min_items]))
    assert not is_keyword_list(", ".join(items[: TEXT_GUARDS.list_min_items - 1]))


def test_an_item_as_long_as_a_clause_is_not_a_keyword() -> None:
    clause = " ".join(["word"] * (TEXT_GUARDS.list_max_item_words + 1))
    assert not is_keyword_list(f"bias, variance, {clause}")


def test_too_few_words_are_never_judged_not_english() -> None:
    short = " ".join(["xqzv"] * (TEXT_GUARDS.english_min_words - 1))
    assert is_english(short)
    assert not is_english(short + " xqzv")


def test_sentences_longer_than_the_limit_are_a_clarity_problem() -> None:
    words = int(CLARITY.max_sentence_words)
    fine = " ".join(["word"] * words) + "."
    long = " ".join(["word"] * (words + 1)) + "."
    assert clarity_level(split_sentences(fine), None, words)[1] == []
    assert clarity_level(split_sentences(long), None, words)[1] == ["very long sentences"]
