"""Signals of one answer against its question, before they become rubric levels.

Separated from the rubric mapping so the benchmark can re-calibrate coverage on the raw
signals (leave-one-question-out) without re-running the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from evaluators.offline.coverage import PointSignals
from evaluators.offline.encode import Encoded
from evaluators.offline.red_flags import RedFlagHit
from evaluators.text import Sentence
from knowledge.embeddings import EMBEDDING_DIM


@dataclass(frozen=True)
class ContextEncoding:
    """Encodings of the question side, computed once per distinct question."""

    question: Encoded
    points: list[Encoded]
    red_flags: list[Encoded]
    reference_text: str

    @property
    def point_vectors(self) -> np.ndarray:
        return (
            np.stack([p.vector for p in self.points])
            if self.points
            else np.zeros((0, EMBEDDING_DIM))
        )

    @property
    def flag_vectors(self) -> np.ndarray:
        return (
            np.stack([f.vector for f in self.red_flags])
            if self.red_flags
            else np.zeros((0, EMBEDDING_DIM))
        )


@dataclass(frozen=True)
class Analysis:
    """Everything measured on one answer."""

    sentences: list[Sentence]
    vectors: np.ndarray | None
    graded: list[int]
    """Indices of the sentences that earn coverage and show cues: wrong claims, and conclusions
    drawn from them, excluded (``red_flags.built_on_wrong_claims``)."""
    points: list[PointSignals]
    red_flags: list[RedFlagHit]
    relevance: float
