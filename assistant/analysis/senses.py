# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Other senses: rule matches whose sentence says they are not about the renewal (issue 10 §5, the sixth session's
false alarms on new writers' text). ``parties.py`` reads the matched clause; these constructions read the whole
sentence (``elsewhere``, which also asks ``third_parties.py`` about other people's things and ``disclaimers.py``
about a disclaimer after the match) or the turn after a question (``denied_after``):

- **private life and the customer's own operations**: a gym pass, a season ticket, piano lessons, the morning
  yoga groups, a flight, a lease or rental contract ("rezygnujemy z porannej zumby", "отменили утренние группы по
  йоге", "年票我不续了", "umowa najmu") in a sentence that names neither the vendor nor its product;
- **market prices**: steel, fuel, flights, a carmaker's or a courier's prices ("steel prices went up", "producent
  podniósł ceny aut", "油价又涨了"), when the sentence names neither the vendor nor the renewal;
- **a rate of the company's own**: churn, retention, a refund or renewal rate, a percentage going down ("our
  refund rate's come down to under two percent", "отток упал ... до одиннадцати процентов", "续课率挺高的");
- **switching would be a hassle** ("换系统很麻烦的", "switching would be a nightmare", "Zmiana systemu to koszmar"):
  the competitor or complexity words inside it are a reason to stay;
- **Chinese word senses**: "麻烦了" / "麻烦你" (please, thanks: not "troublesome"), "走流程" / "走完了" (a process
  went through: not "someone left"), "手续费" (a handling fee: not "续费", the renewal fee);
- **a question echoed and denied** (``denied_after``): "解约？没有没有，没这个打算。", "Ridurre le licenze? Ma no,
  anzi.", "Skomplikowane? Skąd, ...": the customer repeats the rep's word as a question and says no.

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

import re

from assistant.analysis import regexes as rx
from assistant.analysis.disclaimers import unrelated
from assistant.analysis.third_parties import Check, third_party_checks
from assistant.analysis.vendor_words import first, mentions_ours, names_vendor

# Private life and the customer's own operations: what gets cancelled or costs too much is not the contract.
_ELSEWHERE = {
    "en": r"\b(class(es)?|lessons?|yoga|zumba|pilates|gym|fitness|season ticket|stadium|piano|guitar|violin|flights?|airfare|hotels?|holiday party|christmas party|leas(e|ing)|rental|tenancy|mortgage|printers?|copiers?|coffee machine|orders (of|for)|trucks?|vans?|vehicles?)\b",
    "it": r"\b(lezion\w*|cors[oi]|yoga|zumba|pilates|palestra|stadio|piscina|pianoforte|chitarra|vol[oi]|albergh\w*|hotel|cena aziendale|festa aziendale|noleggio|affitto|locazione|leasing|stampant\w*|lavoro per|ordini di|camion\w*|furgon\w*)\b",
    "ru": r"\b(заняти\w*|урок\w*|групп[ыу]? по|йог\w*|зумб\w*|пилатес\w*|абонемент\w*|спортзал\w*|фитнес\w*|стадион\w*|музыкалк\w*|пианино|фортепиано|рейс\w*|авиабилет\w*|гостиниц\w*|корпоратив(а|е|у|ом|ы|ов)?\b|аренд\w*|лизинг\w*|принтер\w*|заказ\w* на|грузовик\w*|фургон\w*)",
    "pl": r"\b(zaję\w*|lekcj\w*|jog[ai]\w*|zumb\w*|pilates\w*|siłowni\w*|karnet\w*|stadion\w*|pianin\w*|gitar\w*|lot(y|u|ów)?|hotel\w*|imprez\w* świąteczn\w*|wigili\w*|najm(u|em|ie)?\b|leasing\w*|dzierżaw\w*|drukar\w*|zamówieni\w* na|ciężarów\w*|furgon\w*)\b",
    "zh": r"(团课|瑜伽|尊巴|健身|年票|月卡|钢琴|吉他|航班|机票|酒店|公司年会|聚餐|租赁|租房|房租|厂房|打印机|货车|卡车|车辆)",
}
_SMALL_TALK = {
    "en": r"\b(weather|traffic|rain|snow)\b",
    "it": r"\b(questo tempo|il tempo|meteo|traffico|pioggia|neve)\b",
    "ru": r"\b(погод\w*|пробк\w*|дожд\w*|снег\w*)",
    "pl": r"\b(pogod\w*|korki|korek|deszcz\w*|śnieg\w*)",
    "zh": r"(天气|堵车|下雨|下雪)",
}
_APPROVED = {
    "en": r"\b(approved|signed off)\b",
    "it": r"\b(approvat\w*|stanziat\w*)\b",
    "ru": r"\b(утвердил\w*|утвержд\w*|одобрил\w*|одобрен\w*|согласовал\w*)",
    "pl": r"\b(zatwierdz\w*|zaakceptowan\w*)",
    "zh": r"(批了|批下来|已经批|审批通过|通过了)",
}
_NOT_BEFORE = {
    "en": r"\b(not|n't|never|yet to be)\W+(\w+\W+)?$",
    "it": r"\bnon\W+(\w+\W+)?$",
    "ru": r"\bне\W+(\w+\W+)?$",
    "pl": r"\bnie\W+(\w+\W+)?$",
    "zh": r"(没|未|不)[^，。]{0,2}$",
}
_BUDGETED = {
    "en": r"\balready (budgeted|planned for|in (the|our) budget|factored in)\b",
    "it": r"\bgià (previst\w*|messo a budget|mess\w* in bilancio|a budget)\b",
    "ru": r"\b(уже заложен\w*|уже заложили|уже учтен\w*|уже учтён\w*|заложили в бюджет)",
    "pl": r"\b(już (uwzględni\w*|zaplanowa\w*|w budżecie)|mamy (to )?w budżecie)",
    "zh": r"(已经(在)?(预算|算进|列入|计划)|预算里(已经)?有)",
}
_MORE_SEATS = {
    "en": r"\b(\d+|a few|few|two|three|four|five|ten|some|several) more (licen[cs]es|seats|users|accounts)\b",
    "it": r"\b(licenz\w*|utenz\w*|postazion\w*|utenti) in più\b",
    "ru": r"\b(ещё|еще) (\w+ )?(лицензи\w*|мест\w*|пользовател\w*)|\b(лицензи\w*|мест\w*) больше\b",
    "pl": r"\b(licencj\w*|stanowisk\w*|użytkownik\w*) więcej\b|\bwięcej (licencj\w*|stanowisk\w*|użytkownik\w*)",
    "zh": r"(多|加|增加)(几|两|三|\d+)?个?(账号|席位|用户|授权)",
}
# An account or seat asked for in addition, over a downgrade match ("dodatkowe konto ... tylko do podglądu"): buying more.
_ADDITIONAL = {
    "en": r"\b(additional|extra|another|one more) (\w+ )?(accounts?|seats?|users?|licen[cs]es?|logins?)\b",
    "it": r"\b(altr[oa]|ulterior\w*) (\w+ )?(account|licenz\w*|utenz\w*|postazion\w*)|\b(account|licenz\w*|utenz\w*) (aggiuntiv\w*|in più)\b",
    "ru": r"\b(дополнительн\w*|ещё одн\w*|еще одн\w*) (\w+ )?(аккаунт\w*|учётн\w*|учетн\w*|лицензи\w*|пользовател\w*|мест\w*)",
    "pl": r"\b(dodatkow\w*|jeszcze jedn\w*) (\w+ )?(kont\w*|licencj\w*|stanowisk\w*|użytkownik\w*|login\w*)",
    "zh": r"(额外|新增|多开|再开|加一个|加个)[^，。]{0,3}(账号|席位|用户|授权)",
}
# Switching would be a hassle: the customer says why it stays ("换系统很麻烦的", "Zmiana systemu to koszmar").
_SWITCHING_COST = {
    "en": r"\bswitch(ing)?( \w+){0,3} (is|would be|'d be|'s|will be) (a )?(real )?(pain|hassle|nightmare|headache|too much work|a lot of work)\b|\bswitch\w*\b[^.!?]{0,40}\b(retrain|train (everyone|everybody|them|the \w+) again)\b",
    "it": r"\bcambiare( \w+){0,2} (è|sarebbe|significa) (un casino|un incubo|una fatica|un lavoraccio|troppo complicato)",
    "ru": r"\b(переходить|переход|менять|сменить)( \w+){0,3}\s*(—|-|это)?\s*(морока|мучение|кошмар|слишком сложно|головная боль)",
    "pl": r"\b(zmiana|zmieniać|zmienić|przejście|przechodzić)( \w+){0,3} (to )?(koszmar|męczarnia|za dużo roboty|kłopot|ból głowy)",
    "zh": r"换[^，。！？]{0,4}(很|太|挺|特别|多)?(麻烦|折腾|费劲)|换[^。！？]{0,14}(又得|还得|得|要)重新(教|培训|学)",
}
# Market prices: a commodity, travel or a maker's / carrier's prices.
_MARKET = {
    "en": r"\b(steel|fuel|oil|gas|petrol|diesel|energy|electricity|food|grocer(y|ies)|housing|rents?|materials?|lumber|timber|copper|grain|flights?|airfare|hotels?|coffee|everything|commodit(y|ies)|manufacturers?|carmakers?|producers?|couriers?|carriers?|airlines?|wholesalers?|cars|wholesale|retail|spot|market)\b",
    "it": r"\b(acciaio|carburant\w*|benzina|gasolio|petrolio|energia|bollett\w*|materie prime|affitt\w*|vol[oi]|albergh\w*|caffè|produttor\w*|corrier\w*|auto|macchine|all'ingrosso|ingrosso|al dettaglio|di mercato)\b",
    "ru": r"\b(бензин\w*|топлив\w*|нефт\w*|электроэнерги\w*|стал[ьи]|металл\w*|сырь\w*|материал\w*|аренд\w*|авиабилет\w*|билет\w*|гостиниц\w*|кофе|производител\w*|курьер\w*|перевозчик\w*|автомобил\w*|машин|оптов\w*|рыночн\w*|розничн\w*)\b",
    "pl": r"\b(paliw\w*|benzyn\w*|rop[ayę]|prąd\w*|energi\w*|stal[iy]?|materiał\w*|surowc\w*|czynsz\w*|najm(u|em|ie)?\b|bilet\w*|lot(y|u|ów)?|hotel\w*|kaw[ay]|producent\w*|kurier\w*|przewoźni\w*|aut|auta|samochod\w*|hurtow\w*|rynkow\w*|detaliczn\w*)\b",
    "zh": r"(钢材|钢价|油价|汽油|柴油|原材料|机票|酒店|房价|房租|菜价|物价|金价|咖啡|厂家|厂商|车价|批发价|市场价|零售价|批发)",
}
_RATE = {
    "en": r"\b(churn|retention|occupancy|attrition|conversion|(refund|renewal|return|cancellation|no-show|growth|fill|win|booking|repeat)s? rate('s)?)\b.{0,60}\b(percent|per cent)\b|\b(down|dropped|fell|fallen|come down|gone down|went down)( \w+){0,2} (to |below |under )(about |around |under |below )?\w+( \w+)? (percent|per cent)\b",
    "it": r"\b(tasso|percentuale)\b.{0,60}\bper ?cento\b|\b(scesi|scese|sceso|scesa|calat\w*|diminuit\w*)( \w+){0,3} \w+ per ?cento\b",
    "ru": r"\b(отток|удержани\w*|конверси\w*|доля|показател\w*)\b.{0,80}\bпроцент\w*|\b(упал\w*|снизил\w*|сократил\w*|опустил\w*)( \w+){0,5} процент\w*",
    "pl": r"\b(wskaźnik\w*|odsetek|retencj\w*|konwersj\w*)\b.{0,60}\bprocent\w*|\b(spadł\w*|zmalał\w*|obniżył\w*)( \w+){0,4} procent\w*",
    "zh": r"(降|下降|降到|跌)[^，。]{0,6}百分之",
}
_ZH_RATE_BEFORE = r"率[^，。；！？]{0,4}$"  # a rate just before the match's last word ("续费率挺高": 续费 … 高)
_ZH_PLEASE = re.compile(
    r"(?<![太很挺真好特别非常比较有点越更超])麻烦(?=了|你|您|帮|改|发|给|把|再|跟|[^，。！？太很]{1,4}一下)"
)
_ZH_PROCESS = re.compile(r"走(流程|完|手续|过)|(流程|手续|单)[^，。]{0,3}走")
# The cancel word naming a control of the product, not an act: "the unsubscribe link", "退订链接", "кнопка отмены".
_CONTROL = {
    "en": r"\b(cancel\w*|unsubscribe|opt-out) (link|button|page|option|form|flow|email|template)s?\b",
    "it": r"\b(pulsant\w*|link|tast\w*|bottone|pagina|modulo) (di |per )?(annull\w*|disdett\w*|cancellazion\w*|disiscri\w*)",
    "ru": r"(кнопк\w*|ссылк\w*|страниц\w*|форм\w*|шаблон\w*) (отмен\w*|отписк\w*|расторжени\w*)",
    "pl": r"\b(przycisk\w*|link\w*|stron\w*|formularz\w*|szablon\w*) (anuluj\w*|anulowani\w*|rezygnacj\w*|wypisani\w*)",
    "zh": r"(退订|取消|解约|注销)(链接|按钮|键|页面|入口|功能|选项|模板)",
}
# Settings and admin work on the product, not leaving it: notifications switched off for a holiday, the account of an
# employee who left deleted, noise cancellation ("отключить уведомления в вашей системе", "cancellare l'account di un
# dipendente", "The cancellation is brilliant, the agents can finally hear customers").
_ADMIN = {
    "en": r"\b(turn\w* off|disabl\w*|switch\w* off|mut\w*|paus\w*) (the |all |our )?(\w+ )?(notifications|alerts|reminders|emails)\b|\b(delet\w*|remov\w*|deactivat\w*|clos\w*|cancel\w*) (the |an? )?(employee|user|colleague|staff member|leaver)'?s? account\b|\baccount (of|for) (an? |the |one )?(employee|user|colleague|person|leaver)\b|\b(noise|echo)[- ]cancell\w*|\bthe cancell\w* (is|was|works) (\w+ )?(brilliant|great|amazing|excellent|fantastic|superb|perfect|good)\b",
    "it": r"\b(disattiv\w*|spegn\w*|sospend\w*) (le |tutte le )?(notifich\w*|avvisi|promemoria)\b|\b(cancell\w*|elimin\w*|disattiv\w*|chiud\w*) l'account (di|del|della) (un |una |uno )?(dipendent\w*|collega|utente|persona)\b|\b(cancellazione|riduzione) del rumore\b",
    "ru": r"\b(отключ\w*|выключ\w*|приостанов\w*) (\w+ )?(уведомлени\w*|оповещени\w*|напоминани\w*|рассылк\w*)|\b(удал\w*|отключ\w*|закр\w*|заблокир\w*) (\w+ )?(учётн\w* запис\w*|учетн\w* запис\w*|аккаунт\w*|доступ\w*) (\w+ )?(сотрудник\w*|пользовател\w*|коллег\w*|уволивш\w*)|\bшумоподавлени\w*",
    "pl": r"\b(wyłącz\w*|wyciszy\w*|wstrzyma\w*) (\w+ )?(powiadomie\w*|alert\w*|przypomnie\w*)|\b(usun\w*|zamkn\w*|wyłącz\w*|dezaktyw\w*|anul\w*) (\w+ )?kont\w* (\w+ )?(pracownik\w*|pracownic\w*|użytkownik\w*|koleg\w*|koleżank\w*)|\bredukcj\w* szum\w*",
    "zh": r"(关闭|关掉|暂停|停掉)[^，。；！？]{0,4}(通知|提醒|推送)|(删除|删掉|注销|停用|关闭)[^，。；！？]{0,6}(员工|同事|用户|离职)[^，。；！？]{0,4}(账号|账户)|(员工|同事|离职的人)的?(账号|账户)[^，。；！？]{0,4}(删除|删掉|注销|停用|关闭)|降噪",
}
# What an event cost ("Дорого нам обошёлся этот снегопад", "that storm cost us dearly"): not the vendor's price.
_EVENT_COST = {
    "en": r"\b(that|this|the) (?!(\w+ )*?(licen|subscription|renewal|invoice|software|platform|system|tool|app|module)\w*)(\w+ ){0,2}cost us (dearly|a fortune|a lot)\b",
    "ru": r"\bобош[её]л\w* (\w+ )?(этот|эта|это|эти|тот|та|те) (?!(лицензи|подписк|продлени|софт|систем|программ|платформ|приложени|модул)\w*)\w+",
}
# Nobody complaining is praise ("nessuno si lamenta", "nobody complains", "никто не жалуется", "nikt nie narzeka").
_NO_COMPLAINT = {
    "en": r"\b(nobody|no one|no-one|none of them) (\w+ )?(complains?|complained|moans?|grumbles?)\b|\bno complaints\b",
    "it": r"\bnessuno (si )?(lamenta|è lamentato|brontola)\b|\bnessun[ao]? lamentel\w*",
    "ru": r"\bникто (\w+ )?не (жалуется|жаловался|жалуются|ворчит)|\bникаких жалоб\b",
    "pl": r"\bnikt (\w+ )?nie (narzeka|narzekał|skarży)\w*|\bżadnych skarg\b",
    "zh": r"(没人|没有人|谁也没)(抱怨|吐槽|投诉)",
}
_ECHO_DENIAL = {
    "en": r"^\s*(no\b|nope\b|nah\b|not at all|of course not|god no|absolutely not|never\b)",
    "it": r"^\s*(no\b|ma no\b|macché|macche|assolutamente no|per niente|ma figurati|figuriamoci|neanche per sogno)",
    "ru": r"^\s*(нет\b|да нет|ни в коем|что вы|ну нет|какое там|наоборот)",
    "pl": r"^\s*(nie\b|skąd|ależ skąd|gdzie tam|raczej nie|raczej \w+my\b|wręcz przeciwnie|coś ty)",
    "zh": r"^\s*(没有|没|不会|不|哪有|哪里|怎么会|才不)",
}
_NEAR = 40  # characters either side of a match that a private thing or a market good must stand within
_ECHO_WORDS = 6  # an echoed question is short: at most this many words (Chinese: twice as many characters)


def elsewhere(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` of a rule of ``category`` is about something other than the renewal,
    or ``""`` (the constructions of the module's docstring; each looked for only where it applies)."""
    text = sentence.lower()
    for applies, find, why in (
        *_senses(text, start, end, lang, category),
        *third_party_checks(text, start, lang, category),
    ):
        found = find() if applies else ""
        if found:
            return f"{why}: {found!r}"
    return ""


def _senses(text: str, start: int, end: int, lang: str, category: str) -> list[Check]:
    """Other senses: a disclaimer, private life, small talk, an approved budget, market prices, own rates ..."""
    ours = mentions_ours(text, lang)
    return [
        (category != "champion", lambda: unrelated(text, end, lang), "the customer says it is unrelated"),
        (category in _ELSEWHERE_CATEGORIES, lambda: _near(_ELSEWHERE, text, start, end, lang), _PRIVATE),
        (category in _TALKED_OF and not ours, lambda: first(_SMALL_TALK, text, lang), "small talk"),
        (category == "budget", lambda: _approved(text, lang), "the budget is approved"),
        (
            category == "price" and not ours,
            lambda: _near(_MARKET, text, start, end, lang),
            "market or someone else's prices",
        ),
        (category == "price", lambda: first(_BUDGETED, text, lang), "a rise already in the budget"),
        (category == "price", lambda: first(_MORE_SEATS, text, lang), "buying more"),
        (category == "downgrade", lambda: _over(_ADDITIONAL, text, start, end, lang), "buying more"),
        (category in _RATE_CATEGORIES, lambda: _rate(text, end, lang), "a rate of the company's own"),
        (lang == "zh", lambda: _zh_sense(text, start, end, category), "another sense"),
        (category == "competitor", lambda: first(_WON_TENDER, text, lang), "a tender the customer wins"),
        (lang == "pl" and category in _PL_SENSES, lambda: _over(_PL_SENSES[category], text, start, end, lang), _PL_WHY),
        (category == "cancellation", lambda: _over(_CONTROL, text, start, end, lang), "a control of the product"),
        (
            category == "cancellation",
            lambda: _over(_ADMIN, text, start, end, lang),
            "a setting or an admin task, not leaving",
        ),
        (category == "price", lambda: first(_EVENT_COST, text, lang), "what an event cost"),
        (category in _PRAISED, lambda: _over(_NO_COMPLAINT, text, start, end + 1, lang), "nobody complaining"),
        (category in ("competitor", "complexity"), lambda: _over(_SWITCHING_COST, text, start, end, lang), _SWITCH_WHY),
    ]


_SWITCH_WHY = "switching would be a hassle: a reason to stay"
# A tender the customer wins is its own sales ("Если тендер выиграем.", "Gara d'appalto vinta."); a tender another
# company wins ("если тендер выиграет другая компания") is not read here.
_WON_TENDER = {
    "en": r"\b(we|we've|we have|we'll) (\w+ )?(won|win) (the|a|this) (tender|bid)\b",
    "it": r"\b(gara d'appalto vinta|gara vinta|(abbiamo )?vinto (la|una) gara|vinciamo (la|una) gara)",
    "ru": r"\b(выиграем|выиграли|выиграть|победили в) тендер\w*|\bтендер\w* (выиграем|выиграли)\b",
    "pl": r"\b(wygraliśmy|wygramy|wygrać) przetarg\w*|\bprzetarg\w* (wygraliśmy|wygramy|wygrany)\b",
    "zh": r"(中标|赢了招标|拿下招标|投标成功)",
}
# Polish words whose light stem is a risk word's: "wypowiedzi" (statements) shares "wypowiedz" with "wypowiedzenie"
# (notice), "taniał" (got cheaper: a share, a market) shares "tani" with "taniej". Per category, over the match.
_PL_SENSES = {
    "cancellation": {"pl": r"\bwypowied(ź|zi|zią|ziach|ziami)\b"},
    "price": {"pl": r"\b(po)?tani(ał|ała|ało|ały|eje|eją|ejąc)\b"},
}
_PL_WHY = "another sense (a statement, a price falling)"
_PRIVATE = "private life or the customer's own operations"


_PRAISED = ("adoption", "support", "complexity", "dissatisfaction")
_RATE_CATEGORIES = ("price", "cancellation", "support", "complexity", "budget")
_ELSEWHERE_CATEGORIES = ("cancellation", "price", "budget", "downgrade", "dissatisfaction")
_TALKED_OF = ("support", "complexity", "dissatisfaction")  # what small talk (the weather, the traffic) can be


def denied_after(text: str, sentence_start: int, sentence_end: int, lang: str) -> str:
    """The denial that answers a short question holding the match ("解约？没有没有，没这个打算。"), or ``""``."""
    sentence = text[sentence_start:sentence_end].strip()
    if not sentence.endswith(("?", "？")) or lang not in _ECHO_DENIAL:
        return ""
    size = len(sentence) if lang == "zh" else len(sentence.split())
    if size > (_ECHO_WORDS * 2 if lang == "zh" else _ECHO_WORDS):
        return ""
    found = rx.search(_ECHO_DENIAL[lang], text[sentence_end:].lower())
    return found.group(0).strip() if found else ""


def _over(table: dict[str, str], text: str, start: int, end: int, lang: str) -> str:
    """A construction of ``table`` that covers part of the match."""
    spans = rx.finditer(table[lang], text) if lang in table else ()
    return next((m.group(0) for m in spans if m.start() < end and start < m.end()), "")


def _near(table: dict[str, str], text: str, start: int, end: int, lang: str) -> str:
    """A word of ``table`` within ``_NEAR`` characters of the match, the vendor and its product not named in the
    sentence."""
    if lang not in table or names_vendor(text, lang):
        return ""
    return first(table, text[max(0, start - _NEAR) : end + _NEAR], lang)


# "Until it is approved" is no approval ("до утверждения бюджета", "until the budget is signed off", "do zatwierdzenia").
_UNTIL_BEFORE = {
    "en": r"\b(until|till|before|pending)\W+(\w+\W+){0,3}$",
    "it": r"\b(fino a(ll['a]|l)?|prima (che|di|dell['a])|in attesa (di|dell['a]))\W*(\w+\W+){0,2}$",
    "ru": r"\b(до|пока не|в ожидании)\W+(\w+\W+){0,1}$",
    "pl": r"\b(do|dopóki nie|przed|w oczekiwaniu na)\W+(\w+\W+){0,1}$",
    "zh": r"(之前|以前|前|等)[^，。]{0,6}$",
}


def _approved(text: str, lang: str) -> str:
    """The budget approved in the sentence ("il budget è stato approvato"), not "not approved" / "还没批", nor "until
    it is approved" ("до утверждения бюджета")."""
    found = rx.search(_APPROVED[lang], text) if lang in _APPROVED else None
    if not found or rx.search(_NOT_BEFORE[lang], text[: found.start()]):
        return ""
    if lang in _UNTIL_BEFORE and rx.search(_UNTIL_BEFORE[lang], text[: found.start()]):
        return ""
    return found.group(0)


def _rate(text: str, end: int, lang: str) -> str:
    """A rate or percentage of the company's own in the sentence (Chinese: a 率 before the match's last word)."""
    if lang == "zh":
        found = rx.search(_ZH_RATE_BEFORE, text[:end])
        return found.group(0) if found else first(_RATE, text, lang)
    return first(_RATE, text, lang)


def _zh_sense(text: str, start: int, end: int, category: str) -> str:
    """Chinese words of another sense inside the match: 麻烦 as "please / thanks", 走 as a process going through,
    续 as the second character of 手续 (formalities; 手续费 a handling fee: "银行手续费涨了" is no 续费), 钱 as the
    second character of 洗钱 (money laundering: "反洗钱不到位" is no shortage of money)."""
    laundering = text.find("洗钱", max(0, start - 1), end)
    if laundering != -1:
        return "洗钱"
    formalities = text.find("手续", max(0, start - 1), end)
    if formalities != -1:
        return text[formalities : formalities + 3]
    around = text[max(0, start - 3) : end + 3]
    if category == "complexity":
        found = _ZH_PLEASE.search(text, max(0, start - 1), end + 3)
        return found.group(0) + text[found.end() : found.end() + 1] if found else ""
    if category == "champion":
        found = _ZH_PROCESS.search(around)
        return found.group(0) if found else ""
    return ""
