"""The offline evaluator: rubric-based feedback from MiniLM and lexical signals, no network.

``evaluate_many`` encodes the answers of a chunk in one batched pass, each answer in context
(see ``encode``); question-side encodings are cached per distinct question. The signals are then
mapped to rubric levels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from evaluators.engine import Item, Progress
from evaluators.offline import guards as _guards
from evaluators.offline.analysis import Analysis, ContextEncoding
from evaluators.offline.coverage import (
    CoverageParams,
    coverage_fraction,
    point_signals,
    score_points,
)
from evaluators.offline.criteria import WRONG_CLAIM_OVERALL_MAX, CriterionInputs, score_criteria
from evaluators.offline.encode import Encoded, encode, encode_answers
from evaluators.offline.feedback_text import follow_up, improvements, strengths, stronger_answer
from evaluators.offline.red_flags import built_on_wrong_claims, find_red_flags, traded_hits
from evaluators.offline.traded import Candidate, candidates
from evaluators.schemas import EngineName, Feedback
from evaluators.scoring import overall_score
from evaluators.star import analyze_star
from evaluators.star.scoring import credit_key_points, is_story, story_gaps
from evaluators.text import split_sentences, word_count
from knowledge.context import QuestionContext

_CHUNK = 64
_CACHE_LIMIT = 4096


def _context_key(context: QuestionContext) -> tuple:
    return (context.prompt, tuple(context.key_points), tuple(context.red_flags))


def _reference_text(context: QuestionContext) -> str:
    return context.model_answer or context.reference_answer or ""


class OfflineEvaluator:
    """Grades answers with the embedded model; deterministic and offline."""

    name: EngineName = "offline"

    def __init__(self, params: CoverageParams | None = None) -> None:
        self.params = params or CoverageParams()
        self._contexts: dict[tuple, ContextEncoding] = {}

    def evaluate(self, item: Item) -> Feedback:
        """Feedback for one answer."""
        return self.evaluate_many([item])[0]

    def evaluate_many(
        self, items: Sequence[Item], progress: Progress | None = None
    ) -> list[Feedback]:
        """Feedback for each item, in input order."""
        out: list[Feedback] = []
        for start in range(0, len(items), _CHUNK):
            chunk = items[start : start + _CHUNK]
            analyses = self.analyse_many(chunk)
            out.extend(self.feedback_for(item, a) for item, a in zip(chunk, analyses, strict=True))
            if progress:
                progress(len(chunk))
        return out

    def analyse_many(self, items: Sequence[Item]) -> list[Analysis]:
        """Raw signals of each answer (one batched encoding pass for the whole list)."""
        split = [split_sentences(item.answer) for item in items]
        pending = [i.context for i in items if _context_key(i.context) not in self._contexts]
        texts = sorted(
            {t for ctx in pending for t in (ctx.prompt, *ctx.key_points, *ctx.red_flags)}
        )
        encoded = dict(zip(texts, encode(texts), strict=True))
        for ctx in pending:
            self._remember(ctx, encoded)
        answers = encode_answers([(i.answer, s) for i, s in zip(items, split, strict=True)])
        # Descriptions of compared terms, for answers that describe both sides of a pair: few
        # answers have any, and their short spans are encoded together in one more pass.
        pairs = [
            candidates(i.context.prompt, i.context.key_points, s) if s else []
            for i, s in zip(items, split, strict=True)
        ]
        spans = sorted({t for found in pairs for c in found for t in c.texts()})
        vectors = {t: e.vector for t, e in zip(spans, encode(spans), strict=True)}
        return [
            self._analyse(item, sentences, enc, found, vectors.__getitem__)
            for item, sentences, enc, found in zip(items, split, answers, pairs, strict=True)
        ]

    def _remember(self, ctx: QuestionContext, encoded: dict[str, Encoded]) -> None:
        if len(self._contexts) >= _CACHE_LIMIT:
            self._contexts.clear()
        self._contexts[_context_key(ctx)] = ContextEncoding(
            question=encoded[ctx.prompt],
            points=[encoded[p] for p in ctx.key_points],
            red_flags=[encoded[f] for f in ctx.red_flags],
            reference_text=_reference_text(ctx),
        )

    def _analyse(
        self,
        item: Item,
        sentences,
        sentence_enc: list[Encoded],
        pairs: Sequence[Candidate],
        vector: Callable[[str], np.ndarray],
    ) -> Analysis:
        ctx = item.context
        enc = self._contexts[_context_key(ctx)]
        vectors = np.stack([e.vector for e in sentence_enc]) if sentence_enc else None
        hits = (
            find_red_flags(
                ctx.red_flags,
                enc.flag_vectors,
                ctx.key_points,
                enc.point_vectors,
                sentences,
                vectors,
                question=ctx.prompt,
                flag_encodings=enc.red_flags,
                sentence_encodings=sentence_enc,
            )
            if vectors is not None
            else []
        )
        hits += traded_hits(pairs, ctx.prompt, ctx.key_points, sentences, hits, vector)
        wrong = built_on_wrong_claims(sentences, hits)
        graded = [i for i in range(len(sentences)) if i not in wrong]
        points = point_signals(
            ctx.key_points,
            enc.points,
            enc.question,
            ctx.prompt,
            [sentence_enc[i] for i in graded],
            " ".join(sentences[i].text for i in graded),
        )
        relevance = 0.0
        if vectors is not None:
            targets = np.vstack([enc.question.vector[None, :], enc.point_vectors])
            relevance = float((targets @ vectors.T).max())
        return Analysis(sentences, vectors, graded, points, hits, relevance)

    def feedback_for(self, item: Item, analysis: Analysis) -> Feedback:
        """Feedback from already measured signals (the benchmark re-calibrates on these)."""
        ctx = item.context
        coverage = score_points(ctx.key_points, analysis.points, self.params)
        reference = _reference_text(ctx)
        is_star = any(c.signal.startswith("star_") for c in ctx.rubric.criteria)
        star = analyze_star(item.answer) if is_star else None
        told = [s.text for s in analysis.sentences]
        story = star is not None and is_story(star, analysis.relevance)
        if story:
            coverage = credit_key_points(coverage, star, told, self.params.covered_at)
        guards = _guards.check(
            item.answer,
            ctx.prompt,
            analysis.sentences,
            covered=story or any(p.covered for p in coverage),
            relevance=analysis.relevance,
            expects_explanation=word_count(reference) >= 12 or not reference,
        )
        inputs = CriterionInputs(
            context=ctx,
            answer=item.answer,
            analysis=analysis,
            coverage=coverage,
            coverage_fraction=coverage_fraction(coverage),
            reference=reference,
            star=star,
            delivery=item.delivery,
            guards=guards,
        )
        criteria, weights, signals = score_criteria(inputs)
        covered = [p.point for p in coverage if p.covered]
        missing = [p.point for p in coverage if not p.covered]
        flagged = [(h.red_flag, h.sentence.text, "; ".join(h.reasons)) for h in analysis.red_flags]
        overall = overall_score(criteria, weights, ctx.rubric.caps)
        if analysis.red_flags:
            overall = min(overall, WRONG_CLAIM_OVERALL_MAX)
        notices = [g.notice for g in guards] + _source_notices(ctx)
        return Feedback(
            engine=self.name,
            rubric_id=ctx.rubric.id,
            question_id=ctx.question_id,
            overall=overall,
            criteria=criteria,
            covered_points=covered,
            missing_points=missing,
            red_flags_hit=[h.red_flag for h in analysis.red_flags],
            strengths=[] if guards else strengths(criteria, signals, covered),
            improvements=(story_gaps(star, told)[:3] if star is not None and not guards else [])
            + improvements(criteria, signals, missing, flagged),
            stronger_answer=stronger_answer(ctx, missing),
            follow_up=follow_up(ctx, missing),
            star=star,
            delivery=item.delivery,
            notices=notices,
        )


def _source_notices(ctx: QuestionContext) -> list[str]:
    if ctx.key_points_source == "retrieved":
        return [
            "No reference answer or key points were given: graded against the key points of "
            "similar bank questions; give a reference answer for a precise grade."
        ]
    return []
