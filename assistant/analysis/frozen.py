# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""An activity frozen (budget, payment), read in Italian, Russian, Polish and Chinese as ``attribution.py`` reads it in
English (issue 10 §5, rules8):

    frozen_activity("в бухгалтерии найм заморозили, зато склад растёт.", 19, 29, "ru")   # -> "найм"

What is frozen is hiring or another activity, not money, purchases, projects, payments or what the vendor sells
("В бухгалтерии найм заморозили", "zamroziliśmy rekrutację", "abbiamo bloccato le assunzioni", "冻结了招聘"; "i fondi
sono congelati", "заморозила все закупки" stand). Returns the activity, or ``""``; read by ``ownership.py``.
"""

from __future__ import annotations

import re

from assistant.analysis import regexes as rx
from assistant.analysis.attribution_words import NEUTRAL, OURS
from assistant.analysis.nlp import get_fast_nlp, russian_morphology

_FREEZE = {
    "it": r"\b(bloccat\w*|congelat\w*|sospes[oaie]|fermat\w*)\b",
    "ru": r"\b(замороз\w*|приостанов\w*)",
    "pl": r"\b(zamroz\w*|zamroż\w*|wstrzyma\w*)",
    "zh": r"(冻结|暂停|停掉|停止)",
}
# Money, purchases, projects and payments: frozen, they are a risk to the renewal; any other noun is an activity.
_MONEY = {
    "it": r"(budget|fond\w*|spes\w*|cost\w*|acquist\w*|pagament\w*|fattur\w*|soldi|investiment\w*|risors\w*|progett\w*|ordin\w*|tutto|tutti|tutte)",
    "ru": r"(бюджет\w*|финансир\w*|расход\w*|затрат\w*|закуп\w*|трат\w*|средств\w*|деньг\w*|плат[её]ж\w*|оплат\w*|сч[её]т\w*|покупк\w*|инвестиц\w*|проект\w*|заказ\w*|вс[её]|все)",
    "pl": r"(budżet\w*|finans\w*|wydat\w*|koszt\w*|zakup\w*|płatnoś\w*|faktur\w*|pieniądz\w*|pieniędz\w*|środk\w*|inwestycj\w*|opłat\w*|projekt\w*|zamówie\w*|wszystk\w*)",
    "zh": r"(预算|采购|付款|支出|开支|费用|资金|投资|经费|钱|项目|订单|一切|所有|全部)",
}
_IT_SKIP = {"il", "lo", "la", "i", "gli", "le", "l'", "tutte", "tutti", "anche", "già", "per", "ora", "adesso"}
_PL_SKIP = {"się", "nam", "mi", "też", "już", "na", "razie", "teraz", "całą", "cały", "całe", "wszelką"}


def frozen_activity(text: str, start: int, end: int, lang: str) -> str:
    """What a freeze verb among the matched words freezes, when it is an activity: not money, purchases, projects,
    payments or what the vendor sells, before or after the verb ("найм заморозили", "zamroziliśmy rekrutację",
    "冻结了招聘"; "i fondi sono congelati", "заморозила все закупки" stand)."""
    verb = rx.compiled(_FREEZE[lang]).search(text, start, end) if lang in _FREEZE else None
    if verb is None or verb.end() > end + 3:
        return ""
    around = _around(text, verb, lang)
    if not around or any(rx.fullmatch(_MONEY[lang], w) or _plain(w, lang) for w in around):
        return ""
    return _object(around, text, verb, lang)


def _plain(word: str, lang: str) -> bool:
    """Ours or nobody in particular: a freeze of it stands."""
    return any(table[lang].fullmatch(word) for table in (OURS, NEUTRAL) if lang in table)


def _around(text: str, verb: re.Match[str], lang: str) -> list[str]:
    """The words just after a freeze verb (its object first), then the ones just before it (nearest first)."""
    if lang == "zh":
        after = [t.text for t in get_fast_nlp("zh")(text[verb.end() :]) if t.text not in ("了", "的")][:1]
        before = [t.text for t in get_fast_nlp("zh")(text[: verb.start()]) if t.text not in ("都", "已经", "了", "的")]
        words = after + before[::-1][:2]
        return [w for w in words if w.strip() and w not in "，。；！？,.;!?"]
    skip = _IT_SKIP if lang == "it" else _PL_SKIP
    after = [w for w in rx.findall(r"[\w']+", rx.split(r"[,.;:!?]", text[verb.end() :])[0])[:4] if w not in skip]
    before = rx.findall(r"[\w']+", rx.split(r"[,.;:!?]", text[: verb.start()])[-1])[-2:][::-1]
    return after[:2] + before if lang == "ru" else after[:1] + before[:1]


def _object(around: list[str], text: str, verb: re.Match[str], lang: str) -> str:
    """The activity frozen: the object after an active verb (Russian: a noun that can be in the accusative,
    before or after it); a participle ("è congelato", "jest zamrożony") has none."""
    if lang == "ru":
        readings = ((w, russian_morphology().parse(w)[:3]) for w in around)
        return next((w for w, parse in readings if any(p.tag.POS == "NOUN" and "accs" in p.tag for p in parse)), "")
    if lang in ("it", "pl") and rx.search(r"(?:[oaie]|ony|ona|one|eni)$", verb.group(0)) and not _active(text, verb):
        return ""
    return around[0] if around else ""


def _active(text: str, verb: re.Match[str]) -> bool:
    """An active verb: Italian after "abbiamo" / "ha" / "hanno"; Polish in a past person form."""
    before = text[: verb.start()].split()[-2:]
    return bool(set(before) & {"abbiamo", "ho", "ha", "hanno", "avete"}) or verb.group(0).endswith(
        ("liśmy", "ł", "li", "ła")
    )
