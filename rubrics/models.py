"""Pydantic models for rubrics: criteria with anchored 0–4 levels and weights."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

RUBRIC_KINDS: tuple[str, ...] = (
    "concept",
    "metrics",
    "coding_approach",
    "prob_stats",
    "system_design",
    "deep_learning",
    "project_deep_dive",
    "behavioral_star",
)
"""Question kinds shipped with the product; each has a rubric of the same id."""

COMMUNICATION_RUBRIC_ID = "communication"

Signal = Literal[
    "coverage",
    "accuracy",
    "depth",
    "tradeoffs",
    "examples",
    "complexity",
    "clarifying",
    "ownership",
    "structure",
    "clarity",
    "delivery",
    "star_situation",
    "star_task",
    "star_action",
    "star_result",
    "star_reflection",
]
"""What the offline evaluator measures to score a criterion (the LLM reads the levels instead)."""


class Criterion(BaseModel):
    """One thing the interviewer grades, with what each level 0–4 looks like."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    weight: float = Field(gt=0.0, le=1.0)
    signal: Signal
    levels: dict[int, str]

    @field_validator("levels")
    @classmethod
    def _all_levels_anchored(cls, levels: dict[int, str]) -> dict[int, str]:
        if sorted(levels) != [0, 1, 2, 3, 4]:
            raise ValueError("levels must anchor exactly 0, 1, 2, 3 and 4")
        if any(not text.strip() for text in levels.values()):
            raise ValueError("every level needs a description")
        return levels


class ScoreCap(BaseModel):
    """A ceiling on the overall score while one criterion sits at or below a level.

    Soundness is not one concern among many: a system design that leaks the label is unusable
    however complete it looks, so a weighted mean alone would let breadth hide the flaw.
    """

    model_config = ConfigDict(extra="forbid")

    criterion: str = Field(min_length=1)
    at_most: int = Field(ge=0, le=3, description="the cap applies while the level is <= this")
    overall_max: float = Field(ge=0.0, le=100.0, description="the highest overall allowed")


class Rubric(BaseModel):
    """A rubric for one question kind (or the cross-cutting ``communication`` rubric)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    kind: Literal["question", "communication"] = "question"
    criteria: list[Criterion] = Field(min_length=1)
    caps: list[ScoreCap] = Field(default_factory=list)

    @field_validator("criteria")
    @classmethod
    def _unique_criterion_ids(cls, criteria: list[Criterion]) -> list[Criterion]:
        ids = [c.id for c in criteria]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate criterion ids: {', '.join(dupes)}")
        return criteria

    def criterion(self, criterion_id: str) -> Criterion:
        """Look up a criterion by id (KeyError if absent)."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)
