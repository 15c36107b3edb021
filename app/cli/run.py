"""``coach run``: start the Streamlit app on the loopback interface.

The process *becomes* Streamlit (``os.execve``) rather than starting it as a child: a SIGTERM
from systemd, Docker or a supervisor then reaches the server itself, which stops and frees the
port, instead of killing a wrapper and leaving an orphan serving the port. Nothing heavy is
done before the exec, so the app is healthy within seconds; the search index and the embedding
model are prepared in the background by the app (``COACH_WARM_START``, see
``app.ui.resources.warm_up``). The Streamlit flags are passed explicitly because Streamlit
reads ``.streamlit/config.toml`` only from the current directory.
"""

from __future__ import annotations

import os
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
    typer.echo(f"Interview Coach on http://{host}:{port}", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    command = streamlit_command(port, host)
    os.execve(command[0], command, {**os.environ, "COACH_WARM_START": "1"})
