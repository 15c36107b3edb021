"""Delivery norms for spoken answers: one set, read by the advice and the delivery score alike.

``evaluators.speech.delivery`` turns them into guidance ("aim for 120–160"), the offline
``delivery`` criterion into a 0–4 level and ``feedback_text`` into advice, so a speaker is never
told "fast" while scoring full marks for pace.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeliveryNorms:
    """Pace, filler, pause and monologue limits for an easy-to-follow interview answer."""

    pace_wpm: tuple[int, int] = (120, 160)
    """Comfortable pace: slower drags, faster loses the interviewer on terms and numbers."""
    pace_margin_wpm: int = 20
    """Outside the comfortable pace by at most this much costs one level, further costs two."""
    max_fillers_per_min: float = 4.0
    """More than about four fillers a minute is noticeable to a listener."""
    many_fillers_per_min: float = 8.0
    """Above this rate fillers dominate the answer: two levels off instead of one."""
    long_pause_s: float = 2.0
    """A silence longer than this between words is reported as a long pause."""
    max_long_pauses: int = 2
    """More long pauses than this in one answer costs a level."""
    min_span_for_pace_s: float = 10.0
    """A few words cannot tell fast from slow: shorter answers get no pace verdict."""
    long_monologue_s: float = 150.0
    """Speaking longer than this without a break calls for checking in with the interviewer."""

    def pace_words(self) -> str:
        """The comfortable range as the advice writes it: "120–160"."""
        low, high = self.pace_wpm
        return f"{low}–{high}"


NORMS = DeliveryNorms()
