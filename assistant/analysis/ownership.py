# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""The customer's own business, read by construction (issue 10 §5, the eighth session's false alarms):

    own_business("这个跟招标没关系。", 2, 4, "zh", "competitor")
    # -> "the customer says it is not about it: '跟招标没关系'"

- **a disclaimer around the matched words** (``disclaimers.py``): the match is what the customer says it is *not* about ("it has nothing
  to do with the tender", "non c'entra niente con la gara", "это не связано с тендером", "nie ma nic wspólnego z
  przetargiem", "跟招标没关系"), for every category;
- **the customer's own money** (``own_money.py``): a budget that grows, its own discounts, goods and budgets for its
  own purposes, a named cost of its own going down ("koszt leada spadł o połowę"), and its own financial contracts: a lease, a loan, a mortgage, insurance, a bank, rent, a credit line
  ("旧仓库租约到期了，不续了", "Bank podniósł nam raty kredytu") — kinds of contract a software vendor does not sell —
  when the sentence does not name the vendor or what it sells;
- **tenders of its own**: tenders the customer bids for, wins or loses ("we won three tenders", "wygrywamy więcej
  przetargów", "выигрываем тендеры", "中标") are its business, not a tender for our contract;
- **an activity frozen** (``frozen.py``; budget, payment) in Italian, Russian, Polish and Chinese, as ``attribution.py`` reads it in
  English: what is frozen is hiring or another activity, not money, purchases or what the vendor sells ("В
  бухгалтерии найм заморозили", "zamroziliśmy rekrutację", "abbiamo bloccato le assunzioni", "冻结了招聘");
- **the customer buying** (champion): "we bought", "мы купили", "kupiliśmy", "abbiamo comprato", "我们收购" — a
  change of hands that the customer makes, not one made to it ("we got acquired" stays);
- **Russian "за счёт" / "насчёт"** ("by means of", "about"): no invoice ("счёт") (``own_money.py``);
- **its own housekeeping** (``housekeeping.py``): things counted as a cancelling verb's object ("we terminated three
  contractor accounts", "Wypowiedzieliśmy umowy dwóm przewoźnikom"), a batch of goods sent back, a third party's
  contract by its possessive, and a feature described ("Gdy abonent wypowiada umowę, system sam wylicza karę").

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

import re

from assistant.analysis import regexes as rx
from assistant.analysis.company_news import company_news, overlapping
from assistant.analysis.disclaimers import disclaimed, not_the_matter, renewal_untouched
from assistant.analysis.frozen import frozen_activity
from assistant.analysis.housekeeping import housekeeping
from assistant.analysis.own_money import (
    budget_grows,
    finance_contract,
    metric,
    own_costs_down,
    own_discount,
    own_finance,
    own_goods,
    own_purpose_budget,
    pl_someone_paid,
    ru_preposition,
)

_FINANCE_CATEGORIES = ("cancellation", "price", "payment", "budget", "downgrade")
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


def own_business(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` of a rule of ``category`` is the customer's own business or what the
    customer says the matter is not about, or ``""`` (the constructions of the module's docstring)."""
    text = sentence.lower()
    checks = (
        (True, disclaimed, "the customer says it is not about it"),
        (True, not_the_matter, "the customer says it is not the matter"),
        (category == "cancellation", renewal_untouched, "the customer says the renewal is untouched"),
        (category == "budget", budget_grows, "a budget growing"),
        (category in _FINANCE_CATEGORIES, own_finance, "the customer's own lease, loan, insurance or bank"),
        (category == "competitor", _own_tenders, "tenders the customer bids for"),
        (category in ("budget", "payment"), frozen_activity, "an activity frozen, not money"),
        (category == "champion", _we_bought, "the customer buying, not being bought"),
        (category == "champion", _counted_leavers, "people leaving, counted: not one contact"),
        (category == "price", own_discount, "the customer's own prices"),
        (category == "price", own_goods, "the customer's own goods and prices"),
        (category == "budget", own_purpose_budget, "a budget for a purpose of the customer's own"),
        (category == "budget", own_costs_down, "a cost of its own going down"),
        (category in _FINANCE_CATEGORIES, finance_contract, "a lease, loan or insurance contract"),
        (lang == "ru" and category == "payment", ru_preposition, "another sense"),
        (lang == "pl" and category == "payment", pl_someone_paid, "someone else paying"),
        (category == "cancellation", _withdrawn, "a product withdrawn from the market"),
        (category == "price", metric, "a business figure of its own"),
        (category != "champion", _not_yours, "said not to be yours"),
        (category != "champion", _own_not_yours, "the customer says it is not yours"),
        (lang in ("zh", "en") and category in ("downgrade", "adoption"), _look_alike, "another sense"),
        (lang == "zh" and category in ("price", "cancellation"), _zh_rate, "a rate of the company's own"),
    )
    for applies, check, why in checks:
        found = check(text, start, end, lang) if applies else ""
        if found:
            return f"{why}: {found!r}"
    return company_news(text, start, end, lang, category) or housekeeping(text, start, end, lang, category)


def _own_tenders(text: str, start: int, end: int, lang: str) -> str:
    return overlapping(_OWN_TENDERS, text, start, end, lang)


def _counted_leavers(text: str, start: int, end: int, lang: str) -> str:
    return overlapping(_COUNTED_LEAVERS, text, start, end, lang)


def _withdrawn(text: str, start: int, end: int, lang: str) -> str:
    found = rx.search(_WITHDRAWN[lang], text) if lang in _WITHDRAWN else None
    return found.group(0) if found else ""


def _not_yours(text: str, start: int, end: int, lang: str) -> str:
    found = rx.search(_NOT_YOURS[lang], text) if lang in _NOT_YOURS else None
    return found.group(0) if found else ""


def _own_not_yours(text: str, start: int, end: int, lang: str) -> str:
    """ "our equipment, not the system" / "не к вам": unless the vendor's product is named ("not for you: your
    software keeps crashing")."""
    found = rx.search(_OWN_NOT_YOURS[lang], text) if lang in _OWN_NOT_YOURS else None
    product = rx.search(_PRODUCT[lang], text[found.end() :]) if found and lang in _PRODUCT else None
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
    found = next((m for m in rx.finditer(r"(续费|续约|续课|续签|退订|退费)率", text) if m.start() < end), None)
    return found.group(0) if found and start < found.end() else ""


def _we_bought(text: str, start: int, end: int, lang: str) -> str:
    found = rx.search(_WE_BOUGHT[lang], text) if lang in _WE_BOUGHT else None
    return found.group(0) if found else ""
