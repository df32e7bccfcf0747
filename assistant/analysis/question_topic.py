# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""A short answer is about what the question asked (issue 10, rules11: eval_heldout10a's short turns, whose meaning
rests on the turn before):

    about_the_question("Way too expensive.", "How was the hotel in Manchester?", "en")
    # -> "a short answer about the question's 'hotel'"

A customer's answer of at most six words (Chinese: twelve characters) that names neither the vendor nor what it
sells, after a question about a trip, a venue, the weather, an office, a meal or a match — things the vendor does not
sell — judges that thing: "Way too expensive." after "How was the hotel?", "Слишком запутанно." after "Как вам
дорога к нашему офису?", "其实没人用。" after "传真机还有人用吗？". The same words after a question about the
quote, the seats or the new editor stay a risk ("Too much." after "Same forty seats, with the new support tier").
The hit is kept, negated, with the reason in its evidence (``analysis._hit``).
"""

from __future__ import annotations

from assistant.analysis import regexes as rx
from assistant.analysis.vendor_words import names_vendor

# Things a question may ask about that the vendor does not sell: travel, venues, weather, offices, meals, matches.
_THINGS = {
    "en": r"\b(landlord|hotels?|flights?|trip|journey|train|parking|car park|road|drive|traffic|furniture|fax( machine)?|coffee|canteen|lunch|dinner|restaurants?|hotpot|party|conference|trade show|expo|football|match|game|holidays?|vacation|weekend|wedding|snow|weather|rain|office|venue)\b",
    "it": r"\b(padron\w* di casa|proprietari\w* (dei muri|di casa)|albergo|albergh\w*|hotel|vol[oi]|viaggi\w*|treno|parcheggi\w*|strada|traffico|mobili|fax|caffè|mensa|pranzo|cena|ristorant\w*|festa|convegno|fiera|partita|calcio|vacanz\w*|ferie|matrimonio|neve|tempo|meteo|ufficio|sede)\b",
    "ru": r"(арендодател\w*|гостиниц\w*|отел\w*|рейс\w*|перел[её]т\w*|долетели|доехали|поездк\w*|поезд\w*|парковк\w*|дорог[аиуе]\b|пробк\w*|мебел\w*|факс\w*|кофе|столов\w*|обед\w*|ужин\w*|ресторан\w*|корпоратив\w*|конференци\w*|выставк\w*|матч\w*|футбол\w*|отпуск\w*|свадьб\w*|снег\w*|погод\w*|офис\w*)",
    "pl": r"\b(wynajmując\w*|właściciel\w* (lokalu|budynku)|hotel\w*|lot(y|u)?|podróż\w*|pociąg\w*|parking\w*|drog[aię]|korki|mebl\w*|faks\w*|kaw[aęy]|stołówk\w*|obiad\w*|kolacj\w*|restaurac\w*|impreza|konferencj\w*|targ(i|ach|ów)|mecz\w*|urlop\w*|wesel\w*|śnieg\w*|pogod\w*|biur(o|ze|a))\b",
    "zh": r"(房东|酒店|宾馆|航班|飞机|出差|火车|高铁|停车|路上|路况|堵车|家具|传真|咖啡|食堂|午饭|晚饭|吃饭|餐厅|火锅|年会|展会|比赛|球赛|假期|婚礼|下雪|天气|办公室)",
}
# What the vendor sells or bills (a question about it is about the vendor, "you" or not).
_SOLD = {
    "en": r"\b(licen[cs]e\w*|seats?|software|platform|app|tool|system|subscription|renew\w*|pric\w*|quote|invoice|support|module|plan|contract|version|release|upgrade|dashboards?|reports?|features?|editor|integration|budget|vendors?)\b",
    "it": r"\b(licenz\w*|postazion\w*|software|piattaforma|app|strument\w*|sistema|gestionale|abbonament\w*|rinnov\w*|prezz\w*|preventiv\w*|fattur\w*|assistenza|modul\w*|piano|contratt\w*|version\w*|aggiornament\w*|cruscott\w*|report\w*|funzion\w*|budget|fornitor\w*)\b",
    "ru": r"(лицензи\w*|мест[ао]?\b|софт\w*|платформ\w*|приложени\w*|систем\w*|программ\w*|подписк\w*|продл\w*|цен[аыу]\w*|предложени\w*|сч[её]т\w*|поддержк\w*|модул\w*|тариф\w*|договор\w*|верси\w*|обновлени\w*|дашборд\w*|отч[её]т\w*|функци\w*|редактор\w*|бюджет\w*|поставщик\w*)",
    "pl": r"\b(licencj\w*|stanowisk\w*|oprogramowani\w*|platform\w*|aplikacj\w*|narzędzi\w*|system\w*|program\w*|subskrypcj\w*|abonament\w*|odnowieni\w*|przedłuż\w*|cen\w*|ofert\w*|faktur\w*|wsparci\w*|moduł\w*|plan\w*|umow\w*|wersj\w*|aktualizacj\w*|dashboard\w*|raport\w*|funkcj\w*|edytor\w*|budżet\w*|dostawc\w*)\b",
    "zh": r"(授权|账号|软件|平台|系统|订阅|续约|续费|价格|报价|发票|客服|支持|模块|套餐|合同|版本|升级|看板|报表|功能|编辑器|预算|供应商)",
}
_ENDS = ".!?。！？"
_WORDS = 6
_ZH_CHARACTERS = 12


def about_the_question(sentence: str, previous: str, lang: str) -> str:
    """Why the short answer ``sentence`` (the first of its turn) judges the thing the question ``previous`` asked
    about, not the vendor, or ``""``."""
    answer = sentence.lower()
    short = len(answer) <= _ZH_CHARACTERS if lang == "zh" else len(answer.split()) <= _WORDS
    if lang not in _THINGS or not short or names_vendor(answer, lang):
        return ""
    question = _last_question(previous.lower().strip())
    thing = rx.search(_THINGS[lang], question)
    if thing is None or rx.search(_SOLD[lang], question):
        return ""
    return f"a short answer about the question's {thing.group(0).strip()!r}"


def _last_question(text: str) -> str:
    """The last question of ``text`` (a sentence ending in a question mark, or in Chinese 吗 / 呢 at the end), or
    ``""``; read from the end, so a long turn costs one pass."""
    mark = max(text.rfind("?"), text.rfind("？"))
    if mark < 0 and text.rstrip("。！").endswith(("吗", "呢")):
        mark = len(text.rstrip("。！")) - 1
    if mark < 0:
        return ""
    start = max(text.rfind(end, 0, mark) for end in _ENDS) + 1
    return text[start : mark + 1]
