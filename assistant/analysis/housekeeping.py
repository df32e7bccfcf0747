# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""The customer's own housekeeping told in churn's words (issue 10, rules15; eval_heldout14a's trades):

    housekeeping("we terminated three contractor accounts that were still active", 3, 36, "en", "cancellation")
    # -> "things of its own, counted: 'terminated three contractor accounts'"

- **things counted** as the object of a cancelling verb: "we terminated three contractor accounts", "we closed a few
  thousand dormant accounts", "Wypowiedzieliśmy umowy dwóm przewoźnikom", "wypowiedzieliśmy dostęp jednemu
  podwykonawcy", "Anulowaliśmy dwa zlecenia", "abbiamo chiuso tre conti", "закрыли сотни неактивных счетов",
  "终止了两家外协车队的合同" — the vendor's contract is one and is never counted; a count of the vendor's own units
  ("cancelling twenty licences", "dwadzieścia licencji", "两百个账号" with 授权 / 席位) stays (a downgrade, not
  housekeeping);
- **a count of its own things** going down (downgrade): "Il numero di classi è diminuito", "Liczba uczniów zmniejszyła
  się" ("the number of users" stays);
- **a batch of goods** withdrawn or sent back: "Wycofaliśmy jedną partię odlewów", "un reso di un intero lotto di
  piumini", "вернули партию подшипников", "退回了一批货";
- **work closed**: vacancies filled, deals, tickets, the month's books ("с вами вакансии закрываем быстрее", "we
  close deals faster");
- **a third party's contract** by its possessive: "when we end a haulier's contract" (not "your contract");
- **what the product does** when something happens: the match in a clause opened by "when" whose main clause has the
  product as its subject — "When we end a haulier's contract, the workflow now pulls their open loads", "Gdy abonent
  wypowiada umowę, system sam wylicza karę", "Quando un cliente disdice, il sistema …", "Когда абонент расторгает
  договор, система сама …", "客户退订的时候，系统会自动…" — a feature described, not the customer leaving; so is
  the product doing it by itself ("system sam wylicza karę …, wystawia ostatnią fakturę i zamyka konto").

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

from assistant.analysis import regexes as rx

_CATEGORIES = ("cancellation", "downgrade", "champion")
_NUM = {
    "en": r"(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds of|thousands of|dozens of|a (few|couple of|handful of|dozen)( hundred| thousand)?|several)",
    "it": r"(\d[\d.]*|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|venti|trenta|cento|mille|centinaia di|migliaia di|alcun[ie]|parecchi[e]?|divers[ie]|qualche)",
    "ru": r"(\d[\d ]*|два|две|три|четыре|пять|шесть|десять|двадцать|сто|сотни|тысячи|несколько|пару|пар[уы])",
    "pl": r"(\d[\d ]*|jedn(ą|ego|emu|o)|jeden|dwa|dwie|dwóch|dwóm|dwom|trzy|trzech|trzem|cztery|czterech|czterem|pięć|pięciu|dziesięć|dziesięciu|kilka|kilku|kilkanaście|kilkunastu|kilkadziesiąt|setki|tysiące)",
    "zh": r"[一两二三四五六七八九十几百千万\d]+(家|个|条|批|份|位|名|笔)",
}
_VERB = {
    "en": r"\b(terminat\w*|clos\w*|cancel\w*|end(ed|ing)?|drop\w*|deactivat\w*|suspend\w*|shut( down)?|withdr[ae]w\w*|pull\w*|retir\w*|churn\w*)",
    "it": r"\b(disd\w*|chius\w*|chiud\w*|cancell\w*|annull\w*|rescind\w*|rescis\w*|terminat\w*|ritirat\w*|disattivat\w*)",
    "ru": r"\b(расторг\w*|закры\w*|отмен\w*|разорва\w*|отключ\w*|отозва\w*|списа\w*)",
    "pl": r"\b(wypowiedz\w*|wypowiada\w*|rozwiąz\w*|zerwa\w*|anulow\w*|zamkn\w*|zamyka\w*|zablokow\w*|odwoła\w*|wycofa\w*)",
    "zh": r"(终止|取消|解除|关闭|关掉|停掉|注销|淘汰|退回|撤回)了?",
}
# Time words: "by the thirtieth", "in two weeks", "do trzydziestego" count days, not things.
_TIME = {
    "en": r"(by|until|till|in|within|on|before|after|for|at|from)\b",
    "it": r"(entro|fino|in|tra|fra|per|prima|dopo|da|dal|il|al)\b",
    "ru": r"(до|в|через|за|после|к|с|на)\b",
    "pl": r"(do|w|za|po|przed|od|na|przez)\b",
    "zh": r"(在|于|到)",
}
# Downgrade: "the number of <things>" where the things are not the vendor's units ("Il numero di classi è diminuito",
# "Liczba uczniów zmniejszyła się", "for the same number of employees").
_NUMBER_OF = {
    "en": r"\bnumbers? of (\w+)",
    "it": r"\bnumer[oi] (di|dei|degli|delle) (\w+)",
    "ru": r"\b(количеств\w*|числ[оа]) (\w+)",
    "pl": r"\b(liczb[aęy]|ilości?|ilość) (\w+)",
}
# Who or what uses the product, counted: "the number of agents" is the vendor's unit too (``_count_of``).
_USERS = {
    "en": r"\b(agents?|accounts?|logins?|editors?|admins?|analysts?|devices?|terminals?|vehicles?|drivers?|people)\b",
    "it": r"\b(operator\w*|account|accessi|dispositiv\w*|terminal\w*|veicol\w*|persone)",
    "ru": r"(оператор\w*|аккаунт\w*|уч[её]тн\w*|устройств\w*|терминал\w*|машин\w*|человек)",
    "pl": r"\b(konsultant\w*|kont\w*|urządze\w*|terminal\w*|pojazd\w*|aut\w*|osób)\b",
}
# The vendor's own units: a count of them is a downgrade, not the customer's housekeeping.
_UNITS = {
    "en": r"\b(licen[cs]e\w*|seats?|users?|modules?|subscriptions?|your|plans?|tiers?|my|mine|one of|of them)\b",
    "it": r"\b(licenz\w*|postazion\w*|utent\w*|modul\w*|abbonament\w*|vostr\w*|mi[eaio]|un[oa] de\w*)",
    "ru": r"(лицензи\w*|мест\b|пользовател\w*|модул\w*|подписк\w*|ваш\w*|мо[йеия]\w*|одн\w* из)",
    "pl": r"\b(licencj\w*|stanowisk\w*|użytkownik\w*|moduł\w*|subskrypcj\w*|abonament\w*|wasz\w*|mo[ji]\w*|mój|jedn\w* z)\b",
    "zh": r"(授权|席位|模块|你们|您|贵司|其中|我的)",
}
_GOODS = {
    "en": r"\b(a|one|the|an entire|a whole|that) (batch|lot|shipment|consignment|pallet)( of \w+)?\b",
    "it": r"\b(un|l'|il|intero|un intero|una|la) ?(lotto|partita|spedizione|carico)( di \w+)?\b",
    "ru": r"\bпарти[юия]\b( \w+)?",
    "pl": r"\bparti[ęia]\b( \w+)?",
    "zh": r"(一批|整批|这批|那批)",
}
# Work closed: vacancies filled, deals won, tickets resolved, the month's books ("с вами вакансии закрываем быстрее").
_CLOSED_WORK = {
    "en": r"\bclos\w* (\w+ )?(vacanc\w*|positions|roles|deals?|sales|tickets?|cases?|the books|the month|the quarter|requisitions)\b",
    "it": r"\bchiud\w* (\w+ )?(posizion\w*|ticket|vendit\w*|trattativ\w*|pratich\w*|il mese|il bilancio)\b",
    "ru": r"закры\w* (\w+ )?(ваканси\w*|сделк\w*|заявк\w*|тикет\w*|обращени\w*|месяц|квартал)|(ваканси\w*|сделк\w*|тикет\w*) (\w+ )?закры\w*",
    "pl": r"\b(zamyk\w*|zamkn\w*) (\w+ )?(wakat\w*|rekrutacj\w*|zgłosze\w*|sprzedaż\w*|transakcj\w*|miesiąc|kwartał)",
    "zh": r"(关单|结案|成单|招满)",
}
_POSSESSED = {
    "en": r"\b(a|an|each|every|any|the|one|that|this) (?!your\b|you\b)\w+'s (contract|agreement|account|subscription|membership)\b",
}
# "when …, the system / workflow …": the match in the "when" clause, the product the subject of the main clause.
_WHEN = {
    "en": r"\b(when|whenever|every time|once)\b[^,;:]*$",
    "it": r"\b(quando|ogni volta che|appena)\b[^,;:]*$",
    "ru": r"\b(когда|как только|каждый раз, когда)\b[^,;:]*$",
    "pl": r"\b(gdy|kiedy|jak tylko|za każdym razem, gdy)\b[^,;:]*$",
    "zh": r"(当|每当|每次)?[^，。；！？]*$",
}
_MAIN = {
    "en": r"^[^,;:]*[,;:] (then )?(the |our |your )?(workflow|system|platform|portal|tool|app|module|software|dashboard|screen|report|it) (now |just |also |then )?(automatically |instantly )?\w+",
    "it": r"^[^,;:]*[,;:] (poi )?(il|la|lo) (sistema|piattaforma|portale|programma|gestionale|software|modulo|flusso) (ora |adesso )?(in automatico |da solo |da sola )?\w+",
    "ru": r"^[^,;:]*[,;:] (то )?(система|платформа|портал|программа|модуль|приложение) (теперь )?(сама |само |автоматически )?\w+",
    "pl": r"^[^,;:]*[,;:] (to )?(system|platforma|portal|program|moduł|aplikacja|panel) (teraz )?(sam|sama|samo|automatycznie)? ?\w+",
    "zh": r"^[^，。；！？]*(的时候|时)[^，。；！？]{0,2}，(系统|平台|工具|软件)(就|会|都)?(自动)?",
}
_ZH_WHEN_END = r"(的时候|时)"
# Champion: the ones leaving are the customer's own customers, or people counted ("konta dwudziestu osób, które odeszły
# z firmy", "którzy nasi abonenci mogą odejść", "流失了两个大客户，被一家4A公司挖走了"): its own churn, not one contact.
_LEAVERS = {
    "en": r"\b(our |the |which |whose )?(customers|clients|subscribers|members|patients|students|buyers|shoppers|tenants)\b|\b(people|employees|staff|users) (who|that)\b",
    "it": r"\b(i nostri |quali )?(clienti|abbonati|iscritti|pazienti|studenti|acquirenti)\b",
    "ru": r"(клиент[ыова]\w*|абонент[ыова]\w*|покупател[ия]\w*|пациент[ыова]\w*|ученик[иова]\w*|студент[ыова]\w*)|(человек|сотрудник\w*),? (которые|кто)\b",
    "pl": r"\b(klienci|klientów|abonenci|abonentów|subskrybenci|uczniowie|uczniów|pacjenci|pacjentów|kupujący)\b|\b(osób|osoby|pracowników|ludzi|użytkowników),? (które|którzy)\b",
    "zh": r"[一两二三四五六七八九十几\d]*(个|位|家)?(大)?(客户|用户|会员|学员|患者|买家)",
}
# The product as the doer, "by itself", before the match in its sentence ("system sam wylicza …, i zamyka konto").
_PRODUCT_ITSELF = {
    "en": r"\b(the |our )?(workflow|system|platform|portal|tool|app|module|software) (now )?(automatically|itself|on its own)\b",
    "it": r"\b(il|la) (sistema|piattaforma|portale|programma|gestionale|software|modulo) (ora )?(in automatico|da solo|da sola|automaticamente)\b",
    "ru": r"(система|платформа|портал|программа|модуль|приложение) (теперь )?(сама|само|автоматически)\b",
    "pl": r"\b(system|platforma|portal|program|moduł|aplikacja) (teraz )?(sam|sama|samo|automatycznie)\b",
    "zh": r"(系统|平台|软件)(会|就)?自动",
}


def housekeeping(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` of a rule of ``category`` is the customer's own housekeeping or a
    feature described (the constructions of the module's docstring), or ``""``."""
    if category not in _CATEGORIES or lang not in _VERB:
        return ""
    text = sentence.lower()
    found = _counted(text, start, end, lang) if category != "champion" else ""
    if found:
        return f"things of its own, counted: {found!r}"
    found = _count_of(text, start, end, lang) if category == "downgrade" else ""
    if found:
        return f"a count of its own things: {found!r}"
    found = _leavers(text, start, end, lang) if category == "champion" else ""
    if found:
        return f"its own customers or people counted, leaving: {found!r}"
    found = _near(_GOODS, text, start, end, lang) if category == "cancellation" else ""
    if found:
        return f"a batch of goods: {found!r}"
    found = _near(_CLOSED_WORK, text, start, end, lang) if category == "cancellation" else ""
    if found:
        return f"work closed, not a contract: {found!r}"
    found = _near(_POSSESSED, text, start, end, lang) if category == "cancellation" else ""
    if found:
        return f"a third party's contract: {found!r}"
    found = _described(text, start, end, lang)
    return f"a feature described: {found!r}" if found else ""


def _counted(text: str, start: int, end: int, lang: str) -> str:
    """A cancelling verb over the match, its object counted within a few words, none of them a unit of the vendor's."""
    gap = r"[^，。；！？]{0,4}?" if lang == "zh" else rf"( (?!{_TIME[lang]})[\w'-]+)? "
    tail = r"[^，。；！？]{0,10}" if lang == "zh" else r"\b( [\w'-]+){1,4}"
    pattern = rf"{_VERB[lang]}{gap}{_NUM[lang]}{tail}"
    for found in rx.finditer(pattern, text):
        if found.start() < end and start < found.end() and not rx.search(_UNITS[lang], found.group(0)):
            return found.group(0).strip()
    return ""


def _leavers(text: str, start: int, end: int, lang: str) -> str:
    """Customers, or people counted, in the match or within 40 characters before it (Chinese: 16, past one comma)."""
    window = text[max(0, start - (16 if lang == "zh" else 40)) : end]
    window = window if lang == "zh" else rx.split(r"[.;:!?]", window)[-1]
    found = rx.search(_LEAVERS[lang], window)
    return found.group(0).strip(" ,") if found else ""


def _count_of(text: str, start: int, end: int, lang: str) -> str:
    """ "the number of <things>" over the match, the things not a unit of the vendor's."""
    for found in rx.finditer(_NUMBER_OF[lang], text) if lang in _NUMBER_OF else ():
        what = found.group(0)
        if found.start() < end and start < found.end() and not rx.search(f"{_UNITS[lang]}|{_USERS[lang]}", what):
            return what
    return ""


def _near(table: dict[str, str], text: str, start: int, end: int, lang: str) -> str:
    """A construction of ``table`` overlapping the match or within 40 characters after it."""
    for found in rx.finditer(table[lang], text) if lang in table else ():
        if found.start() < end + 40 and start < found.end():
            return found.group(0).strip()
    return ""


def _described(text: str, start: int, end: int, lang: str) -> str:
    """The match in a "when" clause whose main clause has the product as its subject, or said of the product doing it
    by itself."""
    itself = rx.search(_PRODUCT_ITSELF[lang], text[:start])
    if itself:
        return itself.group(0).strip()
    opener = rx.search(_WHEN[lang], text[:start])
    if opener is None or (lang == "zh" and not rx.search(_ZH_WHEN_END, text[end : end + 12])):
        return ""
    main = rx.search(_MAIN[lang], text[start:])
    return main.group(0).strip() if main else ""
