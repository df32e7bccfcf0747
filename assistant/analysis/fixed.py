# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Past and fixed problems (issue 10 §5, rules10): a problem said to have been there at first, and gone after
something the vendor did.

    fixed_since("at first the planners couldn't work it out, but after your session they're quicker.", 24, 44, "en",
                "complexity")
    # -> "'at first' … 'but after'"

A match of a problem category (complexity, support, adoption) after "at first" / "all'inizio" / "na początku" /
"сначала" / "一开始" (or "that week": "那一周确实难熬"), with "but after" / "ma dopo" / "ale po" / "но после" /
"…以后" after it in the sentence: the problem is the past, the sentence tells how it was fixed ("Na początku
brygadziści się gubili, ale po waszym szkoleniu robią to szybciej", "一开始班组长搞不明白，你们培训了一次以后比以前还快").
A problem said after the "but after" is a new one and stays ("At first it was fine, but after your update nobody can
find anything"), and so does one with no "at first" ("still can't work it out even after your session").
A problem that did not happen is past too: a past counterfactual, then how it is now ("If the new rate had gone
through as first quoted we'd have had a problem, but the revised one is fine"; any category).
The workaround given up (adoption, rules15; eval_heldout14a's praise): the old way the match names is said to have
stopped ("the account managers stopped exporting to Excel", "stare raporty z Excela, nikt już ich nie robi ręcznie",
"больше никто не считает в Excel", "nessuno usa più Excel", "不再用Excel了"): the adoption it proves is the vendor's.
Returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

from assistant.analysis import regexes as rx

_AT_FIRST = {
    "en": r"\b(at first|initially|in the beginning|at the beginning|at the start|the first (few )?(days|weeks|months)|that (week|month|day))\b",
    "it": r"\b(all'inizio|inizialmente|in un primo momento|i primi (giorni|tempi|mesi)|quella settimana|quel mese)\b",
    "ru": r"\b(сначала|поначалу|вначале|в начале|первое время|первые (дни|недели|месяцы)|та неделя|в ту неделю|тот месяц)\b",
    "pl": r"\b(na początku|początkowo|z początku|najpierw|pierwsze (dni|tygodnie|miesiące)|tamten tydzień|w tamtym tygodniu)\b",
    "zh": r"(一开始|刚开始|起初|最初|开始的时候|那一?(周|个星期|个月|阵子|段时间))",
}
# The contrast that says what changed it: "but after your session", "ma dopo la vostra sessione", "以后".
_BUT_AFTER = {
    "en": r"\b(but|and|now)\b[^.!?]{0,12}\b(after|since)\b",
    "it": r"\b(ma|però|e|ora|adesso)\b[^.!?]{0,12}\bdopo\b",
    "ru": r"\b(но|а|и|теперь)\b[^.!?]{0,12}\bпосле\b",
    "pl": r"\b(ale|a|i|teraz)\b[^.!?]{0,12}\bpo\b",
    "zh": r"(以后|之后)",
}
# The categories of a problem that can be over (fixed, or fine since): settled.py reads the same ones.
PROBLEMS = ("complexity", "support", "adoption")
# A past counterfactual, then a contrast that says how it is now ("If the new rate had gone through as first quoted
# we'd have had a problem, but the revised one is fine", "Если бы осталась цена …, были бы проблемы, но …", "Gdyby
# została stawka …, byłby problem, ale …"): the problem did not happen. A threat about the future stays ("If the new
# rate goes through, we'll go out to tender").
_COUNTERFACTUAL = {
    "en": r"\bif\b[^.!?]{0,80}\bhad\b[^.!?]{0,80}\b(would|we'd|i'd|it'd|that'd|there'd) have\b",
    "it": r"\bse\b[^.!?]{0,80}\b(fosse|fossero|avesse|avessero)\b[^.!?]{0,80}\b(avremmo|avrei|sarebbe|saremmo)\b",
    "ru": r"\bесли бы\b[^.!?]{0,80}\bбы\b",
    "pl": r"\bgdyby\w*\b[^.!?]{0,80}\b(byłby|byłaby|byłoby|byłyby|mielibyśmy|musielibyśmy)\b",
}
# The workaround given up: a word of stopping near the match (``_workaround_ended``).
_STOPPED = {
    "en": r"\b(stopped|no longer|quit|gave up|nobody \w+ (it|them|that) any ?more|(don't|do not|doesn't) \w+ (it|them) any ?more)\b",
    "it": r"\b(hanno smesso|abbiamo smesso|ha smesso|non \w+ più|nessuno \w+ più|più nessuno)\b",
    "ru": r"(перестали|перестал\w*|больше не|никто больше не|уже никто не|никто уже не)",
    "pl": r"\b(przestali\w*|przestał\w*|nikt już|już nikt|już nie)\b",
    "zh": r"(不再|不用再|再也不|没人再|已经不)",
}
_WORKAROUND = {
    "en": r"\b(excel|spreadsheets?|export\w*|manual\w*|paper|by hand)\b",
    "it": r"\b(excel|fogli? (di calcolo|excel)|esport\w*|a mano|manualmente|carta)\b",
    "ru": r"(excel|эксел\w*|таблиц\w*|выгруж\w*|вручную|бумаг\w*)",
    "pl": r"\b(excel\w*|arkusz\w*|eksport\w*|ręcznie|papier\w*)\b",
    "zh": r"(excel|表格|导出|手工|手动|纸质)",
}
_BUT_NOW = {
    "en": r"\b(but|though)\b",
    "it": r"\b(ma|però)\b",
    "ru": r"\b(но|а)\b",
    "pl": r"\b(ale|jednak)\b",
}


def fixed_since(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """Why the match ``sentence[start:end]`` is a problem of the past, fixed since (or one that did not happen), or
    ``""``."""
    text = sentence.lower()
    ended = _workaround_ended(text, start, end, lang) if category == "adoption" else ""
    if ended:
        return ended
    averted = _averted(text, start, end, lang)
    if averted or category not in PROBLEMS or lang not in _AT_FIRST:
        return averted
    first = rx.search(_AT_FIRST[lang], text[:end])
    if first is None or first.start() > start:
        return ""
    since = next((m for m in rx.finditer(_BUT_AFTER[lang], text) if m.start() >= start), None)
    return f"{first.group(0)!r} … {since.group(0)!r}" if since else ""


def _averted(text: str, start: int, end: int, lang: str) -> str:
    """A past counterfactual over the match, a contrast after it: a problem that did not happen."""
    found = rx.search(_COUNTERFACTUAL[lang], text) if lang in _COUNTERFACTUAL else None
    if found is None or found.start() > start or found.end() < start:
        return ""
    now = rx.search(_BUT_NOW[lang], text[max(end, found.end()) :])
    return f"{found.group(0)!r} … {now.group(0)!r}" if now else ""


def _workaround_ended(text: str, start: int, end: int, lang: str) -> str:
    """A workaround in the match, and a word of stopping near it (30 characters) followed closely (25) by a workaround:
    the old way given up ("stopped exporting to Excel"; not "went back to Excel and stopped using the system")."""
    if lang not in _WORKAROUND or not rx.search(_WORKAROUND[lang], text[start:end]):
        return ""
    for stop in rx.finditer(_STOPPED[lang], text[max(0, start - 30) : end + 30]):
        after = text[max(0, start - 30) + stop.end() :][:25]
        work = rx.search(_WORKAROUND[lang], after)
        if work:
            return f"the workaround given up: {stop.group(0)!r} … {work.group(0)!r}"
    return ""
