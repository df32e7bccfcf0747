"""A party counted is someone else's business (analysis/third_parties.py, issue 10 §5, rules10): "only one shop",
"one of our resellers", "un nostro rivenditore", "только один магазин", "tylko jeden sklep", "有两家门店" — the
customer never counts itself among businesses. Lines written for this test (none from a scored corpus), run through
the shipped rules with the real pipelines; the customer's own decision, or one of its own people, stays a risk."""

from __future__ import annotations

import pytest

from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import negated_because, still_a_risk

COUNTED = [
    ("en", "One of our resellers wants to pay in three instalments, can your billing do that for them?", "payment"),
    ("it", "Solo un negozio ha disdetto il contratto, chiude per lavori.", "cancellation"),
    ("ru", "Только один магазин из сети расторг договор, у них там ремонт.", "cancellation"),
    ("pl", "Tylko jeden sklep wypowiedział umowę, ma remont.", "cancellation"),
    ("zh", "有两家医院把明年的采购计划取消了，说是预算不够。", "budget"),
]
OURS = [
    ("en", "We want to pay in three instalments from now on.", "payment"),
    ("it", "Abbiamo disdetto il contratto, chiudiamo per lavori.", "cancellation"),
    ("ru", "Мы расторгаем договор с вами с марта.", "cancellation"),
    ("pl", "Jeden z naszych kierowników odchodzi z firmy w maju.", "champion"),
    ("zh", "我们下个月要取消合同。", "cancellation"),
]


@pytest.mark.parametrize(("lang", "text", "category"), COUNTED)
def test_a_counted_party_is_someone_elses_business(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    negated_because(text, lang, shipped_rules, category, "a party counted")


@pytest.mark.parametrize(("lang", "text", "category"), OURS)
def test_the_customers_own_decision_or_person_stays_a_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    still_a_risk(text, lang, shipped_rules, category)
