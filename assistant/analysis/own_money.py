# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""The customer's own money, read by construction (checks of ``ownership.own_business``): a budget that grows, the
customer's own leases, loans, insurance and bank, its own discounts, goods, cheaper lines and budgets for purposes of
its own, a business figure of its own, Russian "за счёт" / "насчёт", someone else paying (Polish). Each takes the
sentence (lower case), the match's start and end and the language, and returns the words that show it, or ``""``."""

from __future__ import annotations

import re

from assistant.analysis import regexes as rx
from assistant.analysis.company_news import overlapping

# A budget that grows is no cut ("the marketing budget doubled", "бюджет на кампанию вырос вдвое", "预算增加了").
_BUDGET_GROWS = {
    "en": r"\bbudgets?\b(\s+\w+){0,5}?\s+(grew|has grown|went up|gone up|increased|doubled|is up|rose|tripled)\b|\b(increased|doubled|grew|raised|tripled) (\w+ ){0,2}budgets?\b",
    "it": r"\bbudget\b(\s+\w+){0,5}?\s+(è |sono )?(cresciut\w*|aumentat\w*|raddoppiat\w*|triplicat\w*)\b",
    "ru": r"\bбюджет\w*(\s+\w+){0,5}?\s+(вырос\w*|увеличил\w*|удвоил\w*|утроил\w*)|\b(вырос\w*|увеличил\w*|удвоил\w*) (\w+ )?бюджет\w*",
    "pl": r"\bbudżet\w*(\s+\w+){0,5}?\s+(wzrósł|wzrosła|wzrosły|urósł|podwoił\w*|zwiększył\w*|potroił\w*)",
    "zh": r"预算[^，。；！？超]{0,6}(增加了|翻倍|翻了一番|提高了)",
}
_CUT = {
    "en": r"\b(cut|cuts|slash\w*|reduc\w*|froze|frozen|freez\w*|halved)\b",
    "it": r"\b(tagli\w*|ridott\w*|ridurre|congelat\w*|dimezzat\w*)\b",
    "ru": r"\b(урез\w*|сократ\w*|сокращ\w*|замороз\w*|срез\w*)",
    "pl": r"\b(cię\w*|obcię\w*|zmniejsz\w*|zamroż\w*|zamroz\w*|ograni\w*)",
    "zh": r"(砍|削减|减少|冻结|缩减)",
}
# Kinds of contract a software vendor does not sell: the customer's own leases, loans, insurance, rent, bank.
_FINANCE = {
    "en": r"\b(leases?|leasing|loans?|mortgages?|insurance|rent|credit line|overdraft|tenancy)\b",
    "it": r"\b(affitt\w*|locazion\w*|leasing|prestit\w*|mutu[oi]|finanziament\w*|assicurazion\w*|fid[oi] bancari\w*)\b",
    "ru": r"\b(аренд\w*|лизинг\w*|кредит\w*|ипотек\w*|займ\w*|заём|страховк\w*|овердрафт\w*)",
    "pl": r"\b(najm(u|em|ie)?|czynsz\w*|leasing\w*|dzierżaw\w*|kredyt\w*|pożycz\w*|hipote\w*|ubezpieczeni\w*)\b",
    "zh": r"(租约|租期|租赁|租金|房租|续租|退租|贷款|按揭|保险|信用额度)",
}
# A request to the other side ("I need to cancel my insurance" on a call with the insurer): the contract is theirs.
_REQUEST = {
    "en": r"\b(i|we)('d| would)? (want|need|wanna|like|have) to\b|\b(can|could) you\b|\bplease\b|\bhelp me\b|\bi'd like\b",
    "it": r"\b(vorrei|voglio|vogliamo|vorremmo|devo|potete|può|potrebbe|mi aiut\w*|per favore)\b",
    "ru": r"\b(хочу|хотим|хотел\w*|нужно|надо|можете|прошу|помогите|пожалуйста)\b",
    "pl": r"\b(chcę|chcemy|chciał\w*|muszę|musimy|proszę|możecie|może pan|może pani)\b",
    "zh": r"(我想|我要|我们想|请|帮我|能不能|可以帮)",
}
_VENDOR_NAMED = {
    "en": r"\b(you|your|yours|y'all|licen[cs]e\w*|seats?|software|platform|subscription|app|system|tool)\b",
    "it": r"\b(voi|vostr\w*|licenz\w*|software|piattaforma|abbonament\w*|app|gestionale|sistema)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*|лицензи\w*|софт\w*|платформ\w*|подписк\w*|приложени\w*|систем\w*|программ\w*)",
    "pl": r"\b(wy|was|wam|wami|wasz\w*|licencj\w*|oprogramowani\w*|platform\w*|subskrypcj\w*|abonament\w*|aplikacj\w*|system\w*|program\w*)\b",
    "zh": r"(你们|您|贵司|贵公司|授权|软件|平台|系统|订阅)",
}
# The customer's own discount ("zrobiliśmy zniżkę dla studentów, ... dwadzieścia procent taniej"): its prices.
_OWN_DISCOUNT = {
    "en": r"\bwe('ve| have| had)? (gave|give|offer\w*|did|do|made|make|run|ran|introduced|launched|started) (a |an |some |our )?(\w+ )?(discounts?|promotions?|promos?|sales?|special offers?)\b",
    "it": r"\babbiamo (fatto|messo|dato|introdotto|lanciato|applicato) (uno |una |lo |la |gli |le |degli |delle )?(\w+ )?(scont\w*|promozion\w*|offert\w* special\w*|saldi)\b",
    "ru": r"\bмы (\w+ )?(сделали|дали|даём|даем|делаем|запустили|ввели|устроили) (\w+ )?(скидк\w*|акци\w*|распродаж\w*)",
    "pl": r"\b(zrobiliśmy|daliśmy|dajemy|robimy|wprowadziliśmy|uruchomiliśmy|mamy) (\w+ )?(zniżk\w*|rabat\w*|promocj\w*|wyprzedaż\w*)",
    "zh": r"我们[^，。；！？你您]{0,6}(打折|打了折|打了.折|降价|优惠|促销|搞活动|搞了个活动)",
}
# The customer's own goods as the subject of the price words ("il nostro rosso riserva era troppo caro per la GDO",
# "nasze meble dębowe były za drogie na Allegro", "我们的红木家具在拼多多上太贵"): never what the vendor sells, a price
# or a cost (those stay: "our licences are too expensive", "наша подписка слишком дорогая").
_OWN_GOODS = {
    "en": r"\bour (?!(\w+ )*?(licen|seat|subscription|plan|package|renewal|invoice|bill|contract|software|platform|system|tool|app|module|version|tier|upgrade|price|cost|fee|rate|quote|budget|spend)\w*)(\w+ ){1,3}?(was|were|is|are) (\w+ ){0,2}?(too |very |really |quite )?(expensive|pricey|dear)\b",
    "it": r"\b(il|la|i|le) nostr[oaie] (?!(\w+ )*?(licenz|abbonament|contratt|rinnov|canon|fattur|prezz|cost|tariff|software|piattaforma|gestional|sistema|modul|budget|spes|pacchett|piano)\w*)(\w+ ){1,3}?(era|erano|è|sono|costava|costavano) (\w+ ){0,2}?(troppo |molto |davvero )?(car[oaie]|costos\w*)\b",
    "ru": r"\bнаш[аеи]? (?!(\w+ )*?(лицензи|подписк|тариф|договор|контракт|продлени|сч[её]т|цен|стоимост|софт|систем|программ|платформ|приложени|модул|бюджет|расход|затрат|пакет|план)\w*)(\w+ ){1,3}?(был[аои]?|были |стал[аи]? )?(\w+ ){0,2}?(слишком |очень )?дорог\w*",
    "pl": r"\bnasz[aey]? (?!(\w+ )*?(licencj|subskrypcj|abonament|umow|odnowieni|faktur|cen|koszt|stawk|oprogramowani|system|program|platform|aplikacj|moduł|budżet|pakiet|plan)\w*)(\w+ ){1,3}?(był[aoy]?|były|jest|są) (\w+ ){0,2}?(za |zbyt |bardzo )?drog\w*",
    "zh": r"(?<!对)(?<!对于)我们的?(?![^，。；！？]*?(你们|授权|账号|订阅|合同|续费|续约|价格|费用|成本|报价|系统|软件|平台|预算|套餐|版本))[^，。；！？]{1,12}?(太|很|比较|有点)?贵",
}
# A cheaper line of the customer's own ("сделали отдельную линейку подешевле", "zrobiliśmy tańszą linię z sosny").
_OWN_LINE = {
    "en": r"\bwe (made|launched|created|introduced|brought out|added) (a |an )?(\w+ )?cheaper (line|range|version|product|model)s?\b",
    "it": r"\babbiamo (creato|fatto|lanciato|introdotto) (una |un )?(\w+ )?(linea|serie|versione|gamma) (\w+ )?(più )?economic\w*",
    "ru": r"\b(сделали|запустили|выпустили|ввели) (\w+ ){0,2}(линейк\w*|сери\w*|верси\w*|ассортимент\w*) (\w+ )?подешевле",
    "pl": r"\b(zrobiliśmy|wprowadziliśmy|wypuściliśmy|stworzyliśmy) (\w+ )?tańsz\w* (lini\w*|seri\w*|wersj\w*|kolekcj\w*)",
    "zh": r"(出了|推出了?|做了|上了)[^，。；！？]{0,4}便宜[^，。；！？]{0,3}(系列|产品|款|线)",
}
# A budget for a purpose of the customer's own, not what the vendor sells ("budget pubblicitario", "budżet na reklamę",
# "рекламный бюджет", "广告预算", "the budget for the marketing events"): cut, it is its own business.
_OWN_PURPOSE_BUDGET = {
    "en": r"\b(advertising|ad|ads|events?|trade fair|travel|hiring|recruitment|bonus|catering|party) budgets?\b|\bbudgets? (for|on) (the )?(advertising|ads|marketing events?|events?|trade fairs?|spring fair|travel|hiring|recruitment|bonuses|catering|christmas party)\b",
    "it": r"\bbudget (pubblicitari\w*|per (la )?pubblicità|per (gli )?eventi|per le fiere|per (i )?viaggi|per le trasferte|per le assunzioni)\b",
    "ru": r"\b(рекламн\w*|представительск\w*|командировочн\w*) бюджет\w*|\bбюджет\w* на (рекламу|мероприяти\w*|выставк\w*|командировк\w*|найм|корпоратив\w*)",
    "pl": r"\bbudżet\w* na (reklam\w*|wydarzeni\w*|targi|imprez\w*|podróże|delegacj\w*|rekrutacj\w*)|\breklamow\w* budżet\w*",
    "zh": r"(广告|宣传|活动|展会|差旅|招聘|推广)(的)?预算",
}
# A contract of a kind the vendor does not sell, named as such ("rozwiązuje umowę najmu", "расторгает договор аренды"):
# even where the sentence names the vendor elsewhere ("..., wprowadziliśmy to przez wasz obieg dokumentów").
_FINANCE_CONTRACT = {
    "en": r"\b(lease|rental|tenancy|loan|mortgage|insurance) (agreement|contract)s?\b|\b(agreement|contract)s? (for the lease|of lease)\b",
    "it": r"\bcontratt[oi] di (affitto|locazione|leasing|mutuo|finanziamento|assicurazione)\b",
    "ru": r"\bдоговор\w* (аренды|лизинга|займа|кредита|страхования|ипотеки)",
    "pl": r"\bumow\w* (najmu|dzierżawy|leasingu|kredytu|pożyczki|ubezpieczenia)\b",
    "zh": r"(租赁|租房|房屋|贷款|保险)合同",
}
# A business figure of its own inside the matched words ("fatturato più alto"): no price.
_METRIC = {
    "en": r"\b(revenue|turnover|sales|margins?|profits?|earnings|churn)\b",
    "it": r"\b(fatturato|ricavi|vendite|margin[ei]|utili|incassi|churn|tasso di abbandono)\b",
    "ru": r"\b(выручк\w*|оборот\w*|продаж\w*|марж\w*|прибыл\w*|отток\w*)",
    "pl": r"\b(obrot\w*|przych\w*|sprzedaż\w*|marż\w*|zysk\w*|churn\w*|odpływ\w*)",
    "zh": r"(营业额|营收|收入|销售额|利润|毛利|流失率|离网率)",
}
# Budget: a cost of its own, named, that went down — a figure of its business ("we reduced our pallet storage costs by
# relocating slow movers", "koszt leada spadł o połowę", "стоимость привлечения снизилась", "单位成本降了百分之十").
# "We need to cut costs" and "we reduced our software costs" stay.
_OWN_COSTS_DOWN = {
    "en": r"\bwe(?:'ve| have)? (reduced|cut|lowered|halved) our (?!(software|licen\w*|subscriptions?|it|saas|tools?|platform|system|vendor|supplier)\b)\w+( \w+)? (costs|spend)\b|\b(cost|costs) (per|of) (a |an )?(lead|drop|click|acquisition|unit|shipment|order|hire|ticket|delivery)\b[^.]{0,30}\b(is |are |was |has |have )?(down|fell|dropped|decreased|halved)\b",
    "it": r"\babbiamo (ridotto|tagliato|abbassato|dimezzato) (i |i nostri )?costi (di|del|della|dei|per) (?!(software|licenz\w*|abbonament\w*|vostr\w*|gestional\w*))\w+|\bcosto per (lead|contatto|cliente|consegna|ordine|spedizione|unità)\b[^.]{0,30}\b(è )?(sceso|calato|diminuito|dimezzato)",
    "ru": r"\b(снизили|сократили|урезали) (свои |наши )?(затраты|издержки|расходы) на (?!(софт|лицензи|подписк|ваш|программ))\w+|\bстоимость (лида|заявки|привлечения|доставки|клика|единицы)\b[^.]{0,30}(снизилась|упала|сократилась)",
    "pl": r"\bkoszt\w* (leada|leadu|pozyskania|dostawy|kliknięcia|zamówienia|jednostkow\w*)\b[^.]{0,20}\b(spadł\w*|zmalał\w*|obniżył\w*)|\b(obniżyliśmy|zmniejszyliśmy|ograniczyliśmy) (nasze )?koszty (?!(licencj|oprogramowani|subskrypcj|abonament))\w+",
    "zh": r"(单位|获客|每单|单票|配送|物流|仓储)成本[^，。；！？]{0,4}(降了|下降了|降低了|减少了)",
}
_PL_THIRD_PERSON_PAID = re.compile(r"\b((za|o)?płacił[aoy]?|(za|o)?płacili)\b")
_PL_OURS = re.compile(
    r"\b(my|księgowoś\w*|dział\w* (płatności|finans\w*|księgow\w*)|(nasz\w*|cała) (firm|spółk|zarząd|biur)\w*)\b"
)
_RU_PREPOSITION = re.compile(r"(\bза|\bна|на)\s*сч[её]т\w*$")  # "за счёт" (by means of), "насчёт" (about)


def budget_grows(text: str, start: int, end: int, lang: str) -> str:
    found = rx.search(_BUDGET_GROWS[lang], text) if lang in _BUDGET_GROWS else None
    return found.group(0) if found and not rx.search(_CUT[lang], text) else ""


def own_finance(text: str, start: int, end: int, lang: str) -> str:
    """A lease, loan, insurance or bank in the sentence, the vendor and what it sells not named."""
    if lang not in _FINANCE or rx.search(_VENDOR_NAMED[lang], text) or rx.search(_REQUEST[lang], text):
        return ""
    found = rx.search(_FINANCE[lang], text)
    return found.group(0) if found else ""


def own_discount(text: str, start: int, end: int, lang: str) -> str:
    """The customer's own discount in the sentence, the vendor not named."""
    if lang not in _OWN_DISCOUNT or rx.search(_VENDOR_NAMED[lang], text):
        return ""
    found = rx.search(_OWN_DISCOUNT[lang], text)
    return found.group(0) if found else ""


def own_costs_down(text: str, start: int, end: int, lang: str) -> str:
    """Budget: a named cost of the customer's own going down over the match."""
    for found in rx.finditer(_OWN_COSTS_DOWN[lang], text) if lang in _OWN_COSTS_DOWN else ():
        if found.start() < end and start < found.end():
            return found.group(0)
    return ""


def metric(text: str, start: int, end: int, lang: str) -> str:
    found = rx.search(_METRIC[lang], text[start:end]) if lang in _METRIC else None
    return found.group(0) if found else ""


def pl_someone_paid(text: str, start: int, end: int, lang: str) -> str:
    """A Polish verb of paying in the third person in the match ("klient płacił w ratach", "oni płacili z
    opóźnieniem"; not "płaciliśmy", "płaciłem"), the sentence naming nothing of the customer's own ("nasza
    księgowość płaciła z opóźnieniem" stays): someone else paying."""
    found = _PL_THIRD_PERSON_PAID.search(text[start:end])
    return "" if found is None or _PL_OURS.search(text) else found.group(0)


def ru_preposition(text: str, start: int, end: int, lang: str) -> str:
    """ "за счёт" (by means of) or "насчёт" (about) inside or just before the match: no invoice ("купили за счёт
    рассрочки": the instalments are how they paid for something of their own)."""
    just_before = _RU_PREPOSITION.search(text[:start].rstrip())
    if just_before:
        return just_before.group(0)
    for found in rx.finditer(r"сч[её]т", text[start:end]):
        before = text[: start + found.start() + 4]
        preposition = _RU_PREPOSITION.search(before)
        if preposition:
            return preposition.group(0)
    return ""


def own_goods(text: str, start: int, end: int, lang: str) -> str:
    """The customer's own goods too expensive (overlapping the match), or a cheaper line of its own in the sentence."""
    found = overlapping(_OWN_GOODS, text, start, end, lang)
    line = rx.search(_OWN_LINE[lang], text) if lang in _OWN_LINE and not found else None
    return found or (line.group(0) if line else "")


def own_purpose_budget(text: str, start: int, end: int, lang: str) -> str:
    found = rx.search(_OWN_PURPOSE_BUDGET[lang], text) if lang in _OWN_PURPOSE_BUDGET else None
    return found.group(0) if found else ""


def finance_contract(text: str, start: int, end: int, lang: str) -> str:
    return overlapping(_FINANCE_CONTRACT, text, start, end, lang)
