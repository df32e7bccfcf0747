"""A person named to a seat: "we hired Kristie Grinnell as our new CIO", "we promoted Kim Fields to serve as
Chief Operating Officer", "abbiamo nominato Marco Rossi come nuovo direttore finanziario", "мы назначили Ольгу
Петрову финансовым директором", "powołaliśmy Jana Kowalskiego na stanowisko dyrektora finansowego",
"我们任命了王丽为首席财务官".

The appointment verb ties the title to the company and to the person, so the title counts although "a new CIO"
or "hired" alone would read as hiring talk (``context``): the person holds or is about to hold the seat.
"""

from __future__ import annotations

import re

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names import finish_name, is_name
from assistant.analysis.executives.names_zh import zh_name_at

# word beginnings of appointment verbs, per language
_VERBS = {
    "en": ("hired", "appointed", "named", "promoted", "welcomed", "elected", "brought"),
    "it": ("nominat", "assunt", "promoss", "elett", "chiamat"),
    "ru": ("назначил", "назначен", "пригласил", "повысил", "избрал", "избран"),
    "pl": ("powołal", "powoła", "mianowal", "mianowa", "zatrudnil", "awansowal", "wybral"),
}
# between a passive verb and the name: "was (recently) appointed", "has been named", "è stato nominato", "została"
_AUXILIARIES = {"was", "were", "is", "has", "have", "been", "recently", "just", "è", "stato", "stata", "è stata"} | {
    "został",
    "została",
    "był",
    "была",
    "был",
    "недавно",
}
# what stands between the name and the title ("as", "to serve as"); () = nothing (ru/pl instrumental)
_AS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("as",), ("to", "serve", "as"), ("to", "become"), ("to", "the", "role", "of"), ("to",), ()),
    "it": (("come",), ("a",), ("nel", "ruolo", "di"), ("alla", "carica", "di"), ()),
    "ru": ((), ("на", "должность")),
    "pl": ((), ("na", "stanowisko"), ("jako",), ("na",)),
}
# between the name and a seat to come: "Huw will be our President", "sarà il nostro", "станет", "zostanie"
_FUTURE: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (  # "when Mr David Courtley became Chief Operating Officer": the seat is his
        ("will", "be"),
        ("will", "become"),
        ("will", "serve", "as"),
        ("is", "going", "to", "be"),
        ("becomes",),
        ("became",),
    ),
    "it": (("sarà",), ("diventerà",), ("diventa",)),
    "ru": (("будет",), ("станет",)),
    "pl": (("będzie",), ("zostanie",)),
}
_ZH = re.compile(
    r"(?:(?:任命|聘请|聘任|提拔|提名|委任|请来)了?([\u4e00-\u9fff]{2,3}?)|([\u4e00-\u9fff]{2,3})(?:被(?:任命|提拔|聘任|聘请|提名|委任)|将))"
    r"(?:为|担任|出任|做|成为)(?:我们的|公司的)?(?:新的|新)?$"
)


def appointed_name(tokens: list[L.Token], m: TitleMatch, lang: str) -> str | None:
    """The name of the person an appointment verb puts in title ``m``'s seat, or None."""
    lows = [t.low for t in tokens]
    j = m.start
    while j > 0 and (lows[j - 1] in C.DETERMINERS[lang] or lows[j - 1] in C.GENERIC_ADJECTIVES or _own(lows[j - 1])):
        j -= 1
    for cue in _FUTURE.get(lang, ()):  # "Huw will be our President of ...": a seat to come
        k = j - len(cue)
        if k >= 1 and tuple(lows[k:j]) == cue and (names := _names_before(tokens, k, lang)):
            return _name(names, tokens, lang)
    for cue in _AS.get(lang, ()):
        k = j - len(cue)
        if k < 1 or tuple(lows[k:j]) != cue:
            continue
        names = _names_before(tokens, k, lang)
        if names and k > len(names) and _verb(lows[k - len(names) - 1], lang):
            return _name(names, tokens, lang)  # "we hired Kristie Grinnell as ..."
        if _verb(lows[k - 1], lang):  # "Jane Smith was appointed CFO", "Ольга Петрова назначена ..."
            v = k - 1
            while v > 0 and lows[v - 1] in _AUXILIARIES:
                v -= 1
            if names := _names_before(tokens, v, lang):
                return _name(names, tokens, lang)
    return None


def _names_before(tokens: list[L.Token], k: int, lang: str) -> list[L.Token]:
    names: list[L.Token] = []
    while k > 0 and len(names) < 3 and is_name(tokens[k - 1], lang, tokens) and not _verb(tokens[k - 1].low, lang):
        names.insert(0, tokens[k - 1])
        k -= 1
    return names


def _verb(low: str, lang: str) -> bool:
    return low.startswith(_VERBS[lang])


def _name(names: list[L.Token], tokens: list[L.Token], lang: str) -> str | None:
    """The verb says a person is named (spaCy often reads a new name as an organisation): English capitalised
    words are taken as said; other languages are put in the nominative as usual."""
    if lang == "en" and all(t.capitalised for t in names):
        while len(names) >= 2 and names[0].low.rstrip(".") in C.HONORIFICS[lang]:
            names = names[1:]  # "when Mr David Courtley became ...": the courtesy title is no part of the name
        return " ".join(t.text for t in names)
    return finish_name(names, tokens, lang)


def _own(low: str) -> bool:
    return any(low in C.POSSESSIVE_OWN[lang] for lang in C.POSSESSIVE_OWN)


def zh_appointed_name(sentence: str, m: TitleMatch) -> str | None:
    """ "我们任命了王丽为首席财务官", "聘请张伟担任新的销售总监", "王丽被任命为首席财务官", "王丽将担任首席财务官"."""
    found = _ZH.search(sentence[: m.start])
    if not found:
        return None
    if found.group(1):
        return zh_name_at(found.group(1), 0)
    given = found.group(2)  # "…王丽被任命为": the name is the last two or three characters before 被
    return zh_name_at(given, 0) or (zh_name_at(given[1:], 0) if len(given) == 3 else None)
