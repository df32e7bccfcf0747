"""Is a matched phrase negated ("we are not planning to cancel") or hypothetical ("if ... we might switch")?

English uses the dependency parse of the sentence (``get_nlp("en")``): a ``neg`` / "no" / "never" child of
the matched words or of the verbs that govern them (through xcomp, ccomp, csubj ..., never across ``conj``
or ``advcl``, so "we're not happy, so we'll cancel" stays a risk, nor from a complete clause to a later one
that a comma joins to it: "the quote is way more, I can't sign it"). Hypothetical: a modal ("might", "could",
"would" — not "would like"), or an "if"/"unless" clause on the same verbs.

Other languages use cue words inside the clause (no punctuation in between): a negation cue up to four
words before the match or two words after it (not past a word that opens another clause: "che",
"что", "że") ("отменять не будем", "rezygnacja nie wchodzi w grę");
conditional and modal cues anywhere before it in the sentence.

A phrase that holds its own negation ("not renew", "not happy with the price") is never cancelled by it:
``assess(..., phrase_negated=True)``.

A **conditional threat** is not hypothetical: when the only reason to call a hit hypothetical is a conditional
("if", "unless", "se", "если", "jeśli", "如果" ...) and the sentence carries no cue of mere possibility
(``conditional.mood`` says "threat": "if this isn't fixed by September we won't renew"), the hit counts at full
weight and its cue says why (``THREAT``). Speculation ("if prices ever went up we might look around") stays
hypothetical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from assistant.analysis import regexes as rx
from assistant.analysis.conditional import mood, zh_without_look_alikes
from assistant.analysis.nlp import ZH_NOT_NEGATIONS, get_fast_nlp, parse_english
from assistant.analysis.risk import THREAT

_PASS_UP = {
    "xcomp", "ccomp", "csubj", "csubjpass", "nsubj", "nsubjpass", "dobj", "pobj", "prep", "acl", "aux", "auxpass",
    "attr", "acomp", "pcomp", "amod", "compound", "dative", "oprd", "prt", "advmod", "npadvmod",
}  # fmt: skip
_EN_NEG = {"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor"}
_EN_NEG_SUBJECTS = {"nobody", "none", "nothing", "noone"}
_EN_MODALS = {"might", "could", "would", "may", "'d", "’d", "should"}
_EN_WISHES = {"like", "love", "prefer", "want"}
_EN_IF = {"if", "unless", "whether", "suppose", "supposing", "hypothetically"}
_EN_AFTER = ("off the table", "out of the question", "not an option", "not happening", "not going to happen")

_NEG = {
    "it": {"non", "mai", "nessun", "nessuno", "nessuna", "niente", "nulla", "né"},
    "ru": {"не", "нет", "никогда", "ни", "нельзя"},
    "pl": {"nie", "nigdy", "żaden", "żadna", "żadne", "żadnych", "ani"},
}
_AFTER = {
    "it": ("non è un'opzione", "non è in discussione", "fuori discussione", "escluso"),
    "ru": ("не рассматривается", "исключено", "не обсуждается", "не планируется", "не стоит"),
    "pl": ("nie wchodzi w grę", "nie ma mowy", "nie planujemy", "wykluczone"),
    "zh": ("不考虑", "不可能", "不在考虑", "不是问题", "不成问题"),
}
_IF = {
    "it": {"se", "qualora", "caso", "forse", "magari", "eventualmente", "potremmo", "potrebbe", "potrei", "potremo"},
    "ru": {"если", "бы", "б", "может", "можем", "могли", "возможно", "вероятно", "вдруг", "случае"},
    "pl": {"jeśli", "jeżeli", "jak", "gdyby", "gdybyśmy", "razie", "może", "możemy", "moglibyśmy", "mógłby", "by",
           "byśmy", "ewentualnie"},
}  # fmt: skip
# Words that open another clause: a negation after one of them belongs to that clause
# ("tagliare gli strumenti che non sono essenziali").
# "And" / "so" / "until" also open one ("la configurazione è stata un mal di testa e non l'abbiamo finita").
_CLAUSE_OPENERS = {
    "it": {"che", "perché", "ma", "però", "quando", "e", "ed", "quindi", "finché", "tanto"},
    "ru": {"который", "которая", "которое", "которые", "которых", "что", "но", "когда", "и", "а", "поэтому"},
    "pl": {"który", "która", "które", "których", "że", "ale", "kiedy", "i", "a", "więc", "bo", "no"},
}
# "Almost" before a negation makes it no negation: "чуть со стула не упал" (nearly fell off the chair).
_ALMOST = {"ru": {"чуть", "едва"}, "pl": {"omal", "prawie"}, "it": {"quasi"}}
_IT_CONDITIONAL = re.compile(r"(rebbe|remmo|rei|rebbero)$")
_PL_CONDITIONAL = re.compile(r"(łby|łaby|libyśmy|łybyśmy|łbym|łabym)$")
_ZH_NEG = ("不", "没", "别", "未", "绝不", "从不", "并不")
_ZH_NOT_NEG = ZH_NOT_NEGATIONS
_ZH_IF = ("如果", "要是", "假如", "万一", "的话", "可能", "也许", "或许", "考虑", "说不定")

# The hypothetical cues that only set a condition: with a firm consequence they make a threat, not a maybe.
_CONDITIONS = {"if", "unless", "se", "qualora", "caso", "если", "случае", "jeśli", "jeżeli", "jak", "razie",
               "如果", "要是", "假如", "的话"}  # fmt: skip


@dataclass(frozen=True)
class Polarity:
    negated: bool = False
    hypothetical: bool = False
    cue: str = ""  # "negated by 'not'" / "hypothetical: 'might'"


def assess(sentence: str, start: int, end: int, lang: str, *, phrase_negated: bool = False) -> Polarity:
    """Polarity of ``sentence[start:end]`` (a matched phrase) within its sentence."""
    if lang == "en":
        neg, hyp = _english(sentence, start, end)
    elif lang == "zh":
        neg, hyp = _chinese(sentence, start, end)
    else:
        neg, hyp = _cue_words(sentence, start, end, lang)
    neg = neg or _without(sentence[:start], lang)
    if phrase_negated:
        neg = ""
    if hyp.lower() in _CONDITIONS and mood(sentence, lang) == "threat":
        threat = f"{THREAT}: {hyp!r} + a firm consequence, full weight"
        return Polarity(bool(neg), False, "; ".join([*_negated(neg), threat]))
    cues = _negated(neg) + ([f"hypothetical: {hyp!r}"] if hyp else [])
    return Polarity(bool(neg), bool(hyp), "; ".join(cues))


# "Without any" just before the match: what it names did not happen ("Black Friday bez żadnej awarii", "without a
# single outage", "senza alcun problema", "без единого сбоя"). Plain "without" is left alone: "bez wsparcia" (left
# without support) is a complaint.
_WITHOUT = {
    "en": r"\bwithout (any|a single|one single|a single one of|even one)\s*$",
    "it": r"\bsenza (alcun\w*|nessun\w*|neanche (un|una|uno)|nemmeno (un|una|uno))\s*$",
    "ru": r"(^|\s)без (каких-либо|каких-то|никаких|единого|единой|одного|одной)\s*$",
    "pl": r"\bbez (żadn\w+|ani jedne\w*|jedne\w*)\s*$",
    "zh": r"(没有任何|没出任何|没出过任何|无任何)$",
}


def _without(before: str, lang: str) -> str:
    found = rx.search(_WITHOUT[lang], before.lower()) if lang in _WITHOUT else None
    return found.group(0).strip() if found else ""


def _negated(neg: str) -> list[str]:
    return [f"negated by {neg!r}"] if neg else []


# ---- English: the dependency parse -------------------------------------------------------------


_EN_CUES = _EN_NEG | _EN_MODALS | _EN_IF | {"n’t"}


@lru_cache(maxsize=256)
def _lower_words(sentence: str) -> frozenset[str]:
    return frozenset(t.lower_ for t in get_fast_nlp("en")(sentence))


def _english(sentence: str, start: int, end: int) -> tuple[str, str]:
    words = _lower_words(sentence)  # cached: one sentence may hold many matches
    if not words & _EN_CUES:  # nothing the parse could find: skip it (most hit sentences)
        return _after(sentence[end:], _EN_AFTER), ""
    doc = parse_english(sentence)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "", ""
    chain = _governors(span)
    neg = _english_negation(span, chain) or _after(sentence[end:], _EN_AFTER)
    return neg, _english_hypothetical(span, chain)


def _governors(span: Span) -> list[Token]:
    """The matched words and the words that govern them inside the same clause."""
    chain = list(span)
    token = span.root
    while (token.dep_ in _PASS_UP or _alternative(token)) and token.head is not token and not _spliced(token):
        token = token.head
        chain.append(token)
    return chain


def _alternative(token: Token) -> bool:
    """A verb joined by "or" / "nor" to the one before it, with no subject of its own: the negation of the first is
    its negation too ("no plans to reduce or cancel the subscription"); "and" joins a new statement ("we're not
    happy and we'll cancel")."""
    if token.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in token.head.children)


def _spliced(clause: Token) -> bool:
    """``clause`` is a complete clause that a comma joins to a later one ("the quote is way more, I can't
    sign it"): the later clause's negation is not this one's."""
    head = clause.head
    if clause.dep_ not in ("ccomp", "parataxis") or head.i < clause.i:
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in clause.children):
        return False
    end = max(t.i for t in clause.subtree)
    return any(t.text in (",", ";", "—", "-") for t in clause.doc[end + 1 : head.i])


def _english_negation(span: Span, chain: list[Token]) -> str:
    inside = {t.i for t in span}
    subject = span.root.dep_ in ("nsubj", "nsubjpass")
    for gov in chain:
        for child in gov.children:
            if child.i in inside:
                continue
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "npadvmod") and child.lower_ in _EN_NEG):
                return child.text
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in _EN_NEG_SUBJECTS and not subject:
                return child.text  # "nobody is looking at alternatives" (not when the match is itself a subject)
    before = [t for t in span.doc[max(0, span.start - 2) : span.start] if not t.is_punct]
    return next((t.text for t in before if t.lower_ in _EN_NEG), "")


def _english_hypothetical(span: Span, chain: list[Token]) -> str:
    for gov in chain:
        for child in gov.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _EN_MODALS and gov.lemma_ not in _EN_WISHES:
                return child.text
            if child.dep_ == "mark" and child.lower_ in _EN_IF:
                return child.text
            if child.dep_ == "advcl" and any(g.lower_ in _EN_IF for g in child.children if g.dep_ == "mark"):
                return "if"
    return ""


def _after(rest: str, cues: tuple[str, ...]) -> str:
    head = rest.lower()[:40]
    clause = rx.split(r"[.,;:!?。，；！？]| but | ma | но | ale ", head)[0]
    return next((cue for cue in cues if cue in clause), "")


# ---- other languages: cue words within the clause ----------------------------------------------


def _cue_words(sentence: str, start: int, end: int, lang: str) -> tuple[str, str]:
    doc = get_fast_nlp(lang)(sentence)
    before = _clause(doc, start, backwards=True)
    after = _clause(doc, end, backwards=False)
    after = _until_clause_opener(after[:2], lang)
    window = before[-4:] + after
    neg = next((t.text for t in window if t.lower_ in _NEG[lang] and not _almost(t, lang)), "")
    neg = neg or _after(sentence[end:], _AFTER[lang]) or _intent_denied(sentence[end:], lang)
    hyp = next((t.text for t in _sentence_before(doc, start) if _is_hypothetical(t.lower_, lang)), "")
    return neg, hyp


# The match first, the denied intention at the end of its clause ("расторгать договор с вами мы не собираемся",
# "rezygnować z umowy na razie nie zamierzamy", "disdire il contratto non è nei nostri piani"; a search denied:
# "других поставщиков вместо вас мы не ищем", "innego dostawcy na wasze miejsce nie szukamy"): Russian, Polish and
# Italian put the infinitive first; no clause opener between ("отказаться от того, что не будем ...").
_INTENT_DENIED = {
    "it": r"^[^,.;:!?]{0,40}?\bnon (abbiamo (nessuna )?intenzione|intendiamo|vogliamo|pensiamo|è nei (nostri )?piani"
    r"|ci pensiamo)\b",
    "ru": r"^[^,.;:!?]{0,40}?\bне (собира\w*|планиру\w*|намерен\w*|будем|буду|хоти\w*|хочу|думаем|станем|ищем|ищу"
    r"|рассматрива\w*)\b",
    "pl": r"^[^,.;:!?]{0,40}?\bnie (zamierza\w*|planuj\w*|chce\w*|chcemy|będziemy|myślimy|szukamy|szukam|rozważamy"
    r"|rozważam)\b",
}


def _intent_denied(rest: str, lang: str) -> str:
    found = rx.search(_INTENT_DENIED[lang], rest.lower()) if lang in _INTENT_DENIED else None
    if found is None or set(rx.findall(r"\w+", found.group(0))) & _CLAUSE_OPENERS.get(lang, set()):
        return ""
    return found.group(0).split()[-2] + " " + found.group(0).split()[-1]


def _almost(negation: Token, lang: str) -> bool:
    return any(t.lower_ in _ALMOST.get(lang, set()) for t in negation.doc[max(0, negation.i - 3) : negation.i])


def _clause(doc: Doc, at: int, *, backwards: bool) -> list[Token]:
    """Words from ``at`` to the nearest punctuation (before it when ``backwards``), nearest-last."""
    tokens = [t for t in doc if (t.idx + len(t.text) <= at if backwards else t.idx >= at)]
    if backwards:
        tokens.reverse()
    words: list[Token] = []
    for token in tokens:
        if token.is_punct:
            break
        words.append(token)
    return list(reversed(words)) if backwards else words


def _until_clause_opener(words: list[Token], lang: str) -> list[Token]:
    openers = _CLAUSE_OPENERS.get(lang, set())
    for n, token in enumerate(words):
        if token.lower_ in openers:
            return words[:n]
    return words


def _sentence_before(doc: Doc, at: int) -> list[Token]:
    return [t for t in doc if t.idx < at]


def _is_hypothetical(word: str, lang: str) -> bool:
    if word in _IF[lang]:
        return True
    if lang == "it":
        return bool(_IT_CONDITIONAL.search(word)) and not word.startswith("vorr")
    if lang == "pl":
        return bool(_PL_CONDITIONAL.search(word)) and not word.startswith("chcia")
    return False


def _chinese(sentence: str, start: int, end: int) -> tuple[str, str]:
    clause = rx.split(r"[，。；！？,.;!?]", sentence[:start])[-1][-6:]
    for compound in _ZH_NOT_NEG:
        clause = clause.replace(compound, "  ")
    neg = next((cue for cue in _ZH_NEG if cue in clause[-4:]), "") or _after(sentence[end : end + 10], _AFTER["zh"])
    neg = neg or _not_even_one(sentence, start, end)
    hyp = next((cue for cue in _ZH_IF if cue in zh_without_look_alikes(sentence[:start])), "")
    return neg, hyp


# "Not even one": 一 and a measure word before or in the match, 都/也 + 没(有) right after it
# ("一次同步失败都没有", "连一个bug也没出过").
_ZH_ONE = re.compile(r"一[次个回条起点丝]")
_ZH_NONE_AFTER = re.compile(r"^[^，。！？,.!?]{0,3}(都|也)(没有|没出过|没|不)")


def _not_even_one(sentence: str, start: int, end: int) -> str:
    before = _ZH_ONE.search(sentence, max(0, start - 6), end)  # just before the match, or inside it
    after = _ZH_NONE_AFTER.search(sentence[end:])
    return f"{before.group(0)[:2]}…{after.group(0)[-3:].lstrip()}" if before and after else ""
