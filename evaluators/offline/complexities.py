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
from dataclasses import dataclass
from functools import lru_cache

from evaluators.offline.contradiction import BIG_O, DENIED_BIG_O, complexity
from evaluators.text import STOPWORDS, stem

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
_CLAUSE_END = frozenset([",", ";", ":", ".", "(", "and", "but", "because", "while", "so", "which"])
_TEXT_END = frozenset([";", ":", "."])
_EACH = frozenset(["each", "per"])
_COST_WORDS = frozenset(
    [
        "time",
        "space",
        "memory",
        "stack",
        "storage",
        "extra",
        "additional",
        "auxiliary",
        "runtime",
        "running",
        "complexity",
        "total",
        "overall",
        "work",
        "takes",
        "take",
        "taking",
        "costs",
        "cost",
        "costing",
        "runs",
        "run",
        "needs",
        "need",
        "requires",
        "require",
        "uses",
        "that's",
        "approach",
        "algorithm",
        "solution",
        "method",
        "version",
        "operation",
        "operations",
        "every",
        "expected",
        "amortised",
        "amortized",
        "worst",
        "average",
        "best",
        "case",
        "cases",
        "roughly",
        "gives",
        "give",
        "means",
    ]
)
"""Words of any cost sentence, which name no step (besides the stopwords)."""
_TOKEN = re.compile(BIG_O.pattern + r"|[A-Za-z][\w-]*|[,;:.()]")


Bound = dict[str, dict[str, str]]
"""resource -> {complexity in one spelling: as written}; a qualified big-O ("O(m log m) per
word") under ``resource + PART``."""
PART = ":part"


@dataclass(frozen=True)
class Operation:
    """One big-O of a text with what it measures and the words of the step it costs."""

    resource: str
    complexity: str
    written: str
    subject: frozenset[str]
    """Content stems before the big-O that name the step ("insertion", "sort"), see
    ``operations``."""
    each: bool
    """The cost is per item ("each insertion is O(log n)", "O(1) per lookup")."""


@lru_cache(maxsize=4096)
def operations(text: str, near: bool = True) -> tuple[Operation, ...]:
    """The big-Os of a text bound to the resource each measures, from a resource word within
    ``REACH`` words after it (first) or before it. A big-O with none measures time, as a bare
    big-O does in an interview ("each get is O(n)"). One that a qualifier follows ("O(m log m)
    per word", "O(n²) in sequence length") is part of a cost, bound as ``PART``: it can agree
    with a key point but not contradict one. ``near``: the subject of each is read from its own
    clause (an answer's), else back to the previous big-O (a key point's, whose step may sit
    before a comma: "each insertion pushes into one heap, costing O(log n)").

    The default to time: sentence pairs, complexity contradictions caught 20 -> 43 of 1,430,
    with no paraphrase misread."""
    matches = list(_TOKEN.finditer(text))
    tokens = [(m.group(0), m.group(1)) for m in matches]
    found: list[Operation] = []
    for i, (written, inside) in enumerate(tokens):
        if inside is None or DENIED_BIG_O.search(text[: matches[i].start()]):
            continue
        following = " ".join(word.lower() for word, _ in tokens[i + 1 : i + 3])
        preceding = {word.lower() for word, _ in tokens[max(0, i - REACH - 1) : i]}
        qualified = (
            following.split(" ")[0] in _QUALIFIERS
            and following not in _WHOLE
            and not preceding & _TOTAL
        )
        resource = _scan(tokens[i + 1 :]) or _scan(tokens[:i][::-1])
        if resource is None:
            resource = "time" + (PART if qualified else "")
        window = _window(tokens[:i], _CLAUSE_END if near else _TEXT_END)
        each = bool({w.lower() for w, _ in window} & _EACH) or following.startswith("per ")
        subject = frozenset(
            stem(w.lower())
            for w, _ in window
            if w[0].isalpha() and w.lower() not in STOPWORDS and w.lower() not in _COST_WORDS
        )
        found.append(Operation(resource, complexity(inside), written, subject, each))
    return tuple(found)


def bound_complexities(text: str) -> Bound:
    """The big-Os of a text by resource (``operations``)."""
    found: Bound = {}
    for op in operations(text):
        found.setdefault(op.resource, {})[op.complexity] = op.written
    return found


def _window(
    tokens: list[tuple[str, str | None]], ends: frozenset[str]
) -> list[tuple[str, str | None]]:
    """The tokens from a big-O back to the previous one or to one of ``ends``."""
    start = len(tokens)
    while start and tokens[start - 1][1] is None and tokens[start - 1][0].lower() not in ends:
        start -= 1
    return tokens[start:]


def _same_step(said: Operation, stated: Operation) -> bool:
    """A key point's big-O (``stated``) costs the sentence's step: the same resource, whole or
    in part, and a step word in common."""
    return stated.resource.removesuffix(PART) == said.resource and _meets(
        said.subject, stated.subject
    )


def _meets(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two subjects share a word, spelt alike to four letters ("sort" and "sorting")."""
    return bool({w[:4] for w in a if len(w) >= 4} & {w[:4] for w in b if len(w) >= 4})


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


def _unknown(sentence: str, bounds: Sequence[Bound]) -> list[tuple[str, dict[str, str]]]:
    """The resources the sentence bounds whole with big-Os that no key point gives them."""
    return [
        (resource, given)
        for resource, given in bound_complexities(sentence).items()
        if not resource.endswith(PART)
        and not any(given.keys() & _any_part(b, resource).keys() for b in bounds)
    ]


def _agreed_steps(sentence: str, points: Sequence[str]) -> dict[str, set[str]]:
    """Per resource, the sentence's big-Os that some key point gives the same step."""
    theirs = [op for p in points for op in operations(p, near=False)]
    agreed: dict[str, set[str]] = {}
    for op in operations(sentence):
        if op.subject and any(o.complexity == op.complexity and _same_step(op, o) for o in theirs):
            agreed.setdefault(op.resource, set()).add(op.complexity)
    return agreed


def _stated(wanted: Iterable[str], resource: str, stated: Sequence[Bound]) -> bool:
    """Some sentence of the answer gives ``resource`` one of the ``wanted`` complexities."""
    wanted = set(wanted)
    return any(wanted & _any_part(b, resource).keys() for b in stated)


def _reason(said: Mapping[str, str], resource: str, wanted: Mapping[str, str]) -> str:
    """ "it gives O(1) space where the key point has O(n)", with each big-O as written."""
    shown = " / ".join(said.values()), " / ".join(wanted.values())
    return f"it gives {shown[0]} {resource} where the key point has {shown[1]}"


def wrong_complexity(
    sentence: str,
    points: Sequence[str],
    stated: Iterable[Bound] = (),
    every: Sequence[str] = (),
) -> tuple[str, str] | None:
    """The first key point of ``points`` (most similar first) whose big-O of a resource the
    sentence gives differently, with the reason ("it gives O(1) space where the key point has
    O(n)"), or None.

    A resource is not contradicted when some key point of ``points`` binds it to the big-O
    the sentence gives ("that's O(n) time and O(1) extra space", after the iterative version,
    sits nearer the recursive key point's O(n) stack than the iterative one's O(1)), nor when
    the answer states the key point's big-O somewhere (``stated``, the bindings of every
    sentence: the other big-O is usually about the alternative), nor when a key point of the
    question (``every``) gives the same step that big-O: "so peek is O(1)" sits far from "peek
    is O(1)" in a sentence about the heap's layout, and nearer "heapify builds a heap in O(n)".
    """
    expected = [bound_complexities(p) for p in points]
    stated = list(stated)
    agreed = _agreed_steps(sentence, every)
    for resource, given in _unknown(sentence, expected):
        if given.keys() <= agreed.get(resource, set()):
            continue
        bound = [(p, e[resource]) for p, e in zip(points, expected, strict=True) if resource in e]
        for point, wanted in bound:
            if not _stated(wanted, resource, stated):
                return point, _reason(given, resource, wanted)
    return None


def wrong_step(
    sentence: str, points: Sequence[str], stated: Iterable[Bound] = ()
) -> tuple[str, str] | None:
    """The key point that costs the sentence's step ("each insertion is O(1)") differently.

    A key point often gives one resource two big-Os, one per step ("each insertion costs
    O(log n), and the median is read in O(1)"), and an answer whose big-O matches either reads
    as agreeing. Here a big-O is compared only with the key-point big-Os of the same resource
    whose step shares a word with its own (``Operation.subject``); the sentence is wrong when
    none of them gives its big-O and the answer gives theirs nowhere. A cost per item ("each
    threshold costs O(K)") is compared only with one per item, not with a total ("scores
    every threshold in O(n × K)")."""
    stated = list(stated)
    for op in operations(sentence):
        if op.resource.endswith(PART) or not op.subject:
            continue
        matched = [
            (point, other)
            for point in points
            for other in operations(point, near=False)
            if other.each == op.each and _same_step(op, other)
        ]
        if not matched or any(other.complexity == op.complexity for _, other in matched):
            continue
        if _stated((other.complexity for _, other in matched), op.resource, stated):
            continue
        whole = [(p, o) for p, o in matched if not o.resource.endswith(PART)]
        if whole:
            point, other = whole[0]
            said, wanted = {op.complexity: op.written}, {other.complexity: other.written}
            return point, _reason(said, op.resource, wanted)
    return None


def wrong_sole_bound(
    sentence: str, points: Sequence[str], stated: Iterable[Bound] = ()
) -> tuple[int, str] | None:
    """The index of the one key point that bounds a resource the sentence gives another
    big-O, with the reason, or None.

    When a single key point of the question bounds, say, space ("extra space is O(R·C) in the
    worst case"), a sentence giving space a big-O that no key point gives ("overwriting the
    grid needs only O(1) extra space") is wrong whatever its cosine to that key point: a long
    sentence that also walks through the algorithm sits far from a key point about its cost.
    It is not wrong when the answer gives the key point's big-O somewhere (``stated``)."""
    bounds = [bound_complexities(p) for p in points]
    stated = list(stated)
    for resource, given in _unknown(sentence, bounds):
        whole = [p for p, b in enumerate(bounds) if resource in b]
        if len(whole) != 1:
            continue
        wanted = bounds[whole[0]][resource]
        if not _stated(wanted, resource, stated):
            return whole[0], _reason(given, resource, wanted)
    return None
