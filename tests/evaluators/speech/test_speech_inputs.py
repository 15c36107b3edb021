"""Unusable recordings fail with a message that says what is wrong, before or without the model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evaluators.errors import EngineUnavailable, InputError
from evaluators.speech import NO_SPEECH, load_model, transcribe_bytes, transcribe_file
from evaluators.speech.decode import decode_bytes, decode_file
from evaluators.speech.transcribe import transcribe_samples
from tests.fixtures.speech import (
    AUDIO_DIR,
    BAD_INPUT_MESSAGES,
    encode,
    write_bad_input,
    write_silence,
)


@pytest.mark.parametrize(("kind", "message"), BAD_INPUT_MESSAGES.items())
def test_bad_file_raises_input_error_naming_the_problem(
    kind: str, message: str, tmp_path: Path
) -> None:
    path = write_bad_input(kind, tmp_path)
    with pytest.raises(InputError, match=message):
        transcribe_file(path)


@pytest.mark.parametrize("kind", ["empty", "not_audio", "truncated", "silence"])
def test_bad_upload_raises_the_same_errors(kind: str, tmp_path: Path) -> None:
    data = write_bad_input(kind, tmp_path).read_bytes()
    with pytest.raises(InputError, match=BAD_INPUT_MESSAGES[kind]):
        transcribe_bytes(data, "recording.wav")


def test_text_file_renamed_to_wav_is_not_audio(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    path.write_text("Overfitting is when a model memorises the training data.\n" * 50)
    with pytest.raises(InputError, match=r"answer\.wav is not an audio file"):
        decode_file(path)


def test_webm_cut_short_is_reported_as_truncated() -> None:
    data = (AUDIO_DIR / "clear.webm").read_bytes()
    with pytest.raises(InputError, match="truncated"):
        decode_bytes(data[: len(data) // 2], "answer.webm")


def test_hour_of_silence_is_refused_from_the_header_without_decoding(tmp_path: Path) -> None:
    path = write_silence(tmp_path / "hour.wav", 3600, rate=8_000)
    with pytest.raises(InputError, match="60 min long; the limit is 20 min"):
        transcribe_file(path)


def test_length_limit_is_configurable() -> None:
    with pytest.raises(InputError, match="limit is 5 s"):
        decode_file(AUDIO_DIR / "clear.wav", max_duration_s=5)


def test_every_container_decodes_to_16khz_mono_float32() -> None:
    wav = decode_file(AUDIO_DIR / "pause.wav")
    ogg = decode_file(AUDIO_DIR / "pause.ogg")
    assert wav.dtype == ogg.dtype == np.float32
    assert wav.ndim == ogg.ndim == 1
    assert len(wav) / 16_000 == pytest.approx(len(ogg) / 16_000, abs=0.05)


@pytest.mark.parametrize(
    ("suffix", "codec"), [(".mp3", "libmp3lame"), (".m4a", "aac"), (".flac", "flac")]
)
def test_uploaded_formats_decode_to_the_same_length(
    suffix: str, codec: str, tmp_path: Path
) -> None:
    original = decode_file(AUDIO_DIR / "clear.wav")
    path = encode(original, tmp_path / f"answer{suffix}", codec)
    assert len(decode_file(path)) / 16_000 == pytest.approx(len(original) / 16_000, abs=0.2)


def test_m4a_cut_short_is_refused(tmp_path: Path) -> None:
    data = encode(decode_file(AUDIO_DIR / "clear.wav"), tmp_path / "a.m4a", "aac").read_bytes()
    with pytest.raises(InputError, match="damaged"):
        decode_bytes(data[: len(data) // 2], "answer.m4a")


@pytest.mark.slow
def test_faint_background_noise_is_no_speech() -> None:
    noise = np.random.default_rng(3).normal(0, 0.003, 16_000 * 6).astype(np.float32)
    with pytest.raises(InputError, match=NO_SPEECH):
        transcribe_samples(noise)


def test_missing_model_is_engine_unavailable(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="speech model was not found"):
        load_model(tmp_path / "no-model")
