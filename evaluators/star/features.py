"""Lexical features of a story sentence: pronouns, tense, quantities, cue phrases, position.

They complement the MiniLM sentence vector, which knows what a sentence is about but not
whether "I" or "we" did it, nor whether it carries a number. Pure functions of the text.
"""

from __future__ import annotations

import re

import numpy as np

_I = re.IGNORECASE

SINGULAR = re.compile(r"\b(I|I'm|I've|I'd|I'll|me|my|myself)\b")
PLURAL = re.compile(r"\b(we|we're|we've|we'd|us|our|ourselves)\b", _I)
_NUMBER_WORD = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|half|third|"
    r"thirds|quarter|percent|zero"
)
_QUANTITY = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:%|x\b|k\b|ms\b|[a-z]+)?|"
    rf"\b(?:{_NUMBER_WORD})\b|"
    r"\b(?:halved|doubled|tripled|quadrupled|twice|tenfold|one in \w+|from one)\b",
    _I,
)
_TIME_ANCHOR = re.compile(
    r"\b(?:in|since|by|during|of|early|late)\s+(?:19|20)\d\d\b|"
    r"\b(?:the following|the next|the same|that same|the first|one|per|each|every)\s+"
    r"(?:day|week|month|quarter|year|afternoon|morning)\b|"
    r"\bwithin (?:the|a) (?:week|month|quarter|year)\b|\bday one\b|"
    r"\b(?:after|within|for|in|over|had) (?:about |around |roughly |the next |the )?"
    r"[a-z0-9-]+ (?:days?|weeks?|months?|years?)\b",
    _I,
)
"""Times that date the story ("in 2021", "the following week") rather than measure a change."""
CHANGE = re.compile(
    r"\bfrom\b[^.;]{1,40}?\bto\b|\b(?:fell|dropped|rose|grew|shrank|cut|reduced|increased|"
    r"improved|lifted|raised|saved|caught|halved|doubled|tripled|went (?:up|down|from)|"
    r"down to|up to|"
    r"instead of)\b",
    _I,
)
_PAST = re.compile(
    r"\b\w{3,}ed\b|\b(?:was|were|had|did|made|took|got|went|found|built|wrote|ran|saw|told|"
    r"sat|set|put|kept|led|brought|thought|spent|began|gave|chose|came|left|felt|knew|met|"
    r"sent|shipped|caught|fell|rose|grew|cut|paid|heard|said|understood|won|lost|drove)\b",
    _I,
)
_CUES: dict[str, re.Pattern[str]] = {
    "label_s": re.compile(r"^\W*(situation|context|background)\s*:", _I),
    "label_t": re.compile(r"^\W*(task|goal)\s*:", _I),
    "label_a": re.compile(r"^\W*actions?\s*:", _I),
    "label_r": re.compile(r"^\W*(results?|outcome|impact)\s*:", _I),
    "label_l": re.compile(r"^\W*(reflection|lessons?|learnings?)\s*:", _I),
    "task": re.compile(
        r"\b(my (job|task|goal|role|responsibility|part) (was|is)|I (was|had been) (asked|"
        r"tasked|responsible|supposed|charged|on call)|I owned|I was the one|I had to|I needed "
        r"(to|a|an|the|them|him|her)|I wanted (to|it|us|him|her|them)|it was on me|"
        r"my manager asked me|asked me to|I took it on|I was responsible|the goal was|"
        r"I had (a|one|two|three) (week|month)s?|"
        r"it was not my|it wasn't my|as the (only|tech|team|senior)|I took over|I felt I had)\b",
        _I,
    ),
    "reflection": re.compile(
        r"\b(I learned|I learnt|lesson|learned that|taught me|next time|in hindsight|looking "
        r"back|I would (now|have|start|do)|I'd (do|have|start)|differently|since then|now I|I "
        r"now|I no longer|I still|takeaway|reflect\w*|I realised|I realized|reminded me|I "
        r"should have|we should have)\b",
        _I,
    ),
    "result": re.compile(
        r"\b(as a result|in the end|after that|afterwards|eventually|ultimately|went live|"
        r"launched|shipped|agreed|adopted|accepted|signed|on time|on schedule|recovered|"
        r"stopped|worked|now|since|back to|went (fine|well|smoothly)|turned out)\b",
        _I,
    ),
    "situation": re.compile(
        r"\b(at my (last|previous|current|first)|when I (joined|was)|last (year|spring|summer|"
        r"autumn|fall|winter|quarter|month|november|march)|(a|one) (year|few months) ago|once|"
        r"there was|we had|our team|we were|this was|I was working|during|while)\b",
        _I,
    ),
    "hedge": re.compile(r"\b(um|uh|like|honestly|so yeah|you know|I think|kind of)\b", _I),
    "action_verb": re.compile(
        r"\b(I|we) (\w+ly )?(\w+ed|built|wrote|ran|set|took|made|sat|went|met|put|led|sent|"
        r"brought|gave|kept|spent|told|found|dug|drafted|proposed|rewrote|shipped|cut|chose)\b",
        _I,
    ),
}
FEATURE_NAMES: tuple[str, ...] = (
    "position",
    "is_first",
    "is_last",
    "singular",
    "plural",
    "starts_i",
    "starts_we",
    "past",
    "quantity",
    "change",
    "change_quantity",
    "words",
    *_CUES,
)


def result_quantities(text: str) -> list[str]:
    """Quantities in a sentence that measure something (dates and "the next week" removed)."""
    cleaned = _TIME_ANCHOR.sub(" ", text)
    return [m.group(0) for m in _QUANTITY.finditer(cleaned)]


def sentence_features(text: str, index: int, count: int) -> np.ndarray:
    """Feature vector of one sentence at ``index`` in a story of ``count`` sentences."""
    words = max(1, len(text.split()))
    quantities = result_quantities(text)
    first = text.lstrip(" \"'“").split(" ", 1)[0].lower()
    values = [
        index / max(1, count - 1),
        float(index == 0),
        float(index == count - 1 and count > 1),
        min(3, len(SINGULAR.findall(text))) / 3,
        min(3, len(PLURAL.findall(text))) / 3,
        float(first in ("i", "i'm", "i've", "i'd")),
        float(first in ("we", "we're", "we've")),
        min(4, len(_PAST.findall(text))) / 4,
        min(3, len(quantities)) / 3,
        float(bool(CHANGE.search(text))),
        float(bool(quantities) and bool(CHANGE.search(text))),
        min(60, words) / 60,
        *(float(bool(p.search(text))) for p in _CUES.values()),
    ]
    return np.asarray(values, dtype=np.float32)


def has_label_prefix(text: str, component: str) -> bool:
    """The speaker labelled the sentence ("Result: ...") — taken at their word."""
    return bool(
        _CUES["label_" + component[0] if component != "reflection" else "label_l"].search(text)
    )


def first_person_action(text: str) -> bool:
    """ "I" or "we" followed by a past-tense verb: someone in the story did something."""
    return bool(_CUES["action_verb"].search(text))


def task_cue(text: str) -> bool:
    """The speaker states a goal or responsibility ("I owned…", "my goal was…")."""
    return bool(_CUES["task"].search(text))


def measured_change(text: str) -> bool:
    """A change with a measured size ("cut review time by a third", "from 14 to 3 hours")."""
    return bool(CHANGE.search(text)) and bool(result_quantities(text))


_LESSON = re.compile(
    r"\b(I learned|I learnt|lessons?\b|taught me|in hindsight|looking back|took from it|"
    r"takeaway|next time|should have|would (now )?do \w+ differently|I'd do \w+ differently)",
    _I,
)


def lesson_cue(text: str) -> bool:
    """An explicit lesson ("in hindsight…", "what I took from it…"), not just "now" or "since"."""
    return bool(_LESSON.search(text))
