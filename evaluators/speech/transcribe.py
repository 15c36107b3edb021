"""Speech to text for spoken answers: Whisper tiny.en with VAD and word timestamps.

faster-whisper's batched pipeline decodes each voiced stretch (cut by VAD at <= 30 s) on its own.
Its sequential mode, which carries timestamps across 30 s windows, dropped whole sentences of
a 50 s answer for 4 of 5 espeak-ng voices (WER over 50 %); the batched mode scored 8-19 %.
It also decodes at temperature 0 only, so the same recording always gives the same transcript.

Fillers are what candidates most want to hear about, and Whisper normally drops them; an
initial prompt written in a disfluent style keeps "um", "uh", "like" and "you know" in the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from evaluators.errors import InputError
from evaluators.speech.decode import SAMPLE_RATE, decode_bytes, decode_file
from evaluators.speech.delivery import compute_delivery
from evaluators.speech.model import load_model
from evaluators.speech.transcript import Transcript, Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Word as WhisperWord

INITIAL_PROMPT = (
    "So, um, I think, uh, the model is, like, you know, overfitting. "
    "I mean, it's basically, uh, fine."
)
NO_SPEECH = "No speech detected in the recording."
_SILENCE_PEAK = 0.002  # about -54 dBFS: nothing a microphone would call speech
# faster-whisper pads each voiced region by 400 ms; 200 ms keeps word edges (and so pause
# boundaries) within a few tenths of a second without clipping words.
_VAD_PARAMETERS = {"speech_pad_ms": 200}
BEAM_SIZE = 5
BATCH_SIZE = 4


def transcribe_file(path: Path, *, model: WhisperModel | None = None) -> Transcript:
    """Transcribe an audio file and measure its delivery.

    Raises:
        InputError: missing, empty, unreadable, truncated or too long file, or no speech.
        EngineUnavailable: the speech model cannot be loaded.
    """
    return transcribe_samples(decode_file(Path(path)), model=model)


def transcribe_bytes(
    data: bytes, filename_hint: str | None = None, *, model: WhisperModel | None = None
) -> Transcript:
    """Transcribe an upload or a browser recording held in memory; see ``transcribe_file``."""
    return transcribe_samples(decode_bytes(data, filename_hint), model=model)


def transcribe_samples(audio: np.ndarray, *, model: WhisperModel | None = None) -> Transcript:
    """Transcribe 16 kHz mono float32 samples."""
    if audio.size == 0 or float(np.max(np.abs(audio))) < _SILENCE_PEAK:
        raise InputError(NO_SPEECH)  # digital silence: skip the model entirely
    from faster_whisper import BatchedInferencePipeline

    pipeline = BatchedInferencePipeline(model or load_model())
    segments, info = pipeline.transcribe(
        audio,
        language="en",
        beam_size=BEAM_SIZE,
        batch_size=BATCH_SIZE,
        initial_prompt=INITIAL_PROMPT,
        vad_filter=True,
        vad_parameters=_VAD_PARAMETERS,
        word_timestamps=True,
    )
    segments = list(segments)
    words = [_word(w) for seg in segments for w in seg.words or [] if w.word.strip()]
    if not words:
        raise InputError(NO_SPEECH)
    duration_s = round(audio.size / SAMPLE_RATE, 3)
    return Transcript(
        text=" ".join(seg.text.strip() for seg in segments).strip(),
        language=info.language,
        duration_s=duration_s,
        words=words,
        delivery=compute_delivery(words, duration_s),
    )


def _word(w: WhisperWord) -> Word:
    """Plain floats, so JSON and pydantic never see numpy scalars."""
    return Word(
        word=w.word.strip(),
        start=round(float(w.start), 3),
        end=round(float(w.end), 3),
        probability=round(min(max(float(w.probability), 0.0), 1.0), 4),
    )
