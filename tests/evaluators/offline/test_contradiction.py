"""The agree/contradict rules on aligned sentence pairs (pure text, no model)."""

import pytest

from evaluators.offline.contradiction import (
    ContrastParams,
    Verdict,
    compare,
    explain,
    is_swap,
    statement_core,
)

KEY_POINT_CASES = [
    # (key point, sentence that contradicts it, sentence that agrees in other words)
    (
        "It is not the probability that the null hypothesis is true.",
        "The p-value is the probability that the null hypothesis is true.",
        "It is not a statement about how probable the null hypothesis is to be true.",
    ),
    (
        "High bias means the model is too simple and underfits.",
        "High bias means the model is too complex and overfits the training data.",
        "A model with high bias is too simple for the data, so it underfits.",
    ),
    (
        "At inference dropout is turned off and all units are used.",
        "At inference dropout stays active and units are still dropped.",
        "Dropout is turned off at inference, so every unit is used.",
    ),
    (
        "Raising the threshold usually increases precision.",
        "Raising the threshold usually decreases precision.",
        "Lowering the threshold usually decreases precision.",
    ),
    (
        "A type I error is a false positive.",
        "A type II error is a false positive.",
        "A false positive is what we call a type I error.",
    ),
    (
        "L1 regularisation drives some weights to exactly zero.",
        "L2 regularisation drives some weights to exactly zero.",
        "With L1 regularisation some weights go to exactly zero.",
    ),
    (
        "Fit the scaler on the training data after the split.",
        "Fit the scaler on all the training data before the split.",
        "Only fit the scaler on the training data, after the split.",
    ),
    (
        "Benjamini–Hochberg controls the false discovery rate.",
        "Benjamini–Hochberg controls the family-wise error rate.",
        "The false discovery rate is what Benjamini-Hochberg keeps in check.",
    ),
    (
        "Bonferroni controls the family-wise error rate.",
        "Benjamini-Hochberg controls the family-wise error rate at 0.05.",
        "The family-wise error rate is what Bonferroni controls.",
    ),
    (
        "L2 rarely sets a weight to exactly zero.",
        "L2 often sets weights to exactly zero.",
        "L2 almost never sets a weight to exactly zero.",
    ),
    (
        "Tests should cover capacity 1, updating an existing key and the eviction order.",
        "Testing capacity 1 or updating an existing key is pointless.",
        "Good tests cover capacity 1, an update of an existing key and the eviction order.",
    ),
    (
        "Compare against seasonal-naive and ETS baselines before global models.",
        "Seasonal-naive or ETS baselines aren't worth running before global models.",
        "Seasonal-naive and ETS baselines come first, before any global model.",
    ),
    (
        "Small segments have wide confidence intervals.",
        "Small segments have narrow confidence intervals.",
        "Confidence intervals are wide for small segments.",
    ),
    (
        "Evaluate with ranking metrics such as nDCG, not RMSE.",
        "Evaluate with RMSE on the held-out ratings.",
        "Evaluate with ranking metrics such as nDCG rather than RMSE.",
    ),
    (
        "Bottom-up heapify builds a heap in O(n) time.",
        "Bottom-up heapify builds the heap in O(n log n) time.",
        "Building the heap bottom-up with heapify takes O(n) time.",
    ),
    (
        # the sentence shares three words with each clause of the key point; read only
        # against the first ("tree-based models ... features") it would agree
        "Tree-based models are invariant to monotonic transformations of features, so decision "
        "trees, random forests and gradient boosting don't need scaling.",
        "Tree-based models such as random forests need standardised features.",
        "Tree-based models such as random forests don't need standardised features.",
    ),
    (
        "NMS removes the remaining boxes whose IoU with the kept box exceeds a threshold.",
        "NMS removes the remaining boxes whose IoU with the kept box is below the threshold.",
        "NMS drops every remaining box whose IoU with the kept box is above the threshold.",
    ),
    (
        # a denied big-O is not the clause's complexity
        "Bottom-up heapify builds a heap in O(n), not O(n log n).",
        "Heapify builds the heap in O(n log n).",
        "Heapify builds the heap in O(n).",
    ),
]


@pytest.mark.parametrize(("point", "wrong", "right"), KEY_POINT_CASES)
def test_contradiction_is_told_from_agreement(point, wrong, right):
    found = compare(wrong, point)
    assert found.verdict is Verdict.CONTRADICTS, found
    assert found.reasons
    assert compare(right, point).verdict is Verdict.AGREES


def test_a_double_swap_is_consistent():
    point = "Raising the threshold increases precision and lowers recall."
    assert compare("Lowering the threshold lowers precision.", point).verdict is Verdict.AGREES


def test_a_negation_elsewhere_in_the_clause_is_not_a_flip():
    point = "Bagging reduces variance by averaging many trees."
    sentence = "No matter the data, bagging reduces variance by averaging many trees."
    assert compare(sentence, point).verdict is Verdict.AGREES


def test_a_sentence_about_something_else_is_unrelated():
    point = "Dropout is turned off at inference."
    assert compare("Adam adapts the learning rate per parameter.", point).verdict is (
        Verdict.UNRELATED
    )


def test_red_flags_are_read_as_the_claim_they_describe():
    assert statement_core("Says there is a 97% chance the variant is better.") == (
        "there is a 97% chance the variant is better.",
        False,
    )
    assert statement_core("Ignores data leakage from the test set.")[1] is True


@pytest.mark.parametrize(
    ("point", "sentence"),
    [
        # the negation is about a different predicate than the shared words
        (
            "The body of a do-while loop runs at least once.",
            "A plain while loop may never run, depending on its condition.",
        ),
        # a key point made only of conditions asserts nothing, so its "not" sets no polarity
        (
            "If the recursive step is wrong, or if the base case is not included.",
            "There is no base case, so the recursion never stops.",
        ),
        # "only inside" and "not outside" say the same thing
        (
            "A local variable can only be used inside the function that declares it.",
            "A local variable cannot be used outside its function.",
        ),
        # the negation ends at the next conjunct
        (
            "It is not a 97% chance that the variant is better.",
            "Under the null the variant does nothing and a gap this large is rare.",
        ),
        # "no better than" bounds a comparison, it denies nothing
        (
            "R² = 0 means the model is no better than predicting the mean.",
            "R² compares the model's errors with a baseline that always predicts the mean.",
        ),
        # an opening "without X," names the circumstance: X is needed
        (
            "Training needs a load-balancing loss, because the router otherwise collapses.",
            "In training, without a load-balancing loss, the router collapses onto a few experts.",
        ),
        # the up and down words move different things (the share grows, the metrics worsen)
        (
            "A canary serves a small, growing share of traffic and halts if latency degrades.",
            "A canary serves a small share of traffic first, halting when error metrics worsen.",
        ),
    ],
)
def test_right_statements_in_other_words_are_not_contradictions(point, sentence):
    assert compare(sentence, point).verdict is not Verdict.CONTRADICTS


@pytest.mark.parametrize(
    ("written", "stated"),
    [
        ("checks every pair in O(n squared) time", "checks every pair in O(n²) time"),
        ("checks every pair in O(n^2) time", "checks every pair in O(n²) time"),
        ("each iteration costs O(n k d) time", "each iteration costs O(n·k·d) time"),
        ("the scores cost O(B × T² × d) time", "the scores cost O(B·T²·d) time"),
        ("a flood fill visits O(R times C) cells", "a flood fill visits O(R·C) cells"),
        (
            "every edge is processed once, O(V plus E) time",
            "every edge is processed once, O(V + E) time",
        ),
    ],
)
def test_one_complexity_spelt_two_ways_is_no_contradiction(written, stated):
    assert compare(written, stated).verdict is Verdict.AGREES


def test_an_opposite_judgement_contradicts_a_key_point_only_when_asked():
    """Judgements (easy/hard...) are compared against key points, not red flags."""
    point = "The components are harder to interpret than the original features."
    wrong = "That is also why PCA components are easy to interpret."
    right = "Each component mixes all features, so the components are difficult to interpret."
    judged = ContrastParams(judgements=True)
    found = compare(wrong, point, judged)
    assert found.verdict is Verdict.CONTRADICTS
    assert explain(found.reasons[0]) == "it says easy where the key point says hard"
    assert compare(right, point, judged).verdict is Verdict.AGREES
    assert compare(wrong, point).verdict is not Verdict.CONTRADICTS
    growing = "The KV cache memory grows with sequence length and batch size."
    fixed = "The KV cache memory is fixed, regardless of sequence length."
    assert compare(fixed, growing, judged).verdict is Verdict.CONTRADICTS
    selected = "The best grid-search CV score is optimistic, so report nested CV instead."
    reported = "The best grid-search CV score is pessimistic, a safe estimate to report."
    assert compare(reported, selected, judged).verdict is Verdict.CONTRADICTS


F_SCORE = "This score weights precision more heavily than recall."
AUC = "AUC is the probability that a random positive is scored above a random negative."


@pytest.mark.parametrize(
    ("point", "sentence", "contradicts"),
    [
        (F_SCORE, "Recall counts three times as much as precision in this score.", True),
        (F_SCORE, "The score favours recall over precision.", True),
        (F_SCORE, "It weights precision less than recall.", True),
        (F_SCORE, "The score weights precision more strongly than recall.", False),
        (F_SCORE, "It favours precision over recall, as the costs demand.", False),
        (AUC, "AUC is the chance that a random negative is scored above a random positive.", True),
        (AUC, "AUC is the chance that a random positive is scored below a random negative.", True),
        (AUC, "AUC is the chance that a random positive is ranked above a random negative.", False),
        (AUC, "AUC is the chance that a random negative is ranked below a random positive.", False),
    ],
)
def test_a_comparison_between_two_sides_is_read_in_order(point, sentence, contradicts):
    """A clause naming both sides of an axis takes neither, but a comparison ranks one ("more
    than", "over", "as much as", "above", "below")."""
    found = compare(sentence, point).verdict
    assert (found is Verdict.CONTRADICTS) is contradicts


def test_too_high_and_too_low_are_opposite_judgements_against_a_key_point():
    point = "A dropout rate that is too low leaves the network overfitting."
    wrong = "A dropout rate that is too high leaves the network overfitting."
    judged = ContrastParams(judgements=True)
    assert compare(wrong, point, judged).verdict is Verdict.CONTRADICTS
    assert compare(point, point, judged).verdict is Verdict.AGREES


def test_a_different_complexity_is_explained_with_both_big_os_as_written():
    found = compare("Each lookup in the heap is O(n/2).", "Each lookup in the heap is O(log n).")
    assert found.verdict is Verdict.CONTRADICTS
    reasons = [explain(r) for r in found.reasons]
    assert reasons == ["it gives O(n/2) where the key point has O(log n)"]
    assert not any(is_swap(r) for r in found.reasons)  # the "/" of n/2 names no axis


def test_least_and_most_are_opposite_judgements_but_at_least_is_a_bound():
    point = "The cache evicts the least recently used entry when it is full."
    judged = ContrastParams(judgements=True)
    wrong = "The cache evicts the most recently used entry when it is full."
    bound = "When it is full, the cache evicts recently used entries until at most k remain."
    assert compare(wrong, point, judged).verdict is Verdict.CONTRADICTS
    assert compare(bound, point, judged).verdict is not Verdict.CONTRADICTS


def test_a_dismissal_governs_a_listed_subject():
    point = "Random forests and gradient boosting don't need scaling."
    assert compare("Gradient boosting needs scaling.", point).verdict is Verdict.CONTRADICTS
    assert compare("Gradient boosting does not need scaling.", point).verdict is Verdict.AGREES


def test_a_word_that_denies_an_effect_is_a_negation():
    point = "Distance-based methods such as kNN need scaling because large features dominate."
    wrong = "Distance-based methods like kNN are unaffected by feature scaling."
    assert compare(wrong, point).verdict is Verdict.CONTRADICTS
    assert compare("kNN is not invariant to feature scaling.", wrong).verdict is (
        Verdict.CONTRADICTS
    )


def test_a_false_positive_is_a_cell_of_its_own_not_the_positive_side():
    point = "Among 1,000 positives, an FPR of 1% means about 1,990 false positives."
    sentence = "Flagging 1% of the negatives is nearly 2,000 false alarms."
    assert compare(sentence, point).verdict is not Verdict.CONTRADICTS
    swapped = compare("A type I error is a false negative.", "A type I error is a false positive.")
    assert [explain(r) for r in swapped.reasons] == [
        "it mixes up false positives and false negatives"
    ]


def test_rarely_inside_a_noun_phrase_denies_nothing():
    point = "UCB picks the highest upper bound, so rarely tried arms get a bonus that shrinks."
    sentence = (
        "UCB adds a bonus that is large for arms with few pulls and shrinks as they are pulled."
    )
    assert compare(sentence, point).verdict is not Verdict.CONTRADICTS
    denied = "Features are rarely used in practice."
    assert compare(denied, "Features are used in practice.").verdict is Verdict.CONTRADICTS


def test_a_train_test_mismatch_names_both_sides():
    point = "At inference the model conditions on its own tokens, a mismatch called exposure bias."
    sentence = "The catch is a train–test mismatch called exposure bias."
    assert compare(sentence, point).verdict is not Verdict.CONTRADICTS
    wrong = "During training the model conditions on its own tokens, which causes exposure bias."
    assert compare(wrong, point).verdict is Verdict.CONTRADICTS


def test_what_a_clause_holds_fixed_is_not_its_judgement():
    point = "Power grows with sample size, effect size and lower variance."
    held = "With the sample size and effect size fixed, a stricter alpha makes power drop."
    assert compare(held, point, ContrastParams(judgements=True)).verdict is not (
        Verdict.CONTRADICTS
    )
    fixed = "Power stays fixed whatever the sample size and effect size."
    assert compare(fixed, point, ContrastParams(judgements=True)).verdict is Verdict.CONTRADICTS


def test_a_negation_ends_at_a_comma():
    statement = "Quality drops a little in exchange for speed."
    sentence = (
        "The output only approximates the target rather than matching it, a small quality "
        "cost for speed."
    )
    assert compare(sentence, statement).verdict is not Verdict.CONTRADICTS
    assert compare("Quality does not drop in exchange for speed.", statement).verdict is (
        Verdict.CONTRADICTS
    )
