"""Reading a red flag: a sentence states it only if it carries what makes it a misconception."""

from __future__ import annotations

import numpy as np
import pytest

from evaluators.offline.red_flags import (
    FlagTokens,
    RedFlagHit,
    WrongClaimParams,
    built_on_wrong_claims,
    distinctive_match,
    find_red_flags,
    key_point_stems,
    states_flag,
)
from evaluators.text import Sentence, split_sentences

POINTS = [
    "Gradient clipping rescales the gradient when its norm exceeds a threshold.",
    "Clipping guards against exploding gradients, for example in RNNs.",
]
FLAG = "Gradient clipping fixes vanishing gradients."
KNOWN = key_point_stems(POINTS)


def _states(text: str, known: frozenset[str] = KNOWN) -> bool:
    return states_flag(Sentence(text, 0), FLAG, WrongClaimParams(), known)


def test_a_paraphrase_of_the_misconception_states_it():
    assert _states("We use gradient clipping because it fixes the vanishing gradient problem.")


@pytest.mark.parametrize(
    "right",
    [
        "Gradient clipping rescales the gradient vector whenever its norm gets too large.",
        "Clipping fixes exploding gradients by capping the gradient norm.",
    ],
)
def test_a_right_sentence_on_the_same_topic_does_not(right):
    assert not _states(right)


def test_a_heading_before_a_colon_is_read_with_what_it_introduces():
    """Neither clause alone shares two words with the flag; together they state it."""
    assert _states("The main remedy is clipping: I'd use it against vanishing signals.")


def test_steps_written_as_code_are_not_read_as_a_prose_flag_about_their_order():
    flag = "I overwrite node.next with prev first and then advance node to node.next."
    code = "Each step: keep nxt = node.next, then node.next = prev, prev = node, node = nxt."
    prose = "I overwrite node.next with prev first and then advance node to node.next as usual."
    assert not states_flag(Sentence(code, 0), flag, WrongClaimParams(), KNOWN)
    assert states_flag(Sentence(prose, 0), flag, WrongClaimParams(), KNOWN)


def test_without_key_points_every_flag_word_counts_as_distinctive():
    """A free-form question with no key points: the check falls back to the flag's words."""
    assert _states("Clipping the gradient fixes vanishing gradients.", known=frozenset())


@pytest.mark.parametrize(
    ("flag", "correction"),
    [
        (
            "Halving the detectable lift doubles the sample size, to 2,000 users.",
            "Halving the detectable lift quadruples the sample size, to about 4,000 users.",
        ),
        (
            "Prefill generates the output tokens and decode reads the prompt.",
            "It's the other way round: prefill reads the prompt and decode generates the tokens.",
        ),
        (
            "ORDER BY revenue DESC LIMIT 3 returns the top 3 products in each category.",
            "A plain ORDER BY revenue with LIMIT 3 would return the top 3 products overall.",
        ),
        (
            "It is enough to check that each node's left child is smaller and its right child "
            "is larger.",
            "A tree whose left child is smaller and right child larger at every node passes "
            "that check yet is invalid when a deeper node breaks an ancestor's bound.",
        ),
        (
            "It is enough to check that each node's left child is smaller and its right child "
            "is larger.",
            "Checking that each left child is smaller and each right child larger is not enough.",
        ),
        (
            "CUPED uses a covariate measured during the experiment, such as in-experiment views.",
            "CUPED uses a covariate measured before the experiment, usually the same metric in "
            "the pre-period.",
        ),
    ],
)
def test_a_correction_does_not_state_the_flag(flag, correction):
    assert not states_flag(Sentence(correction, 0), flag, WrongClaimParams(), frozenset())


def test_a_candidate_stating_the_flag_as_their_own_plan_still_states_it():
    """Only a counterfactual is spared: "I would" / "we would" is the candidate's claim."""
    flag = "I apply SMOTE to the whole dataset before the train/test split."
    plan = "I would apply SMOTE to the whole dataset before the train/test split."
    assert states_flag(Sentence(plan, 0), flag, WrongClaimParams(), frozenset())


def test_a_shared_figure_alone_does_not_make_a_sentence_state_the_flag():
    """Figures recur in right and wrong answers alike; the flag's words must be there."""
    flag = "Accuracy is a good headline metric for a problem with 1% positives."
    known = key_point_stems(["Accuracy depends on the threshold and on the share of positives."])
    right = "On skewed data accuracy reflects the big class: 99% is trivial with 1% positives."
    wrong = "Accuracy is a fine headline metric here, even with 1% positives."
    assert not states_flag(Sentence(right, 0), flag, WrongClaimParams(), known)
    assert states_flag(Sentence(wrong, 0), flag, WrongClaimParams(), known)


def test_code_is_not_read_as_a_swapped_definition():
    """Identifiers in code are names, not descriptions of the question's terms."""
    question = "Compare bagging and boosting."
    points = [
        "Bagging trains models independently on bootstrap samples and averages them.",
        "Boosting trains models sequentially, each fitting the errors of the ensemble so far.",
    ]
    prose = "Boosting trains models independently on bootstrap samples and averages them."
    code = "boosting = [fit(independently_sampled(bootstrap)) for _ in range(n)]"
    vectors = np.eye(2, 8)
    hits = [
        find_red_flags(
            [],
            np.zeros((0, 8)),
            points,
            vectors,
            [Sentence(text, 0)],
            vectors[:1],
            question=question,
        )
        for text in (prose, code)
    ]
    assert hits[0] and "it describes bagging but calls it boosting" in hits[0][0].reasons
    assert not hits[1]


def test_the_flags_own_words_must_be_in_the_clause_that_restates_it():
    """ "Units" belongs to the clause about distances; the clause about kNN and its features,
    the one that restates the flag's subject, says what kNN needs, which is no misconception."""
    flag = "kNN works well on unscaled features with different units."
    known = key_point_stems(["kNN needs standardised features: distances mix the features."])
    correction = (
        "Without scaling, a feature measured in large units dominates the distance, "
        "so kNN needs standardised features."
    )
    assert not states_flag(Sentence(correction, 0), flag, WrongClaimParams(), known)


def _against_points(points: list[str], sentences: list[tuple[str, list[float]]]) -> list:
    """``find_red_flags`` with key points only, each sentence given with its cosine to each key
    point (as in-context vectors can place it), at offsets 0, 100, 200..."""
    point_vectors = np.eye(len(points), len(points) + 1)
    sentence_vectors = np.array([[*sims, 0.0] for _, sims in sentences])
    spans = [Sentence(text, 100 * i) for i, (text, _) in enumerate(sentences)]
    return find_red_flags(
        [], np.zeros((0, len(points) + 1)), points, point_vectors, spans, sentence_vectors
    )


def test_a_wrong_space_complexity_is_a_wrong_claim_with_its_reason():
    points = [
        "The loop version walks the tree with an explicit queue in O(n) time and O(w) space.",
        "The recursive version is O(n) time but O(h) call-stack space for tree height h.",
    ]
    # the first sentence sits nearer the recursive key point but gives the loop version's
    # bound: only the second is wrong
    hits = _against_points(
        points,
        [
            ("With a queue, that's O(n) time and O(w) extra space.", [0.55, 0.7]),
            ("The recursive version is O(n) time and O(1) extra space as well.", [0.1, 0.75]),
        ],
    )
    assert [(h.sentence.start, h.red_flag, h.reasons) for h in hits] == [
        (
            100,
            "Contradicts the key point: " + points[1],
            ("it gives O(1) space where the key point has O(h)",),
        )
    ]


def test_a_big_o_that_another_aligned_key_point_gives_is_no_contradiction():
    points = [
        "Heapsort guarantees O(n log n) comparisons and sorts in place.",
        "Insertion sort guarantees O(n) on nearly sorted input.",
    ]
    # both sentences sit nearer the insertion-sort key point
    hits = _against_points(
        points,
        [
            ("Heapsort guarantees O(n log n) on any input.", [0.65, 0.75]),
            ("Heapsort guarantees O(n²) on any input.", [0.65, 0.75]),
        ],
    )
    assert [h.sentence.start for h in hits] == [100]


def test_a_named_variant_put_with_the_other_side_is_a_wrong_claim_with_its_reason():
    points = ["Stage-1 retrieval targets recall; stage-2 reranking targets precision."]
    hits = _against_points(
        points,
        [
            ("Two stages: a retriever and a reranker.", [0.6]),
            # one clause naming both sides: no side of its own for the clause rules
            ("Stage-1 is about precision and stage-2 about recall.", [0.9]),
        ],
    )
    assert [(h.sentence.start, h.reasons) for h in hits] == [
        (100, ("it puts Stage-1 with precision where the key point puts it with recall",))
    ]


def test_a_wrong_formula_is_read_against_the_key_point_not_already_written_right():
    points = [
        "Xavier initialisation uses Var(W) = 2 / (fan_in + fan_out) for tanh networks.",
        "He initialisation uses Var(W) = 2 / fan_in to compensate for ReLU.",
    ]
    # both sentences sit nearer the Xavier key point, as in-context vectors put them
    hits = _against_points(
        points,
        [
            ("Xavier uses Var(W) = 2 / (fan_in + fan_out), designed for tanh.", [0.9, 0.3]),
            ("For ReLU, He shrinks it to Var(W) = 1 / (2 · fan_in), to stay stable.", [0.7, 0.6]),
        ],
    )
    assert [(h.sentence.start, h.red_flag) for h in hits] == [
        (100, "Contradicts the key point: " + points[1])
    ]
    assert hits[0].reasons == (
        "it gives Var(W) = 1 / (2 · fan_in) where the key point has Var(W) = 2 / fan_in",
    )


@pytest.mark.parametrize(
    ("sentence", "contradicts"),
    [
        ("The cache has a small, fixed size, set once at the start of generation.", True),
        ("The cache memory does not grow with the sequence once it is allocated.", False),
    ],
)
def test_an_opposite_judgement_counts_from_the_swap_band(sentence, contradicts):
    """Between the swap and the key-point alignment, an opposite judgement ("fixed" against
    "grows") is a term put in another's place, like a swapped axis term; a negation there is
    not, as a sentence about something else can carry the same words with a "not"."""
    points = ["The KV cache memory grows linearly with sequence length and batch size."]
    params = WrongClaimParams()
    cos = (params.swap_alignment + params.point_alignment) / 2
    sentence_vectors = np.array([[cos, (1 - cos**2) ** 0.5, 0, 0]])
    hits = find_red_flags(
        [], np.zeros((0, 4)), points, np.eye(1, 4), [Sentence(sentence, 0)], sentence_vectors
    )
    assert bool(hits) is contradicts


@pytest.fixture(scope="module")
def flag_tokens():
    """Token vectors from the shipped MiniLM: a flag encoded on its own, a sentence alone."""
    from evaluators.offline.encode import encode

    def _tokens(flag: str, sentence: str) -> FlagTokens:
        flag_enc, sentence_enc = encode([flag, sentence])
        return FlagTokens(flag_enc, sentence_enc.tokens)

    return _tokens


BUBBLE_POINTS = ["Adding micro-batches shrinks the pipeline bubble relative to the compute."]
BUBBLE_FLAG = "The pipeline bubble grows as you add more micro-batches."


@pytest.mark.parametrize(
    "sentence",
    [
        "Adding more micro-batches makes the pipeline bubble larger.",
        "Each extra micro-batch enlarges the pipeline bubble.",
    ],
)
def test_a_flag_restated_in_other_words_is_read_by_its_token_vectors(flag_tokens, sentence):
    """The flag's distinctive words ("grows", "add") are not in the sentence, so shared stems
    cannot find the restatement; the token vectors can."""
    known = key_point_stems(BUBBLE_POINTS)
    params = WrongClaimParams()
    tokens = flag_tokens(BUBBLE_FLAG, sentence)
    assert not states_flag(Sentence(sentence, 0), BUBBLE_FLAG, params, known)
    assert states_flag(Sentence(sentence, 0), BUBBLE_FLAG, params, known, tokens)


def test_the_opposite_claim_in_other_words_does_not_carry_the_flag(flag_tokens):
    sentence = "More micro-batches shrink the pipeline bubble."
    known = key_point_stems(BUBBLE_POINTS)
    tokens = flag_tokens(BUBBLE_FLAG, sentence)
    assert not states_flag(Sentence(sentence, 0), BUBBLE_FLAG, WrongClaimParams(), known, tokens)


def test_a_shared_stem_counts_in_full_and_unrelated_words_do_not_carry_a_flag(flag_tokens):
    distinctive = frozenset({"grows", "add"})
    tokens = flag_tokens(BUBBLE_FLAG, "We log the learning rate and the batch size.")
    unrelated = distinctive_match(tokens, distinctive)
    assert unrelated is not None and unrelated < WrongClaimParams().distinctive_match
    assert distinctive_match(tokens, distinctive, present=distinctive) == 1.0


def test_shared_words_align_a_sentence_only_from_the_lexical_floor():
    points = ["Also handle labels with no earlier feature row, which get NaN."]
    sentence = "Match each label to the nearest earlier feature row for the same user."
    assert WrongClaimParams().lexical_floor > 0.37
    assert _against_points(points, [(sentence, [0.37])]) == []
    negated = "Labels with an earlier feature row never get NaN."
    assert _against_points(points, [(negated, [0.5])])


def test_a_min_heap_does_not_state_a_flag_about_a_max_heap():
    """ "min-heap" is one hyphenated word: only split does it sit on the min/max axis."""
    flag = "I keep a max-heap of size k and pop its top whenever it grows past k."
    right = "I keep a min-heap of size k and pop its top whenever it grows past k."
    assert not states_flag(Sentence(right, 0), flag, WrongClaimParams(), frozenset())
    assert states_flag(Sentence(flag, 0), flag, WrongClaimParams(), frozenset())


def test_a_conclusion_drawn_from_a_wrong_claim_is_built_on_it():
    sentences = split_sentences(
        "The p-value is the chance that the null is true. So p = 0.02 means we can be 98% sure "
        "it works. Therefore we ship. We should also check the test was not peeked at."
    )
    hits = [RedFlagHit("The p-value is the probability that the null is true.", sentences[0])]
    assert built_on_wrong_claims(sentences, hits) == {0, 1, 2}


def test_a_conclusion_after_a_right_sentence_is_not():
    sentences = split_sentences(
        "Assume no real difference. So a gap this large would show up 2% of the time. "
        "The p-value is the chance that the null is true."
    )
    hits = [RedFlagHit("The p-value is the probability that the null is true.", sentences[2])]
    assert built_on_wrong_claims(sentences, hits) == {2}
