"""The ``Feedback`` contract shared by every engine, the CLI, the app and the benchmarks.

Field names follow ``shared/DESIGN.md`` exactly; acceptance checks outside this repo read them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rubrics.models import MAX_LEVEL

EngineName = Literal["offline", "llm"]


class CriterionScore(BaseModel):
    """One rubric criterion as scored for one answer."""

    id: str
    name: str
    score: int = Field(ge=0, le=MAX_LEVEL)
    evidence: list[str] = Field(
        default_factory=list, description="Verbatim quotes from the answer."
    )
    comment: str = ""


class StarComponent(BaseModel):
    """Whether a STAR component is present, and the sentence of the answer that carries it."""

    present: bool = False
    evidence: str = ""


class StarAnalysis(BaseModel):
    """STAR breakdown of a behavioral answer."""

    situation: StarComponent = Field(default_factory=StarComponent)
    task: StarComponent = Field(default_factory=StarComponent)
    action: StarComponent = Field(default_factory=StarComponent)
    result: StarComponent = Field(default_factory=StarComponent)
    reflection: StarComponent = Field(default_factory=StarComponent)
    result_quantified: bool = False
    first_person_singular_ratio: float = Field(
        default=0.0, ge=0.0, le=1.0, description="Share of 'I' among I/we pronouns in actions."
    )


class Pause(BaseModel):
    """A silence between words longer than the long-pause threshold."""

    start: float
    end: float
    duration: float


class Delivery(BaseModel):
    """How a spoken answer was delivered (speed, fillers, pauses)."""

    words: int
    duration_s: float
    wpm: float
    fillers: dict[str, int] = Field(default_factory=dict)
    fillers_per_min: float = 0.0
    long_pauses: list[Pause] = Field(default_factory=list)
    speaking_ratio: float = Field(default=0.0, ge=0.0, le=1.0)
    longest_monologue_s: float = 0.0
    guidance: list[str] = Field(default_factory=list)


class Feedback(BaseModel):
    """Structured, rubric-based feedback for one answer; identical shape for every engine."""

    model_config = ConfigDict(extra="forbid")

    engine: EngineName
    rubric_id: str
    question_id: str | None = None
    overall: float = Field(ge=0.0, le=100.0)
    criteria: list[CriterionScore]
    covered_points: list[str] = Field(default_factory=list)
    missing_points: list[str] = Field(default_factory=list)
    red_flags_hit: list[str] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    stronger_answer: str = ""
    follow_up: str = ""
    star: StarAnalysis | None = None
    delivery: Delivery | None = None
    notices: list[str] = Field(default_factory=list)
