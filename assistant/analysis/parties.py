# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Whose contract, whose prices? Rule matches that are about someone else's business, not the renewal (issue 10 §5).

    not_ours("The council terminated its contract with the cleaning company.", 12, 42, "en", "cancellation")
    # -> "a contract with a third party: 'contract with the cleaning company'"

A churn-risk rule speaks about the customer and the vendor on the call. These general constructions, per
language, mark a match as being about something else (the hit is kept, marked negated, and its evidence says why):

- **cancellation** — a contract *with a third party* ("terminated the contract with our old courier", "disdetto
  il contratto con il vecchio corriere", "договор с поставщиком расторгли", "umowę z dostawcą", "跟原来那家快递解约"),
  someone ending one *with us* ("terminated their agreement with us", "ci ha disdetto", "wypowiedział nam umowę",
  "跟我们解约"), the company's *own metrics* (plural or counted cancellations, "our churn", "disdette",
  "отток", "退课"), and meeting logistics (a weekday or a meeting with no contract word in the clause);
- **downgrade** — a rate of its own going down ("our churn went down to under four percent", "退货率降下来了");
- **price** — the company's *own* prices ("we raised our prices", "abbiamo alzato i nostri prezzi", "подняли свои
  цены", "podnieśliśmy nasze ceny", "我们自己涨价"), a supplier of its own raising theirs ("our packaging
  supplier's prices"), and costs going *down* ("cost per shipment is down eleven percent").

The vendor is always "you" on a call ("with you", "con voi", "с вами", "z wami", "跟你们"): a contract with the
vendor never matches the third-party construction.
"""

from __future__ import annotations

import re

from assistant.analysis import regexes as rx

# Words after Russian "с" that make it "from (a time)" or "with you", not "with a third party".
_RU_NOT_PARTY = (
    r"вами\b|вас\b|ваш|нами\b|нового|следующ|этого|того|\d|январ|феврал|март|апрел|ма[яе]|июн|июл|август|"
    r"сентябр|октябр|ноябр|декабр|понедельник|завтр|сегодн|конца|начала|первого"
)
_THIRD_PARTY = {
    "cancellation": {
        "en": [
            (
                r"\b(contract|agreement|deal|partnership|arrangement)s? with (?!you\b|y'all|your\b|a notice|notice|\d)\w+",
                "a contract with a third party",
            ),
            (
                r"\b(renew\w*|cancel\w*|terminat\w*|end\w*) (\w+ ){0,2}with (their|its|his|her) (own )?\w+",
                "a contract with a third party",
            ),
            (
                r"\b(their|its|his|her) (\w+ )?(contract|agreement|deal|partnership|account|orders?|bookings?|membership|subscription) with us\b",
                "someone ending one with us",
            ),
            (
                r"\b(everybody's|everyone's|all (their|the) customers') (\w+ )?(contracts|accounts|bookings|orders)\b",
                "the many cancelled",
            ),
            (r"\bpeople (who |that )?(\w+ ){0,3}(cancel|cancels|cancelling|no-show)", "the many cancelling"),
            (
                r"\b(our (own |subscription |customer |member |client )?churn|churn( also| too| has| had)? (rate|is|was|went|crept|dropped|fell|is down|has dropped))",
                "the company's own metrics",
            ),
            (r"\b(same-day |order |guest |member |patient |late )?cancellations\b", "the company's own metrics"),
            (
                r"\b(customers|clients|members|subscribers|patients|guests) (are |were )?(closing|cancell?ing|leaving|quitting)\b",
                "the company's own metrics",
            ),
        ],
        "it": [
            (
                r"\b(contratto|accordo|convenzione|collaborazione|rapporto) (\w+ ){0,2}con (?!voi\b|noi\b|scadenza|effetto|decorrenza|il prossim|la prossim|\d)\w+",
                "a contract with a third party",
            ),
            (r"\bconvenzion", "a contract with a third party"),
            (
                r"\b(rinnov\w*|disd\w*|rescind\w*|chiud\w*) (\w+ ){0,2}con (il suo|la sua|i suoi|le sue|il loro|la loro|i loro) \w+",
                "a contract with a third party",
            ),
            (r"\bci ha(nno)? (disdetto|rescisso|chiuso|annullato)|\bcon noi\b", "someone ending one with us"),
            (r"\b(le |delle )?disdette\b|\bcancellazioni\b", "the company's own metrics"),
            (r"\b(gente|persone) che\b[^,.;]{0,30}(disdic|disdet|cancell|annull)", "the many cancelling"),
        ],
        "ru": [
            (
                r"\b(договор|контракт|соглашени|сотрудничеств)\w* (\w+ ){0,2}со? (?!" + _RU_NOT_PARTY + r")\w+",
                "a contract with a third party",
            ),
            (
                r"\bсо? (?!"
                + _RU_NOT_PARTY
                + r")\w+ (\w+ ){0,5}(договор|контракт)\w* (\w+ )?(расторгл|расторг\b|разорвал|закрыл)",
                "a contract with a third party",
            ),
            (r"\bс нами\b|\bнам (\w+ )?(расторгл|расторг\b|разорвал|прекратил)", "someone ending one with us"),
            (
                r"\bсо? (?!" + _RU_NOT_PARTY + r")\w+ (\w+ ){0,3}(расторгл\w*|разорвал\w*) (\w+ )?(договор|контракт)",
                "a contract with a third party",
            ),
            (r"\bлюди\b[^,.;]{0,30}(отменя|отказыва)", "the many cancelling"),
            (
                r"\bотток|\bдоговоры\b|\bотмен[ыа]м?\b|\bрасторжений\b|\b(родители|клиенты|дольщики|покупатели|гости|пациенты) (\w+ ){0,2}(отменя|расторг|отказыва)",
                "the company's own metrics",
            ),
            (r"\b(прекратил\w*|расторгл\w*) (\w+ ){0,2}со всеми\b", "a third party"),
            (
                r"\b(расторгл\w*|разорвал\w*|расторгаем|расторгнем|расторгнуть|разорвать) со? (?!"
                + _RU_NOT_PARTY
                + r")\w+ (\w+ )?(договор|контракт)",
                "a contract with a third party",
            ),
        ],
        "pl": [
            (
                r"\b(umow|kontrakt|współprac)\w* (\w+ ){0,2}ze? (?!wami\b|wasz|końcem|początkiem|dniem|nowym|przyszłym|tym\b|\d)\w+",
                "a contract with a third party",
            ),
            (
                r"\b(\w+ )?(wypowiedział|rozwiązał|zerwał)\w* nam\b|\bnam (wypowiedzia|rozwiąza|zerwa)\w*|\bz nami\b",
                "someone ending one with us",
            ),
            (
                r"\b(wypowiedzi\w*|rozwiąza\w*) umow\w* (\w+ )?(\w+(emu|owi)|firmie|spółce|gminie)\b",
                "a contract with a third party",
            ),
            (
                r"\bze? (?!wami\b|wasz|nami\b|końcem|początkiem|dniem|nowym|przyszłym|tym\b|\d)\w+ (\w+ ){0,2}(rozwiąza|wypowiedzie|zerwa)\w* (\w+ )?umow",
                "a contract with a third party",
            ),
            (
                r"\b(rozwiąza|rozwiąż|wypowiedzie|wypowie|zerwa|zerwie)\w* ze? (?!wami\b|wasz|nami\b|końcem|początkiem|dniem|nowym|przyszłym|tym\b|\d)\w+ (\w+ )?umow",
                "a contract with a third party",
            ),
            (r"\brezygnacj[ie]\b|\bodejść klientów|\banulacj|\bwypowiedzeń\b", "the company's own metrics"),
            (r"\bludzie\b[^,.;]{0,30}(odwołuj|rezygnuj|anuluj)", "the many cancelling"),
            (
                r"\b(wszyscy|większość|połowa|wielu|kilku|sporo|dużo|masa|mnóstwo)\b(?![^,.;]*\b(licencj|subskrypcj|umow|abonament|kont|stanowisk|wasz))[^,.;]{0,30}\b(odwoła\w*|anulowa\w*|zrezygnowa\w*|rezygnuj\w*)",
                "the many cancelling",
            ),
            (
                r"\b(odwoła\w*|anulowa\w*)\b (\w+ )?(prawie |niemal )?(wszystkie|większość|połowę|wiele|kilka|sporo|dużo)\b(?![^,.;]*\b(licencj|subskrypcj|umow|abonament|kont|stanowisk|wasz))",
                "the many cancelled",
            ),
        ],
        "zh": [
            (
                r"(跟|和|与)(?!你们|您|贵)(?:(?!商量|讨论|聊|说|谈|沟通|开会|汇报)[^，。；！？,.;!?]){1,8}(解约|终止|解除|取消|停止合作|不续)",
                "a contract with a third party",
            ),
            (r"(把|将)(?!你们|贵)[^，。；！？]{1,8}的合同", "a contract with a third party"),
            (r"(跟|和|与)我们(解约|终止|解除|取消|停止)", "someone ending one with us"),
            (
                r"(租户|客户|供应商|加盟商|代理商|房东|物业|合作方|保洁|快递|物流|外包)[^，。；！？]{0,4}的(合同|协议)",
                "a contract with a third party",
            ),
            (r"退课|退订率|流失率|解约率", "the company's own metrics"),
            (r"(有人|很多人|好多人|不少人)[^，。；！？]{0,8}(取消|退订)", "the many cancelling"),
            (
                r"(很多|好多|不少|大部分|大多数|一半|好几个)(?![^，。；！？]*(账号|授权|席位|订阅|你们|合同|系统|软件))[^，。；！？你您]{1,8}都?(取消|退订|退了)",
                "the many cancelling",
            ),
        ],
    },
    "downgrade": {
        "en": [
            (
                r"\b(went|gone|came|come|fell|fallen|dropped|dropping)( down)? to\b[^.]*\b(percent|per cent)\b",
                "the company's own metrics",
            )
        ],
        "zh": [(r"率[^，。；！？]{0,6}降|降到了?百分之", "the company's own metrics")],
    },
    "price": {
        "en": [
            (
                r"\bwe(?:'ve| have)? (raised|increased|put up|hiked|bumped up|bumped|lowered|cut|reduced)\b (our |the )?(prices|rates|fees)\b|\bwe(?:'ve| have)? (raised|increased|put up|hiked|bumped up|bumped)\b",
                "the company's own prices",
            ),
            (r"\bour (own )?(prices|rates|fees)\b", "the company's own prices"),
            (
                r"\bour (own )?(?!(software|licen\w*|subscription|it|saas|tool|platform|system)\b)(\w+ )?(costs|quotes?|overheads|expenses)\b(?! (for|of|on) (you|your|the (software|system|platform|licen)))",
                "the company's own costs or quotes",
            ),
            (r"\bour (\w+ ){0,2}(supplier|suppliers|supplier's|vendor's|courier|landlord)\b", "a supplier of its own"),
            (
                r"\b(cost|costs|price|prices|rate|rates|spend)\b (?:(?!not\b|never\b)\w+ ){0,4}(is |are |went |has |have |was |were |came )?(down|dropped|fell|decreased)\b",
                "costs going down",
            ),
        ],
        "it": [
            (
                r"\babbiamo (alzato|aumentato|ritoccato)\b|\babbiamo (abbassato|ridotto|scontato) (i |i nostri )?prezzi\b",
                "the company's own prices",
            ),
            (r"\bi nostri prezzi\b|\ble nostre tariffe\b", "the company's own prices"),
            (
                r"\bi nostri (\w+ )?costi\b(?! (per|del|della|di|dei) (licenz|software|abbonament|vostr|gestional))",
                "the company's own costs or quotes",
            ),
            (r"\bil (nostro )?fornitore (degli|dei|delle|del|di) \w+", "a supplier of its own"),
            (
                r"\b(costo|costi|prezzo|prezzi|spesa|spese|tariff\w+) (?:(?!non\b|mai\b)\w+ ){0,3}(è |sono )?(sceso|scesa|scesi|calato|calata|calati|diminuit\w+)\b",
                "costs going down",
            ),
        ],
        "ru": [
            (
                r"\b(подняли|повысили|подним\w+) (\w+ ){0,2}(свои|наши)\b|\bнаши цены\b|\bсвои цены\b|\bмы (\w+ ){0,4}(подняли|повысили|снизили)\b|\bна (?!(лицензи|подписк|тариф|продлени|софт|систем|программ|платформ|ваш)\w*)\w+ (подняли|повысили) цены\b",
                "the company's own prices",
            ),
            (r"\bпоставщик\w* \w+ (\w+ )?(поднял|повысил)", "a supplier of its own"),
            (
                r"\b(стоимост\w*|цен\w*|расход\w*|затрат\w*|тариф\w*|себестоимост\w*) (?:(?!не\b)\w+ ){0,3}(снизил\w*|упал\w*|сократил\w*|уменьшил\w*)",
                "costs going down",
            ),
        ],
        "pl": [
            (r"\b(obrot\w*|przych\w*|sprzedaż\w*|marż\w*|zysk\w*)", "the company's own metrics"),
            (
                r"\b(podnieśliśmy|podwyższyliśmy|podnosimy|obniżyliśmy|obniżamy)\b|\bnasze ceny\b|\bswoje ceny\b|\b(musieliśmy|musimy|będziemy|zamierzamy|chcemy) (\w+ )?(podnieść|podnosić|podwyższyć|obniżyć) (\w+ )?cen",
                "the company's own prices",
            ),
            (
                r"\bnasze (własne )?(\w+ )?(koszty|wydatki)\b(?! (za|na) (licencj|abonament|system|oprogramow|wasz|platform))",
                "the company's own costs or quotes",
            ),
            (r"\bdostawc\w+ \w+ (\w+ )?(podniósł|podwyższył)", "a supplier of its own"),
            (
                r"\b(koszt\w*|cen\w*|stawk\w*|opłat\w*|wydatk\w*) (?:(?!nie\b)\w+ ){0,3}(spadł\w*|zmalał\w*|obniżył\w* się)",
                "costs going down",
            ),
        ],
        "zh": [
            (r"我们(自己)?(也)?(涨价|降价)|我们(自己)?的(价格|售价)", "the company's own prices"),
            (
                r"我们(?:(?!你们|续费|续约|授权|账号|套餐|版本|系统|软件|订阅|服务)[^，。；！？]){1,4}(涨价|降价|提价)",
                "the company's own prices",
            ),
            (
                r"我们(自己)?的?(?:(?!你们|续费|续约|授权|账号|套餐|版本|系统|软件|订阅|服务)[^，。；！？]){0,4}(成本|报价)[^，。；！？]{0,4}(涨|提高|上升|增加)",
                "the company's own costs or quotes",
            ),
            (r"(成本|费用|单价)[^，。；！？没不]{0,4}(降|下降|减少|少了)", "costs going down"),
        ],
    },
}
# The company's own customers complaining about its prices or its support ("a couple of members complained the
# classes are too expensive", "our customers complain that our own support line is slow"), or one of them paying
# late ("the customer who was late paying us finally paid"), unless the vendor is named before the match ("our
# clients complain about your fees").
_OWN_CUSTOMERS = {
    "en": r"\b(members|clients|customers|patients|guests|parents|students|visitors|shoppers|buyers)\b(\s[\w']+){0,3}\s(complain\w*|grumbl\w*|moan\w*)",
    "it": r"\b(iscritti|clienti|pazienti|ospiti|genitori|soci|studenti)\b(\s[\w']+){0,3}\s(si sono lamentat\w|si lamenta\w*|lamentan\w*)",
    "ru": r"\b(посетител|клиент|родител|пациент|гост|покупател|ученик)\w*(\s\w+){0,3}\s(пожаловал\w*|жалу\w*|поворчал\w*|ворчал\w*)",
    "pl": r"\b(klubowicz|klient|pacjent|goś|gości|rodzic|uczni|kupując)\w*(\s\w+){0,3}\s(narzeka\w*|skarż\w*|poskarży\w*)",
    "zh": r"(会员|客户|家长|顾客|学员|病人|患者)()[^，。；！？]{0,6}(抱怨|嫌|吐槽)",
}
_OWN_CUSTOMER_WHO = {
    "en": r"\b(customer|client|tenant|member|patient)s? (who|that)\b",
    "it": r"\b(client[ei]|inquilin[oi]|pazient[ei]) che\b",
    "ru": r"\b(клиент|арендатор|пациент)\w*,? котор",
    "pl": r"\b(klient|najemc|pacjent)\w*,? któr",
    "zh": r"的(客户|租户|会员|业主)",
}
_VENDOR = {
    "en": r"\byour?\b",
    "it": r"\b(voi|vostr\w)\b",
    "ru": r"\b(ваш\w*|вас|вы)\b",
    "pl": r"\b(wasz\w*|was|wy)\b",
    "zh": r"你们",
}
_LOGISTICS = {
    "en": r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|meeting|sync|call|demo|session|training|workshop|webinar|appointment)s?\b",
    "it": r"\b(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|domani|oggi|riunione|incontro|appuntamento|call|demo|sessione|formazione|corso)\b",
    "ru": r"\b(понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье|завтра|сегодня|встреч\w*|созвон\w*|звонок|демо|обучени\w*|тренинг\w*)\b",
    "pl": r"\b(poniedziałek|wtorek|środ[ęa]|czwartek|piątek|sobot[ęa]|niedziel[ęa]|jutro|dziś|dzisiaj|spotkani\w*|rozmow\w*|demo|szkoleni\w*|warsztat\w*)\b",
    "zh": r"(周[一二三四五六日]|星期|礼拜|明天|今天|会议|开会|例会|培训|演示)",
}
_CONTRACT = {
    "en": r"\b(contract|subscription|agreement|renewal|licen[cs]e|account|plan|service|platform|tool|system|you|notice)\b",
    "it": r"\b(contratto|abbonamento|accordo|rinnovo|licenz\w+|servizio|piattaforma|strumento|sistema|voi|disdetta|recesso|preavviso|pec)\b",
    "ru": r"\b(договор\w*|подписк\w*|контракт\w*|продлени\w*|лицензи\w*|сервис\w*|платформ\w*|систем\w*|вами|вас|уведомлени\w*|расторжени\w*)\b",
    "pl": r"\b(umow\w*|subskrypcj\w*|kontrakt\w*|odnowieni\w*|licencj\w*|usług\w*|platform\w*|system\w*|wami|wypowiedzeni\w*)\b",
    "zh": r"(合同|订阅|协议|续约|续费|账号|系统|平台|你们|解约|通知)",
}
# A meeting as the very thing cancelled: the cancel verb and a meeting word with at most a few words between, none of
# them a contract word ("cancel tomorrow's demo", "演示取消", "会议取消", "odwołać spotkanie", "отменить встречу"),
# even where the clause names the system ("系统演示取消": the demo of the system).
_CANCEL_VERB = {
    "en": r"cancel\w*|call\w* off|scrap\w*|postpon\w*",
    "it": r"annull\w*|cancell\w*|disd\w*|salt\w*|rimand\w*",
    "ru": r"отмен\w*|перенес\w*|перенос\w*",
    "pl": r"odwoł\w*|anul\w*|przełoż\w*|przesun\w*",
    "zh": r"取消|推迟|改期",
}
_MEETING = {
    "en": r"(demo|meeting|sync|call|check-in|catch-up|session|training|workshop|webinar|appointment|visit|review|qbr|walkthrough)s?",
    "it": r"(riunion[ei]|incontr[oi]|appuntament[oi]|call|demo|session[ei]|formazion[ei]|cors[oi]|visit[ae]|presentazion[ei])",
    "ru": r"(встреч\w*|созвон\w*|звон[ок]\w*|демо\w*|обучени\w*|тренинг\w*|презентаци\w*|визит\w*|совещани\w*)",
    "pl": r"(spotkani\w*|rozmow\w*|demo|prezentacj\w*|szkoleni\w*|warsztat\w*|wizyt\w*|webinar\w*|termin\w*)",
    "zh": r"(演示|会议|例会|开会|培训|回顾会|复盘会|拜访|见面|沟通会|电话会)",
}
# A party the customer works with, named by a relative clause ("the agency we worked with", "biuro podróży, z którym
# współpracowaliśmy", "с которым мы работали", "跟我们合作的那家体检中心"): a partner of its own, not the vendor (who is
# "you" on a call).
_PARTNER_WE_WORK_WITH = {
    "en": r"\b(that |who |which )?we('ve| have| had)? (used to |been )?(work|worked|working|partner|partnered|cooperat\w*|collaborat\w*|deal|dealt) with\b(?! you)",
    "it": r"\bcon (cui|il quale|la quale|i quali|le quali) (\w+ )?(lavor\w*|collabor\w*)",
    "ru": r"\bс(о)? (которым|которой|которыми) (мы )?(\w+ )?(работа\w*|сотруднича\w*)",
    "pl": r"\bz (którym|którą|którymi) (\w+ )?(współpracow\w*|współpracuj\w*|pracowa\w*|pracuj\w*)",
    "zh": r"(跟|和|与)我们合作(的|过的)|我们(之前)?合作(的|过的)(那家|那个|这家)",
}
_PARTNER_CATEGORIES = ("cancellation", "competitor", "downgrade")
_CLAUSE_END = re.compile(r"[,;:，；：]")


def not_ours(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` of a rule of ``category`` is about someone else's business, or ``""``."""
    text = sentence.lower()
    clause = _clause(text, start, end)
    for pattern, why in _THIRD_PARTY.get(category, {}).get(lang, ()):
        found = rx.search(pattern, clause)
        if found:
            return f"{why}: {found.group(0).strip()!r}"
    if category in _PARTNER_CATEGORIES and lang in _PARTNER_WE_WORK_WITH:
        partner = _partner_we_work_with(text, end, lang)
        if partner:
            return f"a partner of the company's own: {partner!r}"
    if category in ("price", "support", "payment") and lang in _OWN_CUSTOMERS:
        own = _own_customers(text, end, lang, category)
        if own:
            return f"the company's own customers: {own!r}"
    if category == "cancellation" and lang in _LOGISTICS:
        day = rx.search(_LOGISTICS[lang], clause)
        if day and not rx.search(_CONTRACT[lang], clause):
            return f"meeting logistics: {day.group(0)!r}"
        meeting = _meeting_cancelled(text, start, end, lang)
        if meeting:
            return f"meeting logistics: {meeting!r}"
    return ""


def _partner_we_work_with(text: str, end: int, lang: str) -> str:
    """A relative clause "that we work with" before the match's end, the vendor not named after it."""
    found = next(reversed(list(rx.finditer(_PARTNER_WE_WORK_WITH[lang], text[:end]))), None)  # the last one
    rest = text[found.end() : end] if found else ""
    if found is None or rx.search(_VENDOR[lang], rest) or rx.search(_WE_DO[lang], rest):
        return ""
    return found.group(0).strip()


# The customer itself doing it ("..., z którą współpracowaliśmy, poleciła inny system, więc rezygnujemy"): its own act.
_WE_DO = {
    "en": r"\b(we|i|we're|we've|we'll|i'm|i've|i'll)\b",
    "it": r"\b(noi|io|\w+iamo)\b",
    "ru": r"\b(мы|я)\b",
    "pl": r"\b\w+(emy|imy|amy|śmy|ymy)\b",
    "zh": r"我",
}


def contract_named(text: str, lang: str) -> bool:
    """A contract, the vendor or what it sells named in ``text`` (lower case)."""
    return bool(rx.search(_CONTRACT[lang], text)) if lang in _CONTRACT else False


def _meeting_cancelled(text: str, start: int, end: int, lang: str) -> str:
    """A cancel verb of the match whose object (or, before it, subject) is a meeting: at most three words between
    them (Chinese: four characters), none a contract word."""
    gap = r"[^，。；！？,.;!?]{0,4}?" if lang == "zh" else r"(?:[\w'’-]+\s+){0,3}?"
    verb, meeting = _CANCEL_VERB[lang], _MEETING[lang]
    space = "" if lang == "zh" else r"\s+"
    word = "" if lang == "zh" else r"\b"
    pattern = rf"{word}(?:(?:{verb}){space}{gap}{meeting}|{meeting}{space}{gap}(?:{verb})){word}"
    for found in rx.finditer(pattern, text):
        if found.start() < end and start < found.end() and not rx.search(_CONTRACT[lang], found.group(0)):
            return found.group(0)
    return ""


def _own_customers(text: str, end: int, lang: str, category: str) -> str:
    """The company's own customers complaining (or, for payment, one of them paying), the vendor not named before
    the match's end."""
    own = rx.search(_OWN_CUSTOMERS[lang], text[:end])
    if own is None and category == "payment":
        own = rx.search(_OWN_CUSTOMER_WHO[lang], text[:end])
    if own is None or rx.search(_VENDOR[lang], text[: max(end, own.end())]):
        return ""
    return own.group(0)


def _clause(text: str, start: int, end: int) -> str:
    """The words around the match up to the nearest comma, semicolon or colon on each side (the match itself
    may hold commas)."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    return text[left:right]
