"""Delivery metrics for a spoken answer: pace, fillers, pauses, speaking time, guidance.

Pure functions of the timed words and the recording's length, so the CLI, the app, the
evaluators and the benchmarks compute the same numbers, and tests need no audio.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from evaluators.delivery_norms import NORMS
from evaluators.schemas import Delivery, Pause
from evaluators.speech.transcript import Word

_JOIN_GAP_S = 0.3  # gaps this short are articulation, not silence

# Hesitation sounds, by the spelling Whisper uses, mapped to the name we report.
_HESITATIONS = {
    **dict.fromkeys(("um", "umm", "ummm", "uhm", "hmm", "hm", "mm", "mmm"), "um"),
    **dict.fromkeys(("uh", "uhh", "uhhh"), "uh"),
    **dict.fromkeys(("erm", "er", "err"), "erm"),
}
_ALWAYS_FILLERS = {"basically", "actually"}
# Words after which "like" is a verb or a comparison ("I like", "looks like"), not a filler.
_LIKE_NOT_FILLER_AFTER = {
    "i", "you", "we", "they", "i'd", "you'd", "we'd", "they'd", "would", "do", "does", "did",
    "don't", "didn't", "doesn't", "to", "really", "also", "look", "looks", "looked", "looking",
    "feel", "feels", "felt", "seem", "seems", "sound", "sounds", "something", "anything",
    "nothing", "more", "less", "much", "just", "exactly", "be", "is", "are", "was", "were",
}  # fmt: skip
# "do you know", "if you know": the verb, not the filler.
_YOU_KNOW_NOT_FILLER_AFTER = {
    "do", "did", "don't", "didn't", "if", "as", "whether", "what", "unless", "when", "once",
}  # fmt: skip
# "you know the answer", "you know that...": "know" has an object.
_KNOW_OBJECTS = {
    "what", "that", "how", "why", "when", "where", "whether", "if", "the", "a", "an", "it",
    "this", "these", "those", "them", "him", "her", "me", "us", "your", "my", "our", "their",
    "about", "which", "who",
}  # fmt: skip
_I_MEAN_NOT_FILLER_AFTER = {"what", "do", "did", "don't", "didn't", "if", "that", "which"}
# "this kind of model", "a different sort of problem": a noun phrase, not a hedge.
_KIND_OF_NOT_FILLER_AFTER = {
    "a", "an", "the", "this", "that", "these", "those", "what", "which", "any", "some",
    "every", "each", "no", "one", "another", "other", "same", "different", "similar", "right",
    "wrong", "new", "certain", "particular", "specific", "whatever", "first", "best", "only",
    "most", "of", "my", "our", "your", "their", "its",
}  # fmt: skip
_BREAK = re.compile(r"[,.;:!?…—–-]$")


@dataclass(frozen=True)
class _Token:
    """A word reduced to what filler detection needs."""

    text: str  # lower-case, punctuation removed
    break_after: bool  # followed by a comma, full stop, dash...


def _tokens(words: Sequence[str]) -> list[_Token]:
    tokens = []
    for raw in words:
        text = re.sub(r"[^\w']+", "", raw.lower().replace("’", "'"))
        if text:
            tokens.append(_Token(text, bool(_BREAK.search(raw.strip()))))
    return tokens


def count_fillers(words: Sequence[str]) -> dict[str, int]:
    """Count filler words and phrases in a transcript given as words with their punctuation.

    Punctuation matters: Whisper writes "it was, like, slow" for the filler and "models like
    random forests" for the comparison, so "like" and "you know" are judged in context.
    """
    tokens = _tokens(words)
    counts: Counter[str] = Counter()
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        filler = _filler_at(tok, prev, nxt, tokens[i + 2] if i + 2 < len(tokens) else None)
        if filler:
            counts[filler] += 1
    return dict(counts.most_common())


def _filler_at(tok: _Token, prev: _Token | None, nxt: _Token | None, after: _Token | None) -> str:
    """The filler starting at ``tok`` (a name such as "um" or "you know"), or ""."""
    if tok.text in _HESITATIONS:
        return _HESITATIONS[tok.text]
    if tok.text in _ALWAYS_FILLERS:
        return tok.text
    clause_start = prev is None or prev.break_after or prev.text in _HESITATIONS
    if tok.text == "like":
        return "like" if _is_filler_like(tok, prev, nxt) else ""
    if tok.text == "you" and nxt and nxt.text == "know" and not tok.break_after:
        if prev and not prev.break_after and prev.text in _YOU_KNOW_NOT_FILLER_AFTER:
            return ""
        has_object = not nxt.break_after and after is not None and after.text in _KNOW_OBJECTS
        return "" if has_object else "you know"
    if tok.text == "i" and nxt and nxt.text == "mean" and not tok.break_after:
        guarded = prev and not prev.break_after and prev.text in _I_MEAN_NOT_FILLER_AFTER
        return "" if guarded or not (clause_start or nxt.break_after) else "I mean"
    if tok.text in ("kind", "sort") and nxt and nxt.text == "of" and not tok.break_after:
        guarded = prev and not prev.break_after and prev.text in _KIND_OF_NOT_FILLER_AFTER
        return "" if guarded else f"{tok.text} of"
    return ""


def _is_filler_like(tok: _Token, prev: _Token | None, nxt: _Token | None) -> bool:
    """ "like" is a filler when set off by a pause or next to another hesitation."""
    if (prev and prev.text in _HESITATIONS) or (nxt and nxt.text in _HESITATIONS):
        return True
    if not tok.break_after:
        return False
    return prev is None or prev.break_after or prev.text not in _LIKE_NOT_FILLER_AFTER


def long_pauses(words: Sequence[Word], threshold_s: float = NORMS.long_pause_s) -> list[Pause]:
    """Silences longer than ``threshold_s`` between words; lead-in and trailing silence excluded."""
    return [
        Pause(start=a.end, end=b.start, duration=round(b.start - a.end, 3))
        for a, b in pairwise(words)
        if b.start - a.end > threshold_s
    ]


def _runs(words: Sequence[Word], max_gap_s: float) -> list[tuple[float, float]]:
    """Stretches of speech, joining words separated by at most ``max_gap_s``."""
    runs: list[tuple[float, float]] = []
    for w in words:
        if runs and w.start - runs[-1][1] <= max_gap_s:
            runs[-1] = (runs[-1][0], max(runs[-1][1], w.end))
        else:
            runs.append((w.start, w.end))
    return runs


def compute_delivery(words: Sequence[Word], duration_s: float) -> Delivery:
    """Delivery metrics and guidance for one recording.

    Pace and filler rate are per minute of the answer itself (first word to last word), so
    silence before the candidate starts or after they finish does not distort them.
    """
    span_s = words[-1].end - words[0].start if words else 0.0
    minutes = span_s / 60
    fillers = count_fillers([w.word for w in words])
    speaking_s = sum(end - start for start, end in _runs(words, _JOIN_GAP_S))
    monologues = _runs(words, NORMS.long_pause_s)
    delivery = Delivery(
        words=len(words),
        duration_s=round(duration_s, 3),
        wpm=round(len(words) / minutes, 1) if minutes > 0 else 0.0,
        fillers=fillers,
        fillers_per_min=round(sum(fillers.values()) / minutes, 2) if minutes > 0 else 0.0,
        long_pauses=long_pauses(words),
        speaking_ratio=round(min(speaking_s / duration_s, 1.0), 3) if duration_s > 0 else 0.0,
        longest_monologue_s=round(max((e - s for s, e in monologues), default=0.0), 3),
    )
    return delivery.model_copy(update={"guidance": guidance(delivery, span_s)})


def guidance(d: Delivery, span_s: float) -> list[str]:
    """Plain-language advice on pace, fillers, pauses and long monologues."""
    return [
        line
        for line in (_pace_advice(d, span_s), _filler_advice(d), _pause_advice(d), _monologue(d))
        if line
    ]


def _pace_advice(d: Delivery, span_s: float) -> str:
    low, high = NORMS.pace_wpm
    if span_s < NORMS.min_span_for_pace_s:
        return f"The answer is too short ({span_s:.0f} s of speech) to judge your pace."
    if d.wpm < low:
        return (
            f"Pace: {d.wpm:.0f} words per minute is slow (aim for {low}–{high}). Keep sentences "
            "flowing and save pauses for the ends of ideas."
        )
    if d.wpm > high:
        return (
            f"Pace: {d.wpm:.0f} words per minute is fast (aim for {low}–{high}). Slow down on "
            "key terms and numbers so the interviewer can keep up."
        )
    return f"Pace: {d.wpm:.0f} words per minute, in the easy-to-follow {low}–{high} range."


def _filler_advice(d: Delivery) -> str:
    if not d.fillers:
        return "Fillers: none detected."
    top = ", ".join(f'"{word}" ×{n}' for word, n in list(d.fillers.items())[:3])
    if d.fillers_per_min > NORMS.max_fillers_per_min:
        return (
            f"Fillers: {d.fillers_per_min:.1f} per minute ({top}); more than about "
            f"{NORMS.max_fillers_per_min:.0f} a minute is noticeable. A short silent pause sounds "
            "more confident than a filler."
        )
    return f"Fillers: {d.fillers_per_min:.1f} per minute ({top}), which is fine."


def _pause_advice(d: Delivery) -> str:
    if not d.long_pauses:
        return ""
    longest = max(d.long_pauses, key=lambda p: p.duration)
    many = f"{len(d.long_pauses)} pauses" if len(d.long_pauses) > 1 else "1 pause"
    return (
        f"Pauses: {many} longer than {NORMS.long_pause_s:.0f} s (longest {longest.duration:.1f} s "
        f"at {_clock(longest.start)}). Pausing to think is fine; in a live interview, say what "
        'you are weighing ("Let me think about the trade-offs") so the silence is not empty.'
    )


def _monologue(d: Delivery) -> str:
    if d.longest_monologue_s <= NORMS.long_monologue_s:
        return ""
    return (
        f"You spoke for {d.longest_monologue_s / 60:.1f} minutes without a break. Check in "
        'with the interviewer every minute or two ("Shall I go deeper on this part?").'
    )


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
