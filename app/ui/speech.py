"""The Practice page's bridge to speech: recorded or uploaded audio in, transcript + delivery out.

The Whisper model is loaded once per server (``st.cache_resource``) and shared by all sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from evaluators.speech import Transcript, load_model, transcribe_bytes

if TYPE_CHECKING:
    from faster_whisper import WhisperModel


@st.cache_resource(show_spinner="Loading the speech model…")
def _speech_model() -> WhisperModel:
    return load_model()


def transcribe_upload(data: bytes, name: str | None = None) -> Transcript:
    """Transcribe ``st.audio_input`` bytes or an uploaded file.

    Raises:
        InputError: the audio is empty, unreadable, truncated, too long or has no speech.
        EngineUnavailable: the speech model is not installed.
    """
    return transcribe_bytes(data, name, model=_speech_model())
