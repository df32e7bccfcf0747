"""Find executive titles in one sentence: exact phrases by key, head + business function, ASR forms.

Word languages (en, it, ru, pl) compare token keys (see ``lang.key``), longest phrase first.
Chinese compares characters, longest first (``match_zh``). Fuzzy matching (rapidfuzz) only ever looks at windows of
one to four tokens, never at a whole sentence or transcript, and a fuzzy hit always needs context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from rapidfuzz import fuzz, process

from assistant.analysis.executives.cues import BUSINESS_UNITS, CONNECTORS, ORGANISATION_NOUNS
from assistant.analysis.executives.lang import Token, key, tokenize
from assistant.analysis.executives.titles import ExecutiveTitles, TitleSpec
from assistant.analysis.nlp import italian_function_words

_POSSESSIVE_PREFIXES = ("our", "are", "ar", "r", "my")
_FUZZY_WORDS = 88  # written-out phrases ("chief financial offer")
_FUZZY_ACRONYM = 85  # compact letters ("cfoo", "rcfo" after dropping "r")


@dataclass(frozen=True)
class Phrase:
    keys: tuple[str, ...]
    spec: TitleSpec | None  # None for a business function
    domain: str = ""  # business function name
    exact_case: str = ""  # two-letter acronyms: the token must be written exactly so
    weak: bool = False  # an ASR form: needs context
    ambiguous: bool = False  # a phrase with everyday senses ("prezes"): needs context, full confidence


@dataclass(frozen=True)
class TitleMatch:
    title: str
    level: str
    start: int  # token span [start, end) in the sentence (character span for Chinese)
    end: int
    needs_context: bool
    confidence: float
    evidence: str  # what matched, for explanations
    fused_possessive: bool = False  # "RC.fo": ASR glued "our" to the title
    named: str | None = None  # a title that carries the person's name: "王总"


@dataclass
class Lexicon:
    lang: str
    by_first: dict[str, list[Phrase]]
    acronyms: dict[str, TitleSpec]  # lower-case acronym -> title (length >= 3, for fuzzy)
    multiword: dict[int, dict[str, TitleSpec]]  # token count -> phrase text -> title (fuzzy)
    zh: list[tuple[str, Phrase]]  # Chinese phrases, longest first
    prefixes: set[str] = field(default_factory=set)  # first three letters of multi-word phrases (fuzzy gate)


def lexicon(titles: ExecutiveTitles, lang: str) -> Lexicon:
    """The compiled matcher for one language, built once per ExecutiveTitles object."""
    if lang not in titles.cache:
        titles.cache[lang] = _build(titles, lang)
    return titles.cache[lang]


def _build(titles: ExecutiveTitles, lang: str) -> Lexicon:
    lex = Lexicon(lang, {}, {}, {}, [])
    for spec in titles.titles:
        ambiguous = {a.casefold() for a in spec.ambiguous}
        for text in (*spec.abbreviations, *spec.phrases.get(lang, ())):
            _add(lex, text, Phrase((), spec, ambiguous=text.casefold() in ambiguous))
        for text in spec.asr:
            _add(lex, text, Phrase((), spec, weak=True))
        for abbr in spec.abbreviations:
            if len(abbr) >= 3:
                lex.acronyms[abbr.lower()] = spec
    for dom in titles.domains:
        for text in dom.phrases.get(lang, ()):
            _add(lex, text, Phrase((), None, domain=dom.name))
    lex.zh.sort(key=lambda item: -len(item[0]))
    return lex


def _add(lex: Lexicon, text: str, phrase: Phrase) -> None:
    if lex.lang == "zh" and (not text.isascii() or phrase.spec is None):  # "IT负责人": ASCII functions too
        lex.zh.append((text, phrase))
        return
    tokens = [t for t in tokenize(text, lex.lang) if t.is_word]
    if not tokens:
        return
    exact = text if len(text) == 2 and text.isupper() else ""
    if lex.lang == "it" and text.isupper() and text.lower() in italian_function_words():
        exact = text  # "la cio~ con la collana": lower-case "cio" is "ciò" written without its accent, not the CIO
    keys = tuple(t.low if t.text.isupper() and len(t.text) <= 6 else t.key for t in tokens)
    entry = Phrase(keys, phrase.spec, phrase.domain, exact, phrase.weak, phrase.ambiguous)
    lex.by_first.setdefault(keys[0], []).append(entry)
    if phrase.spec is not None and len(tokens) >= 2 and not phrase.weak:
        lex.multiword.setdefault(len(tokens), {})[" ".join(t.low for t in tokens)] = phrase.spec
        lex.prefixes.add(tokens[0].low[:3])


# ---- word languages ---------------------------------------------------------------------------------


def find_titles(tokens: list[Token], lex: Lexicon) -> list[TitleMatch]:
    """Every title in a tokenised sentence, left to right, without overlaps; fuzzy ones only in gaps."""
    exact = _scan(tokens, 0, len(tokens), lambda i: _title_at(tokens, i, lex))
    found: list[TitleMatch] = []
    gap_start = 0
    for match in [*exact, None]:
        gap = tokens[: match.start] if match else tokens
        found += _scan(gap, gap_start, len(gap), partial(_fuzzy_at, gap, lex=lex))
        if match:
            found.append(match)
            gap_start = match.end
    return found


def _scan(tokens: list[Token], start: int, stop: int, at: Callable[[int], TitleMatch | None]) -> list[TitleMatch]:
    found: list[TitleMatch] = []
    i = start
    while i < stop:
        match = at(i)
        if match is None or match.end > stop:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found


def _phrase_at(tokens: list[Token], i: int, lex: Lexicon, want_domain: bool) -> tuple[Phrase, int] | None:
    best: tuple[Phrase, int] | None = None
    for ph in lex.by_first.get(_tok_key(tokens[i]), ()):
        if (ph.spec is None) != want_domain or (ph.exact_case and tokens[i].text != ph.exact_case):
            continue
        end = _phrase_end(tokens, i, ph.keys, lex.lang)
        if end and (best is None or end > best[1] or (end == best[1] and best[0].weak)):
            best = (ph, end)
    return best


def _tok_key(tok: Token) -> str:
    return tok.low if tok.text.isupper() and len(tok.text) <= 6 else tok.key


def _phrase_end(tokens: list[Token], i: int, keys: tuple[str, ...], lang: str) -> int:
    j = i
    for k in keys:
        gap = j
        while j < len(tokens) and not tokens[j].is_word and tokens[j].text in {".", "-"}:
            j += 1
        if j >= len(tokens) or (j > i and _dash_break(tokens[gap:j])):
            return 0
        if _tok_key(tokens[j]) != k:
            if (healed := split_word(tokens, j)) is None or key(healed, lang) != k:
                return 0
            j += 1  # "Chief Financial Office r": the word and its split-off tail
        elif _stem_tail(tokens, j, k, lang):
            j += 1  # "direttore finanziari o, Marco Rossi": the stem matched, the tail split off
        j += 1
    return j


def _dash_break(gap: list[Token]) -> bool:
    """ "Chief -- Executive Vice President": a dash of two hyphens between two words is the speaker breaking off
    (a false start), not a hyphen inside one title ("Vice-President", "C.F.O.")."""
    return sum(t.text == "-" for t in gap) > 1


def _stem_tail(tokens: list[Token], j: int, k: str, lang: str) -> bool:
    healed = split_word(tokens, j)
    ends = j + 2 >= len(tokens) or not tokens[j + 2].is_word
    return healed is not None and ends and key(healed, lang) == k


def split_word(tokens: list[Token], j: int) -> str | None:
    """ "Office r", "Presiden t": a word whose last one or two letters a PDF's text layer split off, joined
    again (None when the next token is no such tail). Only ever tried where a title word did not match."""
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if nxt is None or len(nxt.text) > 2 or not nxt.text.isalpha() or not nxt.text.islower():
        return None
    return tokens[j].text + nxt.text if len(tokens[j].text) >= 3 and tokens[j].is_word else None


def _title_at(tokens: list[Token], i: int, lex: Lexicon) -> TitleMatch | None:
    chief = _chief_x_officer(tokens, i)
    hit = _phrase_at(tokens, i, lex, want_domain=False)
    if chief and (hit is None or chief.end > hit[1]):
        return chief
    if hit is None:
        return _domain_first(tokens, i, lex)
    ph, end = hit
    assert ph.spec is not None  # a title phrase, not a business function
    spec = ph.spec
    matched = " ".join(t.text for t in tokens[i:end])
    if spec.domain != "none":
        composed = _domain_after(tokens, end, lex)
        if composed:
            domain, dom_end = composed
            text = " ".join(t.text for t in tokens[i:dom_end])
            return TitleMatch(f"{spec.title} of {domain}", spec.level, i, dom_end, False, 1.0, text)
        unit = _unit_after(tokens, end, lex.lang) if spec.domain == "required" else None
        if unit:  # "head of U.S. businesses", "szef pionu detalicznego": a business unit's head
            return TitleMatch(spec.title, spec.level, i, unit, False, 1.0, " ".join(t.text for t in tokens[i:unit]))
        named = _named_unit(tokens, end) if spec.domain == "required" and lex.lang == "en" else None
        if named:  # "our Head of Corporate Banking", "our Head of Retail": a unit by its name
            text = " ".join(t.text for t in tokens[i : named[1]])
            return TitleMatch(f"{spec.title} of {named[0]}", spec.level, i, named[1], False, 1.0, text)
        if spec.domain == "required" and not (lex.lang == "en" and _organisations_head(tokens, i, end)):
            return None
    confidence = 0.8 if ph.weak else 1.0
    weak = spec.needs_context or ph.weak or ph.ambiguous
    return TitleMatch(spec.title, spec.level, i, end, weak, confidence, matched)


def _domain_after(tokens: list[Token], j: int, lex: Lexicon) -> tuple[str, int] | None:
    gap = 0
    while j < len(tokens) and gap <= 3:
        dom = _phrase_at(tokens, j, lex, want_domain=True)
        if dom:
            return dom[0].domain, dom[1]
        if tokens[j].low.rstrip(".") not in CONNECTORS.get(lex.lang, set()) and tokens[j].text not in {",", "."}:
            return None
        j, gap = j + 1, gap + 1
    return None


def _unit_after(tokens: list[Token], j: int, lang: str) -> int | None:
    """The end of "of U.S. businesses", "of our consumer division", "dywizji", "направления": a business unit
    within four words after a head title (no punctuation but the dots of abbreviations between); in English also an
    organisation of its own within five ("head of the local meat packing plant": the plant's head)."""
    units = BUSINESS_UNITS.get(lang, set()) | ORGANISATION_NOUNS.get(lang, set())
    for k in range(j, min(j + 6, len(tokens))):
        if tokens[k].low in units:
            return k + 1
        if not tokens[k].is_word and tokens[k].text != ".":
            return None
    return None


def _named_unit(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """ "of Corporate Banking", "of Retail": one to three capitalised words after "of" (English)."""
    if j >= len(tokens) or tokens[j].low != "of":
        return None
    k = j + 1
    while k < len(tokens) and k - j <= 3 and tokens[k].capitalised and tokens[k].is_word:
        k += 1
    words = tokens[j + 1 : k]
    if not words or words[0].low in _NOT_UNITS:  # "Head of State"
        return None
    return " ".join(t.text for t in words), k


_NOT_UNITS = {"state", "government", "household", "family", "school", "department"}


def _organisations_head(tokens: list[Token], i: int, end: int) -> bool:
    """ "Vnesheconombank's head, Sergei Gorkov,": a head title with no unit after it, right after an organisation's
    possessive and before a full name in apposition, is the organisation's head (English)."""
    before = tokens[i - 1] if i >= 1 else None
    if before is None or not before.capitalised or not before.text.endswith(("'s", "’s")) or end + 2 >= len(tokens):
        return False
    return tokens[end].text == "," and all(t.capitalised and t.is_word for t in tokens[end + 1 : end + 3])


def _domain_first(tokens: list[Token], i: int, lex: Lexicon) -> TitleMatch | None:
    """ "finance director", "IT VP", "sales VP": a business function right before a head title."""
    dom = _phrase_at(tokens, i, lex, want_domain=True)
    if dom is None or dom[1] >= len(tokens):
        return None
    head = _phrase_at(tokens, dom[1], lex, want_domain=False)
    if head is None or head[0].spec is None or head[0].spec.domain == "none":
        return None
    spec, end = head[0].spec, head[1]
    text = " ".join(t.text for t in tokens[i:end])
    return TitleMatch(f"{spec.title} of {dom[0].domain}", spec.level, i, end, False, 1.0, text)


def _chief_x_officer(tokens: list[Token], i: int) -> TitleMatch | None:
    """English "Chief <anything> Officer" (up to three words between): a C-level title."""
    if tokens[i].key != "chief":  # "co-chief" too
        return None
    for j in range(i + 2, min(i + 5, len(tokens))):
        end = j + 1 if tokens[j].low in ("officer", "officers") else _officer_split(tokens, j)
        if end:
            middle = tokens[i + 1 : j]
            if all(t.is_word for t in middle):
                words = " ".join(t.text.capitalize() if t.text.islower() else t.text for t in middle)
                text = " ".join(t.text for t in tokens[i:end])
                return TitleMatch(f"Chief {words} Officer", "c_level", i, end, False, 1.0, text)
    return None


def _officer_split(tokens: list[Token], j: int) -> int:
    healed = split_word(tokens, j) if tokens[j].low.startswith("offic") else None
    return j + 2 if healed and healed.lower() in ("officer", "officers") else 0


def _fuzzy_at(tokens: list[Token], i: int, *, lex: Lexicon) -> TitleMatch | None:
    """Cheap gates first: an odd-looking token for acronyms, a known first-word prefix for phrases."""
    tok = tokens[i]
    if not tok.is_word:
        return None
    if tok.odd and (found := _fuzzy_acronym(tokens, i, lex)):
        return found
    return _fuzzy_words(tokens, i, lex) if tok.low[:3] in lex.prefixes else None


def _fuzzy_acronym(tokens: list[Token], i: int, lex: Lexicon) -> TitleMatch | None:
    """ "RC.fo" (our CFO), "C-F-O", "C F O", "cfoo": compact letters of 1-3 tokens near an acronym."""
    for n in (3, 2, 1):
        window = tokens[i : i + n]
        if len(window) < n or not _acronym_like(window):
            continue
        compact = re.sub(r"[^a-z]", "", "".join(t.low for t in window))
        if not 2 <= len(compact) <= 8:
            continue
        found = _best_acronym(compact, lex)
        if found:
            spec, score, fused = found
            text = " ".join(t.text for t in window)
            confidence = round(0.9 * score / 100, 2)  # a garbled acronym is never certain
            return TitleMatch(spec.title, spec.level, i, i + n, True, confidence, text, fused)
    return None


def _acronym_like(window: list[Token]) -> bool:
    """Only spellings that look like a garbled acronym: "RC.fo", "C-F-O", "C F O", never "ciao"."""
    if not all(t.is_word and len(t.text) <= 5 for t in window):
        return False
    joined = "".join(t.text for t in window)
    if len(window) == 1 and joined.isalpha() and joined.isupper():
        return False  # "our CSTO membership": an acronym written whole is another acronym, not a garbled title
    singles = len(window) > 1 and all(len(t.text) == 1 for t in window)
    return singles or bool(re.search(r"\w[.\-]\w", joined)) or sum(c.isupper() for c in joined) >= 2


def _best_acronym(compact: str, lex: Lexicon) -> tuple[TitleSpec, float, bool] | None:
    candidates = [(compact[len(p) :], True) for p in _POSSESSIVE_PREFIXES if compact.startswith(p)]
    candidates.append((compact, False))
    for text, fused in candidates:
        if len(text) < 3:
            continue
        scored = process.extract(text, list(lex.acronyms), scorer=fuzz.ratio, score_cutoff=_FUZZY_ACRONYM, limit=2)
        if scored and (len(scored) == 1 or scored[0][1] > scored[1][1]):
            return lex.acronyms[scored[0][0]], float(scored[0][1]), fused
    return None


def _fuzzy_words(tokens: list[Token], i: int, lex: Lexicon) -> TitleMatch | None:
    """Written-out titles one letter off ("chief financial offer"), on windows of 2-4 tokens."""
    for n in sorted(lex.multiword, reverse=True):
        window = tokens[i : i + n]
        if len(window) < n or not all(t.is_word for t in window):
            continue
        text = " ".join(t.low for t in window)
        best = process.extractOne(text, list(lex.multiword[n]), scorer=fuzz.ratio, score_cutoff=_FUZZY_WORDS)
        if best and not _function_word_swap(window, best[0]):
            spec = lex.multiword[n][best[0]]
            strong = best[1] >= 95 and len(text) >= 15 and not spec.needs_context
            return TitleMatch(spec.title, spec.level, i, i + n, not strong, round(best[1] / 100, 2), text)
    return None


_FUNCTION_WORDS = {"over", "of", "to", "the", "a", "an", "and", "or", "in", "on", "at", "for", "with", "by", "from"}


def _function_word_swap(window: list[Token], phrase: str) -> bool:
    """ "our business over ..." is not "business owner": a window word that differs from the phrase's and is
    a function word, or is far from its word ("longer" for "owner"), makes the match a coincidence of spelling,
    not a misheard title."""
    pairs = [(t.low, p) for t, p in zip(window, phrase.split(), strict=False) if t.low != p]
    if any(w in _FUNCTION_WORDS for w, _ in pairs):
        return True
    return any(fuzz.ratio(w, p) < 75 for w, p in pairs)  # "our business longer term" is no "business owner"
