"""A ticking answer timer (a fragment re-run every second, so the page itself stays still)."""

from __future__ import annotations

import time

import streamlit as st


def _format(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


@st.fragment(run_every=1)
def answer_timer(started_at: float, limit_min: float | None = None) -> None:
    """Elapsed time since ``started_at``; turns into a warning once over ``limit_min``."""
    elapsed = time.time() - started_at
    if limit_min and elapsed > limit_min * 60:
        st.warning(
            f":material/timer: {_format(elapsed)} — over the {limit_min:g} min target; wrap up."
        )
    elif limit_min:
        st.caption(f":material/timer: {_format(elapsed)} of {limit_min:g} min")
    else:
        st.caption(f":material/timer: {_format(elapsed)}")
