"""Property tests: no file content, however broken, makes the loader raise."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.bank import load_content

_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.fixture(autouse=True)
def _no_shipped_questions(tmp_path_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the fuzzed file is loaded, so each example is fast and problems are its own."""
    monkeypatch.setattr("knowledge.bank.SHIPPED_DIR", tmp_path_factory.mktemp("empty"))


@_SETTINGS
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_give_problems_not_exceptions(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / "fuzz-bytes"
    folder.mkdir(exist_ok=True)
    (folder / "user.yaml").write_bytes(data)
    content = load_content([folder])
    assert all(p.path == folder / "user.yaml" for p in content.problems)


@_SETTINGS
@given(questions=st.lists(yaml_values, max_size=4), topic=yaml_values)
def test_arbitrary_yaml_structures_are_reported(tmp_path: Path, questions, topic) -> None:
    folder = tmp_path / "fuzz-yaml"
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump({"topic": topic, "questions": questions}, allow_unicode=True)
    (folder / "user.yaml").write_text(text, encoding="utf-8")
    content = load_content([folder])
    assert len(content.problems) >= sum(not isinstance(q, dict) for q in questions)
    assert all(str(p).startswith(str(folder / "user.yaml")) for p in content.problems)
    assert content.questions == {}
