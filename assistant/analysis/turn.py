# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""What the rest of the turn says about a match (issue 10 §5, rules9): the sentences the customer says right before
and after the one that holds it.

    later_in_turn("Ah, we'll have to cancel that, sorry.", " Can we push it to October?", "en", "cancellation")
    # -> "meeting logistics: rescheduled after it: 'can we push it to'"

- **a cancellation rescheduled**: a match whose clause names no contract, followed in the same turn by a new time
  ("Can we push it to October?", "Facciamo la settimana dopo?", "Może w czwartek?", "давайте перенесём на
  среду", "时间另行通知", "改天再约") — a meeting called off, not the contract; so is a training (complexity) match in
  a sentence that calls the session off ("w środę musimy odwołać szkolenie, … Może przesuniemy na wtorek?"), and a
  support or complexity word said of the speaker busy ("Domani sono bloccato tutto il giorno …. Possiamo spostarla a
  giovedì?", rules15);
- **a partner's trouble, the vendor's product fine** (``partner_trouble.py``): "Ditta di gru ha chiuso contratto, …
  Vostro programma va bene."; and the customer's own business told, then the vendor's product said to be untouched
  by it: "Провели тендер на поставку подшипников … Систему качества это никак не касается";
- **a disclaimer in the next sentence** (past a backchannel such as "Tak tak."): "... czekamy na serwis od dwóch
  tygodni. Tak tak. Ale to nie wasza sprawa.", "It's our plumber, sorry. That's not your problem." — the sentence
  opens with "that" / "to" / "это" / "questo" / "这" (or "but that"), pointing back to what was just said, or is
  only the disclaimer ("… it crashed for everybody. Not your system.") (never for a champion, never when the
  sentence with the match names the vendor: "your support is slow, but that's not your fault personally" stays).

- **thanks, no complaint** (support, complexity, champion, adoption): thanks in the sentence with the match or the
  next one, neither holding a complaint cue ("Dzięki za błyskawiczną odpowiedź, awaria naprawiona w godzinę.",
  "Problem rozwiązany, strona działa szybciej. Dziękuję."; "Dzięki, ale awaria znowu wróciła." and "Kolejna awaria.
  Dzięki." stay);
- **a turn that opens with a denial** (``opening_denial``, ``denied_later``): "Nie, nie rezygnujemy :) Pytałam o okres
  wypowiedzenia tylko dlatego, że ..." — a later match of the category the opening denied is its explanation, unless
  a contrast or a condition comes between ("No, we're not leaving. But if the price goes up, we will cancel.").

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.analysis import regexes as rx
from assistant.analysis.disclaimers import DISCLAIMER
from assistant.analysis.parties import contract_named
from assistant.analysis.partner_trouble import partner_then_yours_fine, yours_unaffected
from assistant.analysis.senses import denied_after
from assistant.analysis.vendor_words import names_vendor
from assistant.records import Hit

_RESCHEDULE = {
    "en": r"\b(push (it|that|this)( \w+)? (to|back|out)|move (it|that|this)( \w+)? (to|back)|reschedul\w*|rebook\w*|the (week|day) after\b|another (day|date|time|week|slot)|new (date|time|slot)|pick (it|that|this) up\b|(can|could|shall|should) we (do|have|make) (it|that|this)\b[^.!?]{0,25}\b(on|in|next|after) (a |the )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|january|february|march|april|may|june|july|august|september|october|november|december))",
    "it": r"\b(spost\w*|rimand\w*|rinvi\w*|nuova data|un'altra data|un altro giorno|(facciamo|ci vediamo|sentiamoci) (la settimana|il mese|lunedì|martedì|mercoledì|giovedì|venerdì))",
    "ru": r"(перен[её]с\w*|перенос\w*|другой день|другую дату|новую дату|другое время|в другой раз|давайте (в|на) (понедельник|вторник|среду|четверг|пятницу|следующ))",
    "pl": r"\b(przełoż\w*|przesuń\w*|przesun\w*|nowy termin\w*|nowym terminem|now[ąy] dat\w*|inny termin|innym terminie|(może|to może) w (poniedziałek|wtorek|środę|czwartek|piątek|przyszłym))",
    "zh": r"(改期|改到|另行通知|再约|延期到|推到|挪到|换个时间|改天)",
}
# A session called off in the sentence ("w środę musimy odwołać szkolenie, …"): with a new time asked for after it, a
# training (complexity) match there is meeting logistics too.
_CALLED_OFF = {
    "en": r"\b(cancel\w*|call\w* off|postpon\w*|skip)\b",
    "it": r"\b(annull\w*|disd\w*|salt\w*|rimand\w*)",
    "ru": r"(отмен\w*|отлож\w*|перенес\w*|перенос\w*)",
    "pl": r"\b(odwoł\w*|przełoż\w*|przesun\w*)",
    "zh": r"(取消|推迟|改期)",
}
# A sentence that points back to what was just said: "that" / "to" / "это" / "questo" / "这" first (after "but").
_POINTS_BACK = {
    "en": r"^\W*(but |and )?(that|this|it)('s| is| has|'s got)?\b",
    "it": r"^\W*(ma |e )?(questo|quello|ciò|lì)\b",
    "ru": r"^\W*(но |а |и )?(это|то)\b",
    "pl": r"^\W*(ale |a |i )?(to|tu|tutaj)\b",
    "zh": r"^\W*(不过|但是|但)?(这|那|这个|那个)",
}
# The speaker busy ("Domani sono bloccato tutto il giorno da una riunione"), then a new time asked for: a support or
# complexity word there ("bloccato", "stuck", "tied up") is the speaker's diary, not the product ("I'm stuck, it won't
# let me log in" has no new time after it and stays).
_BUSY = {
    "en": r"\b(i'm|i am|i'll be|i will be|we're|we are|we'll be) (stuck|tied up|blocked|busy|booked)\b",
    "it": r"\b(sono|sarò|siamo|saremo) (bloccat\w*|impegnat\w*|pres[oia])\b",
    "ru": r"\b(я|мы) (буду |будем )?(занят\w*|застрял\w*|заблокирован\w*)",
    "pl": r"\b(jestem|będę|jesteśmy|będziemy) (zablokowan\w*|zajęt\w*|uwiązan\w*)",
    "zh": r"我(们)?(明天|今天|那天|后天)?(一整天|全天)?都?(在开会|没空|走不开|被占满)",
}
# Thanks in the sentence or the next one, with no complaint cue in either: praise ("Dzięki za błyskawiczną odpowiedź
# supportu, awaria naprawiona w godzinę.", "Problem rozwiązany, strona działa szybciej. Dziękuję, ...").
_THANKS = {
    "en": r"\b(thanks|thank you|cheers|much appreciated)\b(?! for nothing)",
    "it": r"\b(grazie|ringrazi\w*)\b(?! di niente| per niente)",
    "ru": r"\b(спасибо|благодар\w*)\b(?! ни за что| за ничего)",
    "pl": r"\b(dzięk\w*|dziękuj\w*|podziękowa\w*)\b(?! za nic)",
    "zh": r"(谢谢|感谢|多谢)",
}
_COMPLAINT_CUE = {
    "en": r"\b(but|though|however|finally|only after|still|again|yet|took|waited|another)\b",
    "it": r"\b(ma|però|finalmente|solo dopo|ancora|di nuovo|dopo giorni|ennesim\w*|un altro|un'altra)\b",
    "ru": r"\b(но|однако|наконец|только через|опять|снова|всё ещё|до сих пор|очередн\w*|ещё один)\b",
    "pl": r"\b(ale|jednak|dopiero|w końcu|wreszcie|znowu|znów|nadal|wciąż|kolejn\w*)\b",
    "zh": r"(但是|但|不过|终于|才|又|还是)",
}
_PRAISED = ("support", "complexity", "champion", "adoption")
_NEXT_SENTENCES = 2  # how many sentences after the match a reschedule may come in
_BACKCHANNEL_WORDS = 2  # "Tak tak.", "Yeah, yeah.": skipped on the way to the sentence that points back


def later_in_turn(sentence: str, after: str, lang: str, category: str, before: str = "") -> str:
    """Why the rest of the turn (``after``: the text after the match's sentence; ``before``: what was said before
    it) says the match in ``sentence`` is no risk of ``category``, or ``""``."""
    if category in _PRAISED and lang in _THANKS:
        found = _thanked(sentence, after, lang)
        if found:
            return f"thanks, no complaint: {found!r}"
    if not after.strip():
        return ""
    called_off = category == "complexity" and rx.search(_CALLED_OFF.get(lang, "^$"), sentence.lower())
    busy = category in ("support", "complexity") and rx.search(_BUSY.get(lang, "^$"), sentence.lower())
    if busy and lang in _RESCHEDULE and (found := _rescheduled(sentence, after, lang)):
        return f"meeting logistics: the speaker busy ({busy.group(0)!r}), rescheduled after it: {found!r}"
    if (category == "cancellation" or called_off) and lang in _RESCHEDULE:
        found = _rescheduled(sentence, after, lang)
        if found:
            return f"meeting logistics: rescheduled after it: {found!r}"
    if category != "champion" and lang in _POINTS_BACK:
        found = _disclaimed_next(sentence, after, lang)
        if found:
            return f"the customer says it is unrelated: {found!r}"
    found = partner_then_yours_fine(sentence, before, after, lang)
    if found:
        return f"a partner's business, the vendor's product fine: {found}"
    found = yours_unaffected(sentence, after, lang) if category != "champion" else ""
    return f"the customer's own business, the vendor's product untouched: {found!r}" if found else ""


def _rescheduled(sentence: str, after: str, lang: str) -> str:
    """A new time asked for in the next sentences, the match's sentence naming no contract."""
    if contract_named(sentence.lower(), lang):
        return ""
    window = " ".join(_sentences(after)[:_NEXT_SENTENCES]).lower()
    found = rx.search(_RESCHEDULE[lang], window)
    return found.group(0).strip() if found else ""


def _disclaimed_next(sentence: str, after: str, lang: str) -> str:
    """The next sentence points back and disclaims it ("Ale to nie wasza sprawa."), the match's sentence not naming
    the vendor."""
    following = [s for s in _sentences(after) if len(s.split()) > _BACKCHANNEL_WORDS][:1]
    if not following or names_vendor(sentence.lower(), lang):
        return ""
    text = following[0].lower()
    if not rx.search(_POINTS_BACK[lang], text) and not _bare(text, lang):
        return ""
    found = rx.search(DISCLAIMER[lang], text)
    return found.group(0).strip() if found else ""


_BARE_WORDS = 4  # a sentence that is only the disclaimer ("Not your system.", "Не ваша проблема."): no pointer needed


def _bare(sentence: str, lang: str) -> bool:
    """A sentence of at most a few words (Chinese: twice as many characters)."""
    return len(sentence) <= _BARE_WORDS * 2 if lang == "zh" else len(sentence.split()) <= _BARE_WORDS


# A turn that opens by denying ("Nie, nie rezygnujemy :) Pytałam o okres wypowiedzenia tylko dlatego, że ..."): the
# same category said later in the turn is the explanation, unless a contrast or a condition comes between ("No, we're
# not leaving. But if the price goes up, we will cancel.").
_DENIAL_OPENER = {
    "en": r"^\W*(no|nope|nah|not at all|of course not)\b",
    "it": r"^\W*(no|ma no|macché|assolutamente no)\b",
    "ru": r"^\W*(нет|да нет|что вы)\b",
    "pl": r"^\W*(nie|skąd|ależ skąd|gdzie tam)\b",
    "zh": r"^\W*(不|没有|没|不是|不会)[，,！!。 ]",
}
_TURN_AGAIN = {
    "en": r"\b(but|however|if|unless|although|though)\b",
    "it": r"\b(ma|però|se|tuttavia|anche se)\b",
    "ru": r"\b(но|однако|если|хотя|а вот)\b",
    "pl": r"\b(ale|jednak|jeśli|jeżeli|chyba że|choć|chociaż)\b",
    "zh": r"(但是|但|不过|如果|要是|除非)",
}


def opening_denial(text: str, lang: str) -> int:
    """Where the turn's first sentence ends, when it opens with a denial ("Nie, nie rezygnujemy :)"); else 0."""
    if lang not in _DENIAL_OPENER or not rx.search(_DENIAL_OPENER[lang], text.lower()):
        return 0
    first = rx.search(r"[.!?。！？…)]\s", text + " ")
    return first.end() if first and first.end() < len(text) else 0


# The rep's word asked back and denied at the start of the turn ("Cancelling? No, not at all, I only asked about the
# notice period because ...", "Disdire? Assolutamente no, ...", "Расторгать? Нет, что вы, ...", "Wypowiedzeniu? Skąd,
# ...", "解约？没有，..."): the question names the category that is denied.
_ECHOED = {
    "cancellation": {
        "en": r"\b(cancel\w*|terminat\w*|leav\w*|quit\w*|churn\w*|not renew\w*)\b",
        "it": r"\b(disd\w*|recess\w*|rescind\w*|annull\w*|lasciar\w*|andar\w* via|non rinnov\w*)",
        "ru": r"(расторг\w*|уход\w*|уйти|отказ\w*|не продлева\w*|не продлить)",
        "pl": r"\b(wypowiedz\w*|rezygn\w*|odej\w*|zerwa\w*|rozwiąz\w*)",
        "zh": r"(解约|退订|不续|终止|取消合同|不用了)",
    },
    "competitor": {
        "en": r"\b(switch\w*|other (vendors?|suppliers?|providers?|tools?)|competitors?|alternatives?)\b",
        "it": r"\b(cambiar\w*|altri fornitori|altro fornitore|concorren\w*|alternativ\w*)",
        "ru": r"(сменить|смена|менять|поменять|перейти|переход\w*|конкурент\w*|другого поставщика|других поставщиков|альтернатив\w*)",
        "pl": r"\b(zmian\w*|zmieni\w*|przej\w*|konkurencj\w*|innego dostawc\w*|alternatyw\w*)",
        "zh": r"(换|别家|竞品|竞争对手|其他供应商)",
    },
    "downgrade": {
        "en": r"\b(downgrad\w*|fewer|reduc\w*|cut\w* (back|seats|licen\w*))\b",
        "it": r"\b(ridurre|riduzion\w*|meno licenze|declass\w*)",
        "ru": r"(сократить|сокращ\w*|уменьш\w*|меньше лицензий)",
        "pl": r"\b(zmniejsz\w*|ogranicz\w*|mniej licencji|redukc\w*)",
        "zh": r"(减少|缩减|降级|少买)",
    },
}


def echoed_denial(text: str, lang: str) -> tuple[int, set[str]]:
    """Where the turn's opening question ends and the categories it names, when the customer asks the rep's word
    back and denies it ("Cancelling? No, not at all, ..."); else ``(0, set())``."""
    question = rx.match(r"\s*[^.!?。！？]{1,40}[?？]", text)
    denial = denied_after(text, 0, question.end(), lang) if question else ""
    if question is None or not denial:
        return 0, set()
    asked = question.group(0).lower()
    named = {category for category, table in _ECHOED.items() if lang in table and rx.search(table[lang], asked)}
    said = text.lower().find(denial, question.end()) + len(denial)  # the denial's own "ma no" is no contrast
    return (said, named) if named else (0, set())


def denied_later(hits: list[Hit], text: str, opening: int, denied: set[str], lang: str) -> list[Hit]:
    """``hits`` of a turn (``text``) whose opening denial (up to ``opening``) denied the categories ``denied``: those
    of a denied category said later, no contrast or condition between, negated."""
    out = []
    for hit in hits:
        at = text.find(hit.matched, opening)
        plain = at >= 0 and not rx.search(_TURN_AGAIN[lang], text[opening : at + len(hit.matched)].lower())
        if hit.category in denied and not hit.negated and plain:
            hit = replace(hit, negated=True, evidence=f"{hit.evidence}; negated: denied at the start of the turn")
        out.append(hit)
    return out


def _thanked(sentence: str, after: str, lang: str) -> str:
    """Thanks in the match's sentence or the next one, neither holding a complaint cue."""
    following = [s for s in _sentences(after) if len(s.split()) > _BACKCHANNEL_WORDS or _says_thanks(s, lang)][:1]
    for text in (sentence.lower(), *(s.lower() for s in following)):
        found = rx.search(_THANKS[lang], text)
        if found:
            said = " ".join([sentence.lower(), text])
            return "" if rx.search(_COMPLAINT_CUE[lang], said) else found.group(0)
    return ""


def _says_thanks(text: str, lang: str) -> bool:
    return bool(rx.search(_THANKS[lang], text.lower()))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in rx.split(r"(?<=[.!?。！？…])\s*", text) if s.strip()]


_SHORT_ANSWER = 6  # words (Chinese: characters / 2) of an answer ``denied_question`` reads
_BARE_END = ",.!;:，。！"  # what follows a bare "No" ("No, we're staying."; not "No idea ...")


def denied_question(question: str, answer: str, lang: str) -> set[str]:
    """The categories a rep's yes/no ``question`` names ("Are you thinking of leaving us?": cancellation) that a short
    ``answer`` opening with a bare denial denies ("No, we're staying.", "Нет, остаёмся.", "Nie, zostajemy."): none
    when the answer is longer or turns again ("No. But if the price goes up, we will.")."""
    said = answer.lower().strip()
    size = len(said) / 2 if lang == "zh" else len(said.split())
    opener = rx.search(_DENIAL_OPENER[lang], said) if lang in _DENIAL_OPENER else None
    if not opener or size > _SHORT_ANSWER or not question.rstrip().endswith(("?", "？")):
        return set()
    rest = said[opener.end() :]
    bare = opener.group(0)[-1] in _BARE_END or not rest or rest[0] in _BARE_END  # "No, ..." (zh: "不，" in the opener)
    if not bare or rx.search(_TURN_AGAIN[lang], said):
        return set()
    return asked_categories(question, lang)


def asked_categories(question: str, lang: str) -> set[str]:
    """The categories a question names: leaving, switching, cutting ("Are you thinking of leaving us?",
    "你们要换掉我们吗？")."""
    asked = question.lower()
    return {category for category, table in _ECHOED.items() if lang in table and rx.search(table[lang], asked)}


def opens_with_denial(text: str, lang: str) -> bool:
    """Whether ``text`` opens with a bare denial ("No. ...", "Нет, ...", "Nie, ...", "不，..."), whatever follows."""
    return lang in _DENIAL_OPENER and bool(rx.search(_DENIAL_OPENER[lang], text.lower().strip()))
