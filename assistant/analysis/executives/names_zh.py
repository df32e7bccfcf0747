"""Chinese personal names around executive titles: a common surname and one or two given-name characters,
stopping before verbs and particles ("陈静想" is 陈静 + 想)."""

from __future__ import annotations

import re

from assistant.analysis.executives import cues_zh as Z
from assistant.analysis.executives.match import TitleMatch


def zh_name_at(text: str, i: int) -> str | None:
    """A Chinese personal name starting at i: a common surname and one or two given-name characters."""
    if i >= len(text) or text[i] not in Z.ZH_SURNAMES:
        return None
    j = i + 1
    while j < len(text) and j - i < 3 and _zh_name_char(text, j):
        j += 1
    return text[i:j] if j - i >= 2 else None


def _zh_name_char(text: str, j: int) -> bool:
    if not re.match(r"[\u4e00-\u9fff]", text[j]) or text[j] in Z.ZH_NAME_STOPS:
        return False
    return text[j : j + 2] not in Z.ZH_NAME_STOP_WORDS


def zh_names_lead(sentence: str, titles: list[TitleMatch]) -> bool:
    """ "今天参加的有王丽，首席财务官，张伟，首席执行官": the Chinese form of ``names_lead_titles``."""
    first = titles[0].start if len(titles) >= 2 else 0
    return first >= 3 and sentence[first - 1] in "，," and _zh_name_before(sentence[: first - 1]) is not None


def _zh_name_before(text: str) -> str | None:
    return next((text[-k:] for k in (3, 2) if len(text) >= k and zh_name_at(text[-k:], 0) == text[-k:]), None)


def zh_linked_name(sentence: str, m: TitleMatch, names_lead: bool = False) -> str | None:
    """ "财务总监王丽", "王丽是我们的财务总监", "王丽，我们的财务总监"; ``names_lead``: "王丽，首席财务官，张伟，…"."""
    lead = names_lead and sentence[m.start - 1 : m.start] in ("，", ",")
    if lead and (name := _zh_name_before(sentence[: m.start - 1])):
        return name
    after = m.end + (1 if sentence[m.end : m.end + 1] in {"，", ",", "："} else 0)
    name = zh_name_at(sentence, after)
    if name:
        return name
    said = re.match(
        r"(?:换了，|，)?(?:新来的|现在的|新的)?是", sentence[after:]
    )  # "销售副总裁是张强", "…换了，新来的是郭鹏"
    if said and (name := zh_name_at(sentence, after + said.end())):
        return name
    before = re.search(
        r"([\u4e00-\u9fff]{2,3})(?:是|，|,|（|\()(?:我们的|我们公司的|你们的|公司的|我们)?"
        r"(?:[\u4e00-\u9fff]{1,2}(?:——|—|--|–))?$",  # "王丽，首席——财务总监": a false start skipped
        sentence[: m.start],
    )
    if before:  # "…有张伟，国际业务负责人": the name may be the last two characters only
        given = before.group(1)
        return zh_name_at(given, 0) or (zh_name_at(given[1:], 0) if len(given) == 3 else None)
    return _zh_name_before(sentence[: m.start])  # "董事长李义达董事长博士": a name right before the title


def zh_self_name(text: str) -> str | None:
    for cue in Z.ZH_NAME_CUES:
        for m in re.finditer(cue, text):
            name = zh_name_at(text, m.end())
            if name and text[m.end() + len(name) : m.end() + len(name) + 1] not in set("总经"):
                return name
    return None
