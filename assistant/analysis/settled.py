# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""What the turn settles about its hits after they are read one by one (issue 10, rules12): a denial that closes the
answer to the rep's question, and speculation the customer disclaims.

- **a closing denial** (``closing_denial``): the rep asked about switching, leaving or cutting ("你们要换掉我们吗？",
  "Вы не собираетесь менять систему?") and the customer's turn ends by denying it ("放心吧，不换。", "开玩笑，不换，放心。",
  "… нет-нет, остаёмся.", "… so no.", "… quindi no, restiamo.", "… więc nie, zostajemy."): what the turn said before
  was the way there — a hit of the asked category, or the effort of switching (retraining, migrating data: "再培训一遍
  所有律师", "кто будет заново всех учить") — is negated, unless a condition comes between ("… but if the price goes
  up, we'd leave. So no, for now." keeps the hit);
- **a past problem, fine since** (``fine_since``): a support, complexity or adoption hit, then later in the turn "since
  then, not one" ("… и с тех пор ни одного сбоя", "… e da allora va tutto liscio", "后来就一直没有再出现过", "od tamtej
  pory wszystko działa", "we haven't had a single lockout since"): negated, unless a contrast follows;
- **speculation disclaimed** (``disclaimed_speculation``): a hypothetical hit, followed in the turn by "we have no
  such plans", "this is purely hypothetical", "nessun piano del genere", "никаких таких планов", "żadnych takich
  planów", "没有这个打算" — the customer asks for the files, not because it may happen: negated; so is speculation
  called only an idea, talk or plans, nothing concrete (rules15, eval_heldout14a: "Ale to na razie tylko plany, nic
  konkretnego.", "to tylko spekulacje prasowe", "现在只是设想，什么都没定", "目前采购计划里完全没有");
- **a verdict taken back** (dissatisfaction): "... I would definitely NOT recommend this app.. I have now managed to
  register, and it is looking promising." (rules14), "adesso funziona", "теперь работает", "teraz działa", "现在好了";
- **a procedural step before the renewal said to go ahead, the old vendor's trouble** (``going_ahead.py``).

Each hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.analysis import regexes as rx
from assistant.analysis.fixed import PROBLEMS
from assistant.analysis.going_ahead import former_vendor, going_ahead
from assistant.analysis.risk import THREAT
from assistant.analysis.turn import asked_categories
from assistant.records import Hit

_CLOSING = {
    "en": r"(\bso,? no|\bno,? no|we('re| are) (staying|not going anywhere|not switching|not leaving|not moving)|we('ll| will) stay( with you)?|not switching|no plans to (switch|leave|change|move))\W*$",
    "it": r"\b(quindi no|restiamo( con voi)?|non cambiamo|non vi lasciamo|nessun cambio)\W*$",
    "ru": r"(остаёмся|остаемся|не меняем|не уходим|не будем менять|так что нет|нет-нет)\W*$",
    "pl": r"\b(zostajemy|nie zmieniamy|nie odchodzimy|więc nie)\W*$",
    "zh": r"(不换|不会换|不换了|不走|不会走|继续用|接着用)[，,。！!\s]*(放心吧?|真的)?[。！!\s]*$",
}
# The effort of switching, said on the way to the closing denial (a reason to stay).
_EFFORT = {
    "en": r"\b(re-?train\w*|train(ing)? (everyone|everybody|them|the \w+) again|migrat\w*|learn\w* (it )?all over)",
    "it": r"\b(riformar\w*|rifare la formazione|formare di nuovo|migrar\w*|migrazione)",
    "ru": r"(учить|переучива\w*|обучать заново|заново обуч\w*|миграци\w*|переносить данные)",
    "pl": r"\b(szkolić od nowa|przeszkol\w*|uczyć od nowa|migracj\w*)",
    "zh": r"(培训|迁移|重新学|从头学|折腾)",
}
_CONDITION = {
    "en": r"\b(if|unless|but if)\b",
    "it": r"\b(se|a meno che)\b",
    "ru": r"\b(если|разве что)\b",
    "pl": r"\b(jeśli|jeżeli|chyba że)\b",
    "zh": r"(如果|要是|除非|的话)",
}
# A problem, then later in the turn "since then, not one" / "and it has worked since" ("… когда сервер упал …, вы тогда
# быстро прислали специалиста, … и с тех пор ни одного сбоя", "… e da allora va tutto liscio", "后来就一直没有再出现过").
_FINE_SINCE = {
    "en": r"\b(since then|ever since|and since)\b[^.!?]{0,40}\b(no (problems?|issues?|outages?|crash\w*|errors?|complaints?)|not (a single|one) (problem|issue|outage|crash|error|complaint|lockout)|never (again|happened|came back)|(it's|it has|everything's|all) (been )?(fine|quiet|smooth|working))|\b(haven't|hasn't|have not|has not) (had|happened|come back)\b[^.!?]{0,30}\bsince\b",
    "it": r"\bda allora\b[^.!?]{0,40}\b(nessun (problema|errore|blocco|disservizio)|mai più|tutto (bene|liscio|a posto)|va (tutto )?(bene|liscio)|funziona)",
    "ru": r"\bс тех пор\b[^.!?]{0,40}(ни одного (сбоя|падения|случая)|ни разу не|никаких (проблем|сбоев|жалоб)|всё работает|все работает|всё в порядке|без сбоев)",
    "pl": r"\bod (tamtej pory|tego czasu)\b[^.!?]{0,40}\b(żadnej awarii|żadnych (problemów|awarii|błędów)|ani razu|wszystko działa|działa bez zarzutu|spokój)",
    "zh": r"((从那以后|自那以后|那以后|后来|此后)[^。！？]{0,12}|(修复|修好|解决)了?(以后|之后)[^。！？]{0,4})(没有再出现|没再出现|没再出过|再也没出过|再也没有出现|一直很正常|一直都很正常|都正常|一切正常|没出过问题)",
}
_CONTRAST = {
    "en": r"\b(but|though|however)\b",
    "it": r"\b(ma|però|tuttavia)\b",
    "ru": r"\b(но|однако|хотя)\b",
    "pl": r"\b(ale|jednak|chociaż)\b",
    "zh": r"(但是|但|不过|可是)",
}
# A verdict taken back later in the turn (eval_heldout10b en057, rules14): "... I would definitely NOT recommend this
# app.. I have now managed to register, and it is looking promising."
_TAKEN_BACK = {
    "en": r"\b(i|we)('ve| have)? (now|finally) (managed|got it working|been able)\b|\b(it's|it is|now) looking (promising|good|better)\b|\bupdate:? (it )?(now )?(works|is working|is fixed)\b",
    "it": r"\b(ora|adesso|alla fine) (funziona|sono riuscit\w*|siamo riusciti)\b|\bsembra promettente\b",
    "ru": r"(теперь (всё )?работает|наконец (получилось|заработало)|выглядит многообещающе)",
    "pl": r"\b(teraz (już )?działa|w końcu (się udało|działa)|wygląda obiecująco)\b",
    "zh": r"(现在(好了|可以用了|能用了)|终于(弄好了|可以用了|能用了))",
}
_NO_PLANS = {
    "en": r"\b(no (such |real )?plans?( of that kind| in that direction)?|purely hypothetical|just hypothetical|only hypothetical|nothing of (the|that) sort|not on the table|nothing('s| is) on the table|nothing('s| is) decided|for (our|the) (files|records)|(it's|that's|it is|that is) (only|just) (an idea|a thought|talk|speculation|rumou?rs?|plans?|a plan)|nothing concrete|(that's|it's|that is|it is) a long way off)\b",
    "it": r"\b(nessun (piano|progetto|programma) (del genere|in tal senso|simile)|puramente ipotetic\w*|solo un'ipotesi|per scrupolo|non è in programma|per ora resta tutto (com'è|così)|non c'è niente di deciso|(solo|soltanto) (un'idea|idee|voci|speculazioni|progetti)|niente di concreto)\b",
    "ru": r"(никаких (таких |подобных )?планов|таких планов нет|чисто гипотетически|пока (всё|все) (как есть|устраивает)|на всякий случай|(только|лишь|просто) (идея|идеи|слухи|разговоры|планы|предположени\w*)|ничего конкретного|ничего не решено)",
    "pl": r"\b(żadnych (takich |podobnych )?planów|nie planujemy tego|czysto hipotetycznie|na wszelki wypadek|tylko hipoteza|na razie wszystko po staremu|tylko (plany|spekulacj\w*|pomysł|plotki|rozważania|luźny pomysł)|nic konkretnego|nic nie (planuj\w*|jest (postanowione|przesądzone)))\b",
    "zh": r"(没有这个打算|没有这样的打算|没有这个计划|没有这样的计划|没这个打算|只是假设|纯属假设|只是问问|暂时没有这个想法|只是一个设想|只是个设想|只是设想|只是(一个|个)?想法|只是传言|只是传闻|什么都没定|(计划|规划)里(完全|根本)?(没有|没))",
}


def settled(hits: list[Hit], text: str, previous: str, lang: str) -> list[Hit]:
    """``hits`` of one customer turn (``text``; ``previous``: the turn before it) with those the turn settles
    negated: before a closing denial of what the rep asked, and speculation the customer disclaims."""
    at, asked = closing_denial(text, previous, lang)
    out = []
    for hit in hits:
        if not hit.negated and at and _led_to_denial(hit, text, at, asked, lang):
            hit = replace(hit, negated=True, evidence=f"{hit.evidence}; negated: denied at the end of the turn")
        elif not hit.negated and _maybe(hit) and (plans := disclaimed_speculation(text, hit.matched, lang)):
            hit = replace(hit, negated=True, evidence=f"{hit.evidence}; negated: speculation disclaimed ({plans!r})")
        elif not hit.negated and hit.category in PROBLEMS and (since := fine_since(text, hit.matched, lang)):
            hit = replace(
                hit, negated=True, evidence=f"{hit.evidence}; negated: a past problem, fine since ({since!r})"
            )
        elif (
            not hit.negated
            and hit.category == "dissatisfaction"
            and (back := _said_after(_TAKEN_BACK, text, hit.matched, lang))
        ):
            hit = replace(hit, negated=True, evidence=f"{hit.evidence}; negated: the verdict taken back ({back!r})")
        elif not hit.negated and (why := _going_ahead_or_former(hit, text, lang)):
            hit = replace(hit, negated=True, evidence=f"{hit.evidence}; negated: {why}")
        out.append(hit)
    return out


def _going_ahead_or_former(hit: Hit, text: str, lang: str) -> str:
    ahead = going_ahead(text, hit.matched, hit.category, lang)
    if ahead:
        return f"a procedural step, the renewal going ahead ({ahead!r})"
    former = former_vendor(text, hit.matched, hit.category, lang)
    return f"the vendor the customer had before ({former})" if former else ""


def closing_denial(text: str, previous: str, lang: str) -> tuple[int, set[str]]:
    """Where the turn's closing denial starts and the categories the rep's question (``previous``) asked about, when
    the turn ends by denying them; else ``(0, set())``."""
    if lang not in _CLOSING or not previous.rstrip().endswith(("?", "？")):
        return 0, set()
    asked = asked_categories(previous, lang)
    found = rx.search(_CLOSING[lang], text.lower().rstrip()) if asked else None
    return (found.start(), asked) if found and found.start() > 0 else (0, set())


def _led_to_denial(hit: Hit, text: str, at: int, asked: set[str], lang: str) -> bool:
    """The hit stands before the closing denial, no condition between, and is of an asked category or the effort of
    switching."""
    where = text.lower().find(hit.matched.lower())
    if where < 0 or where >= at or rx.search(_CONDITION[lang], text[where:at].lower()):
        return False
    return hit.category in asked or bool(rx.search(_EFFORT[lang], hit.matched.lower()))


def _maybe(hit: Hit) -> bool:
    """Speculation: a hypothetical hit, or one read as a conditional threat (a question about what would happen if
    the group were sold is read so: "如果以后公司被收购了，合同会转给新的老板吗？")."""
    return hit.hypothetical or THREAT in hit.evidence


def disclaimed_speculation(text: str, matched: str, lang: str) -> str:
    """The disclaimer of plans said after the speculation ``matched`` in the turn ``text``, or ``""``."""
    return _said_after(_NO_PLANS, text, matched, lang)  # not "no such plans for now, but it's on my mind"


def fine_since(text: str, matched: str, lang: str) -> str:
    """ "Since then, not one" said after the problem ``matched`` in the turn ``text``, or ``""``."""
    return _said_after(_FINE_SINCE, text, matched, lang)


def _said_after(table: dict[str, str], text: str, matched: str, lang: str) -> str:
    """A construction of ``table`` said after ``matched`` in ``text`` with no contrast after it, or ``""``."""
    where = text.lower().find(matched.lower())
    after = text.lower()[where + len(matched) :]
    found = rx.search(table[lang], after) if lang in table and where >= 0 else None
    if not found or rx.search(_CONTRAST[lang], after[found.end() :]):
        return ""
    return found.group(0).strip()
