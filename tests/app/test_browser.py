"""A real browser against ``coach run``: answer a question, see the feedback, keep a screenshot."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.helpers import ROOT
from tests.fixtures.browser import CHROMIUM, CHROMIUM_ARGS, submit_answer
from tests.fixtures.servers import COACH, free_port, server_process, wait_healthy

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts"
OTHER_PAGES = [
    ("Progress", "progress"),
    ("Mock interview", "mock-interview"),
    ("Self-review", "self-review"),
    ("STAR story bank", "story-bank"),
    ("Settings", "settings"),
]
ANSWER = (
    "Precision is the share of predicted positives that are truly positive, TP / (TP + FP). "
    "Recall is the share of actual positives we catch, TP / (TP + FN). F1 is the harmonic "
    "mean of the two, so it is low when either one is low. For a spam filter I would favour "
    "precision, because hiding a real email costs more than letting some spam through; for "
    "cancer screening I would favour recall, because a missed case is far worse than a false "
    "alarm. The trade-off is set by the decision threshold."
)


def _coach() -> list[str]:
    installed = Path(sys.executable).with_name("coach")
    return [str(installed)] if installed.exists() else COACH


@pytest.fixture
def server(data_dir: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    with (
        (data_dir.parent / "server.log").open("w") as log,
        server_process([*_coach(), "run", "--port", str(port)], env, log) as proc,
    ):
        yield wait_healthy(port, proc)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_answer_a_question_and_see_feedback_in_chromium(server: str, data_dir: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(server)
            expect(page.get_by_role("button", name="Get feedback")).to_be_visible(timeout=120_000)
            page.screenshot(path=ARTIFACTS / "practice-first-run.png", full_page=True)
            submit_answer(page, ANSWER, timeout_ms=240_000)
            expect(page.get_by_text("/100").first).to_be_visible()
            expect(page.get_by_role("tab", name="Key points")).to_be_visible()
            page.get_by_role("heading", name="Feedback").scroll_into_view_if_needed()
            page.screenshot(path=ARTIFACTS / "practice-feedback.png")
            page.get_by_role("tab", name="Your answer").click()
            page.screenshot(path=ARTIFACTS / "practice-feedback-answer.png")
            for title, name in OTHER_PAGES:
                page.get_by_role("link", name=title).click()
                expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
                page.wait_for_timeout(1500)  # let charts and widgets settle for the screenshot
                expect(page.get_by_test_id("stException")).to_have_count(0)
                page.screenshot(path=ARTIFACTS / f"{name}.png")
        finally:
            browser.close()
    assert (ARTIFACTS / "practice-feedback.png").stat().st_size > 10_000
