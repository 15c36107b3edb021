"""The ``coach`` command line: a thin shell over the library (see DESIGN.md, CLI contract).

Each command lives in its own module; this module wires them into one typer app and maps
``CoachError`` subclasses to a one-line message on stderr and their exit code, so no user ever
sees a traceback for a problem they can fix.
"""

from __future__ import annotations

import sys

import typer

from app.cli import content as _content
from app.cli import grade as _grade
from app.cli import plan as _plan
from app.cli import run as _run
from app.cli import transcribe as _transcribe
from evaluators.errors import CoachError

cli = typer.Typer(
    name="coach",
    help="Interview Coach: rubric-based feedback for ML engineer interview answers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
cli.command("run")(_run.run)
cli.command("grade")(_grade.grade)
cli.command("transcribe")(_transcribe.transcribe)
cli.command("questions")(_content.questions)
cli.command("index")(_content.index)
cli.command("check")(_content.check)
cli.command("plan")(_plan.plan)


def main() -> None:
    """Console-script entry point."""
    try:
        cli()
    except CoachError as err:
        typer.echo(f"Error: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
