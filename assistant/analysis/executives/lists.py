"""Titles and names that go together in one sentence.

``join_coordinated``: "President and Chief Executive Officer", "Chairman and CEO", "fondatore e
amministratore delegato", "VP, Treasurer", "Board Chair President" are one person's titles; the pair becomes
one match under the title a report should show (the higher level; between equals, the one that needs no
context, then an acronym title: CEO over President).

``shared_names`` / ``zh_shared_names``: a title followed by a list of two or more names is every one of
them: "Northwind's three regional presidents, Alicia Gomez, Ben Carter and Chen Wei", "i nostri tre
direttori regionali, Anna Galli, Marco Fontana e Sara Greco", "три региональных директора — Павел Орлов,
Сергей Лебедев и Наталья Козлова", "三位区域总监，李娜、张伟和孙丽". A single name after a comma stays the
ordinary apposition ("our CFO, Jane Smith"), handled by ``names.linked_name``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names import finish_name, is_name, past_honorific
from assistant.analysis.executives.names_zh import zh_name_at

RANK = ("c_level", "board", "vp", "director", "owner", "senior")
_AND_BY_LANG = {"en": {"and", "&"}, "it": {"e", "ed"}, "ru": {"и"}, "pl": {"i", "oraz"}}
_AND = set().union(*_AND_BY_LANG.values())
_OPENERS = {",", ":", "—", "-", "–", "are", "were", "sono", "это", "to", "są"}


def join_coordinated(
    tokens: list[L.Token], matches: list[TitleMatch], named: Callable[[TitleMatch], bool]
) -> list[TitleMatch]:
    """Adjacent titles joined by one "and", a comma or nothing become one match (the person's shown title, see
    module doc) when a name goes with them ("Rob Mionis, President and CEO", "Bob Wetherbee, Board Chair President
    and CEO", "Scott Minder, VP, Treasurer and Investor Relations"); "our CEO and CFO must approve" is two people."""
    out: list[TitleMatch] = []
    for m in matches:
        prev = out[-1] if out else None
        between = tokens[prev.end : m.start] if prev else []
        if prev and _seat(prev) != _seat(m):  # "our Head of Corporate Banking and our Head of Retail": two heads
            between = _lead_in_cut(between)
        plain = [t for t in between if t.low not in C.TITLE_MODIFIERS.get("en", set())]  # "and Global Executive"
        joins = len(plain) <= 2 and all(t.low in _AND or t.text == "," for t in plain)  # ", and" too
        joins = joins or _of_company_and(between)  # "Co-President of HEICO and President of ..."
        comma = any(t.text == "," for t in between)  # "Anna, CFO, and CEO Dmitry Volkov": the CEO is someone else
        joins = joins and not (comma and m.end < len(tokens) and tokens[m.end].capitalised and tokens[m.end].is_word)
        if prev and joins and named(pair := _joined(prev, m, tokens)):
            out[-1] = pair
        else:
            out.append(m)
    return out


_LEAD_INS = {"our", "its", "newly", "recently", "appointed", "named", "new"}


def _seat(m: TitleMatch) -> str:
    return m.title.split(" of ")[0]


def _lead_in_cut(between: list[L.Token]) -> list[L.Token]:
    """ "<Name>, our SVP of Strategic Planning and our newly appointed Interim CFO": the possessive and the
    modifiers right before the second title are left out (English)."""
    k = len(between)
    while k > 1 and (between[k - 1].low in _LEAD_INS or between[k - 1].low in C.TITLE_MODIFIERS["en"]):
        k -= 1
    return between[:k]


def _of_company_and(between: list[L.Token]) -> bool:
    """ "of HEICO and", "at Acme, and": the first title's company, then "and"; ", Corporate Secretary and": a
    role of the same person that is no title here, then "and" (English)."""
    if len(between) < 3 or between[-1].low != "and":
        return False
    if [t.low for t in between if t.text != ","] == ["of", "the", "board", "and"]:
        return True  # "our chairman of the board and CEO, Gary Kelly"
    middle = [t for t in between[1:-1] if t.text != ","]
    words = [t for t in middle if t.low not in ("and", "&")]  # "of Strategic Planning and Analysis and"
    capitalised = 1 <= len(words) <= 3 and all(t.capitalised and t.is_word for t in words) and middle[0] in words
    office = between[0].text == "," and bool(middle) and middle[-1].low in _OFFICES
    return capitalised and (between[0].low in ("of", "at") or office)


_OFFICES = {"secretary", "relations", "communications", "affairs", "strategy", "development", "treasury", "planning"}


def _joined(a: TitleMatch, b: TitleMatch, tokens: list[L.Token]) -> TitleMatch:
    keep = min(
        (a, b),
        key=lambda m: (RANK.index(m.level) if m.level in RANK else 9, m.needs_context, m.title != m.title.upper()),
    )
    evidence = " ".join(t.text for t in tokens[a.start : b.end])
    return replace(keep, start=a.start, end=b.end, evidence=evidence, needs_context=a.needs_context and b.needs_context)


def shared_names(tokens: list[L.Token], m: TitleMatch, lang: str, titled: frozenset[int] = frozenset()) -> list[str]:
    """The names of a list right after a title (two or more), else []. ``titled``: the token indexes of the
    sentence's titles, which are never names ("our CEO, Revathi Advaithi, and Chief Financial Officer, ...")."""
    if lang == "en" and not tokens[m.end - 1].low.endswith("s"):
        return []  # "the Managing Director, Stares, and Mike Coombs": one seat, one name (the first)
    j = m.end
    while j < len(tokens) and j - m.end < 2 and tokens[j].is_word and not tokens[j].capitalised:
        if tokens[j].low in _AND:
            return []  # "our CEO and colleagues, Jane Roe and Bob Lee": the names are the colleagues'
        j += 1  # "direttori regionali", "dyrektorzy regionalni"
    if j >= len(tokens) or tokens[j].low not in _OPENERS:
        return []
    groups: list[list[L.Token]] = []
    j += 1
    while j < len(tokens):
        group: list[L.Token] = []  # capitalised names only: a list in lower-case ASR text is too unsure
        j = past_honorific(tokens, j, lang)  # "two of our presidents, Dr. Wayne Riley of Downstate and Dr. ..."
        while j < len(tokens) and len(group) < 3 and tokens[j].capitalised and is_name(tokens[j], lang):
            group.append(tokens[j])
            j += 1
        if not group:
            break
        j = _past_place(tokens, j)
        if j - 1 in titled or j in titled:
            return []  # a title in the list: it lists people with their own titles
        groups.append(group)
        ands = _AND_BY_LANG.get(lang, set())
        if j >= len(tokens) or not (tokens[j].text == "," or tokens[j].low in ands):
            break
        j += 2 if j + 1 < len(tokens) and tokens[j].text == "," and tokens[j + 1].low in ands else 1
    names = [finish_name(g, tokens, lang) for g in groups]
    return [n for n in names if n] if len(groups) >= 2 and all(names) else []


def _past_place(tokens: list[L.Token], j: int) -> int:
    """ "Dr. Wayne Riley of Downstate and ...": "of" or "at" and up to three capitalised words after a listed name (the
    person's institution) are passed over."""
    if j + 1 < len(tokens) and tokens[j].low in ("of", "at") and tokens[j + 1].capitalised:
        k = j + 1
        while k < len(tokens) and k - j <= 3 and tokens[k].capitalised and tokens[k].is_word:
            k += 1
        return k
    return j


def zh_shared_names(sentence: str, m: TitleMatch) -> list[str]:
    """ "三位区域总监，李娜、张伟和孙丽": two or more names joined by 、 和 及 after the title."""
    j = m.end
    if sentence[j : j + 1] not in ("，", ",", "：", ":", "是"):
        return []
    j += 1
    names: list[str] = []
    while (name := zh_name_at(sentence, j)) is not None:
        names.append(name)
        j += len(name)
        if sentence[j : j + 1] not in ("、", "和", "及", "，"):
            break
        j += 1
    return names if len(names) >= 2 else []
