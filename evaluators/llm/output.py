"""The structured reply the LLM must return: scores with evidence, never an overall.

The overall is computed in code from the criteria (DESIGN.md), so the schema has no field for
it. Criterion ids are an enum built per rubric, so constrained decoding (OpenAI structured
outputs, llama.cpp grammars, Ollama formats) cannot invent a criterion; key points and red
flags are referred to by number, so the reply cannot rewrite them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

Score = Literal[0, 1, 2, 3, 4]


class CriterionReply(BaseModel):
    """One criterion as the model scored it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="The criterion id, exactly as listed in the rubric.")
    score: Score = Field(description="The rubric level 0-4 that the answer reaches.")
    evidence: list[str] = Field(
        description="Short quotes copied character for character from the answer that justify "
        "the score; empty if the answer has nothing for this criterion."
    )
    comment: str = Field(description="One or two sentences on why this level, not higher.")


class LLMReply(BaseModel):
    """The whole structured reply for one answer."""

    model_config = ConfigDict(extra="forbid")

    criteria: list[CriterionReply] = Field(description="Exactly one entry per rubric criterion.")
    covered_key_points: list[int] = Field(
        description="Numbers of the key points the answer states correctly."
    )
    red_flags_hit: list[int] = Field(
        description="Numbers of the red flags (wrong claims) the answer makes."
    )
    strengths: list[str] = Field(description="What the answer does well, one item each.")
    improvements: list[str] = Field(description="Concrete, actionable fixes, most important first.")
    stronger_answer: str = Field(description="A short model of a stronger answer.")
    follow_up: str = Field(description="One follow-up question an interviewer would ask next.")


@lru_cache(maxsize=64)
def reply_model(criterion_ids: tuple[str, ...]) -> type[LLMReply]:
    """``LLMReply`` whose criterion ``id`` accepts only ``criterion_ids`` (one per rubric)."""
    ids = Literal[criterion_ids]  # type: ignore[valid-type]
    criterion = create_model(
        "CriterionReply",
        __base__=CriterionReply,
        id=(ids, Field(description="The criterion id, exactly as listed in the rubric.")),
    )
    return create_model(
        "LLMReply",
        __base__=LLMReply,
        criteria=(
            list[criterion],  # type: ignore[valid-type]
            Field(description="Exactly one entry per rubric criterion."),
        ),
    )
