"""Transcript exports: each format is well-formed, and a JSON export imports back to the same text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import exports
from assistant.records import CallDetail, CallMetadata, CallSummary, Transcript, Utterance, Word
from assistant.settings import Settings
from assistant.transcription.formats import import_transcript, srt, txt, vtt, whisperx

TRANSCRIPT = Transcript(
    utterances=(
        Utterance("Alex Morgan", "rep", 0.5, 2.25, "Thanks for making time today.", (Word(0.5, 0.9, "Thanks", 0.8),)),
        Utterance("Dana Whitfield", "customer", 3661.0, 3663.5, "Our budget was cut, so we need to talk."),
    ),
    language="en",
    duration=3664.0,
    source_kind="vtt",
)
CALL = CallDetail(
    summary=CallSummary(7, "QBR", "Acme", "Alex", "/x.vtt", "vtt", 3664.0, "en", None, "analyzed", 2),
    content_hash="h",
    transcript=TRANSCRIPT,
    metadata=CallMetadata(),
)


def test_vtt() -> None:
    text = vtt.write(CALL)
    assert text.startswith("WEBVTT\n")
    assert "00:00:00.500 --> 00:00:02.250\nAlex Morgan: Thanks for making time today." in text
    assert "01:01:01.000 --> 01:01:03.500" in text


def test_srt_uses_commas() -> None:
    text = srt.write(CALL)
    assert text.startswith("1\n00:00:00,500 --> 00:00:02,250\n")


def test_txt() -> None:
    assert txt.write(CALL).splitlines()[1] == "[01:01:01] Dana Whitfield: Our budget was cut, so we need to talk."


def test_every_writer_is_offered_by_export() -> None:
    assert set(exports.FORMATS) == {"vtt", "srt", "json", "whisperx", "txt"}


@pytest.mark.parametrize("fmt", ["json", "whisperx", "vtt", "srt"])
def test_export_imports_back(fmt: str, tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / f"call.{'json' if fmt == 'whisperx' else fmt}"
    path.write_text(exports.render(CALL, fmt), encoding="utf-8")
    back = import_transcript(path, settings.model_copy(update={"rep_names": ["Alex Morgan"]}))
    assert [(u.speaker, u.role, u.text) for u in back.utterances] == [
        (u.speaker, u.role, u.text) for u in TRANSCRIPT.utterances
    ]
    assert [u.start for u in back.utterances] == pytest.approx([0.5, 3661.0])
    if fmt in ("json", "whisperx"):
        assert [w.text for w in back.utterances[0].words] == ["Thanks"]


def test_whisperx_export_carries_speakers_on_words() -> None:
    doc = json.loads(whisperx.write(CALL))
    assert doc["segments"][0]["speaker"] == "Alex Morgan" and doc["word_segments"][0]["speaker"] == "Alex Morgan"
