"""``coach questions``, ``coach index`` and ``coach check``: the content commands."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from app.services import knowledge_base
from knowledge.bank import topic_counts
from knowledge.models import TOPICS


def questions(
    topic: Annotated[str | None, typer.Option(help=f"One of: {', '.join(TOPICS)}")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Full records as a JSON array.")] = False,
) -> None:
    """List the question bank (bank + your own questions in the data directory)."""
    if topic is not None and topic not in TOPICS:
        typer.echo(f"Error: unknown topic {topic!r}; choose one of {', '.join(TOPICS)}.", err=True)
        raise typer.Exit(2)
    items = knowledge_base().content.by_topic(topic)
    if as_json:
        typer.echo(json.dumps([q.model_dump(mode="json") for q in items], indent=2))
        return
    for q in items:
        typer.echo(f"{q.id:<48} {q.topic:<18} {q.difficulty:<6} {q.prompt}")


def index() -> None:
    """Rebuild the Chroma index of rubric criteria and question knowledge."""
    kb = knowledge_base()
    count = kb.index.rebuild()
    typer.echo(f"Indexed {count} chunks into {kb.index.path}.")
    for notice in kb.index.notices:
        typer.echo(f"Note: {notice}", err=True)
    if kb.content.problems:
        typer.echo(
            f"Warning: {len(kb.content.problems)} problem(s) in questions or rubrics; the invalid "
            "items were left out. Run `coach check` to see them.",
            err=True,
        )


def check() -> None:
    """Validate the question bank and rubrics; print every problem as file:line: message."""
    content = knowledge_base().content
    for problem in content.problems:
        typer.echo(str(problem), err=True)
    counts = topic_counts(content)
    summary = ", ".join(f"{t}={n}" for t, n in counts.items())
    if content.problems:
        typer.echo(f"{len(content.problems)} problem(s) found.", err=True)
        sys.exit(1)
    typer.echo(
        f"OK: {len(content.questions)} questions ({summary}); {len(content.rubrics)} rubrics."
    )
