"""Whose price? (analysis/attribution.py, issue 10 §5): a hit whose parties are someone else — a name that
raises its prices, what a price prices, an activity frozen, the customer's own customers paying late — is negated
with the party named in its evidence; the same words about the vendor, or said of nobody in particular, stay
risks. Lines written for this test (goods, firms and people that no rule file and no other construction lists),
run through the shipped rules with the real pipelines."""

from __future__ import annotations

import pytest

from assistant.analysis.attribution import Party, decide, whose
from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import line_hits

SOMEONE_ELSE = [
    ("en", "Honestly the price of fertiliser went up twenty percent this spring.", "price", "fertiliser"),
    ("en", "Brembo is raising prices again from March, nine percent.", "price", "Brembo"),
    ("en", "Our landlords are paying late again, third month running.", "payment", "landlords"),
    ("en", "We froze hiring in finance for the rest of the year.", "budget", "hiring"),
    ("it", "Il prezzo del cemento è aumentato del venti per cento.", "price", "cemento"),
    ("it", "Brembo alza i prezzi del nove per cento da marzo.", "price", "Brembo"),
    ("it", "Gli olandesi hanno disdetto quasi tutte le prenotazioni di agosto.", "cancellation", "olandesi"),
    ("ru", "Цены на цемент выросли на двадцать процентов.", "price", "цемент"),
    ("ru", "Брембо поднял цены на девять процентов с марта.", "price", "Брембо"),
    ("pl", "Brembo podnosi ceny od marca o dziewięć procent.", "price", "Brembo"),
    ("pl", "Ceny nawozu poszły w górę o dwadzieścia procent.", "price", "nawozu"),
    ("zh", "水泥的价格又涨了百分之二十。", "price", "水泥"),
    ("zh", "化肥又涨价了，贵了不少。", "price", "化肥"),
    ("en", "The packaging firm, Boxwell, they've put their prices up fifteen percent.", "price", "their prices"),
    ("it", "Quelli del trasporto hanno alzato i loro prezzi del dieci per cento.", "price", "loro prezzi"),
    ("ru", "У типографии новый прайс, их цены выросли на пятнадцать процентов.", "price", "их цены"),
    ("pl", "Tartak ma nowy cennik, ich ceny poszły w górę o piętnaście procent.", "price", "ich ceny"),
    ("zh", "包装厂说他们家的价格要涨百分之十五。", "price", "他们家的价格"),
]
OURS = [
    ("en", "They are raising the price again by twelve percent, it's too much.", "price"),
    ("en", "You raised the price of the licences again, it's too expensive.", "price"),
    ("en", "The price of the renewal went up twenty percent.", "price"),
    ("en", "Finance froze the budget for the platform.", "budget"),
    ("en", "My CFO refused to sign at that price.", "price"),
    ("en", "We're going to cancel the subscription at the end of the term.", "cancellation"),
    ("it", "Il prezzo della licenza è aumentato del venti per cento, troppo caro.", "price"),
    ("it", "Vogliamo disdire il contratto a fine anno.", "cancellation"),
    ("it", "I soci hanno deciso di disdire il contratto.", "cancellation"),
    ("it", "Alzate di nuovo i prezzi del nove per cento, è troppo.", "price"),
    ("ru", "Вы опять подняли цены на двадцать процентов, это слишком дорого.", "price"),
    ("ru", "Мы хотим расторгнуть договор с января.", "cancellation"),
    ("ru", "Учредители решили расторгнуть договор.", "cancellation"),
    ("pl", "Podnieśliście ceny licencji o dwadzieścia procent, to za drogo.", "price"),
    ("pl", "Znowu podnosicie ceny o dziewięć procent, to za dużo.", "price"),
    ("pl", "Pan znowu podnosi ceny, to za dużo.", "price"),
    ("zh", "你们又涨价了，太贵了。", "price"),
    ("zh", "我们打算取消订阅。", "cancellation"),
    # the vendor named in the sentence: goods' prices beside it leave it standing
    ("ru", "При нынешних ценах на корм нам дорого, и ваш тариф тоже вырос.", "price"),
    ("it", "Il prezzo del cemento è salito e anche il vostro canone è aumentato troppo.", "price"),
]


@pytest.mark.parametrize(("lang", "text", "category", "party"), SOMEONE_ELSE)
def test_someone_elses_price_is_no_risk_and_names_the_party(
    shipped_rules: RuleSet, lang: str, text: str, category: str, party: str
) -> None:
    hits = [h for h in line_hits(text, lang, shipped_rules) if h.category == category]
    assert hits, f"the rules no longer match {text!r}: the test needs a line they match"
    assert all(h.negated for h in hits), [(h.matched, h.evidence) for h in hits]
    assert any(party in h.evidence for h in hits), [h.evidence for h in hits]


@pytest.mark.parametrize(("lang", "text", "category"), OURS)
def test_the_same_words_about_us_or_unattributed_stay_risks(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    hits = [h for h in line_hits(text, lang, shipped_rules) if h.category == category]
    assert any(not h.negated for h in hits), [(h.matched, h.evidence) for h in hits]


def test_any_party_of_ours_wins_over_another() -> None:
    feed = Party("feed", "feed", "of", "price")
    assert decide([feed], "en", "price").startswith("about something else: 'feed'")
    assert decide([feed, Party("you", "you", "subject", "raised")], "en", "price") == ""


def test_pronouns_and_the_risks_own_words_are_nobody_else() -> None:
    for word in ("they", "it", "price", "everything"):
        assert decide([Party(word, word, "subject", "raise", proper=False)], "en", "price") == ""
        assert decide([Party(word, word, "of", "price")], "en", "price") == ""
    assert decide([Party("Brembo", "Brembo", "subject", "raise", proper=True)], "en", "price").startswith("someone")


def test_a_category_without_parties_is_left_alone() -> None:
    sentence = "Our supplier's support is slow."
    assert whose(sentence, 20, 31, "en", "support") == ""


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The packaging firm, Boxwell, put their prices up fifteen percent, so I'm looking at other suppliers."),
        ("it", "Brembo alza i prezzi del nove per cento, stiamo cercando un altro fornitore."),
    ],
)
def test_replacing_someone_elses_supplier_is_no_competitor_risk(shipped_rules: RuleSet, lang: str, text: str) -> None:
    hits = line_hits(text, lang, shipped_rules)
    competitor = [h for h in hits if h.category == "competitor"]
    assert competitor, f"the rules no longer match {text!r}: the test needs a line they match"
    assert all(h.negated and "replacing them" in h.evidence for h in competitor), [h.evidence for h in competitor]


def test_looking_elsewhere_than_you_stays_a_competitor_risk(shipped_rules: RuleSet) -> None:
    text = "Steel prices went up fifteen percent, and we're looking at other suppliers than you for the software."
    competitor = [h for h in line_hits(text, "en", shipped_rules) if h.category == "competitor"]
    assert competitor and not any(h.negated for h in competitor), [h.evidence for h in competitor]
