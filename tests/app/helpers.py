"""Helpers for AppTest-based tests: where the app is, open a page, read what the user sees."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app" / "streamlit_app.py"
FIXTURES = ROOT / "tests" / "fixtures"
TIMEOUT_S = 240  # the first evaluation in a process loads the embedding model


def open_page(at: AppTest, page: str) -> AppTest:
    """Run the app (``switch_page`` needs the registered pages), then open ``pages/<page>.py``."""
    return at.run().switch_page(f"pages/{page}.py").run()


def texts(at: AppTest) -> str:
    """All markdown, captions and alerts on the page, for 'the user can read X' assertions."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for kind in (at.info, at.success, at.warning, at.error) for e in kind]
    return "\n".join(parts)


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
