"""Clips: a span of a stored call with its audio cut from the original recording and its transcript excerpt.

A clip comes from a call and a time range, from a search hit (its utterance), or from a risk hit (the
customer's utterance, plus the rep's answer), snapped to utterance boundaries with padding. Files go in
``settings.clips_dir`` under a generated name (``clip-0007-price-objection.ogg`` + ``.txt``); a user-given
name with path separators or ``..`` is refused, and nothing is ever written outside that folder.
Transcript-only calls (VTT/SRT/JSON imports) give transcript-only clips. A recording moved or deleted since
ingest is a ClipError that says how to keep a transcript-only clip instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ClipError, MediaMissingError, NotFoundError
from assistant.files import write_text
from assistant.records import CallDetail, Utterance
from assistant.records.library import Clip, SearchHit
from assistant.settings import Settings
from assistant.storage import calls as stored
from assistant.storage import library as lib
from assistant.storage.db import Store

AUDIO_FORMATS = ("ogg", "wav", "flac", "mp3")
_NAME = re.compile(r"[^\W_][\w .-]{0,79}")
_TOLERANCE = 0.5  # seconds a requested end may pass the call's duration (rounding of durations)


@dataclass(frozen=True)
class ClipInfo:
    """What the user says about a clip."""

    title: str | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    author: str | None = None
    name: str | None = None  # file name stem; generated from the title when None


def fmt_time(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def check_name(name: str) -> str:
    """A user-given file name stem, or a ClipError saying why it cannot be one."""
    if "/" in name or "\\" in name or ".." in name or "\x00" in name or not _NAME.fullmatch(name):
        raise ClipError(
            f"name: {name!r} is not a safe file name; use letters, digits, spaces, '-', '_' or '.' "
            "(no path separators, no '..', at most 80 characters)"
        )
    return name


def slug(text: str) -> str:
    out = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return out[:48].rstrip("-") or "clip"


def clip_stem(clip_id: int, info: ClipInfo) -> str:
    return f"clip-{clip_id:04d}-{check_name(info.name) if info.name else slug(info.title or '')}"


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing anything that would land outside ``folder``."""
    root = folder.resolve()
    path = (root / name).resolve()
    if path.parent != root:
        raise ClipError(f"name: {name!r} would be written outside {root}; pick a plain file name")
    return path


def excerpt(utterances: Sequence[Utterance], start: float, end: float) -> str:
    """The transcript lines that overlap [start, end]."""
    lines = [
        f"[{fmt_time(u.start)}] {u.speaker} ({u.role}): {u.text}" for u in utterances if u.end > start and u.start < end
    ]
    return "\n".join(lines)


def check_span(call: CallDetail, start: float, end: float) -> tuple[float, float]:
    """The span, validated against the call; ClipError names the bad field."""
    duration, cid = call.summary.duration, call.summary.id
    if start < 0:
        raise ClipError(f"start: {start:.2f} s is before the beginning of call {cid}")
    if end <= start:
        raise ClipError(f"end: {end:.2f} s is not after start {start:.2f} s")
    if start >= duration:
        raise ClipError(f"start: {start:.2f} s is after the end of call {cid} ({duration:.2f} s long)")
    if end > duration + _TOLERANCE:
        raise ClipError(f"end: {end:.2f} s is after the end of call {cid} ({duration:.2f} s long)")
    return start, min(end, duration)


def snap(
    utterances: Sequence[Utterance], start: float, end: float, padding: float, duration: float
) -> tuple[float, float]:
    """Widen [start, end] to the boundaries of the utterances it touches, then pad (within the call)."""
    touched = [u for u in utterances if u.end > start and u.start < end]
    if touched:
        start, end = min(start, *(u.start for u in touched)), max(end, *(u.end for u in touched))
    return max(0.0, start - padding), min(duration, end + padding)


def _recording(store: Store, call: CallDetail, text_only: bool) -> Path | None:
    """The recording to cut (found through the media store), None for a transcript-only clip; ClipError
    when this machine cannot see it."""
    if text_only or call.summary.source_kind != "audio":
        return None
    try:
        return store.media.local(call.summary.source_path)
    except MediaMissingError as exc:
        raise ClipError(
            f"call {call.summary.id}: the recording is missing: {exc}; put it back, or make a transcript-only "
            "clip (--text-only)"
        ) from exc


def _header(call: CallDetail, title: str, start: float, end: float) -> str:
    s = call.summary
    return f"{title}\ncall {s.id} ({s.account or 'no account'}), {fmt_time(start)}–{fmt_time(end)}\n\n"


def create_clip(
    store: Store,
    settings: Settings,
    *,
    call_id: int,
    start: float,
    end: float,
    info: ClipInfo | None = None,
    snap_to_utterances: bool = False,
    padding: float = 0.0,
    text_only: bool = False,
    origin: str = "range",
    audio_format: str = "ogg",
) -> Clip:
    """Cut a clip of ``call_id`` from ``start`` to ``end`` seconds; the row and its files, or nothing."""
    info = info or ClipInfo()
    if audio_format not in AUDIO_FORMATS:
        raise ClipError(f"format: {audio_format!r} is not one of {', '.join(AUDIO_FORMATS)}")
    if info.name:
        check_name(info.name)
    call = stored.get_call(store, call_id=call_id)
    start, end = check_span(call, start, end)
    if snap_to_utterances or padding:
        start, end = snap(call.transcript.utterances, start, end, padding, call.summary.duration)
    src = _recording(store, call, text_only)
    text = excerpt(call.transcript.utterances, start, end)
    title = info.title or (text.split(": ", 1)[-1][:60] if text else f"Call {call_id} at {fmt_time(start)}")
    info = ClipInfo(title, tuple(info.tags), info.notes, info.author, info.name)
    draft = Clip(0, call_id, title, start, end, text, info.tags, info.notes, info.author, origin)

    def write_files(clip_id: int) -> tuple[str | None, str | None]:
        stem = clip_stem(clip_id, info)
        audio, txt = _write_files(settings.clips_dir, stem, src, draft, _header(call, title, start, end), audio_format)
        return (store.media.name(audio) if audio else None), store.media.name(txt)  # relative under media_root

    return lib.add_clip(store, clip=draft, write_files=write_files)


def _write_files(
    folder: Path, stem: str, src: Path | None, clip: Clip, header: str, audio_format: str = "ogg"
) -> tuple[Path | None, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    txt = inside(folder, f"{stem}.txt")
    audio = inside(folder, f"{stem}.{audio_format}") if src else None
    try:
        if audio is not None and src is not None:
            from assistant.audio import cut_clip

            cut_clip(src, clip.start, clip.end, audio)
        write_text(txt, header + clip.transcript + "\n")
    except BaseException:
        for path in (audio, txt):
            if path is not None:
                path.unlink(missing_ok=True)
        raise
    return audio, txt


def clip_from_utterance(
    store: Store,
    settings: Settings,
    *,
    utterance_id: int,
    padding: float = 0.5,
    info: ClipInfo | None = None,
    text_only: bool = False,
    origin: str = "search",
) -> Clip:
    """A clip of one utterance (e.g. a search hit's ``utterance_id``), padded."""
    span = lib.utterance_span(store, utterance_id=utterance_id)
    if span is None:
        raise NotFoundError(f"utterance: no utterance with id {utterance_id} (ids come from `assistant search --json`)")
    call_id, start, end = span
    return create_clip(
        store, settings, call_id=call_id, start=start, end=end, padding=padding, info=info, text_only=text_only,
        origin=origin,
    )  # fmt: skip


def clip_from_search_hit(
    store: Store, settings: Settings, *, hit: SearchHit, padding: float = 0.5, info: ClipInfo | None = None,
    text_only: bool = False,
) -> Clip:  # fmt: skip
    """A clip of a search hit's utterance, padded."""
    return clip_from_utterance(
        store, settings, utterance_id=hit.utterance_id, padding=padding, info=info, text_only=text_only
    )


def risk_span(call: CallDetail, hit_number: int, with_answer: bool = True) -> tuple[float, float]:
    """The span of the call's ``hit_number``-th hit (1-based, in time order): its utterance, plus the rep's
    answer (the next utterance by the other side) when there is one."""
    hits = call.analysis.hits if call.analysis else ()
    if not 1 <= hit_number <= len(hits):
        raise ClipError(f"hit: call {call.summary.id} has {len(hits)} risk hits; pick a number from 1 to {len(hits)}")
    hit = hits[hit_number - 1]
    utterances = call.transcript.utterances
    start, end = hit.start, hit.end
    if 0 <= hit.utterance_index < len(utterances):
        own = utterances[hit.utterance_index]
        start, end = min(start, own.start), max(end, own.end)
        answer = next((u for u in utterances[hit.utterance_index + 1 :] if u.role != own.role), None)
        if with_answer and answer is not None:
            end = max(end, answer.end)
    return start, end


def clip_from_risk_hit(
    store: Store, settings: Settings, *, call_id: int, hit_number: int, padding: float = 0.5,
    info: ClipInfo | None = None, text_only: bool = False,
) -> Clip:  # fmt: skip
    """A clip of a risk hit and the answer to it (see ``risk_span``), snapped and padded."""
    start, end = risk_span(stored.get_call(store, call_id=call_id), hit_number)
    return create_clip(
        store, settings, call_id=call_id, start=start, end=end, padding=padding, info=info, text_only=text_only,
        origin="hit",
    )  # fmt: skip


def remove_clip(store: Store, *, clip_id: int) -> Clip:
    """Delete the clip and its files (only files inside the clips folder it wrote)."""
    clip = lib.delete_clip(store, clip_id=clip_id)
    for name in (clip.audio_path, clip.transcript_path):
        if name:
            store.media.delete(name)
    return clip
