"""A practice plan for one job: which bank questions to rehearse first, and why.

The job description is split into requirement sentences; each requirement retrieves its nearest
question prompts and key points from the Chroma index (one batched query), and a question's
relevance is the sum over requirements of its best similarity to each. The plan then takes the
most relevant questions with a diversity penalty (no twelve variants of one question), keeps a
few slots for the fundamentals every MLE loop tests and for one behavioral story on the
competency the JD stresses most, and says for each question which JD phrase it serves.

Pure ranking over an injected ``PlanIndex``, so the CLI, the app and the tests share it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np
from pydantic import BaseModel, Field

from knowledge.bank import Content
from knowledge.jd import ML_TERMS, bound_text, looks_english, quote, requirements, role_title
from knowledge.models import COMPETENCIES, TOPICS

if TYPE_CHECKING:  # the index module imports chromadb: `coach questions` must not
    from knowledge.index import Hit

DEFAULT_LENGTH = 12
MAX_LENGTH = 40
FUNDAMENTAL_TOPICS = (
    "ml_concepts",
    "evaluation_metrics",
    "prob_stats",
    "coding",
    "deep_learning",
    "system_design",
)
"""The seed topics every MLE loop samples from, whatever the role's own area."""
_NOT_TECHNICAL = frozenset({"behavioral", "projects"})


@dataclass(frozen=True)
class PlanParams:
    """How a plan trades relevance against breadth. Every number says what it guards."""

    neighbours: int = 24
    """Chunks retrieved per requirement: enough to reach several questions per requirement."""
    min_relevance: float = 0.35
    """A requirement whose best technical chunk is below this cosine is not about anything we
    practise ("greet visitors"); measured on tests/fixtures/jds, ML requirements reach 0.4–0.76."""
    sure_relevance: float = 0.5
    """At or above this cosine a requirement counts even without an ML word in it."""
    focus: float = 0.75
    """Only chunks within this fraction of a requirement's best match share its credit, so a
    generic line ("4+ years of Python") does not spread weight over the whole bank."""
    prompt_bonus: float = 1.3
    """A whole-question prompt match says more than a single key-point match."""
    duplicate_cosine: float = 0.82
    """Two bank prompts this close ask the same thing; the second is skipped."""
    diversity: float = 0.5
    """Maximal-marginal-relevance weight on similarity to questions already chosen."""
    max_projects: int = 1
    """Project deep-dives match almost any JD line ("walk me through a system you built"); one
    is enough unless the résumé asks for more."""
    repeat_decay: float = 0.5
    """Each question already serving a JD line halves the next one's credit for that line, so
    the plan spreads over the JD's requirements instead of three questions for one line."""
    fundamentals: int = 2
    """Slots kept for fundamentals (when the plan has at least ``min_for_reserved`` questions)."""
    min_for_reserved: int = 6
    """Shorter plans are all relevance: there is no room to reserve slots."""


DEFAULT_PARAMS = PlanParams()


class PlanTopic(BaseModel):
    topic: str
    weight: float = Field(ge=0, le=1)


class PlanQuestion(BaseModel):
    id: str
    topic: str
    why: str


class PracticePlan(BaseModel):
    """The contract of ``coach plan --json`` (DESIGN.md, CLI contract)."""

    role: str
    topics: list[PlanTopic]
    competencies: list[str]
    questions: list[PlanQuestion]
    notices: list[str] = Field(default_factory=list)


class PlanIndex(Protocol):
    """What planning needs from the index (``knowledge.index.KnowledgeIndex`` provides it)."""

    def query_many(
        self, texts: Sequence[str], n: int, where: Mapping | None = None
    ) -> list[list[Hit]]: ...

    def question_vectors(self) -> dict[str, np.ndarray]: ...


@dataclass
class _Evidence:
    """Why one question is relevant: its total score and the requirement that matched best."""

    score: float = 0.0
    best: float = 0.0
    phrase: str = ""

    def add(self, similarity: float, phrase: str) -> None:
        self.score += similarity
        if similarity > self.best:
            self.best, self.phrase = similarity, phrase


def _is_relevant(requirement: str, hits: Sequence[Hit], params: PlanParams) -> bool:
    technical = [h.similarity for h in hits if h.metadata.get("topic") not in _NOT_TECHNICAL]
    best = max(technical, default=0.0)
    if best >= params.sure_relevance:
        return True
    return best >= params.min_relevance and ML_TERMS.search(requirement) is not None


def _relevance(
    hits_per_req: list[list[Hit]], reqs: Sequence[str], params: PlanParams, *, gate: bool = True
) -> tuple[dict[str, _Evidence], list[str]]:
    """Per question id: summed best similarity over requirements; plus the ML requirements."""
    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    relevant: list[str] = []
    for req, hits in zip(reqs, hits_per_req, strict=True):
        if not hits or (gate and not _is_relevant(req, hits, params)):
            continue
        relevant.append(req)
        best: dict[str, float] = {}
        for hit in hits:
            sim = max(hit.similarity, 0.0)
            if hit.metadata.get("type") == "question":
                sim *= params.prompt_bonus
            qid = hit.metadata["question_id"]
            best[qid] = max(best.get(qid, 0.0), sim)
        top = max(best.values())
        for qid, sim in best.items():
            if sim >= params.focus * top:
                evidence[qid].add(sim**2, req)
    return evidence, relevant


def topic_weights(content: Content, evidence: Mapping[str, _Evidence]) -> list[PlanTopic]:
    """Each topic's share of the relevance mass, largest first (topics with none left out)."""
    mass: dict[str, float] = defaultdict(float)
    for qid, ev in evidence.items():
        if qid in content.questions:
            mass[content.questions[qid].topic] += ev.score
    total = sum(mass.values())
    if not total:
        return []
    weights = [PlanTopic(topic=t, weight=round(m / total, 3)) for t, m in mass.items()]
    return sorted(weights, key=lambda w: (-w.weight, list(TOPICS).index(w.topic)))


_COMPETENCY_CUES: dict[str, tuple[str, ...]] = {
    "influence": ("cross-functional", "stakeholder", "partner with", "influence", "product manag"),
    "ownership": ("end-to-end", "end to end", "ownership", "own the", "you will own", "drive"),
    "ambiguity": ("ambiguous", "ambiguity", "0 to 1", "zero to one", "undefined", "greenfield"),
    "deadline": ("fast-paced", "fast paced", "deadline", "ship quickly", "rapidly", "iterate"),
    "mentoring": ("mentor", "coach", "grow the team", "junior", "level up"),
    "leadership": ("lead ", "leadership", "tech lead", "set direction", "technical direction"),
    "learning": ("learn quickly", "curious", "new technolog", "stay current", "up to date"),
    "prioritisation": ("prioriti", "trade-off", "tradeoff", "roadmap", "competing"),
    "conflict": ("disagree", "conflict", "constructive", "feedback"),
    "failure": ("failure", "fail fast", "experiment", "resilien"),
    "mistake": ("accountab", "blameless", "postmortem", "post-mortem"),
    "disagree_manager": ("push back", "challenge", "candid"),
}
"""Phrases JDs use for each behavioral competency (lower-case substrings)."""


def competencies_stressed(text: str, limit: int = 3) -> list[str]:
    """The 2–3 competencies the JD names most; ownership and influence when it names none."""
    lowered = text.lower()
    counts = {c: sum(lowered.count(cue) for cue in cues) for c, cues in _COMPETENCY_CUES.items()}
    ranked = [c for c, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n > 0]
    for fallback in ("ownership", "influence"):
        if len(ranked) < 2 and fallback not in ranked:
            ranked.append(fallback)
    return ranked[:limit]


class _Picker:
    """Greedy maximal-marginal-relevance selection over question prompt vectors."""

    def __init__(
        self,
        vectors: Mapping[str, np.ndarray],
        params: PlanParams,
        phrases: Mapping[str, str] | None = None,
    ) -> None:
        self.vectors = vectors
        self.params = params
        self.phrases = phrases or {}
        self.served: Counter[str] = Counter()
        self.chosen: list[str] = []

    def _spread(self, qid: str) -> float:
        """Less credit for a question whose JD line already has questions in the plan."""
        phrase = self.phrases.get(qid)
        return self.params.repeat_decay ** self.served[phrase] if phrase else 1.0

    def _closeness(self, qid: str) -> float:
        vec = self.vectors.get(qid)
        if vec is None or not self.chosen:
            return 0.0
        others = [self.vectors[c] for c in self.chosen if c in self.vectors]
        return max((float(vec @ o) for o in others), default=0.0)

    def take(self, ranked: Sequence[tuple[str, float]], count: int) -> list[str]:
        """Up to ``count`` ids from ``ranked`` (id, relevance), skipping near-duplicates."""
        taken: list[str] = []
        pool = [(qid, rel) for qid, rel in ranked if qid not in self.chosen]
        top = max((rel for _, rel in pool), default=0.0) or 1.0
        while pool and len(taken) < count:
            scored = [
                (rel / top * self._spread(qid) - self.params.diversity * self._closeness(qid), qid)
                for qid, rel in pool
            ]
            _, best = max(scored)
            pool = [(q, r) for q, r in pool if q != best]
            if self._closeness(best) >= self.params.duplicate_cosine:
                continue
            self.chosen.append(best)
            taken.append(best)
            if phrase := self.phrases.get(best):
                self.served[phrase] += 1
        return taken


def _general_relevance(content: Content) -> dict[str, _Evidence]:
    """For a JD with nothing ML in it: the core topics, medium questions first."""
    order = {"medium": 1.0, "easy": 0.8, "hard": 0.6}
    return {
        q.id: _Evidence(score=order[q.difficulty])
        for q in content.questions.values()
        if q.topic in FUNDAMENTAL_TOPICS
    }


def build_plan(
    content: Content,
    index: PlanIndex,
    jd: str,
    *,
    resume: str | None = None,
    n: int = DEFAULT_LENGTH,
    params: PlanParams = DEFAULT_PARAMS,
) -> PracticePlan:
    """The ``n`` bank questions most worth practising for this JD, most important first.

    Raises:
        ValueError: an empty job description (callers turn it into an ``InputError``).
    """
    job = bound_text(jd, "job description")
    if not job.text:
        raise ValueError("The job description is empty.")
    n = max(1, min(n, MAX_LENGTH))
    notices = list(job.notices)
    if not looks_english(job.text):
        notices.append(
            "The job description does not look like English; the question bank is in English, "
            "so matching may be poor. Paste an English version for a better plan."
        )
    role = role_title(job.text)
    reqs = [r for r in requirements(job.text) if r != role] or [job.text[:1000]]
    hits = index.query_many(reqs, params.neighbours, {"type": {"$in": ["question", "key_point"]}})
    evidence, relevant = _relevance(hits, reqs, params)
    evidence = {q: ev for q, ev in evidence.items() if q in content.questions}
    if not relevant:
        notices.append(
            "Nothing in the job description matched machine-learning topics; this is a general "
            "MLE plan across the core topics."
        )
        evidence = _general_relevance(content)
    resume_evidence = _resume_evidence(content, index, resume, params, notices)
    plan = _select(
        content,
        index.question_vectors(),
        evidence,
        resume_evidence,
        n,
        params,
        job.text,
        role_reason="Core to this role" if relevant else "General MLE plan, core topic",
    )
    return PracticePlan(
        role=role,
        topics=topic_weights(content, evidence),
        competencies=competencies_stressed(job.text),
        questions=plan,
        notices=notices,
    )


def _resume_evidence(
    content: Content,
    index: PlanIndex,
    resume: str | None,
    params: PlanParams,
    notices: list[str],
) -> dict[str, _Evidence]:
    """Project deep-dive questions matched to the résumé's bullets (empty without a résumé)."""
    if resume is None:
        return {}
    cv = bound_text(resume, "résumé")
    notices.extend(cv.notices)
    bullets = requirements(cv.text)
    if not bullets:
        notices.append("The résumé has no sentences to match; it was not used.")
        return {}
    hits = index.query_many(bullets, params.neighbours, {"topic": "projects"})
    evidence, _ = _relevance(hits, bullets, params, gate=False)
    return {q: ev for q, ev in evidence.items() if q in content.questions}


def _ranked(evidence: Mapping[str, _Evidence], ids: Sequence[str]) -> list[tuple[str, float]]:
    return sorted(((q, evidence[q].score) for q in ids if q in evidence), key=lambda x: -x[1])


def _cue_phrase(text: str, competency: str) -> str | None:
    """The JD requirement that names ``competency`` (to quote as the reason)."""
    cues = _COMPETENCY_CUES.get(competency, ())
    return next((r for r in requirements(text) if any(c in r.lower() for c in cues)), None)


class _PlanBuilder:
    """Fills the plan's slots in turn: role, résumé, fundamentals, behavioral, then any gap."""

    def __init__(
        self,
        content: Content,
        vectors: Mapping[str, np.ndarray],
        evidence: Mapping[str, _Evidence],
        params: PlanParams,
    ) -> None:
        self.questions = content.questions
        self.evidence = evidence
        self.picker = _Picker(vectors, params, {q: ev.phrase for q, ev in evidence.items()})
        self.items: list[tuple[float, PlanQuestion]] = []

    def _add(self, qid: str, why: str, score: float) -> None:
        topic = self.questions[qid].topic
        self.items.append((score, PlanQuestion(id=qid, topic=topic, why=why)))

    def take(
        self,
        ids: Sequence[str],
        count: int,
        reason: str,
        source: Mapping[str, _Evidence],
        *,
        fill: bool = False,
    ) -> None:
        """Up to ``count`` of ``ids`` by relevance in ``source``, each with a quoted reason."""
        ranked = _ranked(source, ids)
        if fill:
            ranked += [(q, 0.0) for q in ids if q not in source]  # then the rest, in bank order
        for qid in self.picker.take(ranked, count):
            ev = source.get(qid)
            why = f"{reason}: “{quote(ev.phrase)}”" if ev and ev.phrase else reason
            self._add(qid, why, ev.score if ev else 0.0)

    def take_behavioral(self, jd_text: str) -> None:
        """One story question on the competency the JD stresses most that the bank covers."""
        behavioral = [q for q in self.questions.values() if q.topic == "behavioral"]
        for competency in competencies_stressed(jd_text):
            ids = [q.id for q in behavioral if competency in q.competencies]
            picked = self.picker.take([(qid, 1.0) for qid in ids], 1)
            if picked:
                name = COMPETENCIES[competency].lower()
                phrase = _cue_phrase(jd_text, competency)
                why = f"Behavioral, {name}" + (f": “{quote(phrase)}”" if phrase else "")
                self._add(picked[0], why, 0.0)
                return
        self.take(
            [q.id for q in behavioral], 1, "Behavioral: every loop has a story round", {}, fill=True
        )

    @property
    def chosen_topics(self) -> set[str]:
        return {self.questions[q].topic for q in self.picker.chosen}

    def ordered(self, n: int) -> list[PlanQuestion]:
        return [p for _, p in sorted(self.items, key=lambda item: -item[0])][:n]


def _select(
    content: Content,
    vectors: Mapping[str, np.ndarray],
    evidence: Mapping[str, _Evidence],
    resume_evidence: Mapping[str, _Evidence],
    n: int,
    params: PlanParams,
    jd_text: str,
    role_reason: str,
) -> list[PlanQuestion]:
    questions = content.questions
    reserved = n >= params.min_for_reserved
    n_resume = 1 if reserved and resume_evidence else 0
    n_fundamentals = params.fundamentals - n_resume if reserved else 0
    n_role = n - n_resume - n_fundamentals - (1 if reserved else 0)
    builder = _PlanBuilder(content, vectors, evidence, params)
    not_behavioral = [q for q in questions if questions[q].topic != "behavioral"]
    technical = [q for q in not_behavioral if questions[q].topic != "projects"]
    projects = [q for q in not_behavioral if questions[q].topic == "projects"]
    builder.take(projects, min(params.max_projects, n_role), role_reason, evidence)
    builder.take(technical, n_role - len(builder.items), role_reason, evidence)
    if n_resume:
        builder.take(list(resume_evidence), 1, "From your résumé", resume_evidence)
    fundamentals = [q for q in questions if questions[q].topic in FUNDAMENTAL_TOPICS]
    fresh = [q for q in fundamentals if questions[q].topic not in builder.chosen_topics]
    before = len(builder.items)
    builder.take(
        fresh or fundamentals, n_fundamentals, "Fundamentals every MLE loop tests", evidence
    )
    builder.take(
        fundamentals,
        n_fundamentals - (len(builder.items) - before),
        "Fundamentals every MLE loop tests",
        evidence,
    )
    if reserved:
        builder.take_behavioral(jd_text)
    if len(builder.items) < n:  # a tiny bank or heavy de-duplication: fill by relevance
        builder.take(
            not_behavioral, n - len(builder.items), "Also worth practising", evidence, fill=True
        )
    return builder.ordered(n)
