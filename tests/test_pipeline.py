"""ingest() end to end with real parts: importers, the real Whisper model, real analysis, real storage.

Bad inputs each fail with one line naming the file; nothing of them is stored; the batch goes on.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import numpy as np
import pytest

from assistant.pipeline import Ingestor, IngestResult, discover
from assistant.records import CallMetadata
from assistant.settings import Settings
from assistant.storage import calls
from assistant.storage.db import Store

ZOOM_VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
Alex Morgan: Thanks for joining, how is the rollout going?

2
00:00:04.500 --> 00:00:09.000
Dana Whitfield: Honestly the price is too high and we are evaluating other vendors.
"""


@pytest.fixture
def ingestor(settings: Settings, store: Store, transcriber) -> Ingestor:  # type: ignore[no-untyped-def]
    return Ingestor(settings.model_copy(update={"rep_names": ["Alex Morgan"]}), store, transcriber=transcriber)


def _vtt(tmp_path: Path, name: str = "acme.vtt", text: str = ZOOM_VTT) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _wav(path: Path, samples: list[int], rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


def test_transcript_is_stored_with_roles_and_analysis(ingestor: Ingestor, store: Store, tmp_path: Path) -> None:
    result = ingestor.ingest_file(_vtt(tmp_path), options=CallMetadata(account="Acme", rep="Alex Morgan"))
    assert result.status == "stored", result.message
    call = calls.get_call(store, call_id=result.call_id or 0)
    assert [(u.speaker, u.role) for u in call.transcript.utterances] == [
        ("Alex Morgan", "rep"),
        ("Dana Whitfield", "customer"),
    ]
    assert call.summary.account == "Acme" and call.transcript.language == "en"
    assert call.analysis is not None
    assert {h.category for h in call.analysis.hits if h.role == "customer"} >= {"price", "competitor"}
    assert call.analysis.report.score > 0


def test_reingest_is_a_noop_unless_forced(ingestor: Ingestor, store: Store, tmp_path: Path) -> None:
    path = _vtt(tmp_path)
    first = ingestor.ingest_file(path)
    again = ingestor.ingest_file(path)
    copy = ingestor.ingest_file(_vtt(tmp_path, "copy-of-acme.vtt"))
    assert (again.status, again.call_id) == ("skipped", first.call_id)
    assert copy.status == "skipped" and "already ingested as call" in copy.message
    forced = ingestor.ingest_file(path, force=True)
    assert forced.status == "replaced"
    assert calls.call_ids(store) == [forced.call_id]


def test_forced_reingest_keeps_clips_linked(ingestor: Ingestor, store: Store, tmp_path: Path) -> None:
    from assistant.library.clips import create_clip
    from assistant.storage.library import get_clip

    path = _vtt(tmp_path)
    first = ingestor.ingest_file(path)
    clip = create_clip(store, ingestor.settings, call_id=first.call_id or 0, start=4.5, end=9.0, text_only=True)
    forced = ingestor.ingest_file(path, force=True)
    assert forced.status == "replaced" and forced.call_id == first.call_id
    assert get_clip(store, clip_id=clip.id).call_id == first.call_id


def _bad_inputs(tmp_path: Path, shared_data: Path) -> dict[str, tuple[Path, str]]:
    mp3 = (shared_data / "speech" / "sonnet001.mp3").read_bytes()
    (tmp_path / "empty.wav").write_bytes(b"")
    (tmp_path / "notes.wav").write_text("these are my meeting notes, not audio\n" * 20)
    (tmp_path / "truncated.mp3").write_bytes(mp3[:400])
    (tmp_path / "image.webm").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    _wav(tmp_path / "zero.wav", [])
    _wav(tmp_path / "silence.wav", [0] * 16000 * 3)
    (tmp_path / "folder.wav").mkdir()
    _vtt(tmp_path, "broken.vtt", "WEBVTT\n\n00:00:xx.000 --> 00:00:02.000\nhello\n")
    return {
        "empty.wav": (tmp_path / "empty.wav", "empty"),
        "notes.wav": (tmp_path / "notes.wav", "not a recording"),
        "truncated.mp3": (tmp_path / "truncated.mp3", "not a recording"),
        "image.webm": (tmp_path / "image.webm", "no audio stream"),
        "zero.wav": (tmp_path / "zero.wav", "empty"),
        "silence.wav": (tmp_path / "silence.wav", "silent"),
        "folder.wav": (tmp_path / "folder.wav", "folder"),
        "missing.wav": (tmp_path / "missing.wav", "no such file"),
        "broken.vtt": (tmp_path / "broken.vtt", "broken.vtt:3"),
    }


@pytest.mark.whisper
def test_bad_inputs_fail_alone_and_store_nothing(
    ingestor: Ingestor, store: Store, tmp_path: Path, shared_data: Path
) -> None:
    bad = _bad_inputs(tmp_path, shared_data)
    good = _vtt(tmp_path, "good.vtt")
    results = [ingestor.ingest_file(path) for path, _ in bad.values()] + [ingestor.ingest_file(good)]
    for (name, (_, expected)), result in zip(bad.items(), results, strict=False):
        assert result.status == "failed", name
        assert name in result.message and expected in result.message, result.message
        assert "\n" not in result.message and "Traceback" not in result.message
    assert results[-1].status == "stored"
    assert calls.call_ids(store) == [results[-1].call_id]


@pytest.mark.whisper
def test_real_recording_end_to_end(ingestor: Ingestor, store: Store, shared_data: Path) -> None:
    result = ingestor.ingest_file(shared_data / "speech" / "jfk.flac")
    assert result.status == "stored", result.message
    call = calls.get_call(store, call_id=result.call_id or 0)
    text = " ".join(u.text for u in call.transcript.utterances).lower()
    assert "ask not what your country can do for you" in text
    assert call.transcript.language == "en" and math.isclose(call.transcript.duration, 11.0, abs_tol=0.5)
    assert all(u.words and u.avg_logprob is not None for u in call.transcript.utterances)


@pytest.mark.whisper
def test_non_speech_stores_nothing(ingestor: Ingestor, store: Store, shared_data: Path) -> None:
    result = ingestor.ingest_file(shared_data / "speech" / "vad_n.wav")
    assert result.status == "failed" and "vad_n.wav" in result.message
    assert calls.call_ids(store) == []


def test_discover_walks_folders_and_skips_sidecars(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    _vtt(tmp_path / "a", "one.vtt")
    (tmp_path / "a" / "one.meta.json").write_text("{}")
    (tmp_path / "a" / "calls.csv").write_text("file\n")
    (tmp_path / "a" / "readme.txt").write_text("x")
    (tmp_path / "a" / ".hidden.vtt").write_text("x")
    loose = tmp_path / "odd.xyz"
    assert discover([tmp_path / "a", loose]) == [tmp_path / "a" / "one.vtt", loose]


def test_results_say_ok() -> None:
    assert IngestResult(Path("x"), "skipped").ok and not IngestResult(Path("x"), "failed").ok


@pytest.mark.whisper
def test_a_recordings_lines_are_embedded_after_whisper_beside_the_rules_and_stored_as_embedded_alone(
    ingestor: Ingestor, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No e5 work beside Whisper's threads: the sample call's lines are embedded once Whisper is done, on a thread
    of their own while the rules read the call; the stored vectors are those of the call embedded alone, and so
    are its hits."""
    import threading

    import assistant.analysis
    from assistant.analysis.model import embed_transcript
    from assistant.analysis.model.embedding import DIMS, NAME, Embedder
    from assistant.storage.embeddings import load_embeddings
    from assistant.transcription.whisper import Transcriber

    seen: list[tuple[str, bool, str]] = []  # (what, while transcribing, thread)
    transcribing = [False]
    real_embed, real_transcribe, real_rules = Embedder.embed, Transcriber.transcribe, assistant.analysis.rule_pass

    def embed(self: Embedder, texts: list[str]) -> np.ndarray:
        seen.append(("embed", transcribing[0], threading.current_thread().name))
        return real_embed(self, texts)

    def rule_pass(*args: object, **kwargs: object) -> object:
        seen.append(("rules", transcribing[0], threading.current_thread().name))
        return real_rules(*args, **kwargs)  # type: ignore[arg-type]

    def transcribe(self: Transcriber, *args: object, **kwargs: object) -> object:
        transcribing[0] = True
        try:
            return real_transcribe(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            transcribing[0] = False

    monkeypatch.setattr(Embedder, "embed", embed)
    monkeypatch.setattr(Transcriber, "transcribe", transcribe)
    monkeypatch.setattr(assistant.analysis, "rule_pass", rule_pass)
    sample = Path(__file__).resolve().parents[1] / "samples" / "calls" / "northwind-price-competitor.flac"
    result = ingestor.ingest_file(sample)
    assert result.status == "stored", result.message
    assert [(what, during) for what, during, _ in seen] in ([("embed", False), ("rules", False)],
                                                            [("rules", False), ("embed", False)])  # fmt: skip
    threads = {what: thread for what, _, thread in seen}
    assert threads["embed"].startswith("embed-call") and threads["rules"] == threading.current_thread().name
    call = calls.get_call(store, call_id=result.call_id or 0)
    stored = load_embeddings(store, call_id=call.summary.id, model=NAME, dims=DIMS).vectors
    alone = embed_transcript(call.transcript)
    assert stored is not None and np.array_equal(stored, alone.vectors)
    again = ingestor.analyze(call.transcript, alone.vectors)
    assert call.analysis is not None and again.hits == call.analysis.hits
    assert {h.category for h in again.hits if not h.negated} >= {"price", "competitor"}


def test_prepare_loads_the_model_head_ahead_and_leaves_a_broken_one_to_the_analysis(
    settings: Settings, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from assistant.analysis.model import classify

    def wait_for_the_head() -> None:
        for thread in [t for t in threading.enumerate() if t.name == "churn-head-load"]:
            thread.join(timeout=60)

    monkeypatch.setattr(classify, "_cache", {})
    Ingestor(settings, store).prepare()
    wait_for_the_head()
    assert [key[0] for key in classify._cache] == [str(classify.HEAD_FILE)]  # loaded before any call is analysed
    crashed: list[object] = []
    monkeypatch.setattr(threading, "excepthook", crashed.append)
    missing = settings.model_copy(update={"churn_model_file": tmp_path / "missing.npz"})
    ingestor = Ingestor(missing, store)
    ingestor.prepare()
    wait_for_the_head()
    assert crashed == [] and len(classify._cache) == 1
    result = ingestor.ingest_file(_vtt(tmp_path))  # the analysis reports it and the rules work alone
    assert result.status == "stored", result.message
