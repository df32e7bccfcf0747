"""A person named to a seat ("we hired X as our new CIO") and a seat said to be filled ("I have a new CMO"), in
each language; hiring talk and a seat still open stay no one (issue 10 §6, held4)."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call

APPOINTED = [
    ("en", "We recently hired Kristie Grinnell as our new CIO.", "CIO", "Kristie Grinnell"),
    ("en", "Third, we promoted Kim Fields to serve as Chief Operating Officer effective January.", "COO", "Kim Fields"),
    ("it", "Abbiamo nominato Marco Rossi come nuovo direttore finanziario.", "CFO", "Marco Rossi"),
    ("it", "Abbiamo assunto Giulia Conti come responsabile acquisti.", "Head of Procurement", "Giulia Conti"),
    ("ru", "В прошлом месяце мы назначили Ольгу Петрову финансовым директором.", "CFO", "Ольга Петрова"),
    ("pl", "Powołaliśmy Jana Kowalskiego na stanowisko dyrektora finansowego.", "CFO", "Jan Kowalski"),
    ("pl", "Mianowaliśmy Annę Wiśniewską prezesem zarządu.", "CEO", "Anna Wiśniewska"),
    ("zh", "上个月我们任命了王丽为首席财务官。", "CFO", "王丽"),
    # the passive: the name before the verb
    ("en", "Tom Baker was recently promoted to COO.", "COO", "Tom Baker"),
    ("en", "Tom Baker has been named our new CFO.", "CFO", "Tom Baker"),
    ("it", "Marco Rossi è stato nominato direttore finanziario.", "CFO", "Marco Rossi"),
    ("ru", "Ольга Петрова назначена финансовым директором.", "CFO", "Ольга Петрова"),
    ("pl", "Anna Nowak została powołana na stanowisko prezesa zarządu.", "CEO", "Anna Nowak"),
    ("zh", "上个月王丽被任命为首席财务官。", "CFO", "王丽"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "title", "name"), APPOINTED)
def test_a_person_named_to_a_seat_holds_it(lang: str, line: str, title: str, name: str) -> None:
    (ex,) = call(lang, f"Speaker One/customer: {line}")
    assert (ex.title, ex.name, ex.kind) == (title, name, "mentioned")


NO_ONE = [
    ("en", "We are hiring a new CFO."),
    ("en", "We need to hire a new VP of Sales as soon as possible."),
    ("it", "Ci serve un nuovo direttore finanziario."),
    ("it", "Stiamo cercando un nuovo direttore finanziario."),
    ("ru", "Мы ищем нового финансового директора."),
    ("pl", "Szukamy nowego dyrektora finansowego."),
    ("zh", "我们正在招聘新的首席财务官。"),
]


@pytest.mark.parametrize(("lang", "line"), NO_ONE)
def test_hiring_talk_is_no_one(lang: str, line: str) -> None:
    assert call(lang, f"customer: {line}") == ()


FILLED = [
    ("en", "On the IHOP side -- I have a new CMO, as you're probably familiar with.", "CMO"),
    ("en", "We've got a new VP of Sales since March.", "VP of Sales"),
    ("it", "Abbiamo un nuovo direttore finanziario da marzo.", "CFO"),
    ("ru", "У нас новый финансовый директор.", "CFO"),
]


@pytest.mark.parametrize(("lang", "line", "title"), FILLED)
def test_a_seat_said_to_be_filled_is_a_person(lang: str, line: str, title: str) -> None:
    (ex,) = call(lang, f"customer: {line}")
    assert (ex.title, ex.name, ex.kind) == (title, None, "mentioned")


def test_a_new_seat_wanted_is_still_hiring_talk_beside_a_filled_one() -> None:
    found = call("en", "customer: We are looking for a new CFO and we have a new CTO.")
    assert [(e.title, e.name) for e in found] == [("CTO", None)]


def test_someone_named_to_another_company_s_seat_is_news_not_the_speaker() -> None:
    """ "as the Apple CEO" is no self-introduction, and "the Apple CEO" is someone in the news ("the CEO of
    Apple"); a capitalised word before the verb is no name ("Mamy nowego dyrektora": "we have a new director")."""
    assert call("en", "Speaker One/customer: Tim Cook was named as the Apple CEO years ago.") == ()
    (ex,) = call("pl", "Jan Nowak/customer: Mamy nowego dyrektora finansowego.")
    assert (ex.title, ex.name, ex.kind) == ("CFO", None, "mentioned")
    (ex,) = call("en", "Jane Smith/customer: As Apple's CEO, I approve this.")
    assert (ex.title, ex.name, ex.kind) == ("CEO", "Jane Smith", "speaking")
