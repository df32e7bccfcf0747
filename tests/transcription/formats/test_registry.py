"""The format registry: readers chosen by suffix and, for .json, by content; a new format is one registration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import TranscriptFormatError
from assistant.pipeline import is_ingestible
from assistant.settings import Settings
from assistant.transcription.formats import import_transcript, readable_suffixes, register, registry, writer_names
from assistant.transcription.formats.cues import Cue, Parsed
from assistant.transcription.formats.registry import TranscriptFormat, reader_for


def test_builtin_formats() -> None:
    assert readable_suffixes() == (".vtt", ".srt", ".json")
    assert set(writer_names()) == {"vtt", "srt", "json", "whisperx", "txt"}


@pytest.mark.parametrize(
    ("doc", "name"),
    [
        ({"segments": [{"start": 0, "end": 1, "text": "a"}]}, "json"),
        ({"segments": [{"start": 0, "end": 1, "text": "a", "speaker": "SPEAKER_00"}]}, "whisperx"),
        ({"segments": [{"start": 0, "end": 1, "text": "a", "words": [{"word": "a", "score": 0.9}]}]}, "whisperx"),
        ({"segments": [], "word_segments": []}, "whisperx"),
        ({"text": "no segments"}, "json"),  # the last candidate explains what is wrong
    ],
)
def test_json_is_told_apart_by_content(doc: dict[str, object], name: str) -> None:
    assert reader_for(Path("call.json"), json.dumps(doc)).name == name


def test_whisperx_segment_without_speaker_takes_its_words_speaker(tmp_path: Path) -> None:
    words = [{"word": w, "start": 0.1, "end": 0.2, "score": 0.9, "speaker": "SPEAKER_01"} for w in ("too", "pricey")]
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"segments": [{"start": 0, "end": 1, "text": "too pricey", "words": words}]}))
    t = import_transcript(path, Settings())
    assert [(u.speaker, u.role) for u in t.utterances] == [("SPEAKER_01", "customer")]


def test_unknown_suffix_lists_the_readable_ones() -> None:
    with pytest.raises(TranscriptFormatError, match=r"notes.txt: '.txt' is not a transcript format; use one of .vtt"):
        reader_for(Path("notes.txt"), "hello")


def test_a_new_format_is_one_registration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))

    def read(text: str, path: Path) -> Parsed:
        rows = [line.split("\t") for line in text.splitlines() if line]
        return Parsed([Cue(n, float(a), float(b), who, said) for n, (a, b, who, said) in enumerate(rows, 1)])

    register(TranscriptFormat("tsv", (".tsv",), "vtt", "tab-separated cues", read=read))
    path = tmp_path / "call.tsv"
    path.write_text("0\t2\tDana\tThe price is too high.\n")
    assert is_ingestible(path) and ".tsv" in readable_suffixes()
    t = import_transcript(path, Settings())
    assert [(u.speaker, u.text) for u in t.utterances] == [("Dana", "The price is too high.")]
