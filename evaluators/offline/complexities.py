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
_QUALIFIERS = frozenset(["in", "per", "for"])
"""Words after a big-O that may narrow what it counts ("O(n²) in sequence length", "O(1) per
operation", "O(k) for the heap"): read as part of a cost, which never contradicts."""
_WHOLE = frozenset(["in total", "in all", "for all", "for everything"])
"""...except those that say it is the whole cost."""
_TOTAL = frozenset(["total", "overall", "altogether"])
"""Words before a big-O that make it the whole cost whatever follows: "the total work is
O(n log n) for a balanced tree" is the cost of the algorithm, in one case."""
_DENIED = frozenset(["not", "never", "rather than", "instead of", "than", "beats", "beating"])
"""Words right before a big-O that deny it or set it aside: "heapify builds a heap in O(n),
not O(n log n)" gives the heap O(n) only, and "better than O(n²)" is not a bound either."""
_TOKEN = re.compile(BIG_O.pattern + r"|[A-Za-z][\w-]*|[,;:.()]")


Bound = dict[str, dict[str, str]]
"""resource -> {complexity in one spelling: as written}; a qualified big-O ("O(m log m) per
word") under ``resource + PART``."""
PART = ":part"


def bound_complexities(text: str) -> Bound:
    """The big-Os of a text bound to the resource each measures, from a resource word within
    ``REACH`` words after it (first) or before it. A big-O with none measures time, as a bare
    big-O does in an interview ("each get is O(n)"). One that a qualifier follows ("O(m log m)
    per word", "O(n²) in sequence length") is part of a cost, bound as ``PART``: it can agree
    with a key point but not contradict one.

    The default to time: sentence pairs, complexity contradictions caught 20 -> 43 of 1,430,
    with no paraphrase misread."""
    tokens = [(m.group(0), m.group(1)) for m in _TOKEN.finditer(text)]
    found: Bound = {}
    for i, (written, inside) in enumerate(tokens):
        if inside is None:
            continue
        following = " ".join(word.lower() for word, _ in tokens[i + 1 : i + 3])
        before = [word.lower() for word, _ in tokens[max(0, i - REACH - 1) : i]]
        if before and (before[-1] in _DENIED or " ".join(before[-2:]) in _DENIED):
            continue
        preceding = set(before)
        qualified = (
            following.split(" ")[0] in _QUALIFIERS
            and following not in _WHOLE
            and not preceding & _TOTAL
        )
        resource = _scan(tokens[i + 1 :]) or _scan(tokens[:i][::-1])
        if resource is None:
            resource = "time" + (PART if qualified else "")
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


def _any_part(bound: Bound, resource: str) -> dict[str, str]:
    """The big-Os a text gives a resource, whole or as part of a cost."""
    return {**bound.get(resource, {}), **bound.get(resource + PART, {})}


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
        if resource.endswith(PART):
            continue
        known = [_any_part(e, resource) for e in expected]
        if any(given.keys() & k.keys() for k in known):
            continue
        bound = [(p, e[resource]) for p, e in zip(points, expected, strict=True) if resource in e]
        for point, wanted in bound:
            if any(wanted.keys() & _any_part(b, resource).keys() for b in stated):
                continue
            shown = " / ".join(given.values()), " / ".join(wanted.values())
            return point, f"it gives {shown[0]} {resource} where the key point has {shown[1]}"
    return None
