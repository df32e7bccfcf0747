"""Post-call risk alerts: check the policies, list and show the outbox, deliver, retry, test a channel."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from assistant.alerts.delivery import Delivery, deliver_due, deliver_queued, send_test
from assistant.alerts.policies import load_policies, unknown_references
from assistant.errors import AlertError, DeliveryError
from assistant.records.alerts import AlertStatus, ChannelSpec, Policy, PolicySet, StoredAlert
from assistant.services.app import App
from assistant.storage import outbox

ALERT_STATUSES: tuple[str, ...] = get_args(AlertStatus)


@dataclass(frozen=True)
class PolicyCheck:
    path: Path
    exists: bool
    policies: PolicySet
    problems: tuple[str, ...]  # triggers naming categories or trackers the rules never produce


def check_policies(app: App, path: Path | None = None) -> PolicyCheck:
    """Load the policies file (a malformed one raises with file:line) and check its references."""
    from assistant.analysis.rules import load_ruleset  # the analysis stack loads when a check runs

    path = path or app.settings.alerts_path
    policies = load_policies(path)
    ruleset = load_ruleset(app.settings.rules_dir)
    problems = unknown_references(
        policies, categories={r.category for r in ruleset.rules}, trackers={r.id for r in ruleset.rules}
    )
    return PolicyCheck(path, path.is_file(), policies, tuple(problems))


def list_alerts(
    app: App, *, status: str | None = None, call_id: int | None = None, limit: int = 100
) -> list[StoredAlert]:
    if status is not None and status not in ALERT_STATUSES:
        raise AlertError(f"--status: {status!r} is not one of {', '.join(ALERT_STATUSES)}")
    return outbox.list_alerts(app.store, status=status, call_id=call_id, limit=limit)  # type: ignore[arg-type]


def get_alert(app: App, alert_id: int) -> StoredAlert:
    return outbox.get_alert(app.store, alert_id=alert_id)


def deliver(app: App, *, now: Collection[int] = ()) -> list[Delivery]:
    """Try every pending alert whose time has come, once each; failures stay queued for retry. With a job
    queue, the workers deliver: every pending alert gets a delivery job unless one waits already; the waiting
    job of an alert in ``now`` is brought forward from its scheduled retry to now."""
    from assistant.services.queue import defer_pending_alerts, uses_queue

    if not uses_queue(app.settings):
        return deliver_due(app.store, app.settings)
    return [
        Delivery(alert_id, policy, channel, "queued", attempts, done)
        for alert_id, policy, channel, attempts, done in defer_pending_alerts(app, now)
    ]


def deliver_one_queued(app: App, alert_id: int) -> Delivery | None:
    """A queue worker's attempt at one alert (see ``alerts.delivery.deliver_queued``)."""
    return deliver_queued(app.store, app.settings, alert_id)


def retry(app: App, alert_ids: list[int] | None = None) -> tuple[int, list[Delivery]]:
    """Re-queue failed (or the given) alerts with a fresh attempt count and deliver them now: a given alert
    whose retry was scheduled later is due now (the outbox's next attempt; with a queue, its job's time). The
    alert keeps its idempotency key, so a receiver still sees it once. A given alert being sent right now by
    another process is left alone (outcome ``busy``): it is sent once."""
    busy = [_being_sent(alert) for alert in outbox.leased(app.store, alert_ids=alert_ids or ())]
    count = outbox.reset_for_retry(app.store, alert_ids=alert_ids or None)
    return count, busy + deliver(app, now=[i for i in alert_ids or () if i not in {b.alert_id for b in busy}])


def _being_sent(alert: StoredAlert) -> Delivery:
    until = f"{alert.leased_until:%Y-%m-%d %H:%M:%S} UTC" if alert.leased_until else "its lease ends"
    why = (f"being sent right now by another process (attempt {alert.attempts}), not re-queued; if that process "
           f"stopped, the alert is due again at {until}")  # fmt: skip
    return Delivery(alert.id, alert.policy, alert.channel.name, "busy", alert.attempts, why)


def _test_specs(app: App, policy: str, channel: str | None) -> tuple[Policy, list[ChannelSpec]]:
    settings = app.settings
    policies = {p.name.lower(): p for p in load_policies(settings.alerts_path).policies}
    chosen = policies.get(policy.lower())
    if chosen is None:
        raise AlertError(f"{settings.alerts_path}: no policy named {policy!r} (known: {', '.join(policies) or 'none'})")
    specs = [c for c in chosen.channels if channel is None or c.name == channel]
    if not specs:
        raise AlertError(f"policy {chosen.name!r} has no channel {channel!r}")
    return chosen, specs


def test_channel(app: App, policy: str, channel: str | None = None) -> Iterator[tuple[str, str, str]]:
    """Send a made-up alert through a policy's channels now, one by one: (kind, channel name, receipt)."""
    chosen, specs = _test_specs(app, policy, channel)
    for spec in specs:
        yield spec.kind, spec.name, send_test(app.settings, spec, recipients=chosen.recipients)


@dataclass(frozen=True)
class ChannelTest:
    policy: str
    kind: str
    channel: str
    ok: bool
    detail: str  # the receipt ("HTTP 200") or why it failed


def test_channels(app: App, policy: str, channel: str | None = None) -> list[ChannelTest]:
    """Like ``test_channel``, but every channel is tried and a failure is a result, not an error (the web page
    shows each channel's outcome)."""
    chosen, specs = _test_specs(app, policy, channel)
    results = []
    for spec in specs:
        try:
            results.append(ChannelTest(chosen.name, spec.kind, spec.name, True, send_test(
                app.settings, spec, recipients=chosen.recipients)))  # fmt: skip
        except DeliveryError as exc:
            results.append(ChannelTest(chosen.name, spec.kind, spec.name, False, str(exc)))
    return results
