"""``coach transcribe``: what a user sees on the terminal, and the exit code scripts rely on."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.fixtures.speech import AUDIO_DIR, BAD_INPUT_MESSAGES, MANIFEST, write_bad_input


def _coach(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str):
    """Run ``coach ARGS`` in-process (the model stays loaded between tests)."""
    monkeypatch.setattr(sys, "argv", ["coach", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    return exited.value.code or 0, out, err


@pytest.mark.slow
def test_json_has_text_plain_float_word_timings_and_delivery(monkeypatch, capsys) -> None:
    code, out, err = _coach(
        monkeypatch, capsys, "transcribe", str(AUDIO_DIR / "pause.wav"), "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"text", "language", "duration_s", "words", "delivery"}
    assert result["text"].startswith("Precision")
    assert type(result["duration_s"]) is float
    for word in result["words"]:
        assert set(word) == {"word", "start", "end", "probability"}
        assert all(type(word[k]) is float for k in ("start", "end", "probability"))
    delivery = result["delivery"]
    assert delivery["words"] == len(result["words"])
    (pause,) = delivery["long_pauses"]
    assert pause["start"] == pytest.approx(MANIFEST["pause"]["pauses"][0]["start"], abs=0.5)
    assert {"wpm", "fillers", "fillers_per_min", "speaking_ratio", "longest_monologue_s"} <= set(
        delivery
    )


@pytest.mark.slow
def test_text_output_shows_transcript_and_delivery_summary(monkeypatch, capsys) -> None:
    code, out, _ = _coach(monkeypatch, capsys, "transcribe", str(AUDIO_DIR / "fillers.ogg"))
    assert code == 0
    assert "um" in out.lower()
    assert "Pace:" in out
    assert "Fillers: um ×2" in out


@pytest.mark.parametrize(("kind", "message"), BAD_INPUT_MESSAGES.items())
def test_bad_input_exits_non_zero_with_a_message(
    kind: str, message: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    path = write_bad_input(kind, tmp_path)
    code, out, err = _coach(monkeypatch, capsys, "transcribe", str(path), "--json")
    assert code == 2
    assert out == ""
    assert err.startswith("Error: ")
    assert message.lower() in err.lower()
    assert "Traceback" not in err
