"""The one place where ``CoachError`` becomes a message on the page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from evaluators.errors import CoachError, EngineUnavailable, InputError, StorageError

_ICONS = {
    InputError: ":material/edit_note:",
    EngineUnavailable: ":material/power_off:",
    StorageError: ":material/storage:",
}


def show_error(err: CoachError) -> None:
    """Render a user-facing error with an icon matching its kind."""
    icon = next((i for kind, i in _ICONS.items() if isinstance(err, kind)), ":material/error:")
    st.error(str(err), icon=icon)


@contextmanager
def coach_errors() -> Iterator[None]:
    """Show a ``CoachError`` raised in the block as ``st.error`` and carry on rendering."""
    try:
        yield
    except CoachError as err:
        show_error(err)
