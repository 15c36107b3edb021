"""Wrong numbers: a sentence that gives a quantity a different value than the key point does.

"20 × 50 = 1,000 weight updates" against "4,000 updates in total", "about 25.6 GB" against
"≈ 256 GB": embeddings place both next to the key point and the word rules see no negation or
swapped term. A number is compared only with a number *of the same thing*, read off the words
that follow it ("updates", "GB"), and only a number the candidate derived: one the question
already gives (the batch size of 50) is data, not a claim. A bare difference in numbers was
measured too loose (every example, hypothetical and intermediate result differs from the key
point's figure): right answers flagged rose from 3 % to 13 % on the dev pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from evaluators.text import STOPWORDS, stem, words

_DIGITS = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_NUMBER = re.compile(
    r"(?<![\w.^⁻])"
    + _DIGITS
    + r"(?:\s*[×x*]\s*10(?:\^|\*\*)?([⁻-]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|-?\d+)|e(-?\d+)\b)?"
    + r"(?:(?:\s*[–—]\s*|\s+to\s+|-)"
    + _DIGITS
    + r")?"
    + r"(?:\s*(%|k\b|m\b|b\b|bn\b|thousand\b|million\b|billion\b|trillion\b))?",
    re.IGNORECASE,
)
_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
}
UNIT_WORDS = 2
"""Content words after a number that name what it counts ("weight updates", "GB"), up to the
next number or punctuation: in "5.2 GB, gradients 5.2 GB" the first figure counts GB, not
gradients (reading past the comma flagged a right model answer)."""
ROUNDING = 0.05
"""Relative difference within which two figures are the same one rounded ("about 63%" for
63.2 %, "roughly 9%" for 8.8 %): candidates round, and a rounded figure is not a wrong one."""
_NOT_UNIT = frozenset(["times", "per", "each", "about", "roughly", "around", "approximately"])
_EXAMPLE = re.compile(r"(?:for example|for instance|e\.g\.?|say|such as|like)\W*$", re.IGNORECASE)
"""What precedes an illustrative figure ("for example 95%"): a key point's example is one
choice among many, and an answer choosing another is not wrong."""


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: frozenset[str]
    """Stems of the words that follow the number, and "%" for a percentage."""
    example: bool = False
    high: float | None = None
    """The upper end of a range ("1–5%"); any figure inside it agrees with it."""

    def forms(self) -> tuple[tuple[float, float], ...]:
        """The (low, high) spans this figure may be written as: a percentage also as a
        fraction (5 % is 0.05)."""
        span = (self.value, self.high if self.high is not None else self.value)
        if "%" in self.unit:
            return span, (span[0] / 100, span[1] / 100)
        return (span,)


def _value(digits: str, exponent: str | None, suffix: str | None) -> float:
    value = float(digits.replace(",", ""))
    if exponent:
        value *= 10.0 ** int(exponent.translate(_SUPERSCRIPT))
    if suffix and suffix.lower() in _SCALE:
        value *= _SCALE[suffix.lower()]
    return value


def quantities(text: str) -> list[Quantity]:
    """Every number in the text with the words that say what it counts ("%" counts as one)."""
    out = []
    for m in _NUMBER.finditer(text):
        suffix = m.group(5)
        rest = re.split(r"[\d,;:()]", text[m.end() :], maxsplit=1)[0]
        following = [w for w in words(rest)[:4] if w not in STOPWORDS and w not in _NOT_UNIT]
        unit = {stem(w) for w in following[:UNIT_WORDS]}
        if suffix == "%":
            unit.add("%")
        example = bool(_EXAMPLE.search(text[max(0, m.start() - 20) : m.start()]))
        value = _value(m.group(1), m.group(2) or m.group(3), suffix)
        high = _value(m.group(4), None, suffix) if m.group(4) else None
        out.append(Quantity(value, frozenset(unit), example, high))
    return out


def _close(value: float, low: float, high: float) -> bool:
    tolerance = ROUNDING * max(abs(value), abs(low), abs(high))
    return low - tolerance <= value <= high + tolerance


def _same(a: Quantity, b: Quantity) -> bool:
    return any(_close(x, lo, hi) or _close(lo, x, y) for x, y in a.forms() for lo, hi in b.forms())


def _among(q: Quantity, others: Iterable[Quantity]) -> bool:
    return any(_same(q, o) for o in others)


def _stated(q: Quantity, said: Iterable[Quantity]) -> bool:
    """The answer states ``q`` somewhere: the same value, and not a percentage of another unit
    ("1 minute" is not the 0.95 of "a 95 % confidence interval"). The question's figures are
    matched on value alone: "p = 0.03" in the question is the key point's "3 % of the time"."""
    return any(_same(q, o) and not _percent_of_other(q, o) for o in said)


def _percent_of_other(a: Quantity, b: Quantity) -> bool:
    """One is a percentage and the other a figure of another unit: their values meet only
    through the percentage's fraction form (0.95 for 95 %). "5 % two-sided" is still "0.05
    two-sided"."""
    percent = ("%" in a.unit) != ("%" in b.unit)
    return percent and bool(a.unit - {"%"}) and bool(b.unit - {"%"}) and not a.unit & b.unit


def wrong_number(
    sentence: str, point: str, given: Iterable[Quantity], stated: Iterable[Quantity]
) -> str | None:
    """The key point's figure the sentence states differently, or None.

    ``given`` are the figures the question itself states; ``stated`` every figure anywhere in
    the answer: a key point whose figure the answer states somewhere is not contradicted by
    another figure (an intermediate result, or a what-if).
    """
    given, stated = list(given), list(stated)
    in_point = quantities(point)
    expected = [
        q
        for q in in_point
        if q.unit and not q.example and not _among(q, given) and not _stated(q, stated)
    ]
    if not expected:
        return None
    for q in quantities(sentence):
        if not q.unit or _among(q, given + in_point):
            continue
        for e in expected:
            if q.unit & e.unit:
                return f"it gives {_shown(q.value)} where the key point has {_shown(e.value)}"
    return None


def gives_another_figure(sentence: str, statement: str) -> bool:
    """The sentence gives its own figures where the statement has some: none of the
    statement's figures is in the sentence with its unit, and the sentence gives another value
    of one of those units. "A positive means disease in 99 of 594 cases, about 17 %" does not
    state "a positive means a 99 % chance of disease", though it shares the 99; the stricter
    ``wrong_number`` lets any figure stated anywhere stand for the key point's."""
    said = [q for q in quantities(sentence) if q.unit]
    figures = [q for q in quantities(statement) if q.unit and not q.example]
    if any(_same(s, q) for q in figures for s in said if s.unit & q.unit):
        return False
    return any(s.unit & q.unit for q in figures for s in said)


def _shown(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"
