"""Data in, exactly: transcripts with impossible times, huge cues, deep nesting or a cut-off end are refused
with the file and the line (or key path); nothing partial comes back. Regression tests for issue 14."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import TranscriptFormatError
from assistant.settings import Settings
from assistant.transcription.formats import import_transcript
from assistant.transcription.formats.cues import MAX_CUE_CHARS


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _error(tmp_path: Path, name: str, content: str) -> str:
    with pytest.raises(TranscriptFormatError) as info:
        import_transcript(_write(tmp_path, name, content), Settings())
    return str(info.value).replace(str(tmp_path) + "/", "")


def _whisper(*segments: object) -> str:
    return json.dumps({"segments": list(segments)})


SEG = {"start": 0.0, "end": 1.0, "text": "fine"}


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ({"start": -3.0, "end": 1.0, "text": "a"}, "w.json:1: segments[1].start: time -3 s is negative"),
        ({"start": 0.0, "end": float("nan"), "text": "a"}, "w.json:1: segments[1].end: time nan is not a number"),
        ({"start": float("inf"), "end": 1.0, "text": "a"}, "w.json:1: segments[1].start: time inf is not a number"),
        ({"start": 0.0, "end": 99_999_999 * 3600.0, "text": "a"}, "w.json:1: segments[1].end: time 359,999,996,400"),
        ({"start": 0, "end": 1, "text": "a", "words": [{"word": "a", "start": -1, "end": 1}]}, "words[0].start"),
        ({"start": 0, "end": 1, "text": "x" * (MAX_CUE_CHARS + 1)}, "segments[1].text: a cue of 20,001 characters"),
    ],
)
def test_whisper_json_times_and_sizes(tmp_path: Path, segment: dict[str, object], expected: str) -> None:
    assert expected in _error(tmp_path, "w.json", _whisper(SEG, segment))


def test_a_single_one_megabyte_cue_is_refused(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n" + "blah " * 200_000 + "\n"
    assert _error(tmp_path, "big.vtt", text).startswith("big.vtt:4: a cue of 999,999 characters; the limit is 20,000")


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path: Path) -> None:
    message = _error(tmp_path, "deep.json", '{"segments": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert message.startswith("deep.json:1: invalid JSON: nested too deeply")


def test_cues_at_hour_99_999_999_are_refused(tmp_path: Path) -> None:
    text = "WEBVTT\n\n99999999:00:00.000 --> 99999999:00:05.000\nDana: hello\n"
    message = _error(tmp_path, "far.vtt", text)
    assert message.startswith("far.vtt:3: bad timestamp '99999999:00:00.000'"), message
    text = "WEBVTT\n\n30:00:00.000 --> 30:00:05.000\nDana: hello\n"
    assert _error(tmp_path, "far.vtt", text).startswith("far.vtt:3: time 108,000 s is past 24 hours")


def test_a_cue_with_only_a_speaker_name_is_not_stored_as_text(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nDana Whitfield: The price went up again.\n\n"
        "2\n00:00:02.000 --> 00:00:03.000\nAlex Morgan:\n\n"
        "3\n00:00:03.000 --> 00:00:05.000\nAlex Morgan: Let's look at the numbers.\n"
    )
    t = import_transcript(_write(tmp_path, "zoom.vtt", text), Settings())
    assert [(u.speaker, u.text) for u in t.utterances] == [
        ("Dana Whitfield", "The price went up again."),
        ("Alex Morgan", "Let's look at the numbers."),
    ]
    teams = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Dana Whitfield></v>\n\n"
    teams += "00:00:02.000 --> 00:00:04.000\n<v Dana>Hi</v>\n"
    assert [u.text for u in import_transcript(_write(tmp_path, "teams.vtt", teams), Settings()).utterances] == ["Hi"]


def test_truncated_json_says_it_looks_cut_short(tmp_path: Path) -> None:
    whole = _whisper(SEG, {"start": 1.0, "end": 2.0, "text": "and then"})
    message = _error(tmp_path, "half.json", whole[: len(whole) // 2])
    assert message.startswith("half.json:1:") and "invalid JSON" in message and "looks cut short" in message


def test_vtt_cut_inside_a_timing_line_is_refused(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nDana: The price went up.\n\n00:00:02.000 --> 00:00:0"
    assert _error(tmp_path, "cut.vtt", text).startswith("cut.vtt:6: cue ends (00:00:0) before it starts")
    assert _error(tmp_path, "cut.vtt", text[:-8]).startswith("cut.vtt:6: bad timestamp ''")


def test_vtt_cut_between_cues_is_imported_as_it_is(tmp_path: Path) -> None:
    """Documented in the README: a file cut exactly at a cue boundary cannot be told from a shorter call."""
    text = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nDana: The price went up.\n"
    assert [u.text for u in import_transcript(_write(tmp_path, "short.vtt", text), Settings()).utterances] == [
        "The price went up."
    ]


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.transcription.formats.cues.MAX_FILE_BYTES", 100)
    message = _error(tmp_path, "big.srt", "1\n00:00:00,000 --> 00:00:01,000\n" + "word " * 50 + "\n")
    assert message.startswith("big.srt: 283 bytes; a transcript may be at most 100")


@pytest.mark.parametrize("name", ["whisper.json", "whisperx.json"])
def test_json_errors_name_the_line_of_their_segment(tmp_path: Path, name: str) -> None:
    bad = {"start": 5.0, "end": float("nan"), "text": "gone", **({"speaker": "SPEAKER_01"} if "x" in name else {})}
    text = json.dumps({"language": "en", "segments": [SEG, SEG, bad]}, indent=2)
    starts = [n + 1 for n, ln in enumerate(text.splitlines()) if ln == "    {"]  # where each segment opens
    assert len(starts) == 3
    message = _error(tmp_path, name, text)
    assert message.startswith(f"{name}:{starts[2]}: segments[2].end: time nan is not a number"), message


def test_a_line_ending_in_a_colon_is_text_unless_it_names_a_speaker(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nDana: The price went up.\n\n"
        "00:00:02.000 --> 00:00:03.000\nAlex: Here is the thing:\n\n"
        "00:00:03.000 --> 00:00:04.000\nHere is what we propose:\n"
    )
    t = import_transcript(_write(tmp_path, "colon.vtt", text), Settings())
    assert [(u.speaker, u.text) for u in t.utterances][1:] == [
        ("Alex", "Here is the thing:"),
        ("speaker", "Here is what we propose:"),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"segments": [{"start": ' + "1" * 5000 + ', "end": 1, "text": "a"}]}', "j.json:1: invalid JSON: Exceeds"),
        ('{"segments": [{"start": 0, "end": 1, "text": "a", "words": 5}]}', "j.json:1: segments[0].words: expected"),
        ('{"segments": [{"start": 0, "end": 1, "text": "a", "words": [5, {"word": "a", "start": "x", "end": 1}]}]}',
         "j.json:1: segments[0].words[1].start: expected a number of seconds"),
    ],
)  # fmt: skip
def test_malformed_json_values_are_errors_not_crashes(tmp_path: Path, content: str, expected: str) -> None:
    assert _error(tmp_path, "j.json", content).startswith(expected)
