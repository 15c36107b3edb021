"""Wrong claims: answer sentences that state a known misconception or contradict a key point.

Sentence embeddings place "X is Y" next to "X is not Y", and a definition next to the same
definition with its terms swapped, so similarity alone only *aligns* a sentence with a statement
(same topic). Whether the sentence agrees or contradicts is decided by the rules of
``contradiction`` (negation, contrast axes, direction, complexity) on the aligned pair:

* a sentence aligned with a key point that it contradicts is a wrong claim ("contradicts the key
  point ...");
* a sentence aligned with a red flag that it agrees with, and that carries most of the red flag's
  content words, states that misconception. A red flag that describes an omission ("Ignores X")
  is matched by a sentence denying X, never by one stating it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial

import numpy as np

from evaluators.offline.bindings import swapped_role
from evaluators.offline.complexities import (
    Bound,
    bound_complexities,
    wrong_complexity,
    wrong_sole_bound,
    wrong_step,
)
from evaluators.offline.contradiction import (
    Claim,
    Comparison,
    ContrastParams,
    Verdict,
    axis_terms,
    claim,
    clauses,
    compare_claims,
    explain,
    is_swap,
    related,
    statement_core,
)
from evaluators.offline.encode import Encoded
from evaluators.offline.formulas import CODE, Formula, formulas, same_thing, wrong_formula
from evaluators.offline.leakage import LEAKAGE_FLAG, leakage_reason
from evaluators.offline.numbers import Quantity, gives_another_figure, quantities, wrong_number
from evaluators.offline.swaps import find_sentence_swap
from evaluators.offline.traded import Candidate, find_trade, written
from evaluators.offline.tradeoffs import reversed_tradeoff
from evaluators.text import Sentence

CONTRADICTS_PREFIX = "Contradicts the key point: "


@dataclass(frozen=True)
class WrongClaimParams:
    """Thresholds of the wrong-claim check (chosen for few false alarms on right answers)."""

    point_alignment: float = 0.6
    """Sentence-to-key-point cosine from which the two are about the same thing."""
    swap_alignment: float = 0.5
    """Sentence-to-key-point cosine from which a swapped contrast term or an opposite judgement
    alone ("replication splits the table into pieces" against "sharding splits the data across
    machines", "the cache has a fixed size" against "its memory grows with sequence length") is
    a contradiction: the swapped term moves the sentence's vector towards the other term's key
    point, so a swap sits lower than a restatement does."""
    number_alignment: float = 0.5
    """Sentence-to-key-point cosine from which a different figure of the same thing ("1,000
    weight updates" against "4,000 updates") is a contradiction; the unit must match too
    (``numbers``), which keeps this lower than ``point_alignment`` safe."""
    flag_alignment: float = 0.5
    """Sentence-to-red-flag cosine from which the two are about the same thing. Paraphrased
    misconceptions sit at 0.5-0.65; below 0.65 the flag's distinctive words (``states_flag``)
    keep right answers on the same topic out: misconception pairs, dev / own, wrong flagged
    30 % / 60 % at 0.65 against 43 % / 64 % at 0.5, right answers flagged 3 % / 12 % at both."""
    flag_content: float = 0.4
    """Share of the red flag's content words the sentence must carry to state it (0.5 before
    the distinctive-word check: 43 % / 64 % wrong flagged; 0.4: 53 % / 64 %, right answers
    flagged 7 % / 12 %; 0.3: 53 % / 67 % but 10 % / 12 %)."""
    distinctive_match: float = 0.6
    """How closely the sentence must carry the red flag's distinctive words, from MiniLM's
    token vectors (``distinctive_match``): "leave the model in train mode with dropout still
    active" carries "switched on when I evaluate" in other words. Against one shared stem
    (the check before), on the written red-flag sentences of ``benchmarks/claim_rules.py``:
    restatements read as the flag 70.3 -> 73.2 %, corrections 18.8 -> 19.7 %; bank model
    answers flagged 72 -> 67 of 247. At 0.65: 71.0 / 16.4 %, but 2 fewer dev and 3 fewer of
    our own wrong answers caught; at 0.55 more corrections misread (20 %+)."""
    step_alignment: float = 0.4
    """Sentence-to-key-point cosine from which a big-O of the same step ("each insertion")
    is compared (``complexities.wrong_step``): the shared step word is the alignment, so this
    sits below ``number_alignment``."""
    sole_bound_alignment: float = 0.3
    """Sentence-to-key-point cosine from which a big-O of a resource that only that key point
    bounds is compared (``complexities.wrong_sole_bound``): a long sentence walking through
    the algorithm sits at 0.3-0.4 from the key point about its cost. Bank model answers
    flagged: unchanged (61 of 247); blind pairs +1 caught (at 0.4: none)."""
    lexical_alignment: float = 0.8
    """Share of the shorter clause's content words that, shared, aligns a sentence with a
    statement whatever the cosine: a negated restatement ("the p-value is the probability that
    the null is true" against "it is not the probability that the null is true") uses the same
    words, while in-context vectors can put it below the cosine threshold."""
    lexical_min_words: int = 3
    """...and never fewer shared content words than this."""
    lexical_floor: float = 0.45
    """...and a cosine of at least this: a short clause of a key point ("labels with no
    earlier feature row") can share most of its words with a sentence on another step ("match
    each label to the nearest earlier feature row") at cosine 0.37. Blind held-out pairs: right
    answers flagged 4 -> 3 of 40; bank model answers 65 -> 64; no wrong answer lost on dev,
    our own pairs or the held-out ones."""
    contrast: ContrastParams = field(default_factory=ContrastParams)

    @property
    def point_contrast(self) -> ContrastParams:
        """``contrast`` with judgements (easy/hard...), which are compared against key points
        only (see ``contradiction._JUDGEMENTS_TEXT``)."""
        return replace(self.contrast, judgements=True)


@dataclass(frozen=True)
class RedFlagHit:
    red_flag: str
    """The bank red flag, or ``CONTRADICTS_PREFIX`` + the key point contradicted."""
    sentence: Sentence
    reasons: tuple[str, ...] = ()
    """What is wrong, as the candidate should read it ("it mixes up bias and variance",
    "it gives 1,000 where the key point has 4,000"); empty for a red flag stated."""


@lru_cache(maxsize=4096)
def _claims(text: str) -> tuple[Claim, ...]:
    """The clauses of a text, parsed once: key points and red flags recur for every sentence."""
    return tuple(claim(c) for c in clauses(text))


def _verdicts(
    sentence: Sentence, sims: np.ndarray, points: Sequence[str], params: WrongClaimParams
) -> dict[int, Comparison]:
    """The sentence's verdict on every key point it is aligned with (same topic)."""
    answer = _claims(sentence.text)
    contrast = params.point_contrast
    verdicts = {}
    for p, point in enumerate(points):
        stated = _claims(point)
        lexical = sims[p] >= params.lexical_floor and _same_words(answer, stated, params)
        if sims[p] >= params.point_alignment or lexical:
            verdicts[p] = compare_claims(answer, stated, contrast)
        elif sims[p] >= params.swap_alignment:
            found = compare_claims(answer, stated, contrast)
            if found.verdict is Verdict.CONTRADICTS and all(map(is_swap, found.reasons)):
                verdicts[p] = found
    return verdicts


def _same_words(answer: Sequence[Claim], stated: Sequence[Claim], params: WrongClaimParams) -> bool:
    """Some answer clause and some statement clause use nearly the same content words."""
    for a in answer:
        for b in stated:
            shared = len(a.slots & b.slots)
            smaller = min(len(a.slots), len(b.slots))
            if shared >= params.lexical_min_words and shared >= params.lexical_alignment * smaller:
                return True
    return False


def key_point_stems(points: Sequence[str]) -> frozenset[str]:
    """The content stems of a question's key points (see ``states_flag``)."""
    return frozenset().union(*(c.stems for p in points for c in _claims(p)))


_CORRECTING = re.compile(
    r"\b(?:(?:the )?other way(?: round| around)?|the (?:opposite|reverse) (?:is true|holds)|"
    r"it's the (?:opposite|reverse)|it is the (?:opposite|reverse)|traps?|pitfalls?|"
    r"mistakes?|misconceptions?|myths?|naive(?:ly)?|beware|careful|gotchas?|anti-pattern|"
    r"i'd avoid|i would avoid|avoid using|common error|classic error|the catch|"
    r"(?:not|isn't|aren't|never) (?:enough|sufficient)|insufficient|"
    r"(?:yet|but|still) (?:is |are )?(?:invalid|wrong))\b",
    re.IGNORECASE,
)
"""A sentence that turns a claim around, or presents it as a trap or a mistake, corrects it
whatever words it shares: a candidate stating a misconception asserts it. (Model answers of
the bank say "the trap here is checking only the children" and were read as stating it.) So
does one that calls something not enough, or says it passes yet is invalid ("root 10 with
15's left child 7 passes a parent-child check yet is invalid"): it denies the flag's "X is
enough" (written corrections misread 172 -> 171 of 885, no restatement lost)."""


_STEPS = re.compile(r"[A-Za-z_][\w.]*\s*=\s*[A-Za-z_(]")
"""Assignments written as code ("nxt = curr.next"). A sentence with two or more spells out its
steps in order, which is what a prose flag about the order ("I set curr.next to prev first")
gets wrong, so it is not read as stating one: "save nxt = curr.next, set curr.next = prev,
then move" shares every word of that flag and is the right order."""

_HYPOTHETICAL = re.compile(
    r"\b(?<!\bi )(?<!\bwe )(?<!\byou )(?:would|could|might)\b",
    re.IGNORECASE,
)
"""A counterfactual ("a plain ORDER BY with LIMIT 3 *would* give the top 3 overall", "finite
differences *would* need a pass per parameter") describes what goes wrong in the alternative,
which is how a right answer explains a misconception; a candidate states one as a fact or as
their own plan ("I would", "we would"), so only those read as asserting it."""


def _distinctive(flag: str, known: frozenset[str]) -> frozenset[str]:
    """The flag's content stems outside the key points (see ``states_flag``)."""
    core, _ = statement_core(flag)
    return frozenset().union(*(c.stems for c in _claims(core))) - known


def _words_first(distinctive: frozenset[str]) -> frozenset[str]:
    """The distinctive words that are words, or the figures when the flag has no word: "99 %
    is trivial when 1 % are positive" shares only the "1 %" of "accuracy is a good headline
    metric with 1 % positives", and figures recur across right and wrong answers."""
    return frozenset(s for s in distinctive if not s[0].isdigit()) or distinctive


def _worded(hit: frozenset[str], distinctive: frozenset[str]) -> bool:
    """Some distinctive word is shared (``_words_first``)."""
    return bool(hit & _words_first(distinctive))


@dataclass(frozen=True)
class FlagTokens:
    """Token vectors of a red flag (encoded on its own, with stems) and of an answer sentence."""

    flag: Encoded
    sentence: np.ndarray


def distinctive_match(
    tokens: FlagTokens, distinctive: frozenset[str], present: frozenset[str] = frozenset()
) -> float | None:
    """Mean, over the flag's distinctive words, of how closely the sentence carries each: 1
    for a word whose stem is ``present`` in it, else the best cosine that any of its tokens
    reaches with one of the word's pieces (a BERTScore-style recall of those words alone).
    None when no token row of the flag is a distinctive word.

    One shared stem, the check this refines, misses a paraphrase ("still active" for
    "switched on"), and lets one word carry a flag whose other distinctive words the sentence
    lacks: "a value used in several places gets the sum of the gradients from all its uses"
    shares "places" with "... its gradient is taken from the last use only" but carries
    neither "taken" nor "last" (0.52). Figures count only when the flag has no word to carry
    it (``_words_first``).
    """
    words = _words_first(distinctive)
    rows = [i for i, s in enumerate(tokens.flag.stems) if s in words]
    if not rows or not len(tokens.sentence):
        return None
    best = (tokens.flag.tokens[rows] @ tokens.sentence.T).max(axis=1)
    per_word: dict[str, float] = {}
    for row, value in zip(rows, best, strict=True):
        word = tokens.flag.stems[row]
        per_word[word] = 1.0 if word in present else max(per_word.get(word, -1.0), float(value))
    return float(np.mean(list(per_word.values())))


def states_flag(
    sentence: Sentence,
    flag: str,
    params: WrongClaimParams,
    known: frozenset[str] = frozenset(),
    tokens: FlagTokens | None = None,
) -> bool:
    """The sentence states the red flag: it carries most of its words, names every contrast
    term the flag names (a misconception is usually a swapped term: "overfitting ... too
    simple" is not stated by "overfitting ... too good on training data"), and agrees.

    ``known`` holds the stems of the question's key points: the flag's words outside them are
    what makes it a misconception ("fixes *vanishing* gradients"), and a sentence carrying none
    of them is a right answer on the same topic, which the rules would otherwise read as
    agreeing for want of a difference they know. With ``tokens`` (the flag's and the
    sentence's token vectors) a word can be carried in other words (``distinctive_match``).
    """
    core, omission = statement_core(flag)
    answer, stated = _claims(sentence.text), _claims(core)
    flag_stems = frozenset().union(*(c.stems for c in stated))
    answer_stems = frozenset().union(*(c.stems for c in answer))
    if len(flag_stems & answer_stems) < params.flag_content * max(1, len(flag_stems)):
        return False
    if not axis_terms(core) <= axis_terms(sentence.text):
        return False
    if _CORRECTING.search(sentence.text):
        return False
    if len(_STEPS.findall(sentence.text)) >= 2 and not _STEPS.search(core):
        return False
    if _HYPOTHETICAL.search(sentence.text) and not _HYPOTHETICAL.search(core):
        return False
    if not omission and gives_another_figure(sentence.text, core):
        return False  # "it drops by 49 %" corrects "the variance drops by 70 %"
    verdict = compare_claims(answer, stated, params.contrast).verdict
    if verdict is Verdict.UNRELATED and (elaborated := _elaborated(sentence.text)):
        answer = (elaborated,)
        verdict = compare_claims(answer, stated, params.contrast).verdict
    if verdict is Verdict.UNRELATED:
        return False
    if omission:
        return verdict is Verdict.CONTRADICTS
    distinctive = _distinctive(flag, known)
    if distinctive and not _carries(distinctive, answer, answer_stems, stated, params, tokens):
        return False
    return verdict is Verdict.AGREES


def _elaborated(text: str) -> Claim | None:
    """A heading and the first clause of what its colon introduces, read as one clause: in
    "the main lever is regularisation: I'd increase the L2 penalty and add dropout" neither
    clause alone shares two words with "more regularisation or dropout fixes underfitting".
    Used only when no clause alone is about the flag (sentence pairs: 2 more corrections read
    as stating their flag out of 885, no restatement gained, 1 more dev wrong answer caught)."""
    head, colon, rest = text.partition(":")
    parts = clauses(rest) if colon else []
    return claim(f"{head} {parts[0]}") if parts and head.strip() else None


def _carries(
    distinctive: frozenset[str],
    answer: Sequence[Claim],
    answer_stems: frozenset[str],
    stated: Sequence[Claim],
    params: WrongClaimParams,
    tokens: FlagTokens | None,
) -> bool:
    """The sentence carries the flag's distinctive words: by token vectors when there are
    any, else by shared stems in a clause that restates the flag. By vectors, one clause of
    the flag is enough ("an AUC of 0.8 means 80 % accuracy" restates the second half of "an
    AUC of 0.5 means the model is wrong half the time, and an AUC of 0.8 means 80 %
    accuracy"), as it is for the rules."""
    if tokens is not None:
        matches = [
            distinctive_match(tokens, distinctive & part.stems, answer_stems)
            for part in stated
            if distinctive & part.stems
        ]
        found = [m for m in matches if m is not None]
        if found:
            return max(found) >= params.distinctive_match
    return _worded(distinctive & _related_stems(answer, stated, params), distinctive)


def _related_stems(
    answer: Sequence[Claim], stated: Sequence[Claim], params: WrongClaimParams
) -> frozenset[str]:
    """Stems of the answer clauses that are about one of the flag's clauses."""
    return frozenset().union(
        *(a.stems for a in answer if any(related(a, b, params.contrast) for b in stated))
    )


def find_red_flags(
    red_flags: Sequence[str],
    flag_vectors: np.ndarray,
    points: Sequence[str],
    point_vectors: np.ndarray,
    sentences: Sequence[Sentence],
    sentence_vectors: np.ndarray,
    params: WrongClaimParams | None = None,
    question: str = "",
    flag_encodings: Sequence[Encoded] = (),
    sentence_encodings: Sequence[Encoded] = (),
) -> list[RedFlagHit]:
    """Every red flag stated, and every key point contradicted, by some answer sentence.

    At most one hit per red flag and per sentence; a sentence is judged against the bank's red
    flags first, then against the key points. A key point that another sentence of the answer
    states correctly is not reported as contradicted: the answer's stance on it is at worst
    mixed, and the rules misread a contrast ("a while loop may never run") more often than a
    candidate states both a fact and its opposite.
    """
    params = params or WrongClaimParams()
    if not sentences:
        return []
    flag_sims = flag_vectors @ sentence_vectors.T if len(red_flags) else None
    point_sims = point_vectors @ sentence_vectors.T if len(points) else None
    verdicts = (
        [_verdicts(s, point_sims[:, i], points, params) for i, s in enumerate(sentences)]
        if point_sims is not None
        else [{} for _ in sentences]
    )
    agreed = {p for v in verdicts for p, c in v.items() if c.verdict is Verdict.AGREES}
    known = key_point_stems(points)
    given = quantities(question)
    stated = [q for sentence in sentences for q in quantities(sentence.text)]
    written = [f for sentence in sentences for f in formulas(sentence.text)]
    bounds = [bound_complexities(sentence.text) for sentence in sentences]
    hits: list[RedFlagHit] = []
    used: set[str] = set()
    for s, sentence in enumerate(sentences):
        hit = None
        if flag_sims is not None:
            for f in np.argsort(-flag_sims[:, s]):
                flag = red_flags[int(f)]
                if flag in used:
                    continue
                aligned = flag_sims[f, s] >= params.flag_alignment
                if not aligned and not _same_words(
                    _claims(sentence.text), _claims(statement_core(flag)[0]), params
                ):
                    continue
                nearer_a_point = point_sims is not None and (
                    point_sims[:, s].max() >= flag_sims[f, s]
                )
                if nearer_a_point and not _distinctive(flag, known):
                    # A flag made only of key-point words ("precision is TP / (TP + FN)")
                    # differs from them by which word goes where, which only similarity
                    # sees: the sentence must be nearer the flag than any key point.
                    continue
                tokens = (
                    FlagTokens(flag_encodings[int(f)], sentence_encodings[s].tokens)
                    if flag_encodings and sentence_encodings
                    else None
                )
                if states_flag(sentence, flag, params, known, tokens):
                    hit = RedFlagHit(flag, sentence)
                    break
        if hit is None and point_sims is not None:
            hit = _contradicted_point(sentence, point_sims[:, s], verdicts[s], points, agreed)
        if hit is None and point_sims is not None:
            hit = _misnumbered_point(sentence, point_sims[:, s], points, params, given, stated)
        if hit is None and point_sims is not None and bounds[s]:
            check = partial(wrong_complexity, stated=bounds, every=points)
            hit = _against_aligned(sentence, point_sims[:, s], points, params, check)
        if hit is None and point_sims is not None and bounds[s]:
            hit = _sole_bound_contradicted(sentence, point_sims[:, s], points, params, bounds)
        if hit is None and point_sims is not None and bounds[s]:
            check = partial(wrong_step, stated=bounds)
            floor = params.step_alignment
            hit = _against_aligned(sentence, point_sims[:, s], points, params, check, floor)
        if hit is None and point_sims is not None:
            hit = _against_aligned(sentence, point_sims[:, s], points, params, swapped_role)
        if hit is None and point_sims is not None:
            hit = _against_aligned(sentence, point_sims[:, s], points, params, reversed_tradeoff)
        if hit is None and point_sims is not None:
            hit = _misformulated_point(sentence, point_sims[:, s], points, params, written)
        if hit is None and points and question:
            hit = _swapped_terms(sentence, question, points)
        if hit is None and (reason := leakage_reason(sentence.text)):
            hit = RedFlagHit(LEAKAGE_FLAG, sentence, (reason,))
        if hit is not None and hit.red_flag not in used:
            used.add(hit.red_flag)
            hits.append(hit)
    return hits


def traded_hits(
    candidates: Sequence[Candidate],
    question: str,
    points: Sequence[str],
    sentences: Sequence[Sentence],
    hits: Sequence[RedFlagHit],
    vector: Callable[[str], np.ndarray],
) -> list[RedFlagHit]:
    """Key points contradicted by an answer that trades two terms' descriptions
    (``traded``), on sentences with no wrong claim yet: the sentence-by-sentence checks come
    first because their reasons are more specific."""
    taken = {h.sentence.start for h in hits} | {h.red_flag for h in hits}
    out = []
    for candidate in candidates:
        trade = find_trade(candidate, points, sentences, vector)
        if trade is None:
            continue
        flag = CONTRADICTS_PREFIX + trade.point
        if trade.sentence.start in taken or flag in taken:
            continue
        taken |= {trade.sentence.start, flag}
        named, other = (written(t, question, points) for t in (trade.named, trade.other))
        reason = (
            f"it describes {named} as the key point describes {other},"
            f" and {other} as it describes {named}"
        )
        out.append(RedFlagHit(flag, trade.sentence, (reason,)))
    return out


_CONCLUSION = re.compile(
    r"^\W*(?:so|thus|therefore|hence|consequently|this means|that means|which means|"
    r"in other words|it follows that|that is,|i\.e\.)\b",
    re.IGNORECASE,
)
"""Openings that draw a conclusion from the sentence before."""


def built_on_wrong_claims(sentences: Sequence[Sentence], hits: Sequence[RedFlagHit]) -> set[int]:
    """The sentences that are wrong claims, and those that draw a conclusion from one.

    "The p-value is the chance that the null is true. So with p = 0.02 we can be 98 % sure it
    works": the second sentence applies the misconception the first states, in words the rules
    cannot tie to the red flag, and earned coverage (of "it is not a 97 % probability that the
    variant is better"), depth and examples. A conclusion drawn from a wrong claim is not
    credited, whatever it says; a chain of them ("So ... So ...") follows the first.
    """
    wrong = {h.sentence.start for h in hits}
    found: set[int] = set()
    for i, sentence in enumerate(sentences):
        if sentence.start in wrong or (i - 1 in found and _CONCLUSION.match(sentence.text)):
            found.add(i)
    return found


def _sole_bound_contradicted(
    sentence: Sentence,
    sims: np.ndarray,
    points: Sequence[str],
    params: WrongClaimParams,
    stated: Sequence[Bound],
) -> RedFlagHit | None:
    """``complexities.wrong_sole_bound``, from cosine ``params.sole_bound_alignment``."""
    found = wrong_sole_bound(sentence.text, points, stated)
    if found is None or sims[found[0]] < params.sole_bound_alignment:
        return None
    point, reason = found
    return RedFlagHit(CONTRADICTS_PREFIX + points[point], sentence, (reason,))


def _contradicted_point(
    sentence: Sentence,
    sims: np.ndarray,
    verdicts: dict[int, Comparison],
    points: Sequence[str],
    agreed: set[int],
) -> RedFlagHit | None:
    """The most similar aligned key point the sentence contradicts and no sentence states.

    A contradiction by complexity alone is passed over when the sentence gives a big-O that
    another aligned key point gives: "mergesort guarantees O(n log n)" is the bound of the
    mergesort key point, not a wrong one for "Timsort takes O(n) on already sorted input"."""
    given = _big_os(sentence.text)
    for p in sorted(verdicts, key=lambda p: -sims[p]):
        found = verdicts[p]
        if found.verdict is not Verdict.CONTRADICTS or p in agreed:
            continue
        if all(r.startswith("complexity:") for r in found.reasons) and any(
            given & _big_os(points[q]) for q in verdicts
        ):
            continue
        reasons = tuple(explain(r) for r in found.reasons)
        return RedFlagHit(CONTRADICTS_PREFIX + points[p], sentence, reasons)
    return None


def _big_os(text: str) -> frozenset[str]:
    """The big-Os of a text, each in one spelling."""
    return frozenset().union(*(c.big_o.keys() for c in _claims(text)))


def _misnumbered_point(
    sentence: Sentence,
    sims: np.ndarray,
    points: Sequence[str],
    params: WrongClaimParams,
    given: Sequence[Quantity],
    stated: Sequence[Quantity],
) -> RedFlagHit | None:
    """The most similar aligned key point whose figure the sentence gets wrong."""
    for p in np.argsort(-sims):
        if sims[p] < params.number_alignment:
            break
        reason = wrong_number(sentence.text, points[int(p)], given, stated)
        if reason:
            return RedFlagHit(CONTRADICTS_PREFIX + points[int(p)], sentence, (reason,))
    return None


def _against_aligned(
    sentence: Sentence,
    sims: np.ndarray,
    points: Sequence[str],
    params: WrongClaimParams,
    check: Callable[[str, Sequence[str]], tuple[str, str] | None],
    floor: float | None = None,
) -> RedFlagHit | None:
    """The hit of a check that reads the sentence against the aligned key points, most
    similar first, and returns the key point it contradicts with the reason: a wrong big-O of
    time or space (``complexities.wrong_complexity``) or of a step (``complexities.wrong_step``,
    from its own ``floor``), a named variant put with the other
    side of an axis (``bindings.swapped_role``), a trade-off moved the other way round
    (``tradeoffs.reversed_tradeoff``)."""
    floor = params.number_alignment if floor is None else floor
    aligned = [points[int(p)] for p in np.argsort(-sims) if sims[p] >= floor]
    found = check(sentence.text, aligned)
    if found is None:
        return None
    point, reason = found
    return RedFlagHit(CONTRADICTS_PREFIX + point, sentence, (reason,))


_CODE = re.compile(
    CODE.pattern + r"|\b(?:WHERE|GROUP BY|lambda)\b|^\s*\w+\s*=(?!=)|\w\[", re.MULTILINE
)
"""Code in an answer: ``formulas.CODE``, and also assignments and indexing (a formula's "=" is
code here). Its words are names, so which term's describing words it uses says nothing about
a swap."""


def _misformulated_point(
    sentence: Sentence,
    sims: np.ndarray,
    points: Sequence[str],
    params: WrongClaimParams,
    written: Sequence[Formula],
) -> RedFlagHit | None:
    """The key point whose formula the sentence writes differently: judged against the most
    similar aligned key point with a formula of the same quantity, so that "Var(W) =
    2 / (fan_in + fan_out)" is read against Xavier's key point, not He's. A key point whose
    formula the answer writes correctly elsewhere is passed over: that sentence is its match."""
    for p in np.argsort(-sims):
        if sims[p] < params.number_alignment:
            break
        point = points[int(p)]
        if not same_thing(sentence.text, point):
            continue
        if wrong_formula(sentence.text, point) is None:
            return None
        reason = wrong_formula(sentence.text, point, written)
        if reason:
            return RedFlagHit(CONTRADICTS_PREFIX + point, sentence, (reason,))
    return None


def _swapped_terms(sentence: Sentence, question: str, points: Sequence[str]) -> RedFlagHit | None:
    """The key point whose description the sentence, or one of its clauses, gives the
    question's other term ("gradient boosting trains its trees independently in parallel")."""
    if _CODE.search(sentence.text):
        return None  # identifiers are not descriptions ("dlogits = probs - onehot")
    found = find_sentence_swap(sentence.text, question, points)
    if found is None:
        return None
    reason = f"it describes {found.described} but calls it {found.named}"
    return RedFlagHit(CONTRADICTS_PREFIX + found.point, sentence, (reason,))
