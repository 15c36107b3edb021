"""Turns an uploaded or recorded audio file into 16 kHz mono float32 samples, via PyAV.

PyAV bundles FFmpeg, so WAV, MP3, M4A/AAC, OGG/Opus, WebM (what browsers record) and FLAC work
without a system ffmpeg. Every way a file can be unusable becomes an ``InputError`` that says
what is wrong, and the accepted length is bounded so an hour-long file cannot exhaust memory.
"""

from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np

from evaluators.errors import InputError

SAMPLE_RATE = 16_000
MAX_DURATION_S = 20 * 60
FORMATS = "WAV, MP3, M4A/AAC, OGG/Opus, WebM or FLAC"
# Containers whose header states the exact length, so a shorter decode means a cut-off file.
_EXACT_LENGTH_FORMATS = {"matroska", "webm", "mov", "mp4", "m4a", "flac"}
_TRUNCATION_TOLERANCE_S = 0.5


def decode_file(path: Path, *, max_duration_s: float = MAX_DURATION_S) -> np.ndarray:
    """Decode an audio file on disk (streamed, never read whole into memory)."""
    if not path.exists():
        raise InputError(f"Audio file not found: {path}.")
    if not path.is_file():
        raise InputError(f"{path} is not a file.")
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(12)
    _check_header(head, size, path.name)
    return _decode(str(path), path.name, max_duration_s)


def decode_bytes(
    data: bytes, name: str | None = None, *, max_duration_s: float = MAX_DURATION_S
) -> np.ndarray:
    """Decode audio held in memory, e.g. an upload or a browser recording."""
    label = name or "The recording"
    _check_header(data[:12], len(data), label)
    return _decode(io.BytesIO(data), label, max_duration_s)


def _check_header(head: bytes, size: int, label: str) -> None:
    """Catch empty files and WAVs cut short (FFmpeg silently decodes what is left of those)."""
    if size == 0:
        raise InputError(f"{label} is empty (0 bytes); record or upload the answer again.")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        declared = int.from_bytes(head[4:8], "little") + 8
        # 0 and 0xFFFFFFFF are placeholders written by streaming recorders, not lengths.
        if declared not in (8, 0xFFFFFFFF + 8) and declared > size + 1:
            raise InputError(
                f"{label} is truncated: its header says {declared:,} bytes but the file has "
                f"{size:,}. Export or record it again."
            )


def _decode(source: str | io.BytesIO, label: str, max_duration_s: float) -> np.ndarray:
    try:
        container = av.open(source, mode="r", metadata_errors="ignore")
    except av.FFmpegError as err:
        raise InputError(
            f"{label} is not an audio file that can be read (is it another kind of file "
            f"renamed, or damaged?). Use {FORMATS}."
        ) from err
    with container:
        if not container.streams.audio:
            raise InputError(f"{label} contains no audio track. Use {FORMATS}.")
        declared_s = container.duration / av.time_base if container.duration else None
        if declared_s and declared_s > max_duration_s:
            raise _too_long(label, declared_s, max_duration_s)
        audio = _read_samples(container, label, max_duration_s)
        exact = _EXACT_LENGTH_FORMATS & set(container.format.name.split(","))
    if audio.size == 0:
        raise InputError(f"{label} contains no audio (zero length); record the answer again.")
    got_s = audio.size / SAMPLE_RATE
    if exact and declared_s and got_s < declared_s - _TRUNCATION_TOLERANCE_S:
        raise InputError(
            f"{label} is truncated: it should last {declared_s:.1f} s but only {got_s:.1f} s "
            "could be read. Export or record it again."
        )
    return audio


def _read_samples(container: av.container.InputContainer, label: str, max_s: float) -> np.ndarray:
    """Resample to 16 kHz mono float32 while decoding, stopping as soon as the limit is passed."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total, limit = 0, int(max_s * SAMPLE_RATE)
    try:
        for frame in container.decode(audio=0):
            frame.pts = None  # recordings with broken timestamps still decode in order
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
                total += out.samples
            if total > limit:
                raise _too_long(label, None, max_s)
        chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    except av.FFmpegError as err:
        raise InputError(
            f"{label} is damaged or truncated and could not be decoded. Export or record it again."
        ) from err
    return np.concatenate(chunks).astype(np.float32, copy=False) if chunks else np.zeros(0, "f4")


def _too_long(label: str, duration_s: float | None, max_s: float) -> InputError:
    length = f"{_human(duration_s)} long" if duration_s else "too long"
    return InputError(f"{label} is {length}; the limit is {_human(max_s)}. Trim it to one answer.")


def _human(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"
