"""The Plan page: paste a job description, get a plan, practise it as a mock or from the queue."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.settings import get_settings
from app.storage import attempts, open_database, plans, sessions
from knowledge.base import KnowledgeBase
from tests.app.helpers import FIXTURES, no_errors, open_page, texts

JD = (FIXTURES / "jds" / "mlops_platform.txt").read_text()

pytestmark = pytest.mark.slow


@pytest.fixture
def app_with_index(
    app: AppTest, shared_kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AppTest:
    """The app on the shared, already built index, with a database of its own."""
    monkeypatch.setenv("COACH_DATA_DIR", str(shared_kb.data_dir))
    monkeypatch.setenv("COACH_DATABASE_URL", f"sqlite:///{tmp_path / 'plan.db'}")
    get_settings.cache_clear()
    return app


def _db():
    return open_database(get_settings().resolved_database_url)


def _build(at: AppTest) -> AppTest:
    at = open_page(at, "plan")
    at.text_area(key="plan.jd").input(JD)
    return at.button(key="plan.go").click().run()


def test_a_pasted_jd_becomes_a_saved_plan_with_reasons(app_with_index: AppTest) -> None:
    at = _build(app_with_index)
    no_errors(at)
    [heading] = [s.value for s in at.subheader if s.value.startswith("Plan for:")]
    assert "ML Platform Engineer" in heading
    [table] = at.dataframe
    assert len(table.value) == 12
    assert table.value["Why"].str.len().min() > 0
    assert at.get("vega_lite_chart"), "topic weights chart"
    record, plan = plans.latest_plan(_db())
    assert record.role == plan.role and len(plan.questions) == 12


def test_an_empty_jd_says_so_and_saves_nothing(app_with_index: AppTest) -> None:
    at = open_page(app_with_index, "plan")
    at.button(key="plan.go").click().run()
    assert any("empty" in e.value for e in at.error)
    assert plans.latest_plan(_db()) is None


def test_the_plan_starts_a_mock_interview(app_with_index: AppTest) -> None:
    at = _build(app_with_index)
    at.button(key="plan.mock").click().run()
    no_errors(at)
    [mock] = sessions.list_sessions(_db())
    _, plan = plans.latest_plan(_db())
    assert mock.plan == [q.id for q in plan.questions]
    assert "Question 1 of 12" in [p.proto.text for p in at.get("progress")]


def test_queued_plan_questions_appear_in_the_review_queue_and_on_progress(
    app_with_index: AppTest,
) -> None:
    at = _build(app_with_index)
    at.button(key="plan.queue").click().run()
    no_errors(at)
    record, _ = plans.latest_plan(_db())
    assert record.queued
    assert [t.value for t in at.title] == ["Practice"], "the queue opens on the Practice page"
    at = at.switch_page("pages/practice.py").run()  # AppTest reruns its own current page
    due = at.selectbox(key="practice.due")
    assert len(due.options) == 12 and "from your plan" in due.options[0]
    at.text_area(key="practice.answer").input(
        "I would keep one feature definition for training and serving in a feature store."
    )
    at.button(key="practice.submit").click().run()
    no_errors(at)
    assert [a.status for a in attempts.list_attempts(_db())] == ["done"]
    at = at.switch_page("pages/progress.py").run()
    no_errors(at)
    assert "Practice plan: ML Platform Engineer" in texts(at)
    assert "1 of 12 plan questions practised" in [p.proto.text for p in at.get("progress")]
