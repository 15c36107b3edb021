"""Team mode in real Chromium: two people sign in through a real OpenID Connect provider, each
answers a question and saves a story, and neither sees the other's. Without sign-in, a server
bound beyond loopback shows only a refusal. The database is a real PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.test_browser import ANSWER
from tests.fixtures.browser import CHROMIUM, CHROMIUM_ARGS, submit_answer
from tests.fixtures.oidc import OidcProvider, run_provider
from tests.fixtures.postgres import PostgresCluster
from tests.fixtures.servers import free_port, server_process, wait_healthy

pytestmark = [pytest.mark.team, pytest.mark.browser, pytest.mark.slow]

USERS = {"ada": "Ada Lovelace", "grace": "Grace Hopper"}
STORY = {
    "ada": ("Ada's drifting fraud model", "I retrained it weekly; precision rose to 92%."),
    "grace": ("Grace's compiler migration", "I moved 40 services in a month; builds sped up 3x."),
}
FIRST_LOAD_MS = 300_000  # the first answer loads the embedding model on a shared machine


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    yield from run_provider(USERS)


def _secrets(port: int, provider: OidcProvider) -> str:
    return (
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "team-browser-test-cookie-secret-0123456789"\n'
        'client_id = "interview-coach"\n'
        'client_secret = "interview-coach-secret"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
    )


def _serve(command: list[str], cwd: Path, env: dict[str, str], port: int) -> Iterator[str]:
    """``coach run`` in its own process group (the whole group is killed afterwards)."""
    with (cwd / "server.log").open("w") as log, server_process(command, env, log, cwd) as proc:
        yield wait_healthy(port, proc)


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "COACH_DATA_DIR": str(data_dir), "PYTHONPATH": root, **extra}


@pytest.fixture
def team_server(
    provider: OidcProvider, postgres: PostgresCluster, data_dir: Path, tmp_path: Path
) -> Iterator[str]:
    """``coach run`` with [auth] in .streamlit/secrets.toml of its working directory."""
    port = free_port()
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(_secrets(port, provider))
    env = _env(data_dir, COACH_DATABASE_URL=postgres.create_database())
    command = [sys.executable, "-m", "app.cli", "run", "--port", str(port)]
    yield from _serve(command, tmp_path, env, port)


def _sign_in(page, server: str, sub: str) -> None:
    from playwright.sync_api import expect

    page.goto(server)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(sub)  # the provider's authorization form
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_text(f"Signed in as {USERS[sub]}")).to_be_visible(timeout=120_000)


def _answer(page) -> None:
    submit_answer(page, ANSWER, timeout_ms=FIRST_LOAD_MS)


def _save_story(page, sub: str) -> None:
    from playwright.sync_api import expect

    title, result = STORY[sub]
    page.get_by_role("link", name="STAR story bank").click()
    page.get_by_role("button", name="Write my first story").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Result").fill(result)
    page.get_by_label("Situation").click()  # commit the last field before saving
    _idle(page)  # the live STAR check encodes each box: a click during that rerun is dropped
    page.get_by_role("button", name="Save story").click()
    expect(page.get_by_text(f"Saved “{title}”")).to_be_visible(timeout=FIRST_LOAD_MS)
    _my_stories(page)
    expect(page.get_by_text(title).first).to_be_visible(timeout=60_000)


def _idle(page) -> None:
    """Wait until Streamlit has finished the rerun the last input started."""
    from playwright.sync_api import expect

    page.wait_for_timeout(500)  # the status widget appears shortly after an input
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=FIRST_LOAD_MS)


def _my_stories(page) -> None:
    """The story bank's list of saved stories (input fields are not text, so not matched)."""
    page.get_by_role("link", name="STAR story bank").click()
    page.get_by_role("radio", name="My stories").click()


def _progress_count(page) -> str:
    from playwright.sync_api import expect

    page.get_by_role("link", name="Progress").click()
    metric = page.get_by_test_id("stMetric").filter(has_text="Answers graded")
    expect(metric).to_be_visible(timeout=60_000)
    return metric.get_by_test_id("stMetricValue").inner_text()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_two_users_sign_in_and_never_see_each_others_answers_or_stories(
    team_server: str,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            pages = {}
            for sub in USERS:  # separate contexts: separate cookies, like two laptops
                page = browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
                _sign_in(page, team_server, sub)
                _answer(page)
                _save_story(page, sub)
                pages[sub] = page
            for sub, page in pages.items():
                (other,) = set(USERS) - {sub}
                _my_stories(page)
                expect(page.get_by_text(STORY[sub][0]).first).to_be_visible(timeout=60_000)
                expect(page.get_by_text(STORY[other][0])).to_have_count(0)
                assert _progress_count(page) == "1", f"{sub} sees only their own answer"
            page = pages["ada"]
            page.get_by_role("button", name="Sign out").click()
            page.get_by_role("button", name="End session").click()  # at the provider (RP logout)
            expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=60_000)
            expect(page.get_by_text(STORY["ada"][0])).to_have_count(0)
        finally:
            browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_without_sign_in_a_server_beyond_loopback_shows_only_a_refusal(
    data_dir: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    port = free_port()
    app = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.address",
               "0.0.0.0", "--server.port", str(port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]  # fmt: skip
    for url in _serve(command, tmp_path, _env(data_dir), port):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(url)
                refusal = page.get_by_text("Refusing to serve Interview Coach on 0.0.0.0")
                expect(refusal).to_be_visible(timeout=120_000)
                expect(page.get_by_role("button", name="Get feedback")).to_have_count(0)
            finally:
                browser.close()
