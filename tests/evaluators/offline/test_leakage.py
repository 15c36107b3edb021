"""Leakage stated as the candidate's own procedure, whatever the question's red flags list."""

from __future__ import annotations

import pytest

from evaluators.offline.leakage import leakage_reason


@pytest.mark.parametrize(
    "sentence",
    [
        "I standardise every column on the whole dataset first, then make the train/test split.",
        "Oversample the minority class on all the data before splitting, so each fold is balanced.",
        "Picking the decision threshold on the test set is fine, it is the data we care about.",
        "We early-stop on the test set, since it is our best estimate of generalisation.",
        "I compute each user's mean target and map it back onto those same training rows.",
    ],
)
def test_a_procedure_that_leaks_is_read_as_leakage(sentence):
    assert leakage_reason(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "I fit the scaler on the training fold only and apply it to the validation fold.",
        "Fitting the imputer on the whole dataset before the split leaks test statistics.",
        "If you select features on all the data, the validation labels shape the selection.",
        "Selecting features on the full dataset inflates the cross-validated score.",
        "Once the settings are chosen, I retrain on the full dataset for deployment.",
        "I tune on a validation set and touch the test set once at the end.",
        "Then I compare the rerankers on the same set of queries.",
        "Second, SMOTE before splitting.",
        "An epoch is one pass over the whole dataset.",
    ],
)
def test_a_warning_a_right_procedure_or_a_list_of_leaks_is_not(sentence):
    assert leakage_reason(sentence) is None


def test_a_justification_elsewhere_in_the_sentence_does_not_hide_it():
    sentence = (
        "The correlation filter is fine to run on the full dataset: it never fits the model, "
        "so it can't leak."
    )
    assert leakage_reason(sentence) == "it fits or selects on the full dataset, before the split"
