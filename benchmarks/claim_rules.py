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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    params = WrongClaimParams()
    points: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["statement_kind"] == "key_point" and r["statement"] not in points[r["question_id"]]:
            points[r["question_id"]].append(r["statement"])
    known = {q: key_point_stems(p) for q, p in points.items()}
    kb = knowledge_base()
    prompts = {q: kb.context(question_id=q).prompt for q in points}
    flag_rows = [r for r in rows if r["statement_kind"] == "red_flag"]
    texts = sorted({t for r in flag_rows for t in (r["statement"], r["claim"])})
    encoded = dict(zip(texts, encode(texts), strict=True))
    counts: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    missed = []
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        key = (r["statement_kind"], r["label"])
        counts[key] += 1
        if r["statement_kind"] == "key_point":
            verdict = compare(r["claim"], r["statement"], params.point_contrast).verdict
            rule = verdict is Verdict.CONTRADICTS
            prompt = prompts[r["question_id"]]
            number = wrong_number(
                r["claim"],
                r["statement"],
                quantities(prompt),
                quantities(r["claim"]),
            )
            swap = bool(find_sentence_swap(r["claim"], prompt, points[r["question_id"]]))
            formula = wrong_formula(r["claim"], r["statement"])
            big_o = wrong_complexity(r["claim"], [r["statement"]])
            step = wrong_step(r["claim"], [r["statement"]])
            role = swapped_role(r["claim"], [r["statement"]])
            tradeoff = reversed_tradeoff(r["claim"], [r["statement"]])
            checks = (
                ("rules", rule),
                ("number", number),
                ("formula", formula),
                ("complexity", big_o),
                ("step", step),
                ("role", role),
                ("trade-off", tradeoff),
                ("swap", swap),
            )
            by_kind[r["label"]].update(kind for kind, found in checks if found)
            hit = (
                rule
                or bool(number)
                or bool(formula)
                or bool(big_o)
                or bool(step)
                or bool(role)
                or bool(tradeoff)
                or swap
            )
            if not hit and r["label"] == "contradicts":
                missed.append(r)
        else:
            sentence = Sentence(r["claim"], 0)
            tokens = FlagTokens(encoded[r["statement"]], encoded[r["claim"]].tokens)
            hit = states_flag(
                sentence, r["statement"], params, known.get(r["question_id"], frozenset()), tokens
            )
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
            )
        )
    )
    for r in random.Random(1).sample(missed, min(args.examples, len(missed))):
        print(f"\n{r['statement']}\n  -> {r['claim']}")


if __name__ == "__main__":
    main()
