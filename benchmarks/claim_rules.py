"""How well do the wrong-claim rules read single sentences? (pairs written for the bank)

``data/entailment_pairs.jsonl`` holds two sentences written for every key point and red flag of
the 247 technical bank questions: one that states it in other words (``entails``) and one that
contradicts it (``contradicts``), 4,630 in all. This grades the rules of
``evaluators/offline/contradiction.py`` and ``red_flags`` on them, sentence against statement,
with no alignment step in between:

* key points: the share of contradicting sentences the rules call a contradiction (recall) and
  the share of paraphrases they call one (false alarms);
* red flags: the share of sentences stating the misconception read as stating it, and the share
  of sentences *correcting* it read as stating it.

It isolates the rules from retrieval and scoring, so a change to them can be measured on 4,630
sentences instead of 60 answers. ``--examples N`` prints N missed contradictions.

    .venv/bin/python benchmarks/claim_rules.py [--examples N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services import knowledge_base  # noqa: E402
from evaluators.offline.bindings import swapped_role  # noqa: E402
from evaluators.offline.complexities import wrong_complexity, wrong_step  # noqa: E402
from evaluators.offline.contradiction import Verdict, compare  # noqa: E402
from evaluators.offline.encode import encode  # noqa: E402
from evaluators.offline.formulas import wrong_formula  # noqa: E402
from evaluators.offline.leakage import leakage_reason  # noqa: E402
from evaluators.offline.numbers import quantities, wrong_number  # noqa: E402
from evaluators.offline.red_flags import (  # noqa: E402
    FlagTokens,
    WrongClaimParams,
    key_point_stems,
    states_flag,
)
from evaluators.offline.swaps import find_sentence_swap  # noqa: E402
from evaluators.offline.tradeoffs import reversed_tradeoff  # noqa: E402
from evaluators.text import Sentence  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "entailment_pairs.jsonl"


class RuleReader:
    """The engine's rules, read on one written row: a key point's contradiction checks or the
    red-flag reading (``hit``), and which key-point checks fired (``kinds``)."""

    def __init__(self, rows: list[dict]) -> None:
        self.params = WrongClaimParams()
        self.points: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            if (
                r["statement_kind"] == "key_point"
                and r["statement"] not in self.points[r["question_id"]]
            ):
                self.points[r["question_id"]].append(r["statement"])
        self.known = {q: key_point_stems(p) for q, p in self.points.items()}
        kb = knowledge_base()
        self.prompts = {q: kb.context(question_id=q).prompt for q in self.points}
        flag_rows = [r for r in rows if r["statement_kind"] == "red_flag"]
        texts = sorted({t for r in flag_rows for t in (r["statement"], r["claim"])})
        self.encoded = dict(zip(texts, encode(texts), strict=True))

    def __call__(self, r: dict) -> tuple[bool, list[str]]:
        if r["statement_kind"] != "key_point":
            sentence = Sentence(r["claim"], 0)
            tokens = FlagTokens(self.encoded[r["statement"]], self.encoded[r["claim"]].tokens)
            known = self.known.get(r["question_id"], frozenset())
            stated = states_flag(sentence, r["statement"], self.params, known, tokens)
            leaks = leakage_reason(r["claim"]) is not None
            return stated or leaks, ["flag-leakage"] if leaks else []
        claim, statement = r["claim"], r["statement"]
        prompt = self.prompts[r["question_id"]]
        verdict = compare(claim, statement, self.params.point_contrast).verdict
        checks = (
            ("rules", verdict is Verdict.CONTRADICTS),
            ("number", wrong_number(claim, statement, quantities(prompt), quantities(claim))),
            ("formula", wrong_formula(claim, statement)),
            ("complexity", wrong_complexity(claim, [statement])),
            ("step", wrong_step(claim, [statement])),
            ("role", swapped_role(claim, [statement])),
            ("trade-off", reversed_tradeoff(claim, [statement])),
            ("swap", find_sentence_swap(claim, prompt, self.points[r["question_id"]])),
            ("leakage", leakage_reason(claim)),
        )
        kinds = [kind for kind, found in checks if found]
        return bool(kinds), kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    read = RuleReader(rows)
    counts: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    missed = []
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        key = (r["statement_kind"], r["label"])
        counts[key] += 1
        hit, kinds = read(r)
        by_kind[r["label"]].update(kinds)
        if r["statement_kind"] == "key_point" and not hit and r["label"] == "contradicts":
            missed.append(r)
        hits[key] += hit
    lines = [
        ("key point contradicted: by a contradiction", ("key_point", "contradicts"), "recall"),
        ("key point contradicted: by a paraphrase", ("key_point", "entails"), "false alarm"),
        ("red flag stated: by a sentence stating it", ("red_flag", "entails"), "recall"),
        ("red flag stated: by its correction", ("red_flag", "contradicts"), "false alarm"),
    ]
    print(f"{'rule read':<46} {'count':>11} {'share':>7}  kind")
    for name, key, kind in lines:
        print(f"{name:<46} {hits[key]:>5}/{counts[key]:<5} {hits[key] / counts[key]:>7.1%}  {kind}")
    print(
        "key points, by check (contradictions / paraphrases): "
        + ", ".join(
            f"{kind} {by_kind['contradicts'][kind]} / {by_kind['entails'][kind]}"
            for kind in (
                "rules",
                "number",
                "formula",
                "complexity",
                "step",
                "role",
                "trade-off",
                "swap",
                "leakage",
            )
        )
    )
    print(
        "red flags, read as leakage (restatements / corrections): "
        f"{by_kind['entails']['flag-leakage']} / {by_kind['contradicts']['flag-leakage']}"
    )
    for r in random.Random(1).sample(missed, min(args.examples, len(missed))):
        print(f"\n{r['statement']}\n  -> {r['claim']}")


if __name__ == "__main__":
    main()
