"""Start a mock interview from any page: the session row plus the mock page's state."""

from __future__ import annotations

import time
from collections.abc import Sequence

import streamlit as st

from app.storage import sessions
from app.ui import resources
from app.ui.answer_input import clear_answer

MOCK = "mock"
MOCK_PAGE = "pages/mock_interview.py"


def begin_mock(question_ids: Sequence[str], minutes: float) -> None:
    """Create the session and put the mock interview page on its first question."""
    mock = sessions.start_session(resources.database(), list(question_ids), minutes)
    st.session_state[f"{MOCK}.state"] = {
        "session_id": mock.id,
        "index": 0,
        "follow_up": None,
        "parent": None,
        "started": time.time(),
    }
    clear_answer(MOCK)
