"""Résumé deep-dive questions added to a plan, and kept as your own questions so they can be
graded like any bank question (``coach grade`` by ``question_id``, the Practice page).

They are written to ``<data dir>/questions/resume-questions.yaml`` (the place for your own
questions), merged by id with earlier ones, so a later plan for another job keeps them.
"""

from __future__ import annotations

import hashlib
import re

import yaml

from app.engines import build_chat_model, llm_params, llm_target
from app.settings import Settings
from evaluators.llm.calls import LLMFailure, StructuredCaller
from evaluators.llm.resume import GeneratedQuestion, generate_questions
from knowledge.jd import quote
from knowledge.plan import PlanQuestion, PracticePlan

RESUME_FILE = "resume-questions.yaml"
_TOPIC, _KIND = "projects", "project_deep_dive"


def question_id(generated: GeneratedQuestion) -> str:
    """A stable slug: the same bullet gives the same id, so re-planning does not duplicate."""
    words = re.findall(r"[a-z0-9]+", generated.bullet.lower())[:6]
    digest = hashlib.sha1(generated.bullet.encode("utf-8")).hexdigest()[:6]
    return "resume-" + "-".join([*words, digest])


def _record(generated: GeneratedQuestion) -> dict:
    outline = generated.outline.strip()
    return {
        "id": question_id(generated),
        "kind": _KIND,
        "difficulty": "medium",
        "prompt": generated.prompt.strip(),
        "key_points": [p.strip() for p in generated.key_points],
        "follow_ups": [generated.follow_up.strip() or "What would you do differently today?"],
        "model_answer": outline if len(outline) >= 40 else " ".join(generated.key_points),
        "tags": ["resume"],
    }


def save_questions(settings: Settings, questions: list[GeneratedQuestion]) -> list[str]:
    """Merge the questions into the résumé file of the data directory; returns their ids."""
    path = settings.user_questions_dir / RESUME_FILE
    existing: dict[str, dict] = {}
    if path.is_file():
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        existing = {q["id"]: q for q in doc.get("questions", []) if isinstance(q, dict)}
    for generated in questions:
        record = _record(generated)
        existing[record["id"]] = record
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"topic": _TOPIC, "questions": list(existing.values())}
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return [question_id(g) for g in questions]


def add_resume_questions(plan: PracticePlan, resume: str, settings: Settings) -> PracticePlan:
    """The plan with up to 3 generated questions appended; the LLM failing only adds a notice."""
    caller = StructuredCaller(
        build_chat_model(settings),
        target=llm_target(settings),
        max_retries=min(settings.llm_max_retries, 1),
        budget_s=llm_params(settings).budget_s,
    )
    try:
        generated = generate_questions(caller, resume)
    except LLMFailure as failure:
        plan.notices.append(f"No résumé questions: the LLM failed ({failure}).")
        return plan
    if not generated:
        plan.notices.append("The LLM found no résumé bullet with a concrete result to ask about.")
        return plan
    ids = save_questions(settings, generated)
    from app.services import reset_knowledge_base

    reset_knowledge_base()  # the next lookup sees the new questions (the index then rebuilds)
    extra = [
        PlanQuestion(id=qid, topic=_TOPIC, why=f"From your résumé: “{quote(g.bullet)}”")
        for qid, g in zip(ids, generated, strict=True)
    ]
    return plan.model_copy(update={"questions": [*plan.questions, *extra]})
