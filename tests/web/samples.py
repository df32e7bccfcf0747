"""Sample calls for the browser journeys, stored with the real code and no Whisper run (fast on any CPU):
the English sample recordings with their reference transcripts (exact text and placement of the rendered
audio), analysed with the real rules; a VTT-only Italian call; a call whose transcript holds markup."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime
from pathlib import Path

from assistant.analysis import analyze
from assistant.analysis.rules import load_ruleset
from assistant.library.search import refresh
from assistant.records import CallMetadata, SourceFile, Transcript, Utterance
from assistant.settings import Settings
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.transcription.formats import import_transcript
from tests.conftest import SAMPLES

AUDIO_CALLS = ("northwind-price-competitor", "cedar-cfo-joins", "maple-negated-distractor")
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> & "quotes"'


def _metadata(name: str) -> CallMetadata:
    meta = json.loads((SAMPLES / "calls" / f"{name}.meta.json").read_text())
    return CallMetadata(
        account=meta["account"], rep=meta["rep"], title=meta["title"], language=meta.get("language"),
        recorded_at=datetime.fromisoformat(meta["recorded_at"]),
    )  # fmt: skip


def _save(store: Store, settings: Settings, path: Path, transcript: Transcript, meta: CallMetadata) -> int:
    data = (path.read_bytes() if path.is_file() else b"") + transcript.utterances[0].text.encode()
    source = SourceFile(path=path, content_hash=hashlib.sha256(data).hexdigest(), size=len(data))
    analysis = analyze(transcript, load_ruleset(settings.rules_dir), settings=settings)
    return calls.save_call(store, source=source, transcript=transcript, metadata=meta, analysis=analysis)


def store_samples(store: Store, settings: Settings) -> dict[str, int]:
    ids = {}
    for name in AUDIO_CALLS:
        reference = import_transcript(SAMPLES / "reference" / f"{name}.vtt", settings)
        transcript = dataclasses.replace(reference, source_kind="audio", channels=2)
        ids[name] = _save(store, settings, SAMPLES / "calls" / f"{name}.flac", transcript, _metadata(name))
    vtt = SAMPLES / "calls" / "ferretti-it-prezzo.vtt"
    ids["ferretti"] = _save(store, settings, vtt, import_transcript(vtt, settings), _metadata("ferretti-it-prezzo"))
    lines = (Utterance("Mallory", "customer", 0.0, 4.0, XSS, language="en"),
             Utterance("Alex Morgan", "rep", 4.5, 8.0, "Thanks, noted.", language="en"))  # fmt: skip
    hostile = Transcript(lines, "en", 9.0, "vtt")
    ids["xss"] = _save(store, settings, Path("/calls/hostile.vtt"), hostile, CallMetadata(account="<b>Evil</b> Corp"))
    refresh(store)
    return ids
