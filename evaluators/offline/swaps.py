"""Swapped definitions: a sentence that describes one of the question's terms with what the key
points say of the other ("MAE squares the errors", "tree models need standardised features").

The contrast axes of ``contradiction`` know the classic pairs (bias/variance, L1/L2...), but
every comparison question brings its own pair, and a swap keeps every word of the topic, so the
sentence vector still sits next to the right key points. The question names the pair ("Compare
MAE, RMSE and MAPE"), and the key points describe each side in words of their own; a sentence
that names one side and uses clearly more of the *other* side's describing words has swapped
them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from evaluators.offline.contradiction import clauses, has_negation
from evaluators.text import STOPWORDS, stem, words


@dataclass(frozen=True)
class SwapParams:
    min_overlap: int = 3
    """Describing words a sentence must share with the other side's key point."""
    margin: int = 2
    """...and that many more than with any key point of the side it names."""


@dataclass(frozen=True)
class Swap:
    named: str
    """The term the sentence names, as the question writes it."""
    described: str
    """The term whose key point the sentence actually describes."""
    point: str
    """That key point."""


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1)


_JOINS = frozenset(["and", "or", "vs", "versus", "against", "from", "than"])
_DETERMINERS = frozenset(["the", "a", "an"])
_NOT_TERMS = frozenset(
    ["compare", "contrast", "explain", "describe", "discuss", "differ", "difference", "don't"]
)
"""Words of the question's own request, never one of the things compared."""
PAIR_REACH = 2
"""Words on each side of a join that may be the compared term ("shadow deployment and canary
release" compares shadow with canary)."""


def _term(word: str) -> bool:
    """A word that can name a compared thing."""
    return word not in STOPWORDS and len(word) > 1


@lru_cache(maxsize=1024)
def compared_terms(question: str) -> tuple[tuple[str, str], ...]:
    """Pairs of terms the question sets side by side ("MAE, RMSE and MAPE", "L1 vs L2"), as
    (stem, stem), both orders: a swap is only possible between the things being compared,
    which keeps the topic's other words ("test", "model") out."""
    tokens = [
        w for w in words(question.replace(",", " and ")) if w not in _DETERMINERS | _NOT_TERMS
    ]
    pairs: set[tuple[str, str]] = set()
    for i, t in enumerate(tokens):
        if t not in _JOINS:
            continue
        left = [w for w in tokens[max(0, i - PAIR_REACH) : i] if w not in _JOINS]
        right = [w for w in tokens[i + 1 : i + 1 + PAIR_REACH] if w not in _JOINS]
        shared = set(left) & set(right)  # "batch normalisation and layer normalisation"
        # A figure is compared with a figure ("80 TP and 20 FN"), never with a word: "lower α
        # from 0.05 to 0.01" does not compare a thing called "lower" with one called "0.05".
        for a in set(left) - shared:
            for b in set(right) - shared:
                if a != b and _term(a) and _term(b) and a[0].isdigit() == b[0].isdigit():
                    pairs.update({(stem(a), stem(b)), (stem(b), stem(a))})
    return tuple(sorted(pairs))


ALTERNATING = 2
"""Key points each of two terms must open when the question does not say "compared with": key
points that alternate between two terms ("Batch inference precomputes...", "Online inference
computes...", "Batch is cheap...", "Online gives fresh...") compare them whatever the question's
wording."""
_COMPARING = re.compile(r"\bcompared? (?:with|to)\b|\bcomparing\b", re.IGNORECASE)
"""Question wordings that compare two terms without a join ``compared_terms`` reads."""


@lru_cache(maxsize=1024)
def point_subjects(question: str, points: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Pairs of terms that key points open with and the question names ("ReLU has a gradient
    of one ...", "Sigmoid saturates ..." for "what does ReLU do to gradients compared with
    sigmoid?"): the question's own wording does not always set them side by side."""
    asked = _stems(question)
    opened: Counter[str] = Counter()
    for point in points:
        first = next((w for w in words(point) if w not in _DETERMINERS), None)
        if first and first not in STOPWORDS and len(first) > 1 and stem(first) in asked:
            opened[stem(first)] += 1
    need = 1 if _COMPARING.search(question) else ALTERNATING
    subjects = sorted(s for s, n in opened.items() if n >= need)
    return tuple((a, b) for a in subjects for b in subjects if a != b)


@lru_cache(maxsize=1024)
def _point_stems(
    points: tuple[str, ...],
) -> tuple[list[frozenset[str]], list[list[frozenset[str]]]]:
    """Stems of each key point and of each of its clauses, read once per question: the swap
    check runs for every sentence and clause of every answer."""
    return [_stems(p) for p in points], [[_stems(c) for c in clauses(p)] for p in points]


_CONTRASTED = re.compile(r"\b(?:while|whereas)\b", re.IGNORECASE)
"""A key point that sets two terms against each other in one sentence ("threads share one
address space, while processes each have their own memory"): each clause describes one."""


def find_swap(
    sentence: str,
    question: str,
    points: Sequence[str],
    params: SwapParams | None = None,
) -> Swap | None:
    """The term the sentence names but describes as the question's other term, or None."""
    params = params or SwapParams()
    point_stems, clause_stems = _point_stems(tuple(points))
    said = _stems(sentence)
    topic = _stems(question)
    shown = {stem(w): w for w in words(question)}
    best: tuple[int, Swap] | None = None
    for a, b in sorted(
        set(compared_terms(question)) | set(point_subjects(question, tuple(points)))
    ):
        if a not in said or b in said:
            continue
        # Each side's description: a key point that names it alone, or the clause that names
        # it in a key point naming both ("threads share one address space, while processes
        # each have their own memory").
        both = [
            i
            for i, s in enumerate(point_stems)
            if a in s and b in s and _CONTRASTED.search(points[i])
        ]
        own = [s for s in point_stems if a in s and b not in s]
        own += [c for i in both for c in clause_stems[i] if a in c and b not in c]
        # The other side's evidence is the clause that names it: "correlated errors distort
        # standard errors; non-linearity also hurts predictions" describes errors, not
        # predictions.
        other = [i for i, s in enumerate(point_stems) if b in s and a not in s] + both
        evidence = [(i, c) for i in other for c in clause_stems[i] if b in c and a not in c]
        if not own or not evidence:
            continue
        describing = said - topic
        own_best = max(len(describing & s) for s in own)
        j, other_best = max(
            ((i, len(describing & c)) for i, c in evidence), key=lambda found: found[1]
        )
        gain = other_best - own_best
        strong = other_best >= params.min_overlap and gain >= params.margin
        if strong and (best is None or gain > best[0]):
            best = (gain, Swap(shown[a], shown[b], points[j]))
    return best[1] if best else None


def find_sentence_swap(
    sentence: str, question: str, points: Sequence[str], params: SwapParams | None = None
) -> Swap | None:
    """``find_swap`` on the sentence and on each of its clauses ("gradient boosting trains
    its trees independently in parallel" may sit inside a longer sentence). A sentence that
    sets the two terms against each other ("predicting the delivery time keeps more
    information, while a classifier locks in the threshold") is read clause by clause only:
    as a whole it names one term and describes the other in its other clause."""
    whole = () if _CONTRASTED.search(sentence) else (sentence,)
    for text in (*whole, *clauses(sentence)):
        if has_negation(text):
            # It may deny the other side's description of the term it names ("one-hot makes
            # one column per category, so the model can't read any order into the codes" uses
            # the words of "integer codes impose a false order"): a right contrast, not a swap.
            continue
        found = find_swap(text, question, points, params)
        if found:
            return found
    return None
