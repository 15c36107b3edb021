"""AppTest helpers: the real app entry point, a fresh data dir per test (root conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import APP, TIMEOUT_S


@pytest.fixture
def app(data_dir: Path) -> AppTest:
    """The whole multipage app, not yet run (``data_dir`` makes it use a fresh directory)."""
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
