"""The sentence classifier: one logistic regression per STAR component, weights shipped as npz.

Inputs are the MiniLM sentence vector and the lexical features of ``features``; outputs are
independent probabilities, so one sentence may carry several components ("I owned the latency
budget, so I cached the lookups, which cut latency to 120 ms"). Inference is plain numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

LABELS: tuple[str, ...] = ("situation", "task", "action", "result", "reflection")
WEIGHTS_PATH = Path(__file__).with_name("weights.npz")


@dataclass(frozen=True)
class StarModel:
    """Standardisation, weights and per-component decision thresholds."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    """Shape (features, components)."""
    bias: np.ndarray
    thresholds: np.ndarray
    """A component is present when some sentence's probability reaches its threshold."""

    def proba(self, rows: np.ndarray) -> np.ndarray:
        """Probability of each component for each row, shape (rows, components)."""
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
        )


@lru_cache(maxsize=1)
def shipped_model() -> StarModel:
    """The model trained on every story of ``benchmarks/data/star_stories.jsonl``."""
    with np.load(WEIGHTS_PATH) as data:
        return StarModel(**{k: data[k] for k in data.files})
