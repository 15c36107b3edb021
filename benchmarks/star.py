"""STAR benchmark: per-component accuracy and complete-vs-incomplete AUC on our own stories.

The data is ``benchmarks/data/star_stories.jsonl``: stories we wrote in varied natural styles,
each labelled per sentence (situation, task, action, result, reflection) and per story (which
components are present, whether the *result* carries a number, complete = S, T, A and R).

Usage::

    python benchmarks/star.py              # the shipped detector (its weights saw every story)
    python benchmarks/star.py --cv 6       # honest: retrain on 5/6 of the stories, test on 1/6
    python benchmarks/star.py --train      # refit on every story and write the shipped weights

The AUC is that of the offline evaluator's overall score on the story's bank question (the
behavioral rubric), i.e. what a user sees, not a STAR-only score.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluators.item import GradeItem  # noqa: E402
from evaluators.offline import OfflineEvaluator  # noqa: E402
from evaluators.schemas import StarAnalysis  # noqa: E402
from knowledge.bank import load_content  # noqa: E402
from knowledge.context import QuestionSpec, build_context  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "star_stories.jsonl"
COMPONENTS = ("situation", "task", "action", "result", "quantified", "reflection")
BARS = ("situation", "task", "action", "result", "quantified")
"""The components the acceptance bar counts (reflection is reported, not barred)."""


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def story_text(story: dict) -> str:
    return " ".join(s["text"] for s in story["sentences"])


def predicted(star: StarAnalysis) -> dict[str, bool]:
    out = {c: getattr(star, c).present for c in COMPONENTS if c != "quantified"}
    out["quantified"] = star.result_quantified
    return out


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """Probability that a positive outranks a negative (ties count half)."""
    pos = [s for s, p in zip(scores, positive, strict=True) if p]
    neg = [s for s, p in zip(scores, positive, strict=True) if not p]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def report(stories: list[dict], stars: list[StarAnalysis], overall: list[float]) -> None:
    preds = [predicted(s) for s in stars]
    print(f"stories: {len(stories)}  (complete: {sum(s['story']['complete'] for s in stories)})")
    right_all = []
    for c in COMPONENTS:
        right = [p[c] == s["story"][c] for p, s in zip(preds, stories, strict=True)]
        if c in BARS:
            right_all += right
        print(f"  {c:<11} accuracy {np.mean(right):6.1%}")
    print(f"  S,T,A,R,Q   accuracy {np.mean(right_all):6.1%}   (bar: >= 90%, none < 80%)")
    complete = [s["story"]["complete"] for s in stories]
    print(f"  complete-vs-incomplete AUC of the overall score  {auc(overall, complete):.3f}")
    scores = np.asarray(overall)
    mask = np.asarray(complete)
    print(
        f"  mean overall: complete {scores[mask].mean():.1f}, incomplete {scores[~mask].mean():.1f}"
    )


def overall_scores(stories: list[dict], analyse: Callable[[str], StarAnalysis]) -> list[float]:
    """Offline evaluator overall for every story, with ``analyse`` as its STAR detector."""
    from evaluators.offline import evaluator as offline_evaluator

    content = load_content()
    items = [
        GradeItem(
            context=build_context(content, None, QuestionSpec(question_id=s["question_id"])),
            answer=story_text(s),
        )
        for s in stories
    ]
    original = offline_evaluator.analyze_star
    offline_evaluator.analyze_star = analyse
    try:
        return [f.overall for f in OfflineEvaluator().evaluate_many(items)]
    finally:
        offline_evaluator.analyze_star = original


def cross_validated(stories: list[dict], folds: int) -> list[StarAnalysis]:
    """Each story analysed by a detector trained without it (folds split by story)."""
    from evaluators.star.detect import Detector
    from evaluators.star.train import fit, sentence_rows

    order = np.random.default_rng(0).permutation(len(stories))
    stars: list[StarAnalysis | None] = [None] * len(stories)
    for k in range(folds):
        test = set(order[k::folds].tolist())
        train = [s for i, s in enumerate(stories) if i not in test]
        detector = Detector(fit(*sentence_rows(train)))
        for i in test:
            stars[i] = detector.analyze(story_text(stories[i]))
    return [s for s in stars if s is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cv", type=int, default=0, help="folds of by-story cross-validation")
    parser.add_argument("--train", action="store_true", help="refit and write shipped weights")
    args = parser.parse_args()
    stories = load(args.data)
    if args.train:
        from evaluators.star.model import WEIGHTS_PATH
        from evaluators.star.train import fit, sentence_rows

        fit(*sentence_rows(stories)).save(WEIGHTS_PATH)
        print(f"wrote {WEIGHTS_PATH.relative_to(ROOT)} from {len(stories)} stories")
        return
    from evaluators.star import analyze_star

    if args.cv:
        stars = cross_validated(stories, args.cv)
        by_text = {story_text(s): star for s, star in zip(stories, stars, strict=True)}

        def analyse(text: str) -> StarAnalysis:
            return by_text.get(text) or analyze_star(text)

        print(f"cross-validation by story, {args.cv} folds")
    else:
        analyse = analyze_star
        stars = [analyze_star(story_text(s)) for s in stories]
        print("shipped detector (not held out)")
    report(stories, stars, overall_scores(stories, analyse))


if __name__ == "__main__":
    main()
