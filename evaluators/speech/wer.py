"""Word error rate, for measuring transcription quality in tests and benchmarks."""

from __future__ import annotations

import re


def wer_words(text: str) -> list[str]:
    """Lower-case words without punctuation; "over-fitting" and "overfitting" compare equal."""
    text = text.lower().replace("’", "'").replace("-", "")
    return re.findall(r"[a-z0-9']+", text)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, by word-level edit distance."""
    ref, hyp = wer_words(reference), wer_words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i]
        for j, h in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / len(ref)
