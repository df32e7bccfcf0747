"""A title word that is no one's seat there (``senses``): a craft's job, a word of a proper name, the seat of the place
just spoken of, a seat the company had once, a past seat in a list of the speaker's roles, a seat as a role, and an
acronym with other common expansions -- each next to the same words that do name a person (real spaCy)."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people


def test_a_crafts_job_is_no_executive() -> None:
    line = "Stephen Yalof/unknown: This quarter we have introduced our Tanger Fashion Director who shops our brands."
    assert people(call("en", line)) == set()
    assert people(call("en", "customer: Our casting director will call you.")) == set()
    assert people(call("en", "customer: Our Regional Sales Director will sign it.")) == {("Director of Sales", None)}
    assert people(call("en", "customer: Our Atlanta market President will sign it.")) == {("President", None)}


def test_a_title_in_a_proper_name_is_no_one() -> None:
    line = "Doug/unknown: We signed significant leases at the GM Building and our GM Building team will sign more."
    assert people(call("en", line)) == set()
    assert people(call("en", "customer: She won the President's Club again, and our CEO Summit is in May.")) == set()
    assert people(call("en", "customer: Our GM will sign the order.")) == {("General Manager", None)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "John/unknown: I had lunch with the Chief Operating Officer there and he gave me a list."),
        ("it", "Anna/unknown: Ho pranzato con il direttore finanziario lì e mi ha dato una lista."),
        ("ru", "Анна/unknown: Я обедала с финансовым директором там, и он дал мне список."),
        ("pl", "Anna/unknown: Jadłam lunch z dyrektorem finansowym tam i dał mi listę."),
    ],
)
def test_the_seat_of_the_place_just_spoken_of_is_another_companys(lang: str, line: str) -> None:
    assert people(call(lang, line)) == set()


def test_the_seat_there_is_ours_with_a_possessive() -> None:
    assert people(call("en", "customer: Is our CFO there? She needs to approve it.")) == {("CFO", None)}


@pytest.mark.parametrize(
    ("lang", "line", "now"),
    [
        (
            "en",
            "Gary/unknown: We had the CFO, we had a controller, and we had a treasurer.",
            "Our CFO will sign the Acme contract.",
        ),
        (
            "it",
            "Gino/unknown: Avevamo il direttore finanziario e un contabile.",
            "Il nostro direttore finanziario firma il contratto con Acme.",
        ),
        (
            "ru",
            "Олег/unknown: У нас был финансовый директор и бухгалтер.",
            "Наш финансовый директор подпишет договор с Acme.",
        ),
        (
            "pl",
            "Jan/unknown: Mieliśmy dyrektora finansowego i księgowego.",
            "Nasz dyrektor finansowy podpisze umowę z Acme.",
        ),
    ],
)
def test_a_seat_the_company_had_once_is_no_one(lang: str, line: str, now: str) -> None:
    assert people(call(lang, line)) == set()
    assert people(call(lang, f"customer: {now}")) == {("CFO", None)}


def test_a_past_seat_in_a_list_of_roles() -> None:
    line = (
        "Leonard Russ/unknown: Since then, I've had the opportunity to work in many financial roles over the last "
        "20-plus years, including creating the company's internal audit function, serving as the Chief Accounting "
        "Officer, and fulfilling my current role as the Senior Vice President of Strategic Planning and Analysis."
    )
    assert "Chief Accountant" not in {e.title for e in call("en", line)}
    current = "Jane Roe/unknown: I've held many roles, including my current role as the Chief Accounting Officer."
    assert people(call("en", current)) == {("Chief Accountant", "Jane Roe")}
    it = "Gino Rossi/unknown: Ho avuto molti ruoli, tra cui direttore finanziario, e oggi guido le vendite."
    assert people(call("it", it)) == set()


def test_a_seat_as_a_role_is_no_one() -> None:
    line = "Ryan/unknown: He reported that he's done between being CEO and CFO 107 of these quarterly things."
    assert people(call("en", line)) == set()
    assert {e.title for e in call("en", "Ryan/unknown: Tammy, being our CFO, will take that one.")} == {"CFO"}


def test_an_acronym_with_other_expansions_needs_a_persons_doing() -> None:
    faa = "Mike/unknown: We update our manuals and then get our own CMO to approve our manuals."
    assert people(call("en", faa)) == set()
    assert people(call("en", "Jay Johns/unknown: On the IHOP side, I have a new CMO.")) == {("CMO", None)}
    assert people(call("en", "Barry/unknown: Our CRO didn't start until July.")) == {("CRO", None)}
    assert people(call("en", "customer: Our CFO has to approve our budget.")) == {("CFO", None)}
    assert people(call("en", "customer: Our CMO, Jane Roe, has to approve it.")) == {("CMO", "Jane Roe")}


def test_a_title_as_an_attribute_of_a_seat_is_no_one() -> None:
    asked = "Jeff/unknown: So the CEO change certainly pretty abrupt. Any news on the CEO search?"
    assert people(call("en", asked)) == set()
    line = "Bob/unknown: I'll take over the CEO responsibility for investor meetings going forward."
    assert people(call("en", line)) == set()
    assert people(call("en", "customer: The CEO changed the plan.")) == {("CEO", None)}


@pytest.mark.parametrize(
    "line",
    [
        "SENATOR JACKSON/unknown: And so if I'm the president of City College, then I'm going to cut staff.",
        "rep: Imagine you're the CFO of a small firm, what would you cut first?",
    ],
)
def test_a_supposed_seat_is_no_one(line: str) -> None:
    assert call("en", line) == ()


def test_a_seat_after_a_supposition_in_another_clause_is_read() -> None:
    line = "customer: If it works, I'm the CFO of Acme and I will sign it."
    assert ("CFO", None) in people(call("en", line))
