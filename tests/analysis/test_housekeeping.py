# ruff: noqa: E501  (the lines below are test data: one line a case reads best)
"""The customer's own housekeeping told in churn's words (analysis/housekeeping.py, issue 10, rules15: eval_heldout14a's
trades). Lines written for this test (in no corpus), real pipelines, the shipped rules: things counted as the object
of a cancelling verb, a batch of goods sent back, a third party's contract, a feature described, the customer's own
customers or people counted leaving, a count of its own things going down — each negated with its reason; the
vendor's contract, a count of the vendor's units and one contact leaving stay risks."""

from __future__ import annotations

import pytest

from assistant.analysis.housekeeping import housekeeping
from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import negated_because, still_a_risk

OWN = [
    ("en", "We cancelled four supplier contracts after the audit.", "cancellation", "things of its own, counted"),
    ("en", "During the audit we closed several hundred inactive accounts.", "cancellation", "things of its own, counted"),
    ("pl", "W zeszłym miesiącu wypowiedzieliśmy umowy trzem kurierom.", "cancellation", "things of its own, counted"),
    ("zh", "我们终止了三家仓储服务商的合同。", "cancellation", "things of its own, counted"),
    ("it", "Abbiamo disdetto tre contratti di manutenzione degli ascensori.", "cancellation", "things of its own, counted"),
    ("pl", "Wycofaliśmy całą partię opakowań, bo miała wadę.", "cancellation", "a batch of goods"),
    ("en", "Whenever a subscriber cancels the subscription, the workflow now archives their data.", "cancellation", "a feature described"),
    ("en", "When a member ends the contract, the app sends the final invoice.", "cancellation", "a feature described"),
    ("pl", "Kiedy klient wypowiada umowę, system sam wysyła potwierdzenie.", "cancellation", "a feature described"),
    ("ru", "Когда абонент расторгает договор, система сама выставляет последний счёт.", "cancellation", "a feature described"),
    ("pl", "Raport pokazuje, którzy nasi klienci mogą odejść w tym kwartale.", "champion", "its own customers or people counted, leaving"),
    ("pl", "Usunęliśmy dostęp dwunastu osób, które odeszły z firmy w grudniu.", "champion", "its own customers or people counted, leaving"),
    ("it", "Il numero di sportelli è diminuito di tre quest'anno.", "downgrade", "a count of its own things"),
    ("pl", "Liczba oddziałów zmniejszyła się o dwa.", "downgrade", "a count of its own things"),
    ("ru", "С новой системой сделки закрываем на неделю быстрее.", "cancellation", "work closed, not a contract"),
    ("ru", "С вами вакансии закрываем быстрее, чем раньше.", "cancellation", "work closed, not a contract"),
]  # fmt: skip
STANDS = [
    ("en", "We're cancelling the contract with you at the end of March.", "cancellation"),
    ("en", "I need to cancel one of my accounts with you.", "cancellation"),
    ("pl", "Wypowiadamy umowę z końcem roku.", "cancellation"),
    ("zh", "我们决定终止和你们的合同。", "cancellation"),
    ("it", "Sì, mandiamo la disdetta entro il trenta così usciamo a fine contratto.", "cancellation"),
    ("pl", "Zmniejszamy liczbę licencji z trzydziestu do dziesięciu.", "downgrade"),
    ("en", "Our champion Jenny left the company in November.", "champion"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "category", "why"), OWN)
def test_the_customers_own_housekeeping_is_no_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str, why: str
) -> None:
    negated_because(text, lang, shipped_rules, category, why)


@pytest.mark.parametrize(("lang", "text", "category"), STANDS)
def test_the_vendors_contract_and_units_stay_risks(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    still_a_risk(text, lang, shipped_rules, category)


def test_the_readings_alone() -> None:
    text = "we terminated three contractor accounts"
    assert housekeeping(text, 3, len(text), "en", "cancellation")
    assert not housekeeping("we terminated twenty licences", 3, 28, "en", "cancellation")  # the vendor's units
    assert not housekeeping(text, 3, len(text), "en", "price")  # not a category it reads
    text = "il numero di licenze è diminuito"
    assert not housekeeping(text, 3, len(text), "it", "downgrade")
