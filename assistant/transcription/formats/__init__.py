"""Transcripts made elsewhere, in and out: WebVTT (Zoom, Teams), SRT, Whisper JSON, whisperX JSON, text.

    import_transcript(path, settings, metadata) -> records.Transcript      (TranscriptFormatError if bad)
    render(call, "vtt") -> str                                             any format with a writer
    readable_suffixes() -> (".vtt", ".srt", ".json")                       what ingest may pick up

One module per format (``vtt``, ``srt``, ``whisper_json``, ``whisperx``, ``txt``), each with a reader,
a writer or both, registered below (``registry``). An import gives the same ``Transcript`` that
transcribing audio gives, so the rest of the pipeline never knows the difference. Choices, stated once:

- One cue (or Whisper segment) is one ``Utterance``; consecutive cues of one speaker are *not* merged,
  so every quote keeps the exact times of its cue (clips cut from it line up with the recording).
- Speakers: Teams voice tags ``<v Name>text</v>``, or a ``Name: text`` prefix (Zoom, SRT), or whisperX's
  ``"speaker"``. A speaker whose name is in ``settings.rep_names`` (or is the call's ``rep`` from its
  metadata) is the rep, compared case-insensitively and also without a trailing ``(Company)``; any
  other named speaker is a customer; a file without speaker information gives role "unknown".
- Language: the metadata's language, else ``settings.language``, else the file's own (Whisper JSON),
  else ``detect_language`` on the text (script + stop-word vote), else "und".
- Errors: every problem is a ``TranscriptFormatError`` naming ``file:line`` (for JSON also the key path) and
  how to fix it; nothing partial is returned. Cues without text (also a cue that is only "Name:") are
  skipped. Limits on times, cue size and file size: ``cues``. A file cut inside a cue is refused; one cut
  exactly between two cues cannot be told from a shorter call and is imported as it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from assistant.errors import TranscriptFormatError
from assistant.records import CallDetail, CallMetadata, Role, Transcript, Utterance
from assistant.settings import Settings
from assistant.transcription.formats import srt, txt, vtt, whisper_json, whisperx
from assistant.transcription.formats.cues import Cue, parse_timestamp, read_text
from assistant.transcription.formats.language import detect_language
from assistant.transcription.formats.registry import (
    TranscriptFormat,
    formats,
    readable_suffixes,
    reader_for,
    register,
    writer,
    writer_names,
)

for _module in (vtt, srt, whisperx, whisper_json, txt):  # whisperX first: it is the narrower .json reader
    register(_module.FORMAT)

__all__ = [
    "TranscriptFormat", "detect_language", "formats", "import_transcript", "parse_timestamp", "readable_suffixes",
    "register", "render", "role_for", "writer_names",
]  # fmt: skip


def import_transcript(path: Path, settings: Settings, metadata: CallMetadata | None = None) -> Transcript:
    """Parse a transcript file into a Transcript (TranscriptFormatError if bad; nothing partial)."""
    text = read_text(path)
    fmt = reader_for(path, text)
    parsed = fmt.read(text, path) if fmt.read else None
    if parsed is None:
        raise TranscriptFormatError(f"{path}: the {fmt.description} format can be written, not read")
    if not parsed.cues:
        raise TranscriptFormatError(f"{path}: holds no cues with text; is it the right file?")
    forced = (metadata.language if metadata else None) or settings.language or parsed.language
    rep_names = [*settings.rep_names, *([metadata.rep] if metadata and metadata.rep else [])]
    return _build(parsed.cues, fmt.kind, forced, rep_names)


def render(call: CallDetail, fmt: str) -> str:
    """The call's transcript written in ``fmt`` (one of ``writer_names()``)."""
    return writer(fmt)(call)


# ---- speakers, roles, language ---------------------------------------------------------------------


def _name_keys(name: str) -> set[str]:
    """'Alex Morgan (Brightwave)' → {'alex morgan (brightwave)', 'alex morgan'}."""
    full = " ".join(name.casefold().split())
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", full).strip()
    return {full, bare} - {""}


def role_for(speaker: str | None, rep_names: list[str]) -> Role:
    """'rep' for a listed rep name, 'customer' for any other name, 'unknown' without a speaker."""
    if not speaker:
        return "unknown"
    reps = set().union(*(_name_keys(n) for n in rep_names)) if rep_names else set()
    return "rep" if _name_keys(speaker) & reps else "customer"


def _build(cues: list[Cue], kind: str, forced: str | None, rep_names: list[str]) -> Transcript:
    has_speakers = any(c.speaker for c in cues)
    roles = [role_for(c.speaker, rep_names) for c in cues]
    language = forced or detect_language(" ".join(c.text for c in cues))
    languages = {side: forced or _side_language(cues, roles, side, language) for side in ("rep", "customer")}
    languages = {side: lang for side, lang in languages.items() if side in roles}
    utterances = tuple(
        Utterance(
            speaker=c.speaker or ("unknown" if not has_speakers else "speaker"),
            role=role,
            start=c.start,
            end=c.end,
            text=c.text,
            words=c.words,
            language=languages.get(role, language),
            avg_logprob=c.scores[0],
            no_speech_prob=c.scores[1],
            compression_ratio=c.scores[2],
        )
        for c, role in zip(cues, roles, strict=True)
    )
    duration = max(c.end for c in cues)
    return Transcript(utterances, language, duration, cast(Any, kind), languages=languages)


def _side_language(cues: list[Cue], roles: list[Role], side: Role, fallback: str) -> str:
    """One side's language; the call's when that side says too little to tell."""
    found = detect_language(" ".join(c.text for c, r in zip(cues, roles, strict=True) if r == side))
    return fallback if found == "und" else found
