"""held11's constructions and the known misses fixed before held12 (issue 10 §6): a list said to be on the call
with "With me are", a second title of the same person after "and our newly appointed", a "Corporate" modifier, "as
<title>" of a third person, a named person's title over a nameless one of the same seat; "our CEO and colleagues, A
and B", "director of photography", surname + 副总, "our GM"."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people

WITH_ME = [
    ("en", "Steve/unknown: With me are Mike Spanos, President and CEO of Six Flags; and Lenny Russ, our CFO.",
     {("CEO", "Mike Spanos"), ("CFO", "Lenny Russ")}),
    ("en", "Steve/unknown: With me is Mike Spanos, President and CEO of Six Flags.", {("CEO", "Mike Spanos")}),
    ("it", "Anna/unknown: Con me ci sono Marco Rossi, amministratore delegato di Acme, e Luca Bianchi, il nostro "
     "direttore finanziario.", {("CEO", "Marco Rossi"), ("CFO", "Luca Bianchi")}),
    ("ru", "Анна/unknown: Со мной Андрей Волков, генеральный директор компании, и Ольга Смирнова, наш финансовый "
     "директор.", {("CEO", "Андрей Волков"), ("CFO", "Ольга Смирнова")}),
    ("pl", "Anna/unknown: Jest ze mną Jan Kowalski, prezes zarządu, oraz Ewa Nowak, nasza dyrektor finansowa.",
     {("CEO", "Jan Kowalski"), ("CFO", "Ewa Nowak")}),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "expected"), WITH_ME)
def test_people_listed_as_with_me_are_on_the_call_even_with_their_company_named(
    lang: str, line: str, expected: set[tuple[str, str]]
) -> None:
    found = call(lang, line)
    assert people(found) == expected
    assert {e.kind for e in found} == {"speaking"}


def test_the_title_of_a_company_in_the_news_is_still_no_one() -> None:
    line = "Steve/unknown: Mike Spanos, President and CEO of Six Flags, said so in the paper."
    assert people(call("en", line)) == set()


def test_a_second_title_after_and_our_newly_appointed_is_the_same_person() -> None:
    line = (
        "Steve/unknown: With me are Lenny Russ, our Senior Vice President of Strategic Planning and Analysis and our "
        "newly appointed Interim CFO."
    )
    assert people(call("en", line)) == {("CFO", "Lenny Russ")}
    two_heads = "Jane/unknown: along with Greg Sipos, our Head of Corporate Banking and our Head of Retail, we grew."
    assert ("Head of Retail", None) in people(call("en", two_heads))
    assert people(call("en", "customer: Our CEO and our CFO must approve it.")) == {("CEO", None), ("CFO", None)}


def test_a_corporate_controller_keeps_the_name_before_it() -> None:
    found = call("en", "Operator/unknown: I'll now turn the call over to Derek Hatch, Corporate Controller.")
    assert people(found) == {("Controller", "Derek Hatch")}


AS_SOMEONE_ELSE = [
    ("en", "Milt/unknown: The board and Marvin reached a mutual agreement for him to step down as CEO."),
    ("en", "Milt/unknown: The board chose Eric to step in, who is well-qualified to step in as the interim CEO."),
    ("it", "Milt/unknown: Il consiglio ha chiesto a lui di restare ancora un anno come amministratore delegato."),
    ("ru", "Milt/unknown: Совет директоров попросил его остаться ещё на год как генерального директора."),
    ("pl", "Milt/unknown: Rada nadzorcza poprosiła jego, żeby został jeszcze rok jako prezes zarządu."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line"), AS_SOMEONE_ELSE)
def test_as_a_title_after_a_third_person_is_not_the_speakers_seat(lang: str, line: str) -> None:
    assert not any(e.name == "Milt" for e in call(lang, line))


AS_SELF = [
    ("en", "Jane Smith/unknown: As CFO, I think we are fine."),
    ("en", "Jane Smith/unknown: I am glad to be speaking today as CFO, for the first time."),
    ("it", "Jane Smith/unknown: Come direttore finanziario, io dico di sì."),
    ("ru", "Jane Smith/unknown: Как финансовый директор, я согласна."),
    ("pl", "Jane Smith/unknown: Jako dyrektor finansowy uważam, że tak."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line"), AS_SELF)
def test_as_a_title_of_the_speaker_stays_a_self_introduction(lang: str, line: str) -> None:
    assert [(e.name, e.kind) for e in call(lang, line)] == [("Jane Smith", "speaking")]


def test_a_named_title_beats_a_nameless_one_of_the_same_seat() -> None:
    found = call(
        "en",
        "Derek/unknown: Each country has a Managing Director, and 12 of our 15 Managing Director met their goal.",
        "Derek/unknown: We'd like to turn the time over to Mr. Bob Whitman, our Chairman and Chief Executive Officer.",
    )
    assert ("CEO", "Bob Whitman") in people(found)
    assert not any(e.name == "Bob Whitman" and e.title != "CEO" for e in found)


COLLEAGUES = [
    ("en", "customer: Our CEO and colleagues, Jane Roe and Bob Lee, will join."),
    ("it", "customer: Il nostro amministratore delegato e i colleghi, Anna Galli e Marco Fontana, saranno con noi."),
    ("ru", "customer: Наш генеральный директор и коллеги, Павел Орлов и Сергей Лебедев, будут на связи."),
    ("pl", "customer: Nasz prezes zarządu i koledzy, Jan Nowak i Piotr Wiśniewski, dołączą."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line"), COLLEAGUES)
def test_names_after_a_title_and_colleagues_are_not_all_holders_of_the_title(lang: str, line: str) -> None:
    """One CEO, no name: the list names the colleagues (before, "Jane Roe" and "Bob Lee" were two CEOs)."""
    assert people(call(lang, line)) == {("CEO", None)}


def test_a_title_before_a_plain_list_is_still_shared() -> None:
    line = "customer: Our three regional presidents, Alicia Gomez, Ben Carter and Chen Wei, will join."
    assert people(call("en", line)) == {("President", n) for n in ("Alicia Gomez", "Ben Carter", "Chen Wei")}


def test_a_director_of_photography_is_a_film_job_not_a_department() -> None:
    assert people(call("en", "customer: Our director of photography will shoot the launch video.")) == set()
    assert people(call("en", "customer: Our director of operations will sign.")) == {("Director of Operations", None)}


def test_surname_and_fu_zong_is_a_vice_president_joined_to_the_named_one() -> None:
    """ "陈副总" (副总 short for 副总经理): a VP addressed by surname; the named VP with that surname if one."""
    found = call("zh", "unknown: 我是信辉的副总经理陈志孝。", "unknown: 下面把时间交给陈副总，副总请。")
    assert people(found) == {("VP", "陈志孝")}
    assert people(call("zh", "customer: 这个价格我得问一下李副总。")) == {("VP", "李副总")}
    assert people(call("zh", "unknown: 那以上謝謝副總詳盡的簡報說明。")) == set()  # "thank you, VP": no Mr Xie
    traditional = call("zh", "unknown: 我是杏輝的副總經理陳志孝。", "unknown: 把時間交給陳副總。")
    assert people(traditional) == {("VP", "陳志孝")}
    assert people(call("zh", "customer: 我们王总和财务总监都要签字。")) == {("General Manager", "王总"), ("CFO", None)}


def test_gm_is_a_general_manager_only_with_context() -> None:
    """ "GM" is also General Motors: it needs context (``ambiguous`` in executives.yaml)."""
    assert people(call("en", "customer: Our GM will sign it.")) == {("General Manager", None)}
    for line in (
        "Bob/unknown: GM announced they are going to take some downtime on some of their Silverados.",
        "Bob/unknown: We leased space at the GM Building and Reston Town Center.",
        "Bob/unknown: GM and Stellantis are our biggest customers.",
    ):
        assert people(call("en", line)) == set()
