"""A title word that is no one's seat here, from the words around it: a craft ("our Tanger Fashion Director"), a
word of a proper name ("the GM Building", "the President's Club"), the seat of the place just spoken of ("the Chief
Operating Officer there"), a seat the company had once ("We had the CFO, we had a controller"), a past seat in a
list of the speaker's roles ("including ..., serving as the Chief Accounting Officer, and fulfilling my current
role as ..."), a seat as a role ("between being CEO and CFO", "the CEO change", "the CEO responsibility"), and an
acronym with other common expansions whose only support is what an office or a contractor
does too ("get our own CMO to approve our manuals": the FAA's certificate management office), and a seat supposed ("if
I'm the president of City College, then I'm going to ...").
"""

from __future__ import annotations

import itertools

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch

# a craft before a weak title: a job in fashion, the arts, sport or a funeral home, not a company's seat
CRAFTS = (
    C.NOT_DEPARTMENTS
    | {"fashion", "style", "art", "arts", "artistic", "casting", "costume", "funeral"}
    | {
        "musical",
        "athletic",
        "cruise",
        "beauty",
        "film",
        "theatre",
        "theater",
    }
)
# a capitalised noun after a title that makes it a word of a name: "the GM Building", "the President's Club"
NAME_NOUNS = {"building", "tower", "towers", "center", "centre", "plaza", "hall", "house", "street", "avenue"} | {
    "road",
    "square",
    "bridge",
    "hotel",
    "award",
    "awards",
    "prize",
    "club",
    "cup",
    "trophy",
    "forum",
    "summit",
    "circle",
    "lecture",
}
# the seat of the place just spoken of: "the Chief Operating Officer there", "il direttore lì", "директор там"
THERE = {"en": {"there"}, "it": {"lì", "là"}, "ru": {"там"}, "pl": {"tam"}}
# "We had the CFO, we had a controller": a seat the speaker's company had once (a past possessive verb + title)
PAST_HAVE: dict[str, set[tuple[str, ...]]] = {
    "en": {("we", "had"), ("they", "had"), ("i", "had"), ("you", "had")},
    "it": {("avevamo",), ("avevano",), ("avevo",)},
    "ru": {("у", "нас", "был"), ("у", "нас", "была"), ("у", "них", "был"), ("у", "них", "была")},
    "pl": {("mieliśmy",), ("mieli",), ("miałem",), ("miałam",)},
}
# a list of the speaker's roles over the years: "many financial roles ..., including ..., serving as the CAO"
CAREER_NOUNS = {
    "en": {"roles", "positions", "jobs", "career", "posts", "hats"},
    "it": {"ruoli", "incarichi", "posizioni", "carriera"},
    "ru": {"должности", "должностях", "роли", "ролях", "карьеры"},
    "pl": {"stanowiska", "stanowiskach", "funkcje", "role", "rolach", "kariery"},
}
INCLUDING: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("including",),),
    "it": (("tra", "cui"), ("compreso",), ("inclusa",), ("incluso",)),
    "ru": (("в", "том", "числе"),),
    "pl": (("w", "tym"),),
}
CURRENT = {"current", "currently", "now", "today", "attuale", "attualmente", "ora", "нынешней", "сейчас"} | {
    "obecnie",
    "obecną",
    "obecnej",
    "teraz",
}
# a noun after the title that makes it an attribute of the seat: "the CEO change", "the CEO search process"
SEAT_NOUNS = {"change", "changes", "transition", "transitions", "search", "succession", "responsibility"} | {
    "responsibilities",
    "duties",
    "pay",
    "compensation",
    "suite",
    "report",  # "If we can go to page 3, please, the CFO report?": a document named after the seat
    "reports",
    "level",  # "you came in straight at Managing Director level"
}
# "he's done between being CEO and CFO 107 of these": a seat as a role someone plays, not a person
BEING = {"en": {"being"}, "it": {"essere"}, "ru": {"быть"}, "pl": {"być", "bycie", "bycia"}}
# acronyms with common expansions that are no executive (contract manufacturing / research / sales organisation,
# certificate management office): without a name or an expansion they need a person's doing, not a decision cue
MULTI_SENSE_ACRONYMS = {"cmo", "cro", "cso"}
# what people do and offices do not: "Our CRO didn't start until July", "I have a new CMO", "the CSO said"
PERSON_VERBS = ("start", "join", "left", "leav", "retir", "said", "say", "told", "tell", "think", "believ", "came")
PERSON_WORDS = {"new", "he", "she", "who", "his", "her", "him"}


def craft(tokens: list[L.Token], m: TitleMatch) -> bool:
    """ "our Tanger Fashion Director", "the casting director": a craft's job (English: the craft before the title)."""
    return m.needs_context and m.start >= 1 and tokens[m.start - 1].low in CRAFTS


def in_a_name(tokens: list[L.Token], m: TitleMatch) -> bool:
    """ "the GM Building", "the President's Club", "the CEO Summit": the title is a word of a proper name."""
    nxt = tokens[m.end] if m.end < len(tokens) else None
    return nxt is not None and nxt.capitalised and nxt.low in NAME_NOUNS


def seat_there(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "I had lunch with the Chief Operating Officer there": the seat of the place just spoken of (a tenant, a
    supplier), not the speaker's company's."""
    return m.end < len(tokens) and tokens[m.end].low in THERE.get(lang, set())


def had_seat(lows: list[str], start: int, lang: str) -> bool:
    """ "We had the CFO, we had a controller, and we had a treasurer": a seat as it was once (the title at
    ``start`` after a past possessive verb and at most one article)."""
    j = start - 1 if start >= 1 and lows[start - 1] in C.DETERMINERS[lang] else start
    return any(j >= len(cue) and tuple(lows[j - len(cue) : j]) == cue for cue in PAST_HAVE.get(lang, set()))


def career_list(lows: list[str], start: int, lang: str) -> bool:
    """ "... many financial roles over the last 20-plus years, including creating the internal audit function,
    serving as the Chief Accounting Officer, and fulfilling my current role as ...": a seat in a list of the
    speaker's roles over time is a past one, unless said as the current one."""
    before = lows[:start]
    at = max((k for k in range(len(before)) for cue in INCLUDING.get(lang, ()) if _at(before, k, cue)), default=-1)
    if at < 0 or not CAREER_NOUNS.get(lang, set()) & set(before[:at]):
        return False
    return not CURRENT & set(before[max(at, start - 5) :])


def _at(words: list[str], k: int, cue: tuple[str, ...]) -> bool:
    return tuple(words[k : k + len(cue)]) == cue


def acronym_without_person(tokens: list[L.Token], m: TitleMatch) -> bool:
    """An acronym with other common expansions ("CMO", "CRO") said with nothing a person does near it: "get our own
    CMO to approve our manuals" may be an office; "I have a new CMO", "Our CRO didn't start until July" are people."""
    if m.evidence.lower() not in MULTI_SENSE_ACRONYMS or m.end - m.start != 1:
        return False
    near = [t.low for t in tokens[max(0, m.start - 2) : m.end + 4]]
    return not (PERSON_WORDS & set(near) or any(w.startswith(PERSON_VERBS) for w in near))


def being_seat(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "between being CEO and CFO", "being a CFO is hard": a seat as a role, read back over articles, "and" and
    the other titles of the pair; "Tammy, being our CFO, ..." (a possessive) is a person."""
    j = m.start - 1
    while j >= 0 and m.start - j <= 4:
        tok = tokens[j]
        if tok.low in BEING.get(lang, set()):
            return True
        if not (tok.low in C.DETERMINERS[lang] | C.COORDINATORS or tok.text.isupper()):
            return False
        j -= 1
    return False


def seat_attribute(tokens: list[L.Token], m: TitleMatch) -> bool:
    """ "So the CEO change certainly pretty abrupt", "I'll take over the CEO responsibility for investor meetings": the
    title as an attribute of a seat's change, search or duties, not a person (English)."""
    return m.end < len(tokens) and tokens[m.end].low in SEAT_NOUNS and not tokens[m.end].capitalised


# "if I'm the president of City College", "if you were the CEO": a seat supposed, no one's (English)
_SUPPOSING = {"if", "suppose", "supposing", "imagine", "pretend"}
_SUPPOSED = {"i'm", "i", "im", "you're", "you", "we're", "we", "he", "she", "he's", "she's"}


def supposed_seat(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "And so if I'm the president of City College, ... then I'm going to cut staff": a supposing word and a person
    within the five words before the title, in the same clause."""
    if lang != "en":
        return False
    window = [t.low for t in tokens[max(0, m.start - 5) : m.start]]
    if "," in window:
        window = window[len(window) - window[::-1].index(",") :]
    return any(w in _SUPPOSING and nxt in _SUPPOSED for w, nxt in itertools.pairwise(window))
