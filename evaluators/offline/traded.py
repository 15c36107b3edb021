"""Traded descriptions: an answer that gives each of two compared terms the other's description.

"Top-k is the adaptive one: it grows the candidate set when the model is unsure, while top-p
always samples a fixed number of tokens." Both terms are named, every word is on topic, and the
sentence vector sits on the key point; ``swaps`` looks for a clause that names one term in the
other's *words*, and this one describes them in words of its own. What gives it away is meaning:
the description written next to "top-k" reads like the key point's description of top-p, and
the one next to "top-p" like its description of top-k.

So each term's description is compared with both of the key points' descriptions, with the two
names masked (a name would pull each description back to its own side). An answer trades them
when the crossed similarities beat the straight ones by a clear margin. Two-sided evidence is
what keeps this safe: a right answer paraphrasing both sides, however freely, stays nearer the
straight reading, and a description of one side alone proves nothing.

The module is pure: it finds the pairs, the spans and the masked texts; the caller encodes them
(one batch with the rest of the answer) and passes their vectors to ``find_trade``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np

from evaluators.offline.contradiction import axis_words, clauses, shown
from evaluators.text import STOPWORDS, Sentence, stem

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_'+#-]*|\d+(?:\.\d+)?%?")
"""Words, keeping identifiers whole ("DENSE_RANK", "top-k")."""
_JOINS = frozenset(
    ["while", "whereas", "whilst", "but", "and", "so", "because", "yet", "which", "then", "or"]
)
_DETERMINERS = frozenset(["the", "a", "an"])
_FRAME = frozenset(["in", "for", "with", "on", "at", "of", "to", "by", "what", "you", "i", "we"])
"""Words that may stand before a clause's subject ("In item-based filtering you ...")."""
_CONTRASTED = re.compile(r"\b(?:while|whereas|whilst)\b|;", re.IGNORECASE)
_DEFINED = re.compile(r"([A-Za-z][\w-]*)\s*\(([^)]{3,})\)")
"""A term defined in brackets: "MCAR (completely at random), MAR (depends on observed data)"."""


@dataclass(frozen=True)
class TradeParams:
    margin: float = 0.1
    """How much the crossed similarities must beat the straight ones (sum of two cosines)."""
    lead: int = 2
    """A span's term is among the first words of its clause: it is what the clause describes."""
    reach: int = 1
    """Sentences apart the two descriptions may be ("A tumbling window ... . A sliding one ...")."""


@dataclass(frozen=True)
class Span:
    """Clauses that describe one term: the clause it leads and the ones after it naming neither
    term ("Top-k is the adaptive one: it grows the candidate set ...")."""

    term: str
    masked: str
    """The span's words without the two terms' names, which is what gets encoded."""


@dataclass(frozen=True)
class Trade:
    sentence: Sentence
    """The sentence describing the first term (quoted as the evidence)."""
    named: str
    other: str
    """The terms, lower-cased as the rules read them (``written`` shows them)."""
    point: str
    """The key point whose description of ``other`` the sentence gives ``named``."""


def _words(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


def _is_term(word: str) -> bool:
    return word not in STOPWORDS and word not in _JOINS and len(word) > 1 and not word[0].isdigit()


def _subject(clause: str) -> str | None:
    """The first word of a clause after its join and article, if it can name a thing."""
    for word in _words(clause):
        if word in _JOINS or word in _DETERMINERS:
            continue
        return word if _is_term(word) else None
    return None


def _leads(clause: str, term: str, lead: int) -> bool:
    """The clause is about the term: it names it among its first words."""
    opening = [w for w in _words(clause) if w not in _JOINS | _DETERMINERS | _FRAME]
    return term in opening[:lead]


@lru_cache(maxsize=1024)
def term_pairs(question: str, points: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Pairs of terms the key points describe side by side, both named by the question or
    defined in brackets by a key point. Side by side means two clauses of one contrasting key
    point ("Top-k samples ..., while top-p samples ...") or two key points the question's terms
    open ("Gini impurity is ...", "Entropy is ...")."""
    typed = [axis_words(p) for p in points]
    defined = {m.group(1).lower() for p in typed for m in _DEFINED.finditer(p)}
    named = set(_words(axis_words(question))) | defined
    pairs: set[tuple[str, str]] = set()
    for point in typed:
        if not (_CONTRASTED.search(point) or len(_DEFINED.findall(point)) >= 2):
            continue
        parts = [(s, set(_words(c))) for c in clauses(point) if (s := _subject(c))]
        parts += [(m.group(1).lower(), set(_words(m.group(2)))) for m in _DEFINED.finditer(point)]
        for (a, in_a), (b, in_b) in combinations(parts, 2):
            if a != b and a not in in_b and b not in in_a:
                pairs.add((min(a, b), max(a, b)))
    opened = {s for p in typed if (s := _subject(clauses(p)[0])) and s in named}
    pairs.update(combinations(sorted(opened), 2))
    return tuple(
        sorted((a, b) for a, b in pairs if {a, b} <= named and _is_term(a) and _is_term(b))
    )


def _mask(text: str, names: set[str]) -> str:
    return " ".join(w for w in _TOKEN.findall(text) if w.lower() not in names)


def spans(text: str, a: str, b: str, params: TradeParams | None = None) -> list[Span]:
    """The spans of ``text`` that describe ``a`` or ``b`` alone: a clause led by one term and
    naming neither the other, with the clauses after it that name neither."""
    params = params or TradeParams()
    names = {stem(a), stem(b)}
    runs: list[tuple[str, list[str]]] = []
    open_run = False
    for clause in clauses(axis_words(text)):
        said = {stem(w) for w in _words(clause)}
        lead = next(
            (t for t in (a, b) if _leads(clause, t, params.lead) and not said & names - {stem(t)}),
            None,
        )
        if lead:
            runs.append((lead, [clause]))
        elif open_run and not said & names:
            runs[-1][1].append(clause)
        open_run = lead is not None or (open_run and not said & names)
    return [Span(term, _mask(", ".join(parts), {a, b})) for term, parts in runs]


@dataclass(frozen=True)
class Candidate:
    """A term pair the answer describes on both sides, with what must be encoded to judge it."""

    a: str
    b: str
    described_a: tuple[tuple[int, Span], ...]
    described_b: tuple[tuple[int, Span], ...]
    """Key-point spans of each term, with the index of their key point."""
    answer_a: tuple[tuple[int, Span], ...]
    answer_b: tuple[tuple[int, Span], ...]
    """Answer spans of each term, with the index of their sentence."""

    def texts(self) -> list[str]:
        spans_ = (*self.described_a, *self.described_b, *self.answer_a, *self.answer_b)
        return [s.masked for _, s in spans_]


@lru_cache(maxsize=1024)
def _described(
    points: tuple[str, ...], a: str, b: str, params: TradeParams
) -> tuple[tuple[tuple[int, Span], ...], tuple[tuple[int, Span], ...]]:
    """The key points' spans of each term, with the index of their key point, read once per
    question and pair: ``candidates`` runs for every answer."""
    described = [(k, s) for k, p in enumerate(points) for s in spans(p, a, b, params)]
    return (
        tuple((k, s) for k, s in described if s.term == a),
        tuple((k, s) for k, s in described if s.term == b),
    )


def candidates(
    question: str,
    points: Sequence[str],
    sentences: Sequence[Sentence],
    params: TradeParams | None = None,
) -> list[Candidate]:
    """The term pairs whose descriptions the answer gives on both sides, within ``reach``."""
    params = params or TradeParams()
    out = []
    for a, b in term_pairs(question, tuple(points)):
        told = [
            (i, s)
            for i, sentence in enumerate(sentences)
            for s in spans(sentence.text, a, b, params)
        ]
        ans_a = tuple((i, s) for i, s in told if s.term == a)
        ans_b = tuple((i, s) for i, s in told if s.term == b)
        if not any(abs(i - j) <= params.reach for i, _ in ans_a for j, _ in ans_b):
            continue
        kp_a, kp_b = _described(tuple(points), a, b, params)
        if kp_a and kp_b:
            out.append(Candidate(a, b, kp_a, kp_b, ans_a, ans_b))
    return out


def find_trade(
    candidate: Candidate,
    points: Sequence[str],
    sentences: Sequence[Sentence],
    vector: Callable[[str], np.ndarray],
    params: TradeParams | None = None,
) -> Trade | None:
    """The answer's clearest trade of the pair's descriptions, or None (``vector``: the unit
    vector of a masked text)."""
    params = params or TradeParams()
    own_a = np.stack([vector(s.masked) for _, s in candidate.described_a])
    own_b = np.stack([vector(s.masked) for _, s in candidate.described_b])
    best: tuple[float, Trade] | None = None
    for i, x in candidate.answer_a:
        vx = vector(x.masked)
        for j, y in candidate.answer_b:
            if abs(i - j) > params.reach:
                continue
            vy = vector(y.masked)
            x_as_b, y_as_a = own_b @ vx, own_a @ vy
            crossed = x_as_b.max() + y_as_a.max()
            straight = (own_a @ vx).max() + (own_b @ vy).max()
            gain = float(crossed - straight)
            if gain >= params.margin and (best is None or gain > best[0]):
                point = points[candidate.described_b[int(x_as_b.argmax())][0]]
                trade = Trade(sentences[i], x.term, y.term, point)
                best = (gain, trade)
    return best[1] if best else None


def written(term: str, question: str, points: Sequence[str]) -> str:
    """A term as the question or the key points write it ("DENSE_RANK", "type I")."""
    texts = [axis_words(t) for t in (question, *points)]
    found = (w for t in texts for w in _TOKEN.findall(t) if w.lower() == term)
    return shown(next(found, term))
