"""Which policies an analysed call triggers: pure functions, no database, no network.

A *risk* is a hit that is not negated, not hypothetical, has a positive weight and was said by the
customer's side (role ``customer`` or ``unknown``); ``trackers`` match any non-negated hit of the
given rule ids, whoever said it. ``only_new_risks`` keeps a policy quiet unless the call raises a risk
category not seen in the account's earlier calls (the caller passes those categories in).
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.records import Analysis, CallMetadata, Executive, Hit
from assistant.records.alerts import LEVELS, AlertDraft, AlertMessage, Policy, PolicySet, RiskLine

__all__ = ["evaluate", "risk_categories", "risk_hits"]


def risk_hits(analysis: Analysis) -> list[Hit]:
    return [
        h
        for h in analysis.hits
        if not h.negated and not h.hypothetical and h.weight > 0 and h.role in ("customer", "unknown")
    ]


def risk_categories(analysis: Analysis) -> frozenset[str]:
    return frozenset(h.category.lower() for h in risk_hits(analysis))


def evaluate(
    policies: PolicySet,
    *,
    analysis: Analysis,
    metadata: CallMetadata,
    language: str,
    source: str,
    seen_categories: Iterable[str] = (),
) -> tuple[AlertDraft, ...]:
    """One draft per (triggered policy, channel)."""
    seen = frozenset(c.lower() for c in seen_categories)
    drafts: list[AlertDraft] = []
    for policy in policies.policies:
        if not _passes_filters(policy, metadata, language):
            continue
        reasons = _reasons(policy, analysis, metadata)
        if not reasons:
            continue
        new = _new_categories(policy, analysis, seen)
        if policy.only_new_risks and not new:
            continue
        message = _message(policy, analysis, metadata, language, source, reasons, new)
        drafts.extend(AlertDraft(policy=policy.name, channel=spec, message=message) for spec in policy.channels)
    return tuple(drafts)


def _lower(values: Iterable[str]) -> set[str]:
    return {v.strip().lower() for v in values}


def _passes_filters(policy: Policy, metadata: CallMetadata, language: str) -> bool:
    f = policy.filters
    account = (metadata.account or "").strip().lower()
    if f.accounts and account not in _lower(f.accounts):
        return False
    if f.min_arr is not None and (metadata.arr is None or metadata.arr < f.min_arr):
        return False
    return not (f.languages and language.lower() not in f.languages)


def _reasons(policy: Policy, analysis: Analysis, metadata: CallMetadata) -> list[str]:
    """Why the trigger fired, one line per condition met; [] when it did not fire."""
    t = policy.trigger
    report = analysis.report
    checks: list[tuple[bool, str]] = []
    if t.level is not None:
        ok = LEVELS.index(report.level) >= LEVELS.index(t.level)
        checks.append((ok, f"risk level {report.level} (at least {t.level})"))
    if t.score is not None:
        checks.append((report.score >= t.score, f"risk score {report.score:.0f} ≥ {t.score:g}"))
    if t.categories:
        found = sorted(risk_categories(analysis) & set(t.categories))
        checks.append((bool(found), f"risk categories: {', '.join(found)}"))
    if t.trackers:
        wanted = _lower(t.trackers)
        rules = sorted({h.rule for h in analysis.hits if not h.negated and h.rule.lower() in wanted})
        checks.append((bool(rules), f"trackers: {', '.join(rules)}"))
    if t.executive_risk:
        voiced = _executives_voicing_risk(analysis)
        checks.append((bool(voiced), f"an executive voiced a risk: {', '.join(voiced)}"))
    if t.accounts:
        account = (metadata.account or "").strip().lower()
        checks.append((account in _lower(t.accounts), f"a call of account {metadata.account}"))
    met = [reason for ok, reason in checks if ok]
    fired = bool(met) if t.match == "any" else bool(checks) and len(met) == len(checks)
    return met if fired else []


def _executives_voicing_risk(analysis: Analysis) -> list[str]:
    hits = risk_hits(analysis)
    voiced: list[str] = []
    for e in analysis.executives:
        if e.kind != "speaking" or e.role == "rep":
            continue
        if any(_same_voice(e, h) for h in hits):
            voiced.append(f"{e.title} {e.name}" if e.name else e.title)
    return sorted(set(voiced))


def _same_voice(e: Executive, h: Hit) -> bool:
    if e.speaker is not None:
        return e.speaker == h.speaker
    return e.start <= h.start <= max(e.end, e.start)


def _new_categories(policy: Policy, analysis: Analysis, seen: frozenset[str]) -> frozenset[str]:
    new = risk_categories(analysis) - seen
    if policy.trigger.categories:
        new &= set(policy.trigger.categories)
    return frozenset(new)


def _message(
    policy: Policy,
    analysis: Analysis,
    metadata: CallMetadata,
    language: str,
    source: str,
    reasons: list[str],
    new: frozenset[str],
) -> AlertMessage:
    return AlertMessage(
        policy=policy.name,
        account=metadata.account,
        title=metadata.title,
        source=source,
        language=language,
        score=round(analysis.report.score, 1),
        level=analysis.report.level,
        reasons=tuple(reasons),
        risks=_top_risks(analysis, policy.top, new if policy.only_new_risks else frozenset()),
        executives=tuple(_executive_line(e) for e in analysis.executives),
        recipients=policy.recipients,
        arr=metadata.arr,
    )


def _top_risks(analysis: Analysis, top: int, new: frozenset[str]) -> tuple[RiskLine, ...]:
    """The strongest risk per rule, new categories first, then by weight × confidence."""
    best: dict[str, Hit] = {}
    for h in sorted(risk_hits(analysis), key=lambda h: (-h.weight * h.confidence, h.start)):
        best.setdefault(h.rule, h)
    ranked = sorted(best.values(), key=lambda h: (h.category.lower() not in new, -h.weight * h.confidence, h.start))
    return tuple(
        RiskLine(
            category=h.category,
            rule=h.rule,
            name=h.name,
            speaker=h.speaker,
            role=h.role,
            start=h.start,
            quote=h.text,
            new=h.category.lower() in new,
        )
        for h in ranked[:top]
    )


def _executive_line(e: Executive) -> str:
    who = f"{e.title} {e.name}" if e.name else e.title
    side = f", {e.role} side" if e.role != "unknown" else ""
    return f"{who} ({e.kind}{side})"
