"""Offline mode needs no network at all: proven in a namespace with no interfaces, and audited."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.fixtures.speech import AUDIO_DIR
from tests.security.conftest import run_coach

pytestmark = pytest.mark.slow

NO_NETWORK = ("unshare", "--map-root-user", "--net")


def _unshare_works() -> bool:
    try:
        return subprocess.run([*NO_NETWORK, "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


needs_netns = pytest.mark.skipif(
    not _unshare_works(), reason="this kernel does not allow unprivileged network namespaces"
)

LINES = [
    {"id": "bank", "question_id": "concepts-bias-variance", "answer": "Bias is underfitting."},
    {
        "id": "free",
        "question": "How would you detect data drift in production?",
        "answer": "I compare live feature distributions to the training window with PSI.",
    },
]


@needs_netns
def test_grade_works_in_a_namespace_without_network(coach_env, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in LINES) + "\n")
    done = run_coach("grade", str(source), env=coach_env, prefix=NO_NETWORK)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == ["bank", "free"]
    assert all(r["engine"] == "offline" for r in results)


@needs_netns
def test_transcribe_works_in_a_namespace_without_network(coach_env) -> None:
    done = run_coach(
        "transcribe", str(AUDIO_DIR / "clear.wav"), "--json", env=coach_env, prefix=NO_NETWORK
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["text"].strip()


AUDIT_SCRIPT = textwrap.dedent(
    """
    import ipaddress, json, sys
    seen = []
    def hook(event, args):
        if event == "socket.connect":
            address = args[1]
            seen.append(address if isinstance(address, str) else list(address)[:2])
        elif event == "socket.getaddrinfo":
            seen.append(["dns", str(args[0])])
    sys.addaudithook(hook)

    from pathlib import Path
    from evaluators.item import GradeItem
    from evaluators.offline import OfflineEvaluator
    from evaluators.speech.transcribe import transcribe_file
    from knowledge.base import KnowledgeBase

    kb = KnowledgeBase(Path(sys.argv[1]))
    ctx = kb.context(question="How would you detect data drift in production?")
    OfflineEvaluator().evaluate(GradeItem(ctx, "I would monitor PSI per feature."))
    transcribe_file(Path(sys.argv[2]))
    print(json.dumps(seen))
    """
)


def _is_local(entry: object) -> bool:
    import ipaddress

    if isinstance(entry, str):  # AF_UNIX path
        return True
    kind, host = entry[0], str(entry[1])
    if kind == "dns":
        return host in {"localhost", "127.0.0.1", "::1"}
    try:
        return ipaddress.ip_address(str(kind)).is_loopback
    except ValueError:
        return False


def test_offline_pipeline_opens_no_socket_except_loopback(coach_env) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            AUDIT_SCRIPT,
            coach_env["COACH_DATA_DIR"],
            str(AUDIO_DIR / "clear.wav"),
        ],
        capture_output=True,
        text=True,
        env=coach_env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert [entry for entry in seen if not _is_local(entry)] == []
