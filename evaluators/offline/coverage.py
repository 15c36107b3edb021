"""Key-point coverage: how much of each key point the answer states, from three signals.

* token recall: every content token of the key point is matched to its most similar token of
  the answer (MiniLM token vectors, BERTScore-style); tokens that merely echo the question are
  demoted, so repeating the question earns nothing;
* lexical recall: the key point's content stems found in the answer, question words removed;
* sentence similarity: the answer sentence closest to the key point (used for evidence).

The calibration constants live in ``CoverageParams``; ``benchmarks/grading.py`` re-selects them
with leave-one-question-out cross-validation and prints the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluators.offline.encode import Encoded
from evaluators.text import content_stems
from knowledge.embeddings import EMBEDDING_DIM


@dataclass(frozen=True)
class CoverageParams:
    """Calibration of the coverage signals (chosen by cross-validation on short-answer data)."""

    recall_floor: float = 0.2
    """Token recall at or below this is what unrelated text reaches: no credit."""
    recall_full: float = 0.6
    """Token recall at or above this is a paraphrase: full credit."""
    lexical_full: float = 0.5
    """Share of the key point's own words (question words removed) that earns full credit."""
    lexical_weight: float = 0.1
    """Weight of lexical recall against token recall (1 - this)."""
    covered_at: float = 0.5
    """A key point counts as covered from this point score on."""


@dataclass(frozen=True)
class PointSignals:
    """Raw signals for one key point (kept for the benchmark's cross-validation)."""

    token_recall: float
    lexical_recall: float
    best_sentence: int
    sentence_similarity: float


@dataclass(frozen=True)
class PointCoverage:
    point: str
    score: float
    covered: bool
    signals: PointSignals


def _ramp(x: float, lo: float, hi: float) -> float:
    return float(min(1.0, max(0.0, (x - lo) / (hi - lo))))


def _token_recall(best: np.ndarray, echo: np.ndarray) -> float:
    """Mean best match of each key-point token in the answer, demoting question tokens."""
    if len(best) == 0:
        return 0.0
    weight = 1.0 - np.clip(echo, 0.0, 1.0) ** 2
    if weight.sum() < 1e-6:
        return float(best.mean())
    return float((best * weight).sum() / weight.sum())


def _best_matches(rows: np.ndarray, against: np.ndarray) -> np.ndarray:
    """Each row's highest cosine among ``against`` (zeros when there is nothing to match)."""
    if len(rows) == 0 or len(against) == 0:
        return np.zeros(len(rows), dtype=np.float32)
    return (rows @ against.T).max(axis=1)


def _lexical_recall(point: str, answer_stems: set[str], question_stems: set[str]) -> float:
    stems = content_stems(point)
    own = stems - question_stems or stems
    return len(own & answer_stems) / len(own) if own else 0.0


def point_signals(
    points: Sequence[str],
    point_enc: Sequence[Encoded],
    question: Encoded,
    question_text: str,
    sentences: Sequence[Encoded],
    answer_text: str,
) -> list[PointSignals]:
    """Raw coverage signals of every key point against one answer."""
    answer_tokens = (
        np.concatenate([s.tokens for s in sentences]) if sentences else np.zeros((0, EMBEDDING_DIM))
    )
    sent_vectors = np.stack([s.vector for s in sentences]) if sentences else None
    answer_stems, question_stems = content_stems(answer_text), content_stems(question_text)
    # One matrix product for all key points: they share the answer and the question.
    point_tokens = (
        np.concatenate([e.tokens for e in point_enc]) if point_enc else np.zeros((0, EMBEDDING_DIM))
    )
    best = np.split(_best_matches(point_tokens, answer_tokens), _cuts(point_enc))
    echo = np.split(_best_matches(point_tokens, question.tokens), _cuts(point_enc))
    sims = (
        np.stack([e.vector for e in point_enc]) @ sent_vectors.T
        if sent_vectors is not None and point_enc
        else None
    )
    out = []
    for i, text in enumerate(points):
        out.append(
            PointSignals(
                token_recall=_token_recall(best[i], echo[i]) if sent_vectors is not None else 0.0,
                lexical_recall=_lexical_recall(text, answer_stems, question_stems),
                best_sentence=int(np.argmax(sims[i])) if sims is not None else -1,
                sentence_similarity=float(sims[i].max()) if sims is not None else 0.0,
            )
        )
    return out


def _cuts(encoded: Sequence[Encoded]) -> list[int]:
    return list(np.cumsum([len(e.tokens) for e in encoded])[:-1])


def point_score(signals: PointSignals, params: CoverageParams) -> float:
    """Coverage of one key point in [0, 1]."""
    semantic = _ramp(signals.token_recall, params.recall_floor, params.recall_full)
    lexical = min(1.0, signals.lexical_recall / params.lexical_full)
    w = params.lexical_weight
    return (1.0 - w) * semantic + w * lexical


def score_points(
    points: Sequence[str], signals: Sequence[PointSignals], params: CoverageParams
) -> list[PointCoverage]:
    scored = []
    for point, sig in zip(points, signals, strict=True):
        score = point_score(sig, params)
        scored.append(PointCoverage(point, score, score >= params.covered_at, sig))
    return scored


def coverage_fraction(points: Sequence[PointCoverage]) -> float:
    """Overall coverage in [0, 1]: the mean key-point score."""
    return float(np.mean([p.score for p in points])) if points else 0.0
