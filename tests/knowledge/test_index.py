"""The persistent Chroma index: built once, rebuilt when content changes or the store breaks."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from core.errors import StorageError
from knowledge.bank import load_content
from knowledge.base import KnowledgeBase
from knowledge.chunks import all_chunks
from knowledge.index import COLLECTION, KnowledgeIndex

FIXTURES = Path(__file__).parents[1] / "fixtures" / "content"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_dir(shared_kb: KnowledgeBase) -> Path:
    """The session's built index, copied per test (building costs seconds of embedding)."""
    return shared_kb.data_dir


@pytest.fixture
def data_copy(built_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(built_dir, target)
    return target


def test_index_persists_on_disk_and_is_reused(data_copy: Path) -> None:
    kb = KnowledgeBase(data_copy)
    assert (data_copy / "chroma").is_dir()
    assert kb.index.is_current()
    assert kb.index.ensure_current() is False
    assert kb.index.collection().count() == len(all_chunks(kb.content))


def test_collection_uses_the_packaged_embedding_function(data_copy: Path) -> None:
    col = KnowledgeBase(data_copy).index.collection()
    assert col.configuration_json["embedding_function"]["name"] == (
        "interview_coach_packaged_minilm"
    )


def test_adding_a_user_question_triggers_a_rebuild(data_copy: Path) -> None:
    (data_copy / "questions").mkdir()
    shutil.copy(FIXTURES / "valid_user_question.yaml", data_copy / "questions")
    kb = KnowledgeBase(data_copy)
    index = KnowledgeIndex.open(kb.content, data_copy / "chroma")
    assert not index.is_current()
    assert index.ensure_current() is True
    hits = index.query("What does a learning curve tell you?", 3, where={"type": "question"})
    assert hits[0].metadata["question_id"] == "user-learning-curves"


def test_a_half_deleted_collection_is_rebuilt(data_copy: Path) -> None:
    kb = KnowledgeBase(data_copy)
    col = kb.index.collection()
    col.delete(ids=col.get(limit=5)["ids"])
    reopened = KnowledgeIndex.open(kb.content, data_copy / "chroma")
    assert reopened.ensure_current() is True
    assert reopened.is_current()


def test_a_corrupted_store_is_moved_aside_and_rebuilt_with_a_notice(data_copy: Path) -> None:
    store = data_copy / "chroma"
    for f in store.rglob("*"):
        if f.is_file():
            f.write_bytes(b"this is not a database")
    kb = KnowledgeBase(data_copy)
    index = kb.index
    assert index.is_current()
    assert any("rebuilt" in n for n in index.notices)
    assert list(data_copy.glob("chroma.corrupt-*"))


def test_the_collection_name_is_stable() -> None:
    """Deployments sharing a Chroma server rely on it."""
    assert COLLECTION == "coach_knowledge"


def test_an_unreachable_chroma_server_is_a_clear_storage_error(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StorageError, match=f"Cannot reach the Chroma server at 127.0.0.1:{port}"):
        KnowledgeIndex.open(load_content(), tmp_path / "chroma", "127.0.0.1", port)
