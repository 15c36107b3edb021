"""The shipped cross-encoder: it loads from the package and reads what a sentence says about a
statement, not which words the two share."""

from __future__ import annotations

import pytest

from evaluators.offline.entailment import ADAPTER_DIR, judge

pytestmark = pytest.mark.slow

POINT = "The p-value is the probability of data at least this extreme if the null is true."


def test_the_adapter_ships_small_and_names_no_local_path():
    sizes = sum(f.stat().st_size for f in ADAPTER_DIR.iterdir())
    assert sizes < 4_000_000
    assert "/work" not in (ADAPTER_DIR / "adapter_config.json").read_text()


@pytest.mark.parametrize(
    ("sentence", "reading"),
    [
        (
            "If the null held, data as extreme as ours would appear with this probability.",
            "entails",
        ),
        ("The p-value is computed assuming the alternative is true, not the null.", "contradicts"),
        ("We ran the test for two weeks to cover weekly seasonality.", "neutral"),
    ],
)
def test_a_sentence_is_read_by_what_it_says(sentence, reading):
    [found] = judge([(POINT, sentence)])
    probabilities = {"entails": found.entails, "contradicts": found.contradicts}
    probabilities["neutral"] = found.neutral
    assert max(probabilities, key=probabilities.get) == reading
    assert found.entails + found.contradicts + found.neutral == pytest.approx(1.0, abs=1e-5)


def test_pairs_read_again_come_from_the_cache_in_input_order():
    pairs = [(POINT, "It is the chance the null is true."), (POINT, "Nothing to do with it.")]
    first = judge(pairs)
    assert judge(pairs[::-1]) == first[::-1]
