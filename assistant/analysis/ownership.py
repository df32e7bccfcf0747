# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""The customer's own business, read by construction (issue 10 §5, the eighth session's false alarms):

    own_business("这个跟招标没关系。", 2, 4, "zh", "competitor")
    # -> "the customer says it is not about it: '跟招标没关系'"

- **a disclaimer around the matched words** (``disclaimers.py``): the match is what the customer says it is *not* about ("it has nothing
  to do with the tender", "non c'entra niente con la gara", "это не связано с тендером", "nie ma nic wspólnego z
  przetargiem", "跟招标没关系"), for every category;
- **the customer's own financial contracts**: a lease, a loan, a mortgage, insurance, a bank, rent, a credit line
  ("旧仓库租约到期了，不续了", "Bank podniósł nam raty kredytu") — kinds of contract a software vendor does not sell —
  when the sentence does not name the vendor or what it sells;
- **tenders of its own**: tenders the customer bids for, wins or loses ("we won three tenders", "wygrywamy więcej
  przetargów", "выигрываем тендеры", "中标") are its business, not a tender for our contract;
- **an activity frozen** (``frozen.py``; budget, payment) in Italian, Russian, Polish and Chinese, as ``attribution.py`` reads it in
  English: what is frozen is hiring or another activity, not money, purchases or what the vendor sells ("В
  бухгалтерии найм заморозили", "zamroziliśmy rekrutację", "abbiamo bloccato le assunzioni", "冻结了招聘");
- **the customer buying** (champion): "we bought", "мы купили", "kupiliśmy", "abbiamo comprato", "我们收购" — a
  change of hands that the customer makes, not one made to it ("we got acquired" stays);
- **Russian "за счёт" / "насчёт"** ("by means of", "about"): no invoice ("счёт").

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

import re

from assistant.analysis.company_news import company_news, overlapping
from assistant.analysis.disclaimers import disclaimed, not_the_matter
from assistant.analysis.frozen import frozen_activity

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
_FINANCE_CATEGORIES = ("cancellation", "price", "payment", "budget", "downgrade")
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
# Tenders the customer takes part in: bid, win, lose ("we lost two tenders to the Germans").
_OWN_TENDERS = {
    "en": r"\b(win|wins|won|winning|lose|loses|lost|losing|get|got|bid|bids|bidding|submit\w*|pitch\w*|tak\w* part in|took part in|participat\w* in|enter\w*)\b( \w+){0,4} (tenders?|bids)\b",
    "it": r"\b(vint\w*|vinc\w*|pers[oiae]\b|perd\w*|partecip\w*|concorr\w*)\b( \w+){0,4} (gar[ae]|appalt\w*|band[oi])\b",
    "ru": r"\b(выигр\w*|проигр\w*|участв\w*|пода[ёе]м|подаём|подавали|подали|получ\w*)\b( \w+){0,4} (тендер\w*|конкурс\w*)",
    "pl": r"\b(wygr\w*|przegr\w*|startuj\w*|startowa\w*|(bierzemy|braliśmy|biorą|brali) udział w|składa\w*|złożyli\w*)\b( \w+){0,4} (przetarg\w*)",
    "zh": r"(中标|投标|竞标|中了[^，。]{0,4}标|(参加|参与|拿下|丢了)[^，。]{0,6}(招标|标))",
}
# The customer buying (a change of hands it makes): champion's acquisition words after "we" / "I".
_WE_BOUGHT = {
    "en": r"\b(we|i)( (just|recently|also|have|'ve|had|then|finally|will|'ll|might|may|could|would|'d|can))? (bought|acquired|purchased|took over|buy|acquire|purchase|take over)\b(?! by)",
    "it": r"\b(abbiamo|ho) (\w+ )?(comprato|acquistato|acquisito|rilevato)\b|\b(compriamo|acquistiamo|acquisiamo|rileviamo|compreremo|acquisiremo|rileveremo)\b",
    "ru": r"\b(мы|я)( (вс[её]|уже|тоже|недавно|сами|ещё|еще|наконец))? (купил\w*|приобрел\w*|приобрёл\w*|поглотил\w*)|\b(купим|приобретём|приобретем|поглотим)\b",
    "pl": r"\b(kupiliśmy|kupiłem|kupiłam|przejęliśmy|nabyliśmy|kupimy|przejmiemy|kupujemy|przejmujemy)\b",
    "zh": r"(我们|我)(刚|去年|今年)?(收购|买下|买了|并购)",
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
# People leaving, counted ("去年走了十五个孩子", "two of the drivers left", "solo uno se n'è andato"): the many.
_COUNTED_LEAVERS = {
    "en": r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a few|several|a couple|only one|just one)( of (them|the \w+|our \w+))?( \w+)? (left|quit|have left|are leaving|walked out)\b",
    "it": r"\b(solo |soltanto )?(uno|una|due|tre|quattro|cinque|sei|dieci|\d+|alcuni|parecchi|pochi)( di loro| \w+)? (se n'è andat\w|se ne sono andati|sono andati via|hanno lasciato|ha lasciato)",
    "ru": r"\b(ушли|уволились|ушло|уволилось|ушёл|ушел|ушла)( \w+)? (\d+|двое|трое|четверо|пятеро|несколько|пять|шесть|десять|\w+надцать)\b|\b(\d+|двое|трое|четверо|пятеро|несколько|только один|один)( \w+)? (ушли|уволились|ушло|ушёл|ушел)",
    "pl": r"\b(odeszło|odeszli|odeszły|zwolniło się|zwolnili się)( \w+)? (\d+|dwóch|dwie|trzech|trzy|czterech|pięciu|kilku|kilka|\w+naście)\b|\b(\d+|dwóch|dwie|trzech|trzy|kilku|kilka|pięciu|tylko jeden|jeden)( \w+)? (odeszło|odeszli|odeszły|odszedł)",
    "zh": r"走了[一二两三四五六七八九十百几\d]+(来|多)?个|[一二两三四五六七八九十几\d]+个[^，。；！？]{0,4}(走了|离开了|辞职了)",
}
# A product withdrawn from the market is no cancellation ("wycofali z obrotu", "停产").
_WITHDRAWN = {
    "en": r"\b(withdrawn|pulled|taken) (from|off) the market\b|\bdiscontinued\b",
    "it": r"\britirat\w* dal (mercato|commercio)\b|\bfuori produzione\b",
    "ru": r"\b(снял\w*|сняты|снят\w*) с (производства|продажи)|\bотозвал\w* с рынка",
    "pl": r"\bwycofa\w* z (obrotu|rynku|produkcji|sprzedaży)\b",
    "zh": r"(停产|下架|退市)",
}
# A business figure of its own inside the matched words ("fatturato più alto"): no price.
_METRIC = {
    "en": r"\b(revenue|turnover|sales|margins?|profits?|earnings)\b",
    "it": r"\b(fatturato|ricavi|vendite|margin[ei]|utili|incassi)\b",
    "ru": r"\b(выручк\w*|оборот\w*|продаж\w*|марж\w*|прибыл\w*)",
    "pl": r"\b(obrot\w*|przych\w*|sprzedaż\w*|marż\w*|zysk\w*)",
    "zh": r"(营业额|营收|收入|销售额|利润|毛利)",
}
# The thing is said not to be the vendor's ("la piattaforma ..., che non è la vostra, ...").
_NOT_YOURS = {
    "en": r"\b(which|that|it) (isn't|is not|wasn't|was not) (yours|one of yours)\b|\bnot yours\b",
    "it": r"\bnon (è|era|sono) (la |il |i |le )?vostr[oaie]\b(?! colpa)",
    "ru": r"\bне ваш[аеи]?\b(?! вин| проблем)",
    "pl": r"\bnie (jest )?wasz[aey]?\b(?! win| problem)",
    "zh": r"不是你们(的|家的)(?!问题|错)",
}
# What the customer says is its own, not the vendor's ("To nasz sprzęt, nie system"), or not a matter for the vendor
# ("это не к вам", "to pytanie do pani Barbary, nie do was").
_OWN_NOT_YOURS = {
    "en": r"\b(our own|our) \w+, not (the|your) (system|software|app|platform|tool)\b|\bnot (a question |one )?for you\b",
    "it": r"\b(il nostro|la nostra|i nostri|le nostre) \w+, non (il|la|le|i) (sistema|software|programma|piattaforma|vostr\w*)|\bnon (è )?per voi\b",
    "ru": r"\b(наш|наша|наше|наши) \w+, а? ?не (система|программа|софт|ваш\w*)|\b(это )?не к вам\b|\bне для вас\b",
    "pl": r"\b(nasz|nasza|nasze) \w+, nie (system|program|aplikacja|wasz\w*)|\bnie do (was|pana|pani)\b|\bnie dla was\b",
    "zh": r"(不是(系统|软件|你们)的(问题|事)|不是问你们|跟你们说一声)",
}
_ZH_LOOK_ALIKES = re.compile(r"多少|至少|不少")  # how much, at least, quite a few
_EN_AT_LEAST = re.compile(r"\bat least\b")
_PL_THIRD_PERSON_PAID = re.compile(r"\b((za|o)?płacił[aoy]?|(za|o)?płacili)\b")
_PL_OURS = re.compile(
    r"\b(my|księgowoś\w*|dział\w* (płatności|finans\w*|księgow\w*)|(nasz\w*|cała) (firm|spółk|zarząd|biur)\w*)\b"
)
_RU_PREPOSITION = re.compile(r"(\bза|\bна|на)\s*сч[её]т\w*$")  # "за счёт" (by means of), "насчёт" (about)


def own_business(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` of a rule of ``category`` is the customer's own business or what the
    customer says the matter is not about, or ``""`` (the constructions of the module's docstring)."""
    text = sentence.lower()
    checks = (
        (True, disclaimed, "the customer says it is not about it"),
        (True, not_the_matter, "the customer says it is not the matter"),
        (category == "budget", _budget_grows, "a budget growing"),
        (category in _FINANCE_CATEGORIES, _own_finance, "the customer's own lease, loan, insurance or bank"),
        (category == "competitor", _own_tenders, "tenders the customer bids for"),
        (category in ("budget", "payment"), frozen_activity, "an activity frozen, not money"),
        (category == "champion", _we_bought, "the customer buying, not being bought"),
        (category == "champion", _counted_leavers, "people leaving, counted: not one contact"),
        (category == "price", _own_discount, "the customer's own prices"),
        (category == "price", _own_goods, "the customer's own goods and prices"),
        (category == "budget", _own_purpose_budget, "a budget for a purpose of the customer's own"),
        (category in _FINANCE_CATEGORIES, _finance_contract, "a lease, loan or insurance contract"),
        (lang == "ru" and category == "payment", _ru_preposition, "another sense"),
        (lang == "pl" and category == "payment", _pl_someone_paid, "someone else paying"),
        (category == "cancellation", _withdrawn, "a product withdrawn from the market"),
        (category == "price", _metric, "a business figure of its own"),
        (category != "champion", _not_yours, "said not to be yours"),
        (category != "champion", _own_not_yours, "the customer says it is not yours"),
        (lang in ("zh", "en") and category in ("downgrade", "adoption"), _look_alike, "another sense"),
        (lang == "zh" and category in ("price", "cancellation"), _zh_rate, "a rate of the company's own"),
    )
    for applies, check, why in checks:
        found = check(text, start, end, lang) if applies else ""
        if found:
            return f"{why}: {found!r}"
    return company_news(text, start, end, lang, category)


def _budget_grows(text: str, start: int, end: int, lang: str) -> str:
    found = re.search(_BUDGET_GROWS[lang], text) if lang in _BUDGET_GROWS else None
    return found.group(0) if found and not re.search(_CUT[lang], text) else ""


def _own_finance(text: str, start: int, end: int, lang: str) -> str:
    """A lease, loan, insurance or bank in the sentence, the vendor and what it sells not named."""
    if lang not in _FINANCE or re.search(_VENDOR_NAMED[lang], text) or re.search(_REQUEST[lang], text):
        return ""
    found = re.search(_FINANCE[lang], text)
    return found.group(0) if found else ""


def _own_tenders(text: str, start: int, end: int, lang: str) -> str:
    return overlapping(_OWN_TENDERS, text, start, end, lang)


def _own_discount(text: str, start: int, end: int, lang: str) -> str:
    """The customer's own discount in the sentence, the vendor not named."""
    if lang not in _OWN_DISCOUNT or re.search(_VENDOR_NAMED[lang], text):
        return ""
    found = re.search(_OWN_DISCOUNT[lang], text)
    return found.group(0) if found else ""


def _counted_leavers(text: str, start: int, end: int, lang: str) -> str:
    return overlapping(_COUNTED_LEAVERS, text, start, end, lang)


def _withdrawn(text: str, start: int, end: int, lang: str) -> str:
    found = re.search(_WITHDRAWN[lang], text) if lang in _WITHDRAWN else None
    return found.group(0) if found else ""


def _metric(text: str, start: int, end: int, lang: str) -> str:
    found = re.search(_METRIC[lang], text[start:end]) if lang in _METRIC else None
    return found.group(0) if found else ""


def _not_yours(text: str, start: int, end: int, lang: str) -> str:
    found = re.search(_NOT_YOURS[lang], text) if lang in _NOT_YOURS else None
    return found.group(0) if found else ""


def _own_not_yours(text: str, start: int, end: int, lang: str) -> str:
    """ "our equipment, not the system" / "не к вам": unless the vendor's product is named ("not for you: your
    software keeps crashing")."""
    found = re.search(_OWN_NOT_YOURS[lang], text) if lang in _OWN_NOT_YOURS else None
    product = re.search(_PRODUCT[lang], text[found.end() :]) if found and lang in _PRODUCT else None
    return found.group(0) if found and not product else ""


_PRODUCT = {
    "en": r"\b(licen[cs]e\w*|seats?|software|platform|subscription|app)\b",
    "it": r"\b(licenz\w*|software|piattaforma|abbonament\w*|app|gestionale)\b",
    "ru": r"\b(лицензи\w*|софт\w*|платформ\w*|подписк\w*|приложени\w*|программ\w*)",
    "pl": r"\b(licencj\w*|oprogramowani\w*|platform\w*|subskrypcj\w*|abonament\w*|aplikacj\w*)\b",
    "zh": r"(授权|软件|平台|订阅)",
}


def _look_alike(text: str, start: int, end: int, lang: str) -> str:
    """Chinese 多少 / 至少 / 不少 and English "at least" over the matched words: no "fewer"."""
    pattern = _ZH_LOOK_ALIKES if lang == "zh" else _EN_AT_LEAST
    found = next((m for m in pattern.finditer(text) if m.start() < end and start < m.end()), None)
    return found.group(0) if found else ""


def _zh_rate(text: str, start: int, end: int, lang: str) -> str:
    """续费率 / 续约率 over the matched words: a rate, not a renewal fee."""
    found = next((m for m in re.finditer(r"(续费|续约|续课|续签|退订|退费)率", text) if m.start() < end), None)
    return found.group(0) if found and start < found.end() else ""


def _we_bought(text: str, start: int, end: int, lang: str) -> str:
    found = re.search(_WE_BOUGHT[lang], text) if lang in _WE_BOUGHT else None
    return found.group(0) if found else ""


def _pl_someone_paid(text: str, start: int, end: int, lang: str) -> str:
    """A Polish verb of paying in the third person in the match ("klient płacił w ratach", "oni płacili z
    opóźnieniem"; not "płaciliśmy", "płaciłem"), the sentence naming nothing of the customer's own ("nasza
    księgowość płaciła z opóźnieniem" stays): someone else paying."""
    found = _PL_THIRD_PERSON_PAID.search(text[start:end])
    return "" if found is None or _PL_OURS.search(text) else found.group(0)


def _ru_preposition(text: str, start: int, end: int, lang: str) -> str:
    """ "за счёт" (by means of) or "насчёт" (about) inside or just before the match: no invoice ("купили за счёт
    рассрочки": the instalments are how they paid for something of their own)."""
    just_before = _RU_PREPOSITION.search(text[:start].rstrip())
    if just_before:
        return just_before.group(0)
    for found in re.finditer(r"сч[её]т", text[start:end]):
        before = text[: start + found.start() + 4]
        preposition = _RU_PREPOSITION.search(before)
        if preposition:
            return preposition.group(0)
    return ""


def _own_goods(text: str, start: int, end: int, lang: str) -> str:
    """The customer's own goods too expensive (overlapping the match), or a cheaper line of its own in the sentence."""
    found = overlapping(_OWN_GOODS, text, start, end, lang)
    line = re.search(_OWN_LINE[lang], text) if lang in _OWN_LINE and not found else None
    return found or (line.group(0) if line else "")


def _own_purpose_budget(text: str, start: int, end: int, lang: str) -> str:
    found = re.search(_OWN_PURPOSE_BUDGET[lang], text) if lang in _OWN_PURPOSE_BUDGET else None
    return found.group(0) if found else ""


def _finance_contract(text: str, start: int, end: int, lang: str) -> str:
    return overlapping(_FINANCE_CONTRACT, text, start, end, lang)
