"""Team mode: with COACH_CHROMA_HOST/PORT the index lives on a real Chroma server, and retrieval
routes free-form questions to the same rubrics as the embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services import knowledge_base
from app.settings import get_settings
from knowledge.base import KnowledgeBase
from tests.fixtures.chroma_server import ChromaServer, run_server
from tests.knowledge.test_retrieval import ROUTING_TABLE

pytestmark = [pytest.mark.team, pytest.mark.slow]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    yield from run_server(tmp_path_factory.mktemp("chroma-server") / "data")


@pytest.fixture
def server_kb(
    chroma_server: ChromaServer, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> KnowledgeBase:
    """The knowledge base the app builds from the settings, pointed at the server."""
    monkeypatch.setenv("COACH_CHROMA_HOST", chroma_server.host)
    monkeypatch.setenv("COACH_CHROMA_PORT", str(chroma_server.port))
    get_settings.cache_clear()
    return knowledge_base()


def test_the_index_is_built_on_the_server_not_in_the_data_dir(
    server_kb: KnowledgeBase, chroma_server: ChromaServer, data_dir: Path
) -> None:
    server_kb.index  # noqa: B018  (built on first access)
    assert server_kb.index.collection().count() > 0
    assert not (data_dir / "chroma").exists(), "nothing embedded next to the database"
    assert any(chroma_server.path.iterdir()), "the server persisted the collection"


def test_retrieval_on_the_server_routes_like_the_embedded_store(
    server_kb: KnowledgeBase, shared_kb: KnowledgeBase
) -> None:
    questions = [question for question, _ in ROUTING_TABLE]
    on_server = [server_kb.context(question=q).rubric.id for q in questions]
    embedded = [shared_kb.context(question=q).rubric.id for q in questions]
    assert on_server == embedded
    hits = [h.metadata for h in server_kb.index.query(questions[0], 5)]
    assert hits == [h.metadata for h in shared_kb.index.query(questions[0], 5)]
