"""Batch grading behind ``coach grade``: JSONL in, one Feedback JSON per line out, in order.

Each line is validated on its own, so one bad line yields an error object and the rest are still
graded. Contexts are resolved once per distinct question (200 answers to one free-form question
open retrieval once), and answers go to the engine in chunks: the offline engine embeds a whole
chunk in one pass, and memory stays bounded on files of thousands of lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from pydantic import (
    ConfigDict,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)

from evaluators.engine import Engine
from evaluators.errors import CoachError
from evaluators.item import MAX_ANSWER_CHARS, GradeItem
from knowledge.base import KnowledgeBase
from knowledge.context import QuestionContext, QuestionSpec

CHUNK_SIZE = 256
MAX_LINE_CHARS = 5 * MAX_ANSWER_CHARS
"""A line holds one answer plus its question, reference answer and key points; five answers'
worth leaves room for all of them and bounds the memory one line can take."""
NOT_UTF8 = "not valid UTF-8 text; save the file as UTF-8"
_TEXT_FIELDS = ("id", "answer", "question_id", "question", "reference_answer", "key_points", "kind")


def _is_unicode(text: str) -> bool:
    """False for text holding lone surrogates: undecodable bytes (read with ``surrogateescape``)
    or a JSON escape such as ``\\ud800``; the tokenizer and the UTF-8 output both reject them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class GradeLine(QuestionSpec):
    """One input line: the answer and its question (a ``QuestionSpec``), strictly typed."""

    model_config = ConfigDict(extra="ignore")

    id: StrictStr
    answer: StrictStr
    question_id: StrictStr | None = None
    question: StrictStr | None = None
    reference_answer: StrictStr | None = None
    key_points: list[StrictStr] | None = None
    kind: StrictStr | None = None

    @field_validator(*_TEXT_FIELDS)
    @classmethod
    def _valid_unicode(cls, value: str | list[str] | None) -> str | list[str] | None:
        texts = value if isinstance(value, list) else [value]
        if not all(_is_unicode(t) for t in texts if t is not None):
            raise ValueError("contains invalid Unicode (a lone surrogate such as \\ud800)")
        return value

    @model_validator(mode="after")
    def _question_given(self) -> GradeLine:
        if not self.question_id and not (self.question and self.question.strip()):
            raise ValueError("give either 'question_id' (a bank question) or 'question' (text)")
        return self


@dataclass
class _Parsed:
    number: int
    id: str
    item: GradeItem | None = None
    error: str | None = None


def _describe(err: ValidationError) -> str:
    """The first validation problem as 'field: message' in plain words."""
    first = err.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "line"
    if first["type"] == "missing":
        return f"missing field '{field}'"
    if first["type"].endswith("_type"):
        return f"field '{field}' must be {first['type'].removesuffix('_type')}"
    return f"{field}: {first['msg'].removeprefix('Value error, ')}"


def _raw_id(raw: Any, number: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and _is_unicode(raw["id"]):
        return raw["id"]
    return f"line {number}"


class _Resolver:
    """Question contexts cached per distinct question (errors are cached too)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._cache: dict[tuple, QuestionContext | CoachError] = {}

    def context(self, line: GradeLine) -> QuestionContext:
        key = line.cache_key()
        if key not in self._cache:
            try:
                self._cache[key] = self.kb.context(line)
            except CoachError as err:
                self._cache[key] = err
        found = self._cache[key]
        if isinstance(found, CoachError):
            raise found
        return found


def bounded_lines(stream: TextIO, limit: int = MAX_LINE_CHARS) -> Iterator[str]:
    """The lines of ``stream``, each cut to ``limit + 1`` characters: the rest of a longer line
    is read and dropped, so one huge line cannot exhaust memory, and what is kept is still too
    long for ``parse_line`` to accept."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith("\n"):
            while (rest := stream.readline(limit)) and not rest.endswith("\n"):
                pass
        yield line


def parse_line(text: str, number: int, resolver: _Resolver) -> _Parsed:
    """Validate one JSONL line and resolve its question; never raises for bad input."""
    if len(text.rstrip("\r\n")) > MAX_LINE_CHARS:
        message = (
            f"line {number}: longer than {MAX_LINE_CHARS:,} characters; an answer may have at "
            f"most {MAX_ANSWER_CHARS:,}"
        )
        return _Parsed(number, f"line {number}", error=message)
    if not _is_unicode(text):
        return _Parsed(number, f"line {number}", error=f"line {number}: {NOT_UTF8}")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        return _Parsed(number, f"line {number}", error=f"line {number}: invalid JSON ({err.msg})")
    ident = _raw_id(raw, number)
    if not isinstance(raw, dict):
        return _Parsed(number, ident, error=f"line {number}: expected a JSON object")
    try:
        line = GradeLine.model_validate(raw)
        item = GradeItem(context=resolver.context(line), answer=line.answer)
    except ValidationError as err:
        return _Parsed(number, ident, error=f"line {number}: {_describe(err)}")
    except CoachError as err:
        return _Parsed(number, ident, error=f"line {number}: {err}")
    return _Parsed(number, line.id, item=item)


def _chunks(lines: Iterable[str], resolver: _Resolver) -> Iterator[list[_Parsed]]:
    chunk: list[_Parsed] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        chunk.append(parse_line(text, number, resolver))
        if len(chunk) >= CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="answer", desc="Grading", leave=False)


def grade_stream(
    lines: Iterable[str], out: TextIO, engine: Engine, kb: KnowledgeBase, progress: bool
) -> int:
    """Grade every JSONL line and write one JSON object per non-blank line, in input order.

    Returns the number of lines that failed (each written as ``{"id", "error"}``).
    """
    failed = 0
    bar = _progress_bar(progress)
    try:
        for chunk in _chunks(lines, _Resolver(kb)):
            good = [p for p in chunk if p.item is not None]
            feedback = iter(
                engine.evaluate_many(
                    [p.item for p in good], progress=bar.update if bar is not None else None
                )
            )
            for parsed in chunk:
                if parsed.error is not None:
                    failed += 1
                    record = {"id": parsed.id, "error": parsed.error}
                else:
                    record = {"id": parsed.id, **next(feedback).model_dump(mode="json")}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if bar is not None:
            bar.close()
    return failed
