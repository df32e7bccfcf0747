"""What is priced, in the languages the project has no dependency parser for (``attribution.py``).

- **Russian** reads pymorphy3's analysis: a noun after a price noun in the genitive, or after "на" ("цены на
  корм", "стоимость кормов"); a plural noun in the nominative before the verb (its subject) or in the accusative
  after it (its object);
- **Italian** and **Polish** read the word order: the word a preposition opens after a price noun, an article
  skipped ("il prezzo del mangime", "ceny na paszę"), numbers said before "per cento" / "procent" left out;
  Polish also a genitive straight after it ("ceny paszy": a genitive ending, not a past verb or an adverb);
  Italian also the noun of a plural article just before the verb (its subject) or just after it (its object);
- **Chinese** reads the segmented words and the parts of speech of jieba's dictionary: a noun before "的" and a
  price noun ("饲料的价格"), or just before a rise ("饲料又涨价了"), adverbs skipped.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from assistant.analysis.attribution_words import PRICE_NOUNS, Party
from assistant.analysis.nlp import chinese_word_tag, get_fast_nlp, russian_morphology

if TYPE_CHECKING:
    from spacy.tokens import Token

_IT_ARTICLES = {
    "il",
    "lo",
    "la",
    "i",
    "gli",
    "le",
    "l'",
    "un",
    "una",
    "uno",
    "un'",
    "nostro",
    "nostra",
    "nostri",
    "nostre",
}
_IT_OF = {
    "di",
    "del",
    "dello",
    "della",
    "dei",
    "degli",
    "delle",
    "dell'",
    "sul",
    "sulla",
    "sui",
    "sugli",
    "sulle",
    "per",
}
_PL_OF = {"na", "za"}
_IT_PLURAL = {"i", "gli", "le", "tutti", "tutte", "molti", "molte", "parecchi", "parecchie"}
_IT_AUX = {"ha", "hanno", "è", "sono", "ci", "ce", "ne", "si", "anche", "già", "appena", "mi", "quasi"}
# A price rise in the third person: "you" and "we" raise with other endings, so its subject is someone named.
_IT_RAISE = frozenset({"alza", "alzano", "aumenta", "aumentano", "rincara", "rincarano", "ritocca", "ritoccano",
                       "aumentato", "alzato", "ritoccato", "rincarato"})  # fmt: skip
# Between who raises and the verb: "X ci ha aumentato", "X ha di nuovo alzato", "X znowu nam podniósł".
_IT_RAISE_SKIP = frozenset({"ha", "hanno", "ci", "ce", "mi", "ne", "di", "nuovo", "già", "anche", "ancora",
                            "appena", "pure", "gli", "le"})  # fmt: skip
_PL_RAISE_SKIP = frozenset({"znowu", "znów", "już", "też", "także", "ostatnio", "nam", "mi", "właśnie", "jeszcze",
                            "ponownie", "od", "razu", "zaś", "sobie", "chyba", "pewnie", "niedawno"})  # fmt: skip
_PL_RAISE = frozenset(
    {
        "podnosi",
        "podnoszą",
        "podniósł",
        "podniosła",
        "podnieśli",
        "podniosły",
        "podwyższa",
        "podwyższają",
        "podwyższył",
        "podwyższyła",
        "podwyższyli",
        "podniosło",
        "podwyższyło",
    }
)
_RU_RAISE = frozenset(
    {
        "поднял",
        "подняла",
        "подняли",
        "поднимает",
        "поднимают",
        "повысил",
        "повысила",
        "повысили",
        "повышает",
        "повышают",
    }
)
_AFTER = 4  # words after the match's verb that its object may stand within
# A Polish noun in the genitive after a price noun ("ceny paszy", "koszty energii"): these endings, not a past
# verb ("ceny poszły", "cena wzrosła") nor an adverb ("ceny znowu ...").
_PL_GENITIVE = ("y", "i", "u", "a", "ów", "ej", "ych", "ich")
_PL_NOT_GENITIVE = ("ły", "li", "ła", "ło", "ł")
_PL_ADVERBS = {
    "znowu",
    "znów",
    "teraz",
    "jeszcze",
    "bardzo",
    "trochę",
    "mocno",
    "ostatnio",
    "tylko",
    "też",
    "już",
    "chyba",
    "tak",
    "za",
    "się",
    "nam",
    "mi",
    "u",
    "w",
    "z",
    "o",
    "do",
    "od",
    "i",
    "a",
    "to",
    "by",
    "są",
    "była",
    "były",
}
_ZH_SKIP = {
    "又",
    "也",
    "都",
    "还",
    "已经",
    "再",
    "就",
    "要",
    "会",
    "一直",
    "今年",
    "明年",
    "去年",
    "开始",
    "全",
    "全部",
    "都要",
    "了",
    "说",
    "准备",
    "打算",
}
_ZH_RISE = ("涨价", "提价", "涨", "上涨", "取消", "解约", "退订", "砍", "冻结")


def shallow_parties(sentence: str, start: int, end: int, lang: str) -> list[Party]:
    """The parties of ``sentence[start:end]`` by the language's word order or morphology (none for others)."""
    reader = {"it": _italian, "pl": _polish, "ru": _russian, "zh": _chinese}.get(lang)
    if reader is None:
        return []
    words = [t for t in get_fast_nlp(lang)(sentence)]
    clause = _clause(words, start, end)
    inside = [t for t in clause if start <= t.idx < end]
    if not inside:
        return []
    if reader is _chinese:  # a rise said in one clause, its "too dear" in the next ("化肥又涨价了，贵了不少")
        return reader(words, words)
    if reader is _russian:
        return reader(clause, inside)
    nouns, preps = PRICE_NOUNS[lang], (_IT_OF if lang == "it" else _PL_OF)
    return reader(clause, inside) + _of_complement(words, nouns, preps, _IT_ARTICLES if lang == "it" else set())


def _party(token: Token, role: str, head: Token, *, plural: bool = False) -> Party:
    proper = token.text[:1].isupper() and token.i > 0 and not token.doc[token.i - 1].is_punct
    return Party(token.text, token.lemma_, role, head.text, proper, plural)


def _clause(words: list[Token], start: int, end: int) -> list[Token]:
    """The words of the match's clause: from the punctuation before it to the punctuation after it."""
    left = max((t.i + 1 for t in words if t.is_punct and t.idx < start), default=0)
    right = min((t.i for t in words if t.is_punct and t.idx >= end), default=len(words))
    return words[left:right]


def _italian(clause: list[Token], inside: list[Token]) -> list[Party]:
    """The many who cancel and the many things cancelled: a plural article's noun just before the verb ("i
    tedeschi hanno disdetto"), or the first one after it ("ha disdetto le prenotazioni")."""
    first = inside[0].i - clause[0].i
    before = [t for t in clause[:first] if t.lower_ not in _IT_AUX]
    parties: list[Party] = []
    if len(before) >= 2 and before[-2].lower_ in _IT_PLURAL and _it_noun(before[-1]):
        parties.append(_party(before[-1], "subject", inside[0], plural=True))
    after = clause[first + 1 : first + 1 + len(inside) + _AFTER]
    for det, noun in itertools.pairwise(after):
        if det.lower_ in _IT_PLURAL and _it_noun(noun):
            parties.append(_party(noun, "object", inside[0], plural=True))
            break
    return parties + [p for p in _raised_by(clause, _IT_RAISE, _IT_RAISE_SKIP) if p.word.lower() not in _IT_RAISE_SKIP]


def _it_noun(token: Token) -> bool:
    """Not a verb ("non le usano": a clitic and a verb, whose lemma is an infinitive)."""
    return token.is_alpha and not token.lemma_.endswith(("are", "ere", "ire", "rre"))


def _raised_by(clause: list[Token], verbs: frozenset[str], skip: frozenset[str] = frozenset()) -> list[Party]:
    """The word before a price rise in the third person ("X podnosi ceny", "X alza i prezzi", "Orlen znowu podniósł
    ceny", "la vetreria ci ha aumentato i prezzi"): who raises; adverbs, clitics and auxiliaries (``skip``) stepped
    over."""
    found = []
    for n, token in enumerate(clause):
        if token.lower_ not in verbs:
            continue
        before = [t for t in clause[:n] if t.lower_ not in skip]
        stepped = {t.lower_ for t in clause[before[-1].i - clause[0].i + 1 : n]} if before else set()
        if token.lower_.endswith("ato") and not stepped & {"ha", "hanno"}:
            continue  # a participle raises only after "ha" / "hanno" ("è aumentato": nobody raised it)
        if before and before[-1].is_alpha:
            found.append(_party(before[-1], "subject", token))
    return found


def _polish(clause: list[Token], inside: list[Token]) -> list[Party]:
    parties: list[Party] = _raised_by(clause, _PL_RAISE, _PL_RAISE_SKIP)
    words = list(clause[0].doc)
    for token, nxt in itertools.pairwise(words):
        if token.lower_ in PRICE_NOUNS["pl"] and _pl_genitive(nxt.lower_):
            parties.append(_party(nxt, "of", token))
    return parties


def _pl_genitive(word: str) -> bool:
    return (
        word.isalpha()
        and word not in _PL_ADVERBS
        and word.endswith(_PL_GENITIVE)
        and not word.endswith(_PL_NOT_GENITIVE)
    )


def _of_complement(clause: list[Token], nouns: set[str], preps: set[str], articles: set[str]) -> list[Party]:
    """What a price noun prices: the word after its preposition (an article skipped)."""
    found: list[Party] = []
    for n, token in enumerate(clause[:-2]):
        if token.lower_ not in nouns and token.lemma_ not in nouns:
            continue
        nxt = clause[n + 1]
        if nxt.lower_.replace("’", "'") in preps:
            rest = [t for t in clause[n + 2 : n + 4] if t.lower_ not in articles]
            if rest and not rest[0].like_num and rest[0].is_alpha and not _percent(clause, rest[0]):
                found.append(_party(rest[0], "of", token))
    return found


def _russian(clause: list[Token], inside: list[Token]) -> list[Party]:
    """What a price noun prices: a noun after "на" or in the genitive ("цены на корм", "стоимость кормов"); the many
    who cancel (a plural noun in the nominative before the verb, "немцы отменили") and the many things cancelled (a
    plural noun in the accusative after it, "отменили все брони")."""
    tags = [russian_morphology().parse(t.lower_)[0].tag for t in clause]
    verb = next((n for n, tag in enumerate(tags) if tag.POS in ("VERB", "INFN")), len(clause))
    parties: list[Party] = _ru_raiser(clause, tags)
    for n, (token, tag) in enumerate(zip(clause, tags, strict=True)):
        if tag.POS == "NOUN" and "plur" in tag and verb < len(clause):
            if "nomn" in tag and n < verb:
                parties.append(_party(token, "subject", clause[verb], plural=True))
            elif "accs" in tag and verb < n <= verb + _AFTER:
                parties.append(_party(token, "object", clause[verb], plural=True))
        if token.lemma_ not in PRICE_NOUNS["ru"] or n + 1 >= len(clause):
            continue
        if clause[n + 1].lower_ == "на" and n + 2 < len(clause) and tags[n + 2].POS == "NOUN":
            parties.append(_party(clause[n + 2], "of", token))
        elif tags[n + 1].POS == "NOUN" and "gent" in tags[n + 1]:
            parties.append(_party(clause[n + 1], "of", token))
    return parties


def _ru_raiser(clause: list[Token], tags: list[Any]) -> list[Party]:
    """Who raises a price: the first noun in the nominative before a raise verb in the third person ("Поставщик муки
    нам снова цены поднял"), the price's own words and other cases stepped over."""
    for n, token in enumerate(clause):
        if token.lower_ not in _RU_RAISE:
            continue
        for m in range(n - 1, -1, -1):
            tag = tags[m]
            if tag.POS == "NOUN" and "nomn" in tag and clause[m].lemma_ not in PRICE_NOUNS["ru"]:
                return [_party(clause[m], "subject", token)]
    return []


def _percent(words: list[Token], token: Token) -> bool:
    """A number said in words before "per cento" / "procent" ("del venti per cento")."""
    after = token.doc[token.i + 1 : token.i + 3].text.lower()
    return after.startswith(("per cento", "percento", "%", "procent", "процент"))


def _chinese(clause: list[Token], inside: list[Token]) -> list[Party]:
    """A noun before "的" and a price noun ("饲料的价格"), or just before a rise ("饲料又涨价了"), adverbs skipped."""
    parties: list[Party] = []
    for n, token in enumerate(clause):
        before = [t for t in clause[:n] if t.text not in _ZH_SKIP]
        if len(before) > 1 and token.text in PRICE_NOUNS["zh"] and before[-1].text == "的" and _zh_noun(before[-2]):
            parties.append(_party(before[-2], "of", token))
        elif before and token in inside and token.text.startswith(_ZH_RISE) and _zh_noun(before[-1]):
            parties.append(_party(before[-1], "subject", token))
    return parties


def _zh_noun(token: Token) -> bool:
    return chinese_word_tag(token.text).startswith("n")
