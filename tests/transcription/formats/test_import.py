"""Transcript importers on canned files (Zoom / Teams / plain VTT, SRT, Whisper and whisperX JSON),
on every kind of bad input, and on the project's own sample VTTs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.errors import InputError, TranscriptFormatError
from assistant.metadata import read_sidecar
from assistant.records import CallMetadata
from assistant.settings import Settings, load_settings
from assistant.transcription.formats import detect_language, import_transcript, parse_timestamp, role_for
from tests.conftest import SAMPLES

ZOOM_VTT = (
    "\ufeffWEBVTT\r\n\r\n"
    "STYLE\r\n::cue { color: white }\r\n\r\n"
    "NOTE recorded with Zoom\r\nsecond note line\r\n\r\n"
    "1\r\n00:00:01.200 --> 00:00:04.500 align:start position:0%\r\n"
    "Alex Morgan (Brightwave): Hi Jordan, thanks for joining the renewal call.\r\n\r\n"
    "2\r\n00:05.000 --> 00:09.750\r\n"
    "Jordan Lee: Honestly, the price is too high and we are looking at another vendor.\r\n\r\n"
    "3\r\n00:10.000 --> 00:10.500\r\n\r\n"
    "4\r\n01:00:02.000 --> 01:00:03.000\r\n"
    "Jordan Lee: Let's talk next week.\r\n"
)

TEAMS_VTT = """WEBVTT

3f8e1c2a-5b7d-4e0f-9a61-2c4d8b7e9f10/12-0
00:00:00.000 --> 00:00:02.480
<v Alex Morgan>Good morning, Priya.</v>

0/1-0
00:00:02.900 --> 00:00:07.100
<v Priya Shah>Our budget was cut by thirty percent,
so Q&amp;A tools are under review.</v>

0/2-0
00:00:07.500 --> 00:00:09.000
<v.loud Priya Shah>We may pause the contract.</v>
"""

PLAIN_VTT = """WEBVTT - plain captions

00:00.000 --> 00:03.000
Here's the thing: we are not sure about the renewal.

00:03.500 --> 00:06.000
We will decide next month.

00:06.500 --> 00:08.000
The team wants to keep it.
"""

SRT = """1
00:00:00,500 --> 00:00:03,000
Alex Morgan: Hi Chris, is now a good time?

2
00:00:03,400 --> 00:00:07,900
Chris Taylor: Yes. We're definitely not looking
at other vendors this year.

3
00:00:08,000 --> 00:00:08,500

"""

WHISPER_JSON = {
    "text": " Il prezzo è troppo alto. Non rinnoveremo il contratto.",
    "language": "it",
    "segments": [
        {
            "id": 0, "seek": 0, "start": 0.0, "end": 2.5, "text": " Il prezzo è troppo alto.",
            "tokens": [1, 2], "temperature": 0.0, "avg_logprob": -0.21, "compression_ratio": 1.1,
            "no_speech_prob": 0.02,
            "words": [
                {"word": " Il", "start": 0.0, "end": 0.3, "probability": 0.9},
                {"word": " prezzo", "start": 0.3, "end": 0.9, "probability": 0.8},
            ],
        },
        {"id": 1, "seek": 0, "start": 2.6, "end": 5.0, "text": " Non rinnoveremo il contratto.",
         "avg_logprob": -0.3, "compression_ratio": 1.2, "no_speech_prob": 0.01},
    ],
}  # fmt: skip

WHISPERX_JSON = {
    "segments": [
        {"start": 0.03, "end": 2.2, "text": " Hi, this is Dana, I'm the CFO.", "speaker": "SPEAKER_01",
         "words": [{"word": "Hi,", "start": 0.03, "end": 0.2, "score": 0.97, "speaker": "SPEAKER_01"},
                   {"word": "2026", "score": 0.5}]},
        {"start": 2.5, "end": 4.0, "text": " Thanks for joining.", "speaker": "SPEAKER_00"},
    ],
    "word_segments": [],
}  # fmt: skip


def write(tmp_path: Path, name: str, content: str | dict) -> Path:
    path = tmp_path / name
    text = json.dumps(content, indent=1) if isinstance(content, dict) else content
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture
def reps(settings: Settings) -> Settings:
    return settings.model_copy(update={"rep_names": ["alex morgan"]})


def test_zoom_vtt_speakers_roles_times_and_skipped_blocks(tmp_path: Path, reps: Settings) -> None:
    t = import_transcript(write(tmp_path, "zoom.vtt", ZOOM_VTT), reps)
    assert t.source_kind == "vtt"
    assert [(u.speaker, u.role) for u in t.utterances] == [
        ("Alex Morgan (Brightwave)", "rep"),
        ("Jordan Lee", "customer"),
        ("Jordan Lee", "customer"),
    ]
    assert (t.utterances[0].start, t.utterances[0].end) == (1.2, 4.5)
    assert t.utterances[1].text == "Honestly, the price is too high and we are looking at another vendor."
    assert t.utterances[2].start == 3602.0 and t.duration == 3603.0
    assert t.language == "en" and t.languages == {"rep": "en", "customer": "en"}


def test_teams_vtt_voice_tags_multiline_and_entities(tmp_path: Path, reps: Settings) -> None:
    t = import_transcript(write(tmp_path, "teams.vtt", TEAMS_VTT), reps)
    assert [u.speaker for u in t.utterances] == ["Alex Morgan", "Priya Shah", "Priya Shah"]
    assert [u.role for u in t.utterances] == ["rep", "customer", "customer"]
    assert t.utterances[1].text == "Our budget was cut by thirty percent, so Q&A tools are under review."
    assert t.utterances[2].text == "We may pause the contract."


def test_plain_vtt_has_unknown_roles_and_keeps_a_colon_sentence_whole(tmp_path: Path, reps: Settings) -> None:
    t = import_transcript(write(tmp_path, "plain.vtt", PLAIN_VTT), reps)
    assert {u.role for u in t.utterances} == {"unknown"}
    assert t.utterances[0].text == "Here's the thing: we are not sure about the renewal."
    assert t.languages == {}


def test_srt_with_speakers_multiline_and_empty_cue(tmp_path: Path, settings: Settings) -> None:
    t = import_transcript(write(tmp_path, "call.srt", SRT), settings.model_copy(update={"rep_names": ["ALEX MORGAN"]}))
    assert t.source_kind == "srt"
    assert [(u.speaker, u.role, u.start, u.end) for u in t.utterances] == [
        ("Alex Morgan", "rep", 0.5, 3.0),
        ("Chris Taylor", "customer", 3.4, 7.9),
    ]
    assert t.utterances[1].text == "Yes. We're definitely not looking at other vendors this year."


def test_whisper_json_keeps_words_scores_and_file_language(tmp_path: Path, settings: Settings) -> None:
    t = import_transcript(write(tmp_path, "call.json", WHISPER_JSON), settings)
    assert t.source_kind == "whisper-json" and t.language == "it"
    first = t.utterances[0]
    assert (first.speaker, first.role, first.text) == ("unknown", "unknown", "Il prezzo è troppo alto.")
    assert [w.text for w in first.words] == ["Il", "prezzo"]
    assert first.confidence == pytest.approx(0.85)
    assert (first.avg_logprob, first.no_speech_prob, first.compression_ratio) == (-0.21, 0.02, 1.1)


def test_whisperx_json_speakers_and_untimed_words(tmp_path: Path, settings: Settings) -> None:
    s = settings.model_copy(update={"rep_names": ["SPEAKER_00"]})
    t = import_transcript(write(tmp_path, "x.json", WHISPERX_JSON), s)
    assert [(u.speaker, u.role) for u in t.utterances] == [("SPEAKER_01", "customer"), ("SPEAKER_00", "rep")]
    assert [(w.text, w.probability) for w in t.utterances[0].words] == [("Hi,", 0.97)]


def test_language_precedence_metadata_then_settings_then_file(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path, "call.json", WHISPER_JSON)
    assert import_transcript(path, settings.model_copy(update={"language": "de"})).language == "de"
    forced = import_transcript(path, settings, CallMetadata(language="fr"))
    assert forced.language == "fr" and {u.language for u in forced.utterances} == {"fr"}


def test_metadata_rep_counts_as_a_rep_name(tmp_path: Path, settings: Settings) -> None:
    t = import_transcript(write(tmp_path, "call.srt", SRT), settings, CallMetadata(rep="Chris Taylor"))
    assert [u.role for u in t.utterances] == ["customer", "rep"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.vtt", " \n\n", "empty.vtt:1: the file is empty"),
        ("nohead.vtt", "1\n00:00:01.000 --> 00:00:02.000\nhi\n", "nohead.vtt:1: missing header 'WEBVTT'"),
        ("bad.vtt", "WEBVTT\n\n1\n00:01:xx.000 --> 00:01:05.000\nhi\n", "bad.vtt:4: bad timestamp '00:01:xx.000'"),
        ("back.vtt", "WEBVTT\n\nNOTE x\n\n00:00:05.000 --> 00:00:02.000\nhi\n", "back.vtt:5: cue ends (00:00:02.000)"),
        ("notime.vtt", "WEBVTT\n\n1\n2\nhello\n", "notime.vtt:3: expected a timing line"),
        ("onlyhead.vtt", "WEBVTT\n\nNOTE nothing here\n", "onlyhead.vtt: holds no cues with text"),
        ("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:00:9x,000\nno\n",
         "bad.srt:6: bad timestamp '00:00:9x,000'"),
        ("junk.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\nhello there\n", "junk.srt:5: expected a cue number"),
        ("broken.json", '{\n  "segments": [\n    {"start": 0, }\n  ]\n}', "broken.json:3:18: invalid JSON"),
        ("other.json", '{"results": []}', "other.json: is not a Whisper JSON transcript"),
        ("list.json", "[1, 2]", "list.json: is not a Whisper JSON transcript"),
        ("seg.json", '{"segments": [{"start": 0, "end": 1, "text": "a"}, {"start": 3, "end": 2, "text": "b"}]}',
         "seg.json:1: segments[1]: ends (2.0) before it starts (3.0)"),
        ("num.json", '{"segments": [{"start": "0", "end": 1, "text": "a"}]}', "num.json:1: segments[0].start"),
        ("notes.txt", "hello", "notes.txt: '.txt' is not a transcript format"),
    ],
)  # fmt: skip
def test_bad_input_names_file_and_line(
    tmp_path: Path, settings: Settings, name: str, content: str, expected: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(TranscriptFormatError) as info:
        import_transcript(path, settings)
    assert f"{tmp_path}/{expected}" in str(info.value)


def test_srt_named_vtt_gets_a_rename_hint(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(TranscriptFormatError, match=r"rename it to \.srt"):
        import_transcript(write(tmp_path, "x.vtt", SRT), settings)


def test_non_utf8_and_missing_files(tmp_path: Path, settings: Settings) -> None:
    latin = tmp_path / "latin.vtt"
    latin.write_bytes(b"WEBVTT\n\n00:00.000 --> 00:01.000\nPerch\xe9 no\n")
    with pytest.raises(TranscriptFormatError, match=r"latin\.vtt:4: not UTF-8"):
        import_transcript(latin, settings)
    with pytest.raises(InputError, match="cannot read transcript"):
        import_transcript(tmp_path / "missing.vtt", settings)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("00:00:01.500", 1.5), ("01:02.250", 62.25), ("1:00:00,001", 3600.001), ("10:00:00.000", 36000.0)],
)
def test_parse_timestamp(value: str, seconds: float) -> None:
    assert parse_timestamp(value, "x") == pytest.approx(seconds)


@pytest.mark.parametrize("value", ["00:61.000", "1.5", "00:00:01.5.2", "", "aa:bb.ccc"])
def test_parse_timestamp_rejects(value: str) -> None:
    with pytest.raises(TranscriptFormatError, match="bad timestamp"):
        parse_timestamp(value, "f.vtt:3")


@pytest.mark.parametrize(
    ("speaker", "role"),
    [
        ("Alex Morgan", "rep"),
        ("alex  MORGAN", "rep"),
        ("Alex Morgan (Brightwave)", "rep"),
        ("Sam Lee", "rep"),
        ("Sam Lee (Acme)", "rep"),
        ("Alexandra Morgan", "customer"),
        ("Jordan Lee (Acme)", "customer"),
        (None, "unknown"),
    ],
)
def test_role_for(speaker: str | None, role: str) -> None:
    assert role_for(speaker, ["Alex Morgan", "Sam Lee (Brightwave)"]) == role


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Honestly the price is too high for us and we are looking at other vendors.", "en"),
        ("Il prezzo è troppo alto per noi e il budget è stato tagliato.", "it"),
        ("Скажу прямо, цена для нас слишком высокая.", "ru"),
        ("Powiem szczerze, cena jest dla nas za wysoka i nie przedłużymy umowy.", "pl"),
        ("说实话，你们的价格太高了。", "zh"),
        ("Der Preis ist zu hoch und wir sind nicht zufrieden mit dem Angebot.", "de"),
        ("", "und"),
        ("OK.", "und"),
        ("12:30 45", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def _sample_vtts() -> list[Path]:
    return sorted((SAMPLES / "calls").glob("*.vtt"))


@pytest.mark.parametrize("path", _sample_vtts(), ids=lambda p: p.stem)
def test_sample_vtts_import_with_both_sides_and_their_language(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSISTANT_CONFIG", raising=False)
    settings = load_settings(SAMPLES / "config.toml")
    script = yaml.safe_load((SAMPLES / "scripts" / f"{path.stem}.yaml").read_text(encoding="utf-8"))
    t = import_transcript(path, settings)  # no metadata: roles from config.toml, language detected
    assert t.language == script["language"] == (read_sidecar(path) or CallMetadata()).language
    assert [u.role for u in t.utterances] == [script["speakers"][next(iter(line))]["side"] for line in script["lines"]]
    customer_text = " ".join(u.text for u in t.utterances if u.role == "customer")
    assert script["key_phrase"] in customer_text
