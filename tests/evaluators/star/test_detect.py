"""STAR detection on free-text stories: components in any order, plain speech, quantities."""

from evaluators.star import analyze_star

STRONG = (
    "Last year our fraud model started flagging 30% of legitimate payments. "
    "My task was to find the cause before the holiday peak. "
    "I analysed the feature drift and found a broken upstream join. "
    "I wrote a backfill and added a data-quality check to the pipeline. "
    "As a result false positives dropped from 30% to 4% within a week. "
    "I learned to put validation on every upstream feature."
)


def test_strong_story_has_every_component_with_its_sentence():
    star = analyze_star(STRONG)
    assert star.situation.evidence.startswith("Last year")
    assert star.task.evidence.startswith("My task")
    assert star.action.evidence.startswith("I ")
    assert star.result.evidence.startswith("As a result")
    assert star.reflection.evidence.startswith("I learned")
    assert star.result_quantified
    assert star.first_person_singular_ratio == 1.0
    for part in (star.situation, star.task, star.action, star.result, star.reflection):
        assert part.present and part.evidence in STRONG


def test_we_story_has_low_ownership_and_unquantified_result():
    star = analyze_star(
        "Our team had a flaky pipeline. We rewrote the scheduler and we added retries. "
        "In the end it worked better."
    )
    assert star.action.present
    assert star.first_person_singular_ratio < 0.5
    assert star.result.present and not star.result_quantified
    assert not star.reflection.present


def test_labelled_story_is_recognised():
    star = analyze_star(
        "Situation: the launch was in two weeks. Task: I owned the ranking model. "
        "Action: I cut scope to one feature set. Result: we shipped on time. "
        "Reflection: I now negotiate scope early."
    )
    assert all(
        p.present for p in (star.situation, star.task, star.action, star.result, star.reflection)
    )
    assert star.result.evidence == "Result: we shipped on time."


def test_empty_text_has_no_component():
    star = analyze_star("")
    assert not any(
        p.present for p in (star.situation, star.task, star.action, star.result, star.reflection)
    )


def test_a_metric_drop_in_the_opening_is_the_situation_not_the_result() -> None:
    story = (
        "At my last company our fraud model's precision dropped from 0.8 to 0.6 after a promotion. "
        "I was asked to find out why within a week. "
        "I analysed the feature drift and found a new merchant category. "
        "I retrained with the new data and added a drift alert. "
        "As a result precision went back to 0.79 and we caught 12% more fraud. "
        "I learned to monitor inputs, not just outputs."
    )
    star = analyze_star(story)
    assert star.situation.evidence.startswith("At my last company")
    assert star.result.evidence.startswith("As a result")
    assert star.result_quantified


def test_natural_story_without_cue_words_is_read_in_full() -> None:
    """The issue's examples: an owned goal, chained actions, a cue-less result in words."""
    story = (
        "In March we switched our ETA model to learned embeddings. "
        "As the only ML engineer, I owned getting the error under 10 minutes before we expanded. "
        "I compared feature distributions between training and serving, found a delayed "
        "traffic feed, wrote a fix and backfilled the feature store. "
        "Training time fell from fourteen hours to three, and median error halved."
    )
    star = analyze_star(story)
    assert star.task.present and "I owned" in star.task.evidence
    assert star.action.present and star.action.evidence.startswith("I compared")
    assert star.result.evidence.startswith("Training time fell")
    assert star.result_quantified


def test_numbers_in_the_situation_do_not_make_the_result_quantified() -> None:
    star = analyze_star(
        "In 2022 our team of 12 ran 40 models with a 3-hour retraining job. "
        "I wanted to make the pipeline reliable. "
        "I rewrote the feature joins and removed the stages nobody used. "
        "After that the service was much faster and the launch went fine."
    )
    assert star.result.present and star.result.evidence.startswith("After that")
    assert not star.result_quantified
