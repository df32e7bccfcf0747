# ruff: noqa: E501  (the lines below are test data: one line a case reads best)
"""A partner's trouble, then the vendor's product said to be fine (analysis/partner_trouble.py, issue 10, rules13:
eval_heldout12a's third-party turns). Lines written for this test (in no corpus), real pipelines, the shipped rules:
the match is someone else's business when a partner is named and the turn ends saying the vendor's product is fine;
without a partner, or with a contrast after the praise, the hit stands."""

from __future__ import annotations

import pytest

from assistant.analysis.partner_trouble import partner_then_yours_fine, yours_unaffected
from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import line_hits, still_a_risk

PARTNERS = [
    ("en", "Our cleaning company doubled the price, way too expensive, so we're looking for another one. Your platform is fine, no problem.", "price"),
    ("it", "Il nostro fornitore di imballaggi ha disdetto il contratto, cerchiamo un altro. Il vostro gestionale va benissimo.", "cancellation"),
    ("ru", "Поставщик упаковки расторг договор, ищем нового. Ваша система работает хорошо, без проблем.", "cancellation"),
    ("pl", "Nasz dostawca opakowań wypowiedział umowę, szukamy nowego. Wasz system działa dobrze.", "cancellation"),
    ("zh", "我们的供应商取消了合同，正在找新的。你们的系统很好，没问题。", "cancellation"),
]  # fmt: skip
STANDS = [
    ("en", "We're going to cancel the contract, the budget was cut. Your platform is fine, no problem.", "cancellation"),
    ("en", "Our courier is slow. Your system is fine, but the price is too high, we will cancel.", "cancellation"),
    ("it", "Il fornitore ci ha lasciato e noi disdiciamo il contratto con voi. Il vostro gestionale va bene.", "cancellation"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "category"), PARTNERS)
def test_a_partners_trouble_then_the_vendor_fine_is_not_the_renewal(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    hits = [h for h in line_hits(text, lang, shipped_rules) if h.category == category]
    assert hits, "the words must match for the test to mean anything"
    assert all(h.negated for h in hits), hits
    assert any("a partner's business, the vendor's product fine" in h.evidence for h in hits), hits


@pytest.mark.parametrize(("lang", "text", "category"), STANDS)
def test_without_a_partner_or_with_a_contrast_the_hit_stands(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    still_a_risk(text, lang, shipped_rules, category)


def test_the_partner_and_the_praise_are_both_needed() -> None:
    praise = " Your system is good, no problem."
    assert partner_then_yours_fine("Our supplier raised prices a lot.", "", praise, "en")
    assert not partner_then_yours_fine("Prices went up a lot.", "", praise, "en")
    assert not partner_then_yours_fine("Our supplier raised prices a lot.", "", " We will see.", "en")
    assert not partner_then_yours_fine("Your supplier raised prices a lot.", "", praise, "en")  # the vendor named


# The customer's own business told, then the vendor's product said to be untouched by it (rules15, eval_heldout14a's
# own-business turns): no partner needed.
UNTOUCHED = [
    ("en", "We're running an RFP for the office cleaning this month. Your platform isn't affected.", "competitor"),
    ("it", "Abbiamo disdetto la vecchia linea telefonica del magazzino. Il vostro gestionale non è nella lista.", "cancellation"),
    ("ru", "Провели тендер на охрану склада, сменили подрядчика. Вашей системы это не касается.", "competitor"),
    ("pl", "Ogłosiliśmy przetarg na dostawę papieru do biur. Platforma nie jest tym objęta.", "competitor"),
    ("zh", "我们下个月要给仓库保洁重新招标。你们的系统不受影响。", "competitor"),
]  # fmt: skip
NOT_UNTOUCHED = [
    ("en", "We're running an RFP for your platform this month. The office cleaning isn't affected.", "competitor"),
    ("en", "We're running an RFP for the office cleaning this month. Your platform isn't affected, but nothing is decided yet.", "competitor"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "category"), UNTOUCHED)
def test_own_business_then_the_vendors_product_untouched_is_no_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    hits = [h for h in line_hits(text, lang, shipped_rules) if h.category == category]
    assert hits, "the words must match for the test to mean anything"
    assert all(h.negated and "the vendor's product untouched" in h.evidence for h in hits), hits


@pytest.mark.parametrize(("lang", "text", "category"), NOT_UNTOUCHED)
def test_the_vendor_named_with_the_match_or_a_contrast_after_keeps_the_hit(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    still_a_risk(text, lang, shipped_rules, category)


def test_untouched_reads_the_sentences_after_the_match() -> None:
    assert yours_unaffected("We ran a tender for cleaning.", " Your platform isn't affected.", "en")
    assert not yours_unaffected("We ran a tender for your platform.", " Cleaning isn't affected.", "en")
    assert not yours_unaffected("We ran a tender for cleaning.", " We will see.", "en")
