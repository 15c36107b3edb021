"""Helpers for tests that run the real ``coach`` executable in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase

COACH = str(Path(sys.executable).with_name("coach"))


@pytest.fixture
def coach_env(shared_kb: KnowledgeBase, tmp_path: Path) -> dict[str, str]:
    """Environment for a ``coach`` subprocess: a copy of the built data dir, no credentials."""
    data = tmp_path / "data"
    shutil.copytree(shared_kb.data_dir, data)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env["COACH_DATA_DIR"] = str(data)
    return env


def run_coach(*args: str, env: dict[str, str], stdin: str | None = None, prefix=()):
    """Run ``coach`` (optionally under a prefix such as ``unshare -rn``) and capture output."""
    return subprocess.run(
        [*prefix, COACH, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
