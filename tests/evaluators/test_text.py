from evaluators.text import MAX_SENTENCE_WORDS, content_stems, phrase_positions, split_sentences


def test_sentences_are_verbatim_slices_with_offsets():
    text = "Precision is 0.8 here.  Recall matters too!\n\n- first item\n- second item"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Precision is 0.8 here.",
        "Recall matters too!",
        "- first item",
        "- second item",
    ]
    assert all(text[s.start : s.start + len(s.text)] == s.text for s in sentences)


def test_run_on_text_is_cut_into_windows_the_model_can_read():
    text = " ".join(["word"] * (MAX_SENTENCE_WORDS * 2 + 5))
    sentences = split_sentences(text)
    assert len(sentences) == 3
    assert all(s.text in text for s in sentences)


def test_stems_join_word_forms_and_drop_stopwords():
    assert content_stems("The overfitting regularisation") == content_stems("overfit, regularise")
    assert "the" not in content_stems("the model")


def test_a_phrase_window_stops_at_its_reach_and_at_a_barrier():
    tokens = ["raising", "the", "threshold", "lowers", "recall", "and", "raises", "precision"]
    barriers = frozenset(["and"])
    assert phrase_positions(tokens, 4, -1, 2, barriers) == [3, 2]
    assert phrase_positions(tokens, 4, 1, 2, barriers) == []
    assert phrase_positions(tokens, 0, -1, 2, barriers) == []
