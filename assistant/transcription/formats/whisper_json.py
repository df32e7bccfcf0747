"""Whisper JSON, as ``whisper --output_format json`` writes it: ``{"language", "segments": [{start, end,
text, words: [{word, start, end, probability}], avg_logprob, no_speech_prob, compression_ratio}]}``.

Errors name the file and the key path (``segments[3].start``). Written back with a ``speaker`` and
``role`` per segment, so an export imports again with its speakers.
"""

from __future__ import annotations

import json
import json.scanner
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.errors import TranscriptFormatError
from assistant.records import CallDetail, Utterance, Word
from assistant.transcription.formats.cues import Cue, Parsed, check_text, check_time
from assistant.transcription.formats.language import language_code
from assistant.transcription.formats.registry import TranscriptFormat


@lru_cache(maxsize=1)
def _parse(text: str) -> Any:
    return json.loads(text)  # cached: choosing the format and reading it parse the same text


def load(text: str, path: Path) -> Any:
    """The JSON document; an error with line and column, saying so when the file looks cut short."""
    try:
        return _parse(text)
    except json.JSONDecodeError as exc:
        cut = " (the file looks cut short: it ends inside an object or list)" if _unclosed(text) else ""
        raise TranscriptFormatError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}{cut}") from exc
    except RecursionError as exc:
        raise TranscriptFormatError(f"{path}:1: invalid JSON: nested too deeply to be a transcript") from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise TranscriptFormatError(f"{path}:1: invalid JSON: {str(exc).split(';')[0]}") from exc


def _unclosed(text: str) -> bool:
    """The text ends inside a string, object or list: a file cut short rather than one mistyped."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            in_string, escaped = (ch != '"' or escaped), (ch == "\\" and not escaped)
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return in_string or depth > 0


def sniff(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("segments"), list)


def read(text: str, path: Path) -> Parsed:
    data = load(text, path)
    if not sniff(data):
        raise TranscriptFormatError(
            f"{path}: is not a Whisper JSON transcript (expected an object with a 'segments' list, as "
            "written by `whisper --output_format json` or whisperX)"
        )
    language = data.get("language")
    return Parsed(segments(text, path, data), language_code(language) if isinstance(language, str) else None)


def segments(
    text: str, path: Path, data: dict[str, Any], speaker: Callable[[Any], str | None] | None = None
) -> list[Cue]:
    """The cues with text of every segment; an error names ``file:line`` of its segment and the key path."""
    cues = []
    for i, seg in enumerate(data["segments"]):
        try:
            cues.append(segment_cue(seg, f"segments[{i}]", speaker(seg) if speaker else None))
        except TranscriptFormatError as exc:
            raise TranscriptFormatError(f"{path}:{segment_line(text, i)}: {exc}") from exc
    return [c for c in cues if c.text]


def segment_line(text: str, index: int) -> int:
    """The line where ``segments[index]`` starts: the text parsed again, recording where each object begins."""
    starts: dict[int, int] = {}
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        obj, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        starts[id(obj)] = s_and_end[1] - 1
        return obj, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    segment = decoder.decode(text)["segments"][index]
    return text.count("\n", 0, starts.get(id(segment), 0)) + 1


def seconds(item: dict[str, Any], key: str, where: str) -> float:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TranscriptFormatError(f"{where}.{key}: expected a number of seconds, got {str(value)[:40]!r}")
    return check_time(float(value), f"{where}.{key}")


def segment_cue(seg: Any, where: str, speaker: str | None = None) -> Cue:
    """One segment as a cue; ``speaker`` when the caller knows it better than the segment."""
    if not isinstance(seg, dict):
        raise TranscriptFormatError(f"{where}: expected an object with start, end and text")
    start, end = seconds(seg, "start", where), seconds(seg, "end", where)
    if end < start:
        raise TranscriptFormatError(f"{where}: ends ({end}) before it starts ({start})")
    if not isinstance(seg.get("text"), str):
        raise TranscriptFormatError(f"{where}.text: expected a string, got {str(seg.get('text'))[:40]!r}")
    text = check_text(" ".join(seg["text"].split()), f"{where}.text")
    listed = seg.get("words")
    if listed is not None and not isinstance(listed, list):
        raise TranscriptFormatError(f"{where}.words: expected a list of words, got {str(listed)[:40]!r}")
    words = tuple(_word(w, f"{where}.words[{i}]") for i, w in enumerate(listed or ()) if _timed(w))
    scores = (_float(seg.get("avg_logprob")), _float(seg.get("no_speech_prob")), _float(seg.get("compression_ratio")))
    said = speaker or (str(seg["speaker"]) if seg.get("speaker") else None)
    return Cue(0, start, end, said, text, words, scores)


def words_of(seg: Any) -> list[Any]:
    """A segment's word objects (none when the segment or its ``words`` is not what it should be)."""
    listed = seg.get("words") if isinstance(seg, dict) else None
    return [w for w in listed if isinstance(w, dict)] if isinstance(listed, list) else []


def _timed(word: Any) -> bool:
    """A word with times (whisperX leaves them out for numbers it could not align)."""
    return isinstance(word, dict) and "word" in word and all(word.get(k) is not None for k in ("start", "end"))


def _word(word: dict[str, Any], where: str) -> Word:
    start, end = seconds(word, "start", where), seconds(word, "end", where)
    probability = word.get("probability", word.get("score"))
    return Word(start, end, str(word["word"]).strip(), _float(probability))


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


# ---- writing ---------------------------------------------------------------------------------------


def segment(i: int, u: Utterance) -> dict[str, object]:
    return {
        "id": i,
        "start": u.start,
        "end": u.end,
        "text": u.text,
        "speaker": u.speaker,
        "role": u.role,
        "language": u.language,
        "avg_logprob": u.avg_logprob,
        "no_speech_prob": u.no_speech_prob,
        "compression_ratio": u.compression_ratio,
        "words": [{"word": w.text, "start": w.start, "end": w.end, "probability": w.probability} for w in u.words],
    }


def write(call: CallDetail) -> str:
    t = call.transcript
    doc = {
        "call": call.summary.id,
        "language": t.language,
        "duration": t.duration,
        "text": " ".join(u.text for u in t.utterances),
        "segments": [segment(i, u) for i, u in enumerate(t.utterances)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


FORMAT = TranscriptFormat(
    name="json", suffixes=(".json",), kind="whisper-json", description="Whisper JSON (segments, words)",
    read=read, write=write, sniff=lambda text, path: sniff(load(text, path)),
)  # fmt: skip
