"""Practice plans for job descriptions written for these tests (tests/fixtures/jds)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from knowledge.base import KnowledgeBase
from knowledge.models import COMPETENCIES, TOPICS
from knowledge.plan import FUNDAMENTAL_TOPICS, PracticePlan, build_plan

JDS = Path(__file__).parents[1] / "fixtures" / "jds"

ROLE_AREAS = {
    "llm_applications.txt": r"\b(llms?|language models?|rag|retrieval|prompt\w*|tokens?|"
    r"tokeni[sz]\w*|transformers?|attention|fine-tun\w*|rlhf|dpo|hallucinat\w*|kv[- ]cache|"
    r"decoding|embeddings?|guardrails?|generat\w*|grounded\w*|faithful\w*|judge)\b",
    "recommender.txt": r"\b(recommend\w*|rank\w*|collaborative|matrix factori[sz]ation|implicit|"
    r"position bias|cold[- ]start|ndcg|recall@k|candidates?|two-tower|feed|interleav\w*|"
    r"negative sampling|popularity)\b",
    "mlops_platform.txt": r"\b(deploy\w*|serving|serve|registry|version\w*|pipelines?|airflow|"
    r"kubeflow|monitor\w*|drift|feature store|canary|shadow|rollback|batch|streaming|"
    r"latency|inference|retrain\w*|skew|orchestrat\w*)\b",
}


def _plan(kb: KnowledgeBase, name: str, **kwargs) -> PracticePlan:
    return build_plan(kb.content, kb.index, (JDS / name).read_text(), **kwargs)


def _about(kb: KnowledgeBase, qid: str, pattern: str) -> bool:
    q = kb.content.questions[qid]
    text = " ".join([q.prompt, *q.key_points, *q.tags])
    return re.search(pattern, text, re.IGNORECASE) is not None


@pytest.mark.slow
@pytest.mark.parametrize("jd", sorted(ROLE_AREAS))
def test_a_role_plan_is_mostly_about_the_roles_own_area(shared_kb: KnowledgeBase, jd: str) -> None:
    plan = _plan(shared_kb, jd)
    ids = [q.id for q in plan.questions]
    assert len(ids) == 12 and len(set(ids)) == 12
    on_area = [q for q in ids if _about(shared_kb, q, ROLE_AREAS[jd])]
    assert len(on_area) >= 8, (jd, [q for q in ids if q not in on_area])


@pytest.mark.slow
@pytest.mark.parametrize("jd", sorted(ROLE_AREAS))
def test_every_question_says_which_jd_line_it_serves(shared_kb: KnowledgeBase, jd: str) -> None:
    text = " ".join((JDS / jd).read_text().split())
    plan = _plan(shared_kb, jd)
    for q in plan.questions:
        assert q.id in shared_kb.content.questions and q.topic in TOPICS and q.why
        if quoted := re.search(r"“(.+?)…?”", q.why):
            assert quoted.group(1).rstrip("…") in text, q.why
    quoting = [q for q in plan.questions if "“" in q.why]
    assert len(quoting) >= 9


@pytest.mark.slow
def test_a_plan_keeps_fundamentals_and_one_story(shared_kb: KnowledgeBase) -> None:
    plan = _plan(shared_kb, "llm_applications.txt")
    topics = [q.topic for q in plan.questions]
    assert topics.count("behavioral") == 1
    assert len({t for t in topics if t in FUNDAMENTAL_TOPICS}) >= 3
    assert 2 <= len(plan.competencies) <= 3
    assert set(plan.competencies) <= set(COMPETENCIES)
    assert "influence" in plan.competencies  # "partner with product managers … cross-functional"
    weights = [t.weight for t in plan.topics]
    assert weights == sorted(weights, reverse=True)
    assert sum(weights) == pytest.approx(1.0, abs=0.01)


@pytest.mark.slow
def test_no_two_plan_questions_ask_the_same_thing(shared_kb: KnowledgeBase) -> None:
    vectors = shared_kb.index.question_vectors()
    for jd in ROLE_AREAS:
        ids = [q.id for q in _plan(shared_kb, jd).questions]
        sims = np.array([[vectors[a] @ vectors[b] for b in ids] for a in ids])
        np.fill_diagonal(sims, 0.0)
        assert sims.max() < 0.82, jd


@pytest.mark.slow
def test_a_jd_with_nothing_ml_gets_a_general_plan_with_a_notice(shared_kb: KnowledgeBase) -> None:
    plan = _plan(shared_kb, "no_ml.txt")
    assert any("general" in n for n in plan.notices)
    assert len(plan.questions) == 12
    technical = [q for q in plan.questions if q.topic in FUNDAMENTAL_TOPICS]
    assert len({q.topic for q in technical}) >= 5


@pytest.mark.slow
def test_another_language_gets_a_notice(shared_kb: KnowledgeBase) -> None:
    plan = _plan(shared_kb, "french.txt")
    assert any("English" in n for n in plan.notices)
    assert len(plan.questions) == 12


@pytest.mark.slow
def test_a_resume_brings_in_a_matching_project_deep_dive(shared_kb: KnowledgeBase) -> None:
    resume = (JDS / "resume.txt").read_text()
    plan = _plan(shared_kb, "llm_applications.txt", resume=resume)
    from_resume = [q for q in plan.questions if q.why.startswith("From your résumé")]
    assert len(from_resume) == 1 and from_resume[0].topic == "projects"
    assert len(plan.questions) == 12


@pytest.mark.slow
def test_plan_length_is_honoured(shared_kb: KnowledgeBase) -> None:
    assert len(_plan(shared_kb, "recommender.txt", n=5).questions) == 5
    assert len(_plan(shared_kb, "recommender.txt", n=20).questions) == 20


def test_an_empty_jd_is_refused(shared_kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="empty"):
        build_plan(shared_kb.content, shared_kb.index, "  \n ")
