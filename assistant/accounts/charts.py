"""PNG charts: churn and retention per period, and the tracker-lift chart (matplotlib, Agg backend)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.accounts.churn import MONTHLY_CHURN_FLAG
from assistant.errors import InputError
from assistant.files import replacing
from assistant.records.accounts import PeriodChurn, SignalStat

_LOGO, _REVENUE, _GOOD, _GREY = "#c0392b", "#e67e22", "#27ae60", "#95a5a6"
COLORS = {"logo": _LOGO, "revenue": _REVENUE, "good": _GOOD, "grey": _GREY}  # the web page's SVG charts too


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def period_label(p: PeriodChurn) -> str:
    if p.kind == "month":
        return p.start.strftime("%b %Y")
    if p.kind == "quarter":
        return f"Q{(p.start.month - 1) // 3 + 1} {p.start.year}"
    return str(p.start.year) if p.kind == "year" else f"{p.start}…"


def _pct(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else v * 100 for v in values]


def _save(fig: Any, path: Path) -> Path:
    """The figure as a PNG at ``path``, written whole or not at all (``assistant.files.replacing``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with replacing(path) as fh:
            fig.savefig(fh, format="png", dpi=120)
    finally:
        _pyplot().close(fig)
    return path


def churn_chart(periods: Sequence[PeriodChurn], path: Path) -> Path:
    """Top: logo and revenue churn per period (flagged periods marked). Bottom: retention and NRR."""
    if not periods:
        raise InputError("no periods to chart: give --from and --to")
    plt = _pyplot()
    labels, x = [period_label(p) for p in periods], list(range(len(periods)))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(max(7, len(periods) * 0.7), 7), sharex=True)
    width = 0.38
    top.bar([i - width / 2 for i in x], _pct([p.churn_rate for p in periods]), width, color=_LOGO, label="logo churn")
    revenue = _pct([p.revenue_churn for p in periods])
    top.bar([i + width / 2 for i in x], revenue, width, color=_REVENUE, label="revenue churn")
    if periods[0].kind == "month":
        top.axhline(MONTHLY_CHURN_FLAG * 100, color="black", linestyle="--", linewidth=1, label="1 % a month")
    for i, p in enumerate(periods):
        if p.churn_rate is None:
            top.annotate("no customers", (i, 0), ha="center", va="bottom", fontsize=8, color=_GREY)
        elif p.flagged:
            top.annotate("▲ high", (i, p.churn_rate * 100), ha="center", va="bottom", fontsize=8, color=_LOGO)
    highest = max([v for v in (*_pct([p.churn_rate for p in periods]), *revenue) if not math.isnan(v)] or [1.0])
    top.set_ylim(0, max(highest, MONTHLY_CHURN_FLAG * 100) * 1.35)
    top.set_ylabel("churn, % of start")
    top.set_title("Churn per period (customers won inside a period are excluded)")
    top.legend(loc="upper left", fontsize=8, ncol=3)
    bottom.plot(x, _pct([p.retention_rate for p in periods]), marker="o", color=_GOOD, label="logo retention")
    bottom.plot(x, _pct([p.net_revenue_retention for p in periods]), marker="s", color="#2c3e50", label="NRR")
    bottom.axhline(100, color=_GREY, linewidth=1)
    bottom.set_ylabel("% of start")
    bottom.set_xticks(x, labels, rotation=45 if len(periods) > 6 else 0, ha="right" if len(periods) > 6 else "center")
    bottom.legend(loc="best", fontsize=8, ncol=2)
    fig.tight_layout()
    return _save(fig, path)


def lift_point(s: SignalStat) -> float | None:
    if s.lift is not None and s.lift > 0:
        return s.lift
    return math.sqrt(s.lift_ci.low * s.lift_ci.high) if s.lift_ci else None


def lift_chart(stats: Sequence[SignalStat], path: Path, *, limit: int = 25) -> Path:
    """Lift (risk ratio) of each tracker/category with its 95 % interval, log scale; 1 = no difference."""
    shown = [s for s in stats if s.lift_ci is not None and lift_point(s) is not None][:limit]
    if not shown:
        raise InputError("no tracker has fired on accounts with a known ending yet: nothing to chart")
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.42 * len(shown)))
    for y, s in enumerate(reversed(shown)):
        point = lift_point(s)
        if s.lift_ci is None or point is None:  # filtered above
            continue
        good = s.conclusive and s.lift_ci.low > 1
        color = _LOGO if good else _GOOD if s.conclusive else _GREY
        ax.plot([s.lift_ci.low, s.lift_ci.high], [y, y], color=color, linewidth=2)
        ax.plot([point], [y], marker="o" if s.lift is not None else ">", color=color, markersize=7)
    ax.axvline(1, color="black", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ax.set_yticks(range(len(shown)), [f"{s.kind[0]}: {s.key} (n={s.fired})" for s in reversed(shown)], fontsize=8)
    ax.set_xlabel("lift: churn rate where it fired ÷ where it did not (95 % CI, log scale)")
    ax.set_title("Which signals predict churn  (red: predicts, green: the opposite, grey: inconclusive)", fontsize=9)
    fig.tight_layout()
    return _save(fig, path)
