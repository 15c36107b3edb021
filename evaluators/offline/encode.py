"""One forward pass of MiniLM per text, keeping both the sentence vector and the token vectors.

The token vectors feed a BERTScore-style recall of the reference; the sentence vectors feed
key-point matching and evidence. Getting both from the same pass keeps the offline evaluator
within a small factor of plain embedding time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluators.offline.text import STOPWORDS
from knowledge.embeddings import get_model

_BATCH_SIZE = 64
_WORDPIECE = re.compile(r"^(?:##)?[a-z0-9]")


@dataclass(frozen=True)
class Encoded:
    """A text's L2-normalised sentence vector and content-token vectors."""

    vector: np.ndarray
    tokens: np.ndarray


def _content_tokens(token_vectors: np.ndarray, ids: Sequence[int], tokenizer) -> np.ndarray:
    """Rows of the tokens that carry meaning (not [CLS]/[SEP], punctuation or stopwords)."""
    pieces = tokenizer.convert_ids_to_tokens(list(ids)[: len(token_vectors)])
    keep = [bool(_WORDPIECE.match(p)) and p not in STOPWORDS for p in pieces]
    rows = token_vectors[np.array(keep, dtype=bool)] if any(keep) else token_vectors
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.maximum(norms, 1e-9)).astype(np.float32)


def encode(texts: Sequence[str]) -> list[Encoded]:
    """Encode texts in one batched pass (order preserved)."""
    if not texts:
        return []
    model = get_model()
    outputs = model.encode(
        list(texts), batch_size=_BATCH_SIZE, output_value=None, show_progress_bar=False
    )
    encoded = []
    for out in outputs:
        vector = out["sentence_embedding"].float().cpu().numpy()
        vector = vector / max(float(np.linalg.norm(vector)), 1e-9)
        tokens = out["token_embeddings"].float().cpu().numpy()
        ids = out["input_ids"].cpu().tolist()
        encoded.append(
            Encoded(vector.astype(np.float32), _content_tokens(tokens, ids, model.tokenizer))
        )
    return encoded
