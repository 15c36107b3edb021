"""Interview Coach, the Streamlit app: navigation between the pages (`coach run` starts it)."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `streamlit run app/streamlit_app.py` puts app/ on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st

from app.ui import resources
from app.ui.errors import show_error
from evaluators.errors import StorageError

PAGES = Path(__file__).parent / "pages"


def _pages() -> dict[str, list[st.Page]]:
    return {
        "Practice": [
            st.Page(
                PAGES / "practice.py", title="Practice", icon=":material/target:", default=True
            ),
            st.Page(
                PAGES / "mock_interview.py",
                title="Mock interview",
                icon=":material/record_voice_over:",
            ),
            st.Page(PAGES / "self_review.py", title="Self-review", icon=":material/balance:"),
        ],
        "Prepare": [
            st.Page(
                PAGES / "story_bank.py", title="STAR story bank", icon=":material/auto_stories:"
            )
        ],
        "Track": [
            st.Page(PAGES / "progress.py", title="Progress", icon=":material/trending_up:"),
            st.Page(PAGES / "settings.py", title="Settings", icon=":material/settings:"),
        ],
    }


def main() -> None:
    st.set_page_config(page_title="Interview Coach", page_icon=":material/target:", layout="wide")
    page = st.navigation(_pages())
    with st.sidebar:
        st.caption("Interview Coach · ML Engineer interview practice, offline.")
    try:
        resources.database()
    except StorageError as err:
        show_error(err)
        st.stop()
    resources.warm_up()
    page.run()


main()
