"""Judge the story builder's boxes as what they are, instead of re-detecting STAR in their join.

In the builder the user has already said which text is the situation, the task and so on;
re-detecting components from the concatenated story threw that away (a filled Situation box
was reported missing). Each box is checked for its own purpose: is the Task the speaker's own
goal, is the Action what *I* did, does the Result carry a number, and does the box read like
a different component altogether?
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from evaluators.schemas import StarAnalysis, StarComponent
from evaluators.star.detect import Detector, ownership_ratio
from evaluators.star.features import SINGULAR, result_quantities
from evaluators.star.model import LABELS, shipped_model
from evaluators.star.scoring import owned_actions
from evaluators.text import split_sentences

OFF_PURPOSE_OWN_MAX = 0.2
"""A box whose best sentence scores below this for its own component..."""
OFF_PURPOSE_OTHER_MIN = 0.6
"""...and at least this for another one reads like that other component."""


@dataclass(frozen=True)
class BoxCheck:
    """The verdict on one builder box: filled, fit for purpose, and what to fix."""

    component: str
    filled: bool
    ok: bool
    note: str


def _off_purpose(detector: Detector, component: str, text: str) -> str | None:
    """The component the box reads like instead of its own, if any."""
    proba = detector.scores(text).proba
    if not len(proba):
        return None
    best = proba.max(axis=0)
    own = LABELS.index(component)
    other = int(np.argmax(np.where(np.arange(len(LABELS)) == own, -1.0, best)))
    if best[own] < OFF_PURPOSE_OWN_MAX and best[other] >= OFF_PURPOSE_OTHER_MIN:
        return LABELS[other]
    return None


def _purpose_note(component: str, text: str) -> str:
    """What the box is missing for its purpose ("" when it does its job)."""
    sentences = [s.text for s in split_sentences(text)]
    if component == "task" and not SINGULAR.search(text):
        return "Say what *you* were responsible for: \u201cI owned\u2026\u201d."
    if component == "action" and not owned_actions(sentences):
        return (
            "Say what *you* did, with \u201cI\u201d: \u201cI compared\u2026, I wrote\u2026\u201d."
        )
    if component == "result" and not result_quantities(text):
        return "Put a number on the result (a percentage, time saved, before and after)."
    return ""


def judge_boxes(
    fields: Mapping[str, str], detector: Detector | None = None
) -> tuple[StarAnalysis, list[BoxCheck]]:
    """STAR analysis of builder boxes (evidence = the box's own text) and a verdict per box."""
    detector = detector or Detector(shipped_model())
    checks, parts = [], {}
    for component in LABELS:
        text = fields.get(component, "").strip()
        if not text:
            checks.append(BoxCheck(component, False, False, "Empty."))
            parts[component] = StarComponent()
            continue
        other = _off_purpose(detector, component, text)
        note = _purpose_note(component, text) or (
            f"This reads like a {other}, not a {component}." if other else ""
        )
        checks.append(BoxCheck(component, True, not note, note))
        parts[component] = StarComponent(present=other is None, evidence=text)
    action = fields.get("action", "").strip()
    star = StarAnalysis(
        **parts,
        result_quantified=parts["result"].present
        and bool(result_quantities(parts["result"].evidence)),
        first_person_singular_ratio=ownership_ratio(detector.scores(action).sentences),
    )
    return star, checks
