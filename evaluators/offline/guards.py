"""Answers that must not score, whatever their similarity to the key points says.

Each guard returns a notice for the user and the highest level any criterion may keep. Hard
guards (empty, instructions to the grader, not English) zero every criterion; soft guards
(repeats the question, bare keyword list, off-topic) leave at most level 1 on coverage for the
few right words, so the weighted overall stays a true weighted mean and ≤ 20.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from evaluators.injection import detect_injection, injection_notice
from evaluators.text import STOPWORDS, Sentence, content_stems, word_count, words

_LIST_ITEM = re.compile(r"[,;\n•|/]+|\s-\s|\band\b", re.IGNORECASE)
_NON_LATIN = re.compile(r"[^\x00-\x7F\u00C0-\u024F\u2000-\u206F]")
OFF_TOPIC_SIMILARITY = 0.25
"""Below this best sentence-to-question/key-point cosine an answer talks about something else."""
OFF_TOPIC_MIN_WORDS = 6
"""Shorter answers ("Static and dynamic.") are terse, not off-topic: their cosine to a full
question is low whatever they say, and coverage already grades them."""


@dataclass(frozen=True)
class TextGuardParams:
    """When an answer is not English, only repeats the question, or is a bare keyword list."""

    max_non_latin_share: float = 0.3
    """More than this share of non-Latin letters is another script, not an accented name."""
    english_min_words: int = 8
    """Below this many words there are too few function words to judge the language."""
    min_stopword_share: float = 0.08
    """English prose is at least this share of function words ("the", "is", "of"...)."""
    repeat_new_share: int = 5
    """An answer repeats the question when at most 1 in this many content words is new."""
    list_min_items: int = 3
    """A keyword list has at least this many items..."""
    list_max_item_words: int = 6
    """...none longer than this many words (a longer item is a clause)..."""
    list_mean_item_words: float = 3.0
    """...and this many words per item on average."""


TEXT_GUARDS = TextGuardParams()


@dataclass(frozen=True)
class Guard:
    notice: str
    max_level: int
    """Highest level any criterion may keep (0 for hard guards)."""
    coverage_max: int
    """Highest coverage level (1 for soft guards: credit for the right words, no more)."""


def _hard(notice: str) -> Guard:
    return Guard(notice, 0, 0)


def _soft(notice: str) -> Guard:
    return Guard(notice, 0, 1)


def is_english(text: str) -> bool:
    """Mostly Latin script with some English function words (only judged from 8 words on)."""
    letters = [ch for ch in text if ch.isalpha()]
    if (
        letters
        and sum(bool(_NON_LATIN.match(ch)) for ch in letters) / len(letters)
        > TEXT_GUARDS.max_non_latin_share
    ):
        return False
    tokens = words(text)
    if len(tokens) < TEXT_GUARDS.english_min_words:
        return True
    return sum(t in STOPWORDS for t in tokens) / len(tokens) >= TEXT_GUARDS.min_stopword_share


def repeats_question(answer: str, question: str) -> bool:
    """Almost every content word of the answer is already in the question (at most 1 in 5 new).

    A short answer with one new word ("as many as you want", "infinite") is an answer.
    """
    stems = content_stems(answer)
    return (
        bool(stems)
        and len(stems - content_stems(question)) <= len(stems) // TEXT_GUARDS.repeat_new_share
    )


def is_keyword_list(answer: str) -> bool:
    """Three or more short items separated by commas/lines, none of them a sentence."""
    items = [word_count(i) for i in _LIST_ITEM.split(answer) if i.strip()]
    return (
        len(items) >= TEXT_GUARDS.list_min_items
        and max(items) <= TEXT_GUARDS.list_max_item_words
        and sum(items) / len(items) <= TEXT_GUARDS.list_mean_item_words
    )


def check(
    answer: str,
    question: str,
    sentences: Sequence[Sentence],
    *,
    covered: bool,
    relevance: float,
    expects_explanation: bool,
) -> list[Guard]:
    """Every guard that applies to this answer (empty list for a normal answer).

    Args:
        covered: at least one key point is covered (terse correct answers are never guarded).
        relevance: best cosine of an answer sentence to the question or a key point.
        expects_explanation: the reference or model answer explains (a term list is not enough).
    """
    if not sentences:
        return [_hard("The answer is empty, so there is nothing to grade.")]
    guards = []
    reasons = detect_injection(answer)
    if reasons:
        guards.append(_hard(injection_notice(reasons) + " and the answer scores zero."))
    keyword_list = is_keyword_list(answer)
    if not keyword_list and not is_english(answer):
        guards.append(
            _hard("The answer does not look like English; the offline grader grades English only.")
        )
    if not covered and repeats_question(answer, question):
        guards.append(_soft("The answer only repeats the question; it adds no content of its own."))
    if expects_explanation and keyword_list:
        guards.append(
            _soft("The answer is a list of keywords with no explanation; explain how they connect.")
        )
    if (
        not covered
        and relevance < OFF_TOPIC_SIMILARITY
        and word_count(answer) >= OFF_TOPIC_MIN_WORDS
    ):
        guards.append(_soft("The answer does not address the question."))
    return guards
