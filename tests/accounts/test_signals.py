"""Which signals predict churn: lift, intervals and AUC on a synthetic portfolio with a known answer."""

from __future__ import annotations

import pytest

from assistant.accounts.signals import analyse, mann_whitney_auc, risk_ratio, wilson
from assistant.records.accounts import AccountSignals


def portfolio() -> list[AccountSignals]:
    """10 churned, 30 stayed. 'competitor' fired in 8 churned + 4 stayed; 'noise' in 5 + 15; 'rare' in 1 + 0.

    Risk scores: every churned account scores above every retained one, except one tie at 60.
    """
    out = []
    for i in range(10):
        rules = {"competitor"} if i < 8 else set()
        rules |= {"noise"} if i < 5 else set()
        rules |= {"rare"} if i == 0 else set()
        score = 60.0 if i == 9 else 61.0 + i
        out.append(AccountSignals(f"churned{i}", True, frozenset(rules), frozenset({"pricing"}), score, (score,)))
    for i in range(30):
        rules = ({"competitor"} if i < 4 else set()) | ({"noise"} if i % 2 else set())
        score = 60.0 if i == 0 else float(i)
        out.append(AccountSignals(f"stayed{i}", False, frozenset(rules), frozenset(), score, (score, score / 2)))
    return out


def test_a_good_tracker_has_the_hand_computed_lift_and_katz_interval() -> None:
    report = analyse(portfolio())
    stat = next(s for s in report.stats if s.key == "competitor")
    assert (stat.fired, stat.fired_churned, stat.not_fired, stat.not_fired_churned) == (12, 8, 28, 2)
    assert stat.churn_when_fired == pytest.approx(8 / 12)
    assert stat.churn_when_not == pytest.approx(2 / 28)
    assert stat.lift == pytest.approx(28 / 3)
    assert stat.lift_ci is not None
    assert (stat.lift_ci.low, stat.lift_ci.high) == (pytest.approx(2.3152, rel=1e-3), pytest.approx(37.627, rel=1e-3))
    assert stat.fired_ci is not None
    assert (stat.fired_ci.low, stat.fired_ci.high) == (pytest.approx(0.3906, abs=1e-3), pytest.approx(0.8619, abs=1e-3))
    assert stat.conclusive and stat.verdict.startswith("predicts churn")
    trackers = [s.key for s in report.stats if s.kind == "tracker"]
    assert trackers[0] == "competitor"  # best evidence first
    assert report.stats[0].key == "pricing"  # a category seen in every churned account and no other


def test_a_noisy_tracker_and_a_rare_one_are_not_trusted() -> None:
    stats = {s.key: s for s in analyse(portfolio()).stats}
    noise = stats["noise"]
    assert (noise.fired, noise.fired_churned) == (20, 5)
    assert noise.lift == pytest.approx(1.0)
    assert noise.lift_ci is not None and noise.lift_ci.low < 1 < noise.lift_ci.high
    assert not noise.conclusive and "no clear difference" in noise.verdict
    rare = stats["rare"]
    assert rare.lift == pytest.approx((1 / 1) / (9 / 39))
    assert "fired in only 1 account" in rare.verdict
    pricing = stats["pricing"]
    assert pricing.kind == "category" and pricing.not_fired_churned == 0
    assert pricing.lift is None and pricing.lift_ci is not None  # Haldane-corrected interval


def test_auc_counts_ties_as_half() -> None:
    report = analyse(portfolio())
    # 10 × 30 pairs: all ordered right except the tie 60 vs 60 (0.5) and churned 60 vs retained 60 only
    assert report.account_auc.auc == pytest.approx((300 - 0.5) / 300)
    assert "ranks churned above retained" in report.account_auc.verdict
    assert mann_whitney_auc([80, 60, 40], [70, 60, 20, 10]) == pytest.approx(8.5 / 12)
    assert mann_whitney_auc([], [1.0]) is None


def test_a_score_that_cannot_rank_is_no_better_than_chance() -> None:
    accounts = [AccountSignals(f"a{i}", i % 2 == 0, risk_score=50.0) for i in range(20)]
    result = analyse(accounts).account_auc
    assert result.auc == pytest.approx(0.5)
    assert "no better than chance" in result.verdict


def test_thin_data_says_so_in_plain_words() -> None:
    accounts = [AccountSignals(f"c{i}", True, frozenset({"x"}), risk_score=80.0) for i in range(3)]
    accounts += [
        AccountSignals(f"s{i}", False, frozenset({"x"} if i < 4 else set()), risk_score=10.0) for i in range(20)
    ]
    report = analyse(accounts)
    assert report.verdict.startswith("too few churned accounts (3) to conclude")
    assert all(not s.conclusive and "too few churned accounts (3)" in s.verdict for s in report.stats)
    assert "too few to conclude" in report.account_auc.verdict
    assert analyse([]).account_auc.auc is None


def test_interval_helpers_edge_cases() -> None:
    assert wilson(0, 0) is None
    ci = wilson(0, 10)
    assert ci is not None and ci.low == 0.0 and 0 < ci.high < 0.35
    assert risk_ratio(3, 5, 0, 0) == (None, None)
