"""Load and validate the question bank: shipped YAML per topic plus user questions.

Never raises on bad content: every problem is collected with its file and line so ``coach
check`` can report all of them at once, and the app can still run on the valid questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.models import TOPIC_DEFAULT_KIND, TOPICS, Question
from knowledge.validation import validate_item
from knowledge.yaml_lines import LocatedDoc, Problem, load_located
from rubrics.loader import load_rubrics
from rubrics.models import COMMUNICATION_RUBRIC_ID, Rubric

SHIPPED_DIR = Path(__file__).parent / "questions"

MIN_RED_FLAGS = 3
"""Known wrong claims a technical question needs: the correctness check matches answers to them."""
STORY_KINDS = ("behavioral_star", "project_deep_dive")
"""Kinds graded on the candidate's own story, whose red flags are behaviours, not claims."""
_META_OPENER = re.compile(
    r"^(claims?|says|states|believes|thinks|describes|treats|confuses|assumes|answers|"
    r"uses|applies|ignores|forgets)\b",
    re.IGNORECASE,
)
"""A red flag is matched against answer sentences, so it is the wrong claim itself, in the words
a candidate would use ("Adding data reduces bias."), not a report about it ("Claims that...")."""


@dataclass
class Content:
    """Questions and rubrics that passed validation, and every problem found on the way."""

    questions: dict[str, Question] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def communication(self) -> Rubric:
        return self.rubrics[COMMUNICATION_RUBRIC_ID]

    def by_topic(self, topic: str | None = None) -> list[Question]:
        return [q for q in self.questions.values() if topic is None or q.topic == topic]


def question_files(extra_dirs: Iterable[Path] = ()) -> list[Path]:
    dirs = [SHIPPED_DIR, *extra_dirs]
    return [p for d in dirs if d.is_dir() for p in sorted(d.glob("*.y*ml"))]


def _questions_in(doc: LocatedDoc, path: Path) -> tuple[list[tuple[int, dict]], list[Problem]]:
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return [], [Problem(path, 1, "expected a mapping with a 'questions:' list")]
    topic = data.get("topic")
    items, problems = [], []
    for index, raw in enumerate(data["questions"]):
        if not isinstance(raw, dict):
            line = doc.line_of(("questions", index))
            problems.append(Problem(path, line, f"question #{index + 1} is not a mapping"))
            continue
        item = dict(raw)
        if isinstance(topic, str) and "topic" not in item:
            item["topic"] = topic
        item_topic = item.get("topic")
        if "kind" not in item and isinstance(item_topic, str) and item_topic in TOPIC_DEFAULT_KIND:
            item["kind"] = TOPIC_DEFAULT_KIND[item["topic"]]
        items.append((index, item))
    return items, problems


def _check_question(
    question: Question, content: Content, doc: LocatedDoc, base: tuple, path: Path
) -> list[Problem]:
    """Cross-file checks a single model cannot do: rubric exists, id unique."""
    problems = []
    if question.kind not in content.rubrics:
        line = doc.line_of((*base, "kind"))
        message = f"{question.id}: unknown rubric kind {question.kind!r}"
        problems.append(Problem(path, line, message))
    if question.id in content.questions:
        line = doc.line_of((*base, "id"))
        problems.append(Problem(path, line, f"duplicate question id {question.id!r}"))
    return problems


def red_flag_issues(question: Question) -> list[tuple[int | None, str]]:
    """(red flag index or None, message) for each way a technical question's red flags fall short.

    Pure, so the rule can be tested apart from file loading. Story kinds are exempt.
    """
    if question.kind in STORY_KINDS:
        return []
    issues: list[tuple[int | None, str]] = []
    if len(question.red_flags) < MIN_RED_FLAGS:
        issues.append(
            (
                None,
                f"{question.id}: a technical question needs at least {MIN_RED_FLAGS} red flags,"
                f" found {len(question.red_flags)}",
            )
        )
    for i, flag in enumerate(question.red_flags):
        if _META_OPENER.match(flag):
            issues.append(
                (
                    i,
                    f"{question.id}: red flag {i + 1} reports a claim ({flag.split()[0]!r}...);"
                    " state the wrong claim itself, as a candidate would say it",
                )
            )
    return issues


def _red_flag_problems(
    question: Question, doc: LocatedDoc, base: tuple, path: Path
) -> list[Problem]:
    """The shipped bank's bar; users' own questions are not held to it (they still grade)."""
    if not path.is_relative_to(SHIPPED_DIR):
        return []
    return [
        Problem(path, doc.line_of((*base, "red_flags", *([] if i is None else [i]))), message)
        for i, message in red_flag_issues(question)
    ]


def load_content(extra_question_dirs: Iterable[Path] = (), extra_rubric_dirs: Iterable[Path] = ()):
    """Load rubrics then questions (a question's kind must name a loaded rubric)."""
    content = Content()
    content.rubrics, content.problems = load_rubrics(list(extra_rubric_dirs))
    for path in question_files(extra_question_dirs):
        try:
            doc = load_located(path)
        except ValueError as exc:
            content.problems.append(exc.args[0])
            continue
        items, problems = _questions_in(doc, path)
        content.problems.extend(problems)
        for index, item in items:
            base = ("questions", index)
            question, found = validate_item(Question, item, doc, base, path)
            content.problems.extend(found)
            if question is None:
                continue
            found = _check_question(question, content, doc, base, path)
            content.problems.extend(found)
            # Weak red flags are reported but the question stays usable.
            content.problems.extend(_red_flag_problems(question, doc, base, path))
            if not found:
                content.questions[question.id] = question
    return content


def topic_counts(content: Content) -> dict[str, int]:
    return {topic: len(content.by_topic(topic)) for topic in TOPICS}
