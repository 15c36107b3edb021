"""``coach plan``: a practice plan for a job description (DESIGN.md, CLI contract)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from knowledge.models import TOPICS
from knowledge.plan import DEFAULT_LENGTH, MAX_LENGTH, PracticePlan


def _print(plan: PracticePlan) -> None:
    typer.echo(f"Practice plan for: {plan.role}")
    weights = ", ".join(f"{TOPICS.get(t.topic, t.topic)} {t.weight:.0%}" for t in plan.topics[:5])
    if weights:
        typer.echo(f"Topic weights: {weights}")
    typer.echo(f"Behavioral competencies: {', '.join(plan.competencies)}")
    typer.echo("")
    for i, q in enumerate(plan.questions, start=1):
        typer.echo(f"{i:>2}. {q.id}  [{q.topic}]")
        typer.echo(f"    {q.why}")
    for notice in plan.notices:
        typer.echo(f"Note: {notice}", err=True)


def plan(
    jd: Annotated[Path, typer.Argument(help="The job description, as a text file.")],
    resume: Annotated[
        Path | None, typer.Option("--resume", help="Your résumé as a text file (optional).")
    ] = None,
    n: Annotated[
        int, typer.Option("-n", min=1, max=MAX_LENGTH, help="How many bank questions.")
    ] = DEFAULT_LENGTH,
    as_json: Annotated[bool, typer.Option("--json", help="The plan as one JSON object.")] = False,
) -> None:
    """Plan which bank questions to practise for a job description (and your résumé)."""
    from app.planning import make_plan, read_text_file
    from app.services import knowledge_base

    jd_text = read_text_file(jd, "job description")
    resume_text = read_text_file(resume, "résumé") if resume is not None else None
    result = make_plan(knowledge_base(), jd_text, resume=resume_text, n=n)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    _print(result)
