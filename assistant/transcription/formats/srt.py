"""SubRip (.srt): numbered cues, 'hh:mm:ss,ttt' times, an optional ``Name: text`` speaker prefix."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import TranscriptFormatError
from assistant.records import CallDetail
from assistant.transcription.formats.cues import Cue, Parsed, blocks, cue_from_block, cue_text, timestamp
from assistant.transcription.formats.cues import with_prefix_speakers as _with_prefix_speakers
from assistant.transcription.formats.registry import TranscriptFormat


def read(text: str, path: Path) -> Parsed:
    cues: list[Cue] = []
    found = blocks(text)
    for number, lines in found:
        if "-->" not in lines[0] and not lines[0].strip().isdigit():
            raise TranscriptFormatError(
                f"{path}:{number}: expected a cue number or a timing line 'start --> end', got {lines[0][:80]!r}"
            )
        cue = cue_from_block(number, lines, path)
        if cue is not None:
            cues.append(cue)
    return Parsed(_with_prefix_speakers(cues))


def write(call: CallDetail) -> str:
    lines: list[str] = []
    for i, u in enumerate(call.transcript.utterances, 1):
        lines += [str(i), f"{timestamp(u.start, ',')} --> {timestamp(u.end, ',')}", cue_text(u), ""]
    return "\n".join(lines)


FORMAT = TranscriptFormat(
    name="srt", suffixes=(".srt",), kind="srt", description="SubRip subtitles", read=read, write=write
)
