"""Churn maths, exact and pure: customer (logo) churn, retention, revenue churn, net revenue retention.

The formulas of the seed articles:

- customer churn rate = customers lost in the period ÷ customers at its start. Customers **won inside the
  period are left out** of both counts, even those who also left inside it: start 1,000, 850 of them still
  there at the end, 300 won of which 15 left → 150 / 1,000 = 15 %, not (150 + 15) / 1,000 = 16.5 %.
- retention rate = customers from the start still there at the end ÷ customers at the start (1 − churn).
- revenue churn = ARR of the customers who left ÷ ARR at the start (beside logo churn: losing a few large
  customers differs from losing many small ones).
- net revenue retention = (ARR at start + expansion − contraction − ARR lost) ÷ ARR at start, over the
  customers present at the start.
- a churn rate is flagged when its monthly equivalent, 1 − (1 − r)^(1 / months), is above 1 %.

A rate that cannot be computed (no customers, zero revenue at the start) is ``None`` and a note says why:
never a division by zero, never a silent 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from assistant.errors import InputError
from assistant.records.accounts import ArrChange, Customer, PeriodChurn, PeriodKind

MONTHLY_CHURN_FLAG = 0.01
PERIOD_KINDS: tuple[str, ...] = ("month", "quarter", "year")


def ratio(numerator: float, denominator: float, what: str) -> tuple[float | None, str | None]:
    """numerator / denominator, or (None, reason) when the denominator is zero."""
    if denominator == 0:
        return None, f"{what}: undefined (nothing at the start of the period to divide by)"
    return numerator / denominator, None


def churn_rate(customers_at_start: int, lost: int) -> float | None:
    """Customers lost ÷ customers at the start; None when there were no customers at the start."""
    _check_counts(customers_at_start, lost)
    return ratio(lost, customers_at_start, "churn rate")[0]


def churn_from_counts(*, at_start: int, at_end: int, won: int = 0, won_lost: int = 0) -> float | None:
    """Churn rate from head counts.

    ``at_end`` counts the customers *from the start* still there at the end; ``won`` customers won in the
    period (``won_lost`` of whom left again) are excluded, as the formula requires.
    """
    if at_end > at_start:
        raise InputError(
            f"at_end ({at_end}) is more than at_start ({at_start}): count only customers from the start at "
            "the end; customers won in the period go in 'won'"
        )
    if won_lost > won:
        raise InputError(f"won_lost ({won_lost}) is more than won ({won})")
    return churn_rate(at_start, at_start - at_end)


def _check_counts(at_start: int, lost: int) -> None:
    if at_start < 0 or lost < 0:
        raise InputError(f"customer counts cannot be negative (at start {at_start}, lost {lost})")
    if lost > at_start:
        raise InputError(f"lost ({lost}) is more than customers at the start ({at_start})")


def monthly_equivalent(rate: float, months: float) -> float:
    """The monthly churn that, compounded over ``months``, gives ``rate``."""
    if months <= 0:
        raise InputError(f"a period must last more than 0 months (got {months})")
    if rate >= 1:
        return 1.0
    return rate if months == 1 else 1 - (1 - rate) ** (1 / months)


# ---- periods -----------------------------------------------------------------------------------------


def _month_start(d: date, step: int) -> date:
    months = d.year * 12 + d.month - 1 + step
    return date(months // 12, months % 12 + 1, 1)


def _align(d: date, kind: str) -> date:
    if kind == "year":
        return date(d.year, 1, 1)
    if kind == "quarter":
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    return date(d.year, d.month, 1)


MAX_PERIODS = 1200  # a hundred years of months
_STEP = {"month": 1, "quarter": 3, "year": 12}


def periods(first: date, last: date, kind: str) -> list[tuple[date, date]]:
    """Calendar periods (start, day after the end) covering first..last inclusive; 'range' = one period."""
    if last < first:
        raise InputError(f"--to ({last}) is before --from ({first})")
    if last.year >= date.max.year:
        raise InputError(f"--to ({last}) is too far ahead: give a day before {date.max.year}-01-01")
    if kind in PERIOD_KINDS and kind != "range" and (last.year - first.year + 1) * 12 > MAX_PERIODS * _STEP[kind]:
        raise InputError(f"{first}..{last} has more than {MAX_PERIODS} {kind}s: give a shorter span or a longer period")
    if kind == "range":
        return [(first, last + timedelta(days=1))]
    if kind not in PERIOD_KINDS:
        raise InputError(f"period {kind!r} is not one of month, quarter, year, range")
    step = _STEP[kind]
    out, start = [], _align(first, kind)
    while start <= last:
        nxt = _month_start(start, step)
        out.append((start, nxt))
        start = nxt
    return out


def months_between(start: date, end: date) -> float:
    if start.day == 1 and end.day == 1:
        return float((end.year - start.year) * 12 + end.month - start.month)
    return (end - start).days / (365.25 / 12)


# ---- one period over a portfolio ---------------------------------------------------------------------


def arr_at(history: Sequence[ArrChange], day: date) -> float | None:
    """ARR in force on ``day``: the last change on or before it; None when nothing is known by then."""
    value = None
    for change in history:
        if change.on > day:
            break
        value = change.arr
    return value


def _split(customers: Sequence[Customer], start: date, end: date) -> tuple[list[Customer], ...]:
    at_start = [c for c in customers if c.since < start and (c.churned_on is None or c.churned_on >= start)]
    lost = [c for c in at_start if c.churned_on is not None and c.churned_on < end]
    won = [c for c in customers if start <= c.since < end]
    won_lost = [c for c in won if c.churned_on is not None and c.churned_on < end]
    return at_start, lost, won, won_lost


def _revenue(at_start: list[Customer], lost: list[Customer], start: date, end: date) -> tuple[float, ...]:
    """(ARR at start, ARR lost, expansion, contraction, customers with unknown ARR)."""
    arr_start = arr_lost = expansion = contraction = 0.0
    unknown = 0
    gone = {id(c) for c in lost}
    last_day = end - timedelta(days=1)
    for c in at_start:
        before = arr_at(c.arr_history, start - timedelta(days=1))
        if before is None:
            before = arr_at(c.arr_history, start)
        if before is None:
            unknown += 1
            continue
        arr_start += before
        if id(c) in gone:
            arr_lost += before
            continue
        after = arr_at(c.arr_history, last_day)
        delta = (after if after is not None else before) - before
        expansion += max(delta, 0.0)
        contraction += max(-delta, 0.0)
    return arr_start, arr_lost, expansion, contraction, float(unknown)


def period_churn(
    customers: Sequence[Customer],
    start: date,
    end: date,
    kind: PeriodKind = "range",
    *,
    flag_above: float = MONTHLY_CHURN_FLAG,
) -> PeriodChurn:
    """Logo and revenue churn of the period [start, end) (``end`` is the first day after it)."""
    at_start, lost, won, won_lost = _split(customers, start, end)
    notes: list[str] = []
    rate, why = ratio(len(lost), len(at_start), f"churn rate: no customers at the start ({start})")
    notes += [why] if why else []
    arr_start, arr_lost, expansion, contraction, unknown = _revenue(at_start, lost, start, end)
    if unknown:
        notes.append(f"{int(unknown)} customer(s) at the start have no ARR and are left out of revenue figures")
    rev, why = ratio(arr_lost, arr_start, f"revenue churn: zero ARR at the start ({start})")
    notes += [why] if why and at_start else []
    nrr = None if rev is None else (arr_start + expansion - contraction - arr_lost) / arr_start
    monthly = None if rate is None else monthly_equivalent(rate, months_between(start, end))
    return PeriodChurn(
        start=start,
        end=end,
        kind=kind,
        customers_at_start=len(at_start),
        lost=len(lost),
        won=len(won),
        won_lost=len(won_lost),
        customers_at_end=len(at_start) - len(lost) + len(won) - len(won_lost),
        churn_rate=rate,
        retention_rate=None if rate is None else 1 - rate,
        arr_at_start=arr_start if at_start and unknown < len(at_start) else None,
        arr_lost=arr_lost,
        expansion=expansion,
        contraction=contraction,
        revenue_churn=rev,
        net_revenue_retention=nrr,
        monthly_equivalent=monthly,
        flagged=monthly is not None and monthly > flag_above + 1e-12,  # 1 % exactly is not above 1 %
        notes=tuple(notes),
    )


def churn_series(customers: Sequence[Customer], first: date, last: date, per: str = "range") -> list[PeriodChurn]:
    """period_churn for every month / quarter / year (or the one range) covering first..last inclusive."""
    return [period_churn(customers, s, e, per) for s, e in periods(first, last, per)]  # type: ignore[arg-type]
