"""Interview Coach, the Streamlit app: navigation between the pages (`coach run` starts it)."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `streamlit run app/streamlit_app.py` puts app/ on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from streamlit import config

from app import auth
from app.ui import resources
from app.ui.errors import show_error
from evaluators.errors import InputError, StorageError

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
            st.Page(PAGES / "plan.py", title="Plan for a job", icon=":material/work:"),
            st.Page(
                PAGES / "story_bank.py", title="STAR story bank", icon=":material/auto_stories:"
            ),
        ],
        "Track": [
            st.Page(PAGES / "progress.py", title="Progress", icon=":material/trending_up:"),
            st.Page(PAGES / "settings.py", title="Settings", icon=":material/settings:"),
        ],
    }


def _sign_in() -> None:
    """Team mode: Streamlit's own OpenID Connect sign-in before any page (st.login)."""
    st.title("Interview Coach")
    st.write("This is a shared Interview Coach server. Sign in to practise with your own data.")
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)


def _account() -> None:
    with st.sidebar:
        st.caption(f"Signed in as **{st.user.get('name') or st.user.get('email') or 'you'}**")
        st.button("Sign out", icon=":material/logout:", on_click=st.logout)


def _gate() -> bool:
    """Who may see the pages: a signed-in user in team mode, anyone on loopback otherwise.

    AppTest runs the script with no server, so there is no address to check (it patches
    ``streamlit.config.get_option``, hence the module attribute rather than ``st.get_option``).
    """
    if auth.auth_configured():
        if not st.user.is_logged_in:
            _sign_in()
            return False
        _account()
        return True
    if config.get_option("global.appTest"):
        return True
    try:
        auth.check_bind_address(config.get_option("server.address"), signed_in_only=False)
    except InputError as err:
        show_error(err)
        return False
    return True


def main() -> None:
    st.set_page_config(page_title="Interview Coach", page_icon=":material/target:", layout="wide")
    if not _gate():
        st.stop()
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
