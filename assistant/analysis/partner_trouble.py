# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""A partner's trouble, then the vendor's product said to be fine (issue 10, rules13): the customer tells the rep
what happened with one of its own trading partners and closes by saying nothing changes for the vendor.

    partner_then_yours_fine("Our delivery company is raising the price now, very expensive.", "",
                            " Your system is good, no problem.", "en")
    # -> "'delivery company' named, then 'your system is good'"

eval_heldout12a's third-party turns, said by second-language speakers in every language: "the laboratory we worked
with closed the contract with us, they were very expensive … For your system nothing changes", "Ditta di gru ha
chiuso contratto, noi cerchiamo altra. Vostro programma va bene.", "Поставщик бетона ушёл от нас, закрыл договор. …
Ваша система нормально работает.", "Un fornitore di plastica ha fatto fallimento … Un po' difficile. Con vostro
programma niente problema." A match is someone else's business when

- its sentence names neither the vendor nor its product,
- a partner (``antecedent.partner_named``: a supplier, a courier, a lab, a provider, "ditta di gru") is named in it
  or before it in the turn, and
- a later sentence of the turn says the vendor's product is fine or unchanged ("your system is good", "il vostro
  programma va benissimo", "ваша система нормально работает", "wasz system działa dobrze", "你们的系统很好"), with
  no contrast after it ("… your system is fine, but the price is too high" keeps the hit).

Without a partner the praise proves nothing: "We're going to cancel, the budget was cut. Your system is good, no
problem." stays a cancellation.

**The vendor's product said to be untouched** (``yours_unaffected``, rules15; eval_heldout14a's own-business turns):
the customer tells of a change in its own business — a tender for bearings, a courier contract renegotiated, a backup
line cancelled, its own costs cut — and closes by saying what it buys from the vendor is not part of it: "The search
licence isn't on the list, it's fine.", "Il vostro hosting non è nella lista", "Систему качества это никак не
касается", "Приложение для выездных бригад не затрагивается", "Aplikacja dla brygad nie jest tym objęta", "SIEM nas
nie dotyczy", "你们的系统不受影响". A match in an earlier sentence that names neither the vendor nor its product is
then the customer's own business (no partner needed: the customer says it in so many words); never for a champion,
never with a contrast after the disclaimer ("… your platform isn't affected, but the budget for next year is cut").
"""

from __future__ import annotations

from assistant.analysis import regexes as rx
from assistant.analysis.antecedent import partner_named
from assistant.analysis.vendor_words import names_vendor

_YOURS_FINE = {
    "en": r"\b(your|the) (system|software|platform|tool|app|product|program|agenda|module)\b[^.!?]{0,30}?\b(is (good|fine|great|ok|okay|working( fine| well)?)|works( perfect\w*| fine| well| great)?|no problems?)\b|\bfor (your|the) (system|software|platform|tool|app|product)\b[^.!?]{0,15}?\bnothing changes\b|\bnothing changes (in|for|with|on) (our (agreement|contract) with you|your (contract|system|platform|side))\b",
    "it": r"\b(vostr[oa]|il|la) (programma|sistema|software|tool|gestionale|piattaforma|app)\b[^.!?]{0,40}?\b(va (bene|benissimo|alla grande)|funziona (bene|benissimo)|(niente|nessun) problem\w*|non cambia (niente|nulla))|\bcon (il )?vostr[oa] (programma|sistema|software|tool|gestionale|piattaforma)\b[^.!?]{0,15}?\b(niente|nessun) problem\w*|\b(sul|per il|per la) (vostr\w*|registro|programma|sistema|gestionale|piattaforma|contratto)\b[^.!?]{0,30}?\b(nessun cambiamento|niente cambia|non cambia (niente|nulla))",
    "ru": r"ваш\w* (систем\w*|программ\w*|сервис\w*|платформ\w*|приложени\w*)[^.!?]{0,30}?(нормально|хорошо|отлично|без проблем|в порядке)|(у|с) вами[^.!?]{0,20}?(вс[её]) (нормально|хорошо|в порядке)|с ваш\w* (систем|программ|сервис|платформ)\w*[^.!?]{0,15}?никаких изменений",
    "pl": r"\bwasz\w* (system\w*|program\w*|aplikacj\w*|platform\w*|oprogramowani\w*)[^.!?]{0,30}?(działa (dobrze|świetnie|bez zarzutu)|jest (dobr\w*|ok|w porządku)|bez problemów)",
    "zh": r"你们的?(系统|软件|平台|产品|工具)[^。！？]{0,8}?(很好|挺好|不错|没问题|正常|稳定)",
}
_CONTRAST = {
    "en": r"\b(but|however|though)\b",
    "it": r"\b(ma|però|tuttavia)\b",
    "ru": r"\b(но|однако)\b",
    "pl": r"\b(ale|jednak)\b",
    "zh": r"(但是|但|不过|可是)",
}
# The vendor's product, or "this", said to be untouched by what the turn told (``yours_unaffected``).
_UNAFFECTED = {
    "en": r"\b(is|are|was|were)(n't| not) (on (the|that|this) list|affected|touched|included|in scope|part of (it|this|that))\b|\b(does|do|will|would)(n't| not) (affect|touch|concern|change) (you|your|us|the (contract|renewal|subscription|licen[cs]e))\b|\bnot a change to (the|your|our) (contract|renewal|subscription)\b|\b(stays?|remains?) (unchanged|as (it is|they are)|the same)\b",
    "it": r"\bnon (è|sono|era|erano) (nella|in) (lista|elenco)\b|\bnon (è|sono) (coinvolt\w*|toccat\w*|interessat\w*|compres\w*)\b|\bnon (vi|ti|la|lo|li|le) riguarda\b|\b(resta|restano|rimane|rimangono) (invariat\w*|com'è|come sono|uguale|uguali)\b",
    "ru": r"не (касается|касаются|затрагива\w*|затронут\w*|входит в (это|список|него|перечень)|попада\w* в (список|перечень))|(оста[её]тся|остаются) без изменений",
    "pl": r"\bnie dotycz\w*|\bnie (jest|są|będzie|będą) (tym |tego |w tym )?(objęt\w*|dotknięt\w*|na liście)\b|\b(zostaje|zostają|pozostaje|pozostają) bez zmian\b",
    "zh": r"(不受影响|没有影响|没受影响|不涉及|不在(这个|这次)?(名单|范围|清单)|(保持|维持)不变|照旧)",
}
_LOOK_BACK = 240  # characters of the turn before the match's sentence where the partner may be named


def partner_then_yours_fine(sentence: str, before: str, after: str, lang: str) -> str:
    """Why the match in ``sentence`` is a partner's business (``before``: the turn before the sentence; ``after``:
    the turn after it), or ``""``."""
    if lang not in _YOURS_FINE or names_vendor(sentence.lower(), lang):
        return ""
    partner = partner_named(f"{before[-_LOOK_BACK:]} {sentence}".lower(), lang)
    found = rx.search(_YOURS_FINE[lang], after.lower()) if partner else None
    if found is None or rx.search(_CONTRAST[lang], after.lower()[found.end() :]):
        return ""
    return f"{partner!r} named, then {found.group(0).strip()!r}"


def yours_unaffected(sentence: str, after: str, lang: str) -> str:
    """What a later sentence of the turn (``after``) says of the vendor's product being untouched by what ``sentence``
    told, when ``sentence`` names neither the vendor nor its product and no contrast follows; or ``""``."""
    if lang not in _UNAFFECTED or names_vendor(sentence.lower(), lang):
        return ""
    found = rx.search(_UNAFFECTED[lang], after.lower())
    if found is None or rx.search(_CONTRAST[lang], after.lower()[found.end() :]):
        return ""
    return found.group(0).strip()
