"""The packaged MiniLM model: its vector width is the one the evaluators assume."""

from __future__ import annotations

import pytest

from knowledge.embeddings import EMBEDDING_DIM, embed

pytestmark = pytest.mark.slow


def test_vectors_have_the_declared_width_and_unit_length() -> None:
    vectors = embed(["Overfitting is fitting noise.", "A stack is last in, first out."])
    assert vectors.shape == (2, EMBEDDING_DIM)
    assert list((vectors**2).sum(axis=1)) == pytest.approx([1.0, 1.0], abs=1e-5)


def test_no_texts_gives_an_empty_array_of_the_same_width() -> None:
    assert embed([]).shape == (0, EMBEDDING_DIM)
