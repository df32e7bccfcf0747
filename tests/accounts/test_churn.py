"""Churn maths: the seed articles' examples as exact cases, revenue vs logo churn, periods, bad input."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.accounts.churn import (
    churn_from_counts,
    churn_rate,
    churn_series,
    monthly_equivalent,
    period_churn,
    periods,
)
from assistant.errors import InputError
from assistant.records.accounts import ArrChange, Customer

Y2024, Y2025, Y2026 = date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1)


def cust(key: str, since: date, churned: date | None = None, *arr: tuple[date, float]) -> Customer:
    return Customer(key, since, churned, tuple(ArrChange(d, a) for d, a in arr))


# ---- the seed examples ---------------------------------------------------------------------------------


def test_400_to_380_is_5_percent() -> None:
    assert churn_from_counts(at_start=400, at_end=380) == pytest.approx(0.05, abs=1e-12)


def test_1000_to_900_over_a_year_is_10_percent_on_a_portfolio() -> None:
    customers = [cust(f"c{i}", date(2023, 6, 1), date(2025, 1 + i % 12, 15) if i < 100 else None) for i in range(1000)]
    year = period_churn(customers, Y2025, Y2026, "year")
    assert (year.customers_at_start, year.lost, year.customers_at_end) == (1000, 100, 900)
    assert year.churn_rate == pytest.approx(0.10, abs=1e-12)
    assert year.retention_rate == pytest.approx(0.90, abs=1e-12)
    # 10 % a year is about 0.87 % a month: not flagged
    assert year.monthly_equivalent == pytest.approx(1 - 0.9 ** (1 / 12))
    assert not year.flagged


def test_customers_won_inside_the_period_are_excluded_15_not_16_5_percent() -> None:
    assert churn_from_counts(at_start=1000, at_end=850, won=300, won_lost=15) == pytest.approx(0.15, abs=1e-12)
    old = [cust(f"o{i}", date(2024, 3, 1), date(2025, 6, 1) if i < 150 else None) for i in range(1000)]
    new = [cust(f"n{i}", date(2025, 2, 1), date(2025, 9, 1) if i < 15 else None) for i in range(300)]
    year = period_churn(old + new, Y2025, Y2026, "year")
    assert (year.customers_at_start, year.lost, year.won, year.won_lost) == (1000, 150, 300, 15)
    assert year.churn_rate == pytest.approx(0.15, abs=1e-12)
    assert year.churn_rate != pytest.approx(0.165)
    assert year.customers_at_end == 850 + 285


# ---- revenue vs logo churn ------------------------------------------------------------------------------


def test_revenue_churn_differs_from_logo_churn_and_nrr_counts_expansion_and_contraction() -> None:
    since = date(2024, 1, 1)
    customers = [
        cust("big", since, date(2025, 3, 10), (since, 500_000.0)),  # one large customer leaves
        *[cust(f"small{i}", since, None, (since, 10_000.0)) for i in range(9)],
        cust("grower", since, None, (since, 100_000.0), (date(2025, 6, 1), 150_000.0)),  # +50k
        cust("shrinker", since, None, (since, 100_000.0), (date(2025, 8, 1), 80_000.0)),  # -20k
    ]
    q = period_churn(customers, Y2025, Y2026, "year")
    assert q.churn_rate == pytest.approx(1 / 12)  # one logo of twelve
    assert q.arr_at_start == 790_000.0
    assert q.arr_lost == 500_000.0
    assert q.revenue_churn == pytest.approx(500_000 / 790_000)
    assert (q.expansion, q.contraction) == (50_000.0, 20_000.0)
    assert q.net_revenue_retention == pytest.approx((790_000 + 50_000 - 20_000 - 500_000) / 790_000)


def test_many_small_losses_low_revenue_churn() -> None:
    since = date(2024, 1, 1)
    customers = [cust("big", since, None, (since, 900_000.0))] + [
        cust(f"s{i}", since, date(2025, 2, 1) if i < 5 else None, (since, 10_000.0)) for i in range(10)
    ]
    q = period_churn(customers, Y2025, Y2026, "year")
    assert q.churn_rate == pytest.approx(5 / 11)
    assert q.revenue_churn == pytest.approx(50_000 / 1_000_000)


# ---- periods and flags -----------------------------------------------------------------------------------


def test_monthly_series_and_flag_above_one_percent() -> None:
    customers = [cust(f"c{i}", date(2024, 1, 1), date(2025, 2, 10) if i < 3 else None) for i in range(100)]
    series = churn_series(customers, date(2025, 1, 1), date(2025, 3, 31), "month")
    assert [(p.start, p.customers_at_start, p.lost) for p in series] == [
        (date(2025, 1, 1), 100, 0),
        (date(2025, 2, 1), 100, 3),
        (date(2025, 3, 1), 97, 0),
    ]
    assert [p.flagged for p in series] == [False, True, False]
    exactly_one = [cust(f"c{i}", date(2024, 1, 1), date(2025, 1, 9) if i < 2 else None) for i in range(200)]
    assert not churn_series(exactly_one, date(2025, 1, 1), date(2025, 1, 31), "month")[0].flagged  # 1 % is not above
    assert series[1].churn_rate == pytest.approx(0.03)


def test_periods_are_calendar_aligned() -> None:
    assert periods(date(2025, 2, 14), date(2025, 8, 1), "quarter") == [
        (date(2025, 1, 1), date(2025, 4, 1)),
        (date(2025, 4, 1), date(2025, 7, 1)),
        (date(2025, 7, 1), date(2025, 10, 1)),
    ]
    assert periods(date(2025, 12, 1), date(2025, 12, 31), "month") == [(date(2025, 12, 1), date(2026, 1, 1))]
    assert periods(date(2025, 1, 5), date(2025, 1, 9), "range") == [(date(2025, 1, 5), date(2025, 1, 10))]


def test_monthly_equivalent() -> None:
    assert monthly_equivalent(0.03, 1) == pytest.approx(0.03)
    assert monthly_equivalent(1 - 0.99**3, 3) == pytest.approx(0.01)


# ---- bad input: never a division by zero, never a silent number ------------------------------------------


def test_no_customers_at_start_gives_none_and_a_reason() -> None:
    customers = [cust("late", date(2025, 6, 1), None, (date(2025, 6, 1), 1000.0))]
    q = period_churn(customers, Y2025, Y2026, "year")
    assert q.churn_rate is None and q.retention_rate is None and q.revenue_churn is None
    assert q.won == 1
    assert any("no customers at the start" in n for n in q.notes)
    assert churn_rate(0, 0) is None


def test_zero_revenue_at_start_gives_none_and_a_reason() -> None:
    customers = [cust("free", date(2024, 1, 1), None, (date(2024, 1, 1), 0.0))]
    q = period_churn(customers, Y2025, Y2026, "year")
    assert q.churn_rate == 0.0
    assert q.revenue_churn is None and q.net_revenue_retention is None
    assert any("zero ARR" in n for n in q.notes)


def test_unknown_arr_is_reported_not_counted_as_zero() -> None:
    customers = [cust("a", date(2024, 1, 1), None, (date(2024, 1, 1), 100.0)), cust("b", date(2024, 1, 1))]
    q = period_churn(customers, Y2025, Y2026, "year")
    assert q.arr_at_start == 100.0
    assert any("1 customer(s) at the start have no ARR" in n for n in q.notes)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"at_start": 100, "at_end": 120}, "more than at_start"),
        ({"at_start": 100, "at_end": 90, "won": 5, "won_lost": 6}, "more than won"),
    ],
)
def test_impossible_counts_are_errors(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(InputError, match=message):
        churn_from_counts(**kwargs)


def test_bad_period_and_reversed_dates() -> None:
    with pytest.raises(InputError, match="not one of"):
        periods(Y2025, Y2026, "week")
    with pytest.raises(InputError, match="before --from"):
        periods(Y2026, Y2025, "month")


def test_periods_far_ahead_or_too_many_are_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"--to \(9999-12-31\) is too far ahead"):
        periods(date(2026, 1, 1), date(9999, 12, 31), "range")
    with pytest.raises(InputError, match=r"has more than 1200 months"):
        periods(date(1, 1, 1), date(2026, 12, 31), "month")
    assert len(periods(date(1927, 1, 1), date(2026, 12, 31), "month")) == 1200
    assert len(periods(date(1027, 1, 1), date(2026, 12, 31), "year")) == 1000
