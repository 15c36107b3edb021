"""Practice plans as a service: read the job description (and résumé), plan, add LLM questions.

The CLI (``coach plan``) and the Plan page both call ``make_plan``; the ranking itself is the
pure ``knowledge.plan.build_plan``. Generated résumé questions need an LLM and are optional: any
failure there leaves the bank plan intact with a notice, never an error.
"""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings, get_settings
from evaluators.errors import InputError
from knowledge.base import KnowledgeBase
from knowledge.plan import DEFAULT_LENGTH, MAX_LENGTH, PracticePlan, build_plan

_BINARY_SAMPLE = 8192


def text_of(data: bytes, what: str) -> str:
    """Decode an uploaded or read file; binary or empty content is an ``InputError``."""
    if b"\x00" in data[:_BINARY_SAMPLE]:
        raise InputError(f"The {what} looks like a binary file; paste or save it as plain text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"The {what} is not UTF-8 text; save it as plain text (UTF-8) and try again."
        ) from None
    if not text.strip():
        raise InputError(f"The {what} is empty.")
    return text


def read_text_file(path: Path, what: str) -> str:
    """The text of ``path`` for planning, with a clear error for a missing or unusable file."""
    if not path.is_file():
        raise InputError(f"{what.capitalize()} file not found: {path}")
    return text_of(path.read_bytes(), what)


def make_plan(
    kb: KnowledgeBase,
    jd: str,
    *,
    resume: str | None = None,
    n: int = DEFAULT_LENGTH,
    settings: Settings | None = None,
) -> PracticePlan:
    """A plan of ``n`` bank questions, plus up to 3 résumé questions when an LLM is configured."""
    if not jd.strip():
        raise InputError("The job description is empty.")
    if not 1 <= n <= MAX_LENGTH:
        raise InputError(f"A plan has between 1 and {MAX_LENGTH} questions (got {n}).")
    plan = build_plan(kb.content, kb.index, jd, resume=resume, n=n)
    if resume is None:
        return plan
    settings = settings or get_settings()
    if not settings.llm_configured:
        plan.notices.append(
            "Configure an LLM (Settings) to also get deep-dive questions written from your résumé."
        )
        return plan
    from app.resume_questions import add_resume_questions

    return add_resume_questions(plan, resume, settings)
