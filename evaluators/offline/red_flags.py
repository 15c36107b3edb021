"""Red flags: answer sentences that state one of the question's known wrong claims.

Negation is the classic trap for embeddings ("random forests cannot overfit" sits next to
"random forests can overfit"), so a sentence only counts when it is close to the red flag, closer
to it than to any key point, and has the same polarity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluators.text import Sentence

_NEGATION = re.compile(
    r"\b(not|no|never|cannot|can't|won't|doesn't|don't|isn't|aren't|wasn't|without|neither|"
    r"nor|none)\b|n't\b",
    re.IGNORECASE,
)
HIT_SIMILARITY = 0.7
"""Sentence-to-red-flag cosine from which the sentence states the same claim."""


@dataclass(frozen=True)
class RedFlagHit:
    red_flag: str
    sentence: Sentence


def negated(text: str) -> bool:
    """True when the text carries an odd number of negations (its claim is denied)."""
    return len(_NEGATION.findall(text)) % 2 == 1


def find_red_flags(
    red_flags: Sequence[str],
    flag_vectors: np.ndarray,
    point_vectors: np.ndarray,
    sentences: Sequence[Sentence],
    sentence_vectors: np.ndarray,
) -> list[RedFlagHit]:
    """Every red flag stated by some answer sentence (at most one hit per red flag)."""
    if not red_flags or not sentences:
        return []
    flag_sims = flag_vectors @ sentence_vectors.T
    point_best = (
        (point_vectors @ sentence_vectors.T).max(axis=0)
        if len(point_vectors)
        else np.zeros(len(sentences))
    )
    hits = []
    for f, flag in enumerate(red_flags):
        for s in np.argsort(-flag_sims[f]):
            sim = flag_sims[f, s]
            if sim < HIT_SIMILARITY:
                break
            sentence = sentences[int(s)]
            if sim > point_best[s] and negated(sentence.text) == negated(flag):
                hits.append(RedFlagHit(flag, sentence))
                break
    return hits
