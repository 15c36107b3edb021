"""Reversed trade-offs: a sentence that moves the two sides of an axis the other way round.

"If you raise it, the model calls more things positive, so recall goes up while precision drops"
against "raising the decision threshold increases precision and lowers recall": the clause
rules pair clauses by shared words and never see the cause ("raise it") next to its effects,
and the sentence names both sides of precision/recall, so it takes no side. Read as moves, the
key point has precision up and recall down, the sentence the reverse, under the same cause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evaluators.offline.contradiction import DOWN, UP, axis_side, axis_words, side_name
from evaluators.text import phrase_positions

REACH = 2
"""Words between an axis term and the up/down word that moves it ("increases precision",
"recall goes up")."""
_BARRIERS = frozenset(
    ["and", "but", "while", "whereas", "so", "because", "which", "or", ",", ";", ":", "(", ")"]
)
"""Where the phrase of an axis term ends: in "increases precision and lowers recall",
"increases" does not move recall."""
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'+#-]*|\d+(?:\.\d+)?%?|[,;:()]")
_CAUSE_UP = UP | frozenset(["stronger", "heavier", "add", "adding", "adds", "deeper"])
_CAUSE_DOWN = DOWN | frozenset(["weaker", "lighter", "remove", "removing", "removes"])
"""Words that set the cause's direction ("stronger regularisation", "adding trees") besides
the up/down words, which also move effects."""

Moves = dict[int, dict[int, int]]
"""axis -> {side: +1 up / -1 down}."""


def _sign(word: str) -> int:
    return 1 if word in UP else -1 if word in DOWN else 0


def _cause_sign(word: str) -> int:
    return 1 if word in _CAUSE_UP else -1 if word in _CAUSE_DOWN else 0


def _near(tokens: Sequence[str], i: int, step: int) -> int | None:
    """The position of the first up/down word in the phrase of ``tokens[i]`` along ``step``."""
    phrase = phrase_positions(tokens, i, step, REACH, _BARRIERS)
    return next((j for j in phrase if _sign(tokens[j])), None)


def moves(text: str) -> tuple[Moves, int]:
    """How the text moves each side of an axis, and the sign of its cause: the first up/down
    word that moves no axis term ("raising the threshold", "if you raise it"), 0 when none.
    A side moved both ways is left out."""
    tokens = [t.lower() for t in _TOKEN.findall(axis_words(text))]
    found: dict[int, dict[int, set[int]]] = {}
    used: set[int] = set()
    for i, token in enumerate(tokens):
        named = axis_side(token)
        if named is None:
            continue
        mover = _near(tokens, i, -1)
        mover = _near(tokens, i, 1) if mover is None else mover
        if mover is not None:
            used.add(mover)
            found.setdefault(named[0], {}).setdefault(named[1], set()).add(_sign(tokens[mover]))
    cause = next(
        (_cause_sign(t) for i, t in enumerate(tokens) if _cause_sign(t) and i not in used), 0
    )
    return (
        {
            axis: {side: next(iter(s)) for side, s in sides.items() if len(s) == 1}
            for axis, sides in found.items()
        },
        cause,
    )


def _tradeoffs(text: str) -> tuple[dict[int, tuple[int, int]], int]:
    """The axes whose two sides the text moves in opposite directions, as (side up, side
    down), and the sign of its cause."""
    found, cause = moves(text)
    out = {}
    for axis, sides in found.items():
        if len(sides) == 2 and sides[0] != sides[1]:
            out[axis] = (0, 1) if sides[0] > 0 else (1, 0)
    return out, cause


def reversed_tradeoff(sentence: str, points: Sequence[str]) -> tuple[str, str] | None:
    """The first key point of ``points`` (most similar first) whose trade-off the sentence
    reverses under the same cause ("raising the threshold"), or keeps under the opposite one
    ("lowering it"), with the reason ("it reverses how precision and recall trade off"), or
    None. Both causes must be read: a trade-off with no
    cause, or one worded outside the cause words ("a pickier model"), is not compared. A
    trade-off that some key point of ``points`` states as the sentence does is not reversed."""
    said, cause = _tradeoffs(sentence)
    if not said or not cause:
        return None
    expected = [_tradeoffs(p) for p in points]
    for axis, moved in said.items():
        if any(_same(moved, cause, e.get(axis), c) is True for e, c in expected):
            continue
        for point, (e, point_cause) in zip(points, expected, strict=True):
            if _same(moved, cause, e.get(axis), point_cause) is False:
                first, second = side_name(axis, 0), side_name(axis, 1)
                return point, f"it reverses how {first} and {second} trade off"
    return None


def _same(
    moved: tuple[int, int], cause: int, stated: tuple[int, int] | None, stated_cause: int
) -> bool | None:
    """Whether two trade-offs of one axis agree: the same moves under the same cause, or
    reversed moves under the opposite cause; None when either is not read."""
    if stated is None or not cause or not stated_cause:
        return None
    return (moved == stated) == (cause == stated_cause)
