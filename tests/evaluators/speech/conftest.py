"""One Whisper model and one transcript per committed recording for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluators.speech import Transcript, load_model, transcribe_file

_cache: dict[Path, Transcript] = {}


@pytest.fixture(scope="session")
def transcribe_once():
    """Transcribe a recording the first time it is asked for, then reuse the result."""
    model = load_model()

    def run(path: Path) -> Transcript:
        if path not in _cache:
            _cache[path] = transcribe_file(path, model=model)
        return _cache[path]

    return run
