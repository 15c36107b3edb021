"""The knowledge base facade: validated content + Chroma retrieval + question resolution.

One object per data directory, created lazily, because loading the bank is cheap but opening
Chroma and the embedding model is not; a CLI call for a bank question never needs Chroma.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from knowledge.bank import Content, load_content
from knowledge.context import QuestionContext, build_context


class KnowledgeBase:
    """Content and retrieval for one data directory (user questions/rubrics live inside it)."""

    def __init__(
        self, data_dir: Path, chroma_host: str | None = None, chroma_port: int = 8000
    ) -> None:
        self.data_dir = Path(data_dir)
        self.chroma_host = chroma_host
        self.chroma_port = chroma_port

    @cached_property
    def content(self) -> Content:
        return load_content(
            extra_question_dirs=[self.data_dir / "questions"],
            extra_rubric_dirs=[self.data_dir / "rubrics"],
        )

    @cached_property
    def index(self):
        """The Chroma index, (re)built on first use when missing or stale."""
        from knowledge.index import KnowledgeIndex

        index = KnowledgeIndex.open(
            self.content, self.data_dir / "chroma", self.chroma_host, self.chroma_port
        )
        index.ensure_current()
        return index

    @property
    def retriever(self):
        from knowledge.retrieval import IndexRetriever

        return IndexRetriever(self.index, self.content)

    def context(
        self,
        *,
        question_id: str | None = None,
        question: str | None = None,
        reference_answer: str | None = None,
        key_points: list[str] | None = None,
        kind: str | None = None,
    ) -> QuestionContext:
        """Resolve a bank id or a free-form question; Chroma is opened only when needed."""
        needs_retrieval = not question_id and (kind is None or not (key_points or reference_answer))
        return build_context(
            self.content,
            self.retriever if needs_retrieval else None,
            question_id=question_id,
            question=question,
            reference_answer=reference_answer,
            key_points=key_points,
            kind=kind,
        )
