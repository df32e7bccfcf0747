"""Names next to a title: "our CFO Jane Smith", "Jane Smith, our CFO", "our CFO is Jane", "Jane is our CFO", the
name opening an item of a list of people, and lists that give each name before its title."""

from __future__ import annotations

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names import HERE, as_initial, finish_name, initial_dot, is_name, names_forward
from assistant.analysis.executives.speech import (
    bare_list_item,
    initials,
    past_false_start,
    past_relation,
    past_serving,
    serving_as,
    unit_before_title,
)


def linked_name(tokens: list[L.Token], m: TitleMatch, lang: str, names_lead: bool = False) -> str | None:
    """ "our CFO Jane Smith", "Jane Smith, our CFO", "our CFO is Jane", "Jane is our CFO", "... his name is Pavel".
    ``names_lead``: the sentence lists "Name, Title, Name, Title" (``names_lead_titles``), so the name before a
    title is its own, not the next one."""
    if names_lead and (before := _names_backward(tokens, m.start, lang)):
        return finish_name(before, tokens, lang, {t.text for t in tokens[m.start : m.end]})
    after = past_relation(tokens, _past_of_phrase(tokens, m.end, lang), lang)  # "our CEO and colleague, Andrew"
    if after + 1 < len(tokens) and (tokens[after].low, tokens[after + 1].low) in _LOCATIVES:
        after += 2  # "вице-президент по продажам у нас Андрей"
    comma = after < len(tokens) and tokens[after].text == ","
    if comma or (after < len(tokens) and tokens[after].low in C.COPULAS[lang]):
        after += 1
    names = names_forward(tokens, after, lang)
    appositive = comma and len(names) >= 2  # "the chair of the board, Helen Park, ...": a person, not a park
    title_words = {t.text for t in tokens[m.start : m.end]}
    if names and (before := _names_backward(tokens, m.start, lang)):
        # "Олег Смирнов, президент Альфа Групп", "Collin Mings, Vice President, Capital Markets and ...": the name
        # comes before the title (what follows is its company or department), if it is a name at all
        # ("Unfortunately, our CEO and colleague, Andrew, ...")
        if name := finish_name(before, tokens, lang, title_words):
            return name
    elif not names:
        names = _names_backward(tokens, m.start, lang)
        appositive = len(names) >= 2  # "Sean Gamble, president and chief executive officer"
        names = names or _names_after_cue(tokens, m.end, lang)
    return finish_name(names, tokens, lang, title_words, appositive)


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


def _names_after_cue(tokens: list[L.Token], j: int, lang: str) -> list[L.Token]:
    lows = [t.low for t in tokens]
    for i in range(j, len(tokens)):
        for cue in C.THIRD_NAME_CUES[lang]:
            if tuple(lows[i : i + len(cue)]) == cue:
                return names_forward(tokens, i + len(cue), lang)
    return []


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


def _names_backward(tokens: list[L.Token], i: int, lang: str) -> list[L.Token]:
    j = i - 1
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
