"""whisperX JSON: Whisper's segments plus speakers from diarization — ``speaker`` on segments and on
words (``{word, start, end, score, speaker}``), and a top-level ``word_segments`` list.

Told apart from plain Whisper JSON by content (both are ``.json``): any speaker, a word ``score`` or
``word_segments``. A segment without its own ``speaker`` takes the one most of its words carry.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.records import CallDetail
from assistant.transcription.formats import whisper_json
from assistant.transcription.formats.cues import Parsed
from assistant.transcription.formats.language import language_code
from assistant.transcription.formats.registry import TranscriptFormat


def sniff(text: str, path: Path) -> bool:
    data = whisper_json.load(text, path)
    if not whisper_json.sniff(data):
        return False
    segments = [s for s in data["segments"] if isinstance(s, dict)]
    words = [w for s in segments for w in whisper_json.words_of(s)]
    return (
        "word_segments" in data or any("speaker" in x for x in [*segments, *words]) or any("score" in w for w in words)
    )


def read(text: str, path: Path) -> Parsed:
    data = whisper_json.load(text, path)
    language = data.get("language")
    cues = whisper_json.segments(text, path, data, _speaker)
    return Parsed(cues, language_code(language) if isinstance(language, str) else None)


def _speaker(seg: Any) -> str | None:
    if not isinstance(seg, dict):
        return None
    if seg.get("speaker"):
        return str(seg["speaker"])
    said = Counter(str(w["speaker"]) for w in whisper_json.words_of(seg) if w.get("speaker"))
    return said.most_common(1)[0][0] if said else None


def write(call: CallDetail) -> str:
    segments = []
    for u in call.transcript.utterances:
        words = [{"word": w.text, "start": w.start, "end": w.end, "score": w.probability, "speaker": u.speaker}
                 for w in u.words]  # fmt: skip
        segments.append({"start": u.start, "end": u.end, "text": u.text, "speaker": u.speaker, "words": words})
    doc = {
        "language": call.transcript.language,
        "segments": segments,
        "word_segments": [w for s in segments for w in s["words"]],  # type: ignore[attr-defined]
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


FORMAT = TranscriptFormat(
    name="whisperx", suffixes=(".json",), kind="whisper-json", description="whisperX JSON (speakers per segment)",
    read=read, write=write, sniff=sniff,
)  # fmt: skip
