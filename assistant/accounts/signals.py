"""Which signals predict churn: per tracker and category, churn where it fired vs where it did not.

Pure maths on ``AccountSignals`` (one per account whose ending is known: churned, or stayed).

- churn rate where a signal fired = churned accounts with it ÷ accounts with it; the same without it.
  Each rate gets a **Wilson score interval** (95 %), which stays inside 0..1 for small counts.
- lift = the risk ratio of those two rates, with a **Katz log interval** (95 %):
  ln(RR) ± 1.96 · √(1/a − 1/n₁ + 1/c − 1/n₀). When a cell is zero, 0.5 is added to all four cells
  (Haldane–Anscombe) for the interval only.
- ROC AUC of the risk score: the chance a churned account scores above a retained one (Mann–Whitney:
  every churned/retained pair counts 1 when ordered right, 0.5 on a tie), with the Hanley–McNeil interval.
- verdicts in plain words; below ``min_events`` churned (or retained) accounts nothing is concluded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from assistant.records.accounts import AccountSignals, AucResult, Interval, SignalsReport, SignalStat

Z95 = 1.959963984540054
MIN_EVENTS = 5  # fewer churned (or retained) accounts than this: too few to conclude
MIN_FIRED = 3  # a signal seen in fewer accounts than this: too few to conclude
METHOD = (
    "churn rates with Wilson 95 % intervals; lift = risk ratio with a Katz log 95 % interval "
    "(0.5 added to every cell when one is zero); ROC AUC by Mann–Whitney (ties count 0.5) with the "
    "Hanley–McNeil 95 % interval; account risk score = the highest score of its calls"
)


def wilson(k: int, n: int, z: float = Z95) -> Interval | None:
    """Wilson score interval for k successes out of n; None when n is 0."""
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def risk_ratio(a: int, n1: int, c: int, n0: int, z: float = Z95) -> tuple[float | None, Interval | None]:
    """(a/n1) / (c/n0) and its Katz log interval; (None, None) when a group is empty."""
    if n1 == 0 or n0 == 0:
        return None, None
    rr = (a / n1) / (c / n0) if c else None
    if 0 in (a, c, n1 - a, n0 - c):
        a_, c_, n1_, n0_ = a + 0.5, c + 0.5, n1 + 1.0, n0 + 1.0
    else:
        a_, c_, n1_, n0_ = float(a), float(c), float(n1), float(n0)
    log_rr = math.log((a_ / n1_) / (c_ / n0_))
    se = math.sqrt(1 / a_ - 1 / n1_ + 1 / c_ - 1 / n0_)
    return rr, Interval(math.exp(log_rr - z * se), math.exp(log_rr + z * se))


def mann_whitney_auc(churned: Sequence[float], retained: Sequence[float]) -> float | None:
    """P(score of a churned account > score of a retained one), ties 0.5; None without both kinds."""
    if not churned or not retained:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in churned for n in retained)
    return wins / (len(churned) * len(retained))


def hanley_mcneil(auc: float, n_pos: int, n_neg: int, z: float = Z95) -> Interval:
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    var = (auc * (1 - auc) + (n_pos - 1) * (q1 - auc * auc) + (n_neg - 1) * (q2 - auc * auc)) / (n_pos * n_neg)
    se = math.sqrt(max(var, 0.0))
    return Interval(max(0.0, auc - z * se), min(1.0, auc + z * se))


# ---- per signal -------------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _verdict(s: SignalStat, churned: int, retained: int, min_events: int) -> tuple[str, bool]:
    if churned < min_events:
        return f"too few churned accounts ({churned}) to conclude; need at least {min_events}", False
    if retained < min_events:
        return f"too few accounts that stayed ({retained}) to conclude; need at least {min_events}", False
    if s.fired < MIN_FIRED:
        return f"fired in only {s.fired} account(s): too few to conclude", False
    if s.not_fired == 0:
        return "fired in every account: it cannot tell churn from renewal", False
    rates = f"{_pct(s.churn_when_fired)} churned where it fired vs {_pct(s.churn_when_not)} where it did not"
    ci = s.lift_ci
    lift = "∞" if s.lift is None else f"{s.lift:.2f}"
    span = f"lift {lift}, 95 % CI {ci.low:.2f}–{ci.high:.2f}" if ci else f"lift {lift}"
    if ci and ci.low > 1:
        return f"predicts churn: {rates} ({span}); trust it", True
    if ci and ci.high < 1:
        return f"fires where accounts stay: {rates} ({span}); not a churn signal as written", True
    return f"no clear difference: {rates} ({span}, spans 1); noisy: tighten or drop it", False


def signal_stat(
    kind: Literal["tracker", "category"], key: str, accounts: Sequence[AccountSignals], min_events: int = MIN_EVENTS
) -> SignalStat:
    has = [a for a in accounts if key in (a.rules if kind == "tracker" else a.categories)]
    hasnt = [a for a in accounts if key not in (a.rules if kind == "tracker" else a.categories)]
    a, c = sum(x.churned for x in has), sum(x.churned for x in hasnt)
    lift, lift_ci = risk_ratio(a, len(has), c, len(hasnt))
    stat = SignalStat(
        kind=kind,
        key=key,
        fired=len(has),
        fired_churned=a,
        not_fired=len(hasnt),
        not_fired_churned=c,
        churn_when_fired=a / len(has) if has else None,
        churn_when_not=c / len(hasnt) if hasnt else None,
        fired_ci=wilson(a, len(has)),
        not_fired_ci=wilson(c, len(hasnt)),
        lift=lift,
        lift_ci=lift_ci,
        verdict="",
        conclusive=False,
    )
    churned = sum(x.churned for x in accounts)
    verdict, conclusive = _verdict(stat, churned, len(accounts) - churned, min_events)
    return SignalStat(**{**stat.__dict__, "verdict": verdict, "conclusive": conclusive})


def auc_result(churned: Sequence[float], retained: Sequence[float], what: str, min_events: int) -> AucResult:
    auc = mann_whitney_auc(churned, retained)
    if auc is None:
        missing = "churned" if not churned else "retained"
        return AucResult(None, len(churned), len(retained), None, f"{what}: no {missing} {what} with a risk score")
    ci = hanley_mcneil(auc, len(churned), len(retained))
    text = f"{what}: AUC {auc:.2f} (95 % CI {ci.low:.2f}–{ci.high:.2f}), {len(churned)} churned vs {len(retained)}"
    if min(len(churned), len(retained)) < min_events:
        return AucResult(auc, len(churned), len(retained), ci, f"{text}: too few to conclude")
    judged = "no better than chance" if ci.low <= 0.5 else f"ranks churned above retained {auc:.0%} of the time"
    return AucResult(auc, len(churned), len(retained), ci, f"{text}: the risk score {judged}")


def analyse(accounts: Sequence[AccountSignals], *, min_events: int = MIN_EVENTS) -> SignalsReport:
    """Stats for every tracker and category seen, best evidence first, and the risk score's AUC."""
    rules = sorted({r for a in accounts for r in a.rules})
    categories = sorted({c for a in accounts for c in a.categories})
    stats = [signal_stat("tracker", r, accounts, min_events) for r in rules]
    stats += [signal_stat("category", c, accounts, min_events) for c in categories]
    stats.sort(key=lambda s: (not s.conclusive, -(s.lift_ci.low if s.lift_ci else 0.0), s.kind, s.key))
    churned = sum(a.churned for a in accounts)
    pos = [a.risk_score for a in accounts if a.churned and a.risk_score is not None]
    neg = [a.risk_score for a in accounts if not a.churned and a.risk_score is not None]
    calls_pos = [s for a in accounts if a.churned for s in a.call_scores]
    calls_neg = [s for a in accounts if not a.churned for s in a.call_scores]
    return SignalsReport(
        accounts=len(accounts),
        churned=churned,
        retained=len(accounts) - churned,
        stats=tuple(stats),
        account_auc=auc_result(pos, neg, "accounts", min_events),
        call_auc=auc_result(calls_pos, calls_neg, "calls", min_events),
        verdict=_overall(stats, churned, len(accounts) - churned, min_events),
        method=METHOD,
    )


def _overall(stats: Sequence[SignalStat], churned: int, retained: int, min_events: int) -> str:
    if churned < min_events:
        return f"too few churned accounts ({churned}) to conclude; record outcomes or import churn dates"
    if retained < min_events:
        return f"too few accounts that stayed ({retained}) to conclude"
    good = [s.key for s in stats if s.conclusive and s.lift_ci and s.lift_ci.low > 1]
    noisy = [s.key for s in stats if not s.conclusive and s.fired >= MIN_FIRED and s.not_fired]
    parts = [f"{len(good)} signal(s) predict churn ({', '.join(good) or 'none'})"]
    if noisy:
        parts.append(f"{len(noisy)} show no clear difference ({', '.join(noisy)})")
    return "; ".join(parts)
