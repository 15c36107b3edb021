"""Text primitives shared by the offline signals, STAR analysis and the LLM engine's guards:
sentence spans, words, crude stems, phrase windows.

Sentences are kept as verbatim slices of the answer so any of them can be quoted as evidence
without re-normalising (the Feedback contract requires quotes to be substrings of the answer).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_BOUNDARY = re.compile(
    r"(?<=[.!?;])(?!\d)\s+|\n\s*\n\s*|\n(?=\s*(?:[-*•]|\d+[.)])\s)",
)
"""Sentence ends ('.', '!', '?', ';' then space, not '0.43'), blank lines, and list items."""
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'+#-]*|\d+(?:\.\d+)?%?")
_STEM_LEN = 5
MAX_SENTENCE_WORDS = 60
"""Longer run-on sentences are cut into windows (MiniLM reads at most 256 word pieces)."""

_STOPWORD_TEXT = """
a an the of to in on for and or is are was were be been being it its this that these those
with as by at from which what when where who whom how why can could would should will do
does did has have had not no but if then than so such there their they them we you your i
me my our he she his her also into about more most other some any each all both one two
use used using very just may might must only over under up down out it's i'm let's
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Sentence:
    """A sentence of the answer: its verbatim text and where it starts."""

    text: str
    start: int


def _windows(sentence: Sentence) -> list[Sentence]:
    """Split a run-on sentence into verbatim windows the embedding model reads whole."""
    tokens = list(re.finditer(r"\S+", sentence.text))
    if len(tokens) <= MAX_SENTENCE_WORDS:
        return [sentence]
    out = []
    for i in range(0, len(tokens), MAX_SENTENCE_WORDS):
        chunk = tokens[i : i + MAX_SENTENCE_WORDS]
        start, end = chunk[0].start(), chunk[-1].end()
        out.append(Sentence(sentence.text[start:end], sentence.start + start))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and list items) as verbatim, whitespace-trimmed slices of ``text``."""
    spans, start = [], 0
    for cut in [*_BOUNDARY.finditer(text), None]:
        end = cut.start() if cut else len(text)
        raw = text[start:end]
        stripped = raw.strip()
        if any(ch.isalnum() for ch in stripped):
            spans.extend(_windows(Sentence(stripped, start + raw.index(stripped))))
        start = cut.end() if cut else len(text)
    return spans


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers kept: '20%', 'O(n)' pieces)."""
    return [w.lower() for w in _WORD.findall(text)]


def phrase_positions(
    tokens: Sequence[str], i: int, step: int, reach: int, barriers: frozenset[str]
) -> list[int]:
    """Positions within ``reach`` tokens of ``i`` in one direction (``step`` -1 or 1), up to
    the first barrier: the words that can belong to the same phrase as ``tokens[i]``."""
    out = []
    j = i + step
    while 0 <= j < len(tokens) and abs(j - i) <= reach and tokens[j] not in barriers:
        out.append(j)
        j += step
    return out


def stem(word: str) -> str:
    """Crude stem: the first five letters, so 'overfitting' and 'overfit' meet."""
    return word[:_STEM_LEN]


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (stopwords dropped)."""
    return {stem(w) for w in words(text) if w not in STOPWORDS}


def word_count(text: str) -> int:
    return len(text.split())
