"""Turn pydantic validation errors into located ``Problem`` lines for ``coach check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from core.yaml_lines import LocatedDoc, Problem

M = TypeVar("M", bound=BaseModel)


def _describe(error: dict[str, Any]) -> str:
    field = ".".join(str(part) for part in error["loc"]) or "document"
    message = error["msg"].removeprefix("Value error, ")
    return f"{field}: {message}"


def validate_item(
    model: type[M], data: Any, doc: LocatedDoc, base: tuple[Any, ...], path: Path
) -> tuple[M | None, list[Problem]]:
    """Validate one mapping of a YAML document; problems carry the line of the failing field."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = [
            Problem(path, doc.line_of((*base, *err["loc"])), _describe(err)) for err in exc.errors()
        ]
        return None, problems
