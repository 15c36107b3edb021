"""Retrieval for free-form questions: which rubric applies, and which knowledge is relevant.

Routing votes over the nearest question prompts and key points, weighted by similarity, so one
lucky key-point match cannot outvote several consistent prompt matches. When no kind gets a
clear vote (the question is far from everything in the bank), the generic ``concept`` rubric is
used rather than a specialised one picked by noise (a STAR rubric for "What is a leaf?").
"""

from __future__ import annotations

from collections import defaultdict

from knowledge.bank import Content
from knowledge.context import Retrieved
from knowledge.index import Hit, KnowledgeIndex

_NEIGHBOURS = 12
_PROMPT_BONUS = 1.5
"""Prompt chunks describe a whole question; key points only one fact of it."""
MIN_VOTE = 0.7
"""Winning vote below this is weak: about one bank prompt at cosine 0.68, or several loose
key-point matches. Every question the routing table covers votes at least 0.79."""
FALLBACK_KIND = "concept"


def _scores(hits: list[Hit]) -> dict[tuple[str, str], float]:
    scores: dict[tuple[str, str], float] = defaultdict(float)
    for hit in hits:
        weight = max(hit.similarity, 0.0) ** 2
        if hit.metadata.get("type") == "question":
            weight *= _PROMPT_BONUS
        scores[(hit.metadata["kind"], hit.metadata["topic"])] += weight
    return scores


def routed_kind(hits: list[Hit]) -> tuple[str, str | None]:
    """The voted (kind, topic), or (FALLBACK_KIND, None) when the winning vote is weak."""
    scores = _scores(hits)
    best = max(scores, key=scores.__getitem__)
    if scores[best] < MIN_VOTE:
        return FALLBACK_KIND, None
    return best


class IndexRetriever:
    """``knowledge.context.Retriever`` backed by the Chroma index."""

    def __init__(self, index: KnowledgeIndex, content: Content) -> None:
        self.index = index
        self.content = content

    def retrieve(self, text: str) -> Retrieved:
        hits = self.index.query(
            text, _NEIGHBOURS, where={"type": {"$in": ["question", "key_point"]}}
        )
        kind, topic = routed_kind(hits)
        best = next((h for h in hits if h.metadata["kind"] == kind), hits[0])
        question = self.content.questions[best.metadata["question_id"]]
        ids = list(dict.fromkeys(h.metadata["question_id"] for h in hits))
        rubric = self.index.query(text, 6, where={"rubric_id": kind})
        return Retrieved(
            kind=kind,
            topic=topic,
            question_ids=ids,
            key_points=question.key_points,
            chunks=[h.text for h in hits if h.metadata.get("type") == "key_point"]
            + [h.text for h in rubric],
        )
