"""Speech benchmark: real-time factor and word error rate of offline transcription.

RTF = processing time ÷ audio duration (decode + VAD + Whisper + delivery metrics), measured
with the model already loaded; target ≤ 0.2 on 2 cores. On a busy machine wall time overstates
it, so the CPU-time RTF (process CPU seconds ÷ threads ÷ audio seconds) is shown as well: it is
what the wall RTF would be on otherwise idle cores. WER is against the fixture scripts.
The fixtures include a 48 s answer, which shows the steady-state RTF of a realistic length.
Run: ``.venv/bin/python benchmarks/speech.py``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without `pip install -e .`

from evaluators.speech import load_model, transcribe_file  # noqa: E402
from evaluators.speech.model import CPU_THREADS  # noqa: E402
from evaluators.speech.wer import wer_words, word_error_rate  # noqa: E402

AUDIO = ROOT / "tests" / "fixtures" / "audio"


def _cases() -> list[tuple[str, str, Path]]:
    """(file name, script, path) for every committed fixture."""
    manifest = json.loads((AUDIO / "manifest.json").read_text())
    return [
        (file, spec["script"], AUDIO / file) for spec in manifest.values() for file in spec["files"]
    ]


def _row(label: str, audio_s: float, wall_s: float, cpu_s: float, wer: float) -> str:
    return (
        f"{label:<26} {audio_s:>8.1f} {wall_s:>7.2f} {wall_s / audio_s:>6.3f} "
        f"{cpu_s / audio_s:>8.3f} {wer:>6.1%}"
    )


def main() -> None:
    started = time.perf_counter()
    model = load_model()
    load_s = time.perf_counter() - started
    load_avg = os.getloadavg()[0]
    print(f"model load {load_s:.2f} s; cpu_threads={CPU_THREADS}; load average {load_avg:.2f}")
    print(f"{'fixture':<26} {'audio s':>8} {'wall s':>7} {'RTF':>6} {'CPU RTF':>8} {'WER':>6}")
    totals = np.zeros(3)  # audio s, wall s, CPU s per thread
    errors = ref_words = 0.0
    for label, script, source in _cases():
        t0, c0 = time.perf_counter(), time.process_time()
        transcript = transcribe_file(source, model=model)
        wall, cpu = time.perf_counter() - t0, (time.process_time() - c0) / CPU_THREADS
        wer = word_error_rate(script, transcript.text)
        print(_row(label, transcript.duration_s, wall, cpu, wer))
        totals += (transcript.duration_s, wall, cpu)
        errors += wer * len(wer_words(script))
        ref_words += len(wer_words(script))
    print(_row("overall", *totals, errors / ref_words))
    print("targets: RTF ≤ 0.2 on 2 cores; WER ≤ 10 % on clear speech")


if __name__ == "__main__":
    main()
