"""PNG charts: files are real PNGs of a sensible size; empty input is a clear error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.accounts.charts import churn_chart, lift_chart
from assistant.accounts.churn import churn_series
from assistant.accounts.signals import analyse
from assistant.errors import InputError
from assistant.records.accounts import ArrChange, Customer
from tests.accounts.test_signals import portfolio

PNG = b"\x89PNG\r\n\x1a\n"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_churn_chart_per_month(tmp_path: Path) -> None:
    since = date(2024, 1, 1)
    customers = [
        Customer(f"c{i}", since, date(2025, 1 + i % 12, 10) if i < 24 else None, (ArrChange(since, 1000.0 + i * 50),))
        for i in range(200)
    ]
    periods = churn_series(customers, date(2025, 1, 1), date(2025, 12, 31), "month")
    width, height = _png_size(churn_chart(periods, tmp_path / "out" / "churn.png"))
    assert width >= 800 and height >= 800


def test_lift_chart(tmp_path: Path) -> None:
    report = analyse(portfolio())
    width, height = _png_size(lift_chart(report.stats, tmp_path / "lift.png"))
    assert width >= 900 and height > 200


def test_nothing_to_chart_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no periods"):
        churn_chart([], tmp_path / "x.png")
    with pytest.raises(InputError, match="nothing to chart"):
        lift_chart([], tmp_path / "y.png")
    assert not (tmp_path / "x.png").exists()
