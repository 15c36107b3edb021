"""``coach grade``: grade a JSONL file of answers (DESIGN.md, CLI contract)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, TextIO

import typer

from evaluators.engine import Engine
from evaluators.errors import InputError

EngineChoice = Literal["offline", "llm", "auto"]


def _engine(choice: str | None) -> Engine:
    """``--engine`` if given, else the choice saved on the app's Settings page, else COACH_ENGINE.

    Endpoint and model saved in the app apply too, so the CLI grades as the app does. The LLM
    stack (LangChain, OpenAI SDK) is imported only when the LLM is actually used, which keeps
    offline grading a second or more faster to start.
    """
    settings = None
    if choice != "offline":  # the saved choices are in the database: open it only when needed
        from app.services import database, settings_with_choices

        settings = settings_with_choices(database())
        if choice is not None:
            settings = settings.model_copy(update={"engine": choice})
    if settings is None or settings.resolved_engine == "offline":
        from evaluators.offline import OfflineEvaluator

        return OfflineEvaluator()
    from app.engines import engine_from_settings

    return engine_from_settings(settings)


def _open_lines(path: Path) -> TextIO:
    """Text lines of ``path``; a BOM is skipped and undecodable bytes are kept as surrogates,
    so one bad line becomes a per-line error instead of aborting the whole file."""
    return path.open(encoding="utf-8-sig", errors="surrogateescape")


def _has_content(path: Path) -> bool:
    from evaluators.batch import bounded_lines

    with _open_lines(path) as stream:
        return any(line.strip() for line in bounded_lines(stream))


def grade(
    input: Annotated[Path, typer.Argument(help="JSONL file: one answer per line.")],
    output: Annotated[
        str,
        typer.Option("-o", "--output", help="Where to write the feedback JSONL ('-' = stdout)."),
    ] = "-",
    engine: Annotated[
        EngineChoice | None,
        typer.Option(
            "--engine",
            help="offline, llm or auto (default: the app's saved choice, else COACH_ENGINE).",
        ),
    ] = None,
) -> None:
    """Grade answers from a JSONL file; writes one Feedback JSON per line. Exit 2 if any failed."""
    from app.services import knowledge_base
    from evaluators.batch import bounded_lines, grade_stream

    if not input.is_file():
        raise InputError(f"Input file not found: {input}")
    if not _has_content(input):
        raise InputError(f"{input} has no answers to grade (it is empty or only blank lines).")
    chosen = _engine(engine)
    with _open_lines(input) as stream:
        lines = bounded_lines(stream)
        if output == "-":
            failed = grade_stream(lines, sys.stdout, chosen, knowledge_base(), sys.stderr.isatty())
        else:
            with open(output, "w", encoding="utf-8") as out:
                failed = grade_stream(lines, out, chosen, knowledge_base(), sys.stderr.isatty())
    if failed:
        typer.echo(f"{failed} line(s) could not be graded; see their 'error' field.", err=True)
        raise typer.Exit(2)
