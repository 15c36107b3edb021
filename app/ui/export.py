"""Export history as Markdown (to read) and JSON (to keep or analyse)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from app.storage import Attempt
from app.storage.attempts import feedback_of
from knowledge.models import TOPICS
from rubrics.models import MAX_LEVEL


def _attempt_md(attempt: Attempt) -> list[str]:
    feedback = feedback_of(attempt)
    topic = TOPICS.get(attempt.topic or "", attempt.topic or "custom")
    lines = [f"## {attempt.question_text}", ""]
    score = f"**{feedback.overall:.0f}/100**" if feedback else f"_{attempt.status}_"
    lines += [f"{attempt.created_at:%Y-%m-%d %H:%M} UTC · {topic} · {score}", ""]
    lines += ["### Answer", "", attempt.answer_text.strip(), ""]
    if feedback is None:
        return [*lines, f"Evaluation: {attempt.error or attempt.status}", ""]
    lines += ["### Scores", ""]
    lines += [f"- {c.name}: {c.score}/{MAX_LEVEL}" for c in feedback.criteria]
    if feedback.missing_points:
        lines += ["", "### Missing points", ""] + [f"- {p}" for p in feedback.missing_points]
    if feedback.improvements:
        lines += ["", "### Improve next time", ""] + [f"- {p}" for p in feedback.improvements]
    return [*lines, ""]


def history_markdown(attempts: Sequence[Attempt], title: str = "Interview practice") -> str:
    """A readable report of the given attempts, oldest first."""
    graded = [a.overall for a in attempts if a.overall is not None]
    lines = [f"# {title}", ""]
    if graded:
        lines += [f"{len(attempts)} answers · average {sum(graded) / len(graded):.0f}/100", ""]
    for attempt in attempts:
        lines += _attempt_md(attempt)
    return "\n".join(lines)


def history_json(attempts: Sequence[Attempt]) -> str:
    """Every attempt with its full feedback, as a JSON array."""
    rows = []
    for attempt in attempts:
        row = attempt.model_dump(mode="json", exclude={"feedback_json"})
        feedback = feedback_of(attempt)
        row["feedback"] = feedback.model_dump(mode="json") if feedback else None
        rows.append(row)
    return json.dumps(rows, indent=2, ensure_ascii=False)
