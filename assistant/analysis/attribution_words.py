# ruff: noqa: E501  (the word tables below are data: one class per line reads best)
"""The closed word classes that ``attribution.py`` decides by (each a whole-word pattern per language, matched
against a party's lemma and its lower-case form):

- ``OURS``: the vendor and what it sells — "you", the licences, seats, the subscription, the renewal, the contract,
  the platform, the software, support, the invoice, the quote ... A party of these makes a hit stand.
- ``NEUTRAL``: words that name nobody in particular — pronouns, quantities, times, and the risk's own words (a
  price, a budget, an increase). A party of these leaves the hit unattributed: it stands.

Anything else in a role the category reads is someone else (a supplier, the customer's customers, goods).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Party:
    """A word that fills a role of the matched words' predicate ("subject", "object", "of" a price noun ...)."""

    word: str
    lemma: str
    role: str
    head: str  # the predicate or noun it belongs to
    proper: bool = False  # a name (PROPN), or a capitalised word inside the sentence
    plural: bool = False


def _table(words: dict[str, str]) -> dict[str, re.Pattern[str]]:
    return {lang: re.compile(f"(?:{pattern})") for lang, pattern in words.items()}


OURS = _table({
    "en": r"you|your|yours|y'all|licen[cs]es?|licensing|seats?|subscriptions?|renewals?|renew|contracts?|plans?|tiers?|packages?|bundles?|editions?|versions?|upgrades?|modules?|features?|add-?ons?|platforms?|software|systems?|tools?|apps?|applications?|products?|services?|support|accounts?|users?|logins?|invoices?|quotes?|offers?|deals?|maintenance|hosting|storage|integrations?|api|training|onboarding|implementation|setup|dashboards?|reports?|reporting|solutions?|cloud|vendors?|delivery|deliveries|shipping|installation|consulting|repairs?|call-?outs?",
    "it": r"voi|vostr\w*|licenz\w*|abbonament\w*|rinnov\w*|contratt\w*|canon[ei]|pian[oi]|pacchett\w*|version\w*|modul\w*|funzionalità|piattaform\w*|software|sistem\w*|gestional\w*|programm\w*|app|applicazion\w*|prodott\w*|serviz\w*|assistenza|support\w*|account|utenz\w*|utent\w*|fattur\w*|preventiv\w*|offert\w*|manutenzion\w*|hosting|integrazion\w*|formazione|cloud|consegn\w*|spedizion\w*|installazion\w*|consulenz\w*|riparazion\w*",
    "ru": r"вы|вас|вам|вами|ваш\w*|лицензи\w*|подписк\w*|продлени\w*|договор\w*|контракт\w*|тариф\w*|пакет\w*|верси\w*|модул\w*|платформ\w*|софт\w*|программ\w*|систем\w*|сервис\w*|приложени\w*|продукт\w*|поддержк\w*|аккаунт\w*|пользовател\w*|сч[её]т\w*|предложени\w*|обслуживани\w*|интеграци\w*|обучени\w*|облак\w*|доставк\w*|установк\w*|внедрени\w*|консультаци\w*|ремонт\w*|выезд\w*",
    "pl": r"pan|pani|państwo|wy|was|wam|wami|wasz\w*|licencj\w*|subskrypcj\w*|abonament\w*|odnowieni\w*|umow\w*|kontrakt\w*|pakiet\w*|wersj\w*|moduł\w*|platform\w*|oprogramowani\w*|system\w*|program\w*|aplikacj\w*|produkt\w*|usług\w*|wsparci\w*|kont[oa]?|użytkownik\w*|faktur\w*|ofert\w*|serwis\w*|integracj\w*|szkoleni\w*|chmur\w*|dostaw[ayęo]|wysyłk\w*|instalacj\w*|wdrożeni\w*|konsultacj\w*|napraw\w*",
    "zh": r"你们|您|贵司|贵公司|授权|软件|平台|系统|续约|续费|合同|订阅|账号|套餐|版本|模块|服务|功能|报价|产品|你们的|配送|安装|实施|维修|上门",
})  # fmt: skip

NEUTRAL = _table({
    "en": r"my|our|their|his|its|it|this|that|these|those|they|them|he|she|him|her|we|i|us|me|one|ones|everything|something|anything|nothing|everyone|everybody|someone|somebody|anyone|nobody|people|guys|folks|all|thing|things|stuff|lot|lots|bit|price|prices|pricing|cost|costs|rate|rates|fee|fees|charge|charges|bill|budget|budgets|money|spend|spending|funding|increase|increases|hike|rise|uplift|percent|amount|seat|user|head|unit|item|line|premium|value|market|level|list|model|structure|change|changes|way|figure|number|year|years|month|months|week|weeks|quarter|time|day|days|term|side|way|who|which|what|there|here|company|business",
    "it": r"anche|già|poi|ora|adesso|ancora|sempre|di nuovo|nuovamente|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|uno|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|quindici|venti|trenta|quaranta|cinquanta|cento|mille|lo|la|li|le|gli|ci|ne|si|questo|questa|quello|quella|tutto|tutti|tutte|niente|nulla|qualcosa|prezz\w+|cost\w+|tariff\w+|budget|soldi|spes\w+|aument\w+|rincar\w+|cifra|listino|anno|mese|listin\w+|mercato|livello|persona|utente|postazione|settimana|volta|giorno|cosa|cose|parte|gente|noi|io|loro|lui|lei",
    "ru": r"опять|снова|уже|тоже|также|теперь|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|такой|такая|такую|этот|эта|эту|рынок|рынка|уровень|это|то|он|она|оно|они|их|его|её|ее|мы|я|нас|нам|всё|все|ничто|что|кто|цен\w+|стоимост\w+|бюджет\w*|деньг\w*|рост\w*|повышени\w*|расход\w*|затрат\w*|год\w*|месяц\w*|недел\w*|раз|время|день|сумм\w*|процент\w*",
    "pl": r"znowu|znów|też|także|już|teraz|jeszcze|od|w|z|i|a|ale|że|bo|chyba|pewnie|właśnie|ciągle|stale|ostatnio|niby|podobno|znowuż|styczni\w*|lut\w*|mar\w*|kwie\w*|maj\w*|czerw\w*|lip\w*|sierp\w*|wrze\w*|październik\w*|listopad\w*|grud\w*|to|ten|ta|te|on|ona|ono|oni|one|my|ja|nas|nam|wszystko|wszyscy|coś|nic|cen\w*|koszt\w*|stawk\w*|budżet\w*|pieniądz\w*|podwyżk\w*|rok\w*|roku|miesiąc\w*|tydzień|tygodni\w*|raz\w*|czas\w*|procent\w*",
    "zh": r"如果|要是|假如|万一|的话|还是|哪天|可能|也许|但是|不过|而且|所以|因为|然后|那么|其实|真的|确实|一下|一次|这|那|这个|那个|他们|她们|它们|他|她|我们|我|大家|都|价格|价钱|价|成本|费用|预算|钱|今年|明年|去年|每年|今天|现在|最近|又|也|还|已经|再|就|要|会|一直|整体|东西|什么",
})  # fmt: skip

# The customer's governing bodies in the plural: as the subject of a cancellation they decide for the customer.
GOVERNING = _table({
    "en": r"owners?|partners?|directors?|shareholders?|investors?|founders?|trustees?|lawyers?|solicitors?|attorneys?|managers?|bosses|executives?|leaders?|heads?",
    "it": r"soci|titolari|proprietari|direttori|azionisti|investitori|fondatori|avvocati|legali|capi|dirigenti|responsabili|vertici|amministratori",
    "ru": r"владельц\w*|собственник\w*|партн[её]р\w*|директор\w*|акционер\w*|инвестор\w*|учредител\w*|юрист\w*|руководител\w*|начальник\w*|учредител\w*",
    "pl": r"wspólni\w*|właściciel\w*|partner\w*|dyrektor\w*|akcjonariusz\w*|inwestor\w*|prawni\w*|szef\w*|kierowni\w*|zarząd\w*",
    "zh": r"股东们|老板们|领导们|合伙人",
})  # fmt: skip

# The nouns of a price whose complement names what is priced ("the price of feed", "feed prices").
PRICE_NOUNS = {
    "en": {"price", "prices", "pricing", "cost", "costs", "rate", "rates", "fee", "fees", "charge", "tariff", "increase", "hike", "rise", "bill"},
    "it": {"prezzo", "prezzi", "costo", "costi", "tariffa", "tariffe", "listino", "aumento", "aumenti", "rincaro", "rincari"},
    "ru": {"цена", "стоимость", "тариф", "прайс", "расценка", "подорожание", "повышение", "рост", "ценник"},
    "pl": {"cena", "ceny", "cen", "cenę", "koszt", "koszty", "stawka", "stawki", "cennik", "podwyżka", "podwyżki", "podwyżkę"},
    "zh": {"价格", "价钱", "价", "报价", "费用", "成本", "单价", "售价"},
}  # fmt: skip

THEME_CATEGORIES = ("price", "cancellation", "budget")  # what is priced, cancelled, frozen
AGENT_CATEGORIES = ("price", "cancellation", "payment")  # who raises a price, cancels, pays late
