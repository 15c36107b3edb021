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
    """One criterion as the model scored it: quotes and reasoning first, the level last.

    The field order is the order a constrained decoder writes them in, so the model commits to
    evidence and a justification before it picks a score, not after.
    """

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="The criterion id, exactly as listed in the rubric.")
    evidence: list[str] = Field(
        description="Short quotes copied character for character from the answer that justify "
        "the score; empty if the answer has nothing for this criterion."
    )
    comment: str = Field(description="One or two sentences on why this level, not higher.")
    score: Score = Field(description="The rubric level 0-4 that the answer reaches.")


class LLMReply(BaseModel):
    """The whole structured reply for one answer.

    Key points and red flags come before the criteria: deciding which facts the answer states
    (and which wrong claims it makes) is the evidence the criterion levels then rest on.
    """

    model_config = ConfigDict(extra="forbid")

    covered_key_points: list[int] = Field(
        description="Numbers of the key points the answer states correctly."
    )
    red_flags_hit: list[int] = Field(
        description="Numbers of the red flags (wrong claims) the answer makes."
    )
    criteria: list[CriterionReply] = Field(description="Exactly one entry per rubric criterion.")
    strengths: list[str] = Field(description="What the answer does well, one item each.")
    improvements: list[str] = Field(description="Concrete, actionable fixes, most important first.")
    stronger_answer: str = Field(description="A short model of a stronger answer.")
    follow_up: str = Field(description="One follow-up question an interviewer would ask next.")


_PLACEHOLDERS = {
    "covered_key_points": "[numbers]",
    "red_flags_hit": "[numbers]",
    "criteria": "[{criterion}, ...]",
    "strengths": '["..."]',
    "improvements": '["..."]',
    "stronger_answer": '"..."',
    "follow_up": '"..."',
    "id": '"{first_id}"',
    "evidence": '["exact quote"]',
    "comment": '"why this level"',
    "score": "0-4",
}
"""What each field holds, for the skeleton (a field missing here fails the prompt tests)."""


def skeleton(first_id: str) -> str:
    """The reply's shape in one line, fields in schema order.

    Local servers use the JSON schema only to build a grammar, so the model never sees the
    field descriptions; this line is how it learns what goes where.
    """
    criterion = ", ".join(
        f'"{name}": {_PLACEHOLDERS[name]}' for name in CriterionReply.model_fields
    ).replace("{first_id}", first_id)
    fields = ", ".join(f'"{name}": {_PLACEHOLDERS[name]}' for name in LLMReply.model_fields)
    return "{" + fields.replace("{criterion}", "{" + criterion + "}") + "}"


@lru_cache(maxsize=64)
def reply_model(criterion_ids: tuple[str, ...]) -> type[LLMReply]:
    """``LLMReply`` whose criterion ``id`` accepts only ``criterion_ids`` (one per rubric)."""
    ids = Literal[criterion_ids]  # type: ignore[valid-type]
    criterion = create_model(
        "CriterionReply",
        __doc__="One rubric criterion: quotes, why, then the level.",
        __base__=CriterionReply,
        id=(ids, Field(description="The criterion id, exactly as listed in the rubric.")),
    )
    return create_model(
        "LLMReply",
        __doc__="Grades for one interview answer against its rubric.",
        __base__=LLMReply,
        criteria=(
            list[criterion],  # type: ignore[valid-type]
            Field(description="Exactly one entry per rubric criterion."),
        ),
    )
