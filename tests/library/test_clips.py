"""Clips from ranges, search hits and risk hits; real audio cut from a real recording; bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.audio import probe
from assistant.errors import ClipError, NotFoundError
from assistant.library.clips import (
    ClipInfo,
    clip_from_risk_hit,
    clip_from_search_hit,
    create_clip,
    remove_clip,
)
from assistant.library.export import export_clip
from assistant.library.search import backend
from assistant.storage import library as lib
from tests.library.canned import save, utt


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_transcript_only_call_gives_a_text_clip(store, settings, ids):
    clip = create_clip(store, settings, call_id=ids["en1"], start=4.0, end=9.5, info=ClipInfo(title="Discount"))
    assert clip.audio_path is None
    assert "offer a discount" in clip.transcript and "cancelling" not in clip.transcript
    assert Path(clip.transcript_path).read_text(encoding="utf-8").startswith("Discount\n")
    assert Path(clip.transcript_path).parent == settings.clips_dir.resolve()
    assert lib.get_clip(store, clip_id=clip.id) == clip


def test_clip_from_search_hit_snaps_to_the_utterance_with_padding(store, settings, ids):
    hit = backend(store).search('"offer a discount"').hits[0]
    clip = clip_from_search_hit(store, settings, hit=hit, padding=0.5, info=ClipInfo(tags=("pricing",)))
    assert (clip.start, clip.end) == (4.0, 9.5)  # utterance 4.5–9.0 padded by 0.5
    assert clip.origin == "search" and clip.tags == ("pricing",)


def test_clip_from_risk_hit_takes_the_reps_answer(store, settings, ids):
    clip = clip_from_risk_hit(store, settings, call_id=ids["en1"], hit_number=1, padding=0.0)
    assert (clip.start, clip.end) == (0.0, 9.0)
    assert "cancelling" in clip.transcript and "offer a discount" in clip.transcript
    with pytest.raises(ClipError, match="hit: call"):
        clip_from_risk_hit(store, settings, call_id=ids["en1"], hit_number=2)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [(-1.0, 2.0, "start"), (5.0, 5.0, "end"), (6.0, 2.0, "end"), (50.0, 60.0, "start"), (1.0, 60.0, "end")],
)
def test_bad_ranges_name_the_field_and_write_nothing(store, settings, ids, start, end, field):
    with pytest.raises(ClipError, match=rf"^{field}:"):
        create_clip(store, settings, call_id=ids["en1"], start=start, end=end)
    assert lib.list_clips(store) == [] and files_under(settings.clips_dir) == set()


@pytest.mark.parametrize("name", ["../evil", "a/b", "a\\b", "..", ".hidden", "x" * 81, "bad\x00name", "/etc/passwd"])
def test_unsafe_names_are_refused(store, settings, ids, tmp_path, name):
    with pytest.raises(ClipError, match=r"^name:"):
        create_clip(store, settings, call_id=ids["en1"], start=0, end=2, info=ClipInfo(name=name))
    assert lib.list_clips(store) == []
    assert {p for p in tmp_path.rglob("*") if p.is_file() and "clips" in p.parts} == set()


def test_unknown_call_and_clip(store, settings):
    with pytest.raises(NotFoundError, match="call"):
        create_clip(store, settings, call_id=99, start=0, end=1)
    with pytest.raises(NotFoundError, match="clip"):
        remove_clip(store, clip_id=99)


@pytest.fixture
def jfk_call(store, shared_data, tmp_path) -> tuple[int, Path]:
    """A stored call of a copy of the real jfk.flac, with utterances at the words' real times."""
    src = tmp_path / "jfk.flac"
    shutil.copyfile(shared_data / "speech/jfk.flac", src)
    # Word times of jfk.flac (Whisper base word timestamps, rounded outward).
    utterances = [
        utt("JFK", "rep", 0.0, 3.2, "And so my fellow Americans,"),
        utt("JFK", "rep", 3.2, 7.6, "ask not what your country can do for you,"),
        utt("JFK", "rep", 7.6, 11.0, "ask what you can do for your country."),
    ]
    return save(store, "jfk", utterances, source=src, duration=probe(src).duration), src


def test_clip_audio_has_the_span_duration(store, settings, jfk_call):
    call_id, _ = jfk_call
    clip = create_clip(store, settings, call_id=call_id, start=3.2, end=7.6, audio_format="wav")
    assert Path(clip.audio_path).parent == settings.clips_dir.resolve()
    assert probe(Path(clip.audio_path)).duration == pytest.approx(4.4, abs=0.05)
    ogg = create_clip(store, settings, call_id=call_id, start=1.0, end=3.0)
    assert ogg.audio_path.endswith(".ogg") and probe(Path(ogg.audio_path)).duration == pytest.approx(2.0, abs=0.1)


@pytest.mark.whisper
def test_whisper_hears_the_clips_words(store, settings, jfk_call):
    from assistant.settings import load_settings
    from assistant.transcription.whisper import Transcriber

    call_id, _ = jfk_call
    first = create_clip(store, settings, call_id=call_id, start=0.0, end=3.2, audio_format="wav")
    last = create_clip(store, settings, call_id=call_id, start=7.6, end=11.0, audio_format="wav")
    transcriber = Transcriber(load_settings(language="en", vad=False))
    heard_first = " ".join(u.text for u in transcriber.transcribe(Path(first.audio_path)).utterances).lower()
    heard_last = " ".join(u.text for u in transcriber.transcribe(Path(last.audio_path)).utterances).lower()
    assert "americans" in heard_first and "country" not in heard_first
    assert "country" in heard_last and "americans" not in heard_last


def test_moved_recording_is_a_clear_error_and_the_text_clip_still_works(store, settings, jfk_call):
    call_id, src = jfk_call
    src.rename(src.with_name("moved.flac"))
    with pytest.raises(ClipError, match=r"missing.*--text-only"):
        create_clip(store, settings, call_id=call_id, start=0.0, end=3.2)
    assert lib.list_clips(store) == [] and files_under(settings.clips_dir) == set()
    clip = create_clip(store, settings, call_id=call_id, start=0.0, end=3.2, text_only=True)
    assert clip.audio_path is None and "Americans" in clip.transcript


def test_export_and_remove(store, settings, jfk_call, tmp_path):
    call_id, _ = jfk_call
    clip = create_clip(store, settings, call_id=call_id, start=0.0, end=3.2, info=ClipInfo(title="Fellow Americans"))
    written = export_clip(store, clip_id=clip.id, dest=tmp_path / "out")
    assert sorted(p.suffix for p in written) == [".json", ".ogg", ".txt"]
    Path(clip.audio_path).unlink()
    with pytest.raises(ClipError, match="--no-audio"):
        export_clip(store, clip_id=clip.id, dest=tmp_path / "out2")
    assert not (tmp_path / "out2").exists()
    assert len(export_clip(store, clip_id=clip.id, dest=tmp_path / "out2", audio=False)) == 2
    remove_clip(store, clip_id=clip.id)
    assert not Path(clip.transcript_path).exists() and lib.list_clips(store) == []
