"""One alert message, four shapes: JSON payload (generic webhook), Slack Block Kit, plain text, HTML."""

from __future__ import annotations

import html
from dataclasses import asdict
from typing import Any

from assistant.analysis.risk import clock
from assistant.records.alerts import AlertMessage, RiskLine

PAYLOAD_VERSION = 1


def subject(m: AlertMessage) -> str:
    who = m.account or m.title or m.source
    return f"[{m.level} risk {m.score:.0f}] {who}: {m.policy}"


def payload(m: AlertMessage, key: str) -> dict[str, Any]:
    """The generic webhook body; ``idempotency_key`` lets receivers drop repeats (at-least-once delivery)."""
    return {
        "version": PAYLOAD_VERSION,
        "idempotency_key": key,
        "policy": m.policy,
        "call": {
            "id": m.call_id,
            "account": m.account,
            "title": m.title,
            "source": m.source,
            "language": m.language,
            "arr": m.arr,
            "open": m.open_command,
        },
        "risk": {"score": m.score, "level": m.level},
        "reasons": list(m.reasons),
        "risks": [asdict(r) for r in m.risks],
        "executives": list(m.executives),
        "recipients": list(m.recipients),
    }


def _risk_text(r: RiskLine) -> str:
    new = " (new)" if r.new else ""
    return f"[{clock(r.start)}] {r.category}{new} — {r.speaker}: “{r.quote}”"


def text(m: AlertMessage) -> str:
    lines = [
        subject(m),
        "",
        f"Account: {m.account or '-'}    Call: {m.call_id} {m.title or m.source}",
        f"Risk: {m.level} ({m.score:.0f}/100)",
        f"Why: {'; '.join(m.reasons)}",
        "",
        "Top risks:",
        *(f"  {_risk_text(r)}" for r in m.risks),
    ]
    if m.executives:
        lines += ["", f"Executives: {', '.join(m.executives)}"]
    if m.recipients:
        lines += [f"For: {', '.join(m.recipients)}"]
    lines += ["", f"Open the call: {m.open_command}"]
    return "\n".join(lines) + "\n"


def html_body(m: AlertMessage) -> str:
    e = html.escape
    risks = "".join(
        f"<li><b>{e(clock(r.start))}</b> {e(r.category)}{' <i>(new)</i>' if r.new else ''} — "
        f"{e(r.speaker)}: <q>{e(r.quote)}</q></li>"
        for r in m.risks
    )
    execs = f"<p><b>Executives:</b> {e(', '.join(m.executives))}</p>" if m.executives else ""
    return (
        f"<html><body><h2>{e(subject(m))}</h2>"
        f"<p><b>Account:</b> {e(m.account or '-')}<br><b>Call:</b> {m.call_id} {e(m.title or m.source)}<br>"
        f"<b>Risk:</b> {e(m.level)} ({m.score:.0f}/100)<br><b>Why:</b> {e('; '.join(m.reasons))}</p>"
        f"<h3>Top risks</h3><ul>{risks}</ul>{execs}"
        f"<p>Open the call: <code>{e(m.open_command)}</code></p></body></html>"
    )


def slack(m: AlertMessage, key: str) -> dict[str, Any]:
    """Slack incoming-webhook body: ``text`` (notification fallback) plus Block Kit ``blocks``."""
    risks = "\n".join(f"• {_risk_text(r)}" for r in m.risks) or "(no quoted risk)"
    fields = [
        {"type": "mrkdwn", "text": f"*Account:*\n{m.account or '-'}"},
        {"type": "mrkdwn", "text": f"*Risk:*\n{m.level} ({m.score:.0f}/100)"},
        {"type": "mrkdwn", "text": f"*Call:*\n{m.call_id} {m.title or m.source}"},
        {"type": "mrkdwn", "text": f"*Why:*\n{'; '.join(m.reasons)}"},
    ]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": subject(m)[:150]}},
        {"type": "section", "fields": fields},
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Top risks*\n{risks}"[:3000]}},
    ]
    if m.executives:
        execs = f"*Executives:* {', '.join(m.executives)}"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": execs}})
    context = f"Open: `{m.open_command}` · policy {m.policy} · key {key[:12]}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": context}]})
    return {"text": subject(m), "blocks": blocks}
