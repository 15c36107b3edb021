"""Leakage stated as a procedure: fitting on data the evaluation must not see.

Data leakage is the misconception an ML interviewer meets on every topic (preprocessing,
cross-validation, early stopping, stacking, target encoding, thresholds), and a candidate
states it as a plan, in their own words, whether or not the question's red flags list it:
"I fit the scaler on the whole dataset before the split", "I monitor the test set to pick the
stopping point", "I collect the base models' predictions on that same training set". Three
shapes are read, each within one clause, so that a justification elsewhere in the sentence
("... so it can't leak") does not hide it:

* a fitting step (fit, select, impute, encode, oversample...) on the full dataset or before
  the split;
* a decision (tune, select, pick, monitor, stop...) taken on the test set;
* predictions or statistics computed on a set and put back onto that same set.

A clause that warns about it (a negation, "leak", "mistake", "optimistic"...), that is a
condition ("if you fit on all the data ...") or that refits a chosen model on all the data
(which is right) is not read as stating it.
"""

from __future__ import annotations

import re

from evaluators.offline.contradiction import clauses, has_negation

LEAKAGE_FLAG = (
    "Fits, selects or tunes on data the evaluation must not see (the test set, the full "
    "dataset before the split, or the rows a feature or prediction is then used on): leakage."
)

_I = re.IGNORECASE

_FIT = re.compile(
    r"\b(?:fit|fits|fitted|fitting|train|trains|trained|training|learn\w*|select\w*|choos\w*|"
    r"chose|pick\w*|impute\w*|imputing|scal(?:e|es|ed|ing)|normali[sz]\w*|standardi[sz]\w*|"
    r"encod\w*|smote|oversampl\w*|resampl\w*|rebalanc\w*|balanc\w*|filter\w*|rank\w*|"
    r"comput\w*|estimat\w*|tun(?:e|es|ed|ing)|run|runs|apply|applies|applied|applying)\b",
    _I,
)
_ALL_DATA = re.compile(
    r"\b(?:(?:the|our|my) )?(?:full|whole|entire|complete) (?:data ?set|data|corpus|table)\b|"
    r"\ball (?:of )?(?:the|our|my) (?:data|rows|examples|samples)\b|"
    r"\bbefore (?:the |any |a |we |i )?(?:train[- /]test |cv |cross-validation )?"
    r"(?:split|splitting)\b",
    _I,
)
_DECIDE = re.compile(
    r"\b(?:tun(?:e|es|ed|ing)|select\w*|choos\w*|chose|pick\w*|monitor\w*|watch\w*|stop\w*|"
    r"early[- ]stop\w*|decid\w*|threshold\w*|compar\w*|iterat\w*)\b",
    _I,
)
_TEST_SET = re.compile(r"\b(?:the|a|our|my) test (?:set|data|split|fold)\b|\btest-set\b", _I)
_SAME_ROWS = re.compile(
    r"\b(?:on|onto|to|for|over) (?:that|those|these|the) same (?:training |train )?"
    r"(?:set|rows|data|examples|samples|training set)\b|\bin-sample (?:predictions|encodings)\b",
    _I,
)
_DERIVED = re.compile(
    r"\b(?:predict\w*|encod(?:e|es|ed|ing|ings)|means?|statistics|mapping|calibrat\w*|"
    r"meta-model|target)\b",
    _I,
)
"""What is computed from rows and must not be put back onto them: predictions, encodings,
means, a calibration mapping."""
_WARNED = re.compile(
    r"\b(?:leak\w*|mistakes?|wrong\w*|trap|pitfall|optimistic\w*|inflat\w*|overstat\w*|"
    r"contaminat\w*|cheat\w*|avoid\w*|instead|rather|only|out-of-fold|held-out|untouched|"
    r"separate|final\w*|refit\w*|retrain\w*|after|deploy\w*|validation|at the end|"
    r"(?:keep|kept|hold|held|set) (?:a|the) test)\b",
    _I,
)
"""Words of a clause that warns about leakage, keeps the evaluation data apart ("only on the
training fold", "out-of-fold", "untouched", "validation", "at the end"), or refits a chosen
model for deployment ("retrain on the full dataset once the settings are chosen" is right)."""
_CONDITION = re.compile(r"^\W*(?:if|when|whenever|unless|suppose)\b", _I)
_OWN = re.compile(
    r"\b(?:i|i'd|i'll|i'm|we|we'd|we'll|we're|my|our)\b|"
    r"^\W*(?:(?:first|then|next|so),?\s+)?(?:apply|fit|run|use|select|tune|pick|choose|impute|"
    r"scale|normali[sz]e|standardi[sz]e|oversample|compute|train|encode|filter|monitor)\b|"
    r"\b(?:fine|safe|harmless|ok|okay|acceptable|allowed|legitimate|no harm|no problem|"
    r"keep things simple)\b",
    _I | re.MULTILINE,
)
"""The candidate's own procedure or approval: "I fit ...", "Apply SMOTE to ...", "... is fine
to run on the full dataset". A sentence that only names a leak ("Second, SMOTE before
splitting") or explains one ("running SMOTE before the split puts near-duplicates into the
validation folds") lists or explains it; it does not do it."""


def _warns(clause: str) -> bool:
    return bool(_WARNED.search(clause) or _CONDITION.match(clause) or has_negation(clause))


def leakage_reason(sentence: str) -> str | None:
    """What the sentence does that leaks, or None."""
    if not _OWN.search(sentence.replace("’", "'")):
        return None
    for clause in clauses(sentence):
        if _warns(clause):
            continue
        if _FIT.search(clause) and _ALL_DATA.search(clause):
            return "it fits or selects on the full dataset, before the split"
        if _DECIDE.search(clause) and _TEST_SET.search(clause):
            return "it takes a modelling decision on the test set"
        if _SAME_ROWS.search(clause) and _DERIVED.search(clause):
            return "it puts predictions or statistics back onto the rows they were computed on"
    return None
