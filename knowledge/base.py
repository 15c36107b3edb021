"""The knowledge base facade: validated content + Chroma retrieval + question resolution.

One object per data directory, created lazily, because loading the bank is cheap but opening
Chroma and the embedding model is not; a CLI call for a bank question never needs Chroma.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from knowledge.bank import Content, load_content
from knowledge.context import QuestionContext, QuestionSpec, build_context


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

    def context(self, spec: QuestionSpec | None = None, **fields: Any) -> QuestionContext:
        """Resolve a question (a ``QuestionSpec``, or its fields as keywords); Chroma is opened
        only when the spec needs retrieval."""
        spec = spec or QuestionSpec(**fields)
        return build_context(self.content, self.retriever if spec.needs_retrieval() else None, spec)
