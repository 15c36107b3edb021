"""Model inputs for story sentences: the MiniLM vector next to the lexical features."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from evaluators.star.features import sentence_features
from knowledge.embeddings import embed

_CACHE_LIMIT = 2048
_vectors: dict[str, np.ndarray] = {}
"""The story builder re-analyses on every keystroke; unchanged sentences are not re-encoded."""


def _embedded(texts: Sequence[str]) -> np.ndarray:
    missing = sorted({t for t in texts if t not in _vectors})
    if len(_vectors) + len(missing) > _CACHE_LIMIT:
        _vectors.clear()
    _vectors.update(zip(missing, embed(missing), strict=True))
    return np.stack([_vectors[t] for t in texts])


def sentence_matrix(texts: Sequence[str]) -> np.ndarray:
    """One row per sentence: its vector, then its features at its position in the story."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    features = [sentence_features(t, i, len(texts)) for i, t in enumerate(texts)]
    return np.hstack([_embedded(texts), np.stack(features)])
