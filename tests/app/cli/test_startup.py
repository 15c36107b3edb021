"""Fast start: commands that do not grade never import the model, speech or LLM stacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("torch", "sentence_transformers", "chromadb", "langchain_openai", "av", "faster_whisper")
"""Each costs seconds to import; only grading, indexing or transcribing needs them."""

_PROBE = """
import json, sys
from app.cli import cli
for command in (["questions"], ["questions", "--json"], ["check"]):
    try:
        cli(command)
    except SystemExit as done:
        assert not done.code, (command, done.code)
heavy = json.loads(sys.argv[1])
print(json.dumps(sorted(name for name in heavy if name in sys.modules)))
"""


def test_listing_and_checking_questions_import_no_model_stack(data_dir: Path) -> None:
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root), "COACH_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(HEAVY)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.splitlines()[-1]) == []
