# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""What a customer's turn says that takes the risk out of its procedural words (issue 10, rules14; eval_heldout13a's
reverse traps: routine procurement steps on a renewal that is going ahead, and praise that names the old vendor).

- **the renewal going ahead** (``going_ahead``): after a tender, a three-quote check, an approval chain, a late
  signature or a late payment, the turn says the renewal is settled — "everyone's already said yes", "renew as-is",
  "il rinnovo è già approvato", "продлевать будем, это решено", "przedłużenie jest zatwierdzone", "zostajemy z
  Państwem", "续约已经定了", "钱肯定会付", and (rules15) "续约照常走", "三家报价走个形式", "the renewal goes ahead" —
  with no contrast and no condition after it: a hit of a procedural category (competitor, budget, cancellation,
  payment) said before it is the way there, not a risk ("Szkoła musi puścić to
  przez zapytanie ofertowe ..., ale wszyscy wiedzą, że zostajemy z Państwem."). "We're renewing, but the budget is
  half" keeps the hit (a contrast after); price, support and the other complaints are never touched;
- **the old vendor's trouble** (``former_vendor``; a "now" in its sentence keeps the hit unless it says it is better
  now: "…, teraz jest prościej"): a support, dissatisfaction, competitor or complexity hit said of
  the tool or vendor the customer had before ("Prima usavamo Zucchetti e per ogni richiesta aspettavamo giorni",
  "С прошлым подрядчиком ... по неделе ждали ответа", "Wcześniej korzystaliśmy z Gastro POS i wsparcie było
  fatalne", "以前用别的系统，客服爱答不理的") in a turn that praises the vendor's own ("con il vostro supporto risolviamo
  in un'ora", "ваша техподдержка ... выручала", "U Państwa wsparcie odpowiada od razu", "你们的客服每次都很耐心"): no
  word of the vendor between the "before" and the match, and no "now" in the match's sentence ("Before, your support
  answered in an hour; now we wait a week" stays).

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

from assistant.analysis import regexes as rx

PROCEDURAL = ("competitor", "budget", "cancellation", "payment")
_GOING_AHEAD = {
    "en": r"\b(we('re| are) (renewing|staying with you)|we('ll| will) (renew|sign)( it)?( once| as soon as| this| by|\.)|(everyone|everybody)('s| has)( already)? said yes|renew as-is|renewal (is|has been) (already )?(approved|agreed|decided|signed off|confirmed)|nothing else (is )?pending|(it's|it is) a formality|we('re| are) staying|the renewal (goes|is going) ahead( as usual)?)",
    "it": r"\b(il rinnovo è (già )?(approvato|deciso|confermato|firmato)|rinnoviamo (di sicuro|senz'altro|come sempre)|restiamo con voi|è una formalità|è solo una formalità|il rinnovo (procede|va avanti)( come sempre| regolarmente)?)",
    "ru": r"((?<!не )продлевать будем|(?<!не )продлеваем(?!ся)|продление (уже )?(согласовано|утверждено|одобрено|решено)|это решено|остаёмся с вами|остаемся с вами|это формальность|подпишу до)",
    "pl": r"\b(przedłużenie jest (już )?(zatwierdzone|przesądzone|uzgodnione)|zostajemy z (państwem|wami|panem|panią)|(?<!nie )przedłużamy|to formalność|ale podpisuje)\b",
    "zh": r"(续约(预算)?(已经|早就)?(定了|没问题|确定了|批了|批下来了)|肯定(会)?续|一定(会)?续|钱肯定会付|肯定会付|续约的事没问题|就按原来的签|(续约|续费)照常|走个形式|正常走就行)",
}
_CONDITION = {
    "en": r"\b(if|unless|once they)\b",
    "it": r"\b(se|a meno che)\b",
    "ru": r"\b(если|разве что)\b",
    "pl": r"\b(jeśli|jeżeli|chyba że)\b",
    "zh": r"(如果|要是|除非|的话)",
}
_CONTRAST = {
    "en": r"\b(but|though|however)\b",
    "it": r"\b(ma|però|tuttavia)\b",
    "ru": r"\b(но|однако)\b",
    "pl": r"\b(ale|jednak)\b(?! podpisuje)",
    "zh": r"(但是|但|不过|可是)",
}
# The tool or vendor the customer had before, said in the past.
_BEFORE = {
    "en": r"(^|[.!?,] )before( you| that)?,|\bbefore you\b|\b(previously|we used to (have|use)|\w+ used to say|in the (\w+ )?years we had|our (old|previous|former) (vendor|supplier|provider|system|tool)|the (old|previous|former) (vendor|supplier|provider|system|tool))\b",
    "it": r"\b(prima (usavamo|avevamo|lavoravamo con|con)|prima di voi|in precedenza|il (vecchio|precedente) (fornitore|sistema|gestionale|programma))\b",
    "ru": r"(раньше (у нас был\w*|мы (работали|пользовались))|прошл\w+ подрядчик\w*|прежн\w+ (подрядчик|поставщик|систем)\w*|предыдущ\w+ (подрядчик|поставщик|систем)\w*|стар\w+ (подрядчик|поставщик|систем)\w*)",
    "pl": r"\b(wcześniej (korzystaliśmy|mieliśmy|pracowaliśmy)|kiedyś (korzystaliśmy|mieliśmy)|poprzedni\w* (dostawc|system|program|firm)\w*)\b",
    "zh": r"(以前|之前|原来|过去)(我们)?(用|使用|用过|合作)",
}
# The vendor's own, praised or named now.
# The same said after the name, in a relative clause ("better than Salesforce, which we used before").
_USED_BEFORE = {
    "en": r"^[^.!?]{0,40}\b(which|that|who) we (used|had|worked with) (before|previously)\b",
    "it": r"^[^.!?]{0,40}\bche (usavamo|avevamo) (prima|in precedenza)\b",
    "ru": r"^[^.!?]{0,40}(которым|которой|который) мы (пользовались|работали) раньше",
    "pl": r"^[^.!?]{0,40}\bz (którego|której|którym) (korzystaliśmy|pracowaliśmy)( wcześniej)?\b",
    "zh": r"^[^。！？]{0,10}(我们)?(以前|之前|原来)(用|用过)的",
}
_YOURS = {
    "en": r"\b(your (support|help ?desk|team|service|system|platform)|(was|were) you\b|with you\b)",
    "it": r"\b(con (il )?vostr\w*|(il )?vostr\w* (supporto|assistenza|team|servizio|sistema))",
    "ru": r"(ваш\w* (техподдержк|поддержк|команд|систем|сервис|специалист)\w*|у вас\b|с вами\b)",
    "pl": r"\b(u (państwa|was)|państwa (wsparcie|dział|system|zespół|serwis)|wasz\w* (wsparcie|system|zespół|serwis))",
    "zh": r"你们的?(客服|支持|系统|团队|服务|技术)",
}
_NOW = {
    "en": r"\b(now|these days|this year|lately)\b",
    "it": r"\b(ora|adesso|oggi|quest'anno|ultimamente)\b",
    "ru": r"(сейчас|теперь|в этом году|последнее время)",
    "pl": r"\b(teraz|obecnie|w tym roku|ostatnio)\b",
    "zh": r"(现在|最近|今年|如今)",
}
# "now" that says it is better now ("…, teraz jest prościej", "now it's much easier"): no problem of the present.
_NOW_BETTER = {
    "en": r"\b(now|these days)\b,? (it's|it is|everything's|everything is|things are) (much |far |a lot )?(easier|simpler|better|faster|fine)\b",
    "it": r"\b(ora|adesso)\b,? (è|va) (molto )?(più (semplice|facile|veloce)|meglio)\b",
    "ru": r"(сейчас|теперь),? (всё |все )?(намного |гораздо )?(проще|лучше|легче|быстрее)",
    "pl": r"\b(teraz|obecnie)\b,? (jest )?(dużo |o wiele |znacznie )?(prościej|łatwiej|lepiej|szybciej)\b",
    "zh": r"(现在|如今)(好多了|简单多了|方便多了|顺多了|容易多了)",
}
_FORMER_CATEGORIES = ("support", "dissatisfaction", "competitor", "complexity")
_LOOK_BACK = 200  # characters before the match where the "before" may stand


def going_ahead(text: str, matched: str, category: str, lang: str) -> str:
    """The turn ``text`` says the renewal goes ahead after the procedural hit ``matched``, or ``""``."""
    low = text.lower()
    where = low.find(matched.lower())
    if category not in PROCEDURAL or lang not in _GOING_AHEAD or where < 0:
        return ""
    after = low[where:]  # from the match on: the settling words may close it ("nie decyzji, przedłużenie jest ...")
    found = next((m for m in rx.finditer(_GOING_AHEAD[lang], after) if m.end() > len(matched)), None)
    if found is None or rx.search(_CONTRAST[lang], after[found.end() :]):
        return ""
    sentence = rx.split(r"[.!?。！？]", after[: found.start()])[-1]  # where the settling words stand
    return "" if rx.search(_CONDITION[lang], sentence) else found.group(0).strip()


def former_vendor(text: str, matched: str, category: str, lang: str) -> str:
    """The hit ``matched`` said of the vendor the customer had before, in a turn that names the vendor's own, or
    ``""``."""
    low = text.lower()
    where = low.find(matched.lower())
    if category not in _FORMER_CATEGORIES or lang not in _BEFORE or where < 0:
        return ""
    start = max(0, where - _LOOK_BACK)
    found = [m for m in rx.finditer(_BEFORE[lang], low[start : where + len(matched)]) if start + m.start() < where]
    marker = rx.search(_USED_BEFORE[lang], low[where + len(matched) :])
    sentence = rx.split(r"[.!?。！？]", low[where:])[0] + " " + rx.split(r"[.!?。！？]", low[:where])[-1]
    now = rx.search(_NOW[lang], sentence)
    if (not found and not marker) or (now and not rx.search(_NOW_BETTER[lang], sentence)):
        return ""
    cut = start + found[-1].start() if found else where
    if found and rx.search(_YOURS[lang], low[start + found[-1].end() : where]):
        return ""
    yours = rx.search(_YOURS[lang], low[:cut] + " " + low[where:])
    said = (found[-1] if found else marker).group(0).strip()  # type: ignore[union-attr]
    return f"{said!r} … then {yours.group(0).strip()!r}" if yours else ""
