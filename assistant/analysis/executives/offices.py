"""A title said as a public office, not a company's seat: "President Xi, your turn" (the form of address of a head of
state or another public office: the title right before a surname), "Chairwoman Krueger", "CHAIRWOMAN KRUEGER:" (a
committee's or a meeting's chair, addressed by seat: no company's C-level executive), and a call where "President" is
a state's seat ("President of Russia Vladimir Putin", "the Russian President"), where a nameless "President" with no
organisation is that state's ("your personal position as President", "one last question for my President"). Elsewhere
"President Hotzler" is an institution's president, named (``address_form``). English only: the other languages'
courtesy forms ("signor Presidente", "господин Президент") are read in ``context``."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names import names_forward
from assistant.analysis.nlp import get_nlp
from assistant.records import Executive, Transcript

# single-word titles that are also public offices' forms of address: "President Obama", "Chairman Powell"; a chair
# addressed by seat ("Chairwoman Krueger", "Chairperson Stavisky") chairs a committee or a meeting, whatever the call
ADDRESS_TITLES = {"president", "chairman", "chairwoman", "chairperson"}
# a sentence about a state: "President <Surname>" there is a head of state's form of address on any call
_GOVERNMENT = {"federal", "government", "administration", "congress", "presidential", "nation", "national", "republic"}
_GOVERNMENT |= {"country", "countries", "minister", "embassy", "election"}
# words before such a title that make it a company's seat, not a form of address: "our President John", "the
# Gazprom President", "Vice President Smith" is another title (VP) and never reaches here
_OWNED = {"our", "my", "your", "their", "his", "her", "its", "the", "a", "an", "new", "former", "and", "&"}
# a legislature or its committee named before the chair: "Assembly Chairperson Glick", "Senate Chairman Smith" is still
# a form of address (of a public office), not "the Gazprom Chairman" (a company's seat)
_CHAMBERS = {"senate", "assembly", "house", "committee", "subcommittee", "council", "legislative", "congressional"}
_STATE_OF = re.compile(r"\bPresident of (?:the )?((?:[A-Z][\w'’-]*\s?){1,5})")
_STATE_ADJECTIVE = re.compile(r"\b((?:U\.S\.|US|[A-Z][a-z]+)) President\b")
_STATES = {"GPE", "NORP"}
# in ``state_offices``: the call says "president of <an organisation>" (a college's, an agency's), no state's
INSTITUTIONS = "president of an institution"
_HEAD_OF = re.compile(r"\b(?i:president) (?:of|at) (?:the )?(?:[A-Z][\w'’-]*\s?){1,5}")


def address_form(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "President Xi", "Chairwoman Krueger", "President Hotzler": a single-word title of ``ADDRESS_TITLES`` right
    before a capitalised surname, with no possessive, article or organisation before it (a company's president is "our
    president, Jane Smith" or "Jane Smith, President"); a legislature's name before it is no organisation ("Assembly
    Chairperson Glick"). English."""
    if lang != "en" or m.end - m.start != 1 or tokens[m.start].low not in ADDRESS_TITLES or m.end >= len(tokens):
        return False
    nxt = tokens[m.end]
    if not (nxt.is_word and nxt.capitalised) or nxt.low in C.NOT_NAMES[lang] | C.COORDINATORS:
        return False
    before = tokens[m.start - 1] if m.start >= 1 else None
    if before is not None and before.low in _CHAMBERS:  # "Assembly Chairperson Glick"
        return True
    return before is None or (before.low not in _OWNED and not (before.capitalised and before.is_word))


# "Sir Wyn, the Chairman of this Inquiry", "the Chair of the Committee", "the Director of Public Prosecutions": the seat
# of a public body's proceedings or a public office, no company's
_PROCEEDINGS = {"inquiry", "committee", "subcommittee", "commission", "tribunal", "panel", "hearing", "court"}


def proceedings_seat(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "the Chairman of this Inquiry", "the Chair of the Committee" (the body itself, not "the Audit Committee"), "the
    Director of Public Prosecutions": a public body's or a public office's seat, no one's executive seat (English)."""
    if lang != "en" or m.end + 1 >= len(tokens) or tokens[m.end].low != "of":
        return False
    k = m.end + 1 + (tokens[m.end + 1].low in ("this", "the", "that"))
    if k >= len(tokens):
        return False
    body = tokens[k].low
    return (body in _PROCEEDINGS and k > m.end + 1) or (body == "public" and tokens[k].capitalised)


def seat_before_name(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "led by Regional Director Matt Marko": a title written as a seat (capitalised, after a capitalised modifier of
    ``TITLE_MODIFIERS``) right before a full name names that person's seat, though the title alone needs context."""
    if lang != "en" or m.start < 1 or not tokens[m.start].capitalised:
        return False
    before = tokens[m.start - 1]
    return before.capitalised and before.low in C.TITLE_MODIFIERS[lang] and len(names_forward(tokens, m.end, lang)) >= 2


def office_address(tokens: list[L.Token], m: TitleMatch, lang: str, offices: frozenset[str]) -> bool:
    """ "Thank you, President Xi", "meeting with President Obama", "Chairwoman Krueger": the address form of a head of
    state or a public office, no one's executive seat. A chair so addressed always is (a committee's, a meeting's);
    "President" so only where the call names no institution's president (``state_offices``): on a call that says
    "president of Hostos Community College", "when I last spoke to President Hotzler" names a college's president,
    unless the sentence is about a state (a word of ``_GOVERNMENT``, or a place or a nationality spaCy reads: "we
    called upon President Trump to provide federal disaster relief")."""
    if not address_form(tokens, m, lang):
        return False
    if tokens[m.start].low != "president" or INSTITUTIONS not in offices or "President" in offices:
        return True
    return bool(_GOVERNMENT & {t.low for t in tokens}) or said_of_state(" ".join(t.text for t in tokens))


def state_offices(transcript: Transcript) -> frozenset[str]:
    """The titles this call says as a state's office: "President" when a label or a line says "President of <a
    country>" or "<a nationality> President" (spaCy reads a place or a nationality there); and ``INSTITUTIONS`` when
    it says "president of|at <an organisation>" that is no state ("president of HESC"). English only."""
    found: set[str] = set()
    for text in _english_texts(transcript):
        if "President" in text and (_said_of_state(_STATE_OF, text) or _said_of_state(_STATE_ADJECTIVE, text)):
            return frozenset({"President"})
        if INSTITUTIONS not in found and any(not said_of_state(m[0]) for m in _HEAD_OF.finditer(text)):
            found.add(INSTITUTIONS)
    return frozenset(found)


def _english_texts(transcript: Transcript) -> list[str]:
    said = [u.text for u in transcript.utterances if (u.language or transcript.language) == "en"]
    return sorted({u.speaker for u in transcript.utterances}) + said


def _said_of_state(pattern: re.Pattern[str], text: str) -> bool:
    return any(said_of_state(m.group(0)) for m in pattern.finditer(text))


@lru_cache(maxsize=1024)
def said_of_state(phrase: str) -> bool:
    """spaCy reads a word of "President of Russia", "the Russian President" as a place or a nationality."""
    doc: Any = get_nlp("en")(f"the {phrase.strip()}")
    return any(e.label_ in _STATES for e in doc.ents)


def state_seat(ex: Executive, offices: frozenset[str]) -> bool:
    """A nameless report of a title this call says as a state's office, with no organisation named: that state's."""
    return ex.title in offices and ex.name is None and "company named" not in ex.evidence
