"""The accounts page's inline SVG charts: the geometry follows the figures (taller bar = more churn, a lift above
1 right of the no-difference line), every value is in a tooltip, labels are escaped, and the page draws them."""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

from assistant.accounts.churn import churn_series
from assistant.accounts.signals import analyse
from assistant.records.accounts import ArrChange, Customer
from assistant.services import accounts
from assistant.services.app import App
from assistant.settings import Settings
from assistant.storage.db import Store
from assistant.web import charts
from tests.accounts.test_cli import CRM
from tests.accounts.test_signals import portfolio
from tests.web.conftest import SignIn


def test_churn_bars_are_as_tall_as_the_churn() -> None:
    since = date(2024, 1, 1)
    left = {0: 1, 1: 4}  # month index -> customers lost
    customers = [Customer(f"c{i}", since, None, (ArrChange(since, 1000.0),)) for i in range(100)]
    gone = [Customer(f"g{m}-{k}", since, date(2025, m + 1, 10), (ArrChange(since, 1000.0),))
            for m, n in left.items() for k in range(n)]  # fmt: skip
    periods = churn_series(customers + gone, date(2025, 1, 1), date(2025, 3, 31), "month")
    chart = charts.churn_chart(periods)
    assert chart is not None
    logo = [m for m in chart.marks if m.kind == "bar" and "logo churn" in m.title]
    assert [m.title.split(": ")[0] for m in logo] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert logo[1].h > logo[0].h * 3.5 and logo[2].h == 0  # 4 lost vs 1 lost vs none
    assert all(math.isclose(m.y + m.h, logo[0].y + logo[0].h) for m in logo)  # one baseline
    assert any(dashed for *_, dashed in chart.rules)  # the 1 % a month line on a monthly chart
    dots = [m for m in chart.marks if m.kind == "dot" and "logo retention" in m.title]
    assert dots[1].y > dots[0].y  # lower retention is drawn lower
    assert charts.churn_chart([]) is None


def test_lift_segments_sit_on_a_log_scale_around_one() -> None:
    report = analyse(portfolio())
    chart = charts.lift_chart(report.stats)
    assert chart is not None
    (one, *_rest) = chart.rules
    for stat in (s for s in report.stats if s.lift_ci is not None and s.lift and s.lift > 0):
        dot = next(m for m in chart.marks if m.kind == "dot" and m.title.startswith(f"{stat.key}: lift"))
        assert (dot.x > one[0]) == (stat.lift > 1)
        segment = next(m for m in chart.marks if m.kind == "segment" and m.title == dot.title)
        assert segment.x <= dot.x <= segment.x2
    assert charts.lift_chart([]) is None


def test_the_accounts_page_draws_inline_svg(
    signed_in_as: SignIn, store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "crm.csv").write_text(CRM, encoding="utf-8")
    accounts.import_accounts(App(settings, store), tmp_path / "crm.csv", as_of=date(2026, 3, 1))
    page = signed_in_as("rep").get("/accounts", params={"from": "2025-01-01", "to": "2025-12-31", "per": "quarter"})
    svg = re.search(r'<svg id="churn-chart".*?</svg>', page.text, re.S)
    assert svg, page.text
    titles = re.findall(r"<title>([^<]*)</title>", svg.group(0))
    assert "Q2 2025: logo churn 33.3 % (high)" in titles  # Initech of three (Hooli came and went inside it)
    assert "Q2 2025: revenue churn 14.3 %" in titles  # 25,000 of 175,000 ARR
    assert "Q1 2025: logo churn 0.0 %" in titles and "Q2 2025: logo retention 66.7 %" in titles
    assert "<script" not in svg.group(0) and "/accounts/churn.png" in page.text  # the PNG stays a download
