# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Other people's things, read from the whole sentence (issue 10 §5; ``parties.py`` reads the matched clause):

- **the company's own customers** named before the match ("one of our clients switched to another provider");
- **a third party's contract named by a possessive** ("the residents association terminated their contract",
  "у них ... расторгли договор", "他们跟...卡车公司解约了");
- **a past evaluation that ended with the vendor** ("we looked at other vendors two years ago and picked you",
  "пару лет назад смотрели ... но сейчас ничего не выбираем");
- **a relative's or a friend's business**, named as its owner ("Клуб моего шурина взял другую систему");
- **a provider the customer has left for the vendor** ("my cancellation fee with my old company");
- **the customer's own supplier as the subject** ("我们的供应商四月起换了一家更便宜的快递").

``third_party_checks`` gives them as (applies, find, why) for ``senses.elsewhere``; the hit is kept, negated, with the
reason in its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.analysis.vendor_words import NAMED, addresses_vendor, first, mentions_ours, names_vendor

Check = tuple[bool, Callable[[], str], str]  # applies, the finder (the words found, or ""), why

_OUR_CUSTOMERS = {
    "en": r"\b(one of our|our (biggest |largest |big )?)(customers?|clients?)\b",
    "it": r"\b(nostri clienti|nostro cliente)\b",
    "ru": r"\b(наш\w* (\w+ )?клиент\w*|из наших клиентов)",
    "pl": r"\b(nasz\w* (\w+ )?klient\w*|z naszych klientów)",
    "zh": r"(我们的?(一个|有个|几个)?(大)?客户|我们有个客户)",
}
# A relative's or a friend's business, named as its owner (never "my father said": in a family business he decides)
# ("Клуб моего шурина взял другую систему", "我姐夫的健身房换了别的系统").
_KIN = {
    "en": r"\bmy (brother|sister|wife|husband|son|daughter|father|mother|dad|mum|mom|friend|cousin|uncle|aunt|neighbou?r|brother-in-law|sister-in-law)'s\b",
    "it": r"\b(di mio|di mia|del mio|della mia) (fratello|sorella|moglie|marito|figli[oa]|padre|madre|amic[oa]|cugin[oa]|cognat[oa]|vicin[oa]|zi[oa])\b",
    "ru": r"\b(моего|моей) (брат\w*|сестр\w*|жен\w*|муж\w*|сын\w*|дочер\w*|дочь|отц\w*|матер\w*|друг\w*|подруг\w*|шурин\w*|свояк\w*|кум\w*|сосед\w*|зят\w*|тёщ\w*|тещ\w*|дяд\w*|тёт\w*)",
    "pl": r"\b(mojego|mojej) (brat\w*|siostr\w*|żon\w*|mąż|męża|syn\w*|córk\w*|ojc\w*|matk\w*|przyjaciel\w*|koleg\w*|szwagr\w*|szwagier|sąsiad\w*|kuzyn\w*|wujk\w*|ciotk\w*)",
    "zh": r"我的?(姐夫|妹夫|哥哥|弟弟|姐姐|妹妹|老婆|老公|爱人|儿子|女儿|爸爸|妈妈|朋友|表哥|表姐|邻居|小舅子|大舅子)的",
}
# A provider the customer has left for the vendor ("my cancellation fee with my old company").
_PREVIOUS = {
    "en": r"\b(my|our) (old|previous|former|last) (company|provider|carrier|supplier|vendor)\b",
    "it": r"\b(vecchio|precedente) (fornitore|gestore|operatore)\b",
    "ru": r"\b(старого|прежнего|предыдущего|старым|прежним) (провайдер|оператор|поставщик)\w*",
    "pl": r"\b(starego|poprzedniego|starym|poprzednim) (dostawc|operator)\w*",
    "zh": r"(原来|之前|以前)的(供应商|运营商|服务商)",
}
# The customer's own supplier as the subject ("我们的供应商四月起换了一家更便宜的快递").
_OUR_SUPPLIER = {
    "en": r"^\W*(\w+\W+){0,2}our (\w+ )?(supplier|courier|landlord|distributor|wholesaler)s?\b",
    "it": r"^\W*(\w+\W+){0,2}il nostro (fornitore|corriere|distributore|grossista)\b",
    "ru": r"^\W*(\w+\W+){0,2}наш\w* (\w+ )?(поставщик|курьер|дистрибьютор|арендодател)\w*",
    "pl": r"^\W*(\w+\W+){0,2}nasz\w* (\w+ )?(dostawc|kurier|dystrybutor|wynajmując)\w*",
    "zh": r"^[^，。]{0,4}我们的?(供应商|供货商|房东|快递|经销商)",
}
_THEIRS = {
    "en": r"\b(their|its|his|her) (\w+ ){0,2}(contract|agreement|deal|lease)s?\b",
    "it": r"\bil loro contratto\b|\bgli (hanno )?(disdetto|rescisso)\b",
    "ru": r"\b(их|его|её|ее) (\w+ )?(договор|контракт)\w*|\bу (них|него|неё|нее)\b[^.!?]{0,80}(расторгл|разорвал)\w*",
    "pl": r"\b(ich|jego|jej) (\w+ )?(umow|kontrakt)\w*",
    "zh": r"(他们|她们|它们)的(合同|协议)|(他们|她们)(跟|和|与)[^。！？]{0,16}(解约|终止|解除)",
}
_PAST_CHOICE = {
    "en": r"\b(years?|a while) (ago|back)\b.*\b((picked|chose|went with|signed with|stayed with) you|not (evaluating|looking at|comparing))\b",
    "it": r"\b(anni fa|tempo fa)\b.*\b(scelto voi|(ora|adesso) non)\b",
    "ru": r"\b(лет|года|год)( \w+)? назад\b.*\b(выбрали вас|сейчас (ничего )?не)\b",
    "pl": r"\b(lat[a]? temu|kiedyś)\b.*\b(wybraliśmy (was|wasz)|teraz (niczego |nic )?nie)\b",
    "zh": r"(年前|以前|当初)[^。！？]*(选了你们|选择了你们|现在(没|不))",
}
_KIN_WHY = "a relative's or a friend's business"


def third_party_checks(text: str, start: int, lang: str, category: str) -> list[Check]:
    """Other people's things: the company's customers, a third party's contract, a relative's business ..."""
    ours = mentions_ours(text, lang)
    named = names_vendor(text, lang)
    return [
        (
            category in ("competitor", "cancellation", "champion"),
            lambda: _our_customers(text, start, lang),
            "the company's own customers",
        ),
        (category == "cancellation" and not ours, lambda: first(_THEIRS, text, lang), "a third party's contract"),
        (category == "competitor", lambda: first(_PAST_CHOICE, text, lang), "a past evaluation that ended with you"),
        (category != "champion" and not addresses_vendor(text, lang), lambda: first(_KIN, text, lang), _KIN_WHY),
        (category == "cancellation" and not named, lambda: first(_PREVIOUS, text, lang), "a provider left for you"),
        (category in ("competitor", "price"), lambda: first(_OUR_SUPPLIER, text, lang), "a supplier of its own"),
    ]


def _our_customers(text: str, start: int, lang: str) -> str:
    """One of the company's own customers named before the match, the vendor not."""
    before = text[:start]
    if lang not in _OUR_CUSTOMERS or re.search(NAMED[lang], before):
        return ""
    return first(_OUR_CUSTOMERS, before, lang)
