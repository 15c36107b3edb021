"""Pydantic models for the question bank."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

TOPICS: dict[str, str] = {
    "ml_concepts": "ML concepts",
    "evaluation_metrics": "Model evaluation & metrics",
    "coding": "Coding & data structures",
    "prob_stats": "Probability & statistics",
    "system_design": "ML system design",
    "deep_learning": "Deep learning",
    "projects": "Projects & past work",
    "behavioral": "Behavioral (STAR)",
}
"""Topic id → display name. The eight topics of DESIGN.md."""

TOPIC_DEFAULT_KIND: dict[str, str] = {
    "ml_concepts": "concept",
    "evaluation_metrics": "metrics",
    "coding": "coding_approach",
    "prob_stats": "prob_stats",
    "system_design": "system_design",
    "deep_learning": "deep_learning",
    "projects": "project_deep_dive",
    "behavioral": "behavioral_star",
}

COMPETENCIES: dict[str, str] = {
    "conflict": "Conflict with a colleague",
    "failure": "Failure",
    "leadership": "Leadership",
    "ambiguity": "Ambiguity",
    "deadline": "Deadline pressure",
    "influence": "Influencing without authority",
    "mistake": "A mistake you made",
    "disagree_manager": "Disagreement with a manager",
    "mentoring": "Mentoring",
    "prioritisation": "Prioritisation",
    "ownership": "Ownership",
    "learning": "Learning something fast",
}
"""Behavioral competencies used for question tags and the story-bank coverage grid."""

Difficulty = Literal["easy", "medium", "hard"]


class Question(BaseModel):
    """A curated interview question with what a strong answer contains."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    topic: str
    kind: str
    difficulty: Difficulty
    prompt: str = Field(min_length=10)
    key_points: list[str] = Field(min_length=2)
    red_flags: list[str] = Field(default_factory=list)
    follow_ups: list[str] = Field(min_length=1)
    model_answer: str = Field(min_length=40)
    competencies: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, topic: str) -> str:
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r}; expected one of {', '.join(TOPICS)}")
        return topic

    @field_validator("key_points", "red_flags", "follow_ups")
    @classmethod
    def _no_blank_items(cls, items: list[str]) -> list[str]:
        if any(not item.strip() for item in items):
            raise ValueError("items must not be blank")
        return [item.strip() for item in items]

    @field_validator("competencies")
    @classmethod
    def _known_competencies(cls, items: list[str]) -> list[str]:
        unknown = [c for c in items if c not in COMPETENCIES]
        if unknown:
            raise ValueError(f"unknown competencies: {', '.join(unknown)}")
        return items
