"""Every page renders, and the main flows work end to end with the real offline evaluator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.settings import get_settings
from app.storage import attempts, open_database, sessions, stories
from app.ui.answer_input import SPEAK
from app.ui.feedback_view import PRESENT
from tests.app.helpers import FIXTURES, no_errors, open_page, texts

PAGES = [
    "practice",
    "mock_interview",
    "self_review",
    "plan",
    "story_bank",
    "progress",
    "settings",
]
ANSWER = (
    "Overfitting is when a model learns the noise in the training data instead of the signal, "
    "so it scores well on training data but generalises poorly to new data. I would detect it "
    "with a validation set or cross-validation, and reduce it with regularization, simpler "
    "models, early stopping or more data."
)


def _db():
    return open_database(get_settings().resolved_database_url)


def _answer_and_submit(at: AppTest, text: str = ANSWER) -> AppTest:
    at.text_area(key="practice.answer").input(text)
    return at.button(key="practice.submit").click().run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_first_run_without_errors(app: AppTest, page: str) -> None:
    at = open_page(app, page)
    no_errors(at)
    assert at.title, "each page has a title"


def test_first_run_welcomes_and_offers_a_question(app: AppTest) -> None:
    at = app.run()
    no_errors(at)
    assert "Welcome to Interview Coach" in texts(at)
    assert at.selectbox(key="practice.qid").value
    assert at.button(key="practice.submit").label == "Get feedback"


def test_typing_an_answer_and_pressing_the_button_shows_feedback(app: AppTest) -> None:
    at = _answer_and_submit(app.run())
    no_errors(at)
    overall = at.metric[0]
    assert overall.label == "Overall" and overall.value.endswith("/100")
    assert "Covered" in texts(at) and "Missing" in texts(at)
    [saved] = attempts.list_attempts(_db())
    assert saved.status == "done" and saved.answer_text == ANSWER
    assert f"{saved.overall:.0f}/100" == overall.value


def test_user_text_is_shown_verbatim_not_as_markdown(app: AppTest) -> None:
    at = _answer_and_submit(app.run(), "**bold** :red[alarm] <b>html</b> $x$ " + ANSWER)
    no_errors(at)
    shown = texts(at)
    assert r"\*\*bold\*\*" in shown and r"\:red\[alarm\]" in shown and r"\<b\>" in shown
    assert "**bold**" not in shown


def test_retry_then_compare_two_attempts_side_by_side(app: AppTest) -> None:
    at = _answer_and_submit(app.run(), "Overfitting means the model memorises training data.")
    at.button(key="practice.retry").click().run()
    assert at.text_area(key="practice.answer").value == ""
    at = _answer_and_submit(at)
    no_errors(at)
    first, second = attempts.list_attempts(_db())
    assert second.parent_attempt_id == first.id
    assert any("Compare with an earlier attempt" in e.label for e in at.expander)
    table = at.dataframe[0].value
    assert list(table.columns) == [c for c in table.columns if c.startswith("#")]
    assert len(table.columns) == 2


@pytest.mark.slow
def test_follow_up_is_answerable_right_away(app: AppTest, indexed_data_dir: Path) -> None:
    at = _answer_and_submit(app.run())
    follow_up = attempts.feedback_of(attempts.list_attempts(_db())[0]).follow_up
    at.button(key="practice.answer_follow_up").click().run()
    assert any(follow_up[:30] in m.value.replace("\\", "") for m in at.markdown)
    at = _answer_and_submit(at, "I would use a held-out set and early stopping, then compare.")
    no_errors(at)
    first, second = attempts.list_attempts(_db())
    assert second.parent_attempt_id == first.id and second.question_text == follow_up


def test_failed_evaluation_keeps_the_answer_and_says_why(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import resources
    from evaluators.errors import EngineUnavailable

    class Down:
        name = "llm"

        def evaluate_many(self, items, progress=None):
            raise EngineUnavailable("The LLM endpoint is unreachable.")

    real_engine = resources.evaluation_engine
    monkeypatch.setattr(resources, "evaluation_engine", lambda s=None: Down())
    at = _answer_and_submit(app.run())
    assert any("The LLM endpoint is unreachable." in e.value for e in at.error)
    assert at.button(key="practice.regrade").label == "Evaluate again"
    [kept] = attempts.list_attempts(_db())
    assert (kept.status, kept.answer_text) == ("failed", ANSWER)
    assert at.text_area(key="practice.answer").value == ANSWER

    monkeypatch.setattr(resources, "evaluation_engine", real_engine)  # the endpoint is back
    at.button(key="practice.regrade").click().run()
    no_errors(at)
    [regraded] = attempts.list_attempts(_db())
    assert regraded.id == kept.id and regraded.status == "done"
    assert at.metric[0].label == "Overall"


def test_an_engine_that_cannot_be_built_leaves_no_half_saved_attempt(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like the mock interview and self-review pages: the error shows, the text stays."""
    monkeypatch.setenv("COACH_ENGINE", "llm")  # chosen, but no endpoint configured
    get_settings.cache_clear()
    at = _answer_and_submit(app.run())
    assert any("No LLM is configured" in e.value for e in at.error)
    assert at.text_area(key="practice.answer").value == ANSWER
    assert attempts.list_attempts(_db()) == []


@pytest.mark.slow
def test_spoken_answer_is_transcribed_graded_and_gets_delivery_metrics(app: AppTest) -> None:
    at = app.run()
    at.segmented_control(key="practice.mode").set_value(SPEAK).run()
    wav = (FIXTURES / "audio" / "clear.wav").read_bytes()
    at.audio_input(key="practice.recorder").upload("clear.wav", wav).run()
    no_errors(at)
    assert "overfitting" in at.text_area(key="practice.answer").value.lower()
    at = at.button(key="practice.submit").click().run()
    no_errors(at)
    assert "Words per minute" in [m.label for m in at.metric]
    [saved] = attempts.list_attempts(_db())
    assert saved.audio_path and Path(saved.audio_path).is_file()


@pytest.mark.slow
def test_a_click_before_the_first_transcript_reaches_the_browser_keeps_the_transcript(
    app: AppTest,
) -> None:
    at = app.run()
    at.segmented_control(key="practice.mode").set_value(SPEAK).run()
    wav = (FIXTURES / "audio" / "clear.wav").read_bytes()
    at.audio_input(key="practice.recorder").upload("clear.wav", wav).run()
    transcript = at.text_area(key="practice.answer").value
    assert "overfitting" in transcript.lower()
    # "Get feedback" pressed while the first transcription still ran: the browser's rerun
    # carries the box as it last saw it, still empty.
    at.text_area(key="practice.answer").set_value("")
    at = at.button(key="practice.submit").click().run()
    no_errors(at)
    assert "Write or record an answer first." not in texts(at)
    [saved] = attempts.list_attempts(_db())
    assert saved.answer_text == transcript and saved.status == "done"
    assert at.text_area(key="practice.answer").value == transcript


def test_saving_a_story_shows_it_in_the_bank_and_fills_the_coverage_grid(app: AppTest) -> None:
    at = open_page(app, "story_bank")
    assert "No stories yet" in texts(at)
    at.button[0].click().run()  # "Write my first story" opens the builder
    at.text_input(key="stories.f.title").input("The drifting fraud model")
    at.text_area(key="stories.f.situation").input(
        "Last year I was working at a fintech startup where our fraud model started missing "
        "cases after a product launch"
    )
    at.text_area(key="stories.f.action").input(
        "I built a drift dashboard, retrained the model weekly and added alerts."
    )
    at.text_area(key="stories.f.result").input(
        "As a result, precision recovered to 92% within two weeks."
    )
    at.multiselect(key="stories.f.competencies").set_value(["failure", "ownership"]).run()
    no_errors(at)
    assert f"{PRESENT} **Situation**" in texts(at), "live STAR analysis sees the situation"
    at.button(key="stories.save").click().run()
    no_errors(at)
    [story] = stories.list_stories(_db())
    assert story.title == "The drifting fraud model"
    assert story.competencies == ["failure", "ownership"]

    at.segmented_control(key="stories.section").set_value(":material/grid_on: Coverage").run()
    grid = at.dataframe[0].value
    assert grid.loc["The drifting fraud model", "Failure"] == "✓"
    shown = texts(at)
    assert "No story for failure yet" not in shown and "No story for leadership yet" in shown


def test_builder_judges_each_box_as_what_it_is(app: AppTest) -> None:
    """A fully filled builder: every box is present, with its own text as the evidence."""
    boxes = {
        "situation": "Last year our fraud model started missing cases after a product launch.",
        "task": "As the only ML engineer, I owned getting recall back before the holiday peak.",
        "action": "I compared feature distributions, found a broken join and wrote a backfill.",
        "result": "Recall went from 61% back to 88% within two weeks.",
        "reflection": "I now add a data-quality check to every new upstream feature.",
    }
    at = open_page(app, "story_bank")
    at.button[0].click().run()
    for name, text in boxes.items():
        at.text_area(key=f"stories.f.{name}").input(text)
    at.run()
    no_errors(at)
    shown = texts(at)
    for label, text in zip(
        ("Situation", "Task", "Action", "Result", "Reflection"), boxes.values(), strict=True
    ):
        assert f"{PRESENT} **{label}** — _{text}_" in shown.replace("\\", ""), label
    assert "quantify the result" not in shown

    at.text_area(key="stories.f.action").input("We retrained the model and we added alerts.")
    at.text_area(key="stories.f.result").input("Everyone was happy with it.").run()
    shown = texts(at)
    assert "Put a number on the result" in shown
    assert "with \u201cI\u201d" in shown


def test_editing_and_deleting_a_story(app: AppTest) -> None:
    saved = stories.save_story(_db(), title="Old title", situation="At my last job we had drift.")
    at = open_page(app, "story_bank")
    at.button(key=f"stories.edit.{saved.id}").click().run()
    at.text_input(key="stories.f.title").input("New title")
    at.button(key="stories.save").click().run()
    [edited] = stories.list_stories(_db())
    assert (edited.id, edited.title) == (saved.id, "New title")
    at.segmented_control(key="stories.section").set_value(
        ":material/library_books: My stories"
    ).run()
    at.button(key=f"stories.delete.{saved.id}").click().run()
    no_errors(at)
    assert stories.list_stories(_db()) == []


def test_self_review_shows_your_scores_next_to_the_evaluators(app: AppTest) -> None:
    at = open_page(app, "self_review")
    at.text_area(key="review.answer").input(ANSWER)
    sliders = [s for s in at.slider if s.key.startswith("review.rate.")]
    assert sliders, "one slider per rubric criterion"
    for slider in sliders:
        slider.set_value(4)
    at = at.button(key="review.reveal").click().run()
    no_errors(at)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Criterion", "You", "Evaluator", "Gap"]
    assert (table["You"] == 4).all()
    assert (table["Gap"] == table["You"] - table["Evaluator"]).all()
    assert "Largest gap" in texts(at) or "Spot on" in texts(at)
    assert len(at.get("vega_lite_chart")) == 2, "calibration charts"


def _start_one_question_mock(app: AppTest) -> AppTest:
    """A mock interview of a single ML-concepts question, started."""
    at = open_page(app, "mock_interview")
    for key in ("coding", "system_design", "ml_concepts", "behavioral"):
        at.number_input(key=f"mock.n.{key}").set_value(0)
    at.number_input(key="mock.n.ml_concepts").set_value(1).run()
    at.button(key="mock.start").click().run()
    return at


def test_mock_interview_runs_questions_and_follow_ups_then_reports(app: AppTest) -> None:
    at = _start_one_question_mock(app)
    no_errors(at)
    assert "Question 1 of 1" in [p.proto.text for p in at.get("progress")]
    at.text_area(key="mock.answer").input(ANSWER)
    at.button(key="mock.submit.0").click().run()
    no_errors(at)
    assert "follow-up" in texts(at), "the interviewer follows up"
    assert [b.key for b in at.button if b.key.startswith("mock.submit")] == [
        "mock.submit.0-follow-up"
    ], "a late click on the first question's button cannot submit the follow-up"
    at.button(key="mock.skip").click().run()
    no_errors(at)
    assert "Interview report" in [s.value for s in at.subheader]
    assert at.metric[0].label == "Average score"
    [answer] = attempts.list_attempts(_db())
    assert answer.session_id is not None and answer.status == "done"


def test_mock_interview_second_submit_of_a_question_records_it_once(app: AppTest) -> None:
    from app.engines import engine_from_settings
    from app.grading import QuestionRef, Submission, grade_and_save
    from app.services import knowledge_base

    at = _start_one_question_mock(app)
    state = at.session_state["mock.state"]
    # The first press: recorded and graded while the page was still busy with it.
    kb = knowledge_base()
    [question_id] = sessions.get_session(_db(), state["session_id"]).plan
    first = Submission(ANSWER, session_id=state["session_id"], key=f"mock-{state['session_id']}-0")
    offline = engine_from_settings(get_settings(), "offline")
    ref = QuestionRef.from_bank(kb.content.questions[question_id])
    grade_and_save(_db(), offline, kb, ref, first)
    # The second press of the same question's button.
    at.text_area(key="mock.answer").input(ANSWER)
    at.button(key="mock.submit.0").click().run()
    no_errors(at)
    [answer] = attempts.list_attempts(_db())
    assert answer.status == "done" and answer.parent_attempt_id is None
    assert "follow-up" in texts(at), "the interview moved on"


def test_mock_interview_refused_answer_says_why_and_the_submit_button_comes_back(
    app: AppTest,
) -> None:
    at = _start_one_question_mock(app)
    at = at.button(key="mock.submit.0").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Write or record an answer first."]
    assert not at.button(key="mock.submit.0").disabled
    assert attempts.list_attempts(_db()) == []


def test_progress_shows_charts_queue_and_exports_after_practice(app: AppTest) -> None:
    at = _answer_and_submit(app.run())
    at = at.switch_page("pages/progress.py").run()
    no_errors(at)
    labels = [m.label for m in at.metric]
    assert labels == ["Answers graded", "Average (last 10)", "Day streak", "Due for review"]
    assert at.metric[0].value == "1"
    assert at.get("vega_lite_chart"), "score charts"
    downloads = {d.proto.label for d in at.get("download_button")}
    assert downloads == {"Markdown", "JSON"}


def test_progress_empty_state_points_to_practice(app: AppTest) -> None:
    at = open_page(app, "progress")
    no_errors(at)
    assert "No graded answers yet" in texts(at)


def test_settings_show_the_data_dir_and_never_the_api_key(
    app: AppTest, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-value")
    get_settings.cache_clear()
    at = open_page(app, "settings")
    no_errors(at)
    assert str(data_dir) in [c.value for c in at.code]
    shown = texts(at) + "".join(c.value for c in at.code)
    assert "sk-test-secret-value" not in shown and "API key: **set**" in shown


def test_settings_engine_choice_is_saved_without_secrets(app: AppTest) -> None:
    at = open_page(app, "settings")
    at.radio[0].set_value("offline")
    at.text_input[1].input("my-model")
    at.form_submit_button[0].click().run()
    no_errors(at)
    from app.storage.preferences import get_preferences

    assert get_preferences(_db()) == {"engine": "offline", "llm_model": "my-model"}


def test_settings_test_connection_explains_missing_configuration(app: AppTest) -> None:
    at = open_page(app, "settings")
    at.button(key="settings.test").click().run()
    assert any("No LLM is configured" in e.value for e in at.error)


def _upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader(key="settings.upload.questions").upload(
        path.name, path.read_bytes(), "application/yaml"
    )
    at.run()
    return at.button(key="settings.import.questions").click().run()


def test_importing_bad_yaml_reports_lines_and_saves_nothing(app: AppTest, data_dir: Path) -> None:
    at = _upload(open_page(app, "settings"), FIXTURES / "content" / "broken" / "bad_yaml.yaml")
    assert any("Nothing was saved" in e.value for e in at.error)
    report = "\n".join(c.value for c in at.code)
    assert "bad_yaml.yaml:5:" in report
    assert not (data_dir / "questions" / "bad_yaml.yaml").exists()


def test_importing_a_valid_question_file_adds_it_to_the_bank(app: AppTest, data_dir: Path) -> None:
    at = _upload(open_page(app, "settings"), FIXTURES / "content" / "valid_user_question.yaml")
    no_errors(at)
    assert (data_dir / "questions" / "valid_user_question.yaml").is_file()
    at = at.switch_page("pages/practice.py").run()
    options = at.selectbox(key="practice.qid").options
    assert any(o.startswith("What does a learning curve tell you") for o in options)


def test_json_export_round_trips_the_feedback(app: AppTest) -> None:
    _answer_and_submit(app.run())
    from app.ui.export import history_json

    [row] = json.loads(history_json(attempts.list_attempts(_db())))
    assert row["answer_text"] == ANSWER and row["feedback"]["overall"] == row["overall"]


def test_rehearsing_a_story_checks_what_was_said(app: AppTest) -> None:
    stories.save_story(_db(), title="Drift", situation="Last year our model drifted.")
    at = open_page(app, "story_bank")
    at.segmented_control(key="stories.section").set_value(":material/mic: Rehearse").run()
    assert "Record yourself telling the story" in texts(at)
    at.text_area(key="stories.r.answer").input(
        "Last year I was working at a fintech startup where our fraud model started missing "
        "cases. I built a drift dashboard. As a result, precision recovered to 92%."
    )
    at.run()
    no_errors(at)
    shown = texts(at)
    assert f"{PRESENT} **Situation**" in shown and f"{PRESENT} **Result**" in shown
    assert "Record or upload audio to see pace" in shown
