"""Typed errors that carry the message a person needs.

The CLI maps them to exit codes and the Streamlit app to ``st.error`` in one place each
(``app/cli/__init__.py`` and ``app/ui/errors.py``). Messages are written for the user, not the
developer. This module sits below every package and imports nothing of ours.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base class: ``str(err)`` is a complete sentence safe to show to a user."""

    exit_code = 1


class InputError(CoachError):
    """The user's input (answer, file, JSONL line, audio) cannot be used as given."""

    exit_code = 2


class ContentError(CoachError):
    """Question bank or rubric data is invalid (bad YAML, duplicate ids, unknown kind...)."""

    exit_code = 3


class EngineUnavailable(CoachError):
    """An evaluation engine (LLM endpoint, speech model) cannot be used right now."""

    exit_code = 4


class StorageError(CoachError):
    """The data directory or database cannot be read or written."""

    exit_code = 5


class RateLimited(EngineUnavailable):
    """The user has used their share of the shared LLM endpoint for now (team mode)."""
