"""Team mode through the app (AppTest): sign-in first, each user's pages and exports show only
their own data, the per-user LLM budget keeps the answer, ``coach run`` refuses a public
address without sign-in. The database is a real PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.auth import user_id_of
from app.settings import get_settings
from app.storage import attempts, open_database
from app.storage.models import AttemptStatus
from app.storage.ownership import for_user
from tests.app.helpers import APP, TIMEOUT_S, no_errors, texts
from tests.fixtures.openai_server import FakeOpenAI, serve
from tests.fixtures.postgres import PostgresCluster

pytestmark = pytest.mark.team

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-32-bytes!",
    "client_id": "interview-coach",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ISSUER = "http://127.0.0.1:9"
ANSWER = (
    "Overfitting is when a model learns the noise in the training data instead of the signal, "
    "so it scores well on training data but generalises poorly to new data. I would detect it "
    "with a validation set or cross-validation, and reduce it with regularization."
)


@pytest.fixture
def team_db(postgres: PostgresCluster, monkeypatch: pytest.MonkeyPatch) -> str:
    url = postgres.create_database()
    monkeypatch.setenv("COACH_DATABASE_URL", url)
    get_settings.cache_clear()
    return url


def _claims(sub: str) -> dict[str, object]:
    return {"is_logged_in": True, "iss": ISSUER, "sub": sub, "name": sub.title()}


def _app(sub: str | None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = _claims(sub) if sub else {"is_logged_in": False}
    return at


def _answer(at: AppTest, text: str = ANSWER) -> AppTest:
    at.text_area(key="practice.answer").input(text)
    return at.button(key="practice.submit").click().run()


def _db_of(url: str, sub: str):
    return for_user(open_database(url), user_id_of(_claims(sub)))


def test_sign_in_comes_before_any_page_and_sign_out_is_offered(team_db: str) -> None:
    signed_out = _app(None).run()
    no_errors(signed_out)
    assert [b.label for b in signed_out.button] == ["Sign in"]
    assert not signed_out.text_area, "no page is shown before sign-in"

    alice = _app("alice").run()
    no_errors(alice)
    assert "Signed in as **Alice**" in texts(alice)
    assert "Sign out" in [b.label for b in alice.sidebar.button]
    assert alice.button(key="practice.submit").label == "Get feedback"


def test_users_see_and_export_only_their_own_answers(team_db: str) -> None:
    alice = _answer(_app("alice").run())
    no_errors(alice)
    assert alice.metric[0].label == "Overall"

    bob = _app("bob").run().switch_page("pages/progress.py").run()
    no_errors(bob)
    assert "No graded answers yet" in texts(bob)
    assert not bob.get("download_button"), "nothing of alice's to export"

    alice = alice.switch_page("pages/progress.py").run()
    assert alice.metric[0].value == "1"
    assert {d.proto.label for d in alice.get("download_button")} == {"Markdown", "JSON"}
    [mine] = attempts.list_attempts(_db_of(team_db, "alice"))
    assert mine.answer_text == ANSWER
    assert attempts.list_attempts(_db_of(team_db, "bob")) == []
    assert attempts.list_attempts(open_database(team_db)) == [], "nothing for the local user"


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    for server in serve():
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-team-test")
        monkeypatch.setenv("COACH_LLM_MODEL", "test-model")
        monkeypatch.setenv("COACH_LLM_RATE_PER_USER", "1")
        monkeypatch.setenv("COACH_LLM_RATE_WINDOW_S", "3600")
        get_settings.cache_clear()
        yield server


def test_llm_evaluations_are_rate_limited_per_user_and_the_answer_is_kept(
    team_db: str, llm: FakeOpenAI
) -> None:
    first = _answer(_app("alice").run())
    no_errors(first)
    assert len(llm.chat_requests) == 1

    second = _answer(_app("alice").run(), "Overfitting: the model memorises the training data.")
    assert len(llm.chat_requests) == 1, "over the budget, nothing is sent to the endpoint"
    shown = texts(second)
    assert "You have used your 1 LLM evaluations for the last 60 minutes" in shown
    assert "Your answer is saved" in shown
    kept = attempts.list_attempts(_db_of(team_db, "alice"))
    assert [(a.engine, a.status) for a in kept] == [
        ("llm", AttemptStatus.DONE),
        (None, AttemptStatus.FAILED),
    ]
    assert kept[1].answer_text == "Overfitting: the model memorises the training data."

    bob = _answer(_app("bob").run())  # alice's budget is hers alone
    no_errors(bob)
    assert len(llm.chat_requests) == 2


def test_coach_run_refuses_a_public_address_without_sign_in(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "run", "--host", "0.0.0.0", "--port", "8599"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 2
    assert "Refusing to serve Interview Coach on 0.0.0.0 without sign-in" in result.stderr
    assert "[auth] section of .streamlit/secrets.toml" in result.stderr
