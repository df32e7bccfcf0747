"""A renewal brief as Markdown (to paste or share) or as a self-contained HTML page."""

from __future__ import annotations

import re
from html import escape

from assistant.analysis.conversation import REFERENCES
from assistant.analysis.risk import clock
from assistant.records.accounts import Brief, Quote


def money(amount: float | None, currency: str | None) -> str:
    return "unknown" if amount is None else f"{amount:,.0f} {currency or ''}".strip()


def headline(b: Brief) -> str:
    a = b.account
    when = "no renewal date" if a.renewal_date is None else f"renews {a.renewal_date}"
    if b.days_to_renewal is not None:
        days = b.days_to_renewal
        when += f" (in {days} days)" if days >= 0 else f" ({-days} days ago)"
    return f"{when}, ARR {money(a.arr, a.currency)}" + (f", owner {a.owner}" if a.owner else "")


def _quote_line(q: Quote) -> str:
    return f"call {q.call_id} at {clock(q.start)}, {q.speaker or 'unknown'}: \u201c{q.text}\u201d ({q.label})"


def sections(b: Brief) -> list[tuple[str, list[str]]]:
    """(heading, lines) in reading order; both renderers walk the same list."""
    calls = [
        f"call {c.id} {c.recorded_at.date() if c.recorded_at else 'undated'} [{c.language}] {c.title or ''}: "
        + (f"{c.risk_level} risk ({c.risk_score:.0f}/100)" if c.risk_score is not None else "not analysed")
        for c in b.calls
    ]
    risks = [f"{g.category} ({g.count}): " + "; ".join(_quote_line(q) for q in g.quotes) for g in b.risks]
    clips = [
        f"clip {c.clip_id} ({c.account or 'no account'}, call {c.call_id} {clock(c.start)}): {c.title}: {c.why}"
        for c in b.clips
    ]
    return [
        ("Warnings", [w.message for w in b.warnings] or ["none"]),
        ("Recent calls", calls or ["no calls recorded"]),
        ("Open risks", risks or ["no churn-risk language from the customer"]),
        ("Executives met", [_quote_line(q) for q in b.executives_met] or ["none spoke on a call"]),
        ("Executives mentioned", [_quote_line(q) for q in b.executives_mentioned] or ["none"]),
        ("Clips worth hearing first", clips or (list(b.notes) or ["no library clip with the same risks"])),
        ("Conversations (mean over the calls)", conversation_lines(b.conversation) or ["no call with both sides"]),
    ]


def conversation_lines(m: dict[str, float | int | None]) -> list[str]:
    """Talk ratio, monologues, interactivity, patience, questions, each beside Gong Labs' reference figure."""
    shown = [
        ("talk_ratio", "rep talk ratio", "{:.0f} %"),
        ("longest_monologue", "longest rep monologue", "{:.0f} s"),
        ("longest_customer_story", "longest customer story", "{:.0f} s"),
        ("interactivity", "interactivity", "{:.1f} switches/min"),
        ("patience", "patience", "{:.2f} s before answering"),
        ("rep_questions_per_hour", "rep questions", "{:.0f} per hour"),
    ]
    return [
        f"{label}: {form.format(m[key])} (reference: {REFERENCES[key].text})"
        for key, label, form in shown
        if m.get(key) is not None
    ]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|])")


def md(text: str) -> str:
    """Text for Markdown, shown as written: one line, raw HTML escaped (a title "<img onerror=...>" stays
    text), and emphasis, code, links and tables cannot be opened by data."""
    one_line = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", escape(one_line, quote=False))


def to_markdown(b: Brief) -> str:
    lines = [f"# Renewal brief: {md(b.account.name)}", "", f"{md(headline(b))}. Prepared {b.as_of}.", ""]
    for heading, items in sections(b):
        lines += [f"## {heading}", "", *[f"- {md(item)}" for item in items], ""]
    return "\n".join(lines)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45;color:#222}"
    "h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem}"
    ".warn li{color:#a40000}"
)


def to_html(b: Brief) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Renewal brief: {escape(b.account.name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Renewal brief: {escape(b.account.name)}</h1>",
        f"<p>{escape(headline(b))}. Prepared {b.as_of}.</p>",
    ]
    for heading, items in sections(b):
        css = ' class="warn"' if heading == "Warnings" and b.warnings else ""
        parts.append(f"<h2>{escape(heading)}</h2><ul{css}>")
        parts += [f"<li>{escape(item)}</li>" for item in items]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
