"""`assistant model ...`: train and inspect the learned churn-risk model (a thin edge over services.churn_model)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, err_console, print_json, print_table
from assistant.records.embeddings import EmbeddingStatus, EmbedResult
from assistant.services.app import App

app = typer.Typer(help="The learned churn-risk model: train it, show what it is.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]


@app.command("train")
def train_cli(
    ctx: typer.Context,
    corpus: Annotated[list[Path] | None, typer.Option(help="Folder of labelled *.yaml (repeatable).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Head file to write.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (same lines + seed = same head).")] = 7,
    verdicts: Annotated[
        bool, typer.Option(help="Also learn from the managers' verdicts (hits confirm/reject/add).")
    ] = True,
    jobs: Annotated[
        int | None, typer.Option(min=1, help="Fits at once (default: the cores, at most 6); the same head either way.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Train the head on the labelled lines (the checkout's corpora unless --corpus) and write it."""
    from assistant.services.churn_model import train_model

    with console.status("embedding the labelled lines and training …", spinner="dots"):
        path, report = train_model(application(ctx), corpus, output, seed=seed, verdicts=verdicts, jobs=jobs)
    if as_json:
        print_json({"file": str(path), **asdict(report)})
        return
    console.print(f"trained on {report.examples} lines (digest {report.digest}, seed {report.seed}) → {path}",
                  highlight=False, markup=False)  # fmt: skip
    print_table(("category", "lines"), sorted(report.per_category.items()), title="labels")


@app.command("info")
def info_cli(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Option(help="Head file (default: the setting, else the shipped one).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the head in use: file, embedder, categories, threshold, how it was trained."""
    from assistant.services.churn_model import model_info

    info = model_info(application(ctx), file)
    if as_json:
        print_json(info)
        return
    rows = [(k, v if isinstance(v, str) else str(v)) for k, v in info.items() if k != "training_lines"]
    print_table(("field", "value"), rows, title="churn-risk model")
    lines = info["training_lines"]
    says = (
        lines.get("note") or f"trained on the {lines['repo_lines']} labelled lines of this checkout ({lines['repo']})"
    )
    console.print(says, highlight=False, markup=False)


@app.command("embed")
def embed_cli(
    ctx: typer.Context,
    call_ids: Annotated[
        list[int] | None, typer.Argument(help="Calls to embed again (see `assistant calls list`).")
    ] = None,
    all_calls: Annotated[bool, typer.Option("--all", help="Every stored call.")] = False,
    enqueue: Annotated[
        bool | None,
        typer.Option(
            "--enqueue/--no-enqueue",
            help="Queue the work for `assistant worker` processes (PostgreSQL); default: the job_queue setting.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Store the sentence embedding of every utterance (meaning search, reanalysis): by default the calls whose
    lines have none, or one of another embedding model; after the embedding model changed, --all."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from assistant.services.churn_model import calls_to_embed, embed_calls, embedding_status

    app_ = application(ctx)
    if enqueue if enqueue is not None else app_.settings.job_queue:
        _enqueue_embed(app_, call_ids, all_calls, as_json)
        return
    ids = calls_to_embed(app_, call_ids, every=all_calls)
    columns = (TextColumn("embedding"), BarColumn(), MofNCompleteColumn())
    results: list[EmbedResult] = []
    with Progress(*columns, console=err_console, transient=True, disable=as_json or not ids) as progress:
        task = progress.add_task("embedding", total=len(ids))
        for result in embed_calls(app_, ids):
            results.append(result)
            progress.advance(task)
    status = embedding_status(app_)
    if as_json:
        print_json({"calls": results, "status": status})
    else:
        _print_embedded(results, status)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _enqueue_embed(app_: App, call_ids: list[int] | None, every: bool, as_json: bool) -> None:
    from assistant.services.queue import enqueue_embeddings

    job_id = enqueue_embeddings(app_, call_ids, every=every)
    message = f"queued as job {job_id} on 'default'" if job_id else "already queued (the same work waits for a worker)"
    if as_json:
        print_json({"job_id": job_id, "queue": "default", "message": message})
    else:
        err_console.print(f"embedding {message}, see `assistant jobs list`", highlight=False, markup=False)


def _print_embedded(results: list[EmbedResult], status: EmbeddingStatus) -> None:
    if results:
        print_table(
            ("call", "status", "utterances", "note"), [(r.call_id, r.status, r.utterances, r.message) for r in results]
        )
    else:
        console.print("Every stored utterance already has an embedding of the current model.", highlight=False)
    stale = ", ".join(f"{n} of {m}" for m, n in status.stale.items()) or "none"
    console.print(f"{status.model}: {status.current} of {status.utterances} utterances embedded; other models: "
                  f"{stale}; missing: {status.missing}", highlight=False, markup=False)  # fmt: skip
