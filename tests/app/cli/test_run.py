"""``coach run`` as a supervisor runs it: started, healthy, stopped with SIGTERM."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.fixtures.servers import COACH, free_port, listening, server_process, wait_healthy

STOP_WITHIN_S = 15
"""DESIGN.md: SIGTERM stops ``coach run`` and frees the port within 15 s."""


@pytest.mark.slow
def test_sigterm_to_coach_run_leaves_nothing_listening(data_dir: Path) -> None:
    port = free_port()
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    with server_process([*COACH, "run", "--port", str(port)], env) as proc:
        wait_healthy(port, proc, deadline_s=180)
        os.kill(proc.pid, signal.SIGTERM)  # the process itself, as systemd or Docker would
        deadline = time.monotonic() + STOP_WITHIN_S
        while (listening(port) or proc.poll() is None) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listening(port) == [], f"port {port} still served {STOP_WITHIN_S} s after SIGTERM"
        assert proc.poll() is not None, "coach run still running after SIGTERM"
