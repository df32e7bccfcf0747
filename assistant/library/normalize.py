"""The normalised form of utterance text that search indexes beside the text itself.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token and knows no inflection. So each
utterance also gets a ``norm`` text: every word as its matching form (lemma / stem, from
``assistant.analysis.nlp``: "disdetta" → "disdire", "отменим" → "отменить") and every CJK character as its
own token. A query term then matches the text word for word, or the norm form: a Chinese string becomes a
phrase of characters (a substring match), an inflected word becomes the lemma of every language it may be.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.library.query import Node, Term, quote, terms

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKENS = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HAS_CJK = re.compile(rf"[{_CJK}]")
LEMMA_LANGUAGES = ("en", "it", "ru", "pl")
LATIN_LANGUAGES = ("en", "it", "pl")


def tokens(text: str) -> list[str]:
    """Words (letters and digits) and single CJK characters, in order."""
    return _TOKENS.findall(text)


def is_cjk(token: str) -> bool:
    return bool(_HAS_CJK.match(token))


@lru_cache(maxsize=300_000)
def lemma(word: str, lang: str) -> str:
    """The matching form of one word in ``lang``; the lower-cased word where there is none."""
    low = word.lower()
    if lang not in LEMMA_LANGUAGES or is_cjk(word) or low.isdigit():
        return low
    from assistant.analysis.nlp import lemma_of

    return lemma_of(word, lang) or low


def norm_text(text: str, lang: str | None) -> str:
    """What the ``norm`` column holds for an utterance in ``lang``."""
    code = (lang or "").split("-")[0].lower()
    return " ".join(lemma(t, code) for t in tokens(text))


def languages_for(word: str, only: str | None = None) -> tuple[str, ...]:
    """The languages whose lemma of ``word`` a query should try: by script, or the language filter."""
    if only:
        return (only.split("-")[0].lower(),)
    return ("ru",) if _CYRILLIC.search(word) else LATIN_LANGUAGES


def _norm_phrases(term: Term, language: str | None) -> list[str]:
    words = tokens(term.text)
    if term.prefix or any(is_cjk(w) for w in words):
        return [" ".join(w.lower() for w in words)]
    phrases: list[str] = []
    for lang in languages_for(term.text, language):
        phrase = " ".join(lemma(w, lang) for w in words)
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases


def term_expression(term: Term, language: str | None = None) -> str:
    """One term as an FTS5 fragment: the exact words in ``text`` or their matching forms in ``norm``."""
    star = "*" if term.prefix else ""
    parts = [f"text : {quote(term.text)}{star}"]
    parts += [f"norm : {quote(p)}{star}" for p in _norm_phrases(term, language) if p]
    return "(" + " OR ".join(parts) + ")"


def _wanted(node: Node, language: str | None) -> tuple[set[str], list[str]]:
    """Lower-case words / lemmas and CJK strings of the query's terms, for highlighting."""
    words: set[str] = set()
    cjk: list[str] = []
    for term in terms(node):
        toks = tokens(term.text)
        if any(is_cjk(t) for t in toks):
            cjk.append("".join(toks))
            continue
        for t in toks:
            words.add(t.lower())
            words.update(lemma(t, lang) for lang in languages_for(t, language))
    return words, cjk


def highlight(text: str, node: Node, language: str | None, mark: tuple[str, str]) -> str:
    """The text with words whose form or lemma the query asked for (and CJK substrings) marked."""
    words, cjk = _wanted(node, language)
    lang = (language or "").split("-")[0].lower()

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        hit = w.lower() in words or lemma(w, lang) in words
        return f"{mark[0]}{w}{mark[1]}" if hit else w

    out = re.sub(r"(?:(?![" + _CJK + r"])[^\W_])+", word, text)
    for s in sorted(set(cjk), key=len, reverse=True):
        out = out.replace(s, f"{mark[0]}{s}{mark[1]}")
    return out
