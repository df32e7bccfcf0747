"""Whose price, whose cancellation? A rule hit stands when its risk is about the vendor, or unattributed (issue 10 §5).

    whose("Brembo is raising prices from March.", 10, 25, "en", "price")
    # -> "someone else's doing: 'Brembo' (the subject of 'raising')"

The constructions of ``parties.py`` and ``senses.py`` list the third parties and goods that their writers named; the
next writer names others (a new writer's "the price of feed", "shimano podnosi ceny", "i tedeschi hanno disdetto").
This module reads **who does what to whom** around the matched words instead, and decides by the *closed* class
that does not change from one writer to the next — the vendor and what it sells (you, your licences, seats, the
subscription, the renewal, the platform ...: ``attribution_words.OURS``) — not by a list of other people's things:

- the **parties** of the match: the subject of its verb, its object, the complement of a price noun ("the price
  *of feed*", "*feed* prices", "il prezzo *del mangime*", "цены *на корм*", "*饲料*的价格");
- **ours** (any party is the vendor or what it sells): the hit stands;
- **nobody** (a pronoun, a quantity, a number, the risk's own words, or no party at all, as in "they are raising
  the price again"): the hit stands, unattributed in a call with us;
- **someone else**, in the roles that can only be someone else's (``_READS``): what a price prices, a name that
  raises its prices, things cancelled *by the many* ("the Germans cancelled almost all the bookings": plural
  subjects and objects of a cancellation that are not ours — the customer's own customers, guests, orders; the
  customer's governing bodies, "the owners", "the partners", stay deciders), an activity frozen ("we froze
  hiring"), the customer's own customers paying late: the hit is negated, its evidence names the party and role.

English reads spaCy's dependency parse (``en_core_web_sm``); the other languages read morphology or word order
(``attribution_shallow.py``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from assistant.analysis import regexes as rx
from assistant.analysis.attribution_shallow import shallow_parties
from assistant.analysis.attribution_words import (
    AGENT_CATEGORIES,
    GOVERNING,
    NEUTRAL,
    OURS,
    PRICE_NOUNS,
    THEME_CATEGORIES,
    Party,
)
from assistant.analysis.nlp import parse_english
from assistant.analysis.risk import NOT_OURS
from assistant.records import Hit


def whose(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` is about someone else, or ``""`` (it stands)."""
    if category not in THEME_CATEGORIES and category not in AGENT_CATEGORIES:
        return ""
    if _named_beside(sentence.lower(), start, end, lang):
        return ""  # the vendor named beside it ("... при ценах на зерно ... и ваш рубль тоже"): it stands
    theirs = rx.search(_THEIRS[lang], sentence.lower()) if category == "price" and lang in _THEIRS else None
    if theirs:
        return f"someone else's prices: {theirs.group(0)!r}"
    if lang == "en":
        parties = _english(sentence, start, end) if _worth_parsing(sentence, category) else []
    else:
        parties = shallow_parties(sentence, start, end, lang)
    return decide(parties, lang, category)


def _named_beside(text: str, start: int, end: int, lang: str) -> bool:
    """The vendor named in the match's clause, or elsewhere in the sentence with "too" ("и ваш тариф тоже вырос"); not
    a vendor praised in another clause ("nam Orlen znowu podniósł ceny ..., i tu wasz raport bardzo pomaga")."""
    if lang not in _YOURS:
        return False
    left = max((m.end() for m in rx.finditer(r"[,;:，；：]", text[:start])), default=0)
    right = next((m.start() for m in rx.finditer(r"[,;:，；：]", text[end:])), len(text) - end) + end
    return bool(rx.search(_YOURS[lang], text[left:right]) or (rx.search(_YOURS[lang], text) and rx.search(_TOO, text)))


_TOO = r"\b(also|too|as well|тоже|также|też|także|anche|pure)\b|也"


# A price whose possessor is a third person ("they've put their prices up", "i loro prezzi", "их цены", "ich ceny",
# "他们家的价格"): on a call the vendor is "you".
_THEIRS = {
    "en": r"\b(their|its|his|her) (own |new |latest |list )?(prices?|pricing|rates|fees|price list)\b",
    "it": r"\b(i|il|le|la) loro (prezz\w+|tariff\w+|listin\w+)",
    "ru": r"\b(их|его|её|ее) (цен\w*|тариф\w*|прайс\w*|расценк\w*)",
    "pl": r"\b(ich|jego|jej) (cen\w*|stawk\w*|cennik\w*)",
    "zh": r"(他们|他家|他们家|她们|她家|人家)的?(价格|价钱|报价|售价)|(他们|他家|他们家|她家)(又|也|都)?(涨价|提价)",
}
_YOU = {"en": r"\b(you|your|yours|y'all)\b"}  # here "you" counts too: a competitor "cheaper than you"
_EN_WORDS = re.compile(r"[a-z']+")
_LONGEST_PARSED = 1500  # characters: a longer "sentence" is a transcript without punctuation


def _worth_parsing(sentence: str, category: str) -> bool:
    """Whether the English parse could find a party the category reads (most hit sentences need no parse): a price
    noun for a price, a gerund for a budget freeze, "our" for who pays late, a plural for a cancellation."""
    if len(sentence) > _LONGEST_PARSED:
        return False  # an unpunctuated monologue: its parse is slow (seconds) and its roles are noise
    words = set(_EN_WORDS.findall(sentence.lower()))
    if category == "price":
        return bool(words & PRICE_NOUNS["en"])
    if category == "budget":
        return any(w.endswith("ing") for w in words)
    if category == "payment":
        return "our" in words
    return any(w.endswith("s") for w in words)


# The vendor addressed as a possessor or a party (English "you" alone is left out: "you know" is a filler).
_YOURS = {
    "en": r"\b(your|yours|y'all)\b",
    "it": r"\b(voi|vostr\w*)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*)\b",
    "zh": r"(你们|您|贵司|贵公司)",
}


def replacing_theirs(hits: list[Hit], lang: str) -> list[Hit]:
    """A competitor hit in the sentence of a price hit that is someone else's ("the detergent people put their prices
    up, I'm looking at other suppliers") is about replacing that someone else, unless the sentence names the vendor:
    negated, the price hit's reason in its evidence."""
    theirs = {h.text: h.evidence for h in hits if h.category == "price" and h.negated and NOT_OURS in h.evidence}
    if not theirs:
        return hits
    you = _YOU.get(lang, _YOURS.get(lang, r"$^"))
    return [
        _negated(h, theirs[h.text])
        if h.category == "competitor" and not h.negated and h.text in theirs and not rx.search(you, h.text.lower())
        else h
        for h in hits
    ]


def _negated(hit: Hit, evidence: str) -> Hit:
    why = evidence[evidence.index(NOT_OURS) :].split(";")[0]
    return replace(hit, negated=True, evidence=f"{hit.evidence}; {why}: replacing them, not us")


def decide(parties: list[Party], lang: str, category: str) -> str:
    """The verdict on a match's parties: ``""`` when any is ours or none is someone else, else the reason."""
    kinds = [(_kind(p, lang, category), p) for p in parties]
    if any(kind == "ours" for kind, _ in kinds):
        return ""
    other = next((p for kind, p in kinds if kind == "other"), None)
    if other is None:
        return ""
    if other.role in ("subject", "owned"):
        return f"someone else's doing: {other.word!r} (the subject of {other.head!r})"
    return f"about something else: {other.word!r} ({_ROLE_WORDS[other.role]} {other.head!r})"


_ROLE_WORDS = {"object": "what", "of": "the complement of", "activity": "what is stopped by", "owned": "the subject of"}


def _kind(party: Party, lang: str, category: str) -> str:
    """ "ours", "other" or "" (nobody in particular) for one party of a hit of ``category``."""
    lemma, word = party.lemma.lower(), party.word.lower()
    if _is(lemma, OURS, lang) or _is(word, OURS, lang):
        return "ours"
    if _is(lemma, NEUTRAL, lang) or _is(word, NEUTRAL, lang) or not party.word.isalpha():
        return ""
    key = (category, party.role)
    if key in _READS.get(lang, _READS["*"]) or (key in _NAMED and _raises(party.head) and _raiser(party, lang)):
        return "other"
    if party.plural and key in _MANY and not _is(lemma, GOVERNING, lang) and not _is(word, GOVERNING, lang):
        return "other"
    return ""


# The roles that may make a hit someone else's, per category: what a price prices ("the price of feed"), who raises
# it in the third person or whose price rises by itself ("X podnosi ceny", "饲料又涨价了": the readers of the other
# languages give no other subjects of a price), in English a party of the customer's own ("our wholesaler raised
# prices") or a name ("Brembo is raising prices") — an English subject may be the customer's CFO refusing the price —,
# the customer's own customers or tenants who pay late ("our tenants are paying late"), an activity frozen ("we froze
# hiring").
_READS = {
    "*": {("price", "of"), ("price", "subject"), ("budget", "activity"), ("payment", "owned")},
    "en": {("price", "of"), ("price", "owned"), ("budget", "activity"), ("payment", "owned")},
}
_NAMED = {("price", "subject")}
_MANY = {("cancellation", "subject"), ("cancellation", "object")}  # plural: the customer's customers, their orders


def _raiser(party: Party, lang: str) -> bool:
    """Who raises a price: a name, or in English any noun but the customer's deciders ("the supplier put the price
    up"; a CFO or the owners do not raise a price, they refuse one)."""
    if party.proper:
        return True
    return lang == "en" and not _is(party.lemma.lower(), GOVERNING, lang) and party.word.lower() not in _DECIDERS


_DECIDERS = {"cfo", "ceo", "boss", "finance", "procurement", "management", "board", "team", "director", "manager"}


def _raises(verb: str) -> bool:
    """An English verb of raising a price ("raising", "put up", "hiked"): its subject is whose price it is."""
    return verb.lower().startswith(("rais", "increas", "hik", "put", "bump", "jack", "lift", "push", "up"))


def _is(word: str, table: dict[str, re.Pattern[str]], lang: str) -> bool:
    pattern = table.get(lang)
    return bool(pattern and pattern.fullmatch(word))


# ---- English: the dependency parse ------------------------------------------------------------------------


_UP = {"dobj", "xcomp", "prt", "compound", "amod", "acomp", "nsubj", "nsubjpass", "attr", "pobj", "prep"}
_QUANTITY = {
    "lot",
    "lots",
    "all",
    "most",
    "some",
    "half",
    "none",
    "any",
    "bunch",
    "couple",
    "number",
    "majority",
    "few",
}


def _english(sentence: str, start: int, end: int) -> list[Party]:
    doc = parse_english(sentence)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    chain = list(span)
    token = span.root
    for _ in range(3):  # the predicate that governs the match, a few steps up at most
        if token.dep_ not in _UP or token.head is token:
            break
        token = token.head
        chain.append(token)
    parties: list[Party] = []
    for head in dict.fromkeys(chain):
        roles = _english_roles(head)
        parties.extend(roles)
        for noun in (c for c in head.children if c.dep_ in ("nsubj", "dobj", "nsubjpass") and _priced(c)):
            parties.extend(_english_roles(noun))  # "the price of feed went up": what the subject prices
    return parties


def _priced(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in PRICE_NOUNS["en"]


def _english_roles(head: Token) -> list[Party]:
    found: list[Party] = []
    noun = _priced(head)
    for child in head.children:
        if head.pos_ in ("VERB", "AUX"):
            if child.dep_ == "nsubj":
                owned = any(c.lower_ == "our" for c in child.children if c.dep_ == "poss")
                found.append(_en_party(child, "owned" if owned else "subject", head))
            elif child.dep_ in ("dobj", "nsubjpass"):
                found.append(_en_party(_through_quantity(child), "object", head))
            elif child.dep_ == "xcomp" and child.tag_ == "VBG" and not any(c.dep_ == "dobj" for c in child.children):
                found.append(_en_party(child, "activity", head))  # "we froze hiring"
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                found.extend(_en_party(o, "subject", head) for o in child.children if o.dep_ == "pobj")
        if noun and child.dep_ in ("poss", "compound") and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append(_en_party(child, "of", head))
        if noun and child.dep_ == "prep" and child.lower_ in ("of", "for", "on"):
            found.extend(_en_party(_through_quantity(o), "of", head) for o in child.children if o.dep_ == "pobj")
    return found


def _through_quantity(token: Token) -> Token:
    """ "a lot of the plans" -> "plans": the noun a quantity word counts."""
    if token.lemma_.lower() in _QUANTITY:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            return next((o for o in prep.children if o.dep_ == "pobj"), token)
    return token


def _en_party(token: Token, role: str, head: Token) -> Party:
    """A party, read as ours when a word of its own phrase is ("your platform's price", "the software prices")."""
    words = [token, *(c for c in token.children if c.dep_ in ("compound", "poss", "amod"))]
    ours = next((w for w in words if _is(w.lemma_.lower(), OURS, "en") or _is(w.lower_, OURS, "en")), None)
    chosen = ours or token
    proper = chosen.pos_ == "PROPN"
    plural = chosen.tag_ in ("NNS", "NNPS") or (proper and chosen.text.endswith("s") and chosen.ent_type_ == "NORP")
    return Party(chosen.text, chosen.lemma_, role, head.text, proper, plural)
