"""Whose thing broke (analysis/things.py, issue 10 §5, rules9): a failure named with what failed, when that is none of
the vendor's, is no support risk; the product failing, a time word or a participle after the failure word stays."""

from __future__ import annotations

import pytest

from assistant.analysis.things import failed_thing


@pytest.mark.parametrize(
    ("lang", "text", "word", "thing"),
    [
        ("pl", "W nocy była awaria prądu w całej hali.", "awaria", "awaria prądu"),
        ("pl", "Mieliśmy awarię windy towarowej.", "awarię", "awarię windy"),
        ("ru", "У нас поломка станка, цех стоит.", "поломка", "поломка станка"),
        ("en", "They had an outage at their warehouse on Monday.", "outage", "outage at their warehouse"),
        # what broke, named before the relative clause that holds the match (rules15)
        (
            "ru",
            "Мы списали погрузчики, которые постоянно ломались.",
            "постоянно ломались",
            "погрузчики, которые постоянно ломались",
        ),
        ("en", "We scrapped the old presses that kept breaking down.", "kept breaking", "presses that kept breaking"),
        ("pl", "Wymieniliśmy wózki, które ciągle się psuły.", "ciągle się psuły", "wózki, które ciągle się psuły"),
    ],
)
def test_someone_elses_equipment(lang: str, text: str, word: str, thing: str) -> None:
    at = text.lower().index(word)
    assert failed_thing(text, at, at + len(word), lang, "support") == thing


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("pl", "Znowu awaria systemu, nic nie działa.", "awaria"),
        ("pl", "Awaria w nocy, nic nie działa.", "awaria"),
        ("pl", "Awaria naprawiona dopiero po tygodniu.", "awaria"),
        ("pl", "Awaria prądu? U was, bo wasz serwer leży.", "awaria"),
        ("ru", "Опять авария сервера, всё стоит.", "авария"),
        ("en", "Another outage of the platform this week.", "outage"),
        ("en", "It's the platform that keeps crashing every Monday.", "crashing"),
        ("ru", "У нас система, которая постоянно ломается.", "постоянно ломается"),
    ],
)
def test_the_product_failing_stays(lang: str, text: str, word: str) -> None:
    at = text.lower().index(word)
    assert failed_thing(text, at, at + len(word), lang, "support") == ""


def test_only_support_is_read() -> None:
    assert failed_thing("Awaria prądu.", 0, 6, "pl", "price") == ""
