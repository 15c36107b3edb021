"""Hostile input at every entry point: a clear message and the right exit code, never a traceback.

``coach grade`` gets one file holding every kind of bad line (so one subprocess covers them);
``coach check``/``index`` get broken YAML in the data directory; ``coach transcribe`` gets an
hour of silence; the app gets empty, huge and binary text, audio and imports through AppTest.
Per-module tests cover the rest (see SECURITY.md): tests/evaluators/test_batch.py,
tests/knowledge/test_loader*.py, tests/evaluators/speech/test_speech_inputs.py.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from app.settings import get_settings
from app.storage import attempts, open_database
from app.ui.answer_input import SPEAK, UPLOAD
from app.ui.question_picker import OWN
from evaluators.batch import parse_line
from evaluators.errors import ContentError
from evaluators.item import MAX_ANSWER_CHARS
from evaluators.schemas import CriterionScore, Delivery, Feedback, Pause, StarAnalysis
from knowledge.base import KnowledgeBase
from tests.app.helpers import APP, FIXTURES, TIMEOUT_S, no_errors, open_page, texts
from tests.fixtures.speech import write_silence
from tests.security.conftest import make_coach_env, run_coach, run_coach_measured

BANK_Q = "concepts-bias-variance"
FREE_Q = "What is a stack?"
HUGE = ("Bias is error from wrong assumptions; variance is sensitivity to the data. " * 1400)[
    :100_000
]
LONGEST = HUGE[:MAX_ANSWER_CHARS]
"""The longest answer still graded."""


def _line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8")


# Each input line, and what the user must read for it: an error fragment, or None (graded).
LINES: list[tuple[bytes, str, str | None]] = [
    (_line(id="ok", question_id=BANK_Q, answer="Bias is underfitting."), "ok", None),
    (b"   \t", "", None),  # blank: skipped, no output
    (b"{not json", "line 3", "line 3: invalid JSON"),
    (b"[1, 2]", "line 4", "line 4: expected a JSON object"),
    (b'"just a string"', "line 5", "line 5: expected a JSON object"),
    (_line(id="no-answer", question_id=BANK_Q), "no-answer", "missing field 'answer'"),
    (_line(question_id=BANK_Q, answer="x"), "line 7", "missing field 'id'"),
    (_line(id="no-question", answer="x"), "no-question", "give either 'question_id'"),
    (_line(id="int", question=FREE_Q, answer=42), "int", "field 'answer' must be string"),
    (_line(id="null", question=FREE_Q, answer=None), "null", "field 'answer' must be string"),
    (
        _line(id="kp", question=FREE_Q, answer="x", key_points="LIFO"),
        "kp",
        "field 'key_points' must be list",
    ),
    (_line(id=7, question=FREE_Q, answer="x"), "line 12", "field 'id' must be string"),
    (_line(id="ghost", question_id="no-such-question", answer="x"), "ghost", "no-such-question"),
    (b"{}", "line 14", "missing field 'id'"),
    (
        b'{"id": "latin-1", "question": "What is a stack?", "answer": "caf\xe9 LIFO"}',
        "line 15",
        "line 15: not valid UTF-8 text",
    ),
    (bytes(b for b in range(256) if b not in b"\r\n"), "line 16", "line 16: not valid UTF-8"),
    (
        b'{"id": "surrogate", "question": "What is a stack?", "answer": "x \\ud800 y"}',
        "surrogate",
        "answer: contains invalid Unicode",
    ),
    (
        b'{"id": "bad-id-\\udfff", "question": "What is a stack?", "answer": 1}',
        "line 18",
        "line 18: id: contains invalid Unicode",
    ),
    (
        _line(id="control", question_id=BANK_Q, answer="Bias\x00 is\x07 underfitting."),
        "control",
        None,
    ),
    (
        _line(id="emoji", question_id=BANK_Q, answer="🤖 Bias = underfitting 📉, variance 📈 ✅"),
        "emoji",
        None,
    ),
    (
        _line(
            id="zh",
            question_id=BANK_Q,
            answer="偏差是模型假设错误导致的误差，方差是对数据的敏感度。",
        ),
        "zh",
        None,
    ),
    (
        _line(
            id="ar", question="ما هو الانحدار الخطي؟", answer="الانحدار الخطي يتنبأ بقيمة مستمرة"
        ),
        "ar",
        None,
    ),
    (_line(id="longest", question_id=BANK_Q, answer=LONGEST), "longest", None),
    (
        _line(id="too-long", question_id=BANK_Q, answer=HUGE[: 2 * MAX_ANSWER_CHARS]),
        "too-long",
        "The answer is 40,000 characters long; the limit is 20,000",
    ),
    (
        _line(id="giant", question_id=BANK_Q, answer=HUGE * 2),
        "line 25",
        "line 25: longer than 100,000 characters; an answer may have at most 20,000",
    ),
    (_line(id="crlf", question=FREE_Q, answer="Last in, first out.") + b"\r", "crlf", None),
]
NOT_ENGLISH = "does not look like English"


@pytest.fixture(scope="module")
def module_env(shared_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return make_coach_env(shared_kb, tmp_path_factory.mktemp("bad-input"))


@pytest.fixture(scope="module")
def graded_bad_file(module_env: dict, tmp_path_factory: pytest.TempPathFactory):
    """One ``coach grade`` run over every bad line; its output and parsed records."""
    folder = tmp_path_factory.mktemp("bad-grade")
    source = folder / "answers.jsonl"
    source.write_bytes(b"\n".join(raw for raw, _, _ in LINES) + b"\n")
    done = run_coach("grade", str(source), "--engine", "offline", env=module_env)
    return done, [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.slow
def test_grade_reports_each_bad_line_and_grades_the_rest(graded_bad_file) -> None:
    done, records = graded_bad_file
    expected = [(ident, message) for raw, ident, message in LINES if raw.strip()]
    failed = sum(message is not None for _, message in expected)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == f"{failed} line(s) could not be graded; see their 'error' field."
    assert [r["id"] for r in records] == [ident for ident, _ in expected]
    for record, (_, message) in zip(records, expected, strict=True):
        if message is None:
            assert "error" not in record, record
            assert record["engine"] == "offline" and 0 <= record["overall"] <= 100
        else:
            assert set(record) == {"id", "error"} and message in record["error"], record


@pytest.mark.slow
def test_unusual_but_valid_answers_are_graded_with_notices_where_needed(graded_bad_file) -> None:
    _, records = graded_bad_file
    by_id = {r["id"]: r for r in records}
    assert any(NOT_ENGLISH in n for n in by_id["zh"]["notices"])
    assert any(NOT_ENGLISH in n for n in by_id["ar"]["notices"])
    assert all(NOT_ENGLISH not in n for n in by_id["emoji"]["notices"] + by_id["ok"]["notices"])
    for evidence in (q for c in by_id["longest"]["criteria"] for q in c["evidence"]):
        assert evidence in LONGEST, "evidence is quoted from the answer"


@pytest.mark.slow
@pytest.mark.parametrize("content", [b"", b"\n  \n\t\n"], ids=["empty", "whitespace"])
def test_grade_an_empty_file_says_so_and_exits_2(content, module_env, tmp_path: Path) -> None:
    source = tmp_path / "answers.jsonl"
    source.write_bytes(content)
    done = run_coach("grade", str(source), env=module_env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        done.stderr
        == f"Error: {source} has no answers to grade (it is empty or only blank lines).\n"
    )


# --- broken user content in the data directory ---------------------------------------------

BROKEN_CONTENT = {
    "questions/bad_yaml.yaml": (
        (FIXTURES / "content" / "broken" / "bad_yaml.yaml").read_bytes(),
        "bad_yaml.yaml:5: invalid YAML",
    ),
    "questions/empty.yaml": (b"", "empty.yaml:1: expected a mapping with a 'questions:' list"),
    "questions/list.yaml": (b"- a\n- b\n", "list.yaml:1: expected a mapping"),
    "questions/binary.yaml": (random.Random(7).randbytes(4000), "binary.yaml: file is not UTF-8"),
    "questions/latin.yaml": (b"topic: caf\xe9\n", "latin.yaml: file is not UTF-8 text"),
    "questions/loop.yaml": (b"a: &a [*a, *a]\n", "loop.yaml:1: YAML anchors and aliases"),
    "questions/laughs.yaml": (
        b"a: &a [x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n".encode()
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "laughs.yaml:1: YAML anchors and aliases",
    ),
    "rubrics/broken.yaml": (b"id: [unclosed\n", "broken.yaml:2: invalid YAML"),
}


@pytest.fixture(scope="module")
def broken_env(shared_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict:
    env = make_coach_env(shared_kb, tmp_path_factory.mktemp("broken-content"))
    data = Path(env["COACH_DATA_DIR"])
    for name, (content, _) in BROKEN_CONTENT.items():
        (data / name).parent.mkdir(exist_ok=True)
        (data / name).write_bytes(content)
    return env


@pytest.mark.slow
def test_check_lists_every_broken_user_file_with_its_line(broken_env) -> None:
    done = run_coach("check", env=broken_env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    problems = done.stderr.splitlines()
    for name, (_, message) in BROKEN_CONTENT.items():
        assert any(name.split("/")[0] in p and message in p for p in problems), (name, problems)
    assert problems[-1] == f"{len(BROKEN_CONTENT)} problem(s) found."


@pytest.mark.slow
def test_index_still_builds_the_bank_when_user_files_are_broken(broken_env) -> None:
    done = run_coach("index", env=broken_env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("Indexed ")
    assert f"Warning: {len(BROKEN_CONTENT)} problem(s)" in done.stderr


def test_an_alias_loop_in_user_content_is_a_content_problem_not_a_crash(tmp_path: Path) -> None:
    from knowledge.bank import load_content

    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "loop.yaml").write_bytes(BROKEN_CONTENT["questions/loop.yaml"][0])
    content = load_content(extra_question_dirs=[folder])
    assert [p.message for p in content.problems if p.path.name == "loop.yaml"] == [
        "YAML anchors and aliases (&name, *name) are not supported; write values out"
    ]


# --- an hour of silence: bounded memory -------------------------------------------------------

RSS_BOUND_MIB = 400
"""Decoding a whole hour at 16 kHz float32 needs 230 MB for the samples plus a copy to join
them; staying under this bound shows the decoder stopped at the 20-minute limit."""


def _live_webm(path: Path, seconds: int) -> Path:
    """Opus in WebM without a duration, like a browser's MediaRecorder writes."""
    with av.open(str(path), "w", format="webm", options={"live": "1"}) as container:
        stream = container.add_stream("libopus", rate=16_000)
        stream.layout = "mono"
        block = np.zeros((1, 16_000 * 10), dtype="<i2")
        for _ in range(seconds // 10):
            frame = av.AudioFrame.from_ndarray(block, format="s16", layout="mono")
            frame.sample_rate = 16_000
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "message"),
    [("wav", "is 60 min long; the limit is 20 min"), ("webm", "is too long; the limit is 20 min")],
)
def test_transcribe_an_hour_of_silence_is_refused_with_bounded_memory(
    kind: str, message: str, module_env, tmp_path: Path, record_property
) -> None:
    if kind == "wav":
        path = write_silence(tmp_path / "hour.wav", 3600, rate=8_000)
    else:
        path = _live_webm(tmp_path / "hour.webm", 3600)
    done, peak_mib = run_coach_measured("transcribe", str(path), env=module_env, cwd=tmp_path)
    record_property("peak_rss_mib", round(peak_mib))
    print(f"\ncoach transcribe, an hour of silence ({kind}): peak RSS {peak_mib:.0f} MiB")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"Error: {path.name} {message}. Trim it to one answer.\n"
    assert peak_mib < RSS_BOUND_MIB


# --- the app: text box, audio, imports, settings ------------------------------------------------

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)> [click](javascript:alert(1))"

RAW_TAG = re.compile(r"(?<!\\)<[a-z/]")
"""A tag that markdown would pass through: ``<`` not escaped by a backslash."""


def _db():
    return open_database(get_settings().resolved_database_url)


@pytest.fixture
def app(data_dir: Path) -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)


@pytest.mark.parametrize("text", ["", "   \n\t  "], ids=["empty", "whitespace"])
def test_app_empty_answer_asks_for_one_and_saves_nothing(app: AppTest, text: str) -> None:
    at = app.run()
    at.text_area(key="practice.answer").input(text)
    at.button(key="practice.submit").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Write or record an answer first."]
    assert attempts.list_attempts(_db()) == []


@pytest.mark.slow
def test_app_huge_binary_html_answer_to_an_html_question_is_graded_and_shown_escaped(
    app: AppTest, indexed_data_dir: Path
) -> None:
    at = app.run()
    at.segmented_control(key="practice.source").set_value(OWN).run()
    at.text_area(key="practice.own").input(f"{SCRIPT} What is **overfitting**?").run()
    answer = (f"{SCRIPT}\x00\x07\ufffd 🤖 " + HUGE)[:MAX_ANSWER_CHARS]
    at.text_area(key="practice.answer").input(answer)
    at = at.button(key="practice.submit").click().run()
    no_errors(at)
    [saved] = attempts.list_attempts(_db())
    assert saved.status == "done" and saved.answer_text == answer, "saved verbatim"
    assert at.metric[0].label == "Overall"
    for element in at.markdown:
        assert not RAW_TAG.search(element.value), element.value
        assert not (element.proto.allow_html and "alert" in element.value)
    assert r"\<script\>alert" in texts(at), "the question is shown as typed, escaped"


def test_app_answer_over_the_limit_is_refused_and_stays_in_the_box(app: AppTest) -> None:
    at = app.run()
    too_long = LONGEST + " One more sentence."
    at.text_area(key="practice.answer").input(too_long)
    at = at.button(key="practice.submit").click().run()
    assert not at.exception
    [error] = at.error
    assert "the limit is 20,000" in error.value
    assert at.text_area(key="practice.answer").value == too_long, "nothing the user wrote is lost"
    assert "over the 20,000-character limit" in texts(at)
    assert attempts.list_attempts(_db()) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mode", "data", "name", "message"),
    [
        (SPEAK, b"", "recording.wav", "is empty (0 bytes)"),
        (SPEAK, random.Random(1).randbytes(30_000), "recording.wav", "is not an audio file"),
        (UPLOAD, b"Overfitting is memorising.\n" * 100, "answer.wav", "is not an audio file"),
    ],
    ids=["empty-recording", "noise-bytes-recording", "text-renamed-wav"],
)
def test_app_unusable_audio_says_why_and_keeps_the_text_box(
    app: AppTest, mode: str, data: bytes, name: str, message: str
) -> None:
    at = app.run()
    at.segmented_control(key="practice.mode").set_value(mode).run()
    if mode == SPEAK:
        at.audio_input(key="practice.recorder").upload(name, data)
    else:
        at.file_uploader(key="practice.upload").upload(name, data, "audio/wav")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_area(key="practice.answer").value == ""
    assert attempts.list_attempts(_db()) == []


IMPORTS = [
    ("empty.yaml", b"", "expected a mapping"),
    ("binary.yaml", random.Random(3).randbytes(20_000), "file is not UTF-8 text"),
    ("loop.yaml", b"a: &a [*a]\n", "anchors and aliases"),
    ("huge.yaml", b"questions:\n  - id: " + b"x" * 2_000_000 + b"\n", "huge.yaml:2: "),
    ("../../escape.yaml", b"questions: []\n", "use a simple file name"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "data", "message"), IMPORTS, ids=[i[0] for i in IMPORTS])
def test_app_import_of_a_hostile_file_saves_nothing(
    app: AppTest, data_dir: Path, name: str, data: bytes, message: str
) -> None:
    at = open_page(app, "settings")
    at.file_uploader(key="settings.upload.questions").upload(name, data, "application/yaml")
    at.run()
    at.button(key="settings.import.questions").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Nothing was saved" in e.value for e in at.error)
    assert message in "\n".join(c.value for c in at.code)
    assert not (data_dir / "questions").exists() or not list((data_dir / "questions").iterdir())


def test_app_settings_accept_odd_text_and_never_render_it_as_html(app: AppTest) -> None:
    at = open_page(app, "settings")
    at.radio[0].set_value("offline")
    at.text_input[0].input(f"{SCRIPT} not a url \x00")
    at.text_input[1].input("🤖" + "m" * 10_000)
    at.form_submit_button[0].click().run()
    no_errors(at)
    at = at.switch_page("pages/practice.py").run().switch_page("pages/settings.py").run()
    no_errors(at)
    assert at.text_input[0].value.startswith(SCRIPT)
    assert all("<script>" not in m.value for m in at.markdown)


# --- property tests: the grade line parser and the Feedback schema ---------------------------


class _FakeResolver:
    """Stands in for the knowledge base: question ids starting with 'x' do not exist."""

    def context(self, line):
        if line.question_id and line.question_id.startswith("x"):
            raise ContentError(f"Unknown question id {line.question_id!r}.")
        return object()


ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)
FIELDS = st.sampled_from(
    ["id", "answer", "question_id", "question", "reference_answer", "key_points", "kind", "x"]
)
OBJECTS = st.dictionaries(FIELDS, JSON_VALUES | ANY_TEXT, max_size=7)


def _check_parsed(parsed, number: int) -> None:
    assert (parsed.item is None) != (parsed.error is None)
    if parsed.error is not None:
        assert parsed.error.startswith(f"line {number}: ")
    record = {"id": parsed.id, "error": parsed.error}
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # writable to the output file


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(obj=OBJECTS, number=st.integers(1, 10_000))
def test_any_json_object_line_parses_or_gives_a_line_error(obj: dict, number: int) -> None:
    _check_parsed(parse_line(json.dumps(obj), number, _FakeResolver()), number)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(codec=None, exclude_categories=()), max_size=200))
def test_any_text_line_parses_or_gives_a_line_error(text: str) -> None:
    _check_parsed(parse_line(text, 3, _FakeResolver()), 3)


TEXT = st.text(max_size=30)
FINITE = st.floats(0, 10_000, allow_nan=False)
FEEDBACK = st.builds(
    Feedback,
    engine=st.sampled_from(["offline", "llm"]),
    rubric_id=TEXT,
    question_id=st.none() | TEXT,
    overall=st.floats(0, 100),
    criteria=st.lists(
        st.builds(
            CriterionScore,
            id=TEXT,
            name=TEXT,
            score=st.integers(0, 4),
            evidence=st.lists(TEXT, max_size=3),
            comment=TEXT,
        ),
        max_size=4,
    ),
    covered_points=st.lists(TEXT, max_size=3),
    improvements=st.lists(TEXT, max_size=3),
    stronger_answer=TEXT,
    star=st.none() | st.builds(StarAnalysis, first_person_singular_ratio=st.floats(0, 1)),
    delivery=st.none()
    | st.builds(
        Delivery,
        words=st.integers(0, 10_000),
        duration_s=FINITE,
        wpm=FINITE,
        fillers=st.dictionaries(TEXT, st.integers(0, 100), max_size=3),
        long_pauses=st.lists(st.builds(Pause, start=FINITE, end=FINITE, duration=FINITE)),
        speaking_ratio=st.floats(0, 1),
    ),
    notices=st.lists(TEXT, max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(feedback=FEEDBACK)
def test_feedback_round_trips_through_json_as_the_cli_and_the_database_write_it(feedback) -> None:
    assert Feedback.model_validate_json(feedback.model_dump_json()) == feedback
    cli_line = json.dumps({"id": "x", **feedback.model_dump(mode="json")}, ensure_ascii=False)
    record = json.loads(cli_line)
    assert record.pop("id") == "x"
    assert Feedback.model_validate(record) == feedback
