"""Persistence: attempts, self-ratings, STAR stories, mock sessions and preferences.

``open_database(settings.resolved_database_url)`` gives a migrated engine; the repository
modules take that engine as their first argument and return detached SQLModel objects.
"""

from app.storage.db import open_database
from app.storage.models import Attempt, MockSession, SelfRating, Story

__all__ = ["Attempt", "MockSession", "SelfRating", "Story", "open_database"]
