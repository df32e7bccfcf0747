"""The normalised form of utterance text that search indexes beside the text itself.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token and knows no inflection. So each
utterance also gets a ``norm`` text: every word as its matching form (lemma / stem: "disdetta" → "disdire",
"отменим" → "отменить") and every CJK character as its own token. A query term then matches the text word
for word, or the norm form: a Chinese string becomes a phrase of characters (a substring match), an
inflected word becomes the lemma of every language it may be.

Storage knows no language model: the word → matching form function (a ``Lemmatizer``, in practice
``assistant.analysis.nlp.lemma_of``) is handed in by the layer above as a ``Normalizer``, so an index
refresh never loads spaCy on its own and the same function serves indexing, queries and highlighting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.storage.search.query import Node, Term, quote, terms

Lemmatizer = Callable[[str, str], str | None]
"""``(word, language) → matching form`` (None or "" where there is none)."""

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKENS = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+")
_WORDS = re.compile(rf"(?:(?![{_CJK}])[^\W_])+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HAS_CJK = re.compile(rf"[{_CJK}]")
LEMMA_LANGUAGES = ("en", "it", "ru", "pl")
LATIN_LANGUAGES = ("en", "it", "pl")


def tokens(text: str) -> list[str]:
    """Words (letters and digits) and single CJK characters, in order."""
    return _TOKENS.findall(text)


def is_cjk(token: str) -> bool:
    return bool(_HAS_CJK.match(token))


def languages_for(word: str, only: str | None = None) -> tuple[str, ...]:
    """The languages whose lemma of ``word`` a query should try: by script, or the language filter."""
    if only:
        return (only.split("-")[0].lower(),)
    return ("ru",) if _CYRILLIC.search(word) else LATIN_LANGUAGES


@lru_cache(maxsize=8)
def _cached(lemma_of: Lemmatizer) -> Lemmatizer:
    """One word cache per lemmatiser, shared by every Normalizer built on it."""
    return lru_cache(maxsize=300_000)(lemma_of)


@dataclass(frozen=True)
class _Wanted:
    words: frozenset[str]  # lower-case forms and lemmas
    folded: frozenset[str]  # the same without diacritics
    prefixes: tuple[str, ...]  # folded last words of prefix terms ("disc*")
    cjk: tuple[str, ...]  # CJK strings, longest first


class Normalizer:
    """Text → ``norm`` column, query term → FTS5 fragment, and highlighting, all with one lemmatiser."""

    def __init__(self, lemma_of: Lemmatizer) -> None:
        self._lemma_of = _cached(lemma_of)
        self._wanted_cache: dict[tuple[Node, str | None], _Wanted] = {}

    def lemma(self, word: str, lang: str) -> str:
        """The matching form of one word in ``lang``; the lower-cased word where there is none."""
        low = word.lower()
        if lang not in LEMMA_LANGUAGES or is_cjk(word) or low.isdigit():
            return low
        return self._lemma_of(word, lang) or low

    def norm_text(self, text: str, lang: str | None) -> str:
        """What the ``norm`` column holds for an utterance in ``lang``."""
        code = (lang or "").split("-")[0].lower()
        return " ".join(self.lemma(t, code) for t in tokens(text))

    def norm_forms(self, term: Term, language: str | None = None) -> list[str]:
        """The forms (space-separated lemmas or CJK characters) a term takes in the ``norm`` column."""
        words = tokens(term.text)
        if term.prefix or any(is_cjk(w) for w in words):
            phrases = [" ".join(w.lower() for w in words)]
        else:
            phrases = list(
                dict.fromkeys(
                    " ".join(self.lemma(w, lang) for w in words) for lang in languages_for(term.text, language)
                )
            )
        return [p for p in phrases if p]

    def term_expression(self, term: Term, language: str | None = None) -> str:
        """One term as an FTS5 fragment: the exact words in ``text`` or their matching forms in ``norm``.

        When the term as typed is already one of its matching forms ("price", "ask not what your country"),
        ``text : "w" OR norm : "w"`` is written ``"w"`` (any column): the same rows, but FTS5 then reads each
        doclist once and needs no positions to tell the columns apart (2× faster for a common phrase).
        """
        star = "*" if term.prefix else ""
        forms = self.norm_forms(term, language)
        plain = " ".join(tokens(term.text)).lower()
        if term.text.lower() == plain and plain in forms:
            parts = [f"{quote(plain)}{star}"] + [f"norm : {quote(p)}{star}" for p in forms if p != plain]
        else:
            parts = [f"text : {quote(term.text)}{star}"] + [f"norm : {quote(p)}{star}" for p in forms]
        return "(" + " OR ".join(parts) + ")"

    def highlight(self, text: str, node: Node, language: str | None, mark: tuple[str, str]) -> str:
        """The text with words whose form or lemma the query asked for (and CJK substrings) marked."""
        return _marked(text, self._hits(text, node, language), mark)

    def snippet(self, text: str, node: Node, language: str | None, mark: tuple[str, str], width: int = 24) -> str:
        """``highlight`` of at most ``width`` tokens around the first hit, with '…' where text was cut."""
        tokens_at = [m.span() for m in _TOKENS.finditer(text)]
        if len(tokens_at) <= width:
            return self.highlight(text, node, language, mark)
        hits = self._hits(text, node, language)
        first = next((i for i, (_, end) in enumerate(tokens_at) if hits and end > hits[0][0]), 0)
        start = max(0, min(first - width // 4, len(tokens_at) - width))
        cut_from, cut_to = tokens_at[start][0], tokens_at[start + width - 1][1]
        inside = [
            (max(a, cut_from) - cut_from, min(b, cut_to) - cut_from) for a, b in hits if a < cut_to and b > cut_from
        ]
        body = _marked(text[cut_from:cut_to], inside, mark)
        return ("…" if start > 0 else "") + body + ("…" if cut_to < len(text.rstrip()) else "")

    def _wanted(self, node: Node, language: str | None) -> _Wanted:
        """What the query's terms ask for, for highlighting (kept for the last few queries)."""
        key = (node, language)
        if key not in self._wanted_cache:
            if len(self._wanted_cache) >= 256:
                self._wanted_cache.clear()
            self._wanted_cache[key] = self._wanted_now(node, language)
        return self._wanted_cache[key]

    def _wanted_now(self, node: Node, language: str | None) -> _Wanted:
        words: set[str] = set()
        cjk: list[str] = []
        prefixes: list[str] = []
        for term in terms(node):
            toks = tokens(term.text)
            if any(is_cjk(t) for t in toks):
                cjk.append("".join(toks))
                continue
            for t in toks:
                words.add(t.lower())
                words.update(self.lemma(t, lang) for lang in languages_for(t, language))
            if term.prefix and toks:
                prefixes.append(_fold(toks[-1]))
        folded = frozenset(_fold(w) for w in words)
        return _Wanted(frozenset(words), folded, tuple(prefixes), tuple(sorted(set(cjk), key=len, reverse=True)))

    def _hits(self, text: str, node: Node, language: str | None) -> list[tuple[int, int]]:
        """Character spans of the words (by form or lemma) and CJK substrings the query asked for."""
        wanted = self._wanted(node, language)
        lang = (language or "").split("-")[0].lower()
        spans = [m.span() for m in _WORDS.finditer(text) if self._is_hit(m.group(0), wanted, lang)]
        for s in wanted.cjk:
            spans += [(m.start(), m.start() + len(s)) for m in re.finditer(re.escape(s), text)]
        return _merged(spans)

    def _is_hit(self, word: str, wanted: _Wanted, lang: str) -> bool:
        if word.lower() in wanted.words:
            return True
        folded = _fold(word)
        if folded in wanted.folded or (wanted.prefixes and folded.startswith(wanted.prefixes)):
            return True
        return self.lemma(word, lang) in wanted.words


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    """Lower case without diacritics, as FTS5's ``remove_diacritics`` sees a word."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _marked(text: str, spans: list[tuple[int, int]], mark: tuple[str, str]) -> str:
    parts, pos = [], 0
    for start, end in spans:
        parts += [text[pos:start], mark[0], text[start:end], mark[1]]
        pos = end
    return "".join(parts) + text[pos:]
