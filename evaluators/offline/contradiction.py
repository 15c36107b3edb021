"""Does a sentence agree with a reference statement, or contradict it? Pure rules, no model.

Sentence embeddings cannot tell "X is Y" from "X is not Y", nor a definition from the same
definition with its terms swapped, so after the evaluator has aligned an answer sentence to a
statement by meaning, these rules compare the two clause by clause:

* polarity: the parity of negations ("is" vs "is not", "never");
* contrast axes: pairs of terms that name opposite sides of one idea (bias/variance,
  overfitting/underfitting, precision/recall, training/inference, before/after...). A clause
  sits on one side of an axis when it uses only that side's words, and a clause that names
  both sides may rank one above the other ("precision over recall");
* direction: the sign of a monotone claim, the product of its up/down words ("lower X raises Y"
  is negative, "lower X lowers Y" positive), compared only between clauses that use the same
  number of direction words;
* complexity: a different big-O where both clauses state one.

Each difference is one flip; an odd number of flips is a contradiction (so "raising the threshold
raises precision" and "lowering the threshold lowers precision" agree, as they should). Clauses
are paired only when they share enough content words, so a sentence is never judged against a
statement about something else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from evaluators.text import STOPWORDS, stem, words

NEGATION = frozenset(
    [
        "not",
        "no",
        "never",
        "cannot",
        "can't",
        "won't",
        "doesn't",
        "don't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "without",
        "neither",
        "nor",
        "none",
        "nothing",
        "hasn't",
        "haven't",
        "shouldn't",
        "wouldn't",
        "couldn't",
        "didn't",
        "rarely",
        "seldom",
        "hardly",
        "invariant",
        "unable",
        "unaffected",
        "insensitive",
        "immune",
    ]
)
"""Words that deny what follows. "Rarely" and "seldom" count: "rarely exactly zero" and
"almost never exactly zero" make the same claim, whose opposite is "exactly zero". So do the
words that deny an effect ("trees are invariant to / unaffected by / insensitive to scaling"
is "scaling does not change trees"); "ignores" does not, since it often sits beside a second
negation of another claim ("ignores the target, so the directions needn't be predictive")."""

_AXES_TEXT: tuple[tuple[str, str], ...] = (
    ("bias", "variance"),
    (
        "underfit underfits underfitting underfitted simple simpler simplest",
        "overfit overfits overfitting overfitted complex flexible",
    ),
    ("precision", "recall sensitivity"),
    ("training train trained", "inference serving test-time evaluation eval"),
    ("before", "after during"),
    ("l1 lasso", "l2 ridge"),
    ("active enabled", "off inactive disabled"),
    ("shallow stumps stump", "deep full-depth fully-grown"),
    ("parallel independently", "sequentially sequential sequence"),
    ("bonferroni holm", "benjamini-hochberg benjamini hochberg"),
    ("fwer family-wise familywise", "fdr discovery"),
    ("row rows", "column columns"),
    ("inside within internal", "outside external"),
    ("arithmetic", "harmonic geometric"),
    ("always", "often sometimes usually occasionally"),
    ("shadow", "canary"),
    ("sharding shard shards partition partitions", "replication replica replicas replicate"),
    ("numerator", "denominator"),
    ("typeone", "typetwo"),
    ("generative", "discriminative"),
    ("encoder", "decoder"),
    ("independent", "dependent"),
    ("local", "global"),
    ("minimum min", "maximum max"),
    ("population", "sample"),
    ("rejects reject", "accept accepts"),
    ("biased", "unbiased"),
    ("linear linearly", "quadratic quadratically exponential exponentially"),
    ("convex", "non-convex nonconvex"),
    ("supervised", "unsupervised"),
    ("positive positives", "negative negatives"),
    ("fpositive fpositives", "fnegative fnegatives"),
    ("tpositive tpositives", "tnegative tnegatives"),
    ("vanishing vanish vanishes", "exploding explode explodes"),
    ("above exceeds exceed exceeding", "below"),
)
"""Two sides of one idea, as word lists. A clause on one side and its partner on the other
differ on that axis (a flip)."""

NEGATION_SCOPE = 6
"""Content words after a negation that it governs."""
_SCOPE_BREAK = frozenset(
    ["and", "but", "so", "yet", "because", "while", "whereas", "although", "though"]
)
"""Words that start a new conjunct, where a negation's scope ends ("the variant does nothing
and a 97% chance it helps" does not deny the 97%). A comma ends it too ("rather than identical
to it, a small quality cost for the speed" does not deny the cost): sentence pairs, key-point
contradictions 646 -> 639 and paraphrases misread 78 -> 75 of 1,430, bank model answers
flagged 64 -> 61, blind held-out right answers flagged 3 -> 2 of 40."""
NEGATION_MIN_SHARED = 2
"""Shared content words a negation must govern to deny the shared claim (fewer only when fewer
follow it): "a while loop may never run, depending on the condition" denies nothing about "the
do-while body runs at least once" though both say "run"."""
_CONDITION = re.compile(
    r"\b(?:if|unless|whether)\b[^,;]*|(?:^|(?<=,))\s*without\b[^,;]*(?=,)", re.IGNORECASE
)
"""A conditional part ("if the base case is not included") names a circumstance; it asserts
nothing, so its negations do not set the clause's polarity. So does an opening "without X,"
("without a load-balancing loss, the router collapses onto a few experts" says the loss is
needed, as the key point does)."""

UP = frozenset(
    [
        "increase",
        "increases",
        "increased",
        "increasing",
        "raise",
        "raises",
        "raised",
        "raising",
        "rise",
        "rises",
        "rising",
        "grow",
        "grows",
        "growing",
        "up",
        "higher",
        "more",
        "larger",
        "bigger",
        "greater",
        "longer",
        "wide",
        "widen",
        "widens",
        "wider",
        "boost",
        "boosts",
        "improve",
        "improves",
        "doubles",
        "double",
        "maximise",
        "maximize",
    ]
)
DOWN = frozenset(
    [
        "decrease",
        "decreases",
        "decreased",
        "decreasing",
        "reduce",
        "reduces",
        "reduced",
        "reducing",
        "lower",
        "lowers",
        "lowering",
        "lowered",
        "drop",
        "drops",
        "dropping",
        "fall",
        "falls",
        "falling",
        "shrink",
        "shrinks",
        "down",
        "fewer",
        "less",
        "smaller",
        "shorter",
        "narrower",
        "narrow",
        "narrows",
        "cut",
        "cuts",
        "halve",
        "halves",
        "hurt",
        "hurts",
        "worsen",
        "minimise",
        "minimize",
    ]
)
BIG_O = re.compile(r"\bO\(\s*([^()]*(?:\([^()]*\)[^()]*)*)\)")
_POWER_WORDS = (
    (re.compile(r"\s*(?:\^\s*2|squared\b)", re.IGNORECASE), "²"),
    (re.compile(r"\s*(?:\^\s*3|cubed\b)", re.IGNORECASE), "³"),
)
_PLUS = re.compile(r"\s*\bplus\b\s*", re.IGNORECASE)
_FACTOR_SEPARATORS = re.compile(r"[\s·×*⋅]+|\btimes\b", re.IGNORECASE)


def complexity(inside: str) -> str:
    """A big-O's argument in one spelling: "n squared", "n^2" and "n²" are one complexity,
    "n k d", "n·k·d", "n × k × d" and "n times k times d" another, "V plus E" and "V + E" a
    third."""
    for pattern, power in _POWER_WORDS:
        inside = pattern.sub(power, inside)
    inside = _PLUS.sub("+", inside)
    return _FACTOR_SEPARATORS.sub("", inside).lower()


_CLAUSE = re.compile(
    r"[;:—]|\s–\s|,\s*(?=(?:but|while|whereas|so|and|which|because|yet)\b)|"
    r"\s(?=(?:but|while|whereas|whilst)\s)",
    re.IGNORECASE,
)

_META = re.compile(
    r"^\s*(?:says|claims|states|believes|thinks|argues|assumes|suggests|answers|treats|"
    r"describes|calls|defines|insists|asserts)\b(?:\s+that\b)?\s*",
    re.IGNORECASE,
)
_OMISSION = re.compile(
    r"^\s*(?:ignores|forgets|omits|neglects|misses|skips|overlooks|fails to|never mentions|"
    r"does not mention|doesn't mention|no mention)\b",
    re.IGNORECASE,
)


def _side_index(pairs: Sequence[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """word -> (pair number, side) for pairs of word lists."""
    index: dict[str, tuple[int, int]] = {}
    for a, (left, right) in enumerate(pairs):
        for side, text in enumerate((left, right)):
            for word in text.split():
                index[word] = (a, side)
    return index


_AXIS_OF = _side_index(_AXES_TEXT)
_THRESHOLD_AXIS = _AXIS_OF["below"][0]
"""Above/below a threshold: a flip against a key point ("removes the boxes whose IoU is below
the threshold" against "... exceeds a threshold"), but not a term a red flag's restatement
must name, since "well over 5 %" restates "far above 5 %"."""

_JUDGEMENTS_TEXT: tuple[tuple[str, str], ...] = (
    ("easy easier", "hard harder difficult"),
    ("cheap cheaper inexpensive", "expensive costly"),
    ("fast faster quick quicker", "slow slower"),
    ("safe harmless", "unsafe risky harmful dangerous"),
    ("stable", "unstable"),
    ("fine okay", "wrong broken"),
    ("constant fixed regardless", "grows scales proportional depends"),
    ("optimistic optimistically", "pessimistic pessimistically conservative"),
    ("deterministic deterministically", "stochastic randomly"),
    ("informative", "redundant uninformative"),
    ("high", "low"),
    ("least", "most"),
)
"""Judgements with an opposite ("easy to interpret" / "harder to interpret"). They are compared
only against key points: a red flag and its paraphrase use them loosely ("a safe default" for
"fine"), and as general axes they cost red-flag recall (72 -> 69 % on the sentence pairs).
High/low ("a learning rate that is too high makes training slow" against "too low makes
training slow"): sentence pairs +2 contradictions / +1 paraphrase, one more of our own wrong
answers caught, one more bank model answer flagged (a temperature answer that discusses both
settings in turn). The comparatives "higher"/"lower" stay direction words. Least/most ("evicts
the most recently used entry"), with "at least"/"at most" read as bounds: sentence pairs +1
contradiction, no paraphrase, bank unchanged (as a general axis it cost red-flag recall)."""


_JUDGEMENT_OF = _side_index(_JUDGEMENTS_TEXT)
_HELD = re.compile(
    r"\b(?:with|at|for|holding|keeping)\b[^,;:]*?\b(?:fixed|constant|held)\b", re.IGNORECASE
)
"""What a clause holds fixed ("with the sample size fixed", "at a fixed effect size"): a
condition of its claim, not the constant side of a judgement about what it claims."""
_QUANTIFIER = re.compile(r"\bat (?:least|most)\b")
"""Bounds ("at least as large", "at most k"), not the least/most judgement."""


@dataclass(frozen=True)
class ContrastParams:
    """How much two clauses must share before their polarity is compared."""

    min_shared: int = 2
    """Content stems two clauses must share to be about the same thing."""
    min_share_ratio: float = 0.3
    """...and that share of the shorter clause's content stems."""
    judgements: bool = False
    """Compare judgements too (easy/hard, cheap/expensive...): for key points only."""


class Verdict(Enum):
    UNRELATED = "unrelated"
    AGREES = "agrees"
    CONTRADICTS = "contradicts"


@dataclass(frozen=True)
class Claim:
    """The features of one clause the rules compare."""

    stems: frozenset[str]
    tokens: tuple[str, ...]
    sides: dict[int, int]
    direction: tuple[int, int]
    """(number of up/down words, sign of their product)."""
    big_o: dict[str, str]
    """Each big-O of the clause in one spelling (``complexity``), mapped to it as written."""
    asserted: tuple[str, ...] | None = None
    """The tokens outside conditional parts, whose negations set the polarity; None when the
    clause is all condition (its polarity is unknown and never compared)."""
    steered: frozenset[str] = frozenset()
    """Content stems next to an up/down word ("*growing share*", "*metrics worsen*"): what the
    clause says moves. Two clauses' directions are compared only when they move something in
    common."""
    slots: frozenset[str] = frozenset()
    """The content stems with each contrast term replaced by its axis: "a type I error is a
    false negative" fills the same slots as "a type I error is a false positive", so the two
    align as one claim with a term swapped, which is what they are."""
    judged: dict[int, int] = field(default_factory=dict)
    """The side of each judgement (``_JUDGEMENTS_TEXT``) the clause takes, when one side only."""
    ranked: dict[int, int] = field(default_factory=dict)
    """The side of each axis the clause ranks above the other ("weights precision more
    heavily than recall", "recall is worth twice as much as precision"), see ``_ranked``."""


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    reasons: tuple[str, ...] = ()


def clauses(text: str) -> list[str]:
    """The clauses of a sentence: split at semicolons, colons, dashes and contrastive joins."""
    parts = [p.strip(" ,.") for p in _CLAUSE.split(text)]
    return [p for p in parts if p] or [text]


def statement_core(red_flag: str) -> tuple[str, bool]:
    """A red flag as the claim it describes, and whether it describes an omission.

    "Says X" describes the claim X; "Ignores X" describes *not* stating X, so a sentence that
    states X contradicts the red flag rather than agreeing with it.
    """
    if _OMISSION.match(red_flag):
        return red_flag, True
    return _META.sub("", red_flag, count=1), False


_ATTRIBUTIVE = re.compile(
    r"\b(?:rarely|seldom)\s+(?=[a-z]+(?:ed|en)\s+(?!(?:in|on|by|for|to|at|with|as|and|or|"
    r"than|the|a|an|if|when|because|so|but)\b)[a-z])",
    re.IGNORECASE,
)
""""Rarely" in a noun phrase describes, it denies nothing: "rarely tried arms get a bonus" says
something of those arms, and "features are rarely used in practice" still denies their use."""
_IMPLICIT_NEGATION = re.compile(r"\b(?:rather than|instead of)\b", re.IGNORECASE)
"""Phrasings that deny what follows, read as "not": "nDCG, rather than RMSE" denies what
"nDCG, not RMSE" denies. ("Unchanged" is left alone: read as "not changed" it contradicted
"invariant" and "stays the same" in the bank's own model answers. Nor is "too big to be noise"
read as "big, not noise": it made "too simple to capture the pattern in the data" deny "too
simple for the data".)"""
_NOT_NEGATION = re.compile(
    r"\b(?:no matter|not only|no doubt|not just|"
    r"no (?:better|worse|more|less|fewer|faster|slower|larger|smaller|higher|lower) than)\b",
    re.IGNORECASE,
)
"""Idioms with a negation word that deny nothing. "No better than predicting the mean" bounds
a comparison; it does not deny predicting the mean."""
_TYPE_ONE = re.compile(r"\btype[\s-]*(?:i|1)\b", re.IGNORECASE)
_TYPE_TWO = re.compile(r"\btype[\s-]*(?:ii|2)\b", re.IGNORECASE)
_OUTCOME = re.compile(r"\b(false|true)[\s-]+(positive|negative)", re.IGNORECASE)
"""A confusion-matrix cell: a false positive is a negative case, so its "positive" is not the
positive side ("1 % of negatives flagged is 2,000 false positives" swaps nothing)."""
_EXTREME_COMPOUND = re.compile(r"\b(min|max)-(?=[a-z])", re.IGNORECASE)
"""A min-/max- compound ("min-heap", "max-pooling") names its side of the min/max axis; as one
hyphenated word the axis would never see it ("a min-heap of size k" against "a max-heap of size
k"). Only these prefixes: splitting every compound cost a dev catch at the seventh stop."""

_TRAIN_TEST = re.compile(r"\btrain(?:ing)?\s*[-–/]\s*test\b", re.IGNORECASE)
"""A train-test mismatch, split or leak is about both sides: as "train" alone it took the
training side ("a train-test mismatch called exposure bias" against "at inference the model
conditions on its own tokens")."""


def _typed(text: str) -> str:
    """Type I / type II errors and the confusion-matrix cells as single axis words, min-/max-
    compounds split at the hyphen, and "train-test" as both sides of training/inference."""
    text = _TRAIN_TEST.sub("training and test-time", text)
    text = _TYPE_TWO.sub("typetwo", _TYPE_ONE.sub("typeone", text))
    text = _EXTREME_COMPOUND.sub(r"\1 ", text)
    return _OUTCOME.sub(lambda m: (m[1][0] + m[2]).lower(), text)


DENIED_BIG_O = re.compile(r"\b(?:not|never|than|instead of|beats|beating)\W*$", re.IGNORECASE)
"""What a big-O that is denied or set aside follows: "heapify builds a heap in O(n), not
O(n log n)" gives O(n) only, and "better than O(n²)" is no bound either."""


def claim(text: str) -> Claim:
    """Polarity, axis sides, direction and complexity of one clause."""
    text = _NOT_NEGATION.sub(" ", text.replace("’", "'"))
    text = _ATTRIBUTIVE.sub(" ", text)
    text = _IMPLICIT_NEGATION.sub("not", text)
    text = _typed(text)
    tokens = words(text)
    ups = sum(t in UP for t in tokens)
    downs = sum(t in DOWN for t in tokens)
    sign = -1 if downs % 2 else 1
    stems = frozenset(
        stem(t) for t in tokens if t not in STOPWORDS and t not in NEGATION and len(t) > 1
    )
    big_o = {
        complexity(m.group(1)): m.group(0)
        for m in BIG_O.finditer(text)
        if not DENIED_BIG_O.search(text[: m.start()])
    }
    asserted: tuple[str, ...] | None = tuple(
        t for part in _CONDITION.sub(" ", text).split(",") for t in (",", *words(part))
    )[1:]
    if not any(t not in STOPWORDS and t not in NEGATION and t != "," for t in asserted):
        asserted = None
    slots = frozenset(
        f"axis:{_AXIS_OF[t][0]}" if t in _AXIS_OF else stem(t)
        for t in tokens
        if t not in STOPWORDS and t not in NEGATION and len(t) > 1
    )
    ranked = _ranked(tokens)
    sides = _one_sided(tokens, _AXIS_OF)
    if ranked:  # "a positive scored above a negative": "above" ranks, it is no threshold side
        sides.pop(_THRESHOLD_AXIS, None)
    return Claim(
        stems,
        tuple(tokens),
        sides,
        (ups + downs, sign),
        big_o,
        asserted,
        _steered(tokens),
        slots,
        _one_sided(
            _QUANTIFIER.sub(" ", " ".join(words(_HELD.sub(" ", text)))).split(), _JUDGEMENT_OF
        ),
        ranked,
    )


def _one_sided(tokens: Sequence[str], index: dict[str, tuple[int, int]]) -> dict[int, int]:
    """The side of each pair (``index``: axes or judgements) the tokens name, for the pairs
    they name one side of only."""
    sides: dict[int, set[int]] = {}
    for t in tokens:
        if t in index:
            pair, side = index[t]
            sides.setdefault(pair, set()).add(side)
    return {pair: next(iter(found)) for pair, found in sides.items() if len(found) == 1}


_LESSER = frozenset(["less", "fewer", "lower", "smaller", "worse", "weaker", "cheaper"])
"""Comparatives that rank the term before "than" *below* the one after it."""
_EQUATIVE = frozenset(["much", "many", "important", "heavily", "strongly", "often"])
"""Words of "as much as", "as important as": the term before outweighs the one after when
a multiple precedes ("twice as much as", "β times as important as")."""


def _ranked(tokens: Sequence[str]) -> dict[int, int]:
    """The side of each axis ranked above the other by a comparison between its two sides:
    "X more than Y", "X over Y" ("favouring precision over recall"), "X ... times as much as
    Y", "X (scored) above Y" rank X; "X less than Y" and "X below Y" rank Y. A clause naming
    both sides has no side of its own (``_one_sided``), so without this "F2 weights precision
    more heavily than recall" and "recall is worth β times as much as precision" would
    agree."""
    ranked: dict[int, set[int]] = {}
    for i, t in enumerate(tokens):
        equative = t == "as" and i >= 2 and tokens[i - 2] == "as" and tokens[i - 1] in _EQUATIVE
        if t not in ("than", "over", "above", "below") and not equative:
            continue
        before = next((_AXIS_OF[w] for w in reversed(tokens[:i]) if w in _AXIS_OF), None)
        after = next((_AXIS_OF[w] for w in tokens[i + 1 :] if w in _AXIS_OF), None)
        if before is None or after is None or before[0] != after[0] or before[1] == after[1]:
            continue
        lesser = t == "below" or (t == "than" and bool(_LESSER & set(tokens[max(0, i - 3) : i])))
        ranked.setdefault(before[0], set()).add(after[1] if lesser else before[1])
    return {axis: next(iter(sides)) for axis, sides in ranked.items() if len(sides) == 1}


STEER_WINDOW = 2
"""Content words either side of an up/down word that it moves ("raising the threshold",
"recall goes up", "minimises the children's weighted impurity")."""


def _steered(tokens: Sequence[str]) -> frozenset[str]:
    """Stems of the ``STEER_WINDOW`` nearest content words either side of an up/down word."""
    moving = UP | DOWN
    content = [(i, t) for i, t in enumerate(tokens) if t not in STOPWORDS and t not in moving]
    near = set()
    for i, t in enumerate(tokens):
        if t in moving:
            before = [w for j, w in content if j < i][-STEER_WINDOW:]
            after = [w for j, w in content if j > i][:STEER_WINDOW]
            near |= {stem(w) for w in before + after}
    return frozenset(near)


_DISMISSIVE = frozenset(["pointless", "unnecessary", "irrelevant", "needless", "superfluous"])
"""Words that deny the need for what the clause is about ("testing capacity 1 is pointless")."""
_NEED = frozenset(
    ["matter", "matters", "need", "needed", "needs", "worth", "necessary", "required", "help"]
)
"""After a negation these deny the need for the subject before it: "stage-level metrics don't
help", "baselines aren't worth running", "edge cases don't matter"."""


def is_negation(word: str) -> bool:
    """A lower-cased word that denies (``NEGATION``, or any "n't" contraction)."""
    return word in NEGATION or word.endswith("n't")


def has_negation(text: str) -> bool:
    """Some word of the text denies something."""
    return any(map(is_negation, words(text)))


def _negated(tokens: Sequence[str], shared: frozenset[str], scope: int, min_shared: int) -> bool:
    """An odd number of negations that govern shared content (one of the next few words, or,
    for a dismissal, the words before it).

    A "not" elsewhere in the clause ("not only", "no matter") says nothing about the claim
    the two clauses share.
    """
    count = 0
    for i, t in enumerate(tokens):
        negation = is_negation(t)
        dismissal = t in _DISMISSIVE or (negation and bool(_NEED & set(tokens[i + 1 : i + 3])))
        if not negation and not dismissal:
            continue
        scope_end = next(
            (j for j in range(i + 1, len(tokens)) if tokens[j] in _SCOPE_BREAK | {","}),
            len(tokens),
        )
        following = [stem(w) for w in tokens[i + 1 : scope_end] if w not in STOPWORDS]
        governed = set(following[:scope]) & shared
        if dismissal:
            # A subject may be a list ("random forests and gradient boosting don't need
            # scaling"): "and" joins its items rather than starting a new conjunct.
            scope_start = max(
                (j + 1 for j in range(i) if tokens[j] in _SCOPE_BREAK - {"and"}), default=0
            )
            preceding = [stem(w) for w in tokens[scope_start:i] if w not in STOPWORDS | {","}]
            governed |= set(preceding[-scope:]) & shared
            following += preceding
        count += len(governed) >= min(min_shared, len(following))
    return count % 2 == 1


def axis_terms(text: str) -> frozenset[tuple[int, int]]:
    """The (axis, side) pairs a text names, e.g. both sides of over/underfitting in
    "overfitting is when a model is too simple"."""
    return frozenset(
        _AXIS_OF[t]
        for t in words(_typed(text))
        if t in _AXIS_OF and _AXIS_OF[t][0] != _THRESHOLD_AXIS
    )


def _axis_slots(a: Claim, b: Claim) -> frozenset[str]:
    """Stems of axis words whose axis both clauses use: "not outside" is about the same slot
    as "inside", so a negation governing it governs shared content."""
    axes = {_AXIS_OF[t][0] for t in a.tokens if t in _AXIS_OF}
    axes &= {_AXIS_OF[t][0] for t in b.tokens if t in _AXIS_OF}
    return frozenset(stem(t) for t in (*a.tokens, *b.tokens) if _AXIS_OF.get(t, (-1,))[0] in axes)


def _shared(a: Claim, b: Claim, params: ContrastParams) -> int:
    """Content stems two clauses share; with ``judgements``, a judgement both make counts as
    one ("easy to interpret" and "harder to interpret" are about the same thing)."""
    shared = len(a.stems & b.stems)
    if params.judgements:
        shared += len(a.judged.keys() & b.judged.keys())
    return shared


def related(a: Claim, b: Claim, params: ContrastParams) -> bool:
    """Two clauses share enough content words to be about the same thing."""
    shared = _shared(a, b, params)
    smaller = max(1, min(len(a.stems), len(b.stems)))
    return shared >= params.min_shared and shared / smaller >= params.min_share_ratio


def axis_side(word: str) -> tuple[int, int] | None:
    """The (axis, side) a lower-cased word names, if any."""
    return _AXIS_OF.get(word)


def axis_words(text: str) -> str:
    """The text with "type I" / "type II" written as the single axis words the rules read."""
    return _typed(text)


def side_name(axis: int, side: int) -> str:
    """One side of an axis as the candidate should read it ("precision", "type I")."""
    return shown(_AXES_TEXT[axis][side].split()[0])


def shown(word: str) -> str:
    """An axis word of ``axis_words`` as the candidate wrote it ("typeone" -> "type I")."""
    return _SHOWN.get(word, word)


def _axis_reason(axis: int) -> str:
    """An axis as a flip's reason: its first word on each side ("bias/variance")."""
    left, right = _AXES_TEXT[axis]
    return f"{left.split()[0]}/{right.split()[0]}"


def flips(a: Claim, b: Claim, judgements: bool = False) -> list[str]:
    """The differences between two related clauses, each one a reason (``judgements``: the
    easy/hard kind too, see ``_JUDGEMENTS_TEXT``)."""
    out = []
    shared = a.stems & b.stems | _axis_slots(a, b)
    if (
        a.asserted is not None
        and b.asserted is not None
        and all(
            _negated(a.asserted, shared, NEGATION_SCOPE, need)
            != _negated(b.asserted, shared, NEGATION_SCOPE, need)
            for need in (1, NEGATION_MIN_SHARED)
        )
    ):
        out.append("negation")
    out += [_axis_reason(x) for x in a.sides.keys() & b.sides.keys() if a.sides[x] != b.sides[x]]
    ranked = a.ranked.keys() & b.ranked.keys()
    if (
        a.direction[0]
        and a.direction[0] == b.direction[0]
        and a.direction[1] != b.direction[1]
        and a.steered & b.steered
        and not ranked  # "less than" / "more than" is the comparison, read by ``_ranked``
    ):
        out.append("direction")
    out += [_axis_reason(x) for x in ranked if a.ranked[x] != b.ranked[x]]
    if a.big_o and b.big_o and not a.big_o.keys() & b.big_o.keys():
        said, stated = (" / ".join(c.big_o.values()) for c in (a, b))
        out.append(f"complexity:{said}:{stated}")
    if judgements:
        for axis in a.judged.keys() & b.judged.keys():
            if a.judged[axis] != b.judged[axis]:
                said, stated = (_JUDGEMENTS_TEXT[axis][c.judged[axis]].split()[0] for c in (a, b))
                out.append(f"judgement:{said}:{stated}")
    return out


_SHOWN = {
    "typeone": "type I",
    "typetwo": "type II",
    "fpositive": "false positives",
    "fnegative": "false negatives",
    "tpositive": "true positives",
    "tnegative": "true negatives",
}


def explain(reason: str) -> str:
    """A flip as the candidate should read it ("it mixes up bias and variance")."""
    if reason == "negation":
        return "it says the opposite"
    if reason == "direction":
        return "it reverses the direction of the effect"
    if reason.startswith("complexity:"):
        _, said, stated = reason.split(":", 2)
        return f"it gives {said} where the key point has {stated}"
    if reason.startswith("judgement:"):
        _, said, stated = reason.split(":")
        return f"it says {said} where the key point says {stated}"
    left, _, right = reason.partition("/")
    return f"it mixes up {shown(left)} and {shown(right)}"


def is_swap(reason: str) -> bool:
    """The reason names a contrast axis ("bias/variance") or an opposite judgement
    ("constant" against "grows"): a term put in another's place, not a negation or a
    direction, which the same words can carry in a sentence about something else."""
    return reason.startswith("judgement:") or ("/" in reason and ":" not in reason)


def compare_claims(
    answer: Sequence[Claim], statement: Sequence[Claim], params: ContrastParams
) -> Comparison:
    """Verdict of an answer sentence's clauses against a statement's clauses.

    Each answer clause is paired with the statement clause it shares most words with, or with
    each of them on a tie: "random forests need standardised features" shares three words with
    both "tree-based models are invariant to ... features" and "so random forests ... don't
    need scaling", and only the second shows it wrong. The sentence agrees when a related pair
    differs in an even number of flips and contradicts when one differs in an odd number; a
    contradiction wins, since one wrong clause makes the sentence wrong.
    """
    verdict, reasons = Verdict.UNRELATED, ()
    for a in answer:
        most = max((_shared(a, s, params) for s in statement), default=0)
        for best in [s for s in statement if _shared(a, s, params) == most]:
            if not related(a, best, params):
                continue
            found = flips(a, best, params.judgements)
            if len(found) % 2 == 1:
                return Comparison(Verdict.CONTRADICTS, tuple(found))
            verdict = Verdict.AGREES
    return Comparison(verdict, reasons)


def compare(answer: str, statement: str, params: ContrastParams | None = None) -> Comparison:
    """Verdict of one answer sentence against one statement (key point or claim)."""
    params = params or ContrastParams()
    return compare_claims(
        [claim(c) for c in clauses(answer)], [claim(c) for c in clauses(statement)], params
    )
