"""Helpers for tests that run the real ``coach`` executable in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase

COACH = str(Path(sys.executable).with_name("coach"))


def make_coach_env(kb: KnowledgeBase, where: Path) -> dict[str, str]:
    """A copy of ``kb``'s built data dir under ``where`` and an environment with no credentials."""
    data = where / "data"
    shutil.copytree(kb.data_dir, data)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env["COACH_DATA_DIR"] = str(data)
    return env


@pytest.fixture
def coach_env(shared_kb: KnowledgeBase, tmp_path: Path) -> dict[str, str]:
    """Environment for a ``coach`` subprocess: a copy of the built data dir, no credentials."""
    return make_coach_env(shared_kb, tmp_path)


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


@dataclass(frozen=True)
class Measured:
    """What ``run_coach_measured`` captured (the fields ``subprocess.run`` would give)."""

    returncode: int
    stdout: str
    stderr: str


_MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[2:]).returncode; "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)


def run_coach_measured(*args: str, env: dict[str, str], cwd: Path) -> tuple[Measured, float]:
    """Run ``coach`` and return its output and its own peak RSS in MiB.

    A small wrapper process starts ``coach`` and reads ``getrusage(RUSAGE_CHILDREN)``: measured
    from the test process itself, the peak would be the maximum over every child it ever had,
    and a child forked from a large process starts with that process's peak on Linux.
    """
    peak = cwd / "coach.maxrss"
    done = subprocess.run(
        [sys.executable, "-S", "-c", _MEASURE, str(peak), COACH, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    measured = Measured(done.returncode, done.stdout, done.stderr)
    return measured, int(peak.read_text()) / 1024  # Linux reports KiB


SENTINEL_KEY = "sk-coach-sentinel-" + "7f3a9c0b" * 5
"""A fake API key that must never show up anywhere the user or a log can see."""
DEAD_ENDPOINT_LINES = [
    {"id": "bank", "question_id": "concepts-bias-variance", "answer": "Bias is underfitting."},
    {"id": "free", "question": "What is a stack?", "answer": "Last in, first out: push and pop."},
]


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def dead_endpoint_grade(shared_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory):
    """One ``coach grade --engine llm`` against an endpoint that is down, with a sentinel key.

    Shared by the fault test (offline fallback) and the leak test (the key is never printed).
    """
    where = tmp_path_factory.mktemp("dead-llm")
    env = make_coach_env(shared_kb, where)
    env["OPENAI_API_KEY"] = SENTINEL_KEY
    env["OPENAI_BASE_URL"] = f"http://127.0.0.1:{closed_port()}/v1"
    source = where / "answers.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in DEAD_ENDPOINT_LINES) + "\n")
    return run_coach("grade", str(source), "--engine", "llm", env=env)
