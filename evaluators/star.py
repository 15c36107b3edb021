"""STAR analysis of a behavioral answer: pure, lexical and fast enough to run on every keystroke.

Each component (Situation, Task, Action, Result, Reflection) is detected from cue phrases in a
sentence; the first sentence carrying it is the evidence. Ownership is the share of "I" among
I/we pronouns in the action sentences; a result is quantified when it carries a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evaluators.schemas import StarAnalysis, StarComponent
from evaluators.text import Sentence, split_sentences

_I = re.IGNORECASE

_CUES: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"^\W*(Situation|Context|Background)\s*:|"
        r"\b(at my (last|previous|current)|when I (was|worked)|(last|this|that) (year|quarter|"
        r"month|summer)|in \d{4}|we were|our team|the team|there was|we had|the company|"
        r"situation|context|background|back when|I was working|while working|during my|"
        r"at (a|an|the) (startup|company|bank|fintech|retailer))\b",
        _I,
    ),
    "task": re.compile(
        r"^\W*(Task|Goal)\s*:|"
        r"\b(my (task|job|goal|role|responsibility) was|I (was|had been) (asked|tasked|"
        r"responsible|supposed|charged)|I needed to|I had to|we needed to|the goal was|"
        r"the task was|the challenge was|objective|deadline|was to (build|ship|fix|deliver|"
        r"reduce|improve|find|get))\b",
        _I,
    ),
    "action": re.compile(
        r"^\W*(Actions?)\s*:|"
        r"\b(I|we) (\w+ly )?(built|wrote|designed|proposed|set up|organi[sz]ed|scheduled|led|"
        r"created|implemented|analy[sz]ed|talked|met|asked|decided|started|ran|trained|"
        r"reached out|explained|negotiated|prototyped|added|moved|rewrote|refactored|"
        r"investigated|dug|benchmarked|documented|presented|pushed|paired|mentored|"
        r"coordinated|drafted|suggested|volunteered|took|made|focused|prioriti[sz]ed|"
        r"escalated|split|measured|tested|deployed|shipped|fixed|changed|introduced)\b",
        _I,
    ),
    "result": re.compile(
        r"^\W*(Results?|Outcome|Impact)\s*:|"
        r"\b(as a result|result(ed)?|outcome|in the end|eventually|ultimately|reduced|"
        r"increased|improved|cut|saved|grew|dropped|went (up|down|from)|launched|shipped|"
        r"delivered|on time|met the deadline|adopted|promoted|recogni[sz]ed|got (approved|"
        r"buy-in)|resolved|succeeded|achieved)\b",
        _I,
    ),
    "reflection": re.compile(
        r"^\W*(Reflection|Lessons?|Learnings?)\s*:|"
        r"\b(I learned|I learnt|lesson|learned that|taught me|next time|in hindsight|"
        r"looking back|I would (now|have)|I'd (do|have)|differently|since then|now I always|"
        r"I now|takeaway|reflect\w*|realized|realised)\b",
        _I,
    ),
}
_NUMBER = re.compile(r"\d|\b(half|double[d]?|doubled|tripled|twice|three times|ten times)\b", _I)
_SINGULAR = re.compile(r"\b(I|I'm|I've|I'd|me|my|myself)\b")
_PLURAL = re.compile(r"\b(we|we're|we've|we'd|us|our|ourselves)\b", _I)


def _first(
    component: str, sentences: Sequence[Sentence], skip: set[int], start: int = 0
) -> int | None:
    pattern = _CUES[component]
    for i, s in enumerate(sentences[start:], start=start):
        if i not in skip and pattern.search(s.text):
            return i
    return None


def _result_index(sentences: Sequence[Sentence]) -> int | None:
    """Results come late in a story: "our precision dropped" in the opening is the situation."""
    late = len(sentences) // 3 if len(sentences) >= 3 else 0
    found = _first("result", sentences, set(), late)
    return found if found is not None else _first("result", sentences, set())


def ownership_ratio(sentences: Sequence[Sentence]) -> float:
    """Share of first-person-singular pronouns among I/we pronouns (0 when neither appears)."""
    text = " ".join(s.text for s in sentences)
    singular, plural = len(_SINGULAR.findall(text)), len(_PLURAL.findall(text))
    return singular / (singular + plural) if singular + plural else 0.0


def owned_action_count(text: str) -> int:
    """Sentences in which the speaker ("I", not "we") takes an action."""
    pattern = _CUES["action"]
    return sum(
        1
        for s in split_sentences(text)
        if any(m.group(2).lower() == "i" for m in pattern.finditer(s.text) if m.group(2))
    )


def analyze_star(text: str) -> StarAnalysis:
    """STAR components of a behavioral answer with the sentence that carries each."""
    sentences = split_sentences(text)
    found: dict[str, int | None] = {}
    used: set[int] = set()
    for component in ("result", "reflection", "task", "situation", "action"):
        if component == "result":
            index = _result_index(sentences)
        else:
            index = _first(component, sentences, used if component != "action" else set())
        if component == "situation" and index is None and sentences:
            index = 0 if 0 not in used and len(sentences) > 2 else None
        found[component] = index
        if index is not None and component != "action":
            used.add(index)
    actions = [s for s in sentences if _CUES["action"].search(s.text)]
    result_index = found["result"]
    tail = sentences[result_index:] if result_index is not None else []
    results = [s for s in tail if _CUES["result"].search(s.text)]

    def component(name: str) -> StarComponent:
        index = found[name]
        return StarComponent(
            present=index is not None, evidence=sentences[index].text if index is not None else ""
        )

    return StarAnalysis(
        situation=component("situation"),
        task=component("task"),
        action=component("action"),
        result=component("result"),
        reflection=component("reflection"),
        result_quantified=any(_NUMBER.search(s.text) for s in results),
        first_person_singular_ratio=ownership_ratio(actions or sentences),
    )
