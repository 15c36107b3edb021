"""Wrong answers in the right words against right answers in other words (our own pairs).

``data/misconception_pairs.jsonl`` holds 42 pairs written for these tests, across every topic
and free-form questions with a reference answer. ``data/misconception_pairs_blind.jsonl`` holds
40 more, written without sight of the engine, the dev pairs or the first 42, on questions
neither uses, with subtler errors (a missing factor of 2, a step given another step's big-O).
They were first graded after they were written: 40 % flagged, right above wrong in 38 %, right
flagged 15 %. ``data/misconception_pairs_fresh.jsonl`` holds 110 more, written in three batches
at the ninth stop by helpers who saw only the question bank, on questions no other set uses
(ids ``b2-``, ``b3-``, ``b4-``); each batch was graded before any rule was read against it, and
the rules were then read against them. ``data/misconception_pairs_unread.jsonl`` holds 120
more, written the same way at the tenth stop (``b5-`` to ``b8-``) and never read by anyone
changing the rules. Each answer is graded as ``coach grade`` grades it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from evaluators.item import GradeItem
from evaluators.schemas import Feedback
from knowledge.base import KnowledgeBase

PAIRS = Path(__file__).parent / "data" / "misconception_pairs.jsonl"
BLIND = PAIRS.with_name("misconception_pairs_blind.jsonl")
FRESH = PAIRS.with_name("misconception_pairs_fresh.jsonl")
UNREAD = PAIRS.with_name("misconception_pairs_unread.jsonl")
QUESTION_FIELDS = ("question_id", "question", "reference_answer", "key_points", "kind")

ISSUE_BARS = {"wrong_flagged": 0.80, "right_above_wrong": 0.90, "right_flagged": 0.10}
"""The targets of issue 11, which these pairs meet (81 %, 93 %, 2 %)."""
REGRESSION_FLOOR = {"wrong_flagged": 0.75, "right_above_wrong": 0.9, "right_flagged": 0.05}
"""A floor a little under today's rates, so that a change that costs a catch shows here."""
BLIND_FLOOR = {"wrong_flagged": 0.55, "right_above_wrong": 0.575, "right_flagged": 0.05}
"""The same for the blind pairs (today 62 %, 65 %, 2 %): far from the issue's bars, which is
what they are for."""
FRESH_FLOOR = {"wrong_flagged": 0.37, "right_above_wrong": 0.48, "right_flagged": 0.15}
"""The same for the fresh pairs (today 40 %, 52 %, 14 %; 35 %, 45 %, 20 % when first graded).
They measure what the rules do on questions they were not written against: far below the
bars, and a right answer flagged one time in seven."""
UNREAD_FLOOR = {"wrong_flagged": 0.28, "right_above_wrong": 0.43, "right_flagged": 0.2}
"""The same for the unread pairs (today 30 %, 45 %, 18 %; 29 %, 45 %, 18 % when first graded).
No rule has been read against them: keep it so, or they stop being the honest estimate."""


def _flagged(fb: Feedback) -> bool:
    accuracy = next((c.score for c in fb.criteria if c.id == "accuracy"), None)
    return bool(fb.red_flags_hit) or (accuracy is not None and accuracy <= 1)


def _grade(path: Path, evaluator, kb: KnowledgeBase) -> dict[str, dict[str, Feedback]]:
    """Every pair of ``path`` graded once, by pair id and label."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    items = [
        GradeItem(
            context=kb.context(**{k: r[k] for k in QUESTION_FIELDS if r.get(k) is not None}),
            answer=r["answer"],
        )
        for r in rows
    ]
    pairs: dict[str, dict[str, Feedback]] = defaultdict(dict)
    for r, fb in zip(rows, evaluator.evaluate_many(items), strict=True):
        pairs[r["pair"]][r["label"]] = fb
    return dict(pairs)


@pytest.fixture(scope="module")
def pairs_kb(tmp_path_factory) -> KnowledgeBase:
    """Bank ids and free-form questions with a kind need no index."""
    return KnowledgeBase(tmp_path_factory.mktemp("coach-data"))


@pytest.fixture(scope="module")
def graded(evaluator, pairs_kb) -> dict[str, dict[str, Feedback]]:
    return _grade(PAIRS, evaluator, pairs_kb)


def _rates(graded: dict[str, dict[str, Feedback]]) -> dict[str, float]:
    n = len(graded)
    return {
        "wrong_flagged": sum(_flagged(p["wrong"]) for p in graded.values()) / n,
        "right_above_wrong": sum(p["right"].overall > p["wrong"].overall for p in graded.values())
        / n,
        "right_flagged": sum(_flagged(p["right"]) for p in graded.values()) / n,
    }


def test_the_pairs_cover_every_topic_and_free_form_questions():
    rows = [json.loads(line) for line in PAIRS.open(encoding="utf-8") if line.strip()]
    prefixes = {r["question_id"].split("-")[0] for r in rows if r.get("question_id")}
    assert {"concepts", "metrics", "stats", "dl", "coding", "sysdesign"} <= prefixes
    assert sum(1 for r in rows if r.get("reference_answer")) >= 10 * 2
    assert len({r["pair"] for r in rows}) >= 40


def _assert_within(rates: dict[str, float], floor: dict[str, float]) -> None:
    assert rates["wrong_flagged"] >= floor["wrong_flagged"], rates
    assert rates["right_above_wrong"] >= floor["right_above_wrong"], rates
    assert rates["right_flagged"] <= floor["right_flagged"], rates


def test_rates_do_not_regress(graded):
    _assert_within(_rates(graded), REGRESSION_FLOOR)


@pytest.mark.parametrize(
    ("path", "floor"),
    [(BLIND, BLIND_FLOOR), (FRESH, FRESH_FLOOR), (UNREAD, UNREAD_FLOOR)],
    ids=["blind", "fresh", "unread"],
)
def test_the_held_out_pairs_do_not_regress(path, floor, evaluator, pairs_kb):
    _assert_within(_rates(_grade(path, evaluator, pairs_kb)), floor)


def test_rates_meet_the_issue_bars(graded):
    _assert_within(_rates(graded), ISSUE_BARS)


@pytest.mark.parametrize(
    "pair",
    [
        "own-01",
        "own-02",
        "own-03",
        "own-33",
    ],
    ids=["p-value", "bias-variance-swap", "dropout-at-inference", "free-form-p-value"],
)
def test_the_issue_rows_are_caught_and_quoted(graded, pair):
    wrong = graded[pair]["wrong"]
    assert _flagged(wrong)
    accuracy = next(c for c in wrong.criteria if c.id == "accuracy")
    assert accuracy.score <= 1
    assert accuracy.evidence, "the wrong sentence is quoted"
    assert not any("what you state is correct" in s for s in wrong.strengths)


def test_the_correct_p_value_paraphrase_outscores_the_wrong_one(graded):
    assert graded["own-01"]["right"].overall > graded["own-01"]["wrong"].overall


def test_no_comment_contradicts_its_score(graded):
    """Praise goes with full marks, and a full count of key points below full marks says why
    ("Covers 5 of 5 key points" next to a 2 was seen)."""
    praise = ("Clear and concise.", "Short and leads with the answer.")
    partial = 0
    for pair in graded.values():
        for fb in pair.values():
            for c in fb.criteria:
                assert not (c.comment in praise and c.score < 4), (c.id, c.score, c.comment)
                count = re.match(r"Covers (\d+) of (\d+) key points", c.comment)
                if count and count[1] == count[2] and c.score < 4:
                    partial += 1
                    assert "of their content on average" in c.comment, (c.score, c.comment)
    assert partial, "some answer covers every key point only in part"


def test_a_count_held_down_by_the_content_says_so(graded):
    """ "2 sentence(s) show examples; a strong answer has 2" next to a 1 must say why."""
    held = 0
    for pair in graded.values():
        for fb in pair.values():
            for c in fb.criteria:
                found = re.match(r"(\d+) sentence\(s\) .*; a strong answer has (\d+)\.", c.comment)
                if found and int(found[1]) >= int(found[2]) and c.score < 4:
                    held += 1
                    assert "Held to the content level" in c.comment, (c.id, c.score, c.comment)
    assert held, "some wrong answer has its form held to its content"
