"""Persistence: attempts, self-ratings, STAR stories, mock sessions and preferences.

``open_database(settings.resolved_database_url)`` gives a migrated engine scoped to the local
user; ``for_user(db, user_id)`` gives the same database as another user (team mode). The
repository modules take that handle as their first argument, return detached SQLModel objects,
and only ever see the handle's user's rows (``app.storage.ownership``).
"""

from app.storage.db import open_database
from app.storage.models import LOCAL_USER, Attempt, AttemptStatus, MockSession, SelfRating, Story
from app.storage.ownership import for_user

__all__ = [
    "LOCAL_USER",
    "Attempt",
    "AttemptStatus",
    "MockSession",
    "SelfRating",
    "Story",
    "for_user",
    "open_database",
]
