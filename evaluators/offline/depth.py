"""Lexical cues for the "how" criteria: reasoning, trade-offs, examples, complexity, clarifying.

Each cue family counts the sentences that show it. The count is judged against the same count
on the model or reference answer, so a one-line factual question does not demand examples and a
system-design question does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evaluators.text import Sentence

_I = re.IGNORECASE

CUES: dict[str, re.Pattern[str]] = {
    "depth": re.compile(
        r"\b(because|since|therefore|thus|hence|so that|in order to|which means|this means|"
        r"that's why|that is why|the reason|as a result|leads? to|causes?|caused by|"
        r"intuition|intuitively|assum\w+|otherwise|if\b.+\bthen|due to|relies on|depends on|"
        r"mechanism|works by|under the hood|why|which is why|this is why|that is what|"
        r"that's what|meaning|explains?)\b|,\s*so\b",
        _I,
    ),
    "tradeoffs": re.compile(
        r"\b(trade-?offs?|however|whereas|on the other hand|at the (cost|expense) of|downsides?|"
        r"drawbacks?|limitations?|instead|alternatively|in contrast|versus|vs\.?|cheaper|"
        r"more expensive|slower|faster|pros?|cons?|but|at the price of|balance|while|unlike|"
        r"rather than|caveats?|costs?|costly|expensive|only if|limits?)\b",
        _I,
    ),
    "examples": re.compile(
        r"\b(for example|for instance|e\.g\.|such as|say|imagine|suppose|consider|"
        r"in my (last |previous )?(project|team|job|role)|at my (last |previous )?"
        r"(company|job)|we had|like when|case study|\d+(\.\d+)?\s?(%|ms|k|m|gb|users|"
        r"samples|rows|features|epochs))\b|\d",
        _I,
    ),
    "complexity": re.compile(
        r"\b(o\s*\([^)]{1,20}\)|big[- ]o|log\s*\(?n\)?|n\s*log\s*n|linear|quadratic|"
        r"constant time|logarithmic|exponential|time complexity|space complexity|"
        r"memory|amortized|amortised|worst[- ]case|best[- ]case|average[- ]case)",
        _I,
    ),
    "clarifying": re.compile(
        r"(\?|\b(clarify|clarifying|assum\w+|requirements?|it depends|constraints?|scale|"
        r"how many|do we|would you|should we|sla|latency budget|qps|before (designing|"
        r"answering)|first I'?d ask)\b)",
        _I,
    ),
}


_NOTATION = re.compile(r"\bO\s*\([^()]{1,30}\)|(?<=[^\W\d_])\d+(?:\.\d+)?")
"""Digits that are notation, not figures: a complexity class ("O(1)", "O(n^2)") and a digit
glued to a name ("L2", "F0.5", "log2"). A figure is an example ("10,000 users", "3 %"); a
complexity class or the name of a norm is not, and counting them gave "O(n) time and O(1)
space" full marks for examples."""


def cue_sentences(signal: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences that show a cue of ``signal``."""
    pattern = CUES[signal]
    if signal == "examples":
        return [s for s in sentences if pattern.search(_NOTATION.sub(" ", s.text))]
    return [s for s in sentences if pattern.search(s.text)]


def cue_level(found: int, expected: int) -> int:
    """0–4 from how many cue sentences were found against how many the reference shows."""
    if expected <= 0:
        return 4
    return round(4 * min(1.0, found / expected))
