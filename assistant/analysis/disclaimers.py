# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Disclaimers: the customer says what the matter is not about, or that it is none of the vendor's (issue 10 §5):

- **what the matter is not about**, the match the complement of "nothing to do with" before it ("it has nothing to
  do with the tender", "non c'entra niente con la gara", "это не связано с тендером", "nie ma nic wspólnego z
  przetargiem", "跟招标没关系") or the subject of "has nothing to do with it" / "isn't the problem" after it ("the
  price has nothing to do with it", "il prezzo non c'entra", "цена тут ни при чём", "价格不是问题")
  (``disclaimed``, ``not_the_matter``; read by ``ownership.py``); what the customer says it is *not saying* ("I'm
  not saying the price is too high", "non dico che il sistema sia pessimo", "я не говорю, что система плохая",
  "nie mówię, że system jest zły");
- **none of the vendor's** after the match: "we terminated the old VPN contract, unrelated", "ma lì il software non
  c'entra niente", "это тоже не про вас", "to nie ma nic wspólnego z wami", "不过跟你们系统没关系"; the blame put on
  someone else by contrast ("fed up with the lift contractor, not you", "stufi della ditta delle pulizie, non di voi",
  "ma quello è il fornitore", "но это у них", "to wina dostawcy", "是供应商的问题") (``unrelated``:
  not when the words before it name the vendor or the renewal; read by ``senses.py``; ``DISCLAIMER`` also by
  ``turn.py`` in the next sentence).

- **the renewal said to be untouched** in the match's sentence (``renewal_untouched``, rules15): "I can't see it
  affecting your renewal", "non credo che questo cambi il rinnovo", "на продление это никак не повлияет", "nie
  wpłynie to na odnowienie", "不会影响续约" — the renewal words are the object of "it won't affect", not a threat.

Each returns the words that disclaim, or ``""``.
"""

from __future__ import annotations

from assistant.analysis import regexes as rx
from assistant.analysis.vendor_words import mentions_ours

# Words before the match that open what the customer says the matter is not about (the match their complement).
_NOT_ABOUT = {
    "en": r"\b((i'm|i am|we're|we are) not saying( that)?|nothing to do with|not about|isn't about|is not about|wasn't about|not because of|not due to|unrelated to|not related to|no connection (with|to)|not connected to)\b(?! (just|only|simply)\b)[^,.;:!?]{0,40}$",
    "it": r"\b(non (dico|sto dicendo|diciamo) che|non c'entra(no)?( niente| nulla)? con|(niente|nulla) a che (fare|vedere) con|non (è|si tratta di) (per|una questione di)|non dipende da|non è per)\b[^,.;:!?]{0,40}$",
    "ru": r"\b(не (говорю|скажу|хочу сказать|говорим),? что|не связан\w*( \w+)? со?|не имеет (никакого )?отношения к|ни при ч[её]м|дело не в|не из-за|не про)\b[^,.;:!?]{0,40}$",
    "pl": r"\b(nie (mówię|twierdzę|powiem|mówimy),? że|nie ma (nic wspólnego|związku|żadnego związku) z|nie chodzi o|nie przez|nie dotyczy)\b[^,.;:!?]{0,40}$",
    "zh": r"(跟|和|与)[^，。；！？,.;!?]{0,6}$",
}
_ZH_NO_RELATION = r"^[^，。；！？,.;!?]{0,6}?(没有?(什么|啥)?关系|无关|不相干)"
# Words after the match that say it is not the matter: the match their subject ("the price has nothing to do with it",
# "il prezzo non c'entra", "цена тут ни при чём", "cena nie ma z tym nic wspólnego", "价格不是问题").
_NOT_THE_MATTER = {
    "en": r"^\W{0,2}(\w+\W+){0,2}?((has|had|have|is|was|got) )*nothing to do with\b|^\W{0,2}(\w+\W+){0,2}?(isn't|is not|wasn't|was not|aren't|are not) (really )?(the|an|our) (issue|problem|reason|point)\b",
    "it": r"^\W{0,2}(\w+\W+){0,2}?non c'entra(no)?\b|^\W{0,2}(\w+\W+){0,2}?non (è|sono) (il|un) (problema|motivo)\b",
    "ru": r"^\W{0,2}(\w+\W+){0,2}?(тут |здесь )?ни при ч[её]м|^\W{0,2}(\w+\W+){0,2}?(тут |здесь )?не (причина|проблема)\b",
    "pl": r"^\W{0,2}(\w+\W+){0,2}?nie ma (z tym |tu |tutaj )?(nic wspólnego|nic do rzeczy|znaczenia)|^\W{0,2}(\w+\W+){0,2}?(to )?nie (jest )?(problem|powód)\b",
    "zh": r"^[^，。；！？,.;!?]{0,3}?(不是(问题|原因|重点)|没(什么|啥)?关系|无关)",
}
DISCLAIMER = {
    "en": r"\b(unrelated|(has |had |have |got |is )?nothing to do with (you|your|the (software|system|platform|tool))|not (about|on) you\b|not your (problem|business|concern|doing|fault|system|software|app|side)\b|(,|;|—|-) not (with )?you\b|(that's|that is|it's|it is) (on )?(the|their|our) (supplier|contractor|landlord|courier|manufacturer|installer)\b|(that's|that is|it's|it is) (our own|our) (problem|business|thing)|(isn't|is not|not) (related|connected) to (you|your|the (software|system|platform)))(?!\w* personally)",
    "it": r"\b(non c'entra(no)?\b|non (vi|la|lo) riguarda|non dipende da voi|(niente|nulla) a che (fare|vedere) con voi|non è (colpa|un problema) vostr|è (un problema|una cosa) nostr\w*|(,|;|—|-) ?non (di |con |a )?voi\b|(quello|questo) è (il|colpa del|un problema del) (fornitore|produttore|corriere|padrone di casa|installatore)\b)",
    "ru": r"\b(не связано|не (про|к|о) вас\b|к вам (это )?(не относится|отношения не имеет)|не ваша (проблема|вина|забота)|не имеет (никакого )?отношения|это наши (проблемы|дела)|(,|;|—|-) ?(а )?не (вы|вами|на вас|к вам|у вас)\b|это у них\b|это (проблема |вина )?(поставщик|подрядчик|производител|арендодател)\w*)",
    "pl": r"\b(nie ma (to |z tym )?(nic wspólnego|związku)|nie wasza (sprawa|wina)|to nie (jest )?wasz[ae]? (sprawa|wina|problem)|nie dotyczy (was|to was)|to (nasz|nasza) (problem|sprawa)|(,|;|—|-) ?(a )?nie (wy|was|na was|do was|z was|z wami)\b|to (wina |problem )?(dostawc|wykonawc|producent|wynajmując)\w*)",
    "zh": r"((跟|和|与)(你们|您|贵|这个|系统)[^，。！？]{0,4}(没|无)(有)?(什么)?关系|不关你们|不是你们的(问题|事)|(跟|与)你们无关|(是|算)我们自己的(事|问题)|[，,]不是你们|(是|算)(供应商|厂家|房东|物业)的(问题|事))",
}
# The renewal or the contract as the object of "it won't affect" (``renewal_untouched``).
_RENEWAL_UNTOUCHED = {
    "en": r"\b(can't|cannot|can not|don't|do not) (see|expect|think) (it|this|that|any of (it|this|that))( will| would)? (affect\w*|chang\w*|touch\w*|impact\w*)( on)? (your|the|our) (renewal|contract|subscription)\b|\b(it|this|that) (won't|will not|doesn't|does not|shouldn't|should not|wouldn't|would not) (affect|change|touch|impact) (your|the|our) (renewal|contract|subscription)\b",
    "it": r"\bnon (credo|penso|vedo come) che (questo|ciò|la cosa) (\w+ )?(influisca|cambi|tocchi|incida)( \w+)? (sul|il|nel) (rinnovo|contratto)\b|\b(non|nessun) (influirà|influisce|cambierà|cambia|toccherà|tocca|incide|impatto)( \w+)? (sul|il) (rinnovo|contratto)\b",
    "ru": r"(не|никак не|ничуть не) (повлия\w*|скаж\w*|отраз\w*|затрон\w*)( \w+)? на (продлени\w*|договор\w*)|на (продлени\w*|договор\w*) (это )?(никак )?не (повлия\w*|скаж\w*|отраз\w*)",
    "pl": r"\bnie (wpłynie|wpłynęło|wpływa|będzie miało wpływu|zmieni)( to)? na (odnowienie|przedłużenie|umowę)\b",
    "zh": r"(不会|不)(影响|改变)(到)?(续约|续费|合同)",
}
_CLAUSE_OPENER = r"(?:,|，|\bbut\b|\bma\b|\bale\b|\bно\b|不过|但)(?!.*(?:,|，|\bbut\b|\bma\b|\bale\b|\bно\b|不过|但))"  # the last one


def disclaimed(text: str, start: int, end: int, lang: str) -> str:
    """The match is the complement of "nothing to do with" ("跟 … 没关系" in Chinese)."""
    if lang not in _NOT_ABOUT:
        return ""
    opener = rx.search(_NOT_ABOUT[lang], text[:start])
    if opener is None:
        return ""
    if lang != "zh":
        return text[opener.start() : end].strip()
    closer = rx.search(_ZH_NO_RELATION, text[end:])
    return text[opener.start() : end + closer.end()] if closer else ""


def not_the_matter(text: str, start: int, end: int, lang: str) -> str:
    """The match is the subject of "has nothing to do with it" / "isn't the problem" said right after it."""
    found = rx.search(_NOT_THE_MATTER[lang], text[end:]) if lang in _NOT_THE_MATTER else None
    return text[start : end + found.end()].strip() if found else ""


def unrelated(text: str, end: int, lang: str) -> str:
    """A disclaimer after the match, the words before it naming neither the vendor nor the renewal."""
    found = rx.search(DISCLAIMER[lang], text[end:]) if lang in DISCLAIMER else None
    before = rx.split(_CLAUSE_OPENER, text[: end + found.start()])[0] if found else ""
    if not found or mentions_ours(text[: max(end, len(before))], lang):
        return ""
    return found.group(0).strip()


def renewal_untouched(text: str, start: int, end: int, lang: str) -> str:
    """The match's sentence says what it tells will not affect the renewal or the contract."""
    found = rx.search(_RENEWAL_UNTOUCHED[lang], text) if lang in _RENEWAL_UNTOUCHED else None
    return found.group(0).strip() if found and found.start() < end and start < found.end() else ""
