"""The renewal brief of one account, and the list of upcoming renewals ranked by risk.

What a seasoned customer-success manager looks at before a renewal: the date and the money, the recent
calls and their risk, open risks by category with the customer's own words, which executives were met
and which were only talked about, warnings (single-threaded, decision moved up, risk rising, gone quiet),
and the library clips worth hearing first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from itertools import pairwise

from assistant.analysis.conversation import measure, per_rep
from assistant.analysis.risk import clock
from assistant.errors import InputError
from assistant.records import CallDetail
from assistant.records.accounts import (
    AccountRecord,
    Brief,
    BriefCall,
    BriefWarning,
    Quote,
    Renewal,
    RiskGroup,
)
from assistant.storage import accounts as stored
from assistant.storage import calls as stored_calls
from assistant.storage.db import Store

QUIET_DAYS = 30  # warn when no call in this many days while a renewal is coming
RECENT_CALLS = 10
QUOTES_PER_CATEGORY = 3
_GENERIC = re.compile(r"^(customer|rep|unknown|speaker\s*\d*|spk_?\d+|channel\s*\d+|\d+)$", re.IGNORECASE)


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _newest_first(details: Sequence[CallDetail]) -> list[CallDetail]:
    return sorted(details, key=lambda d: (d.summary.recorded_at is None, str(d.summary.recorded_at)), reverse=True)


def _brief_call(d: CallDetail) -> BriefCall:
    s = d.summary
    return BriefCall(s.id, s.title, s.recorded_at, s.language, s.risk_score, s.risk_level, s.executive_present)


def open_risks(details: Sequence[CallDetail]) -> tuple[RiskGroup, ...]:
    """Customer hits (not negated, not hypothetical) grouped by category, newest call first."""
    groups: dict[str, list[Quote]] = defaultdict(list)
    for d in details:
        for h in d.analysis.hits if d.analysis else ():
            if h.role == "customer" and not h.negated and not h.hypothetical:
                groups[h.category].append(
                    Quote(d.summary.id, h.start, h.speaker, h.text, h.name, d.summary.recorded_at)
                )
    ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    return tuple(RiskGroup(cat, len(q), tuple(q[:QUOTES_PER_CATEGORY])) for cat, q in ordered)


def executives(details: Sequence[CallDetail], kind: str) -> tuple[Quote, ...]:
    out = []
    for d in details:
        for e in d.analysis.executives if d.analysis else ():
            if e.kind == kind and e.role != "rep":
                label = f"{e.title} {e.name}" if e.name else e.title
                out.append(Quote(d.summary.id, e.start, e.speaker or "", e.quote, label, d.summary.recorded_at))
    return tuple(out)


# ---- warnings ---------------------------------------------------------------------------------------------


def _renewal_warnings(account: AccountRecord, as_of: date) -> list[BriefWarning]:
    if account.renewal_date is None:
        return [BriefWarning("no-renewal-date", "no renewal date: import it from the CRM (assistant accounts import)")]
    if account.renewal_date < as_of and account.status != "churned":
        return [
            BriefWarning(
                "renewal-past",
                f"the renewal date {account.renewal_date} is in the past: record the outcome or update it in the CRM",
            )
        ]
    return []


def single_threaded(account: AccountRecord, details: Sequence[CallDetail]) -> BriefWarning | None:
    """All customer speech, across every call, from one named person (or one CRM contact when unnamed)."""
    speakers = {u.speaker for d in details for u in d.transcript.utterances if u.role == "customer"}
    named = {s for s in speakers if not _GENERIC.match(s.strip())}
    if len(named) == 1 and len(named) == len(speakers):
        who = next(iter(named))
        return BriefWarning(
            "single-threaded",
            f"single-threaded: all customer speech across {len(details)} call(s) came from {who}; "
            "if they leave, the account goes with them: bring a second contact into the next call",
        )
    if not named and speakers and len(account.contacts) == 1:
        who = account.contacts[0].name
        return BriefWarning("single-threaded", f"single-threaded: {who} is the only contact in the CRM")
    return None


def exec_not_met(met: Sequence[Quote], mentioned: Sequence[Quote]) -> list[BriefWarning]:
    """An executive talked about but never on a call: the decision may have moved up without us."""
    spoke = {q.label.split()[0].upper() for q in met}
    out, seen = [], set()
    for q in mentioned:
        title = q.label.split()[0].upper()
        if title in spoke or title in seen:
            continue
        seen.add(title)
        out.append(
            BriefWarning(
                "exec-not-met",
                f"decision moved up: the {q.label} was mentioned (call {q.call_id} at {clock(q.start)}: "
                f"\u201c{q.text}\u201d) but has not been on a call; ask for a meeting before the renewal",
            )
        )
    return out


def risk_rising(calls: Sequence[BriefCall], last: int = 3) -> BriefWarning | None:
    scores = [c.risk_score for c in reversed(calls) if c.risk_score is not None][-last:]
    if len(scores) == last and all(a < b for a, b in pairwise(scores)):
        trend = " → ".join(f"{s:.0f}" for s in scores)
        return BriefWarning("risk-rising", f"risk rising across the last {last} calls: {trend}")
    return None


def gone_quiet(account: AccountRecord, calls: Sequence[BriefCall], as_of: date, days: int) -> BriefWarning | None:
    if not calls:
        return BriefWarning("no-calls", "no calls recorded for this account: nothing to judge the renewal by")
    if account.renewal_date is None or account.renewal_date < as_of:
        return None
    last = max((c.recorded_at.date() for c in calls if c.recorded_at), default=None)
    if last is None or (as_of - last).days <= days:
        return None
    return BriefWarning(
        "quiet",
        f"no call in {(as_of - last).days} days (last on {last}) with the renewal in "
        f"{(account.renewal_date - as_of).days} days: book one now",
    )


def warnings(
    account: AccountRecord, details: Sequence[CallDetail], calls: Sequence[BriefCall], as_of: date, quiet_days: int
) -> tuple[BriefWarning, ...]:
    found: list[BriefWarning | None] = [*_renewal_warnings(account, as_of)]
    found += [single_threaded(account, details)] if details else []
    found += exec_not_met(executives(details, "speaking"), executives(details, "mentioned"))
    found += [risk_rising(calls), gone_quiet(account, calls, as_of, quiet_days)]
    return tuple(w for w in found if w is not None)


# ---- the brief --------------------------------------------------------------------------------------------


def _details(store: Store, account: AccountRecord) -> list[CallDetail]:
    return [stored_calls.get_call(store, call_id=i) for i in stored.call_ids(store, account_id=account.id)]


def build_brief(
    store: Store, account_name: str, *, as_of: date | None = None, quiet_days: int = QUIET_DAYS, clips: int = 5
) -> Brief:
    if quiet_days < 0:
        raise InputError(f"--quiet-days must be 0 or more (got {quiet_days})")
    as_of = as_of or date.today()
    account = stored.get_account(store, name=account_name)
    details = _newest_first(_details(store, account))
    calls = tuple(_brief_call(d) for d in details)
    risks = open_risks(details)
    from assistant.accounts.brief_clips import clips_worth_hearing

    picks, notes = clips_worth_hearing(store, details, risks, limit=clips)
    return Brief(
        account=account,
        as_of=as_of,
        days_to_renewal=(account.renewal_date - as_of).days if account.renewal_date else None,
        calls=calls[:RECENT_CALLS],
        risks=risks,
        executives_met=executives(details, "speaking"),
        executives_mentioned=executives(details, "mentioned"),
        warnings=warnings(account, details, calls, as_of, quiet_days),
        clips=tuple(picks),
        notes=tuple(notes),
        conversation=per_rep([measure(d.transcript) for d in details]) if details else {},
    )


def renewals(store: Store, *, within_days: int, as_of: date | None = None) -> tuple[list[Renewal], list[str]]:
    """Accounts renewing in the next ``within_days`` days, riskiest first; notes name past renewals."""
    if within_days < 0:
        raise InputError(f"--within must be 0 days or more (got {within_days})")
    as_of = as_of or date.today()
    accounts = [a for a in stored.list_accounts(store) if a.renewal_date and a.status != "churned"]
    past = [a for a in accounts if a.renewal_date and a.renewal_date < as_of]
    listed = ", ".join(f"{a.name} {a.renewal_date}" for a in past[:5])
    notes = [f"{len(past)} account(s) have a renewal date in the past ({listed}): record the outcome or update it"]
    notes = notes if past else []
    upcoming = [a for a in accounts if a.renewal_date and 0 <= (a.renewal_date - as_of).days <= within_days]
    rows = [_renewal(store, a, as_of) for a in upcoming]
    rows.sort(key=lambda r: (r.risk_score is None, -(r.risk_score or 0.0), r.days_left))
    return rows, notes


def _renewal(store: Store, account: AccountRecord, as_of: date) -> Renewal:
    details = _newest_first(_details(store, account))
    calls = tuple(_brief_call(d) for d in details)
    scored = [c for c in calls if c.risk_score is not None]
    assert account.renewal_date is not None  # filtered by the caller
    return Renewal(
        account=account.name,
        renewal_date=account.renewal_date,
        days_left=(account.renewal_date - as_of).days,
        arr=account.arr,
        currency=account.currency,
        owner=account.owner,
        risk_score=scored[0].risk_score if scored else None,
        risk_level=scored[0].risk_level if scored else None,
        last_call=next((_day(c.recorded_at) for c in calls if c.recorded_at), None),
        calls=len(calls),
        warnings=tuple(w.kind for w in warnings(account, details, calls, as_of, QUIET_DAYS)),
    )
