"""``coach transcribe AUDIO [--json]``: text, word timings and delivery metrics for a recording."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the speech stack (PyAV, CTranslate2) loads only when a file is transcribed
    from evaluators.speech import Transcript


def transcribe(
    audio: Annotated[
        Path, typer.Argument(help="Recording: WAV, MP3, M4A/AAC, OGG/Opus, WebM or FLAC.")
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="One JSON object: text, words, delivery.")
    ] = False,
) -> None:
    """Transcribe a spoken answer offline and report pace, fillers and pauses."""
    from evaluators.speech import transcribe_file

    transcript = transcribe_file(audio)
    typer.echo(transcript.model_dump_json(indent=2) if json_output else _summary(transcript))


def _summary(t: Transcript) -> str:
    d = t.delivery
    fillers = ", ".join(f"{word} ×{n}" for word, n in d.fillers.items()) or "none"
    pauses = ", ".join(f"{p.start:.1f}–{p.end:.1f} s" for p in d.long_pauses) or "none"
    lines = [
        t.text,
        "",
        f"Duration: {d.duration_s:.1f} s   Words: {d.words}   Pace: {d.wpm:.0f} wpm",
        f"Fillers: {fillers} ({d.fillers_per_min:.1f}/min)",
        f"Long pauses (> 2 s): {pauses}",
        f"Speaking time: {d.speaking_ratio:.0%}   Longest stretch: {d.longest_monologue_s:.1f} s",
        "",
        *(f"- {line}" for line in d.guidance),
    ]
    return "\n".join(lines)
