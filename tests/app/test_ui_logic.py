"""Pure helpers behind the pages: safe markdown, coverage gaps, plans, exports, imports."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

from app.cli.run import APP_SCRIPT, streamlit_command
from app.grading import QuestionRef, Submission, evaluate_saved, grade_and_save
from app.settings import get_settings
from app.storage import Story, attempts, open_database
from app.ui.content_import import import_file
from app.ui.coverage import coverage_grid, gaps
from app.ui.export import history_markdown
from app.ui.markdown import escape_md, find_spans, highlight
from app.ui.mock_plan import plan_questions
from app.ui.progress_data import streak
from evaluators.errors import EngineUnavailable, InputError
from evaluators.schemas import Delivery, Feedback
from knowledge.models import Question
from tests.app.helpers import FIXTURES


def test_escaped_markdown_neutralises_formatting_directives_and_html() -> None:
    shown = escape_md("**x** :red[y] <script>z</script> $m$\n    indented")
    for raw in ("**x**", ":red[", "<script>", "$m$"):
        assert raw not in shown
    assert shown.endswith("  \nindented"), "lines break, indentation cannot make a code block"


def test_highlight_marks_quotes_case_and_space_insensitively_across_lines() -> None:
    text = "I used Cross-Validation   with k=5.\nThen AUC."
    assert find_spans(text, ["cross-validation with", "missing quote"]) == [(7, 30)]
    marked = highlight(text, ["with k=5. then auc"])
    assert marked == (
        r"I used Cross\-Validation   :orange-background[with k\=5\.]"
        "  \n"
        r":orange-background[Then AUC]\."
    )


def _story(title: str, *competencies: str) -> Story:
    return Story(title=title, competencies_json=json.dumps(list(competencies)))


def test_coverage_grid_and_gaps_name_the_missing_competencies() -> None:
    bank = [_story("Drift", "failure", "ownership"), _story("Mentor", "mentoring")]
    grid = coverage_grid(bank)
    assert grid.loc["Drift", "Failure"] == "✓" and grid.loc["Mentor", "Failure"] == ""
    missing = gaps(bank)
    assert "No story for failure yet" not in missing
    assert "No story for leadership yet" in missing
    assert len(missing) == 12 - 3


def _q(qid: str, topic: str) -> Question:
    return Question(
        id=qid,
        topic=topic,
        kind="concept",
        difficulty="easy",
        prompt="A question long enough?",
        key_points=["one point", "two points"],
        follow_ups=["why?"],
        model_answer="x" * 40,
    )


def test_mock_plan_respects_counts_orders_topics_and_prefers_unseen_questions() -> None:
    bank = [_q(f"b{i}", "behavioral") for i in range(3)] + [
        _q(f"c{i}", "ml_concepts") for i in range(4)
    ]
    plan = plan_questions(bank, {"behavioral": 1, "ml_concepts": 2}, random.Random(0), {"c0", "c1"})
    assert plan[:2] == sorted(plan[:2]) and set(plan[:2]) == {"c2", "c3"}
    assert plan[2].startswith("b") and len(plan) == 3


def test_streak_counts_consecutive_days_and_survives_until_today_is_practised() -> None:
    today = date(2025, 3, 10)
    days = [date(2025, 3, 9), date(2025, 3, 8), date(2025, 3, 6)]
    assert streak(days, today) == 2
    assert streak([*days, today], today) == 3
    assert streak([date(2025, 3, 1)], today) == 0


def test_coach_run_binds_loopback_headless_without_telemetry() -> None:
    command = streamlit_command(8765, "127.0.0.1")
    assert command[command.index("run") + 1] == str(APP_SCRIPT) and APP_SCRIPT.is_file()
    flags = dict(zip(command[5::2], command[6::2], strict=False))
    assert flags["--server.address"] == "127.0.0.1"
    assert flags["--server.port"] == "8765"
    assert flags["--server.headless"] == "true"
    assert flags["--browser.gatherUsageStats"] == "false"


def test_importing_questions_reports_semantic_problems_with_lines(tmp_path: Path) -> None:
    broken = FIXTURES / "content" / "broken" / "semantic.yaml"
    problems = import_file(
        "questions", broken.name, broken.read_bytes(), tmp_path / "q", tmp_path / "r"
    )
    assert problems and all(p.startswith("semantic.yaml:") for p in problems)
    assert any("key_points" in p for p in problems) and any("poetry" in p for p in problems)
    assert not (tmp_path / "q").exists()


def test_importing_a_rubric_with_a_mismatched_id_is_refused(tmp_path: Path) -> None:
    rubric = (Path(__file__).resolve().parents[2] / "rubrics" / "concept.yaml").read_bytes()
    problems = import_file("rubrics", "mine.yaml", rubric, tmp_path / "q", tmp_path / "r")
    assert any("must match file name" in p for p in problems)
    assert import_file("rubrics", "../evil.yaml", rubric, tmp_path / "q", tmp_path / "r")


class _Down:
    name = "llm"

    def evaluate_many(self, items, progress=None):
        raise EngineUnavailable("The endpoint timed out.")


def test_the_answer_is_saved_before_evaluation_and_kept_when_it_fails(data_dir: Path) -> None:
    from app.services import knowledge_base

    db = open_database(get_settings().resolved_database_url)
    kb = knowledge_base()
    ref = QuestionRef.from_bank(next(iter(kb.content.questions.values())))
    with pytest.raises(EngineUnavailable):
        grade_and_save(db, _Down(), kb, ref, Submission("My careful answer."))
    [kept] = attempts.list_attempts(db)
    assert (kept.status, kept.answer_text, kept.error) == (
        "failed",
        "My careful answer.",
        "The endpoint timed out.",
    )
    with pytest.raises(InputError):
        grade_and_save(db, _Down(), kb, ref, Submission("   "))
    assert len(attempts.list_attempts(db)) == 1, "an empty answer is not saved"


class _Recorder:
    """An engine that remembers what it was asked to grade and gives a minimal feedback."""

    name = "offline"

    def __init__(self) -> None:
        self.items: list = []

    def evaluate_many(self, items, progress=None):
        self.items.extend(items)
        return [
            Feedback(engine="offline", rubric_id=i.context.rubric.id, overall=50, criteria=[])
            for i in items
        ]


def test_evaluate_again_grades_a_spoken_own_question_as_first_submitted(data_dir: Path) -> None:
    from app.services import knowledge_base

    db = open_database(get_settings().resolved_database_url)
    kb = knowledge_base()
    reference = "A stack is last in, first out: push adds on top and pop removes the top."
    ref = QuestionRef(text="What is a stack?", kind="coding_approach", reference_answer=reference)
    spoken = Delivery(words=30, duration_s=12.0, wpm=150.0, fillers={"um": 2})
    with pytest.raises(EngineUnavailable):
        grade_and_save(db, _Down(), kb, ref, Submission("Push and pop, LIFO.", delivery=spoken))
    [failed] = attempts.list_attempts(db)
    assert attempts.delivery_of(failed) == spoken

    engine = _Recorder()
    again = QuestionRef.from_attempt(attempts.get(db, failed.id))  # as the "Evaluate again" button
    done, feedback = evaluate_saved(db, engine, kb, attempts.get(db, failed.id), again)
    [item] = engine.items
    assert item.delivery == spoken and feedback.delivery == spoken
    assert item.context.reference_answer == reference
    assert item.context.key_points_source == "reference"
    assert done.status == "done"


def test_a_submission_sent_twice_is_recorded_and_graded_once(data_dir: Path) -> None:
    from app.services import knowledge_base

    db = open_database(get_settings().resolved_database_url)
    kb = knowledge_base()
    ref = QuestionRef.from_bank(next(iter(kb.content.questions.values())))
    with pytest.raises(EngineUnavailable):
        grade_and_save(db, _Down(), kb, ref, Submission("First try.", key="mock-1-0"))
    engine = _Recorder()
    retried, _ = grade_and_save(db, engine, kb, ref, Submission("Second try.", key="mock-1-0"))
    again, feedback = grade_and_save(db, engine, kb, ref, Submission("Second try.", key="mock-1-0"))
    assert [a.id for a in attempts.list_attempts(db)] == [retried.id], "one row for one key"
    assert (retried.status, retried.answer_text) == ("done", "Second try."), "failed: retried"
    assert again.id == retried.id and feedback.overall == 50
    assert len(engine.items) == 1, "a graded submission is not graded again"


def test_markdown_export_lists_answers_scores_and_missing_points(data_dir: Path) -> None:
    from app.engines import engine_from_settings
    from app.services import knowledge_base

    db = open_database(get_settings().resolved_database_url)
    kb = knowledge_base()
    ref = QuestionRef.from_bank(kb.content.questions[next(iter(kb.content.questions))])
    engine = engine_from_settings(get_settings(), "offline")
    attempt, feedback = grade_and_save(db, engine, kb, ref, Submission("A short answer."))
    report = history_markdown([attempt], "My practice")
    assert report.startswith("# My practice")
    assert f"**{feedback.overall:.0f}/100**" in report and "A short answer." in report
