"""`assistant clips ...`, `assistant collections ...`, `assistant outcome ...`: thin edges over the library."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, esc, fmt_time, print_json, print_table
from assistant.records.library import Clip, Collection
from assistant.services import library as service
from assistant.services.library import ClipInfo, clip_json

app = typer.Typer(help="Clips: add, list, show, edit, export, remove, suggest.", no_args_is_help=True)
collections_app = typer.Typer(help="Ordered collections of clips.", no_args_is_help=True)
outcome_app = typer.Typer(help="Renewal outcomes per account (and call).", no_args_is_help=True)
Opt = typer.Option
JsonFlag = Annotated[bool, Opt("--json", help="Print JSON instead of text.")]


def _clip_row(c: Clip) -> tuple[object, ...]:
    span = f"{fmt_time(c.start)}–{fmt_time(c.end)}"
    return (c.id, c.title, c.call_id, c.account, span, "yes" if c.audio_path else "", ", ".join(c.tags))


def _clip_rows(clips: list[Clip]) -> None:
    print_table(["id", "title", "call", "account", "span", "audio", "tags"], [_clip_row(c) for c in clips])


def _written(paths: list[Path], as_json: bool) -> None:
    if as_json:
        print_json([str(p) for p in paths])
    else:
        for p in paths:
            console.print(str(p), highlight=False, markup=False)


@app.command("add")
def add_cli(
    ctx: typer.Context,
    call: Annotated[int | None, Opt(help="Call id.")] = None,
    start: Annotated[float | None, Opt(help="Start, seconds.")] = None,
    end: Annotated[float | None, Opt(help="End, seconds.")] = None,
    hit: Annotated[int | None, Opt(help="The call's N-th risk hit (with the answer to it).")] = None,
    utterance: Annotated[int | None, Opt(help="A search hit's utterance_id (see `search --json`).")] = None,
    search: Annotated[str | None, Opt(help="Clip a hit of this search query.")] = None,
    rank: Annotated[int, Opt(min=1, help="Which hit of --search (1 = best).")] = 1,
    title: Annotated[str | None, Opt(help="Title (default: the first words).")] = None,
    tag: Annotated[list[str] | None, Opt(help="A tag; repeat for more.")] = None,
    notes: Annotated[str, Opt(help="Notes.")] = "",
    author: Annotated[str | None, Opt(help="Who curated it.")] = None,
    name: Annotated[str | None, Opt(help="File name (no folders).")] = None,
    text_only: Annotated[bool, Opt("--text-only", help="No audio, transcript excerpt only.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Add a clip from a call and time range, a risk hit, or a search hit."""
    info = ClipInfo(title=title, tags=tuple(tag or ()), notes=notes, author=author, name=name)
    clip = service.add_clip(
        application(ctx), info, call=call, start=start, end=end, hit=hit, utterance=utterance, query=search,
        rank=rank, text_only=text_only,
    )  # fmt: skip
    if as_json:
        print_json(clip_json(clip))
    else:
        console.print(f"clip {clip.id}: {clip.audio_path or clip.transcript_path}", highlight=False, markup=False)


@app.command("list")
def list_cli(
    ctx: typer.Context,
    tag: Annotated[str | None, Opt(help="Only clips with this tag.")] = None,
    call: Annotated[int | None, Opt(help="Only clips of this call.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List clips."""
    found = service.list_clips(application(ctx), tag=tag, call_id=call)
    if as_json:
        print_json([clip_json(c) for c in found])
    else:
        _clip_rows(found)


@app.command("show")
def show_cli(ctx: typer.Context, clip_id: Annotated[int, typer.Argument()], as_json: JsonFlag = False) -> None:
    """Show a clip with its transcript excerpt."""
    c = service.get_clip(application(ctx), clip_id)
    if as_json:
        print_json(clip_json(c))
        return
    console.print(f"[bold]{esc(c.title)}[/]  call {c.call_id}  {fmt_time(c.start)}–{fmt_time(c.end)}", highlight=False)
    audio = c.audio_path or "(transcript only)"
    console.print(f"audio: {audio}  tags: {', '.join(c.tags)}", highlight=False, markup=False)
    console.print(c.transcript, highlight=False, markup=False)


@app.command("edit")
def edit_cli(
    ctx: typer.Context,
    clip_id: Annotated[int, typer.Argument(help="Clip id.")],
    title: Annotated[str | None, Opt(help="New title.")] = None,
    notes: Annotated[str | None, Opt(help="New notes ('' clears them).")] = None,
    tag: Annotated[list[str] | None, Opt(help="A tag; repeat for more; replaces the clip's tags.")] = None,
    no_tags: Annotated[bool, Opt("--no-tags", help="Remove every tag.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Edit a clip's title, notes or tags (what is not given stays)."""
    tags = [] if no_tags else tag
    clip = service.edit_clip(application(ctx), clip_id, title=title, notes=notes, tags=tags)
    if as_json:
        print_json(clip_json(clip))
    else:
        console.print(f"clip {clip.id}: {clip.title} [{', '.join(clip.tags)}]", highlight=False, markup=False)


@app.command("export")
def export_cli(
    ctx: typer.Context,
    clip_id: Annotated[int, typer.Argument()],
    output: Annotated[Path, Opt("--output", "-o", help="Folder to write into.")] = Path("."),
    audio: Annotated[bool, Opt("--audio/--no-audio", help="Include the audio.")] = True,
    as_json: JsonFlag = False,
) -> None:
    """Export a clip: audio, transcript, metadata JSON."""
    written = service.export_clip(application(ctx), clip_id, output, audio=audio)
    _written(written, as_json)


@app.command("rm")
def rm_cli(ctx: typer.Context, clip_id: Annotated[int, typer.Argument()], as_json: JsonFlag = False) -> None:
    """Remove a clip and its files."""
    clip = service.remove_clip(application(ctx), clip_id)
    if as_json:
        print_json({"removed": clip.id})
    else:
        console.print(f"removed clip {clip.id}")


@app.command("suggest")
def suggest_cli(
    ctx: typer.Context,
    add: Annotated[list[int] | None, Opt(help="Turn suggestion N (from the list) into a clip; repeatable.")] = None,
    limit: Annotated[int, Opt(min=1)] = 50,
    as_json: JsonFlag = False,
) -> None:
    """Suggest moments no one curated yet: risks handled in won renewals, executives in the room."""
    if add:
        made = service.accept_suggestions(application(ctx), add, limit=limit)
        if as_json:
            print_json([clip_json(c) for c in made])
        else:
            _clip_rows(made)
        return
    found = service.suggest(application(ctx), limit=limit)
    if as_json:
        print_json(found)
        return
    for n, x in enumerate(found, start=1):
        console.print(f"[bold]{n}. {esc(x.title)}[/] (call {x.call_id}, {fmt_time(x.start)}–{fmt_time(x.end)})")
        console.print(f"   why: {x.why}", highlight=False, markup=False)


# ---- collections and outcomes -----------------------------------------------------------------------


def _collection(c: Collection, as_json: bool) -> None:
    if as_json:
        print_json(c)
    else:
        console.print(f"[bold]{esc(c.name)}[/] ({len(c.clip_ids)} clips): {esc(c.description)}", highlight=False)


@collections_app.command("create")
def collection_create(ctx: typer.Context, name: str, description: str = "", as_json: JsonFlag = False) -> None:
    """Create a collection."""
    _collection(service.create_collection(application(ctx), name, description), as_json)


@collections_app.command("list")
def collection_list(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List collections."""
    found = service.list_collections(application(ctx))
    if as_json:
        print_json(found)
    else:
        print_table(
            ["id", "name", "clips", "description"], [(c.id, c.name, len(c.clip_ids), c.description) for c in found]
        )


@collections_app.command("show")
def collection_show(ctx: typer.Context, name: str, as_json: JsonFlag = False) -> None:
    """Show a collection's clips in order."""
    c, clips = service.get_collection(application(ctx), name)
    if as_json:
        print_json(c)
        return
    _collection(c, False)
    _clip_rows(clips)


@collections_app.command("add")
def collection_add(
    ctx: typer.Context, name: str, clip_id: int, position: Annotated[int | None, Opt(min=1)] = None,
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Put a clip in a collection (at --position, default last)."""
    _collection(service.add_to_collection(application(ctx), name, clip_id, position), as_json)


@collections_app.command("remove")
def collection_remove(ctx: typer.Context, name: str, clip_id: int, as_json: JsonFlag = False) -> None:
    """Take a clip out of a collection (the clip stays in the library)."""
    _collection(service.remove_from_collection(application(ctx), name, clip_id), as_json)


@collections_app.command("rm")
def collection_rm(ctx: typer.Context, name: str) -> None:
    """Delete a collection (its clips stay)."""
    service.delete_collection(application(ctx), name)


@collections_app.command("export")
def collection_export(
    ctx: typer.Context, name: str, output: Annotated[Path, Opt("--output", "-o")] = Path("."),
    audio: Annotated[bool, Opt("--audio/--no-audio")] = True, as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Export a collection's clips in order, with collection.json."""
    written = service.export_collection(application(ctx), name, output, audio=audio)
    _written(written, as_json)


@outcome_app.command("set")
def outcome_set(
    ctx: typer.Context,
    account: str,
    status: Annotated[str, typer.Argument(help="renewed, expanded, downgraded, churned or open.")],
    date: Annotated[datetime | None, Opt("--date", help="When (YYYY-MM-DD).")] = None,
    call: Annotated[int | None, Opt(help="The call this outcome belongs to.")] = None,
    note: str = "",
    as_json: JsonFlag = False,
) -> None:
    """Record an account's renewal outcome."""
    on = date.date() if date else None
    o = service.set_outcome(application(ctx), account, status, on=on, call_id=call, note=note)
    if as_json:
        print_json(o)
    else:
        console.print(f"{o.account}: {o.status} {o.on or ''}", highlight=False, markup=False)


@outcome_app.command("list")
def outcome_list(ctx: typer.Context, account: str | None = None, as_json: JsonFlag = False) -> None:
    """List recorded outcomes."""
    found = service.list_outcomes(application(ctx), account=account)
    if as_json:
        print_json(found)
    else:
        print_table(
            ["id", "account", "status", "date", "call", "note"],
            [(o.id, o.account, o.status, o.on, o.call_id, o.note) for o in found],
        )
