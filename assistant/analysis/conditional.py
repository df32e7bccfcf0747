"""Conditional threat or speculation? ("if this doesn't change by September we won't renew" vs "if prices ever
went up, we might look around").

    mood("If the bug is still there in October, we won't renew.", "en")   # "threat"
    mood("If prices ever went up a lot we'd look around.", "en")          # "speculation"
    mood("We are cancelling.", "en")                                        # ""

A line is **speculation** when it carries a cue of mere possibility: a modal of possibility (English
might/could/would/may/'d among the words of spaCy's tokenizer; the Italian and Polish conditional mood, read from the
verb's ending; Russian бы), or a word or phrase such as maybe, ever, one day, who knows (per language). A
conditional without any such cue ("if ..., we won't renew", "unless ..., we're not signing", "如果价格降不下来就不续了")
is a **threat**, which counts at full weight. The learned model's hits use this to set ``hypothetical``
(classify.py); the keyword rules keep their own reading (negation.py).
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.analysis.nlp import get_fast_nlp

Mood = Literal["threat", "speculation", ""]

_IF = {
    "en": {"if", "unless", "otherwise", "or"},
    "it": {"se", "qualora", "altrimenti", "meno", "o"},
    "ru": {"если", "иначе", "или", "либо"},
    "pl": {"jeśli", "jeżeli", "gdyby", "inaczej", "albo", "bo", "chyba"},
}
_MAYBE = {
    "en": {"maybe", "perhaps", "possibly", "ever", "someday", "might", "could", "would", "may", "'d", "’d", "should"},
    "it": {"forse", "magari", "chissà", "eventualmente", "mai", "potrebbe", "potremmo", "potrei", "potremo"},
    "ru": {"может", "можем", "могли", "можно", "возможно", "когда-нибудь", "вдруг", "бы", "б", "вероятно", "наверное"},
    "pl": {"może", "możemy", "moglibyśmy", "mógłby", "kiedyś", "ewentualnie", "by", "byśmy", "bym", "pewnie", "chyba"},
}
_PHRASES = {
    "en": ("one day", "who knows", "at some point", "down the line", "always a chance", "you never know"),
    "it": ("un giorno", "prima o poi", "non si sa mai"),
    "ru": ("кто знает", "когда-нибудь", "мало ли"),
    "pl": ("kto wie", "nigdy nie wiadomo"),
}
_CONDITIONAL_ENDING = {
    "it": re.compile(r"\w(rebbe|remmo|rei|rebbero|resti|reste)$"),
    "pl": re.compile(r"\w(łby|łaby|łoby|libyśmy|łybyśmy|łbym|łabym|liby|łyby)$"),
}
_ZH_IF = ("如果", "要是", "假如", "除非", "不然", "否则", "的话", "再有", "再这样")
# Words holding a condition's characters that set none: 主要是 (mainly), 需要是 (needs to be), 重要是 (what matters).
_ZH_IF_LOOK_ALIKES = ("主要是", "需要是", "重要是")


def zh_without_look_alikes(text: str) -> str:
    """Chinese text without the words that hold 要是 (if) but mean something else."""
    for word in _ZH_IF_LOOK_ALIKES:
        text = text.replace(word, "  ")
    return text


_ZH_MAYBE = ("也许", "或许", "说不定", "哪天", "谁知道", "万一", "有可能", "总有", "以后再说")


def mood(text: str, lang: str) -> Mood:
    """``"speculation"``, ``"threat"`` (a conditional said firmly) or ``""`` (neither) for one line."""
    if lang == "zh":
        plain = zh_without_look_alikes(text)
        return _mood(any(c in text for c in _ZH_MAYBE) or _zh_maybe(text), any(c in plain for c in _ZH_IF))
    lang = lang if lang in _IF else "en"
    lowered = text.lower()
    words = [t.lower_ for t in get_fast_nlp(lang)(text)]
    maybe = any(w in _MAYBE[lang] and not _never(words, i, lang) for i, w in enumerate(words))
    maybe = maybe or any(p in lowered for p in _PHRASES[lang])
    ending = _CONDITIONAL_ENDING.get(lang)
    wishes = ("vorr", "chcia")  # "vorrei", "chciałbym": I'd like, not maybe
    maybe = maybe or (ending is not None and any(ending.search(w) and not w.startswith(wishes) for w in words))
    return _mood(maybe, any(w in _IF[lang] for w in words))


def _never(words: list[str], at: int, lang: str) -> bool:
    """Italian "mai" after "non" (or before "più") is "never", not the "ever" of "se mai" ("se non sistemate entro
    marzo, non rinnoviamo mai più" is a threat)."""
    if lang != "it" or words[at] != "mai":
        return False
    return "non" in words[max(0, at - _NEVER_REACH) : at] or words[at + 1 : at + 2] == ["più"]


_NEVER_REACH = 4  # words before "mai" where its "non" may stand ("non l'abbiamo mai", "non lo rinnoveremo mai")


def _zh_maybe(text: str) -> bool:
    return "可能" in text.replace("不可能", "")


def _mood(maybe: bool, conditional: bool) -> Mood:
    return "speculation" if maybe else "threat" if conditional else ""
