"""Wrong formulas: a sentence that defines a quantity by another formula than the key point.

"He initialisation shrinks the variance to Var(W) = 1 / (2 · fan_in)" against "He uses
Var(W) = 2 / fan_in": the words agree, the figures are not quantities of anything, and only the
right-hand side differs. A formula is compared only with a formula *of the same thing* (the
same left-hand side, "Var(W)") over the same variables ("fan_in"), so another convention
("Var(W) = 2 / (fan_in + fan_out)" is Xavier, and a different key point) or notation ("σ / √n"
for "s / √n") is never read as a wrong formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_LHS = re.compile(r"([A-Za-z][\w@]*(?:\([^()=]{1,12}\))?)\s*=(?!=)\s*")
"""A short name, optionally applied ("Var(W)", "nDCG@k", "SE"), followed by a single "="."""
_PLAIN_WORD = re.compile(r"^[a-z]{2,}[.,;:]?$")
"""A lower-case word: prose again ("2 / fan_in *to* compensate"); TP, N, W2 are variables."""
_OPERATOR = re.compile(r"[/+\-−·×*^√²³()⊙]")
_CONTINUES = re.compile(r"[/+\-−·×*^√(⊙=]$")
"""A token ending in an operator expects more formula ("2 /" ... "fan_in")."""
CODE = re.compile(r"\b(?:def|return|import|SELECT|FROM)\b|\w\.\w+\(|\n\s{2,}\S")
"""Code rather than a formula in prose (keywords, method calls, indented lines): its
assignments are steps, not definitions."""
_SYMPY_SPELLINGS = (
    (re.compile(r"[−–]"), "-"),
    (re.compile(r"[·×⋅@]"), "*"),
    (re.compile(r"½"), "(1/2)"),
    (re.compile(r"√\s*(\w+|\([^()]*\))"), r"sqrt(\1)"),
    (re.compile(r"²"), "**2"),
    (re.compile(r"³"), "**3"),
    (re.compile(r"ᵀ"), ""),
)
_VARIABLE = re.compile(r"[a-z_]\w*")
_SPELLINGS = (
    (re.compile(r"sqrt\s*\(\s*([^()]+)\s*\)", re.IGNORECASE), r"√\1"),
    (re.compile(r"\^\s*2"), "²"),
    (re.compile(r"[−–]"), "-"),
    (re.compile(r"[\s·×*⋅]+"), ""),
)
_KNOWN_FUNCTIONS = frozenset(["log", "exp", "mean", "sum", "max", "min", "softmax", "var", "sqrt"])


@dataclass(frozen=True)
class Formula:
    name: str
    """The left-hand side, normalised ("var(w)")."""
    value: str
    """The right-hand side, normalised ("2/fan_in")."""
    shown: str
    """The right-hand side as written, for feedback."""
    variables: frozenset[str]
    named: str = ""
    """The left-hand side as written ("Var(W)"), for feedback."""


def _normal(text: str) -> str:
    for pattern, written in _SPELLINGS:
        text = pattern.sub(written, text)
    return text.lower().strip(".,;:")


def _right_side(text: str) -> str:
    """The formula after "=": tokens up to the first plain word that is not part of it, or
    the next "=" of a chain ("SE = s / √n = 1")."""
    kept: list[str] = []
    for token in text.split("=")[0].split():
        if kept and _PLAIN_WORD.match(token) and not _CONTINUES.search(kept[-1]):
            break
        kept.append(token)
        if token[-1] in ",;:":
            break
    shown = " ".join(kept).rstrip(".,;:")
    return shown if shown.count("(") == shown.count(")") else ""


def formulas(text: str) -> list[Formula]:
    """Every "name = formula" in a text whose right-hand side has an operator and a variable."""
    return list(_parsed(text))


@lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[Formula, ...]:
    """``formulas``, cached: a key point's formulas are read for every aligned sentence of
    every answer, and the sentence's again for each key point."""
    if CODE.search(text):
        return ()
    out = []
    for m in _LHS.finditer(text):
        shown = _right_side(text[m.end() :])
        if not shown or not _OPERATOR.search(shown):
            continue
        value = _normal(shown)
        named = _VARIABLE.findall(shown.lower())
        variables = frozenset(v for v in named if v not in _KNOWN_FUNCTIONS)
        if not variables:
            continue
        out.append(Formula(_normal(m.group(1)), value, shown, variables, m.group(1)))
    return tuple(out)


def same_thing(sentence: str, point: str) -> bool:
    """The sentence and the key point each give a formula of one quantity."""
    return any(
        f.name == e.name and f.variables & e.variables
        for f in _parsed(sentence)
        for e in _parsed(point)
    )


def wrong_formula(sentence: str, point: str, stated: Iterable[Formula] = ()) -> str | None:
    """How the sentence's formula for a quantity differs from the key point's, or None.

    ``stated`` are the formulas anywhere in the answer: a key point whose formula the answer
    writes somewhere is not contradicted by another (an intermediate step, or a what-if).
    """
    stated = list(stated)
    for f in _parsed(sentence):
        for e in _parsed(point):
            if f.name != e.name or not f.variables & e.variables or _equal(f, e):
                continue
            if any(s.name == e.name and _equal(s, e) for s in stated):
                continue
            return f"it gives {f.named} = {f.shown} where the key point has {e.named} = {e.shown}"
    return None


def _equal(a: Formula, b: Formula) -> bool:
    """One formula written two ways ("1 + ½E0" and "1 + E0/2"); when either cannot be parsed
    the two are taken as equal, since only a formula read for sure may be called wrong."""
    if a.value == b.value:
        return True
    left, right = _expression(a.shown), _expression(b.shown)
    if left is None or right is None:
        return True
    import sympy

    try:
        return sympy.simplify(left - right) == 0
    except (TypeError, ValueError, sympy.SympifyError):
        return True


def _expression(shown: str):
    """The formula as a sympy expression (implicit products allowed), or None.

    sympy rather than string rules: equal formulas differ in order, factoring and notation.
    """
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication,
        parse_expr,
        standard_transformations,
    )

    text = shown
    for pattern, written in _SYMPY_SPELLINGS:
        text = pattern.sub(written, text)
    try:
        return parse_expr(
            text, transformations=(*standard_transformations, implicit_multiplication, convert_xor)
        )
    except (SyntaxError, TypeError, ValueError, AttributeError, NameError):
        return None
