"""Answer by typing, recording or uploading; audio is transcribed into the editable answer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from app.ui import resources
from app.ui.errors import coach_errors
from evaluators.item import MAX_ANSWER_CHARS
from evaluators.schemas import Delivery

TYPE = ":material/keyboard: Type"
SPEAK = ":material/mic: Record"
UPLOAD = ":material/upload_file: Upload audio"
AUDIO_TYPES = ["wav", "mp3", "m4a", "ogg", "webm", "flac"]


@dataclass(frozen=True)
class Answer:
    text: str
    delivery: Delivery | None = None
    audio_path: str | None = None


def _save_audio(data: bytes, name: str, digest: str) -> str:
    folder = resources.settings().audio_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{digest[:16]}{Path(name).suffix or '.wav'}"
    if not path.exists():
        path.write_bytes(data)
    return str(path)


def _transcribe(prefix: str, data: bytes, name: str) -> None:
    """Transcribe new audio once; the transcript pre-fills the answer box."""
    digest = hashlib.sha256(data).hexdigest()
    if st.session_state.get(f"{prefix}.audio_digest") == digest:
        return
    from app.ui.speech import transcribe_upload

    with st.spinner("Transcribing your answer…"), coach_errors():
        transcript = transcribe_upload(data, name)
        st.session_state[f"{prefix}.filling"] = (
            st.session_state.get(f"{prefix}.answer", ""),
            transcript.text,
        )
        st.session_state[f"{prefix}.delivery"] = transcript.delivery
        st.session_state[f"{prefix}.audio_path"] = _save_audio(data, name, digest)
        st.session_state[f"{prefix}.audio_digest"] = digest


def _fill_transcript(prefix: str) -> None:
    """Put a new transcript into the answer box, and keep it there until the browser has it.

    The first transcription loads the speech model and takes seconds; a click on the submit
    button meanwhile reruns the page with the box's value *as the browser last saw it* (the
    text before the transcript), which would silently replace the transcript. While the
    browser's value is still that old text, the transcript is put back; once it differs (the
    transcript arrived, or the user edited it) the box is the user's again.
    """
    filling = st.session_state.get(f"{prefix}.filling")
    if filling is None:
        return
    before, transcript = filling
    current = st.session_state.get(f"{prefix}.answer", "")
    if current == before:  # the browser has not shown the transcript yet
        st.session_state[f"{prefix}.answer"] = transcript
    else:  # it has, or the user already edited it: the box is the user's again
        del st.session_state[f"{prefix}.filling"]


def clear_answer(prefix: str) -> None:
    """Forget the typed text and any recording (for a retry or the next question)."""
    for suffix in ("answer", "delivery", "audio_path", "audio_digest", "filling"):
        st.session_state.pop(f"{prefix}.{suffix}", None)
    st.session_state[f"{prefix}.answer"] = ""


def answer_input(prefix: str, *, height: int = 220) -> Answer:
    """Render the answer controls; returns what is currently in the answer box."""
    st.session_state.setdefault(f"{prefix}.mode", TYPE)
    mode = st.segmented_control(
        "Answer by", (TYPE, SPEAK, UPLOAD), key=f"{prefix}.mode", required=True
    )
    if mode == SPEAK:
        audio = st.audio_input("Record your answer", key=f"{prefix}.recorder")
        if audio is not None:
            _transcribe(prefix, audio.getvalue(), audio.name or "recording.wav")
    elif mode == UPLOAD:
        upload = st.file_uploader("Audio file", type=AUDIO_TYPES, key=f"{prefix}.upload")
        if upload is not None:
            _transcribe(prefix, upload.getvalue(), upload.name)
    _fill_transcript(prefix)
    spoken = st.session_state.get(f"{prefix}.audio_digest") is not None
    text = st.text_area(
        "Transcript — edit if needed" if spoken else "Your answer",
        key=f"{prefix}.answer",
        height=height,
        placeholder="Think out loud: structure, trade-offs, an example, and what you don't know.",
    )
    words = len((text or "").split())
    st.caption(f"{words} words" + (" · transcribed from audio" if spoken else ""))
    if len(text or "") > MAX_ANSWER_CHARS:
        st.caption(
            f":red[{len(text):,} characters, over the {MAX_ANSWER_CHARS:,}-character limit: "
            "shorten it before asking for feedback.]"
        )
    return Answer(
        text=text or "",
        delivery=st.session_state.get(f"{prefix}.delivery"),
        audio_path=st.session_state.get(f"{prefix}.audio_path"),
    )
