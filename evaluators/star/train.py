"""Fit the sentence classifier: L2-regularised logistic regression by gradient descent.

Used by ``benchmarks/star.py`` (``--train`` writes the shipped weights, ``--cv`` refits per
fold). Kept in numpy so the product needs no extra dependency for a 400-row problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluators.star.encode import sentence_matrix
from evaluators.star.model import LABELS, StarModel


@dataclass(frozen=True)
class FitParams:
    """Training settings (chosen by by-story cross-validation in ``benchmarks/star.py``)."""

    l2: float = 0.3
    """Ridge penalty on standardised inputs. 6-fold by-story CV, S,T,A,R,Q right: 94.8 % at
    0.3, 94.5 % at 0.1, 93.9 % at 1 (the vectors need little shrinkage)."""
    steps: int = 600
    learning_rate: float = 0.5
    threshold: float = 0.5
    """Story-level presence threshold on the best sentence's probability."""


def sentence_rows(stories: Sequence[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and 0/1 labels of every sentence of the labelled stories."""
    rows, labels = [], []
    for story in stories:
        texts = [s["text"] for s in story["sentences"]]
        rows.append(sentence_matrix(texts))
        labels += [[float(c in s["labels"]) for c in LABELS] for s in story["sentences"]]
    return np.vstack(rows), np.asarray(labels, dtype=np.float32)


def fit(rows: np.ndarray, labels: np.ndarray, params: FitParams | None = None) -> StarModel:
    """One logistic regression per component, all fitted together."""
    p = params or FitParams()
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-3
    x = (rows - mean) / scale
    n, d = x.shape
    w = np.zeros((d, labels.shape[1]), dtype=np.float64)
    b = np.log((labels.mean(axis=0) + 1e-3) / (1 - labels.mean(axis=0) + 1e-3))
    for _ in range(p.steps):
        prob = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = prob - labels
        w -= p.learning_rate * (x.T @ grad / n + p.l2 * w / n)
        b -= p.learning_rate * grad.mean(axis=0)
    thresholds = np.full(labels.shape[1], p.threshold)
    return StarModel(mean, scale, w, b, thresholds)
