"""Inline SVG charts of the accounts page: churn / retention / NRR per period and tracker lift with its 95 %
interval. Only geometry is computed here (numbers in SVG user units); templates/_charts.html draws it, so every
label is escaped like any other text. The same figures as the PNG charts of `assistant churn|signals --chart`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.accounts.charts import COLORS, lift_point, period_label
from assistant.accounts.churn import MONTHLY_CHURN_FLAG
from assistant.records.accounts import PeriodChurn, SignalStat

WIDTH, LEFT, RIGHT = 760.0, 56.0, 16.0
MONTHLY_FLAG = MONTHLY_CHURN_FLAG * 100  # % a month, drawn on monthly charts
Text = tuple[float, float, str, str]  # x, y, text, anchor
Rule = tuple[float, float, float, float, bool]  # x1, y1, x2, y2, dashed


@dataclass(frozen=True)
class Mark:
    """One drawn thing: a bar (x, y, w, h), a dot (x, y) or a segment (x, y to x2, y2), with its tooltip."""

    kind: str
    x: float
    y: float
    color: str
    title: str = ""
    w: float = 0.0
    h: float = 0.0
    x2: float = 0.0
    y2: float = 0.0


@dataclass(frozen=True)
class Chart:
    height: float
    marks: tuple[Mark, ...]
    lines: tuple[tuple[str, str], ...] = ()  # (points "x,y x,y ...", color) polylines
    texts: tuple[Text, ...] = ()
    rules: tuple[Rule, ...] = ()
    width: float = WIDTH


def _pct(value: float | None) -> float | None:
    return None if value is None else value * 100


def _scale(low: float, high: float, top: float, bottom: float) -> tuple[float, float, float]:
    """y of a value between low and high drawn from bottom up to top: (origin, factor, high)."""
    span = (high - low) or 1.0
    return bottom, (bottom - top) / span, low


def churn_chart(periods: Sequence[PeriodChurn]) -> Chart | None:
    """Logo and revenue churn as bars (top), logo retention and NRR as lines (bottom), per period."""
    if not periods:
        return None
    step = (WIDTH - LEFT - RIGHT) / len(periods)
    xs = [LEFT + step * (i + 0.5) for i in range(len(periods))]
    marks, texts, rules = _churn_bars(periods, xs, step)
    lines, more_marks, more_texts, more_rules = _retention_lines(periods, xs)
    labels = tuple((x, 392.0, period_label(p), "middle") for x, p in zip(xs, periods, strict=True))
    return Chart(410.0, (*marks, *more_marks), lines, (*texts, *more_texts, *labels), (*rules, *more_rules))


def _churn_bars(
    periods: Sequence[PeriodChurn], xs: list[float], step: float
) -> tuple[list[Mark], list[Text], list[Rule]]:
    values = [v for p in periods for v in (_pct(p.churn_rate), _pct(p.revenue_churn)) if v is not None]
    high = max([*values, MONTHLY_FLAG]) * 1.25
    origin, factor, _ = _scale(0.0, high, 30.0, 190.0)
    width = min(step * 0.36, 40.0)
    marks: list[Mark] = []
    for x, p in zip(xs, periods, strict=True):
        for offset, value, name in ((-width, _pct(p.churn_rate), "logo churn"),
                                    (0.0, _pct(p.revenue_churn), "revenue churn")):  # fmt: skip
            if value is not None:
                tip = f"{period_label(p)}: {name} {value:.1f} %" + (" (high)" if p.flagged and offset else "")
                color = COLORS["logo"] if offset else COLORS["revenue"]
                marks.append(Mark("bar", x + offset, origin - value * factor, color, tip, width, value * factor))
    texts: list[Text] = [(LEFT - 6, origin - t * factor + 4, f"{t:.0f} %" if high > 4 else f"{t:.1f} %", "end")
                         for t in _ticks(0.0, high)]  # fmt: skip
    rules: list[Rule] = [(LEFT, origin, WIDTH - RIGHT, origin, False)]
    if periods[0].kind == "month":
        y = origin - MONTHLY_FLAG * factor
        rules.append((LEFT, y, WIDTH - RIGHT, y, True))
    texts.append((LEFT, 18.0, "churn per period, % of customers / ARR at start", "start"))
    return marks, texts, rules


def _retention_lines(
    periods: Sequence[PeriodChurn], xs: list[float]
) -> tuple[tuple[tuple[str, str], ...], list[Mark], list[Text], list[Rule]]:
    series = (("logo retention", "retention_rate", COLORS["good"]), ("NRR", "net_revenue_retention", "#2c3e50"))
    values = [v for p in periods for _, a, _ in series if (v := _pct(getattr(p, a))) is not None]
    low, high = min([*values, 100.0]) - 5, max([*values, 100.0]) + 5
    origin, factor, base = _scale(low, high, 230.0, 370.0)
    lines: list[tuple[str, str]] = []
    marks: list[Mark] = []
    for name, attr, color in series:
        points = [(x, origin - (v - base) * factor, p) for x, p in zip(xs, periods, strict=True)
                  if (v := _pct(getattr(p, attr))) is not None]  # fmt: skip
        lines.append((" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points), color))
        marks += [Mark("dot", x, y, color, f"{period_label(p)}: {name} {_pct(getattr(p, attr)):.1f} %")
                  for x, y, p in points]  # fmt: skip
    y100 = origin - (100 - base) * factor
    texts: list[Text] = [(LEFT - 6, origin - (t - base) * factor + 4, f"{t:.0f} %", "end") for t in _ticks(low, high)]
    texts.append((LEFT, 222.0, "logo retention (green) and NRR (dark), % of start", "start"))
    return tuple(lines), marks, texts, [(LEFT, y100, WIDTH - RIGHT, y100, True)]


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    raw = (high - low) / count
    step = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(s * step for s in (1, 2, 5, 10) if s * step >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(count + 2) if first + i * step <= high]


def lift_chart(stats: Sequence[SignalStat], limit: int = 25) -> Chart | None:
    """Each signal's lift (risk ratio) with its 95 % interval on a log scale; 1 = no difference."""
    shown = [s for s in stats if s.lift_ci is not None and lift_point(s) is not None][:limit]
    if not shown:
        return None
    ends = [v for s in shown if s.lift_ci for v in (s.lift_ci.low, s.lift_ci.high) if v > 0]
    low, high = math.log10(max(min([*ends, 0.5]), 0.01)), math.log10(min(max([*ends, 2.0]), 100.0))
    left, right = 250.0, WIDTH - RIGHT

    def x(value: float) -> float:
        clamped = min(max(math.log10(max(value, 1e-9)), low), high)
        return left + (clamped - low) / (high - low) * (right - left)

    marks: list[Mark] = []
    texts: list[Text] = []
    for row, s in enumerate(shown):
        y, ci, point = 40.0 + row * 24, s.lift_ci, lift_point(s)
        assert ci is not None and point is not None  # filtered above
        color = COLORS["logo"] if s.conclusive and ci.low > 1 else COLORS["good"] if s.conclusive else COLORS["grey"]
        tip = f"{s.key}: lift {point:.2f} (95 % CI {ci.low:.2f}–{ci.high:.2f}), fired on {s.fired} accounts"
        marks += [Mark("segment", x(ci.low), y, color, tip, x2=x(ci.high), y2=y), Mark("dot", x(point), y, color, tip)]
        texts.append((left - 8, y + 4, f"{s.kind[0]}: {s.key} (n={s.fired})", "end"))
    height = 40.0 + len(shown) * 24 + 24
    ticks = [t for t in (0.1, 0.2, 0.5, 1, 2, 5, 10) if low <= math.log10(t) <= high]
    texts += [(x(t), height - 6, f"{t:g}", "middle") for t in ticks]
    texts.append((left, 18.0, "lift: churn where it fired ÷ where it did not (95 % CI, log scale)", "start"))
    return Chart(height, tuple(marks), texts=tuple(texts), rules=((x(1.0), 26.0, x(1.0), height - 20, True),))
