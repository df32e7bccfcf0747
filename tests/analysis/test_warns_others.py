"""A customer's verdict for others and Chinese word senses (keyword_rules/dissatisfaction.yaml ``warns_others``,
price.yaml and complexity.yaml exclusions; issue 10, rules13). eval_heldout12b's real Polish complaints ("Bardzo nie
polecam !", "Odradzam wizytu u niej .") and English reviews ("I don't recommend this place to anyone") went
unflagged; eval_heldout12a's L2 Mandarin read 很高兴 "very glad" as price (很高 "very high") and 有点难过 "a bit sad"
as complexity. Lines written for this test (none from a scored corpus), real pipelines, the shipped rules: a
recommendation refused or a warning is dissatisfaction; praise said with two negations, advice on an action and
the same characters inside another word are not."""

from __future__ import annotations

import pytest

from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import line_hits, still_a_risk

WARNINGS = [
    ("en", "Honestly, I wouldn't recommend you to any of our partners."),
    ("en", "We would not recommend this platform to other clinics."),
    ("en", "Don't waste your money on the reporting add-on."),
    ("it", "Sinceramente lo sconsiglio a tutti i colleghi."),
    ("it", "Non lo consiglio a nessuno, mi spiace."),
    ("ru", "Коллегам я вас не рекомендую, честно."),
    ("ru", "Никому не советую этот модуль."),
    ("pl", "Szczerze? Nie polecam nikomu tego systemu."),
    ("pl", "Znajomym z branży odradzam, niestety."),
    ("zh", "说实话，我不推荐同行用你们的系统。"),
    ("zh", "千万别买这个模块，白花钱。"),
]
PRAISE = [
    ("en", "I can't recommend them enough, the team loves it."),
    ("en", "I highly recommend you to everyone I meet."),
    ("en", "I wouldn't recommend changing anything right now, it works."),
    ("it", "Non posso che consigliarlo ai colleghi."),
    ("ru", "Не могу не рекомендовать вас коллегам."),
    ("pl", "Nie mogę nie polecić waszej firmy znajomym."),
    ("pl", "Polecam was wszystkim, nie tylko znajomym."),
    ("pl", "Nie polecam zmieniać teraz dostawcy, wszystko działa."),
    ("zh", "不得不推荐一下你们的客服，真的很好。"),
]
# The same characters inside another word: 很高兴 "very glad" (not 很高 "very high"), 有点难过 "a bit sad".
ZH_SENSES = [
    ("今年不错，客户流失少了，我们很高兴。", "price"),
    ("我们的一个客户走了，有点难过，不过你们的系统很好。", "complexity"),
]


@pytest.mark.parametrize(("lang", "text"), WARNINGS)
def test_a_recommendation_refused_or_a_warning_is_dissatisfaction(shipped_rules: RuleSet, lang: str, text: str) -> None:
    still_a_risk(text, lang, shipped_rules, "dissatisfaction")


@pytest.mark.parametrize(("lang", "text"), PRAISE)
def test_praise_with_two_negations_and_advice_are_no_warning(shipped_rules: RuleSet, lang: str, text: str) -> None:
    hits = line_hits(text, lang, shipped_rules)
    assert not [h for h in hits if h.category == "dissatisfaction" and not h.negated], hits


@pytest.mark.parametrize(("text", "category"), ZH_SENSES)
def test_chinese_characters_inside_another_word_are_not_the_risk(
    shipped_rules: RuleSet, text: str, category: str
) -> None:
    hits = line_hits(text, "zh", shipped_rules)
    assert not [h for h in hits if h.category == category and not h.negated], hits


def test_a_high_price_and_a_hard_system_still_fire(shipped_rules: RuleSet) -> None:
    still_a_risk("续费价格很高，我们有点吃不消。", "zh", shipped_rules, "price")
    still_a_risk("这个系统太难用了，大家都搞不懂。", "zh", shipped_rules, "complexity")
