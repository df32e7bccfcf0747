"""`assistant alerts check|list|show|retry|deliver|test-channel`: the alert policies and the outbox."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.alerts import render
from assistant.alerts.delivery import Delivery
from assistant.cli.context import application
from assistant.cli.output import console, esc, print_json, print_table
from assistant.errors import AlertError
from assistant.records.alerts import Policy, StoredAlert
from assistant.redact import mask_webhook
from assistant.services import alerts as service
from assistant.services.views import alert_json, policy_json

app = typer.Typer(help="Post-call risk alerts: check policies, list and retry deliveries.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _trigger_text(p: Policy) -> str:
    t = p.trigger
    parts = [
        f"level ≥ {t.level}" if t.level else "",
        f"score ≥ {t.score:g}" if t.score is not None else "",
        f"categories {', '.join(t.categories)}" if t.categories else "",
        f"trackers {', '.join(t.trackers)}" if t.trackers else "",
        "executive voiced a risk" if t.executive_risk else "",
        f"accounts {', '.join(t.accounts)}" if t.accounts else "",
    ]
    return (" or " if t.match == "any" else " and ").join(x for x in parts if x)


@app.command("check")
def check_cli(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Policies file (default: alerts_file).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Validate the alert policies file; every problem is printed as file:line: message."""
    checked = service.check_policies(application(ctx), file)
    path, policies, problems = checked.path, checked.policies, list(checked.problems)
    if as_json:
        views = [policy_json(p) for p in policies.policies]
        print_json({"file": path, "exists": checked.exists, "policies": views, "problems": problems})
    for line in [] if as_json else problems:
        console.print(line, markup=False, soft_wrap=True)
    if problems:
        raise AlertError(f"{len(problems)} policy trigger(s) name categories or trackers the rules never produce")
    if as_json:
        return
    if not checked.exists:
        console.print(f"{esc(path)}: no policies file, so no alerts (see docs/alerts.example.yaml)")
        return
    rows = [(p.name, p.line, _trigger_text(p), ", ".join(c.name for c in p.channels)) for p in policies.policies]
    print_table(["policy", "line", "trigger", "channels"], rows, title=f"{path}: {len(rows)} policies OK")


def _when(a: StoredAlert) -> str:
    if a.status == "sent" and a.sent_at:
        return f"sent {a.sent_at:%Y-%m-%d %H:%M}"
    return f"next {a.next_attempt_at:%Y-%m-%d %H:%M:%S}" if a.next_attempt_at and a.status == "pending" else ""


@app.command("list")
def list_cli(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only alerts in this state: pending, sent or failed.")] = None,
    call: Annotated[int | None, typer.Option(help="Only alerts of this call.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 100,
    as_json: JsonFlag = False,
) -> None:
    """List alerts in the outbox, newest first, with their delivery state."""
    if status not in (None, "pending", "sent", "failed"):
        raise typer.BadParameter(f"{status!r} is not one of pending, sent, failed", param_hint="--status")
    rows = service.list_alerts(application(ctx), status=status, call_id=call, limit=limit)
    if as_json:
        print_json([alert_json(a) for a in rows])
        return
    print_table(
        ["id", "call", "account", "policy", "channel", "status", "tries", "when", "last error"],
        [
            (a.id, a.call_id, a.message.account, a.policy, a.channel.name, a.status, a.attempts, _when(a),
             (a.last_error or "")[:60])
            for a in rows
        ],
    )  # fmt: skip


@app.command("show")
def show_cli(
    ctx: typer.Context,
    alert_id: Annotated[int, typer.Argument(help="Alert id (see `assistant alerts list`).")],
    as_json: JsonFlag = False,
) -> None:
    """Show one alert: delivery state, attempt history and the message it carries."""
    a = service.get_alert(application(ctx), alert_id)
    if as_json:
        print_json(alert_json(a))
        return
    target = mask_webhook(a.channel.url) if a.channel.url else ", ".join(a.channel.to) or "(policy recipients)"
    channel = f"{a.channel.kind} {a.channel.name} ({target})"
    console.print(f"[bold]Alert {a.id}[/] policy {esc(repr(a.policy))} → {esc(channel)}")
    console.print(
        f"status {esc(a.status)}, {a.attempts} attempt(s) {esc(_when(a))}; idempotency key {esc(a.key)}",
        highlight=False,
    )
    if a.last_error:
        console.print(f"[red]last error:[/] {esc(a.last_error)}", highlight=False)
    for line in a.history:
        console.print(f"  {line}", highlight=False, markup=False)
    console.print()
    console.print(render.text(a.message), highlight=False, markup=False)


def _print_deliveries(results: list[Delivery], as_json: bool) -> None:
    """What each delivery attempt did; exit status 1 when one of them gave up for good."""
    if as_json:
        print_json(results)
    elif not results:
        console.print("no alert is due")
    for r in [] if as_json else results:
        line = f"alert {r.alert_id} {r.policy} → {r.channel}: {r.outcome} ({r.detail})"
        console.print(line, highlight=False, markup=False)
    if any(r.outcome == "failed" for r in results):
        raise typer.Exit(1)


@app.command("deliver")
def deliver_cli(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Deliver every pending alert whose time has come (run it from cron, or let `assistant watch` do it)."""
    _print_deliveries(service.deliver(application(ctx)), as_json)


@app.command("retry")
def retry_cli(
    ctx: typer.Context,
    alert_ids: Annotated[list[int] | None, typer.Argument(help="Alert ids; default: every failed alert.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Re-queue failed (or the given) alerts with a fresh attempt count and deliver them now: a given alert
    whose next retry was scheduled later is due now (with a job queue, its waiting job runs now). An alert
    being sent right now is left alone (exit status 1)."""
    count, results = service.retry(application(ctx), alert_ids)
    if not as_json:
        console.print(f"{count} alert(s) re-queued")
    _print_deliveries(results, as_json)
    if any(r.outcome == "busy" for r in results):
        raise typer.Exit(1)


@app.command("test-channel")
def test_channel_cli(
    ctx: typer.Context,
    policy: Annotated[str, typer.Argument(help="Policy name in the policies file.")],
    channel: Annotated[str | None, typer.Option(help="Only this channel of the policy (default: all).")] = None,
) -> None:
    """Send a made-up alert through a policy's channels now, to check URLs, secrets and SMTP settings."""
    for kind, name, receipt in service.test_channel(application(ctx), policy, channel):
        console.print(f"{kind} {name}: ok ({receipt})", highlight=False, markup=False)
