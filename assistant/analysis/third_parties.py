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

from collections.abc import Callable

from assistant.analysis import regexes as rx
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
# A party counted at the start of the sentence, or one of the customer's own ("Only one installer ...", "One of our
# distributors asked for quarterly payments", "Un nostro rivenditore ci chiede di pagare in tre rate", "Только один
# дилер в Польше расторг договор", "Tylko jedna firma, korporacja, zrezygnowała", "有两家医院把明年的采购计划取消了",
# "我们一个经销商想分三期付款"): the customer never counts itself among businesses, so it is someone else's doing. Only
# businesses (not its people: "one of our admins left" stays; nor its branches: "one of our branches is cancelling").
_PARTY = {
    "en": r"(clients?|customers?|distributors?|dealers?|resellers?|installers?|tenants?|suppliers?|partners?|shops?|stores?|hospitals?|clinics?|labs?|laborator(y|ies)|compan(y|ies)|firms?|groups?|chains?|schools?|restaurants?|hotels?|agenc(y|ies)|banks?|buyers?|franchisees?|wholesalers?|retailers?)\b",
    "it": r"(client\w*|distributor\w*|rivenditor\w*|installator\w*|inquilin\w*|fornitor\w*|partner|negoz\w*|ospedal\w*|clinic\w*|laborator\w*|aziend\w*|ditt\w*|societ\w*|grupp\w*|caten\w*|scuol\w*|ristorant\w*|albergh\w*|hotel|agenzi\w*|banc\w*|acquirent\w*|grossist\w*|dettagliant\w*)\b",
    "ru": r"(клиент\w*|дистрибьютор\w*|дилер\w*|реселлер\w*|установщик\w*|арендатор\w*|поставщик\w*|партн[её]р\w*|магазин\w*|больниц\w*|клиник\w*|лаборатори\w*|компани\w*|фирм\w*|групп\w*|сет(ь|и|ей|ям)\b|школ\w*|ресторан\w*|гостиниц\w*|отел\w*|агентств\w*|банк\w*|покупател\w*|оптовик\w*)",
    "pl": r"(klient\w*|dystrybutor\w*|dealer\w*|diler\w*|instalator\w*|najemc\w*|dostawc\w*|partner\w*|sklep\w*|szpital\w*|klinik\w*|laboratori\w*|firm\w*|spół\w*|grup\w*|sieć|sieci|szkoł\w*|restaurac\w*|hotel\w*|agencj\w*|bank\w*|kupując\w*|hurtowni\w*)\b",
    "zh": r"(客户|大客户|经销商|代理商|分销商|医院|诊所|门店|店|公司|同行|加盟商|供应商|租户|合作方|学校|酒店|餐厅|银行|渠道|实验室)",
}
_COUNTED_PARTY = {
    "en": r"^\W*(\w+\W+){0,2}?(only |just )?(one|two|three|a couple|some|a few|several) of our (\w+ )?{party}|^\W*(\w+\W+){0,1}?(only|just) (one|a single|two|the) (\w+ ){0,2}?{party}",
    "it": r"^\W*(\w+\W+){0,2}?(solo |soltanto )?(un|uno|una) nostr[oa] (\w+ )?{party}|^\W*(\w+\W+){0,2}?(uno|una|due|tre|alcuni|alcune) dei nostri (\w+ )?{party}|^\W*(\w+\W+){0,1}?(solo|soltanto) (un|uno|una|due) (\w+ )?{party}",
    "ru": r"^\W*(\w+\W+){0,2}?(только |всего )?(один|одна|одно|двое|два|две|трое|три|несколько) (из )?(наш\w* )?(\w+ )?{party}",
    "pl": r"^\W*(\w+\W+){0,2}?(tylko |jeden z |jedna z )?(jeden|jedna|jedno|dwóch|dwie|dwa|trzech|kilku|kilka|jednego) (z )?(nasz\w* )?(\w+ )?{party}",
    "zh": r"^[^，。；！？]{0,6}?(?<![换找选])(有|只有|就)?(一|两|三|几)(个|家)[^，。；！？]{0,2}?{party}",
}
_COUNTED_CATEGORIES = ("cancellation", "competitor", "champion", "payment", "budget", "price", "downgrade")
_KIN_WHY = "a relative's or a friend's business"


def third_party_checks(text: str, start: int, lang: str, category: str) -> list[Check]:
    """Other people's things: the company's customers, a third party's contract, a relative's business ..."""
    named = names_vendor(text, lang)
    return [
        (
            category in ("competitor", "cancellation", "champion"),
            lambda: _our_customers(text, start, lang),
            "the company's own customers",
        ),
        (category == "cancellation" and not named, lambda: first(_THEIRS, text, lang), "a third party's contract"),
        (category == "competitor", lambda: first(_PAST_CHOICE, text, lang), "a past evaluation that ended with you"),
        (category != "champion" and not addresses_vendor(text, lang), lambda: first(_KIN, text, lang), _KIN_WHY),
        (category == "cancellation" and not named, lambda: first(_PREVIOUS, text, lang), "a provider left for you"),
        (category in ("competitor", "price"), lambda: first(_OUR_SUPPLIER, text, lang), "a supplier of its own"),
        (category in _COUNTED_CATEGORIES, lambda: _counted_party(text, start, lang), _COUNTED_WHY),
    ]


def _our_customers(text: str, start: int, lang: str) -> str:
    """One of the company's own customers named before the match, the vendor not."""
    before = text[:start]
    if lang not in _OUR_CUSTOMERS or rx.search(NAMED[lang], before):
        return ""
    return first(_OUR_CUSTOMERS, before, lang)


_COUNTED_WHY = "a party counted, not the customer itself"


def _counted_party(text: str, start: int, lang: str) -> str:
    """A party counted at the start of the sentence (or one of the customer's own), before the match; the vendor not
    named before the match."""
    if lang not in _COUNTED_PARTY or mentions_ours(text[:start], lang):
        return ""
    found = rx.search(_COUNTED_PARTY[lang].replace("{party}", _PARTY[lang]), text)
    return found.group(0).strip() if found and found.end() <= start + 1 else ""
