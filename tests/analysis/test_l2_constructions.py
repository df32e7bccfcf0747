"""Second-language speakers' constructions the rules misread (issue 10, rules13: eval_heldout12a, written by L2
speakers of en/it/ru/pl/zh). Lines written for this test (in no corpus), real pipelines, the shipped rules:

- a quantity the customer cannot pay is the price, not a late payment ("we can't pay that much", "nie możemy tyle
  płacić", "не можем столько платить", "non possiamo pagare così tanto", "付不了这么多");
- instalments asked for, or the whole sum at once too hard, is payment ("Possiamo pagare in tre rate?", "Można
  raty?", "Частями можно?", "zapłacić od razu całość jest trudno", "可以分三次付吗？");
- a Polish verb of paying in the third person is someone else paying ("klient płacił w ratach");
- the customer buying, said in the future or after "if" ("If we acquire the pharmacies …", "Если купим ещё аптеки");
- "всё равно" (anyway) is not "всё" frozen or up in the air (champion); "churn also went down" is the company's own;
- another system looked at, tested or compared, a demo or offer a named party made, in a learner's words too ("We
  look at other program, Propstack.", "Noi guardiamo altro registro", "oglądamy inny system", "我们别的系统在看",
  "在检讨别的系统"), and a rival cheaper, then switching ("Zenko is cheaper for us, so we'll probably switch.");
- going on maternity leave is no cancellation; "对我们来说太贵" (too expensive for us) is not the customer's own goods.
"""

from __future__ import annotations

import pytest

from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import line_hits, still_a_risk

TOO_MUCH = [
    ("en", "The new price is too high, we can't pay that much for a booking tool."),
    ("it", "Il nuovo prezzo è troppo alto, non possiamo pagare così tanto."),
    ("ru", "Новая цена высокая, мы не можем столько платить."),
    ("pl", "Nowa cena jest za wysoka, nie możemy tyle płacić."),
    ("zh", "新价格太高了，我们付不了这么多。"),
]
INSTALMENTS = [
    ("it", "Va bene, ma possiamo pagare in quattro rate?"),
    ("it", "Pagare tutto insieme adesso è difficile per noi."),
    ("ru", "Оплатить сразу весь год сложно, частями можно?"),
    ("pl", "Czy możemy zapłacić w czterech ratach?"),
    ("pl", "Zapłacić od razu całość będzie ciężko."),
    ("zh", "一次付清对我们压力大，可以分三次付吗？"),
]
LOOKING_ELSEWHERE = [
    ("en", "We test other system now, Fleetio. They give us demo."),
    ("en", "Honestly, we saw a presentation of Routely last week."),
    ("en", "Zenko is cheaper for us, so we'll probably switch."),
    ("it", "Noi guardiamo altro gestionale, Zucchetti. Loro fatto demo."),
    ("ru", "Мы сейчас смотреть другой система, они дали демо."),
    ("pl", "Szczerze, oglądamy inny program, Optima."),
    ("zh", "我们别的平台在看，老板想比较一下。"),
    ("zh", "我们现在在检讨别的系统。"),
]
NOT_OURS = [
    ("pl", "Nasz klient płacił w ratach, ale w końcu wszystko spłacił.", "payment"),
    ("en", "If we acquire the clinic group in Lyon, maybe we add them later.", "champion"),
    ("ru", "Если купим ещё две аптеки, может быть, добавим лицензии.", "champion"),
    ("ru", "Дом продали, покупатель всё равно купил, хотя крыша была плохая.", "champion"),
    ("en", "Good year. Customer churn also went down after the new onboarding.", "cancellation"),
    ("en", "Our office manager goes on maternity leave in May, so Tom will be your contact.", "cancellation"),
    ("en", "It's cheaper to switch off the old servers at night.", "competitor"),
    ("ru", "Если получим тендер на новую школу, наверное, добавим пару учителей.", "competitor"),
]


@pytest.mark.parametrize(("lang", "text"), TOO_MUCH)
def test_a_sum_the_customer_cannot_pay_is_the_price(shipped_rules: RuleSet, lang: str, text: str) -> None:
    hits = line_hits(text, lang, shipped_rules)
    assert [h for h in hits if h.category == "price" and not h.negated], hits
    assert not [h for h in hits if h.category == "payment" and not h.negated], hits


@pytest.mark.parametrize(("lang", "text"), INSTALMENTS)
def test_instalments_asked_for_are_payment(shipped_rules: RuleSet, lang: str, text: str) -> None:
    still_a_risk(text, lang, shipped_rules, "payment")


@pytest.mark.parametrize(("lang", "text"), LOOKING_ELSEWHERE)
def test_another_system_looked_at_is_a_competitor(shipped_rules: RuleSet, lang: str, text: str) -> None:
    still_a_risk(text, lang, shipped_rules, "competitor")


def test_too_expensive_for_us_is_our_price(shipped_rules: RuleSet) -> None:
    still_a_risk("新的价格对我们来说太贵了，真的。", "zh", shipped_rules, "price")


@pytest.mark.parametrize(("lang", "text", "category"), NOT_OURS)
def test_someone_else_paying_buying_or_churning_is_no_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    hits = line_hits(text, lang, shipped_rules)
    assert not [h for h in hits if h.category == category and not h.negated], hits


def test_we_paid_in_instalments_and_our_accounts_pay_late_stay(shipped_rules: RuleSet) -> None:
    still_a_risk("Płaciliśmy w ratach i to był dla nas problem.", "pl", shipped_rules, "payment")
    still_a_risk("Nasza księgowość płaciła z opóźnieniem.", "pl", shipped_rules, "payment")
    still_a_risk("We might get acquired by a bigger group next year.", "en", shipped_rules, "champion")
