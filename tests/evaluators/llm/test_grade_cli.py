"""``coach grade --engine llm`` against the local server: concurrent, in order, per-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.settings import get_settings
from knowledge.bank import load_content
from tests.fixtures.openai_server import first_sentence, status


@pytest.mark.slow
def test_grade_with_the_llm_writes_every_line_in_input_order(openai_server, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("COACH_LLM_MODEL", "test-model")
    monkeypatch.setenv("COACH_LLM_MAX_RETRIES", "0")
    get_settings.cache_clear()
    questions = sorted(load_content().questions.values(), key=lambda q: q.id)[:5]
    lines = [
        {"id": f"a{i}", "question_id": q.id, "answer": q.model_answer}
        for i, q in enumerate(questions)
    ]
    lines.insert(2, {"id": "bad", "answer": "no question given"})
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    openai_server.queue(status(500, "boom"))  # one answer falls back; the rest use the LLM

    result = CliRunner().invoke(cli, ["grade", str(source), "--engine", "llm"])

    assert result.exit_code == 2, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [line["id"] for line in lines]
    assert "error" in records[2]
    graded = [r for r in records if "error" not in r]
    assert sorted(r["engine"] for r in graded) == ["llm"] * 4 + ["offline"]
    for record, line in zip(records, lines, strict=True):
        if record.get("engine") == "llm":
            assert record["criteria"][0]["evidence"] == [first_sentence(line["answer"])]
    assert len(openai_server.chat_requests) == 5
