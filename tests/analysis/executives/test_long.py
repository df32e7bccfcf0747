"""Constructions of long multi-party calls, in each language: hand-overs, a title shared by a list of names,
one title per person, appositions ("X, our CFO", "CFO X", "X (CFO)"), surnames and honorifics said later,
title words and "Mr" never taken for names (issue 10 §6)."""

from __future__ import annotations

import pytest

from assistant.analysis.executives.names_self import utterance_self_name
from tests.analysis.executives.lines import call, people

HANDOVERS = [
    ("en", "rep: I'll turn the call over to Dana Whitfield, Chief Customer Officer of Brightline.", "CCO",
     "Dana Whitfield"),
    ("it", "rep: Passo la parola a Paolo Marini, il nostro direttore finanziario.", "CFO", "Paolo Marini"),
    ("ru", "customer: Передаю слово Дмитрию Волкову, нашему генеральному директору.", "CEO", "Дмитрий Волков"),
    ("pl", "customer: Oddaję głos Tomaszowi Wójcikowi, naszemu dyrektorowi finansowemu.", "CFO", "Tomasz Wójcik"),
    ("zh", "customer: 下面有请我们的首席财务官王芳。", "CFO", "王芳"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "title", "name"), HANDOVERS)
def test_handover_puts_the_named_executive_on_the_call(lang: str, line: str, title: str, name: str) -> None:
    (ex,) = call(lang, line)
    assert (ex.title, ex.name, ex.kind) == (title, name, "speaking")


def test_handover_to_an_executive_of_another_company_is_still_on_the_call() -> None:
    """ "<title> of <Company>" alone is someone in the news ("the founder of Tesla"); handed the call, present."""
    assert call("en", "customer: The founder of Tesla said it on TV.") == ()
    (ex,) = call("en", "Operator/unknown: I would now like to turn the conference over to Jane Doe, CEO of Acme.")
    assert (ex.title, ex.name, ex.kind) == ("CEO", "Jane Doe", "speaking")


LISTS = [
    ("en", "customer: Our three regional presidents, Alicia Gomez, Ben Carter and Chen Wei, use it daily.", "President",
     {"Alicia Gomez", "Ben Carter", "Chen Wei"}),
    ("it", "customer: I nostri tre direttori regionali, Anna Galli, Marco Fontana e Sara Greco, lo usano.", "Director",
     {"Anna Galli", "Marco Fontana", "Sara Greco"}),
    ("ru", "customer: У нас три региональных директора — Павел Орлов, Сергей Лебедев и Наталья Козлова.", "Director",
     {"Павел Орлов", "Сергей Лебедев", "Наталья Козлова"}),
    ("pl", "customer: Nasi trzej dyrektorzy regionalni, Marek Kamiński, Jan Dąbrowski i Ewa Szymańska, go chwalą.",
     "Director", {"Marek Kamiński", "Jan Dąbrowski", "Ewa Szymańska"}),
    ("zh", "customer: 我们的三位区域总监，李娜、张伟和孙丽，都很满意。", "Director", {"李娜", "张伟", "孙丽"}),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "title", "names"), LISTS)
def test_a_title_shared_by_a_list_is_every_name(lang: str, line: str, title: str, names: set[str]) -> None:
    found = call(lang, line)
    assert people(found) == {(title, n) for n in names}
    assert {e.kind for e in found} == {"mentioned"}


def test_a_single_name_after_a_plural_title_is_no_list() -> None:
    assert call("en", "customer: We met three vice presidents, all of them new.") == ()
    assert (
        call("it", "customer: Il nostro direttore finanziario, cioè il CFO, vuole i numeri entro venerdì.")[0].name
        is None
    )


TITLE_PER_PERSON = [
    ("en", "rep: Joining me are our CEO, Marcus Lee, and our CFO, Priya Raman.", ("Marcus Lee", "Priya Raman")),
    ("it", "rep: Con me ci sono il nostro amministratore delegato, Marco Lodi, e la nostra direttrice finanziaria, "
     "Paola Neri.", ("Marco Lodi", "Paola Neri")),
    ("ru", "rep: Со мной наш генеральный директор Марк Орлов и наш финансовый директор Анна Белова.",
     ("Марк Орлов", "Анна Белова")),
    ("pl", "rep: Jest ze mną nasz prezes zarządu, Marek Lis, i nasza dyrektorka finansowa, Anna Nowak.",
     ("Marek Lis", "Anna Nowak")),
    ("zh", "rep: 和我一起的有我们的首席执行官李明和首席财务官王芳。", ("李明", "王芳")),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "names"), TITLE_PER_PERSON)
def test_each_person_keeps_their_own_title(lang: str, line: str, names: tuple[str, str]) -> None:
    """A CFO is not reported as CEO when both are introduced in one sentence."""
    assert people(call(lang, line)) == {("CEO", names[0]), ("CFO", names[1])}


def test_coordinated_titles_of_one_person_are_one_executive() -> None:
    found = call("en", "speaker: On the call today are Rob Mionis, President and Chief Executive Officer, and "
                 "Mandeep Chawla, Chief Financial Officer.")  # fmt: skip
    assert people(found) == {("CEO", "Rob Mionis"), ("CFO", "Mandeep Chawla")}
    two = call("ru", "customer: Наш генеральный директор и финансовый директор должны это утвердить.")
    assert {e.title for e in two} == {"CEO", "CFO"}  # two people, no name: not joined


APPOSITIONS = [
    ("en", ["customer: Jane Smith, our CFO, will join.", "customer: CFO Jane Smith will join.",
            "customer: Jane Smith (CFO) will join."], "Jane Smith"),
    ("it", ["customer: Giulia Rossi, la nostra CFO, si unirà.", "customer: Il CFO Giulia Rossi si unirà.",
            "customer: Giulia Rossi (CFO) si unirà a noi."], "Giulia Rossi"),
    ("ru", ["customer: Ольга Петрова, наш финансовый директор, подключится.",
            "customer: Финансовый директор Ольга Петрова подключится.",
            "customer: Ольга Петрова (финансовый директор) подключится позже."], "Ольга Петрова"),
    ("pl", ["customer: Anna Nowak, nasza dyrektorka finansowa, dołączy.",
            "customer: Dyrektor finansowy Anna Nowak dołączy.",
            "customer: Anna Nowak (dyrektor finansowy) dołączy później."], "Anna Nowak"),
    ("zh", ["customer: 王丽，我们的财务总监，稍后加入。", "customer: 财务总监王丽稍后加入。",
            "customer: 王丽（财务总监）稍后加入。"], "王丽"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "lines", "name"), APPOSITIONS)
def test_appositions_link_the_name(lang: str, lines: list[str], name: str) -> None:
    for line in lines:
        assert people(call(lang, line)) == {("CFO", name)}, line


def test_names_said_later_link_to_the_full_name() -> None:
    found = call("en", "customer: Our CFO, Laura Stein, will approve it.", "rep: Great.",
                 "customer: Ms. Stein, our CFO, is traveling this week.")  # fmt: skip
    assert people(found) == {("CFO", "Laura Stein")}
    heard = call(
        "en", "Apple/unknown: Speaking first today is Apple's CEO, Tim Cook.", "Timothy D. Cook/unknown: Thanks."
    )
    assert [(e.name, e.kind, e.speaker) for e in heard] == [("Tim Cook", "speaking", "Timothy D. Cook")]


def test_surname_with_zong_is_the_named_person_not_a_general_manager() -> None:
    found = call("zh", "customer: 我们的首席执行官赵强稍后加入。", "rep: 好的。", "customer: 下面请赵总来说。")
    assert people(found) == {("CEO", "赵强")}
    assert call("zh", "rep: 王总，您觉得这个方案怎么样？")[0].title == "General Manager"  # no one else named 王


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("en", "rep: I will be turning the call over to the Vice President of Investor Relations, Mr. Dave Fildes.",
         "Dave Fildes"),
        ("en", "customer: Mr. Becker, our VP of Operations, will decide.", "Becker"),
        ("it", "customer: Il nostro direttore tecnico, l'ingegner Bruno Sala, è in ferie.", "Bruno Sala"),
        ("it", "customer: La nostra amministratrice delegata, la signora Bianca Serra, valuta altri fornitori.",
         "Bianca Serra"),
        ("ru", "customer: Наш ИТ-директор, господин Фёдоров, просил документацию.", "Фёдоров"),
        ("pl", "customer: Jest ze mną prezes zarządu, pani Agnieszka Lewandowska.", "Agnieszka Lewandowska"),
    ],
)  # fmt: skip
def test_honorifics_and_title_words_are_never_names(lang: str, line: str, name: str) -> None:
    (ex,) = call(lang, line)
    assert ex.name == name


def test_empty_seats_and_questions() -> None:
    """A seat said to be empty is no one, and takes the question before it along; a question without a
    possessive has no side, so it merges with the named holder the answer gives."""
    assert call("ru", "rep: Ваш генеральный директор будет на встрече?", "customer: Нет, у нас нет гендиректора.") == ()
    assert (
        call("pl", "rep: Czy mogę porozmawiać z dyrektorem finansowym?", "customer: Nie mamy dyrektora finansowego.")
        == ()
    )
    found = call("pl", "rep: Czy przewodniczący rady nadzorczej musi to zatwierdzić?",
                 "customer: Tak, pan Henryk Mazur, przewodniczący rady nadzorczej, chce zobaczyć ofertę.")  # fmt: skip
    assert people(found) == {("Chairman", "Henryk Mazur")}
    assert [e.role for e in call("en", "rep: Would your CFO want to see the ROI model?")] == ["customer"]


def test_fuzzy_titles_never_swap_a_function_word() -> None:
    assert call("en", "speaker: we will continue to grow our business over the coming years.") == ()


def test_a_list_of_people_with_their_own_titles_is_no_shared_title() -> None:
    found = call("en", "David/unknown: With me today is our Chief Executive Officer, Revathi Advaithi, and Chief "
                 "Financial Officer, Kevin Krumm, who will give brief remarks.")  # fmt: skip
    assert people(found) == {("CEO", "Revathi Advaithi"), ("CFO", "Kevin Krumm")}


def test_the_name_called_out_after_a_handover_to_a_title() -> None:
    (ex,) = call("en", "David/unknown: Now, I'd like to turn the call over to our CEO. Revathi?")
    assert (ex.title, ex.name, ex.kind) == ("CEO", "Revathi", "speaking")


def test_people_introduced_by_the_other_side_are_heard_under_their_own_labels() -> None:
    """The rep introducing "Tom Becker, VP of Operations" assumes no side; Tom's own label puts him on the call."""
    found = call("en", "Dana Whitfield/rep: From Northwind we have Tom Becker, VP of Operations.",
                 "Tom Becker/customer: Thanks, Dana. Happy to be here.")  # fmt: skip
    assert [(e.name, e.kind, e.role) for e in found] == [("Tom Becker", "speaking", "customer")]
    ours = call("en", "Dana Whitfield/rep: Our VP of Operations, Tom Becker, sends his regards.",
                "Tom Becker/customer: Hi.")  # fmt: skip
    assert [(e.name, e.kind) for e in ours] == [("Tom Becker", "mentioned")]  # "our" said: the rep's Tom


def test_an_operator_calling_on_a_titled_person_puts_them_on_the_call() -> None:
    (ex,) = call("en", "speaker: Craig Oberg, Vice President of Investor Relations, you may begin your conference.")
    assert (ex.name, ex.title, ex.kind) == ("Craig Oberg", "VP of Investor Relations", "speaking")


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("pl", "Dzień dobry, Stanisław Grabowski.", "Stanisław Grabowski"),
        ("ru", "Да, Игорь Новиков, здравствуйте.", "Игорь Новиков"),
        ("en", "Hi everyone, Jane Smith.", "Jane Smith"),
        ("en", "Hi Kate.", None),  # a first name alone is the person greeted
        ("en", "Hi Kate Morgan, we are looking at other vendors this year.", None),  # not a short greeting
    ],
)
def test_a_greeting_and_a_full_name_is_a_self_introduction(lang: str, text: str, name: str | None) -> None:
    assert utterance_self_name(text, lang) == name


def test_the_owner_greeting_on_his_own_voice_is_on_the_call() -> None:
    found = call("pl", "S2/customer: Obok mnie siedzi nasz właściciel, pan Stanisław Grabowski.",
                 "S3/customer: Dzień dobry, Stanisław Grabowski.")  # fmt: skip
    assert [(e.name, e.kind, e.speaker) for e in found] == [("Stanisław Grabowski", "speaking", "S3")]


SPLIT_WORDS = [  # a title word whose last letters a PDF's text layer split off
    ("en", "rep: With me is our Chief Financial Office r, Paul Lundstrom.", "CFO", "Paul Lundstrom"),
    ("en", "rep: Our Vice Presiden t of Sales, Anna Reed, joins us.", "VP of Sales", "Anna Reed"),
    ("it", "rep: Con me c'è il nostro direttore finanziari o, Marco Rossi.", "CFO", "Marco Rossi"),
    ("ru", "rep: Со мной наш финансовый директо р, Иван Петров.", "CFO", "Иван Петров"),
    ("pl", "rep: Jest z nami nasz dyrektor finansow y, Jan Kowalski.", "CFO", "Jan Kowalski"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "title", "name"), SPLIT_WORDS)
def test_a_title_word_split_by_the_text_layer_still_links_its_name(lang: str, line: str, title: str, name: str) -> None:
    assert people(call(lang, line)) == {(title, name)}


def test_a_short_word_after_a_title_is_not_taken_for_a_split_tail() -> None:
    """ "dyrektor finansowy i Jan": "i" (and) before a name is a word of its own, not the tail of the title."""
    assert ("CFO", None) in people(call("pl", "customer: Nasz dyrektor finansowy i Jan Kowalski przyjdą jutro."))


ANSWERS = [  # a nameless title asked about; the next speaker's answer names the person
    ("en", "rep: Could we loop in your procurement director?", "customer: Yes, that's Olga Morrison, I'll invite her.",
     "Olga Morrison"),
    ("it", "rep: Possiamo coinvolgere il vostro direttore acquisti?", "customer: Sì, è Anna Bianchi, le giro l'invito.",
     "Anna Bianchi"),
    ("ru", "rep: Может, подключим вашего директора по закупкам?", "customer: Да, это Ольга Морозова, я перешлю ей.",
     "Ольга Морозова"),
    ("pl", "rep: Czy możemy zaprosić waszego dyrektora ds. zakupów?", "customer: Tak, to Jan Nowak, prześlę mu.",
     "Jan Nowak"),
    ("zh", "rep: 我们可以请你们的采购总监参加吗？", "customer: 是的，是王丽，我会转发邀请。", "王丽"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "question", "answer", "name"), ANSWERS)
def test_a_name_given_in_the_answer_is_the_executive_asked_about(
    lang: str, question: str, answer: str, name: str
) -> None:
    (ex,) = call(lang, question, answer)
    assert (ex.title, ex.name, ex.kind, ex.role) == ("Director of Procurement", name, "mentioned", "customer")


def test_an_answer_without_a_name_or_by_the_same_speaker_names_no_one() -> None:
    assert people(call("en", "rep: Is your CFO joining?", "customer: Yes, that's right, she'll dial in.")) == {
        ("CFO", None)
    }
    assert people(call("en", "rep: Is your CFO joining?", "rep: Yes, that's Dana Brooks.")) == {("CFO", None)}


def test_misheard_spellings_of_one_name_are_one_person() -> None:
    """ASR: "Rob Maiones" and "Rob Mionis" are one CEO; a text layer's "Kevin Kru" is the label "Kevin S. Krumm"."""
    found = call("en", "rep: Here is our CEO, Rob Maiones.", "rep: Thanks. As our CEO Rob Mionis said, we grew.")
    assert len(found) == 1 and found[0].title == "CEO"
    said = call("en", "Operator: Our Chief Financial Officer, Kevin Kru mm, will speak.", "Kevin S. Krumm/unknown: Hi.")
    assert [(e.title, e.name, e.kind) for e in said] == [("CFO", "Kevin S. Krumm", "speaking")]


def test_close_names_needs_the_same_first_name_and_a_near_surname() -> None:
    from assistant.analysis.executives.spelling import close_names

    assert close_names("Mandy Chawla", "Mandeep Chawla") and close_names("Craig Ober", "Craig Oberg")
    assert not close_names("Mark Delaney", "Mark Dailey") and not close_names("Greg Oberg", "Craig Oberg")
    assert not close_names("Anna Smith", "Anna Brown") and not close_names(None, "Anna Brown")


NAMES_LEAD = [  # "Name, Title, Name, Title": each name comes before its own title (ASR joins the list with commas)
    ("en", "On the call today are Rob Mionis, President and Chief Executive Officer, Mandeep Chawla, Chief Financial "
     "Officer, and Todd Cooper, President of our ATS segment.", ["Rob Mionis", "Mandeep Chawla", "Todd Cooper"]),
    ("it", "Oggi sono con noi Marco Rossi, amministratore delegato, Anna Bianchi, direttore finanziario, e Luca Neri, "
     "direttore commerciale.", ["Marco Rossi", "Anna Bianchi", "Luca Neri"]),
    ("ru", "Сегодня с нами Иван Петров, генеральный директор, Анна Смирнова, финансовый директор, и Олег Соколов, "
     "коммерческий директор.", ["Иван Петров", "Анна Смирнова", "Олег Соколов"]),
    ("pl", "Dziś są z nami Jan Kowalski, prezes zarządu, Anna Nowak, dyrektor finansowy, i Piotr Wiśniewski, dyrektor "
     "handlowy.", ["Jan Kowalski", "Anna Nowak", "Piotr Wiśniewski"]),
    ("zh", "今天参加的有王丽，首席执行官，张伟，首席财务官，李强，首席商务官。", ["王丽", "张伟", "李强"]),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "names"), NAMES_LEAD)
def test_a_list_of_names_each_before_its_title(lang: str, line: str, names: list[str]) -> None:
    found = call(lang, f"unknown: {line}")
    assert [(e.title, e.name) for e in found] == list(
        zip(("CEO", "CFO", "CCO" if lang != "en" else "President"), names, strict=True)
    )


def test_titles_before_names_keep_linking_forward() -> None:
    found = call(
        "en", "unknown: Joining me are Chief Executive Officer, Mark Lee; and Chief Financial Officer, Mike Dunn."
    )
    assert people(found) == {("CEO", "Mark Lee"), ("CFO", "Mike Dunn")}
    assert people(call("zh", "unknown: 今天参加的有首席财务官，王丽，首席执行官，张伟。")) == {
        ("CFO", "王丽"),
        ("CEO", "张伟"),
    }


def test_a_company_possessive_between_name_and_title() -> None:
    (ex,) = call(
        "en", "unknown: I'll turn the call over to Mr. David Rubin, Flex's Vice President of Investor Relations."
    )
    assert (ex.title, ex.name, ex.kind) == ("VP of Investor Relations", "David Rubin", "speaking")


# ---- held4's constructions (issue 10 §6: calls of companies not seen before) ----------------------------

CHAINS = [  # one person's titles in a chain: "VP, Treasurer and ...", "Board Chair President and CEO", "兼"
    ("en", "Participating today are Bob Wetherbee, Board Chair President and CEO; and Don Newman, Senior Vice "
     "President and Chief Financial Officer.", {("CEO", "Bob Wetherbee"), ("CFO", "Don Newman")}),
    ("en", "I would now like to turn the conference over to Scott Minder, VP, Treasurer and Investor Relations.",
     {("VP", "Scott Minder")}),
    ("it", "Oggi è con noi Paolo Neri, tesoriere, vicepresidente e direttore finanziario.", {("CFO", "Paolo Neri")}),
    ("ru", "С нами Олег Смирнов, вице-президент, казначей.", {("VP", "Олег Смирнов")}),
    ("pl", "Jest z nami Piotr Nowak, wiceprezes, skarbnik.", {("VP", "Piotr Nowak")}),
    ("zh", "今天和我们一起的有王丽，董事长兼首席执行官。", {("CEO", "王丽")}),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "expected"), CHAINS)
def test_a_chain_of_titles_after_a_name_is_one_person(lang: str, line: str, expected: set[tuple[str, str]]) -> None:
    assert people(call(lang, f"unknown: {line}")) == expected


def test_titles_of_two_people_stay_apart() -> None:
    assert people(call("en", "customer: Our CEO, CFO and COO must approve it.")) == {
        ("CEO", None),
        ("CFO", None),
        ("COO", None),
    }
    assert people(call("zh", "customer: 我们王总和财务总监都要签字。")) == {("General Manager", "王总"), ("CFO", None)}


VICE_CHAIRS = [
    ("en", "Representing us today are Charlie Lowrey, chairman and CEO; Rob Falzon, vice chairman; and Ken Tanji, "
     "chief financial officer.", "Rob Falzon"),
    ("it", "Oggi sono con noi Paolo Neri, presidente e amministratore delegato, e Luca Bianchi, vicepresidente del "
     "consiglio di amministrazione.", "Luca Bianchi"),
    ("ru", "Сегодня с нами Олег Смирнов, заместитель председателя совета директоров.", "Олег Смирнов"),
    ("pl", "Jest z nami Piotr Nowak, wiceprzewodniczący rady nadzorczej.", "Piotr Nowak"),
    ("zh", "今天参加会议的有副董事长李明。", "李明"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "name"), VICE_CHAIRS)
def test_a_vice_chairman_is_not_the_chairman(lang: str, line: str, name: str) -> None:
    found = call(lang, f"unknown: {line}")
    assert ("Vice Chairman", name) in people(found)
    assert not any(e.title == "Chairman" for e in found)


UNIT_HEADS = [  # the head of a business unit (no business function named)
    ("en", "Andy Sullivan, head of U.S. businesses; Scott Sleyster, head of international businesses; and Ken "
     "Tanji, chief financial officer, are with us.", {("Head", "Andy Sullivan"), ("Head", "Scott Sleyster"),
                                                     ("CFO", "Ken Tanji")}),
    ("en", "Our head of the consumer division, Maria Lopez, will call you.", {("Head", "Maria Lopez")}),
    ("it", "Anna Galli, responsabile della divisione consumer, sarà con noi.", {("Head", "Anna Galli")}),
    ("ru", "С нами Павел Орлов, руководитель направления розничного бизнеса.", {("Head", "Павел Орлов")}),
    ("pl", "Jest z nami Piotr Nowak, szef pionu detalicznego.", {("Head", "Piotr Nowak")}),
    ("zh", "今天和我们一起的有张伟，国际业务负责人。", {("Head", "张伟")}),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "expected"), UNIT_HEADS)
def test_the_head_of_a_business_unit(lang: str, line: str, expected: set[tuple[str, str]]) -> None:
    assert people(call(lang, f"unknown: {line}")) == expected


def test_a_head_of_something_else_is_no_executive() -> None:
    assert call("en", "customer: She is the head of the family and the head of state.") == ()
    assert people(call("pl", "unknown: Jest z nami Piotr Nowak, szef działu sprzedaży.")) == {
        ("Head of Sales", "Piotr Nowak")
    }


BODIES = [  # a plural title is a body or a kind of people, not one person
    ("en", "As part of good governance, our board members and management are continuing to engage."),
    ("en", "The members of the board approved it."),
    ("it", "I nostri consiglieri di amministrazione hanno approvato il budget."),
    ("ru", "Наши члены совета директоров одобрили бюджет."),
    ("pl", "Nasi członkowie zarządu zatwierdzili budżet."),
    ("zh", "我们的董事会成员们已经批准了预算。"),
]


@pytest.mark.parametrize(("lang", "line"), BODIES)
def test_a_plural_title_is_no_person(lang: str, line: str) -> None:
    assert call(lang, f"customer: {line}") == ()


def test_a_plural_title_with_a_list_of_names_is_still_every_name() -> None:
    found = call("en", "customer: Our three regional presidents, Alicia Gomez, Ben Carter and Chen Wei, will join.")
    assert people(found) == {("President", "Alicia Gomez"), ("President", "Ben Carter"), ("President", "Chen Wei")}


MODIFIED = [  # a word before the title ("Executive Director", "Interim CFO") does not cut the name off
    ("en", "I'll now turn the call over to Mr. Ken Diptee, Executive Director of Investor Relations.",
     "Director of Investor Relations", "Ken Diptee"),
    ("en", "Joining me is Allison Hall, Interim CFO.", "CFO", "Allison Hall"),
    ("ru", "С нами Олег Смирнов, исполнительный директор по связям с инвесторами.",
     "Director of Investor Relations", "Олег Смирнов"),
    ("pl", "Jest z nami Piotr Nowak, nowy dyrektor finansowy.", "CFO", "Piotr Nowak"),
    ("it", "Oggi c'è Marco Rossi, nuovo direttore finanziario.", "CFO", "Marco Rossi"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "title", "name"), MODIFIED)
def test_a_modifier_before_the_title_keeps_the_name(lang: str, line: str, title: str, name: str) -> None:
    assert people(call(lang, f"unknown: {line}")) == {(title, name)}


def test_a_principal_accounting_officer_is_the_chief_accountant() -> None:
    found = call("en", "unknown: With us is Rob Axel, controller and principal accounting officer.")
    assert people(found) == {("Chief Accountant", "Rob Axel")}


def test_a_senior_or_executive_vp_takes_a_business_function() -> None:
    """ "the Senior Vice President of Sales, Jane Smith": a function, not a company she is an executive of."""
    found = call("en", "unknown: Joining me is the Senior Vice President of Sales, Jane Smith.")
    assert people(found) == {("SVP of Sales", "Jane Smith")}
    assert people(call("en", "unknown: With us is Mark Lee, Executive Vice President and CFO.")) == {
        ("CFO", "Mark Lee")
    }


# ---- held5's constructions (issue 10 §6: ten more companies not seen before) -------------------------------


def test_a_name_in_apposition_read_as_an_organisation_is_still_the_person() -> None:
    found = call("en", "unknown: On the call today are CEO, Mick Farrell; and CFO, Brett Sandercock.")
    assert people(found) == {("CEO", "Mick Farrell"), ("CFO", "Brett Sandercock")}


def test_a_middle_initial_neither_ends_the_sentence_nor_the_name() -> None:
    found = call(
        "en",
        "Operator/unknown: My name is Vincent. I now turn the call over to Laurans A. Mendelson, HEICO's Chairman "
        "and Chief Executive Officer.",
    )
    assert [(e.title, e.name, e.kind) for e in found] == [("CEO", "Laurans A. Mendelson", "speaking")]


CHAINS_WITH_COMMA_AND = [  # ", and" between one person's titles; a title with its own name after it is someone else
    ("en", "I would now like to turn the call over to David Oliver, interim CFO, and SVP, controller.",
     {("CFO", "David Oliver")}),
    ("en", "With me today is Marc Casper, our chairman, president, and chief executive officer; and Stephen "
     "Williamson, senior vice president and chief financial officer.",
     {("CEO", "Marc Casper"), ("CFO", "Stephen Williamson")}),
    ("en", "At this time, I'd like to introduce Eric Mendelson, Co-President of HEICO and President of HEICO's "
     "Flight Support Group.", {("President", "Eric Mendelson")}),
    ("ru", "С нашей стороны я, Анна Кузнецова, финансовый директор, и генеральный директор Дмитрий Волков.",
     {("CFO", "Анна Кузнецова"), ("CEO", "Дмитрий Волков")}),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "expected"), CHAINS_WITH_COMMA_AND)
def test_titles_joined_by_comma_and(lang: str, line: str, expected: set[tuple[str, str]]) -> None:
    assert people(call(lang, f"unknown: {line}")) == expected


LISTS_ON_THE_CALL = [  # "joining me are A, T; B, T; and C, T": every item of the list is on the call
    ("en", "I'm joined today by Eric Stone, President of Alfa Group; Victor Lee, President of Beta Group; and Carlos "
     "Ruiz, our CFO.", {("President", "Eric Stone"), ("President", "Victor Lee"), ("CFO", "Carlos Ruiz")}),
    ("en", "On the call with me are Amy Hood, Chief Financial Officer; Alice Jolla, Chief Accounting Officer; and "
     "Keith Dolliver, Corporate Secretary and Deputy General Counsel.",
     {("CFO", "Amy Hood"), ("Chief Accountant", "Alice Jolla"), ("General Counsel", "Keith Dolliver")}),
    ("it", "Con me oggi ci sono Paolo Neri, presidente di Alfa Group; Luca Bianchi, presidente di Beta Group.",
     {("President", "Paolo Neri"), ("President", "Luca Bianchi")}),
    ("ru", "Со мной сегодня Олег Смирнов, президент Альфа Групп; Иван Петров, президент Бета Групп.",
     {("President", "Олег Смирнов"), ("President", "Иван Петров")}),
    ("pl", "Ze mną są dziś Piotr Nowak, prezes Alfa Group; Jan Kowalski, prezes Beta Group.",
     {("CEO", "Piotr Nowak"), ("CEO", "Jan Kowalski")}),
    ("zh", "和我一起的有阿尔法集团总裁王丽；贝塔集团总裁张伟。", {("President", "王丽"), ("President", "张伟")}),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "expected"), LISTS_ON_THE_CALL)
def test_every_item_of_a_list_on_the_call(lang: str, line: str, expected: set[tuple[str, str]]) -> None:
    found = call(lang, f"unknown: {line}")
    assert people(found) == expected
    assert {e.kind for e in found} == {"speaking"}


def test_an_adverb_is_no_lower_case_name() -> None:
    found = call("en", "Mick Farrell/unknown: But look, I can tell you, as CEO, traditionally, I'm taken into talks.")
    assert people(found) == {("CEO", "Mick Farrell")}


def test_a_seat_filled_by_an_appointment_is_a_person() -> None:
    found = call(
        "en",
        "unknown: Last week, we announced the appointment of a Chief Sustainability Officer, who will report to me.",
    )
    assert people(found) == {("Chief Sustainability Officer", None)}
    assert people(call("it", "unknown: Abbiamo nominato un nuovo direttore finanziario.")) == {("CFO", None)}
    assert call("en", "unknown: We need to hire a CFO.") == ()


# ---- held6's constructions -----------------------------------------------------------------------------------


def test_a_co_title_is_the_title() -> None:
    found = call(
        "en",
        "unknown: I'm joined by John Plant, Executive Chairman and Co-Chief Executive Officer; Tolga Oal, Co-Chief "
        "Executive Officer; and Ken Giacobbe, our CFO.",
    )
    assert people(found) == {("CEO", "John Plant"), ("CEO", "Tolga Oal"), ("CFO", "Ken Giacobbe")}
    assert people(call("en", "unknown: Our Co-Chief Operating Officer, Jane Smith, will join.")) == {
        ("COO", "Jane Smith")
    }


def test_a_role_that_is_no_title_does_not_break_a_chain() -> None:
    found = call(
        "en",
        "unknown: With me today are Jim Moriarty, Executive Vice President, General Counsel, Corporate Secretary and "
        "Chief Policy and Risk Officer.",
    )
    assert [(e.name, e.kind) for e in found] == [("Jim Moriarty", "speaking")]
    assert people(call("en", "customer: I spoke to our CEO, Jane Smith and CFO about it.")) == {
        ("CEO", "Jane Smith"),
        ("CFO", None),
    }


# ---- held7's constructions -----------------------------------------------------------------------------------

DEPARTMENT_AFTER = [  # "Name, Title, Department": the name is the one before the title
    ("en", "Now I will turn the meeting over to Mr. Collin Mings, Vice President, Capital Markets and Strategic "
     "Planning.", ("VP", "Collin Mings")),
    ("en", "Then we'll ask Doug Long, Senior Vice President, Forest Resources, to comment.", ("SVP", "Doug Long")),
    ("ru", "Со мной сегодня Олег Смирнов, президент Альфа Групп.", ("President", "Олег Смирнов")),
    ("pl", "Ze mną jest dziś Piotr Nowak, prezes Alfa Group.", ("CEO", "Piotr Nowak")),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "expected"), DEPARTMENT_AFTER)
def test_the_name_before_a_title_beats_a_department_after_it(lang: str, line: str, expected: tuple[str, str]) -> None:
    assert people(call(lang, f"unknown: {line}")) == {expected}


SEATS_TO_COME = [  # "Huw will be our President of ...": the person is taking the seat
    ("en", "Huw Bower will be our President of what we're calling Winnebago Outdoors.", "President", "Huw Bower"),
    ("it", "Marco Rossi sarà il nostro nuovo direttore finanziario.", "CFO", "Marco Rossi"),
    ("ru", "Олег Смирнов станет нашим финансовым директором.", "CFO", "Олег Смирнов"),
    ("pl", "Piotr Nowak zostanie prezesem zarządu.", "CEO", "Piotr Nowak"),
    ("zh", "下个月王丽将担任首席财务官。", "CFO", "王丽"),
]


@pytest.mark.parametrize(("lang", "line", "title", "name"), SEATS_TO_COME)
def test_a_seat_to_come(lang: str, line: str, title: str, name: str) -> None:
    assert people(call(lang, f"Speaker One/customer: {line}")) == {(title, name)}


# ---- held8's constructions (English: capitalisation and transcript punctuation) -----------------------------


def test_the_head_of_a_unit_named_in_capitals() -> None:
    found = call(
        "en",
        "unknown: Along with Greg Sipos, our Head of Corporate Banking and our Head of Retail, we could get deposits.",
    )
    assert people(found) == {("Head of Corporate Banking", "Greg Sipos"), ("Head of Retail", None)}
    assert call("en", "customer: She met the Head of State and the head of state.") == ()


def test_a_list_hosted_by_people_and_an_apposition_without_its_comma() -> None:
    found = call(
        "en",
        "unknown: Welcome to the call hosted by Sean Gamble, president and chief executive officer; and Melissa "
        "Thomas, chief financial officer. Joining me are Jim Mastandrea, our Chairman and CEO; and Dave Holeman our "
        "Chief Financial Officer; and Jane Grebenc, our Bank President and Chief Revenue Officer.",
    )
    assert people(found) == {
        ("CEO", "Sean Gamble"),
        ("CFO", "Melissa Thomas"),
        ("CEO", "Jim Mastandrea"),
        ("CFO", "Dave Holeman"),
        ("CRO", "Jane Grebenc"),
    }
    assert {e.kind for e in found} == {"speaking"}


def test_past_seats_of_the_speaker_and_titles_inside_names_are_no_one() -> None:
    assert call("en", "Sean Gamble/customer: I enjoyed my time as CFO and COO, and I look forward to my role.") == ()
    assert call("en", "customer: We joined the World Economic Forum's Alliance of CEO Climate Leaders.") == ()
    found = call(
        "en",
        "customer: I'd like to recognize Trish Maxson, our Chief Administrative Officer and Global Executive "
        "Board Member.",
    )
    assert people(found) == {("Chief Administrative Officer", "Trish Maxson")}
