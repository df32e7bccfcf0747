"""Executive titles in a Chinese sentence: characters compared with the lexicon's phrases, longest first; a
head title takes a preceding business function; ASCII acronyms ("CFO") and surname + 总 ("王总")."""

from __future__ import annotations

import re

from assistant.analysis.executives.cues_zh import ZH_SURNAMES
from assistant.analysis.executives.match import Lexicon, Phrase, TitleMatch

_SURNAMES = "".join(sorted(ZH_SURNAMES))


def find_titles_zh(text: str, lex: Lexicon) -> list[TitleMatch]:
    """Titles in a Chinese sentence by characters, longest first; a head title takes a preceding function."""
    taken = [False] * len(text)
    found: list[TitleMatch] = []
    for phrase_text, ph in lex.zh:
        if ph.spec is None:
            continue
        for m in re.finditer(re.escape(phrase_text), text):
            if any(taken[m.start() : m.end()]):
                continue
            match = _zh_match(text, m.start(), m.end(), ph, lex)
            if match:
                found.append(match)
                taken[match.start : match.end] = [True] * (match.end - match.start)
    found += _ascii_titles_zh(text, lex, taken)
    found += _surname_zong(text, taken)
    return sorted(found, key=lambda m: m.start)


# words that end in a surname character: "对方总是" is "the other side always", not "Mr Fang"
_SURNAME_WORDS = {
    "对方",
    "地方",
    "双方",
    "一方",
    "各方",
    "多方",
    "官方",
    "东方",
    "西方",
    "南方",
    "北方",
    "大方",
    "上方",
}
_SURNAME_WORDS |= {
    "下方",
    "对于",
    "由于",
    "关于",
    "终于",
    "至于",
    "等于",
    "属于",
    "每周",
    "上周",
    "本周",
    "下周",
    "提高",
}
_SURNAME_WORDS |= {
    "最高",
    "很高",
    "太高",
    "更高",
    "价钱",
    "资金",
    "现金",
    "租金",
    "奖金",
    "基金",
    "明白",
    "其余",
    "多余",
}
_SURNAME_WORDS |= {"谢谢", "感谢", "多谢", "致谢", "答谢"}  # "谢谢副总": "thank you, VP", not "Mr Xie"


def _surname_zong(text: str, taken: list[bool]) -> list[TitleMatch]:
    """ "王总", "李总": a surname and 总 is how Chinese business speech addresses a general manager; "陈副总" (a
    surname and 副总, short for 副总经理 / 副总裁) a vice president."""
    found = []
    for m in re.finditer(r"([" + _SURNAMES + r"])(副?)总(?![共之结部体额数计量理统裁监经是算归])", text):
        s, e = m.start(), m.end()
        if any(taken[s:e]) or text[max(0, s - 1) : s + 1] in _SURNAME_WORDS:
            continue
        title, level = ("VP", "vp") if m.group(2) else ("General Manager", "c_level")
        found.append(TitleMatch(title, level, s, e, False, 1.0, m.group(), named=m.group()))
    return found


def _zh_match(text: str, start: int, end: int, ph: Phrase, lex: Lexicon) -> TitleMatch | None:
    spec = ph.spec
    assert spec is not None  # callers pass title phrases only
    if spec.domain != "none":
        for dom_text, dom in lex.zh:
            if dom.spec is None and text[:start].endswith(dom_text):
                s = start - len(dom_text)
                return TitleMatch(f"{spec.title} of {dom.domain}", spec.level, s, end, False, 1.0, text[s:end])
        unit = re.search(r"[\u4e00-\u9fff]{0,4}(?:业务|事业部|事业群|板块|区域|大区)$", text[:start])
        if unit and spec.domain == "required":  # "国际业务负责人": a business unit's head
            return TitleMatch(spec.title, spec.level, unit.start(), end, False, 1.0, text[unit.start() : end])
        if spec.domain == "required":
            return None
    weak = spec.needs_context or ph.weak or ph.ambiguous
    return TitleMatch(spec.title, spec.level, start, end, weak, 1.0, text[start:end])


def _ascii_titles_zh(text: str, lex: Lexicon, taken: list[bool]) -> list[TitleMatch]:
    """Loanword acronyms in Chinese text: "我们的CFO"."""
    found = []
    for m in re.finditer(r"[A-Za-z]{2,6}", text):
        spec = lex.acronyms.get(m.group().lower())
        if spec and m.group().isupper() and not any(taken[m.start() : m.end()]):
            found.append(TitleMatch(spec.title, spec.level, m.start(), m.end(), spec.needs_context, 1.0, m.group()))
    return found
