"""The result of transcribing one spoken answer: text, timed words and delivery metrics."""

from __future__ import annotations

from pydantic import BaseModel, Field

from evaluators.schemas import Delivery


class Word(BaseModel):
    """One recognised word with its position in the recording (seconds, plain floats)."""

    word: str
    start: float
    end: float
    probability: float = Field(ge=0.0, le=1.0)


class Transcript(BaseModel):
    """What ``coach transcribe --json`` prints and the Practice page shows."""

    text: str
    language: str
    duration_s: float
    words: list[Word]
    delivery: Delivery
