"""Wrong complexities: a sentence that gives time or space another big-O than the key point does.

"The recursive version is also O(n) time and O(1) extra space" against "... which is O(n) time
but O(n) call-stack space": the clause rules pair clauses by their shared words and compare
the big-Os of a pair as one set, so a sentence that gets the time right and the space wrong
shares a class with the key point and reads as agreeing. Here each big-O is bound to the
resource it measures, from the words next to it ("O(1) extra space", "space is O(n)"), and
a resource is compared only with the same resource.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from evaluators.offline.contradiction import BIG_O, complexity

RESOURCES: Mapping[str, frozenset[str]] = {
    "time": frozenset(["time", "runtime", "running"]),
    "space": frozenset(["space", "memory", "stack", "call-stack", "storage"]),
}
"""The words that name what a big-O measures."""
_RESOURCE_OF = {word: resource for resource, names in RESOURCES.items() for word in names}
REACH = 3
"""Words between a big-O and the resource it measures ("O(n) call-stack space", "space
complexity is O(1)")."""
_BREAK = frozenset(["and", "but", "while", "whereas", "with", "or", "so", "which", "than"])
"""Words that end the phrase a big-O belongs to: in "time is O(n) and space is O(1)", O(n)
is not bound to the "space" after the "and"."""
_TOKEN = re.compile(BIG_O.pattern + r"|[A-Za-z][\w-]*|[,;:.()]")


Bound = dict[str, dict[str, str]]
"""resource -> {complexity in one spelling: as written}."""


def bound_complexities(text: str) -> Bound:
    """The big-Os of a text bound to the resource each measures; a big-O with no resource word
    within ``REACH`` words after it (first) or before it is left out."""
    tokens = [(m.group(0), m.group(1)) for m in _TOKEN.finditer(text)]
    found: Bound = {}
    for i, (written, inside) in enumerate(tokens):
        if inside is None:
            continue
        resource = _scan(tokens[i + 1 :]) or _scan(tokens[:i][::-1])
        if resource:
            found.setdefault(resource, {})[complexity(inside)] = written
    return found


def _scan(tokens: list[tuple[str, str | None]]) -> str | None:
    """The resource named within ``REACH`` words along ``tokens``, before a break."""
    for word, inside in tokens[:REACH]:
        lowered = word.lower()
        if inside is not None or lowered in _BREAK or not word[0].isalpha():
            return None
        if lowered in _RESOURCE_OF:
            return _RESOURCE_OF[lowered]
    return None


def wrong_complexity(
    sentence: str, points: Sequence[str], stated: Iterable[Bound] = ()
) -> tuple[str, str] | None:
    """The first key point of ``points`` (most similar first) whose big-O of a resource the
    sentence gives differently, with the reason ("it gives O(1) space where the key point has
    O(n)"), or None.

    A resource is not contradicted when some key point of ``points`` binds it to the big-O
    the sentence gives ("that's O(n) time and O(1) extra space", after the iterative version,
    sits nearer the recursive key point's O(n) stack than the iterative one's O(1)), nor when
    the answer states the key point's big-O somewhere (``stated``, the bindings of every
    sentence: the other big-O is usually about the alternative).
    """
    said = bound_complexities(sentence)
    expected = [bound_complexities(p) for p in points]
    stated = list(stated)
    for resource, given in said.items():
        bound = [(p, e[resource]) for p, e in zip(points, expected, strict=True) if resource in e]
        if any(given.keys() & wanted.keys() for _, wanted in bound):
            continue
        for point, wanted in bound:
            if any(wanted.keys() & b.get(resource, {}).keys() for b in stated):
                continue
            shown = " / ".join(given.values()), " / ".join(wanted.values())
            return point, f"it gives {shown[0]} {resource} where the key point has {shown[1]}"
    return None
