"""The transcript format registry: each format is one module with a ``FORMAT`` (reader, writer or both).

A reader is chosen by the file's suffix; where suffixes collide (``.json``: Whisper and whisperX) each
candidate's ``sniff`` looks at the content, in registration order, and the last candidate reads (and
explains) what none of them recognised. A new format is one module registered with ``register``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import TranscriptFormatError

if TYPE_CHECKING:
    from assistant.records import CallDetail
    from assistant.transcription.formats.cues import Parsed


@dataclass(frozen=True)
class TranscriptFormat:
    name: str  # what `export --format` takes
    suffixes: tuple[str, ...]  # lower case, with the dot
    kind: str  # the Transcript.source_kind of an import
    description: str
    read: Callable[[str, Path], Parsed] | None = None
    write: Callable[[CallDetail], str] | None = None
    sniff: Callable[[str, Path], bool] | None = None  # for suffixes shared with another reader


_FORMATS: dict[str, TranscriptFormat] = {}


def register(fmt: TranscriptFormat) -> TranscriptFormat:
    """Add a format (a new name, or replace one of the same name)."""
    _FORMATS[fmt.name] = fmt
    return fmt


def formats() -> tuple[TranscriptFormat, ...]:
    return tuple(_FORMATS.values())


def readable_suffixes() -> tuple[str, ...]:
    """The suffixes of files that can be ingested as transcripts."""
    return tuple(dict.fromkeys(s for f in _FORMATS.values() if f.read for s in f.suffixes))


def writer_names() -> tuple[str, ...]:
    return tuple(f.name for f in _FORMATS.values() if f.write)


def writer(name: str) -> Callable[[CallDetail], str]:
    fmt = _FORMATS.get(name)
    if fmt is None or fmt.write is None:
        raise TranscriptFormatError(f"format {name!r}: use one of {', '.join(writer_names())}")
    return fmt.write


def reader_for(path: Path, text: str) -> TranscriptFormat:
    """The format that reads ``text`` (from ``path``): by suffix, then by content where suffixes collide."""
    suffix = path.suffix.lower()
    candidates = [f for f in _FORMATS.values() if f.read and suffix in f.suffixes]
    if not candidates:
        raise TranscriptFormatError(
            f"{path}: '{suffix or path.name}' is not a transcript format; use one of {', '.join(readable_suffixes())}"
        )
    if len(candidates) == 1:
        return candidates[0]
    return next((f for f in candidates if f.sniff is None or f.sniff(text, path)), candidates[-1])
