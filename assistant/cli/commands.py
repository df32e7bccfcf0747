"""Where command groups are attached to the root app, in the order of the pipeline."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from assistant.cli import (
        accounts,
        alerts,
        calls,
        clips,
        db,
        hits,
        ingest,
        jobs,
        model,
        models,
        reanalyze,
        reps,
        rules,
        search,
        serve,
        settings,
        users,
        watch,
    )

    # ingest and stored calls
    app.command("ingest")(ingest.ingest)
    app.add_typer(calls.app, name="calls")
    app.command("export")(calls.export_cli)
    app.add_typer(models.app, name="models")
    app.add_typer(reps.app, name="reps")
    # keyword rules
    rules.app.command("preview")(reanalyze.preview_cli)
    app.add_typer(rules.app, name="rules")
    app.add_typer(model.app, name="model")
    app.add_typer(hits.app, name="hits")
    app.command("reanalyze")(reanalyze.reanalyze_cli)
    # clip library
    app.command("search")(search.search_cli)
    app.add_typer(clips.app, name="clips")
    app.add_typer(clips.collections_app, name="collections")
    app.add_typer(clips.outcome_app, name="outcome")
    # alerts
    app.add_typer(alerts.app, name="alerts")
    app.command("watch")(watch.watch)
    # accounts and analytics
    app.add_typer(accounts.app, name="accounts")
    app.command("renewals")(accounts.renewals_cli)
    app.command("brief")(accounts.brief_cli)
    app.command("churn")(accounts.churn_cli)
    app.command("signals")(accounts.signals_cli)
    app.command("settings")(settings.settings_cli)
    # web app and API
    app.command("serve")(serve.serve_cli)
    app.add_typer(users.app, name="users")
    app.add_typer(users.tokens_app, name="tokens")
    # scale-out: the database, the job queue and its workers (docs/deploy.md)
    app.add_typer(db.app, name="db")
    app.command("worker")(jobs.worker_cli)
    app.add_typer(jobs.app, name="jobs")
