"""The story builder's boxes are judged as what the user said they are."""

from evaluators.star.boxes import judge_boxes

FILLED = {
    "situation": "Last year our fraud model started missing cases after a product launch.",
    "task": "As the only ML engineer, I owned getting recall back before the holiday peak.",
    "action": "I compared feature distributions, found a broken join and wrote a backfill.",
    "result": "Recall went from 61% back to 88% within two weeks.",
    "reflection": "I now add a data-quality check to every new upstream feature.",
}


def test_filled_boxes_are_present_with_their_own_text_as_evidence() -> None:
    star, checks = judge_boxes(FILLED)
    for name, text in FILLED.items():
        part = getattr(star, name)
        assert part.present and part.evidence == text
    assert star.result_quantified
    assert all(c.ok for c in checks), [c.note for c in checks]


def test_boxes_that_miss_their_purpose_say_what_to_fix() -> None:
    star, checks = judge_boxes(
        {
            **FILLED,
            "task": "The team had to fix the model.",
            "action": "We retrained it and we added alerts.",
            "result": "Everyone was happy with it.",
            "reflection": "",
        }
    )
    notes = {c.component: c.note for c in checks}
    assert "*you*" in notes["task"]
    assert "I" in notes["action"]
    assert "number" in notes["result"]
    assert notes["reflection"] == "Empty." and not star.reflection.present
    assert not star.result_quantified
