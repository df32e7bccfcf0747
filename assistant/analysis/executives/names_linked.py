"""Names next to a title: "our CFO Jane Smith", "Jane Smith, our CFO", "our CFO is Jane", "Jane is our CFO", the
name opening an item of a list of people, and lists that give each name before its title."""

from __future__ import annotations

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.context_of import acronym_unit
from assistant.analysis.executives.handover import is_handover
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names import (
    HERE,
    as_initial,
    finish_name,
    initial_dot,
    is_name,
    names_forward,
    past_honorific,
    person_entity,
)
from assistant.analysis.executives.speech import (
    bare_list_item,
    initials,
    past_false_start,
    past_relation,
    past_serving,
    relation_before,
    serving_as,
    unit_before_title,
)


def linked_name(tokens: list[L.Token], m: TitleMatch, lang: str, names_lead: bool = False) -> str | None:
    """ "our CFO Jane Smith", "Jane Smith, our CFO", "our CFO is Jane", "Jane is our CFO", "... his name is Pavel".
    ``names_lead``: the sentence lists "Name, Title, Name, Title" (``names_lead_titles``), so the name before a
    title is its own, not the next one."""
    if names_lead and (before := _names_backward(tokens, m.start, lang)):
        return finish_name(before, tokens, lang, {t.text for t in tokens[m.start : m.end]})
    jumped = _past_of_phrase(tokens, m.end, lang)  # "VP of Support, Daniel Kim"
    after = past_relation(tokens, jumped, lang)  # "our CEO and colleague, Andrew"
    after = _past_body(tokens, after, lang)  # "Chairman of the Board Dr. Meryl Tisch"
    if after + 1 < len(tokens) and (tokens[after].low, tokens[after + 1].low) in _LOCATIVES:
        after += 2  # "вице-президент по продажам у нас Андрей"
    if after + 1 < len(tokens) and tokens[after].low in ("there", "here") and tokens[after + 1].low in C.COPULAS[lang]:
        after += 1  # "The CEO there is a Mr Jonathan Salem"
    after = _past_time(tokens, after, lang)  # "the Head of Legal at that time would have been David Roberts"
    comma = after < len(tokens) and tokens[after].text == ","
    copula = not comma and after < len(tokens) and (tokens[after].low in C.COPULAS[lang] or tokens[after].low == "been")
    if comma or copula:
        after += 1
    names = names_forward(tokens, after, lang)
    if not comma and len(names) == 1 and not names[0].capitalised and L.predicate_verb(names[0].low, lang):
        names = []  # "il nostro direttore finanziario firma": the title's verb, not a lower-case name
    appositive = comma and len(names) >= 2  # "the chair of the board, Helen Park, ...": a person, not a park
    if jumped - m.end >= 3:  # past "of Green Point Marina,": what follows may go on naming the organisation
        appositive = False  # ("..., Mobile Home Park"), so spaCy must read a person there
    closed = after + len(names) < len(tokens) and tokens[after + len(names)].text == ","
    appositive = appositive or (comma and len(names) == 1 and closed)  # "the Chief Finance Officer, Adachi, he ..."
    appositive = appositive or (copula and _ends_sentence(tokens, after + len(names)))  # "Our CEO is Martin."
    title_words = {t.text for t in tokens[m.start : m.end]}
    if names and (before := _names_backward(tokens, m.start, lang)) and not _seats_before_names(tokens, before, names):
        # "Олег Смирнов, президент Альфа Групп", "Collin Mings, Vice President, Capital Markets and ...": the name
        # comes before the title (what follows is its company or department), if it is a name at all
        # ("Unfortunately, our CEO and colleague, Andrew, ...")
        if name := finish_name(before, tokens, lang, title_words, comma and _just_before(tokens, before, m.start)):
            return name  # "Collin Mings, Vice President, Capital Markets and Treasury": in apposition, an ORG reading
    elif not names:
        names = _names_backward(tokens, m.start, lang)
        appositive = len(names) >= 2  # "Sean Gamble, president and chief executive officer"
        names = names or _names_after_cue(tokens, m.end, lang)
    return finish_name(names, tokens, lang, title_words, appositive)


_AT_THE_TIME = (("at", "that", "time"), ("at", "the", "time"), ("then",))
_WOULD_BE = (("would", "have", "been"), ("will", "have", "been"), ("had", "been"))


def _past_time(tokens: list[L.Token], j: int, lang: str) -> int:
    """ "the Head of Legal at that time would have been David Roberts": a time ("at that time", "then") and a
    copula's longer forms ("would have been", "had been") between the title and the name; ``j`` moved onto the
    copula's last word (read as the copula), or ``j`` itself (English)."""
    lows = [t.low for t in tokens[j : j + 6]]
    if lang != "en":
        return j
    at = next((len(c) for c in _AT_THE_TIME if tuple(lows[: len(c)]) == c), 0)
    would = next((len(c) for c in _WOULD_BE if tuple(lows[at : at + len(c)]) == c), 0)
    return j + at + would - 1 if would else j


def _just_before(tokens: list[L.Token], before: list[L.Token], start: int) -> bool:
    """The name ends with a comma right before the title ("Collin Mings, Vice President, ..."): a name in apposition."""
    k = next((i for i, t in enumerate(tokens) if t is before[-1]), -9)
    return k + 2 == start and tokens[k + 1].text == ","


def _seats_before_names(tokens: list[L.Token], before: list[L.Token], names: list[L.Token]) -> bool:
    """ "joined by Senior Deputy Commissioner for P-20 John D'Agati, Chief Financial Officer Phyllis Morris, ...": a
    list of "<Seat> <Full Name>" items. The name before the title follows another capitalised word (its own item's
    seat), and a full name follows the title with no comma: that one is the title's."""
    k = next((i for i, t in enumerate(tokens) if t is before[0]), 0)
    return len(names) >= 2 and k >= 1 and tokens[k - 1].is_word and tokens[k - 1].text[:1].isupper()


def _ends_sentence(tokens: list[L.Token], j: int) -> bool:
    return j >= len(tokens) or not tokens[j].is_word


_LOCATIVES = {("у", "нас"), ("u", "nas"), ("da", "noi")}
_OF_WORDS = {"en": {"of", "at", "for"}, "it": {"di", "del", "della", "dell'", "presso"}}


def _past_of_phrase(tokens: list[L.Token], j: int, lang: str) -> int:
    """ "VP of Support, Daniel Kim", "владелец компании, Виктор Соколов": the comma after a short "of"
    phrase (up to four words), so the name after it is linked; j itself when there is none."""
    if j >= len(tokens):
        return j
    company = C.COMPANY_WORDS.get(lang, set())
    starts = tokens[j].low in _OF_WORDS.get(lang, set()) or tokens[j].key in company or tokens[j].low in company
    if not starts:
        return j
    for k in range(j + 1, min(j + 5, len(tokens))):
        if tokens[k].text == ",":
            return k
        if not tokens[k].is_word:
            return j
    return j


def _past_body(tokens: list[L.Token], j: int, lang: str) -> int:
    """ "Chairman of the Board Dr. Meryl Tisch": "of the <Body>" (up to three capitalised words) and then a courtesy
    title: the name after it is the seat's (English); j itself otherwise."""
    if lang != "en" or j >= len(tokens) or tokens[j].low != "of":
        return j
    k = e = j + 1 + (j + 1 < len(tokens) and tokens[j + 1].low == "the")
    while e < len(tokens) and e - k < 3 and tokens[e].capitalised and tokens[e].low not in C.HONORIFICS[lang]:
        e += 1
    return e if k < e < len(tokens) and tokens[e].low in C.HONORIFICS[lang] else j


def _names_after_cue(tokens: list[L.Token], j: int, lang: str) -> list[L.Token]:
    lows = [t.low for t in tokens]
    for i in range(j, len(tokens)):
        for cue in C.THIRD_NAME_CUES[lang]:
            if tuple(lows[i : i + len(cue)]) == cue:
                return names_forward(tokens, i + len(cue), lang)
    return []


def handover_tail_name(tokens: list[L.Token], m: TitleMatch, lang: str) -> str | None:
    """ "I'm going to turn it over to our outstanding CEO and waiting for five more days, Mr. Bob Jordan": in a
    hand-over to a title, a name with a courtesy title that closes the sentence after a comma is the title's."""
    if not is_handover([t.low for t in tokens[: m.start]], lang):
        return None
    commas = [k for k in range(m.end, len(tokens)) if tokens[k].text == ","]
    start = past_honorific(tokens, commas[-1] + 1, lang) if commas else 0
    if not commas or start == commas[-1] + 1:
        return None  # no courtesy title: "..., and then we'll take questions"
    names = names_forward(tokens, start, lang)
    if not names or any(t.is_word for t in tokens[start + len(names) :]):
        return None
    return finish_name(names, tokens, lang, appositive=len(names) >= 2)


# a third person's pronoun before "as <title>" or "be <title>": "his 18 years of leadership as our CEO"
_PRONOUNS = {  # and the one addressed: "Gary, is there something you were unable to accomplish in your years as CEO"
    "en": {"he", "she", "his", "her", "him", "you", "your", "you'd", "you're", "you've", "you'll"},
    "it": {"lui", "lei", "egli", "ella"},
    "ru": {"он", "она", "его", "её", "ее"},
    "pl": {"on", "ona", "jego", "jej"},
}
_AS_OR_BE = {"as", "be", "is", "come", "è", "sarà", "jako", "będzie", "jest", "будет"}  # not "was": a past seat


def pronoun_name(
    before: list[str], tokens: list[L.Token], m: TitleMatch, lang: str, own_seat: bool = False, turn_before: str = ""
) -> str | None:
    """ "Gary is a phenomenal leader ... thank you enough for his 18 years of leadership as our CEO. And I'm thrilled
    that he will be our executive chairman.": a seat said of "he" / "she" ("as <title>", "will be <title>") is the
    person named last before, in the same turn (``before``: its earlier sentences); so is one said of "you" to someone
    just named ("the same question goes for Bob. Is there anything you'd never do as CEO?"), unless the words say it is
    the speaker's own (``own_seat``: "I can tell you, as CEO, traditionally, I'm ...")."""
    j = m.start - 1
    while j >= 0 and (tokens[j].low in C.DETERMINERS[lang] or tokens[j].low in C.POSSESSIVE_OWN[lang]):
        j -= 1
    linked = j >= 0 and (tokens[j].low in _AS_OR_BE or tokens[j].low in ("он", "она"))  # "Он наш финансовый директор"
    if lang == "en" and not linked and (k := _but_seat(tokens, j)) is not None:
        j, linked = k, True  # "He is not my deputy but Director for Special Commissions": what he is
    pronoun = next((k for k in range(j, max(-1, j - 9), -1) if _pronoun(tokens, k, lang)), None)
    if not linked or pronoun is None:
        return None
    if any(t.capitalised and is_name(t, lang, tokens) for t in tokens[pronoun:j]):
        return None  # a name nearer than the pronoun: the usual links read it
    addressed = tokens[pronoun].low in _ADDRESSED  # the one spoken to is named in this sentence or the one before
    if addressed and own_seat:
        return None
    opening = not before and pronoun <= 1 and tokens[pronoun].low in ("he", "she") and turn_before
    said = [L.tokenize(text, lang) for text in reversed(before or ([turn_before] if opening else []))]
    earlier = [tokens[:pronoun], *(said[:1] if addressed else said)]
    for sentence in earlier:  # the name said last before the pronoun: "the board and Marvin ... for him to step down"
        for k in range(len(sentence) - 1, -1, -1):
            if _quoted(sentence, k):
                continue  # "... \"puts Pathway in contravention ...\", is that ... raised to you as Chief Executive?"
            if addressed and initials(sentence[k]):
                return sentence[k].text  # "My first question is for LT. ... your top objectives as the new CEO"
            if sentence[k].capitalised and is_name(sentence[k], lang) and (name := _name_ending_at(sentence, k, lang)):
                return name
    return None


def as_name(tokens: list[L.Token], m: TitleMatch, lang: str) -> str | None:
    """ "We have Michael Sabia there as the new board chair": a full name right before "as <title>" (in English a
    spaCy PERSON; "to lead Jabil as CEO" is no one's name) holds the seat."""
    j = m.start - 1
    while j >= 0 and tokens[j].low in C.DETERMINERS[lang]:
        j -= 1
    if j < 2 or tokens[j].low not in ("as", "come", "jako", "как"):
        return None
    k = j - 1
    while k >= 0 and tokens[k].low in _THERE:
        k -= 1
    if k < 1 or not (tokens[k].capitalised and tokens[k - 1].capitalised):
        return None
    names = tokens[k - 1 : k + 1]
    if not all(is_name(t, lang, tokens) for t in names) or (lang == "en" and not person_entity(names, tokens)):
        return None
    return finish_name(names, tokens, lang, appositive=True)


_THERE = {"there", "here", "now", "lì", "qui", "ora", "tam", "tu", "teraz", "там", "здесь", "теперь"}
_ADDRESSED = {"you", "your", "you'd", "you're", "you've", "you'll"}


def _pronoun(tokens: list[L.Token], k: int, lang: str) -> bool:
    """A third person's pronoun, or "you" said to someone (not "thank you")."""
    return tokens[k].low in _PRONOUNS.get(lang, set()) and not (k > 0 and tokens[k - 1].low == "thank")


def _but_seat(tokens: list[L.Token], j: int) -> int | None:
    """ "He is not my deputy but Director": the copula before "not ... but" right before the title (at most three
    words between "not" and "but"); its index, or None (English)."""
    if j < 3 or tokens[j].low != "but":
        return None
    no = next((k for k in range(j - 1, max(0, j - 5), -1) if tokens[k].low == "not"), None)
    return no - 1 if no is not None and tokens[no - 1].low in _AS_OR_BE else None


_QUOTES = {'"', "“", "”"}
_ASKING = {"is", "was", "are", "were", "did", "does", "do", "can", "will", "would", "has", "have", "should", "could"}


def _quoted(tokens: list[L.Token], k: int) -> bool:
    """Token ``k`` lies inside quotation marks (an odd number of them before it): words read from a document, not
    the person spoken of or to."""
    return sum(t.text in _QUOTES for t in tokens[:k]) % 2 == 1


def _name_ending_at(tokens: list[L.Token], k: int, lang: str) -> str | None:
    start = k
    while start > 0 and k - start < 2 and tokens[start - 1].capitalised and is_name(tokens[start - 1], lang):
        start -= 1
    if start == 0 and k > 0 and tokens[0].low in _ASKING:
        start = 1  # "Is Mark Jones joining us today?": the question's verb, not a first name
    names = tokens[start : k + 1]
    return finish_name(names, tokens, lang) if lang != "en" or person_entity(names, tokens) else None


def list_item_name(tokens: list[L.Token], lang: str) -> str | None:
    """ "and Keith Dolliver, Corporate Secretary and Deputy General Counsel": the name opening an item of a list
    of people ("Joining me are A, CEO; B, CFO; and C, ..."), before its comma."""
    k = 0
    while k < len(tokens) and tokens[k].low in C.COORDINATORS:
        k += 1
    names = names_forward(tokens, k, lang)
    end = k + len(names) + sum(1 for t in names if t.text.endswith(".") and len(t.text) == 2)
    if not names or end >= len(tokens) or tokens[end].text != ",":
        return None
    return finish_name(names, tokens, lang, appositive=len(names) >= 2)


def names_lead_titles(tokens: list[L.Token], titles: list[TitleMatch], lang: str) -> bool:
    """ "On the call today are Rob Mionis, President and CEO, Mandeep Chawla, CFO, and Todd Cooper, ...": in a
    sentence of two titles or more, the first right after "<Name>," means each name comes before its title."""
    if len(titles) < 2 or titles[0].start < 2 or tokens[titles[0].start - 1].text != ",":
        return False
    return is_name(tokens[titles[0].start - 2], lang, tokens)


_ARTICLES = {"a", "an", "the"}


def _past_description(tokens: list[L.Token], j: int, lang: str) -> int:
    """ "Boris Eifman, the famous choreographer, director of the Ballet Theatre", "Alexei Lavrinenko, a collective farm
    chairman": a description of the person (an article and up to three lower-case words) between the name's comma and
    the title is passed over to that comma; ``j`` (where the walk back from the title stands) otherwise (English)."""
    if lang != "en" or j < 0:
        return j
    k = j - 1 if tokens[j].text == "," else j
    words = 0
    while k >= 0 and words < 3 and tokens[k].is_word and not tokens[k].capitalised and tokens[k].low not in _ARTICLES:
        k, words = k - 1, words + 1
    described = words and k >= 1 and tokens[k].low in _ARTICLES and tokens[k - 1].text == ","
    return k - 1 if described else j


def _names_backward(tokens: list[L.Token], i: int, lang: str) -> list[L.Token]:
    unit = acronym_unit(tokens, i) if lang == "en" else None  # "Alithia Rolon, NYSUT legislative director"
    j = i - 1 if unit is None else unit - 1
    while j >= 0 and (
        tokens[j].low in C.DETERMINERS[lang]
        or _is_possessive(tokens[j].low, lang)
        or _genitive(tokens[j], lang)
        or tokens[j].low in C.TITLE_MODIFIERS.get(lang, ())  # "Ken Diptee, Executive Director of IR"
        or (tokens[j].capitalised and j >= 1 and _is_possessive(tokens[j - 1].low, lang))  # "our Bank President"
        or unit_before_title(tokens, j, lang)  # "who is our Atlanta market President"
    ):
        j -= 1
    j = past_false_start(tokens, j, lang)  # "Tom Hassfurther, Chief -- Executive Vice President"
    j = _past_description(tokens, j, lang)  # "Boris Eifman, the famous choreographer, director of ..."
    if (last := relation_before(tokens, i, lang)) is not None:  # "Albert Heaney my colleague, the director"
        first = last
        while first > 0 and last - first < 2 and is_name(tokens[first - 1], lang, tokens):
            first -= 1
        return tokens[first : last + 1]
    unpunctuated = j < i - 1 and _is_possessive(tokens[j + 1].low, lang) and j >= 0 and is_name(tokens[j], lang)
    unpunctuated = unpunctuated or bare_list_item(tokens, j, i, lang)  # "... and Mike LaBelle Chief Financial Officer"
    if unpunctuated:  # "and Dave Holeman our Chief Financial Officer": the apposition's comma left out
        j += 1
    elif j < 0 or not (tokens[j].text in _APPOSERS or tokens[j].low in C.COPULAS[lang] or serving_as(tokens, j)):
        return []  # "Jane Smith, our CFO", "Jane Smith (CFO)", "Wójcik, to nasz dyrektor"
    names: list[L.Token] = []
    j -= 2 if j >= 1 and tokens[j].low in C.COPULAS[lang] and tokens[j - 1].text == "," else 1
    j = past_serving(tokens, j)  # "Jesse Arenivas, who continues as president of our CO2 business"
    if j >= 1 and tokens[j].low == "who":  # "Laura Gomez, who is our CEO"
        j -= 2 if tokens[j - 1].text == "," else 1
    if j >= 0 and tokens[j].low in HERE:  # "Priya Raman here, head of finance"
        j -= 1
    while j >= 0 and len(names) < 3:
        if names and initial_dot(tokens, j - 1):  # "Laurans A. Mendelson", "A. J. Eaker"
            names.insert(0, as_initial(tokens[j - 1]))
            j -= 2
        elif is_name(tokens[j], lang, tokens) or (names and initials(tokens[j])):
            names.insert(0, tokens[j])  # "ND Maduemezia, Vice President of Investor Relations"
            j -= 1
        else:
            break
    if unpunctuated and len(names) == 1 and j < 0:
        return []  # "Niestety nasz prezes zarządu ...": the sentence's first word, capitalised, is no name
    while j >= 0 and tokens[j].text == ",":
        j -= 1
    if j >= 0 and tokens[j].low in {"thanks", "thank", "grazie", "спасибо", "dzięki", "dziękuję"}:
        return []  # "thanks, Jane, the CFO ..." addresses Jane
    return names


_APPOSERS = {",", "—", "-", "(", "（"}


def _genitive(tok: L.Token, lang: str) -> bool:
    """ "David Rubin, Flex's Vice President of Investor Relations": a company's possessive before the title."""
    return lang == "en" and tok.capitalised and tok.low.endswith(("'s", "’s")) and len(tok.low) > 3


def _is_possessive(low: str, lang: str) -> bool:
    return any(low in table[lang] for table in (C.POSSESSIVE_OWN, C.POSSESSIVE_OTHER, C.POSSESSIVE_THIRD))
