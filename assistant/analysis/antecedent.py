# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Who is "he" or "they"? A price raised by a pronoun (or, in Italian and Polish, a verb in the third person with
no subject) whose antecedent is one of the customer's own trading partners, named in an earlier sentence of the turn
or in the turn before (issue 10 §5, rules8):

    raised_by_partner("Он мне цену поднял на двадцать процентов.", "ru", "Поставщик муки звонил вчера.")
    # -> "'он' is 'поставщик', named before"

The partners are a closed class of roles, not of names: suppliers, wholesalers, landlords, banks, couriers,
manufacturers, contractors, insurers, and in Italian, Polish and Chinese the shop and works words built by a suffix
("vetreria", "piekarnia", "面粉厂"). The vendor is "you" on a call: an earlier sentence that names the vendor
("your", "voi", "ваш" ...) after the partner is no antecedent, and a pronoun with no partner before stays
unattributed (the hit stands: "they are raising the price again").
"""

from __future__ import annotations

from assistant.analysis import regexes as rx

_RAISED_BY_PRONOUN = {
    "en": r"\b(he|she|they)\b(('s|'re|'ve|'ll| have| has| are| is| will| just| also| again| already| now| went and) ?)*\s*(rais\w*|increas\w*|hik\w*|put|putting|bump\w*|jack\w*|push\w*|upp\w*|lift\w*)\b",
    "it": r"(^|[,;]\s*|\b(e|ma|poi|adesso|ora|anche|quest'anno|già)\s+)((ci|ce|mi|ne|gli|le|di nuovo|già|anche)\s+)*(hanno|ha)\s+(\w+\s+)?(aumentato|alzato|ritoccato|rincarato)\b|^\W*(ci |mi |ne )?(alzano|aumentano|ritoccano)\b",
    "ru": r"\b(он|она|они)\b(\s+\w+){0,3}?\s+(поднял\w*|повысил\w*|поднима\w*|повыша\w*|задрал\w*|задира\w*)",
    "pl": r"\b(on|ona|oni|one)\b(\s+\w+){0,3}?\s+(podni\w*|podwyż\w*)|(^|[,;]\s*|\b(i|a|ale|teraz|znowu|znów)\s+)(nam\s+|mi\s+)?(podnieśli|podniósł|podniosła|podwyższyli|podwyższył|podwyższyła)\b",
    "zh": r"(他|她|它)(们)?(家)?[^，。；！？]{0,4}(涨价|提价|加价|涨了)",
}
_PARTNER = {
    "en": r"\b((delivery|courier|cleaning|crane|transport|shipping|logistics|security|catering|cloud|hosting|telecom|phone|energy|insurance) (company|firm|provider|service)|providers?|suppliers?|wholesalers?|distributors?|landlords?|banks?|couriers?|carriers?|manufacturers?|makers?|producers?|contractors?|subcontractors?|insurers?|mills?|factory|factories|bakery|brewery|printers?|agency|dealers?|importers?|labs?|laboratory|hauliers?)\b",
    "it": r"\b(provider|ditt\w* (di|delle?|dei) \w+|impres\w* (di|delle?) \w+|fornitor\w*|grossist\w*|distributor\w*|banca|corrier\w*|produttor\w*|fabbric\w*|subappaltator\w*|assicurazion\w*|\w{3,}eria|\w{3,}ificio|concessionari\w*|importator\w*|laboratori\w*)\b",
    "ru": r"(провайдер\w*|поставщик\w*|оптовик\w*|дистрибьютор\w*|арендодател\w*|банк\w*|курьер\w*|перевозчик\w*|производител\w*|подрядчик\w*|партн[её]р\w*|страховщик\w*|завод\w*|фабрик\w*|типографи\w*|комбинат\w*|пекарн\w*|дилер\w*|импорт[её]р\w*|лаборатори\w*|контор\w*)",
    "pl": r"\b(dostawc\w*|hurtowni\w*|dystrybutor\w*|wynajmując\w*|bank\w*|kurier\w*|przewoźni\w*|producent\w*|podwykonawc\w*|wykonawc\w*|partner\w*|ubezpieczyciel\w*|fabryk\w*|zakład\w*|\w{3,}(arni|owni)[aęią]|dealer\w*|importer\w*)\b",
    "zh": r"(赞助商|供应商|供货商|厂家|厂商|房东|银行|快递|物流|经销商|代理商|合作方|批发商|承包商|保险公司|.厂)",
}
_VENDOR = {
    "en": r"\b(you|your|yours|y'all)\b",
    "it": r"\b(voi|vostr\w*)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*|pan|pani|państwo)\b",
    "zh": r"(你们|您(?!好)|贵司|贵公司)",  # not 您好 (hello)
}
_LOOK_BACK = 240  # characters before the sentence (the turn so far, then the turn before) where the antecedent may be


def raised_by_partner(sentence: str, lang: str, before: str) -> str:
    """Why a price raised by a pronoun in ``sentence`` is a partner's (``before``: what was said before it in the
    turn and the turn before, oldest first), or ``""``."""
    if lang not in _RAISED_BY_PRONOUN or not before:
        return ""
    text = sentence.lower()
    raised = rx.search(_RAISED_BY_PRONOUN[lang], text)
    if raised is None or rx.search(_VENDOR[lang], text):
        return ""
    partner = _last_partner(before[-_LOOK_BACK:].lower(), lang)
    if not partner:
        return ""
    return f"{raised.group(0).strip()!r}: {partner!r}, named before"


def partners_staff(sentence: str, end: int, lang: str) -> str:
    """A partner named before the end of a champion match ("the rep at our bank retired", "у поставщика менеджер
    уволился", "供应商那边的经理辞职了"): someone else's staff leaving, unless the vendor is named after it."""
    partner = _last_partner(sentence[:end].lower(), lang) if lang in _PARTNER else ""
    if not partner:
        return ""
    before = sentence[: sentence.lower().rfind(partner)].lower()
    return "" if rx.search(_ALL_OR_TO[lang], before[-6:]) else partner


# "All suppliers" (a review of them), or a partner someone moves to ("调去深圳工厂"): not whose staff it is.
_ALL_OR_TO = {
    "en": r"\b(all|every|to|to the|to our|into)\s*$",
    "it": r"\b(tutti i|tutte le|ogni|a|al|alla|in)\s*$",
    "ru": r"\b(все|всех|всем|во?|на|к)\s*$",
    "pl": r"\b(wszystk\w+|każd\w+|do|na)\s*$",
    "zh": r"(所有|全部|每个|每家|去|到|调)[^，。]{0,2}$",
}


def partner_named(text: str, lang: str) -> str:
    """The last partner named in ``text`` (lower case), unless the vendor is named after it; ``""`` if none."""
    return _last_partner(text, lang) if lang in _PARTNER else ""


def _last_partner(before: str, lang: str) -> str:
    """The last partner named before, unless the vendor is named after it."""
    found = list(rx.finditer(_PARTNER[lang], before))
    if not found or rx.search(_VENDOR[lang], before[found[-1].end() :]):
        return ""
    return found[-1].group(0)


# One of the customer's own suppliers named before the match, anywhere in the sentence ("您好，我们有个供应商突然涨价20%",
# "we've got a supplier who put everything up ten percent"), the vendor not named before the match's end.
_A_SUPPLIER_OF_OURS = {
    "en": r"\b(we have|we've got|we got|one of our) (\w+ )?(suppliers?|wholesalers?|distributors?|landlords?)\b",
    "it": r"\b(abbiamo un|uno dei nostri|un nostro) (\w+ )?(fornitor|grossist|distributor)\w*",
    "ru": r"\b(у нас есть|один из наших|одна из наших) (\w+ )?(поставщик|оптовик|дистрибьютор|арендодател)\w*",
    "pl": r"\b(mamy|jeden z naszych|jedna z naszych) (\w+ )?(dostawc|hurtowni|dystrybutor|wynajmując)\w*",
    "zh": r"我们(有个|有一个|有家|有一家|的一个|的一家)[^，。你您]{0,4}(供应商|供货商|房东|快递|经销商|厂家)",
}


def supplier_named_before(sentence: str, start: int, end: int, lang: str) -> str:
    """One of the customer's own suppliers named before a price match ("我们有个供应商突然涨价"), the vendor not named
    before the match's end: someone else raising its price."""
    text = sentence.lower()
    if lang not in _A_SUPPLIER_OF_OURS or rx.search(_VENDOR[lang], text[:end]):
        return ""
    found = rx.search(_A_SUPPLIER_OF_OURS[lang], text[:start])
    return f"{found.group(0)!r}, named before" if found else ""
