"""Pure conversion of content (rubrics, questions) into the text chunks the index stores."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from knowledge.bank import Content
from knowledge.embeddings import EMBEDDING_MODEL_NAME
from knowledge.models import TOPICS

CHUNK_SCHEMA_VERSION = 2
"""Bump when the chunk layout changes so existing indexes are rebuilt."""


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    metadata: dict[str, str]


def rubric_chunks(content: Content) -> list[Chunk]:
    """One chunk per rubric criterion, with its anchored levels (what the LLM prompt needs)."""
    chunks = []
    for rubric in content.rubrics.values():
        for c in rubric.criteria:
            levels = " ".join(f"{n}: {text}" for n, text in sorted(c.levels.items()))
            text = f"{rubric.name} — {c.name}: {c.description} Levels — {levels}"
            meta = {"type": "rubric", "rubric_id": rubric.id, "criterion_id": c.id}
            chunks.append(Chunk(f"rubric:{rubric.id}:{c.id}", text, meta))
    return chunks


def question_chunks(content: Content) -> list[Chunk]:
    """Per question: its prompt with tags (for routing) and each key point (for knowledge)."""
    chunks = []
    for q in content.questions.values():
        meta = {"question_id": q.id, "topic": q.topic, "kind": q.kind}
        tags = ", ".join(q.tags)
        prompt_text = f"{TOPICS[q.topic]}: {q.prompt}" + (f" ({tags})" if tags else "")
        chunks.append(Chunk(f"q:{q.id}", prompt_text, {**meta, "type": "question"}))
        for i, point in enumerate(q.key_points):
            chunks.append(Chunk(f"kp:{q.id}:{i}", point, {**meta, "type": "key_point"}))
    return chunks


def all_chunks(content: Content) -> list[Chunk]:
    return rubric_chunks(content) + question_chunks(content)


def content_fingerprint(chunks: list[Chunk]) -> str:
    """Hash of everything indexed plus the model and layout, to detect a stale index."""
    payload = json.dumps(
        [CHUNK_SCHEMA_VERSION, EMBEDDING_MODEL_NAME, [(c.id, c.text, c.metadata) for c in chunks]],
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
