"""The risk score: factors, repeats, saturation, monotonicity, levels and the explanation."""

from __future__ import annotations

import random
from dataclasses import replace

from assistant.analysis.risk import combine, score_hits
from assistant.records import Executive, Hit
from assistant.settings import Settings

BASE = Hit("price_too_high", "Price too high", "price", "customer", "Dana", 75.0, 79.0, "It's too expensive.",
           "too expensive", 3, "en", 30.0)  # fmt: skip


def test_one_customer_hit_scores_its_weight(settings: Settings) -> None:
    report = score_hits([BASE], settings=settings)
    assert report.score == 30.0 and report.level == "low"
    (c,) = report.contributions
    assert (c.rule, c.points, c.quote, c.start) == ("price_too_high", 30.0, "It's too expensive.", 75.0)
    assert "customer said it" in c.reason


def test_factors(settings: Settings) -> None:
    def points(hit: Hit, *execs: Executive) -> float:
        return score_hits([hit], execs, settings=settings).contributions[0].points

    assert points(replace(BASE, negated=True)) == 0.0
    assert points(replace(BASE, hypothetical=True)) == 15.0
    assert points(replace(BASE, role="rep")) == 12.0
    assert points(replace(BASE, confidence=0.9)) == 27.0
    cfo = Executive("CFO", "speaking", name="Dana", speaker="Dana")
    assert points(BASE, cfo) == 37.5
    assert points(BASE, replace(cfo, kind="mentioned")) == 30.0


def test_repeats_have_diminishing_returns(settings: Settings) -> None:
    hits = [replace(BASE, start=float(t)) for t in (10, 20, 30)]
    report = score_hits(hits, settings=settings)
    assert [c.points for c in report.contributions] == [30.0, 15.0, 7.5]
    assert "repeat #2" in report.contributions[1].reason
    assert report.score == round(combine([30, 15, 7.5]), 1)


def test_score_saturates_below_100(settings: Settings) -> None:
    hits = [replace(BASE, rule=f"r{i}", weight=100.0) for i in range(20)]
    report = score_hits(hits, settings=settings)
    assert 99.0 < report.score < 100.0 and report.level == "high"


def test_adding_a_hit_never_lowers_the_score(settings: Settings) -> None:
    rng = random.Random(7)
    rules = ["a", "b", "c"]
    for _ in range(300):
        hits = [
            replace(BASE, rule=rng.choice(rules), weight=rng.uniform(0, 60), role=rng.choice(["customer", "rep"]),
                    negated=rng.random() < 0.2, hypothetical=rng.random() < 0.3, start=rng.uniform(0, 600))
            for _ in range(rng.randint(0, 6))
        ]  # fmt: skip
        extra = replace(BASE, rule=rng.choice(rules), weight=rng.uniform(0, 60), start=rng.uniform(0, 600))
        before = score_hits(hits, settings=settings).score
        after = score_hits([*hits, extra], settings=settings).score
        assert after >= before


def test_levels_follow_settings(settings: Settings) -> None:
    assert score_hits([replace(BASE, weight=40)], settings=settings).level == "medium"
    strict = settings.model_copy(update={"risk_medium": 10.0, "risk_high": 25.0})
    assert score_hits([BASE], settings=strict).level == "high"
    assert score_hits([], settings=settings).level == "low"


def test_explanation_lists_each_contribution_with_quote_and_time(settings: Settings) -> None:
    hits = [BASE, replace(BASE, rule="cancel", weight=50, start=125.0, text="We will cancel.", negated=True)]
    text = score_hits(hits, settings=settings).explanation
    assert text.startswith("Risk 30/100 (low)")
    assert "+30.0 price_too_high at 1:15: \u201cIt's too expensive.\u201d" in text
    assert "cancel at 2:05" in text and "negated ×0" in text
    assert "no churn-risk phrases" in score_hits([], settings=settings).explanation
