"""Answers are encoded in context; a one-sentence answer matches a standalone encoding."""

import numpy as np

from evaluators.offline.encode import encode, encode_answers
from evaluators.text import split_sentences


def test_one_sentence_answer_pools_like_a_standalone_encoding():
    text = "Random forests can overfit on noisy labels."
    (alone,) = encode([text])
    ((in_context,),) = encode_answers([(text, split_sentences(text))])
    assert float(alone.vector @ in_context.vector) > 0.999
    assert alone.tokens.shape == in_context.tokens.shape


def test_every_sentence_of_a_long_answer_gets_its_own_vector():
    text = " ".join(f"Point {i} explains why caching cuts latency for reads." for i in range(40))
    sentences = split_sentences(text)
    encoded = encode_answers([(text, sentences), ("", [])])
    assert len(encoded[0]) == len(sentences) and encoded[1] == []
    vectors = np.stack([e.vector for e in encoded[0]])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert all(len(e.tokens) for e in encoded[0])
