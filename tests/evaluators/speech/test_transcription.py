"""Real audio through the real model: what a candidate sees after recording an answer."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from evaluators.speech import transcribe_bytes
from evaluators.speech.wer import word_error_rate
from tests.fixtures.speech import MANIFEST, RECORDINGS

pytestmark = pytest.mark.slow


def _files(name: str) -> list[Path]:
    return [path for n, path in RECORDINGS if n == name]


@pytest.mark.parametrize(("name", "path"), RECORDINGS, ids=[p.name for _, p in RECORDINGS])
def test_transcript_matches_the_script(name: str, path: Path, transcribe_once) -> None:
    transcript = transcribe_once(path)
    assert word_error_rate(MANIFEST[name]["script"], transcript.text) <= 0.15
    assert transcript.language == "en"
    assert transcript.duration_s == pytest.approx(MANIFEST[name]["duration_s"], abs=0.05)


@pytest.mark.parametrize("path", [p for _, p in RECORDINGS], ids=lambda p: p.name)
def test_words_have_plain_float_timings_in_order(path: Path, transcribe_once) -> None:
    transcript = transcribe_once(path)
    words = json.loads(transcript.model_dump_json())["words"]
    assert len(words) == transcript.delivery.words > 10
    for prev, word in pairwise(words):
        assert prev["start"] <= word["start"]
    for word in words:
        assert all(type(word[k]) is float for k in ("start", "end", "probability"))
        assert 0.0 <= word["start"] <= word["end"] <= transcript.duration_s


@pytest.mark.parametrize("path", _files("pause"), ids=lambda p: p.name)
def test_long_pause_is_found_where_the_silence_was_inserted(path: Path, transcribe_once) -> None:
    (expected,) = MANIFEST["pause"]["pauses"]
    delivery = transcribe_once(path).delivery
    (found,) = delivery.long_pauses
    assert found.start == pytest.approx(expected["start"], abs=0.5)
    assert found.end == pytest.approx(expected["end"], abs=0.5)
    assert any(f"at 0:{int(found.start):02d}" in line for line in delivery.guidance)


@pytest.mark.parametrize("path", _files("fillers"), ids=lambda p: p.name)
def test_spoken_fillers_are_counted(path: Path, transcribe_once) -> None:
    delivery = transcribe_once(path).delivery
    assert delivery.fillers == MANIFEST["fillers"]["fillers"]
    assert any('"um" ×2' in line for line in delivery.guidance)


@pytest.mark.parametrize("path", _files("clear"), ids=lambda p: p.name)
def test_clear_speech_has_no_fillers_or_long_pauses(path: Path, transcribe_once) -> None:
    delivery = transcribe_once(path).delivery
    assert delivery.fillers == {}
    assert delivery.long_pauses == []
    assert delivery.speaking_ratio > 0.8


def test_uploaded_bytes_give_the_same_transcript_as_the_file(transcribe_once) -> None:
    path = next(p for _, p in RECORDINGS if p.suffix == ".webm")
    assert transcribe_bytes(path.read_bytes(), None).text == transcribe_once(path).text
