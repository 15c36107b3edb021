"""STAR stories: save, edit, list and delete."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app.storage.db import write_errors
from app.storage.models import Story, utcnow

STORY_FIELDS = ("title", "situation", "task", "action", "result", "reflection")


def save_story(
    db: Engine,
    *,
    competencies: Sequence[str] = (),
    story_id: int | None = None,
    **fields: str,
) -> Story:
    """Create a story, or update ``story_id``; only the STAR fields and tags are accepted."""
    unknown = set(fields) - set(STORY_FIELDS)
    if unknown:
        raise TypeError(f"unknown story fields: {', '.join(sorted(unknown))}")
    with write_errors("your story"), Session(db, expire_on_commit=False) as session:
        story = session.get(Story, story_id) if story_id is not None else None
        if story is None:
            story = Story(title=fields.get("title", ""))
        for name, value in fields.items():
            setattr(story, name, value.strip())
        story.competencies_json = json.dumps(list(competencies))
        story.updated_at = utcnow()
        session.add(story)
        session.commit()
    return story


def list_stories(db: Engine) -> list[Story]:
    with Session(db, expire_on_commit=False) as session:
        return list(session.exec(select(Story).order_by(col(Story.title), col(Story.id))).all())


def get_story(db: Engine, story_id: int) -> Story | None:
    with Session(db, expire_on_commit=False) as session:
        return session.get(Story, story_id)


def delete_story(db: Engine, story_id: int) -> None:
    with write_errors("the story change"), Session(db) as session:
        story = session.get(Story, story_id)
        if story is not None:
            session.delete(story)
            session.commit()
