from evaluators.star import analyze_star, owned_action_count

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
    assert star.action.evidence.startswith("I analysed")
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


def test_empty_and_non_story_text():
    assert not analyze_star("").action.present
    star = analyze_star("A hash map gives O(1) average lookups.")
    assert not star.action.present and not star.result.present
    assert owned_action_count("I wrote it. We shipped it. I tested it.") == 2


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
