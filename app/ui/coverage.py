"""Which behavioral competencies the story bank covers, and the gaps to fill."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from app.storage import Story
from knowledge.models import COMPETENCIES


def coverage_grid(stories: Sequence[Story]) -> pd.DataFrame:
    """Stories × competencies, ✓ where a story demonstrates the competency."""
    columns = list(COMPETENCIES.values())
    rows = {
        story.title or f"Story {story.id}": [
            "✓" if cid in story.competencies else "" for cid in COMPETENCIES
        ]
        for story in stories
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns)


def gaps(stories: Sequence[Story]) -> list[str]:
    """A sentence per competency no story covers yet."""
    covered = {cid for story in stories for cid in story.competencies}
    return [
        f"No story for {label[0].lower()}{label[1:]} yet"
        for cid, label in COMPETENCIES.items()
        if cid not in covered
    ]
