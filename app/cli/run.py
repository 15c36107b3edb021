"""``coach run``: start the Streamlit app on the loopback interface.

The search index is built before Streamlit starts so the first answer is graded without a
long pause; the Streamlit flags are passed explicitly because Streamlit reads
``.streamlit/config.toml`` only from the current directory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

APP_SCRIPT = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def streamlit_command(port: int, host: str) -> list[str]:
    """The exact command line (also used by tests to check the flags)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_SCRIPT),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--theme.primaryColor",
        "#4f46e5",
    ]


def _prepare_index() -> None:
    from app.services import knowledge_base

    typer.echo("Preparing the search index (first start only takes a minute)…", err=True)
    knowledge_base().index  # noqa: B018  (built or refreshed on first access)


def run(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback needs sign-in ([auth]).")
    ] = "127.0.0.1",
) -> None:
    """Start the Streamlit app (offline unless an LLM is configured).

    Any address but loopback needs sign-in configured (``[auth]`` in .streamlit/secrets.toml).
    """
    from app.auth import auth_configured, check_bind_address

    check_bind_address(host, signed_in_only=auth_configured())
    _prepare_index()
    typer.echo(f"Interview Coach on http://{host}:{port}", err=True)
    try:
        completed = subprocess.run(streamlit_command(port, host), check=False)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    raise typer.Exit(completed.returncode)
