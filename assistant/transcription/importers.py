"""Import transcripts made elsewhere: WebVTT (Zoom, Microsoft Teams), SRT and Whisper JSON.

``import_transcript(path, settings)`` returns the same ``Transcript`` that transcribing audio gives, so
the rest of the pipeline never knows the difference. Choices, stated once:

- One cue (or Whisper segment) is one ``Utterance``; consecutive cues of one speaker are *not* merged,
  so every quote keeps the exact times of its cue (clips cut from it line up with the recording).
- Speakers: Teams voice tags ``<v Name>text</v>``, or a ``Name: text`` prefix (Zoom, SRT), or whisperX's
  ``"speaker"`` key. A speaker whose name is in ``settings.rep_names`` (or is the call's ``rep`` from
  its metadata) is the rep, compared case-insensitively and also without a trailing ``(Company)``;
  any other named speaker is a customer; a file without speaker information gives role "unknown".
- Language: the metadata's language, else ``settings.language``, else the file's own (Whisper JSON),
  else ``detect_language`` on the text (script + stop-word vote), else "und".
- Errors: every problem is a ``TranscriptFormatError`` naming ``file:line`` (for JSON, the key path) and
  how to fix it; nothing partial is returned. Cues without text are skipped.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from assistant.errors import InputError, TranscriptFormatError
from assistant.records import CallMetadata, Role, Transcript, Utterance, Word
from assistant.settings import Settings

TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".json")

_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]*>")
_PREFIX = re.compile(r"^([^\W\d_][^:：<>,;!?\"]{0,59}?)\s*[:：]\s*(\S.*)$", re.DOTALL)
_SKIP_BLOCKS = ("NOTE", "STYLE", "REGION")
ImportKind = Literal["vtt", "srt", "whisper-json"]


@dataclass(frozen=True)
class _Cue:
    line: int
    start: float
    end: float
    speaker: str | None
    text: str
    words: tuple[Word, ...] = ()
    scores: tuple[float | None, float | None, float | None] = (None, None, None)


def import_transcript(path: Path, settings: Settings, metadata: CallMetadata | None = None) -> Transcript:
    """Parse a .vtt / .srt / Whisper .json transcript into a Transcript (TranscriptFormatError if bad)."""
    suffix = path.suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES:
        raise TranscriptFormatError(
            f"{path}: '{suffix or path.name}' is not a transcript format; use one of {', '.join(TRANSCRIPT_SUFFIXES)}"
        )
    text = _read_text(path)
    file_language: str | None = None
    kind: ImportKind
    if suffix == ".vtt":
        cues, kind = _with_prefix_speakers(_parse_vtt(text, path)), "vtt"
    elif suffix == ".srt":
        cues, kind = _with_prefix_speakers(_parse_srt(text, path)), "srt"
    else:
        cues, file_language = _parse_whisper_json(text, path)
        kind = "whisper-json"
    if not cues:
        raise TranscriptFormatError(f"{path}: holds no cues with text; is it the right file?")
    forced = (metadata.language if metadata else None) or settings.language or file_language
    rep_names = [*settings.rep_names, *([metadata.rep] if metadata and metadata.rep else [])]
    return _build(cues, kind, forced, rep_names)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read transcript ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TranscriptFormatError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8") from exc
    if not text.strip():
        raise TranscriptFormatError(f"{path}:1: the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---- timestamps and blocks ------------------------------------------------------------------------


def parse_timestamp(value: str, where: str) -> float:
    """Seconds from 'hh:mm:ss.ttt', 'mm:ss.ttt' or 'hh:mm:ss,ttt' (SRT); TranscriptFormatError if bad."""
    m = _TIME.match(value.strip())
    if not m or int(m[2]) > 59 or int(m[3]) > 59:
        raise TranscriptFormatError(f"{where}: bad timestamp {value.strip()!r} (use hh:mm:ss.ttt)")
    hours, minutes, seconds = int(m[1] or 0), int(m[2]), int(m[3])
    millis = int((m[4] or "0").ljust(3, "0"))
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks, each with the 1-based line number of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _timing(line: str, where: str) -> tuple[float, float]:
    """'start --> end [cue settings]' → (start, end); end before start is an error."""
    left, _, right = line.partition("-->")
    end_text = right.split()[0] if right.split() else ""
    start = parse_timestamp(left, where)
    end = parse_timestamp(end_text, where)
    if end < start:
        raise TranscriptFormatError(
            f"{where}: cue ends ({end_text}) before it starts ({left.strip()}); fix the timing line"
        )
    return start, end


def _cue_from_block(number: int, lines: list[str], path: Path) -> _Cue | None:
    """A cue block: optional id line, the timing line, text lines. None when it has no text."""
    index = 0 if "-->" in lines[0] else 1
    if index >= len(lines) or "-->" not in lines[index]:
        raise TranscriptFormatError(
            f"{path}:{number}: expected a timing line 'start --> end', got {lines[min(index, len(lines) - 1)]!r}"
        )
    start, end = _timing(lines[index], f"{path}:{number + index}")
    speaker, text = _speaker_and_text("\n".join(lines[index + 1 :]))
    return _Cue(number + index, start, end, speaker, text) if text else None


def _speaker_and_text(raw: str) -> tuple[str | None, str]:
    """A cue's (speaker from a <v Name> voice tag, plain text without tags or entities)."""
    voice = _VOICE.search(raw)
    return (voice[1].strip() if voice else None), " ".join(html.unescape(_TAG.sub("", raw)).split())


def _prefix(cue: _Cue) -> tuple[str, str] | None:
    m = _PREFIX.match(cue.text) if cue.speaker is None else None
    return (m[1].strip(), m[2].strip()) if m and len(m[1].split()) <= 6 else None


def _with_prefix_speakers(cues: list[_Cue]) -> list[_Cue]:
    """Take 'Name: text' prefixes as speakers, but only when most cues have one: a plain transcript
    with a stray "Here's the thing: ..." line keeps its text whole."""
    prefixes = [_prefix(c) for c in cues]
    if sum(p is not None for p in prefixes) * 2 < len(cues):
        return cues
    return [replace(c, speaker=p[0], text=p[1]) if p else c for c, p in zip(cues, prefixes, strict=True)]


# ---- formats --------------------------------------------------------------------------------------


def _parse_vtt(text: str, path: Path) -> list[_Cue]:
    blocks = _blocks(text)
    first = blocks[0][1][0] if blocks else ""
    if not first.startswith("WEBVTT"):
        hint = " (it looks like SRT: rename it to .srt)" if re.match(r"^\d+$", first.strip()) else ""
        raise TranscriptFormatError(
            f"{path}:1: missing header 'WEBVTT' (a WebVTT file starts with the line WEBVTT){hint}"
        )
    cues: list[_Cue] = []
    header_lines = blocks[0][1]
    if any("-->" in line for line in header_lines[1:]):
        raise TranscriptFormatError(f"{path}:{blocks[0][0] + 1}: leave a blank line after the WEBVTT header")
    for number, lines in blocks[1:]:
        if lines[0].split(" ", 1)[0].split("\t", 1)[0] in _SKIP_BLOCKS and "-->" not in lines[0]:
            continue
        cue = _cue_from_block(number, lines, path)
        if cue is not None:
            cues.append(cue)
    return cues


def _parse_srt(text: str, path: Path) -> list[_Cue]:
    cues: list[_Cue] = []
    for number, lines in _blocks(text):
        if "-->" not in lines[0] and not lines[0].strip().isdigit():
            raise TranscriptFormatError(
                f"{path}:{number}: expected a cue number or a timing line 'start --> end', got {lines[0]!r}"
            )
        cue = _cue_from_block(number, lines, path)
        if cue is not None:
            cues.append(cue)
    return cues


def _parse_whisper_json(text: str, path: Path) -> tuple[list[_Cue], str | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptFormatError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise TranscriptFormatError(
            f"{path}: is not a Whisper JSON transcript (expected an object with a 'segments' list, as "
            "written by `whisper --output_format json` or whisperX)"
        )
    cues = [_segment_cue(seg, f"{path}: segments[{i}]") for i, seg in enumerate(data["segments"])]
    language = data.get("language")
    return [c for c in cues if c.text], _language_code(language) if isinstance(language, str) else None


def _number(seg: dict[str, Any], key: str, where: str) -> float:
    value = seg.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TranscriptFormatError(f"{where}.{key}: expected a number of seconds, got {value!r}")
    return float(value)


def _segment_cue(seg: Any, where: str) -> _Cue:
    if not isinstance(seg, dict):
        raise TranscriptFormatError(f"{where}: expected an object with start, end and text")
    start, end = _number(seg, "start", where), _number(seg, "end", where)
    if end < start:
        raise TranscriptFormatError(f"{where}: ends ({end}) before it starts ({start})")
    if not isinstance(seg.get("text"), str):
        raise TranscriptFormatError(f"{where}.text: expected a string, got {seg.get('text')!r}")
    speaker = seg.get("speaker")
    words = tuple(_word(w) for w in seg.get("words") or () if isinstance(w, dict) and _timed(w))
    scores = (
        _optional_float(seg.get("avg_logprob")),
        _optional_float(seg.get("no_speech_prob")),
        _optional_float(seg.get("compression_ratio")),
    )
    text = " ".join(seg["text"].split())
    return _Cue(0, start, end, str(speaker) if speaker else None, text, words, scores)


def _timed(word: dict[str, Any]) -> bool:
    return all(isinstance(word.get(k), int | float) for k in ("start", "end")) and "word" in word


def _word(word: dict[str, Any]) -> Word:
    probability = word.get("probability", word.get("score"))
    return Word(float(word["start"]), float(word["end"]), str(word["word"]).strip(), _optional_float(probability))


def _optional_float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


# ---- speakers, roles, language --------------------------------------------------------------------


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


def _build(cues: list[_Cue], kind: ImportKind, forced: str | None, rep_names: list[str]) -> Transcript:
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
    return Transcript(utterances, language, duration, kind, languages=languages)


def _side_language(cues: list[_Cue], roles: list[Role], side: Role, fallback: str) -> str:
    """One side's language; the call's when that side says too little to tell."""
    found = detect_language(" ".join(c.text for c, r in zip(cues, roles, strict=True) if r == side))
    return fallback if found == "und" else found


_LANGUAGE_NAMES = {
    "english": "en", "italian": "it", "russian": "ru", "polish": "pl", "chinese": "zh",
    "german": "de", "spanish": "es", "french": "fr",
}  # fmt: skip


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _set("the and is are we you to of that it this for not with have be our was i"),
    "it": _set("il lo la gli le di che è non per con una un sono siamo abbiamo del della ci"),
    "pl": _set("i w nie się na że to jest z do jak ale my już są tak mamy czy tego"),
    "de": _set("der die das und ist nicht wir ich sie zu mit ein eine auf für den es"),
    "es": _set("el la los las que y es no por con una un para del estamos pero muy"),
    "fr": _set("le la les et est nous vous pas que une un pour avec des du ce je"),
}


def _language_code(value: str) -> str | None:
    value = value.strip().lower()
    if re.fullmatch(r"[a-z]{2,3}", value):
        return value
    return _LANGUAGE_NAMES.get(value)


def detect_language(text: str) -> str:
    """Cheap language guess: CJK → zh, kana → ja, Hangul → ko, Cyrillic → ru, Latin → a stop-word
    vote among en/it/pl/de/es/fr; "und" when there is too little to tell."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "und"
    for code, pattern in (("ja", r"[\u3040-\u30ff]"), ("ko", r"[\uac00-\ud7af]"), ("zh", r"[\u3400-\u9fff]"),
                          ("ru", r"[\u0400-\u04ff]")):  # fmt: skip
        if len(re.findall(pattern, text)) / len(letters) > 0.3:
            return code
    words = re.findall(r"[^\W\d_]+", text.casefold())
    votes = {code: sum(w in stops for w in words) for code, stops in _STOP_WORDS.items()}
    if re.search(r"[ąęłńśźż]", text.casefold()):
        votes["pl"] += 3
    best = max(votes, key=lambda code: votes[code])
    runner_up = max(v for code, v in votes.items() if code != best)
    return best if votes[best] >= 2 and votes[best] > runner_up else "und"
