"""`assistant reps enroll|list|remove|metrics`: rep voiceprints and each rep's conversation metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.context import application
from assistant.cli.output import console, esc, print_json, print_table
from assistant.services import speakers
from assistant.services.views import metrics_json

app = typer.Typer(help="Reps: enrolled voiceprints (who the rep is on mono calls) and conversation metrics.")
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
METRIC_LABELS = {
    "talk_ratio": ("talk ratio (rep %)", "{:.0f} %"),
    "longest_monologue": ("longest rep monologue", "{:.0f} s"),
    "longest_customer_story": ("longest customer story", "{:.0f} s"),
    "interactivity": ("interactivity (switches/min)", "{:.1f}"),
    "patience": ("patience (rep pause before answering)", "{:.2f} s"),
    "rep_questions_per_hour": ("rep questions per hour", "{:.0f}"),
}


@app.command("enroll")
def enroll_cli(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The rep's name, as in call metadata (e.g. 'Alex Morgan').")],
    files: Annotated[list[Path], typer.Argument(help="Recordings of the rep (mono, or stereo with the rep channel).")],
    as_json: JsonFlag = False,
) -> None:
    """Store NAME's voiceprint from recordings of them; on mono calls their voice is then recognised."""
    voiceprint, notes = speakers.enroll_rep(application(ctx), name, files)
    if as_json:
        print_json({"name": voiceprint.name, "model": voiceprint.model, "seconds": voiceprint.seconds,
                    "sources": voiceprint.sources, "notes": notes})  # fmt: skip
        return
    for note in notes:
        console.print(f"[yellow]note:[/] {esc(note)}")
    console.print(
        f"Enrolled {esc(voiceprint.name)}: {voiceprint.seconds:.0f} s of speech from {len(voiceprint.sources)} "
        f"file(s), model {esc(voiceprint.model)}"
    )


@app.command("list")
def list_cli(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Enrolled reps."""
    rows = speakers.list_reps(application(ctx))
    if as_json:
        print_json([{"name": r.name, "model": r.model, "seconds": r.seconds, "sources": r.sources} for r in rows])
        return
    print_table(
        ["rep", "speech", "model", "from"],
        [(r.name, f"{r.seconds:.0f} s", r.model, ", ".join(r.sources)) for r in rows],
    )


@app.command("remove")
def remove_cli(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="An enrolled rep.")], as_json: JsonFlag = False
) -> None:
    """Forget a rep's voiceprint."""
    speakers.remove_rep(application(ctx), name)
    if as_json:
        print_json({"removed": name})
    else:
        console.print(f"Removed the voiceprint of {esc(name)}")


@app.command("metrics")
def metrics_cli(
    ctx: typer.Context,
    rep: Annotated[str | None, typer.Option(help="Only this rep.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Conversation metrics per rep (mean over their calls), beside the reference figures sales teams use."""
    by_rep = speakers.rep_metrics(application(ctx), rep=rep)
    if as_json:
        print_json({name: metrics_json(values) for name, values in by_rep.items()})
        return
    if not by_rep:
        console.print("No calls with a rep yet" + (f" named {esc(rep)}" if rep else ""))
        return
    names = list(by_rep)
    refs = metrics_json(by_rep[names[0]])["references"]
    print_table(
        ["metric", *names, "reference"],
        [[label, *(_fmt(by_rep[n].get(key), form) for n in names), refs[key]["text"]]
         for key, (label, form) in METRIC_LABELS.items()]
        + [["calls", *(str(by_rep[n]["calls"]) for n in names), ""]],
    )  # fmt: skip


def _fmt(value: Any, form: str) -> str:
    return "" if value is None else form.format(value)


def print_metrics(view: dict[str, Any]) -> None:
    """The metrics block of `calls show` (a ``metrics_json`` view): value, how it compares, the reference."""
    for key, (label, form) in METRIC_LABELS.items():
        value, ref = view["values"].get(key), view["references"][key]
        if value is None:
            continue
        flag = {"high": " [red](high)[/]", "low": " [red](low)[/]", "ok": " [green](ok)[/]"}.get(ref["verdict"], "")
        console.print(f"  {esc(label)}: {esc(_fmt(value, form))}{flag}  [dim]{esc(ref['text'])}[/]")
