"""The batch contract of ``coach grade``: order, per-line errors, ids, chunking."""

from __future__ import annotations

import io
import json

import pytest

from evaluators import batch
from evaluators.batch import grade_stream
from evaluators.item import MAX_ANSWER_CHARS
from evaluators.offline import OfflineEvaluator
from knowledge.base import KnowledgeBase

FREE = {
    "question": "What does a hash map give you?",
    "reference_answer": "Average constant-time lookup, insert and delete by key.",
    "kind": "coding_approach",
}


class CountingEngine(OfflineEvaluator):
    """The real offline engine, recording how it was called."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[int] = []

    def evaluate_many(self, items, progress=None):
        self.calls.append(len(items))
        return super().evaluate_many(items, progress)


@pytest.fixture(scope="module")
def engine() -> CountingEngine:
    return CountingEngine()


def _run(lines, engine, kb):
    out = io.StringIO()
    failed = grade_stream(lines, out, engine, kb, progress=False)
    return failed, [json.loads(x) for x in out.getvalue().splitlines()]


def test_lines_come_back_in_order_with_ids_and_errors(engine, data_dir):
    kb = KnowledgeBase(data_dir)
    bank_id = next(iter(kb.content.questions))
    lines = [
        json.dumps({"id": "a", "answer": "Constant time lookups by key.", **FREE}),
        "{not json",
        json.dumps({"id": "b", "answer": "x", "question_id": "no-such-question"}),
        json.dumps({"id": "c", "answer": 42, **FREE}),
        json.dumps({"answer": "no id", **FREE}),
        json.dumps({"id": "d", "answer": "An answer."}),
        json.dumps({"id": "e", "answer": "Some answer.", "question_id": bank_id}),
        "",
        json.dumps({"id": "f", "answer": "", **FREE}),
    ]
    failed, out = _run(lines, engine, kb)
    assert [r["id"] for r in out] == ["a", "line 2", "b", "c", "line 5", "d", "e", "f"]
    assert failed == 5
    errors = {r["id"]: r["error"] for r in out if "error" in r}
    assert errors["line 2"].startswith("line 2: invalid JSON")
    assert "no-such-question" in errors["b"] and errors["b"].startswith("line 3:")
    assert errors["c"] == "line 4: field 'answer' must be string"
    assert errors["line 5"] == "line 5: missing field 'id'"
    assert "question_id" in errors["d"]
    graded = {r["id"]: r for r in out if "error" not in r}
    assert graded["e"]["question_id"] == bank_id
    assert graded["f"]["overall"] == 0 and graded["f"]["notices"]
    assert set(graded["a"]) >= {"engine", "rubric_id", "overall", "criteria"}


def test_large_batches_are_chunked_and_contexts_resolved_once(engine, data_dir, monkeypatch):
    kb = KnowledgeBase(data_dir)
    resolved = []
    original = kb.context

    def counting_context(spec=None, **fields):
        resolved.append(spec or fields)
        return original(spec, **fields)

    monkeypatch.setattr(kb, "context", counting_context)
    monkeypatch.setattr(batch, "CHUNK_SIZE", 4)
    engine.calls.clear()
    lines = [
        json.dumps({"id": str(i), "answer": f"Lookup {i} is O(1).", **FREE}) for i in range(10)
    ]
    failed, out = _run(lines, engine, kb)
    assert failed == 0
    assert [r["id"] for r in out] == [str(i) for i in range(10)]
    assert engine.calls == [4, 4, 2]
    assert len(resolved) == 1


def test_a_line_over_the_cap_is_cut_while_reading_and_the_next_line_survives() -> None:
    giant = "x" * (5 * batch.MAX_LINE_CHARS)
    stream = io.StringIO(f'{{"id": "a", "answer": "{giant}"}}\n{{"id": "b"}}\n')
    first, second = batch.bounded_lines(stream)
    assert len(first) == batch.MAX_LINE_CHARS + 1, "memory bounded: the rest was dropped"
    assert second == '{"id": "b"}\n'


def test_lines_over_the_caps_get_their_own_error_and_the_rest_are_graded(engine, data_dir):
    lines = [
        json.dumps({"id": "ok", "answer": "Average O(1) lookups by key.", **FREE}),
        json.dumps({"id": "long", "answer": "a" * (MAX_ANSWER_CHARS + 1), **FREE}),
        "y" * (batch.MAX_LINE_CHARS + 1),
    ]
    failed, out = _run(lines, engine, KnowledgeBase(data_dir))
    assert failed == 2
    assert "error" not in out[0]
    assert out[1] == {
        "id": "long",
        "error": "line 2: The answer is 20,001 characters long; the limit is 20,000 (about "
        "3,000 words). Shorten it and try again.",
    }
    assert out[2]["id"] == "line 3" and "longer than 100,000 characters" in out[2]["error"]
