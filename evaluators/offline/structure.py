"""Structure and clarity of the answer as a listener experiences them.

Structure: answer first, signposting, a wrap-up. Clarity: a length in the right range for the
question (judged against the reference answer's length), little repetition, sentences a listener
can follow, few fillers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluators.text import Sentence, word_count
from rubrics.models import MAX_LEVEL

_SIGNPOST = re.compile(
    r"(^\s*(\d+[.)]|[-*•])\s+)|\b(first(ly)?|second(ly)?|third(ly)?|finally|lastly|next|then|"
    r"two (things|reasons|ways|parts)|three (things|reasons|ways|parts)|on one hand|"
    r"to start|step \d|in short|there are (two|three|four|several))\b",
    re.IGNORECASE | re.MULTILINE,
)
_WRAP_UP = re.compile(
    r"\b(in summary|to summari[sz]e|to sum up|overall|in short|so,? the (key|main)|"
    r"in conclusion|want me to|should I go deeper|happy to go deeper)\b",
    re.IGNORECASE,
)
_FILLER = re.compile(r"\b(basically|actually|you know|kind of|sort of|like,|um+|uh+)\b", re.I)
LONG_ANSWER_WORDS = 60
"""From this length on a listener needs signposts; shorter answers only need to lead with it."""


@dataclass(frozen=True)
class ClarityParams:
    """When an answer is too long, too dense, repetitive or full of fillers for a listener."""

    long_ratio: float = 4.0
    """More than this many times the reference answer's length is much longer than needed..."""
    long_min_words: int = 250
    """...but never flagged below this many words (short references would flag normal answers)."""
    far_too_long_ratio: float = 8.0
    """Twice that again is too long to follow at all: a second problem."""
    far_too_long_min_words: int = 500
    """Floor for "far too long", as ``long_min_words`` is for "much longer"."""
    max_sentence_words: float = 40.0
    """Mean words per sentence above this is hard to follow when heard."""
    repeat_min_sentences: int = 3
    """Repetition is judged from this many sentences on (two may rightly restate the point)."""
    repeat_similarity: float = 0.9
    """A sentence this close (cosine) to an earlier one says the same thing again."""
    max_repeat_share: float = 0.25
    """More than this share of repeated sentences reads as repeating itself."""
    filler_min_words: int = 20
    """Filler rate is judged only from this length on (one "basically" in ten words is noise)."""
    max_filler_share: float = 0.03
    """More than 3 fillers per 100 words is noticeable in writing as in speech."""


CLARITY = ClarityParams()


@dataclass(frozen=True)
class StructureFound:
    """What the structure level is made of, so that its comment can say so."""

    level: int
    evidence: list[Sentence]
    long: bool
    """Long enough (``LONG_ANSWER_WORDS``) to need signposts and a wrap-up."""
    signposts: int
    wrapped_up: bool


def structure_level(
    sentences: Sequence[Sentence], answer_first: bool, expected_words: int
) -> StructureFound:
    """0–4 structure level, the sentences that show it and what was found."""
    if not sentences:
        return StructureFound(0, [], False, 0, False)
    total = sum(word_count(s.text) for s in sentences)
    if max(total, expected_words) < LONG_ANSWER_WORDS:
        level = MAX_LEVEL if answer_first else MAX_LEVEL - 1
        return StructureFound(level, list(sentences[:1]), False, 0, False)
    signposts = [s for s in sentences if _SIGNPOST.search(s.text)]
    wraps = [s for s in sentences[1:] if _WRAP_UP.search(s.text)]
    level = 1 + int(answer_first) + min(2, len(signposts)) + int(bool(wraps))
    evidence = ([sentences[0]] if answer_first else []) + signposts[:2] + wraps[:1]
    return StructureFound(min(MAX_LEVEL, level), evidence, True, len(signposts), bool(wraps))


def clarity_level(
    sentences: Sequence[Sentence], vectors: np.ndarray | None, expected_words: int
) -> tuple[int, list[str]]:
    """0–4 clarity level and the problems found (for the comment)."""
    if not sentences:
        return 0, ["empty"]
    total = sum(word_count(s.text) for s in sentences)
    problems = []
    if total > max(CLARITY.long_ratio * expected_words, CLARITY.long_min_words):
        problems.append("much longer than the question needs")
    if total > max(CLARITY.far_too_long_ratio * expected_words, CLARITY.far_too_long_min_words):
        problems.append("far too long to follow")
    if total / len(sentences) > CLARITY.max_sentence_words:
        problems.append("very long sentences")
    if vectors is not None and len(sentences) >= CLARITY.repeat_min_sentences:
        sims = vectors @ vectors.T
        repeats = sum(
            bool((sims[i, :i] > CLARITY.repeat_similarity).any()) for i in range(1, len(sentences))
        )
        if repeats / len(sentences) > CLARITY.max_repeat_share:
            problems.append("repeats itself")
    fillers = sum(len(_FILLER.findall(s.text)) for s in sentences)
    if total >= CLARITY.filler_min_words and fillers / total > CLARITY.max_filler_share:
        problems.append("many filler words")
    return max(0, MAX_LEVEL - len(problems)), problems
