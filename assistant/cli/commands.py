"""Where command groups are attached to the root app. One line per module."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from assistant.cli import calls, ingest, reanalyze, settings

    app.command("ingest")(ingest.ingest)
    app.add_typer(calls.app, name="calls")
    app.command("export")(calls.export_cli)
    app.command("settings")(settings.settings_cli)
    app.command("reanalyze")(reanalyze.reanalyze_cli)
    from assistant.cli import models

    app.add_typer(models.app, name="models")
    from assistant.cli import clips, search

    app.command("search")(search.search_cli)
    app.add_typer(clips.app, name="clips")
    app.add_typer(clips.collections_app, name="collections")
    app.add_typer(clips.outcome_app, name="outcome")
    from assistant.cli import alerts, watch

    app.add_typer(alerts.app, name="alerts")
    app.command("watch")(watch.watch)
    from assistant.cli import rules

    app.add_typer(rules.app, name="rules")
    from assistant.cli import accounts

    app.add_typer(accounts.app, name="accounts")
    app.command("renewals")(accounts.renewals_cli)
    app.command("brief")(accounts.brief_cli)
    app.command("churn")(accounts.churn_cli)
    app.command("signals")(accounts.signals_cli)
