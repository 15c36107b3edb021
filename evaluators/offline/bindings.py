"""Swapped roles: a sentence that puts a named variant with the other side of an axis.

"F2 is the precision-oriented version and F0.5 the recall-oriented one" against "β greater than
1 (for example F2) emphasises recall, β less than 1 (for example F0.5) emphasises precision":
both name both sides of precision/recall, so neither takes a side the clause rules could
compare, and the sentence vector sits on the key point. What differs is which variant goes
with which side. Each named variant (a name with a digit: F2, F0.5, top-5) is bound to the
side of an axis written next to it, and a variant bound to opposite sides in the sentence and
in the key point is a swap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evaluators.offline.contradiction import axis_side, axis_words, side_name
from evaluators.text import phrase_positions

WINDOW = 4
"""Words between a variant and the axis term it goes with ("F2) emphasises recall",
"F0.5 the recall-oriented one")."""
_BARRIERS = frozenset([",", ";", ":", "and", "but", "while", "whereas", "which", "or"])
"""Where the phrase of a variant ends: in "... emphasises precision, and β = 1 gives F1" F1
is not bound to precision."""
_TOKEN = re.compile(r"[A-Za-z][\w.+@-]*\w|[A-Za-z]|[,;:]")
_VARIANT = re.compile(r"[a-z][a-z-]*\d[\w.]*$")

Binding = dict[tuple[str, int], int]
"""(variant, axis) -> side."""


def _side(token: str) -> tuple[int, int] | None:
    """The axis side a token names, read through a compound's head ("precision-oriented",
    "recall@10")."""
    return axis_side(token) or axis_side(re.split(r"[-@]", token)[0])


def bindings(text: str) -> Binding:
    """Each named variant of the text bound to the one side of an axis written strictly
    nearer to it than the other side, within ``WINDOW`` words; a variant bound to both sides
    in different places is left out."""
    tokens = [t.lower() for t in _TOKEN.findall(axis_words(text))]
    sides = [_side(t) for t in tokens]
    found: dict[tuple[str, int], set[int]] = {}
    for i, token in enumerate(tokens):
        if not _VARIANT.match(token) or sides[i] is not None:
            continue
        nearest: dict[int, dict[int, int]] = {}
        before = phrase_positions(tokens, i, -1, WINDOW, _BARRIERS)
        after = phrase_positions(tokens, i, 1, WINDOW, _BARRIERS)
        for j in (*before, *after):
            if sides[j] is not None:
                axis, side = sides[j]
                by_side = nearest.setdefault(axis, {})
                by_side[side] = min(abs(j - i), by_side.get(side, abs(j - i)))
        for axis, by_side in nearest.items():
            ranked = sorted(by_side.items(), key=lambda item: item[1])
            if len(ranked) == 1 or ranked[0][1] < ranked[1][1]:
                found.setdefault((token, axis), set()).add(ranked[0][0])
    return {key: next(iter(s)) for key, s in found.items() if len(s) == 1}


def swapped_role(sentence: str, points: Sequence[str]) -> tuple[str, str] | None:
    """The first key point of ``points`` (most similar first) that binds one of the
    sentence's variants to the other side of an axis, with the reason ("it puts F2 with
    precision where the key point puts it with recall"), or None. A variant that some key
    point of ``points`` binds as the sentence does is not swapped."""
    said = bindings(sentence)
    expected = [bindings(p) for p in points]
    for key, side in said.items():
        if any(e.get(key) == side for e in expected):
            continue
        for point, e in zip(points, expected, strict=True):
            if key in e:
                variant, axis = key
                shown = next(t for t in _TOKEN.findall(sentence) if t.lower() == variant)
                return point, (
                    f"it puts {shown} with {side_name(axis, side)} where the key"
                    f" point puts it with {side_name(axis, e[key])}"
                )
    return None
