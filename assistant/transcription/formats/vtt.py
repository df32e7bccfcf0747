"""WebVTT: Zoom's ``Name: text`` cues and Microsoft Teams' ``<v Name>text</v>`` voices; NOTE, STYLE and
REGION blocks are skipped. Written back Zoom-style, one numbered cue per utterance."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import TranscriptFormatError
from assistant.records import CallDetail
from assistant.transcription.formats.cues import Cue, Parsed, blocks, cue_from_block, cue_text, timestamp
from assistant.transcription.formats.cues import with_prefix_speakers as _with_prefix_speakers
from assistant.transcription.formats.registry import TranscriptFormat

_SKIP_BLOCKS = ("NOTE", "STYLE", "REGION")


def read(text: str, path: Path) -> Parsed:
    found = blocks(text)
    first = found[0][1][0] if found else ""
    if not first.startswith("WEBVTT"):
        hint = " (it looks like SRT: rename it to .srt)" if re.match(r"^\d+$", first.strip()) else ""
        raise TranscriptFormatError(
            f"{path}:1: missing header 'WEBVTT' (a WebVTT file starts with the line WEBVTT){hint}"
        )
    if any("-->" in line for line in found[0][1][1:]):
        raise TranscriptFormatError(f"{path}:{found[0][0] + 1}: leave a blank line after the WEBVTT header")
    cues: list[Cue] = []
    for number, lines in found[1:]:
        if lines[0].split(" ", 1)[0].split("\t", 1)[0] in _SKIP_BLOCKS and "-->" not in lines[0]:
            continue
        cue = cue_from_block(number, lines, path)
        if cue is not None:
            cues.append(cue)
    return Parsed(_with_prefix_speakers(cues))


def write(call: CallDetail) -> str:
    lines = ["WEBVTT", ""]
    for i, u in enumerate(call.transcript.utterances, 1):
        lines += [str(i), f"{timestamp(u.start, '.')} --> {timestamp(u.end, '.')}", cue_text(u), ""]
    return "\n".join(lines)


FORMAT = TranscriptFormat(
    name="vtt", suffixes=(".vtt",), kind="vtt", description="WebVTT (Zoom, Microsoft Teams voices)",
    read=read, write=write,
)  # fmt: skip
