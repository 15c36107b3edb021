"""Delivery metrics from synthetic word timings: pace, fillers, pauses and the advice given."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluators.speech.delivery import compute_delivery, count_fillers
from evaluators.speech.transcript import Word


def _timed(text: str, start: float = 0.0, per_word: float = 0.4) -> list[Word]:
    """Words spoken back to back, ``per_word`` seconds each."""
    return [
        Word(word=w, start=start + i * per_word, end=start + (i + 1) * per_word, probability=0.9)
        for i, w in enumerate(text.split())
    ]


def _words(n: int, start: float = 0.0, per_word: float = 0.4) -> list[Word]:
    return _timed(" ".join(["word"] * n), start, per_word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, I think, uh, it's, you know, fine.", {"um": 1, "uh": 1, "you know": 1}),
        ("Umm so erm the uhh model", {"um": 1, "erm": 1, "uh": 1}),
        ("It was, like, really slow.", {"like": 1}),
        ("Um like the latency was high", {"um": 1, "like": 1}),
        ("Ensembles like random forests reduce variance.", {}),
        ("Regularisers, like dropout, help.", {}),
        ("I like random forests, like, a lot.", {"like": 1}),
        ("It looks like, overfitting.", {}),
        ("Do you know the answer?", {}),
        ("You know the bias-variance trade-off.", {}),
        ("We retrained it, you know, every night.", {"you know": 1}),
        ("I mean, it overfits.", {"I mean": 1}),
        ("That's what I mean.", {}),
        ("It's kind of slow and sort of noisy.", {"kind of": 1, "sort of": 1}),
        ("This kind of model is a different sort of problem.", {}),
        ("Basically, it's actually fine.", {"basically": 1, "actually": 1}),
        ("Precision is the fraction of predicted positives that are correct.", {}),
    ],
)
def test_fillers_are_counted_only_when_used_as_fillers(text: str, expected: dict) -> None:
    assert count_fillers(text.split()) == expected


def test_pace_is_words_per_minute_of_the_answer_not_of_the_lead_in() -> None:
    words = _words(60, start=5.0, per_word=0.4)  # 60 words in 24 s after 5 s of silence
    delivery = compute_delivery(words, duration_s=30.0)
    assert delivery.words == 60
    assert delivery.wpm == pytest.approx(150.0)
    assert delivery.duration_s == 30.0
    assert delivery.speaking_ratio == pytest.approx(24 / 30, abs=0.01)
    assert any("150 words per minute" in line and "120–160" in line for line in delivery.guidance)


@pytest.mark.parametrize(("per_word", "verdict"), [(0.6, "slow"), (0.3, "fast")])
def test_pace_outside_the_target_range_gets_advice(per_word: float, verdict: str) -> None:
    delivery = compute_delivery(_words(60, per_word=per_word), duration_s=60 * per_word)
    assert any(f"is {verdict} (aim for 120–160)" in line for line in delivery.guidance)


def test_a_few_seconds_is_too_short_to_judge_pace() -> None:
    delivery = compute_delivery(_words(10), duration_s=4.0)
    assert any("too short" in line for line in delivery.guidance)


def test_pauses_over_two_seconds_are_reported_with_timestamps() -> None:
    words = _words(20) + _words(20, start=8.0 + 2.5) + _words(10, start=18.5 + 1.9)
    delivery = compute_delivery(words, duration_s=26.0)
    (pause,) = delivery.long_pauses
    assert (pause.start, pause.end, pause.duration) == pytest.approx((8.0, 10.5, 2.5))
    assert delivery.longest_monologue_s == pytest.approx(8.0 + 1.9 + 4.0)
    assert any("1 pause longer than 2 s" in line and "0:08" in line for line in delivery.guidance)


def test_filler_rate_over_four_a_minute_gets_advice() -> None:
    words = _timed("So um the model uh overfits and um we add dropout " * 6)  # 18 fillers
    delivery = compute_delivery(words, duration_s=30.0)
    assert delivery.fillers == {"um": 12, "uh": 6}
    assert delivery.fillers_per_min == pytest.approx(18 / (len(words) * 0.4 / 60), abs=0.01)
    assert any("more than about 4 a minute" in line for line in delivery.guidance)


def test_occasional_filler_is_fine() -> None:
    words = _timed("um " + "word " * 59)
    delivery = compute_delivery(words, duration_s=24.0)
    assert delivery.fillers == {"um": 1}
    assert any("which is fine" in line for line in delivery.guidance)


def test_long_monologue_suggests_checking_in() -> None:
    delivery = compute_delivery(_words(500, per_word=0.4), duration_s=200.0)
    assert delivery.longest_monologue_s == pytest.approx(200.0)
    assert any("without a break" in line for line in delivery.guidance)


def test_no_words_gives_zero_metrics() -> None:
    delivery = compute_delivery([], duration_s=3.0)
    assert (delivery.words, delivery.wpm, delivery.speaking_ratio) == (0, 0.0, 0.0)


@given(
    gaps=st.lists(
        st.floats(0.0, 5.0).filter(lambda g: abs(g - 2.0) > 1e-6), max_size=40, min_size=1
    ),
    lead=st.floats(0.0, 3.0),
    tail=st.floats(0.0, 3.0),
)
def test_metrics_stay_consistent_for_any_timing(
    gaps: list[float], lead: float, tail: float
) -> None:
    words, t = [], lead
    for gap in gaps:
        words.append(Word(word="word", start=t, end=t + 0.3, probability=1.0))
        t += 0.3 + gap
    duration = words[-1].end + tail
    delivery = compute_delivery(words, duration_s=duration)
    span = words[-1].end - words[0].start
    assert 0.0 <= delivery.speaking_ratio <= 1.0
    assert delivery.longest_monologue_s <= span + 1e-3
    assert len(delivery.long_pauses) == sum(g > 2.0 for g in gaps[:-1])
    assert all(p.duration >= 2.0 and 0 <= p.start < p.end <= duration for p in delivery.long_pauses)
