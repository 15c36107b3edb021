"""Suite-wide guards: no real home directory, no API keys, no network except loopback.

Following pydantic-ai and simonw/llm: tests fail closed on the network, and every test gets
its own data directory so nothing touches the user's real data.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import knowledge  # noqa: F401  (offline switches before any model library)
from app.services import reset_knowledge_base
from app.settings import get_settings
from knowledge.base import KnowledgeBase
from tests.fixtures.postgres import PostgresCluster, run_cluster

_REAL_CONNECT = socket.socket.connect
_REAL_CONNECT_EX = socket.socket.connect_ex


class NetworkBlocked(RuntimeError):
    """A test tried to reach a non-loopback address."""


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like stay on this machine
    host = str(address[0])
    if host in {"localhost", ""}:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise NetworkBlocked(f"test tried to connect to {address!r}; only loopback is allowed")
    return _REAL_CONNECT(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        raise NetworkBlocked(f"test tried to connect to {address!r}; only loopback is allowed")
    return _REAL_CONNECT_EX(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect = _REAL_CONNECT  # type: ignore[method-assign]
    socket.socket.connect_ex = _REAL_CONNECT_EX  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh COACH_DATA_DIR per test; API credentials and engine overrides cleared."""
    path = tmp_path / "coach-data"
    monkeypatch.setenv("COACH_DATA_DIR", str(path))
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "COACH_OPENAI_API_KEY",
        "COACH_OPENAI_BASE_URL",
        "COACH_ENGINE",
        "COACH_DATABASE_URL",
        "COACH_CHROMA_HOST",
        "COACH_LLM_MODEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    get_settings.cache_clear()
    reset_knowledge_base()
    yield path
    get_settings.cache_clear()
    reset_knowledge_base()


@pytest.fixture(scope="session")
def shared_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A knowledge base with a built Chroma index, shared by tests that only read it."""
    kb = KnowledgeBase(tmp_path_factory.mktemp("shared-kb"))
    kb.index  # noqa: B018  (build once for the session)
    return kb


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A real PostgreSQL server for the session (team mode); each test makes its own database."""
    yield from run_cluster()


@pytest.fixture
def indexed_data_dir(data_dir: Path, shared_kb: KnowledgeBase) -> Path:
    """``data_dir`` holding a copy of the shared built index: for tests whose free-form
    questions need retrieval, without building the index again (tens of seconds each)."""
    shutil.copytree(shared_kb.data_dir / "chroma", data_dir / "chroma")
    return data_dir
