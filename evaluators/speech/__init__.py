"""Spoken answers: decoding, offline transcription (Whisper tiny.en) and delivery metrics.

faster-whisper is imported only when a model is first loaded, so importing this package is cheap.
"""

from evaluators.speech.delivery import compute_delivery, count_fillers
from evaluators.speech.model import load_model
from evaluators.speech.transcribe import NO_SPEECH, transcribe_bytes, transcribe_file
from evaluators.speech.transcript import Transcript, Word

__all__ = [
    "NO_SPEECH",
    "Transcript",
    "Word",
    "compute_delivery",
    "count_fillers",
    "load_model",
    "transcribe_bytes",
    "transcribe_file",
]
