"""MiniLM forward passes that keep both sentence vectors and token vectors.

Question-side texts (prompt, key points, red flags) are encoded one by one, exactly as the model
card does, and cached by the evaluator. Answers are encoded in *context*: consecutive sentences
are packed into chunks of at most ``CHUNK_TOKENS`` word pieces, each chunk goes through the model
once, and every sentence gets the mean of its own token vectors (the model's own pooling). This
costs one pass over the answer's tokens instead of one padded pass per sentence, and a
one-sentence chunk pools to exactly the vector a standalone encoding gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluators.text import STOPWORDS, Sentence, stem
from knowledge.embeddings import get_model

_BATCH_SIZE = 32
CHUNK_TOKENS = 200
"""Word pieces per answer chunk: whole paragraphs of context, well inside the 256-piece limit."""
_MAX_PIECES = 256
_WORDPIECE = re.compile(r"^(?:##)?[a-z0-9]")


@dataclass(frozen=True)
class Encoded:
    """A text's L2-normalised sentence vector and content-token vectors."""

    vector: np.ndarray
    tokens: np.ndarray
    stems: tuple[str, ...] = ()
    """The stem of the word each row of ``tokens`` belongs to, for texts encoded on their own
    (key points, red flags): it finds the rows of a red flag's distinctive words."""


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return (rows / np.maximum(norms, 1e-9)).astype(np.float32)


def _content_rows(pieces: Sequence[str]) -> np.ndarray:
    """Mask of the pieces that carry meaning (not [CLS]/[SEP], punctuation or stopwords)."""
    keep = np.array([bool(_WORDPIECE.match(p)) and p not in STOPWORDS for p in pieces], bool)
    return keep if keep.any() else np.ones(len(pieces), bool)


def _encoded(
    token_vectors: np.ndarray, pieces: Sequence[str], words: Sequence[str] = ()
) -> Encoded:
    """Mean-pooled sentence vector and content-token rows of one span of token vectors
    (``words``: the word of each piece, when the stems of the rows are wanted)."""
    vector = _unit(token_vectors.mean(axis=0))
    content = _content_rows(pieces)
    stems = tuple(stem(w) for w, keep in zip(words, content, strict=True) if keep) if words else ()
    return Encoded(vector, _unit(token_vectors[content]), stems)


def _piece_words(text: str, offsets: Sequence[tuple[int, int]]) -> list[str]:
    """The whole (lower-cased) word each word piece belongs to; "" for [CLS] and [SEP].

    Not the fast tokenizer's ``word_ids()``: its pre-split cuts "micro-batches" and "model's"
    into several words, while the rules stem them as one (``evaluators.text.words``).
    """
    found = []
    for start, end in offsets:
        if end <= start:
            found.append("")
            continue
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'-"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] in "'-"):
            end += 1
        found.append(text[start:end].lower())
    return found


def _forward(texts: Sequence[str]) -> list[tuple[np.ndarray, list[str], list[tuple[int, int]]]]:
    """Token vectors, word pieces and character offsets of each text (batched, length-sorted)."""
    import torch

    model = get_model()
    tokenizer, bert = model.tokenizer, model[0].auto_model
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list = [None] * len(texts)
    for start in range(0, len(order), _BATCH_SIZE):
        batch = order[start : start + _BATCH_SIZE]
        enc = tokenizer(
            [texts[i] for i in batch],
            padding=True,
            truncation=True,
            max_length=_MAX_PIECES,
            return_tensors="pt",
            return_offsets_mapping=True,
        )
        offsets = enc.pop("offset_mapping").tolist()
        with torch.inference_mode():
            hidden = bert(**enc).last_hidden_state.float().numpy()
        for row, i in enumerate(batch):
            length = int(enc["attention_mask"][row].sum())
            ids = enc["input_ids"][row, :length].tolist()
            out[i] = (
                hidden[row, :length],
                tokenizer.convert_ids_to_tokens(ids),
                [tuple(o) for o in offsets[row][:length]],
            )
    return out


def encode(texts: Sequence[str]) -> list[Encoded]:
    """Encode each text on its own (order preserved), with the stems of its token rows."""
    if not texts:
        return []
    return [
        _encoded(vectors, pieces, _piece_words(text, offsets))
        for text, (vectors, pieces, offsets) in zip(texts, _forward(texts), strict=True)
    ]


def _chunks(sentences: Sequence[Sentence]) -> list[list[int]]:
    """Consecutive sentence indices packed into chunks of at most CHUNK_TOKENS word pieces."""
    tokenizer = get_model().tokenizer
    sizes = [
        len(ids)
        for ids in tokenizer([s.text for s in sentences], add_special_tokens=False)["input_ids"]
    ]
    chunks: list[list[int]] = []
    used = CHUNK_TOKENS
    for i, size in enumerate(sizes):
        if used + size > CHUNK_TOKENS:
            chunks.append([])
            used = 0
        chunks[-1].append(i)
        used += size
    return chunks


def encode_answers(answers: Sequence[tuple[str, Sequence[Sentence]]]) -> list[list[Encoded]]:
    """Encode each answer's sentences in context: one pass per chunk, all answers batched.

    Args:
        answers: (answer text, its sentences as returned by ``split_sentences``) pairs.

    Returns:
        One ``Encoded`` per sentence, per answer.
    """
    jobs: list[tuple[int, list[Sentence], int]] = []
    texts: list[str] = []
    for a, (text, sentences) in enumerate(answers):
        for chunk in _chunks(sentences) if sentences else []:
            spans = [sentences[i] for i in chunk]
            base = spans[0].start
            texts.append(text[base : spans[-1].start + len(spans[-1].text)])
            jobs.append((a, spans, base))
    out: list[list[Encoded]] = [[] for _ in answers]
    for (a, spans, base), (vectors, pieces, offsets) in zip(jobs, _forward(texts), strict=True):
        starts = np.array([o[0] if o[1] > o[0] else -1 for o in offsets])
        last = len(spans) - 1
        for k, sentence in enumerate(spans):
            lo, hi = sentence.start - base, sentence.start - base + len(sentence.text)
            rows = (starts >= lo) & (starts < hi)
            if k == 0:
                rows[0] = True  # [CLS]: a one-sentence chunk pools like a standalone encoding
            if k == last:
                rows[len(pieces) - 1] = True  # [SEP]
            if rows.sum() <= int(k == 0) + int(k == last):
                rows[:] = True  # cut off by truncation: the chunk stands in for it
            out[a].append(
                _encoded(vectors[rows], [p for p, r in zip(pieces, rows, strict=True) if r])
            )
    return out
