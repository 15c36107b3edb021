"""No leaks: the API key stays out of logs, output, errors, reports and the database; the app
listens on loopback only; user text is never rendered as HTML."""

from __future__ import annotations

import ast
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.cli.run import streamlit_command
from app.engines import check_llm_connection, engine_from_settings
from app.settings import Settings, get_settings
from app.storage import attempts, open_database, stories
from app.ui.export import history_json, history_markdown
from evaluators.item import GradeItem
from tests.app.helpers import APP, ROOT, TIMEOUT_S, no_errors, open_page, texts
from tests.evaluators.llm.conftest import BIAS_VARIANCE, GOOD_ANSWER
from tests.fixtures.openai_server import FakeOpenAI, Response, serve
from tests.fixtures.servers import free_port, listening, server_process
from tests.security.conftest import COACH, SENTINEL_KEY

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"

RAW_TAG = re.compile(r"(?<!\\)<[a-z/]")
"""A tag that markdown would pass through: ``<`` not escaped by a backslash."""


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    yield from serve()


def _echo_key_401(server: FakeOpenAI):
    """A 401 whose message quotes the key back, as some providers do."""

    def respond(request: dict) -> Response:
        sent = server.requests[-1]["headers"].get("authorization", "")
        body = {"error": {"message": f"Incorrect API key provided: {sent}", "code": "401"}}
        return Response(status=401, body=body)

    return respond


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAI) -> Settings:
    """Settings with the sentinel key, pointed at the local scripted server."""
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("COACH_LLM_MODEL", "test-model")
    monkeypatch.setenv("COACH_LLM_MAX_RETRIES", "0")
    get_settings.cache_clear()
    return get_settings()


def test_the_key_is_not_in_repr_dumps_or_messages_of_settings(keyed: Settings) -> None:
    for shown in (repr(keyed), str(keyed), keyed.model_dump_json(), str(keyed.model_dump())):
        assert SENTINEL_KEY not in shown
    assert keyed.openai_api_key.get_secret_value() == SENTINEL_KEY


def test_the_key_is_not_in_logs_notices_or_errors_when_the_endpoint_rejects_it(
    keyed: Settings, server: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.queue(_echo_key_401(server))
    server.models_status = 401
    engine = engine_from_settings(keyed, "llm")
    [feedback] = engine.evaluate_many([GradeItem(BIAS_VARIANCE, GOOD_ANSWER)])
    ok, message = check_llm_connection(keyed)
    assert feedback.engine == "offline" and not ok
    assert any("401" in n for n in feedback.notices), feedback.notices
    assert server.requests[0]["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    assert caplog.records, "DEBUG logging was captured"
    for shown in (caplog.text, feedback.model_dump_json(), message):
        assert SENTINEL_KEY not in shown


def test_the_key_is_not_in_the_database_or_the_exported_reports(
    keyed: Settings, server: FakeOpenAI, data_dir: Path
) -> None:
    server.queue(_echo_key_401(server))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S).run()
    at.text_area(key="practice.answer").input(GOOD_ANSWER)
    at.button(key="practice.submit").click().run()
    at = open_page(at, "settings")
    at.form_submit_button[0].click().run()  # save the engine settings too
    no_errors(at)
    db = open_database(keyed.resolved_database_url)
    graded = attempts.list_attempts(db)
    assert [a.status for a in graded] == ["done"]
    for report in (history_markdown(graded), history_json(graded)):
        assert SENTINEL_KEY not in report
    db.dispose()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert SENTINEL_KEY.encode() not in path.read_bytes(), path


@pytest.mark.slow
def test_the_key_is_not_printed_when_the_cli_cannot_reach_the_llm(dead_endpoint_grade) -> None:
    assert dead_endpoint_grade.returncode == 0, dead_endpoint_grade.stderr
    assert SENTINEL_KEY not in dead_endpoint_grade.stdout
    assert SENTINEL_KEY not in dead_endpoint_grade.stderr


# --- binding to loopback ------------------------------------------------------------------


def test_the_streamlit_command_binds_loopback_without_usage_stats() -> None:
    import inspect

    from app.cli.run import run

    assert inspect.signature(run).parameters["host"].default == "127.0.0.1"
    command = streamlit_command(8765, "127.0.0.1")
    flags = dict(zip(command[5::2], command[6::2], strict=True))
    assert flags["--server.address"] == "127.0.0.1"
    assert flags["--browser.gatherUsageStats"] == "false"


@pytest.mark.slow
def test_coach_run_listens_on_loopback_only(coach_env) -> None:
    port = free_port()
    with server_process([COACH, "run", "--port", str(port)], coach_env) as proc:
        deadline = time.monotonic() + 180
        while not listening(port) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
        addresses = listening(port)
    assert addresses == ["0100007F"], "127.0.0.1 only (no 0.0.0.0, no IPv6 wildcard)"


# --- user text is never HTML -----------------------------------------------------------------


def _html_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        unsafe = any(
            k.arg == "unsafe_allow_html"
            and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        )
        if unsafe or name == "html":
            yield node


def test_html_rendering_in_the_app_only_ever_gets_literal_markup() -> None:
    """Any ``unsafe_allow_html``/``st.html`` must render a constant, never a variable."""
    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for call in _html_calls(ast.parse(path.read_text())):
            if not all(isinstance(arg, ast.Constant) for arg in call.args):
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert offenders == []


def _assert_no_raw_html(at: AppTest) -> None:
    for element in at.markdown:
        assert not RAW_TAG.search(element.value), element.value
        assert not element.proto.allow_html, element.value


def test_a_story_with_html_is_shown_escaped(app_at: AppTest) -> None:
    db = open_database(get_settings().resolved_database_url)
    stories.save_story(
        db, title=f"{SCRIPT} title", situation=f"At work {SCRIPT}", result=f"{SCRIPT} 30%"
    )
    at = open_page(app_at, "story_bank")
    at.segmented_control(key="stories.section").set_value(
        ":material/library_books: My stories"
    ).run()
    no_errors(at)
    _assert_no_raw_html(at)
    assert r"\<script\>" in texts(at) + "".join(e.label for e in at.expander)


def test_an_answer_with_html_is_shown_escaped(app_at: AppTest) -> None:
    at = app_at.run()
    at.text_area(key="practice.answer").input(f"{SCRIPT} Overfitting is memorising noise.")
    at.button(key="practice.submit").click().run()
    no_errors(at)
    _assert_no_raw_html(at)
    assert r"\<script\>" in texts(at)


@pytest.fixture
def app_at(data_dir: Path) -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
