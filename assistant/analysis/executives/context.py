"""Whether a title found in a sentence is a real person tied to the call, from the words around it.

``title_context`` (word languages) and ``zh_title_context`` (Chinese, on characters) report a possessive
(our / your / their ...), a self-introduction ("I'm the CFO", "as CFO, I", "Amy Lee, Director of
Finance."), a decision cue ("run it by our CFO", "prezes musi zatwierdzić"), presence on the call ("our
CFO is on the call"), "<title> at|of <Company>", and the generic, hiring and news readings ("a CFO",
"we're hiring a VP", "the founder of Tesla") that make a title a kind of person or someone else's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import cues_presence as P
from assistant.analysis.executives import cues_tenure as T
from assistant.analysis.executives import cues_zh as Z
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.context_of import company_before, department, of_what, possessive_side
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names import person_entity
from assistant.analysis.executives.presence import says_present, zh_says_present
from assistant.analysis.executives.senses import (
    being_seat,
    craft,
    in_a_name,
    seat_attribute,
    seat_there,
    supposed_seat,
)
from assistant.analysis.executives.speech import (
    possessive_over_unit,
    relation_before,
    said_to_listener,
)


@dataclass(frozen=True)
class TitleContext:
    """What the words around one title say; ``supports`` = enough to count a title that needs context."""

    possessive: str | None = None  # "own" | "other" | "third"
    self_intro: bool = False
    decision: bool = False
    present: bool = False
    org: bool = False
    generic: bool = False
    other_of: bool = False  # "owner of this project": a weak title in another sense
    listener: bool = False  # "you are the chief executive at OPSS; is that correct?": the seat of the one spoken to
    asked: bool = False  # "Would you accept that, as Chief Executive, you had ...?": the seat of the one asked
    elsewhere: bool = False  # generic only as another organisation's seat ("the CEO of SCCL", "the COO there")

    @property
    def supports(self) -> bool:
        flags = (self.possessive, self.self_intro, self.decision, self.present, self.org, self.listener, self.asked)
        return any(flags)


def title_context(tokens: list[L.Token], m: TitleMatch, lang: str, listed: bool = False) -> TitleContext:
    """The context of title ``m`` in a tokenised sentence of a word language (en, it, ru, pl). ``listed``: the
    sentence goes on a list that an earlier piece said is on the call ("Joining me are A, CEO; B, CFO; ...")."""
    lows = [t.low for t in tokens]
    if lang == "en" and _addressed(lows, m.start):
        return TitleContext(generic=True)  # "Good afternoon, Mr President", "Thank you, Madam Chair": the one addressed
    before = _skip_back(lows, m.start, C.DETERMINERS[lang] | C.PREPOSITIONS[lang], limit=3)
    prev = lows[before] if before >= 0 else ""
    sure = m.confidence == 1.0 and prev not in ("", ",")  # not a fuzzy match ("our Mexico business were")
    over_unit = possessive_over_unit(tokens, m.start, lang) if sure else None
    related = relation_before(tokens, m.start, lang)  # "Albert Heaney my colleague, the director for ..."
    possessive = (
        possessive_side(prev, lang)
        or ("own" if m.fused_possessive else None)
        or possessive_side(over_unit or "", lang)
        or ("own" if related is not None else None)
    )
    of = of_what(tokens, m.end, lang) or company_before(tokens, m, lang)
    if lang == "en" and prev == "its":  # "your organisation, through its chief executive": an organisation's seat
        possessive, of = None, "foreign"
    if of == "other" and department(tokens, m, lang):
        of = None  # "Katherine Owen, VP of strategy and investor relations": her department, not another sense
    asked_as = _asked_as(tokens, m, lang)  # "Would you accept that, as Chief Executive, you had ...?"
    ctx = TitleContext(
        possessive=possessive,
        self_intro=not (listed or asked_as) and _self_intro(tokens, m, lang) and not supposed_seat(tokens, m, lang),
        decision=_decision(lows, m, lang),
        present=listed or _present(lows, m, lang, possessive),
        org=of == "company",
        other_of=of == "other" or (lang == "en" and craft(tokens, m)),  # "our Tanger Fashion Director"
        generic=_generic(tokens, m, lang) or of == "generic" or _other_sense(tokens, m, lang),
        listener=said_to_listener(tokens, m.start, lang),
        asked=asked_as,
    )
    foreign = of == "foreign" or (not possessive and seat_there(tokens, m, lang))  # "the COO there"
    if foreign and not (possessive or ctx.self_intro or ctx.present or ctx.decision or ctx.listener):
        dealt = not ctx.generic and (of != "foreign" or _contacted(tokens, m.start, lang))  # "the COO there", "call"
        one_of = _one_of_its(tokens, m, lang)  # "Charles McLachlan, a Director of Amsphere Consulting Limited"
        return replace(ctx, generic=True, elsewhere=dealt or one_of, org=ctx.org or one_of)  # "the founder of Tesla"
    return ctx


_ADDRESS = {"mr", "mrs", "ms", "madam", "madame", "mister"}


def _addressed(lows: list[str], start: int) -> bool:
    """A courtesy title right before the title ("Mr President", "Mr. Chairman"): a form of address."""
    k = start - 2 if start >= 2 and lows[start - 1] == "." else start - 1
    return k >= 0 and lows[k] in _ADDRESS


def _contacted(tokens: list[L.Token], start: int, lang: str) -> bool:
    """A verb of dealing with someone before the title ("call Jin Sahota, the CEO of SCCL", "I met ..."): a person the
    speaker deals with, not someone in the news (English)."""
    return lang == "en" and any(t.low in C.CONTACT_VERBS for t in tokens[max(0, start - 8) : start])


def _other_sense(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "the GM Building", "between being CEO and CFO", "the CEO change" (``senses``)."""
    return (
        in_a_name(tokens, m)
        or being_seat(tokens, m, lang)
        or (lang == "en" and seat_attribute(tokens, m))
        or supposed_seat(tokens, m, lang)
    )


def _generic(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "a CFO", "a new VP of Sales", "every CEO", "CFOs", "our board members", or hiring talk: a kind of person or a
    body, not a person. A seat said to be filled is a person: "I have a new CMO", "abbiamo un nuovo direttore",
    "we appointed a new CFO", "the appointment of a Chief Sustainability Officer"."""
    lows = [t.low for t in tokens]
    j = _skip_back(lows, m.start, C.GENERIC_ADJECTIVES | (C.DETERMINERS[lang] - C.GENERIC[lang]), limit=2)
    if _modifier(tokens, j, lang):  # "a new communications director": the article is before the title's modifier
        j = _skip_back(lows, j, C.GENERIC_ADJECTIVES | (C.DETERMINERS[lang] - C.GENERIC[lang]), limit=2)
        if lang == "en" and j >= 1 and lows[j].endswith("ly") and lows[j - 1] in C.GENERIC[lang]:
            j -= 1  # "a newly arrived CFO": an adverb before the modifier
    det = {lows[m.start - 1] if m.start > 0 else "", lows[j] if j >= 0 else ""}
    plural = _plural(tokens, m, lang)
    window = lows[max(0, m.start - 6) : m.start]
    hiring = any(w.startswith(T.HIRING_CUES[lang]) and w not in T.APPOINTED for w in window)
    new = (T.NEW_WORDS | {"newly"}) & set(lows[j + 1 : m.start] + lows[m.end : m.end + 1])  # "un direttore ... nuovo"
    filled = j >= 1 and lows[j - 1] in T.HAVE_WORDS and bool(new)
    filled = filled or (j >= 1 and lows[j - 1] in T.APPOINTED) or (j >= 2 and tuple(lows[j - 2 : j]) in T.APPOINTMENT)
    aide = j >= 1 and lows[j] == "to" and lows[j - 1] in C.AIDES  # "Assistant to Director Sales": a job title
    filled = filled or _one_of_its(tokens, m, lang)
    return (bool(det & C.GENERIC[lang]) and not filled) or plural or hiring or aide


def _one_of_its(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "prepared by Charles McLachlan, a Director of Amsphere Consulting Limited": "a <title> of <Organisation>" in
    apposition to a full name is that person's seat (one of its directors), not a kind of person (English)."""
    k = m.start - 2
    if lang != "en" or k < 2 or tokens[m.start - 1].low not in ("a", "an") or tokens[k].text != ",":
        return False
    named = L.name_like(tokens[k - 1], lang) and L.name_like(tokens[k - 2], lang)
    org = m.end + 1 < len(tokens) and tokens[m.end].low == "of" and tokens[m.end + 1].capitalised
    return named and org


def _modifier(tokens: list[L.Token], j: int, lang: str) -> bool:
    """ "a new communications director": a lower-case word right before the title (what is left of its modifiers
    after the adjectives) that is no determiner, possessive or other function word (English)."""
    if lang != "en" or j < 1 or not tokens[j].is_word or tokens[j].capitalised:
        return False
    low = tokens[j].low
    if low in C.DETERMINERS[lang] | C.GENERIC[lang] | C.NOT_NAMES[lang] | C.COORDINATORS | _FUNCTION_WORDS:
        return False  # "Assistant to Director Sales" is an aide's job (``aide``), not a modifier
    return possessive_side(low, lang) is None


_FUNCTION_WORDS = {"to", "of", "for", "at", "in", "on", "with", "by", "from", "as", "than", "is", "are", "was", "be"}


def one_of(tokens: list[L.Token], m: TitleMatch) -> int | None:
    """ "I'm one of the business owners of Green Point Marina": "one of the|our <plural title>" is one person; the index
    of "one", or None (English)."""
    k = m.start - 3
    if k < 0 or [t.low for t in tokens[k : k + 2]] != ["one", "of"] or tokens[k + 2].low not in _ONE_OF_WHOSE:
        return None
    return k


_ONE_OF_WHOSE = {"the", "our", "my", "its", "their"}


def _plural(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "CFOs", "our board members", "Prezesi Trybunału": a body or a kind of people."""
    if lang == "en" and one_of(tokens, m) is not None:
        return False  # "I'm one of the business owners": one person
    plural = lang == "en" and tokens[m.end - 1].low.endswith("s") and m.end - m.start == 1
    plural = plural and not tokens[m.end - 1].text.endswith("'s")
    return plural or bool({tokens[m.start].low, tokens[m.end - 1].low} & C.PLURAL_HEADS.get(lang, set()))


def _decision(lows: list[str], m: TitleMatch, lang: str) -> bool:
    """A decision cue before the title ("run it by our CFO"), or after it with a modal ("prezes musi zatwierdzić")."""
    before = lows[max(0, m.start - 8) : m.start]
    if any(w.startswith(P.DECISION_CUES[lang]) and not w.startswith(P.NOT_DECISION) for w in before):
        return True  # not "significant leases at the GM Building"
    after = lows[m.end : m.end + 6]
    return bool(P.AFTER_MODALS[lang] & set(after)) and any(w.startswith(P.AFTER_DECISION_CUES[lang]) for w in after)


def _skip_back(lows: list[str], i: int, skippable: set[str], limit: int) -> int:
    j = i - 1
    while j >= 0 and limit > 0 and lows[j] in skippable:
        j, limit = j - 1, limit - 1
    return j


def _self_intro(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "I'm the CFO", "I'm Dana, the CFO", "sono il direttore", "я финансовый директор", "as CFO, I"."""
    if tokens[m.end - 1].text.endswith(("'s", "’s")) or _plural(tokens, m, lang):
        return False  # "the CFO's", "Szanowni Państwo Prezesi ...!": no one introducing themselves
    one = one_of(tokens, m) if lang == "en" else None  # "I'm one of the business owners"
    j, named = (m.start - 1 if one is None else one - 1), False
    skippable = C.DETERMINERS[lang] | C.TITLE_MODIFIERS.get(lang, set()) | {",", "—", "-", ":"}  # "I'm the executive"
    while j >= 0 and (tokens[j].low in skippable or L.name_like(tokens[j], lang)):
        named = named or L.name_like(tokens[j], lang)
        j -= 1
    lows = [t.low for t in tokens[: j + 1]]
    if _bare_introduction(tokens, m, lang):
        return True
    for cue in C.SELF_CUES[lang]:
        if tuple(lows[-len(cue) :]) == cue:
            if len(cue) == 1 and cue[0] in C.AS_CUES and _someone_else_as(tokens[: j + 1], lang):
                return False  # "a question to you as CFO", "for him to step down as CEO": not the speaker's seat
            if len(cue) == 1 and cue[0] in C.AS_CUES:  # "as CFO, I", not "named as the Apple CEO years ago"
                return _as_self(tokens, m.end, lang) or _took_seat(lows)
            return cue not in C.NEEDS_NAME or named  # "this is the CFO's" no; "this is Dana, CFO" yes
    return False


def _asked_as(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "Would you accept that, as Chief Executive, you had a responsibility ...?", "Was it something, as the Managing
    Director of Fujitsu, should have been run past you?": ", as <title>" set off in a question put to "you" in which the
    speaker says nothing of themselves is the seat of the one asked, not the speaker's (English)."""
    if lang != "en" or m.start == 0 or tokens[m.start - 1].low not in C.AS_CUES | C.DETERMINERS[lang]:
        return False
    j = _skip_back([t.low for t in tokens], m.start, C.DETERMINERS[lang], limit=2)
    if j < 1 or tokens[j].low != "as" or tokens[-1].text != "?":
        return False
    yours = m.end + 1 < len(tokens) and tokens[m.end].text == "," and tokens[m.end + 1].low in _SECOND_PERSON
    if tokens[j - 1].text != "," and not yours:
        return False  # set off: ", as Chief Executive, you had"; "to you as CFO, how ...?" is ``pronoun_name``'s
    quotes = [k for k, t in enumerate(tokens) if t.text in ('"', "“", "”")]
    said = {t.low for k, t in enumerate(tokens) if sum(q < k for q in quotes) % 2 == 0}  # not inside a quoted document
    return bool(said & _SECOND_PERSON) and not said & _FIRST_PERSON


_SECOND_PERSON = {"you", "your", "you'd", "you're", "you've", "you'll", "yourself"}
_FIRST_PERSON = {"i", "me", "my", "mine", "i'm", "i've", "i'd", "i'll", "myself"}


def _took_seat(lows: list[str]) -> bool:
    """ "so I took this position as vice chair to represent ...", "To serve as the vice chair of legislative affairs ...
    is really an honor" (the sentence's subject): the speaker's own seat (``lows`` ends with "as")."""
    if lows == ["to", "serve", "as"]:
        return True
    return len(lows) >= 4 and lows[-2] in _SEAT_NOUNS and "i" in lows[-6:-2] and bool(_TOOK & set(lows[-6:-2]))


_SEAT_NOUNS = {"position", "role", "seat", "post"}
_TOOK = {"took", "take", "accepted", "assumed"}


def _someone_else_as(before: list[L.Token], lang: str) -> bool:
    """Whose seat "as <title>" is: the listener's right before it ("to you as CFO"), or a third person's earlier in
    the clause ("the board and Marvin agreed for him to step down as CEO", "chose Eric to step in ... as the
    interim CEO"): not the speaker's. ``before`` ends with the "as" word."""
    lows = [t.low for t in before]
    if len(lows) >= 2 and lows[-2] in C.AS_ADDRESSEES:
        return True
    if _listeners_in_clause(before, lang):  # "your personal position as President": the listener's seat
        return True
    window = before[-15:-1]
    if any(t.low in C.THIRD_PERSONS.get(lang, set()) for t in window):
        return True
    if any(a.capitalised and L.name_like(a, lang) and b.low == "to" for a, b in pairwise(window)):
        return True
    k = len(before) - 2  # "We have Michael Sabia there as the new board chair": a full name right before "as"
    while k >= 0 and before[k].low in ("there", "here", "now"):
        k -= 1
    full = k >= 1 and L.name_like(before[k], lang) and L.name_like(before[k - 1], lang)  # a first name and a surname
    return full and (lang != "en" or person_entity(before[k - 1 : k + 1], before))  # not "to lead Jabil as CEO"


def _listeners_in_clause(before: list[L.Token], lang: str) -> bool:
    """A second-person possessive in the clause before "as" ("what is your personal position as President", "your
    years as CEO"), back to the last punctuation ("thanks for your question, as CEO I think" is the speaker's)."""
    for tok in reversed(before[:-1]):
        if not tok.is_word:
            return False
        if tok.low in C.POSSESSIVE_OTHER.get(lang, set()):
            return True
    return False


def _as_self(tokens: list[L.Token], j: int, lang: str) -> bool:
    """After "as CFO": a comma, "I", the end, or a first-person verb ("jako prezes uważam") make it the speaker; "of
    <Organisation>" before it is skipped ("As CEO of Acme, I want to", "Come amministratore delegato di Acme,
    vorrei")."""
    if j < len(tokens) and tokens[j].low in C.OF_PREPOSITIONS.get(lang, set()):
        return _of_organisation_then_self(tokens, j, lang)
    if j >= len(tokens) or tokens[j].low in C.AS_FOLLOWERS or tokens[j].text == ".":
        return True
    if lang == "pl":
        return tokens[j].low.endswith(("am", "em", "ę"))
    return lang == "ru" and L.ru_first_person(tokens[j].low)


def _of_organisation_then_self(tokens: list[L.Token], j: int, lang: str) -> bool:
    """ "As CEO of Acme, I ...": a comma closes "of <Organisation>" and no one else speaks after it ("as CEO of NHS
    Employers, you say ...": the listener's seat; "you took office as President of the Federation." has no comma)."""
    comma = next((k for k in range(j + 1, min(len(tokens), j + 12)) if tokens[k].text in (",", ".")), None)
    if comma is None or tokens[comma].text != "," or comma + 1 >= len(tokens):
        return False
    glue = C.DETERMINERS[lang] | C.COMPANY_WORDS.get(lang, set()) | {"and", "&", "of", "e", "di"}
    span = _past_department(tokens[j + 1 : comma], lang)  # "as the director of education policy for the Federation,"
    if not all(t.capitalised or t.low in glue or possessive_side(t.low, lang) for t in span):
        return False  # "who continues as president of our CO2 business and is headed by ...": no organisation's name
    after = tokens[comma + 1].low
    return after not in C.AS_ADDRESSEES and after not in C.THIRD_PERSONS.get(lang, set()) and after != "you"


def _past_department(span: list[L.Token], lang: str) -> list[L.Token]:
    """ "education policy for the Hispanic Federation" -> "the Hispanic Federation": up to three lower-case words (the
    seat's department) and the preposition before the organisation."""
    k = next((i for i, t in enumerate(span) if t.low in C.OF_PREPOSITIONS.get(lang, set())), None)
    return span[k + 1 :] if k is not None and 0 < k <= 3 and not any(t.capitalised for t in span[:k]) else span


def _bare_introduction(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "Hi everyone, Amy Lee, Director of Finance." / "Priya here, head of finance at Northwind.":
    nothing in the sentence but greetings, names, the title and the company is how people introduce themselves."""
    rest = tokens[: m.start] + tokens[m.end :]
    if not any(L.name_like(t, lang) for t in rest) or any(t.low.startswith(T.HIRING_CUES[lang]) for t in rest):
        return False
    if _only_opening_word(tokens, lang):  # "Mamy nowego dyrektora finansowego.": a verb opens the sentence
        return False
    if any(b.low in C.COPULAS[lang] and L.name_like(a, lang) for a, b in pairwise(rest)):
        return False  # "Jane Smith is the CFO.": said of someone, not how anyone introduces themselves
    for k, tok in enumerate(rest):
        company = k > 0 and rest[k - 1].low in C.ORG_PREPOSITIONS and tok.capitalised
        allowed = C.GREETINGS[lang] | C.ORG_PREPOSITIONS | C.DETERMINERS[lang] | C.TITLE_MODIFIERS.get(lang, set())
        if not (tok.low in allowed or not tok.is_word or L.name_like(tok, lang) or company):
            return False
    return True


def _only_opening_word(tokens: list[L.Token], lang: str) -> bool:
    """The one capitalised word is the sentence's first and nothing marks it a name ("Dana, CFO", "Priya here")."""
    names = [k for k, t in enumerate(tokens) if L.name_like(t, lang)]
    after = tokens[1].low if len(tokens) > 1 else ""
    return names == [0] and after != "," and after not in C.GREETINGS[lang]


def _present(lows: list[str], m: TitleMatch, lang: str, possessive: str | None) -> bool:
    if any(w in C.NEGATIONS[lang] or w.endswith("n't") for w in lows):
        return False
    joined = " " + " ".join(lows) + " "
    if says_present(lows, lang):
        return True  # "I'll turn the call over to Dana Whitfield, CCO of Brightline": on the call
    window = lows[max(0, m.start - 4) : m.start]
    has = {"have", "got", "brought"} & set(lows[max(0, m.start - 6) : m.start])
    brought = lang == "en" and bool(has) and (" with me " in joined or " with us " in joined)
    introduces = brought or any(w in P.INTRODUCE_CUES for w in window)
    this_is_ours = lang == "en" and possessive == "own" and "this" in window and "is" in window
    return introduces or this_is_ours


def zh_title_context(sentence: str, m: TitleMatch, listed: bool = False) -> TitleContext:
    before = sentence[: m.start]
    clause = before.replace(",", "，").split("，")[-1]
    trimmed = clause.rstrip("新现任前")
    possessive = next(
        (
            label
            for label, cues in (("own", Z.ZH_OWN), ("other", Z.ZH_OTHER), ("third", Z.ZH_THIRD))
            if any(trimmed.endswith(c) or trimmed.endswith(c + "的") for c in cues)
        ),
        None,
    )
    decision = any(c in before[-10:] for c in Z.ZH_DECISION)
    named_first = (clause.startswith("是") and any(c in before for c in Z.ZH_NAME_CUES)) or any(
        re.fullmatch(r"(我是|我叫)[\u4e00-\u9fff]{2,3}", c) for c in before.replace(",", "，").split("，")[:-1]
    )  # 我叫王丽，是... / 我是张伟，ABC公司的首席技术官
    self_intro = (any(c in clause for c in Z.ZH_SELF) or named_first) and not (possessive or decision or listed)
    present = listed or zh_says_present(sentence)
    vocative = m.start == 0 and sentence[m.end : m.end + 1] in ("，", ",") and any(c in sentence for c in "您你")
    generic = clause.endswith(("每个", "任何", "一个", "每位", "招", "招聘", "各位", "几位", "多位", "其他"))
    generic = generic or sentence[m.end : m.end + 1] == "们"  # "董事会成员们": a body, not a person
    # "特斯拉的首席执行官": an executive of some other organisation, unless the speaker ties them to the call
    foreign = clause.endswith("的") and not possessive and not clause.endswith("公司的") and not self_intro
    generic = generic or (foreign and not decision and not present)
    return TitleContext(possessive, self_intro and not generic, decision, present or vocative, False, generic)
