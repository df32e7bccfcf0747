"""The clip library: clips (from a time range, a risk hit, a search hit, a suggestion), collections,
exports and renewal outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from assistant.errors import ClipError, NotFoundError
from assistant.library import clips as lc
from assistant.library import export, suggestions
from assistant.library.clips import ClipInfo
from assistant.records.library import Clip, Collection, Outcome, Suggestion
from assistant.services.app import App
from assistant.services.search import search
from assistant.storage import library as lib
from assistant.storage import library_outcomes as outcomes

__all__ = ["ClipInfo", "clip_json"]
clip_json = export.clip_json


def add_clip(
    app: App, info: ClipInfo, *, call: int | None = None, start: float | None = None, end: float | None = None,
    hit: int | None = None, utterance: int | None = None, query: str | None = None, rank: int = 1,
    text_only: bool = False,
) -> Clip:  # fmt: skip
    """A clip from an utterance, the ``rank``-th hit of a search, a call's N-th risk hit, or a time range. Its
    title, notes and tags are checked as `clips edit` checks them (the same messages)."""
    store, settings, info = app.store, app.settings, _checked(info)
    if utterance is not None:
        return lc.clip_from_utterance(store, settings, utterance_id=utterance, info=info, text_only=text_only)
    if query is not None:
        hits = search(app, query, limit=rank).hits
        if len(hits) < rank:
            raise ClipError(f"--search: {query!r} has {len(hits)} hits; --rank {rank} is out of range")
        return lc.clip_from_search_hit(store, settings, hit=hits[rank - 1], info=info, text_only=text_only)
    if call is None:
        raise ClipError("--call: give a call with --start/--end or --hit, or use --utterance / --search")
    if hit is not None:
        return lc.clip_from_risk_hit(store, settings, call_id=call, hit_number=hit, info=info, text_only=text_only)
    if start is None or end is None:
        raise ClipError("--start / --end: both are needed for a clip of a time range (seconds)")
    return lc.create_clip(store, settings, call_id=call, start=start, end=end, info=info, text_only=text_only)


def list_clips(app: App, *, tag: str | None = None, call_id: int | None = None) -> list[Clip]:
    return lib.list_clips(app.store, tag=tag, call_id=call_id)


def get_clip(app: App, clip_id: int) -> Clip:
    return lib.get_clip(app.store, clip_id=clip_id)


MAX_TAGS, MAX_TAG, MAX_TITLE, MAX_NOTES = 20, 50, 200, 5000


def _clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags trimmed, empty ones dropped, each once (in any case); ClipError naming the tag that is not fine."""
    kept: dict[str, str] = {}
    for tag in (t.strip() for t in tags):
        if not tag:
            continue
        if len(tag) > MAX_TAG or "," in tag or not tag.isprintable():
            raise ClipError(f"tag {tag[:60]!r}: at most {MAX_TAG} printable characters, no commas")
        kept.setdefault(tag.casefold(), tag)
    if len(kept) > MAX_TAGS:
        raise ClipError(f"tags: at most {MAX_TAGS} per clip, not {len(kept)}")
    return tuple(kept.values())


def _clean_title(title: str) -> str:
    if not (title := title.strip()):
        raise ClipError("title: must not be empty")
    if len(title) > MAX_TITLE:
        raise ClipError(f"title: at most {MAX_TITLE} characters")
    return title


def _check_notes(notes: str) -> str:
    if len(notes) > MAX_NOTES:
        raise ClipError(f"notes: at most {MAX_NOTES} characters")
    return notes


def _checked(info: ClipInfo) -> ClipInfo:
    """A new clip's title (None: made from its text), notes and tags, checked and cleaned as an edit's are."""
    title = None if info.title is None else _clean_title(info.title)
    return replace(info, title=title, notes=_check_notes(info.notes), tags=_clean_tags(info.tags))


def edit_clip(
    app: App, clip_id: int, *, title: str | None = None, notes: str | None = None, tags: Sequence[str] | None = None
) -> Clip:
    """Change a clip's title, notes or tags in place (None leaves one as it is)."""
    title = None if title is None else _clean_title(title)
    notes = None if notes is None else _check_notes(notes)
    cleaned = None if tags is None else _clean_tags(tags)
    return lib.update_clip(app.store, clip_id=clip_id, title=title, notes=notes, tags=cleaned)


def export_clip(app: App, clip_id: int, dest: Path, *, audio: bool = True) -> list[Path]:
    return export.export_clip(app.store, clip_id=clip_id, dest=dest, audio=audio)


def clip_audio(app: App, clip_id: int) -> Path:
    """The clip's audio file on this machine (for the web app to send); NotFoundError when it has none,
    MediaMissingError naming the file and media_root when this machine cannot see it."""
    clip = lib.get_clip(app.store, clip_id=clip_id)
    if clip.audio_path is None:
        raise NotFoundError(f"clip {clip_id} has no audio (it was made from a transcript)")
    return app.media_file(clip.audio_path, f"clip {clip_id}: its audio file")


def remove_clip(app: App, clip_id: int) -> Clip:
    return lc.remove_clip(app.store, clip_id=clip_id)


def suggest(app: App, *, limit: int = 50) -> list[Suggestion]:
    """Moments no one curated yet: risks handled in won renewals, executives in the room."""
    return suggestions.suggest(app.store, limit=limit)


def accept_suggestions(app: App, picks: list[int], *, limit: int = 50) -> list[Clip]:
    """Turn suggestions number ``picks`` (1-based, as listed by ``suggest``) into clips."""
    found = suggest(app, limit=limit)
    if not all(1 <= n <= len(found) for n in picks):
        raise ClipError(f"--add: pick numbers from 1 to {len(found)}")
    return [suggestions.accept(app.store, app.settings, found[n - 1]) for n in picks]


def create_collection(app: App, name: str, description: str = "") -> Collection:
    return lib.create_collection(app.store, name=name, description=description)


def list_collections(app: App) -> list[Collection]:
    return lib.list_collections(app.store)


def get_collection(app: App, name: str) -> tuple[Collection, list[Clip]]:
    """A collection and its clips in order."""
    c = lib.get_collection(app.store, name=name)
    return c, [lib.get_clip(app.store, clip_id=i) for i in c.clip_ids]


def add_to_collection(app: App, name: str, clip_id: int, position: int | None = None) -> Collection:
    return lib.add_to_collection(app.store, name=name, clip_id=clip_id, position=position)


def remove_from_collection(app: App, name: str, clip_id: int) -> Collection:
    return lib.remove_from_collection(app.store, name=name, clip_id=clip_id)


def delete_collection(app: App, name: str) -> None:
    lib.delete_collection(app.store, name=name)


def export_collection(app: App, name: str, dest: Path, *, audio: bool = True) -> list[Path]:
    return export.export_collection(app.store, name=name, dest=dest, audio=audio)


def set_outcome(
    app: App, account: str, status: str, *, on: date | None = None, call_id: int | None = None, note: str = ""
) -> Outcome:
    return outcomes.set_outcome(app.store, account=account, status=status, on=on, call_id=call_id, note=note)


def list_outcomes(app: App, *, account: str | None = None) -> list[Outcome]:
    return outcomes.list_outcomes(app.store, account=account)
