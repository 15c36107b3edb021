"""Structure and clarity of the answer as a listener experiences them.

Structure: answer first, signposting, a wrap-up. Clarity: a length in the right range for the
question (judged against the reference answer's length), little repetition, sentences a listener
can follow, few fillers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def structure_level(
    sentences: Sequence[Sentence], answer_first: bool, expected_words: int
) -> tuple[int, list[Sentence]]:
    """0–4 structure level and the sentences that show it."""
    if not sentences:
        return 0, []
    total = sum(word_count(s.text) for s in sentences)
    if max(total, expected_words) < LONG_ANSWER_WORDS:
        return (MAX_LEVEL if answer_first else MAX_LEVEL - 1), sentences[:1]
    signposts = [s for s in sentences if _SIGNPOST.search(s.text)]
    wraps = [s for s in sentences[1:] if _WRAP_UP.search(s.text)]
    level = 1 + int(answer_first) + min(2, len(signposts)) + int(bool(wraps))
    evidence = ([sentences[0]] if answer_first else []) + signposts[:2] + wraps[:1]
    return min(4, level), evidence


def clarity_level(
    sentences: Sequence[Sentence], vectors: np.ndarray | None, expected_words: int
) -> tuple[int, list[str]]:
    """0–4 clarity level and the problems found (for the comment)."""
    if not sentences:
        return 0, ["empty"]
    total = sum(word_count(s.text) for s in sentences)
    problems = []
    if total > max(4 * expected_words, 250):
        problems.append("much longer than the question needs")
    if total > max(8 * expected_words, 500):
        problems.append("far too long to follow")
    if total / len(sentences) > 40:
        problems.append("very long sentences")
    if vectors is not None and len(sentences) >= 3:
        sims = vectors @ vectors.T
        repeats = sum(bool((sims[i, :i] > 0.9).any()) for i in range(1, len(sentences)))
        if repeats / len(sentences) > 0.25:
            problems.append("repeats itself")
    fillers = sum(len(_FILLER.findall(s.text)) for s in sentences)
    if total >= 20 and fillers / total > 0.03:
        problems.append("many filler words")
    return max(0, 4 - len(problems)), problems
