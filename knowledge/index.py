"""The persistent Chroma index of rubric criteria and question knowledge.

The index is derived data: it is rebuilt whenever the content fingerprint changes (a question
or rubric edited, a user file added) and, if the directory is unreadable or corrupted, moved
aside and rebuilt with a notice rather than failing the user's request.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.api.client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError, NotFoundError

from core.errors import StorageError
from knowledge.bank import Content
from knowledge.chroma_embedding import PackagedMiniLM
from knowledge.chunks import Chunk, all_chunks, content_fingerprint

log = logging.getLogger(__name__)

COLLECTION = "coach_knowledge"
_ADD_BATCH = 256


def _client(path: Path, host: str | None, port: int) -> Any:
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


@dataclass
class KnowledgeIndex:
    """A Chroma collection kept in step with the content it was built from."""

    content: Content
    client: Any
    path: Path
    notices: list[str] = field(default_factory=list)

    @classmethod
    def open(
        cls, content: Content, path: Path, host: str | None = None, port: int = 8000
    ) -> KnowledgeIndex:
        """Open the store; a corrupted local store is moved aside and recreated, with a notice."""
        try:
            return cls(content, _client(path, host, port), path)
        except OSError as exc:
            raise StorageError(f"Cannot use the index directory {path}: {exc.strerror}.") from exc
        except (ChromaError, ValueError) as exc:  # damaged store; ValueError: server unreachable
            if host:
                raise StorageError(f"Cannot reach the Chroma server at {host}:{port}.") from exc
            SharedSystemClient.clear_system_cache()  # drop the failed client cached for `path`
            aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
            shutil.move(str(path), str(aside))
            log.warning("index at %s unreadable (%s); moved to %s", path, exc, aside)
            index = cls(content, _client(path, host, port), path)
            index.notices.append(
                f"The search index was unreadable and has been rebuilt (old copy: {aside.name})."
            )
            return index

    def collection(self):
        return self.client.get_or_create_collection(COLLECTION, embedding_function=PackagedMiniLM())

    def is_current(self) -> bool:
        """True when the stored fingerprint matches the content and no chunk is missing."""
        chunks = all_chunks(self.content)
        try:
            col = self.collection()
            meta = col.metadata or {}
            return meta.get("fingerprint") == content_fingerprint(chunks) and col.count() == len(
                chunks
            )
        except ChromaError:  # a half-written collection is simply not current
            return False

    def ensure_current(self) -> bool:
        """Rebuild when stale or damaged; returns True if a rebuild happened."""
        if self.is_current():
            return False
        self.rebuild()
        return True

    def rebuild(self) -> int:
        """Drop and re-create the collection from the content; returns the chunk count."""
        chunks = all_chunks(self.content)
        try:
            self.client.delete_collection(COLLECTION)
        except NotFoundError:  # absent collection: nothing to drop
            log.debug("no collection to drop")
        col = self.client.create_collection(
            COLLECTION,
            embedding_function=PackagedMiniLM(),
            metadata={"fingerprint": content_fingerprint(chunks)},
        )
        for start in range(0, len(chunks), _ADD_BATCH):
            batch: list[Chunk] = chunks[start : start + _ADD_BATCH]
            col.add(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                metadatas=[c.metadata for c in batch],
            )
        return len(chunks)

    def query(self, text: str, n: int, where: dict[str, Any] | None = None) -> list[Hit]:
        """Nearest chunks to ``text`` (cosine similarity, best first)."""
        return self.query_many([text], n, where)[0]

    def query_many(
        self, texts: Sequence[str], n: int, where: Mapping[str, Any] | None = None
    ) -> list[list[Hit]]:
        """Nearest chunks to each of ``texts``, in one batched query (one embedding pass)."""
        col = self.collection()
        res = col.query(query_texts=list(texts), n_results=n, where=dict(where) if where else None)
        return [
            [Hit(doc, meta, 1.0 - dist) for doc, meta, dist in zip(docs, metas, dists, strict=True)]
            for docs, metas, dists in zip(
                res["documents"], res["metadatas"], res["distances"], strict=True
            )
        ]

    def question_vectors(self) -> dict[str, np.ndarray]:
        """Question id → unit vector of its prompt chunk, read back from the store."""
        got = self.collection().get(where={"type": "question"}, include=["embeddings", "metadatas"])
        vectors = {}
        for vec, meta in zip(got["embeddings"], got["metadatas"], strict=True):
            arr = np.asarray(vec, dtype=np.float32)
            vectors[meta["question_id"]] = arr / (np.linalg.norm(arr) or 1.0)
        return vectors


@dataclass(frozen=True)
class Hit:
    text: str
    metadata: dict[str, Any]
    similarity: float
