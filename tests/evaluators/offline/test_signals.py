"""Unit tests of the individual offline signals through small hand-written contexts."""

import re

from evaluators.offline.depth import cue_level, cue_sentences
from evaluators.offline.guards import is_english, is_keyword_list, repeats_question
from evaluators.text import split_sentences


def test_paraphrase_covers_a_key_point_and_unrelated_text_does_not(overfitting, grade):
    good = grade(
        overfitting,
        "Overfitting means the model memorises noise in the training set, so it does badly "
        "on new data.",
    )
    bad = grade(overfitting, "Gradient descent updates weights using the learning rate.")
    assert overfitting.key_points[0] in good.covered_points
    assert overfitting.key_points[0] in bad.missing_points
    assert good.criteria[0].score > bad.criteria[0].score


def test_coverage_evidence_is_the_sentence_that_states_the_point(overfitting, grade):
    answer = "Training error is low but validation error is much higher. I like clean code."
    fb = grade(overfitting, answer)
    coverage = next(c for c in fb.criteria if c.id == "coverage")
    assert coverage.evidence == ["Training error is low but validation error is much higher."]


def test_depth_and_example_cues_counted_per_sentence():
    sentences = split_sentences(
        "Bagging reduces variance because errors average out. For example, a forest of 500 "
        "trees. It is popular."
    )
    assert len(cue_sentences("depth", sentences)) == 1
    assert len(cue_sentences("examples", sentences)) == 1
    assert cue_level(1, 2) == 2 and cue_level(0, 0) == 4


def test_complexity_classes_and_norm_names_are_not_examples():
    """ "O(1) space" and "the L2 penalty" are notation; "10,000 rows" is a figure."""
    sentences = split_sentences(
        "Floyd's method runs in O(n) time and O(1) space. I'd raise the L2 penalty and use F0.5. "
        "On 10,000 rows that takes a second."
    )
    assert [s.text for s in cue_sentences("examples", sentences)] == [sentences[2].text]


def test_reasoning_and_trade_offs_in_plain_words_are_counted():
    """A right answer in its own words reasons with ", so" and weighs costs with "while"."""
    sentences = split_sentences(
        "F1 treats both errors as equally bad, so it picks the wrong threshold. "
        "A needless review costs seconds while a missed post is the expensive mistake. "
        "We use F2."
    )
    assert [s.text for s in cue_sentences("depth", sentences)] == [sentences[0].text]
    assert [s.text for s in cue_sentences("tradeoffs", sentences)] == [sentences[1].text]


def test_the_structure_comment_says_what_earned_the_score(overfitting, grade):
    """A long answer that signposts and wraps up scores well without leading with the answer;
    its comment must say both, not only "the main answer is not up front"."""
    answer = (
        "There are two things to look at when a model is trained on a small dataset with many "
        "features and a flexible learner. First, overfitting is when a model fits noise in the "
        "training data and generalises poorly to data it has not seen. Second, it shows as low "
        "training error but a much higher validation error, which you see on learning curves. "
        "Finally, regularisation, more data, simpler models or early stopping reduce it. "
        "In summary, watch the gap between training and validation error and shrink it."
    )
    structure = next(c for c in grade(overfitting, answer).criteria if c.id == "structure")
    assert structure.score >= 3
    assert "not up front" in structure.comment
    assert "signposted in" in structure.comment and "wrap-up" in structure.comment


def test_guards_recognise_lists_repetition_and_language():
    assert is_keyword_list("precision, recall, F1, ROC, AUC")
    assert not is_keyword_list("push and pop")
    assert repeats_question("What is overfitting?", "What is overfitting and why?")
    assert not is_english("Der Überanpassung passiert, wenn das Modell die Daten auswendig lernt.")
    assert is_english("Overfitting happens when the model memorises the training data.")


def test_terse_answers_are_not_mistaken_for_repeats_or_off_topic(kb, grade):
    ctx = kb.context(
        question="How many constructors can be created for a class?",
        reference_answer="Unlimited number.",
        kind="concept",
    )
    assert repeats_question("What is overfitting?", "What is overfitting and why?")
    assert not repeats_question("As many as you want.", ctx.prompt)
    assert grade(ctx, "As many as you want.").notices == []


def test_ownership_rewards_what_the_candidate_did_themselves(kb, grade):
    """Project deep dives score "I designed..." above the same story told as "we"."""
    project = kb.context(question_id="projects-personal-contribution")
    mine = project.model_answer
    ours = re.sub(r"\bI\b", "we", re.sub(r"\bmy\b", "our", mine))

    def ownership(answer: str) -> int:
        return next(c.score for c in grade(project, answer).criteria if c.id == "ownership")

    assert ownership(mine) > ownership(ours)
