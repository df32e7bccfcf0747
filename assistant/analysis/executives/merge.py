"""Evidence per person: one executive out of every sentence that names or implies them.

``promote`` makes a named executive speaking when they are heard on the call (a speaker label or a
self-introduction with that name); ``merge`` groups evidence per person (by name, else by title and
side) keeping the earliest speaking evidence; ``merge_same_as`` joins titles the titles file marks as
one seat ("our CFO ... our finance director"); ``higher`` keeps the higher of two coordinated titles
("founder and CEO").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names_self import Identity
from assistant.analysis.executives.spelling import close_names, same_person
from assistant.analysis.executives.titles import ExecutiveTitles
from assistant.records import Executive, Role

RANK = ("c_level", "board", "vp", "director", "owner", "senior")


@dataclass(frozen=True)
class Evidence:
    """One executive as one sentence or speaker label shows them."""

    executive: Executive
    index: int  # utterance index
    denied: bool = False  # "у нас нет гендиректора": the seat is said to be empty (see ``drop_denied``)
    sided: bool = True  # the side was said (a possessive, a self-introduction, a label), not assumed
    by: str = ""  # the speaker label of the line that said it (kept when the executive is later heard)


def drop_denied(evidence: list[Evidence]) -> list[Evidence]:
    """ "ваш генеральный директор будет?" — "Нет, у нас нет гендиректора": a seat denied in a turn takes
    away the nameless mentions of that title in the two turns before, and is no executive itself."""
    gone = {(e.index - back, e.executive.title) for e in evidence if e.denied for back in (1, 2)}
    return [e for e in evidence if not e.denied and (e.executive.name or (e.index, e.executive.title) not in gone)]


def higher(ev: Evidence, match: TitleMatch) -> Evidence:
    """ "founder and CEO": the same person under the higher of the two titles."""
    ex = ev.executive
    if RANK.index(match.level) >= RANK.index(ex.level):
        return ev
    why = f"{ex.evidence}; also '{match.evidence}' -> {match.title}"
    return replace(ev, executive=replace(ex, title=match.title, level=match.level, evidence=why))


def promote(ev: Evidence, identities: list[Identity]) -> Evidence:
    """A named executive who is heard on the call (label or self-introduction) is speaking."""
    ex = ev.executive
    if ex.kind == "speaking" or not ex.name:
        return ev
    sides: set[Role] = {ex.role, "unknown"}
    heard = next((i for i in identities if same_person(i.name, ex.name) and _side_ok(ev, i, sides)), None)
    if (heard is None or not heard.label) and (label := _label_spelling(ev, identities, sides)):
        heard, ex = label, replace(ex, name=label.name)  # "Kevin Kru" said, "Kevin S. Krumm" the label
    if heard is None:
        return ev
    utt = heard.utterance
    why = f"{ex.evidence}; heard on the call as '{utt.speaker}'"
    spoke = replace(ex, kind="speaking", role=utt.role, speaker=utt.speaker, start=utt.start, end=utt.end)
    return Evidence(replace(spoke, quote=utt.text, evidence=why), heard.index, by=ev.by)


def _label_spelling(ev: Evidence, identities: list[Identity], sides: set[Role]) -> Identity | None:
    """The one speaker label whose name is a close spelling of the executive's (``close_names``)."""
    labels = {i.name: i for i in reversed(identities) if i.label}  # each label's first turn
    near = [i for i in labels.values() if close_names(i.name, ev.executive.name) and _side_ok(ev, i, sides)]
    return near[0] if len(near) == 1 else None


def _side_ok(ev: Evidence, heard: Identity, sides: set[Role]) -> bool:
    """The person heard is on the executive's side, or the side was only assumed ("From Northwind we have Tom
    Becker, VP of Operations", said by the rep) and a speaker label carries the full name."""
    if heard.utterance.role in sides:
        return True
    full = len(heard.name.split()) >= 2 and len((ev.executive.name or "").split()) >= 2
    return not ev.sided and heard.label and full


def fold_zong(evidence: list[Evidence]) -> list[Evidence]:
    """ "赵总" after "首席执行官赵强" is Zhao Qiang addressed as boss, not a General Manager of his own: a
    surname + 总 (or 副总, a VP) folds into the one named executive of the call with that surname (kept apart when
    there is none, or more than one)."""
    people = {e.executive.name: e.executive for e in evidence if e.executive.name and not _zong(e.executive.name)}
    out = []
    for ev in evidence:
        name = ev.executive.name or ""
        same = [p for n, p in people.items() if _zong(name) and n[0] == name[0] and len(n) >= 2]
        if len(same) == 1:
            why = f"{ev.executive.evidence}; '{name}' is {same[0].name}"
            folded = replace(ev.executive, name=same[0].name, title=same[0].title, level=same[0].level, evidence=why)
            ev = Evidence(folded, ev.index)
        out.append(ev)
    return out


def _zong(name: str) -> bool:
    return (len(name) == 2 and name.endswith("总")) or (len(name) == 3 and name.endswith("副总"))  # 王总, 陈副总


def merge(evidence: list[Evidence]) -> tuple[Executive, ...]:
    said_by = {id(e.executive): e.by for e in evidence}
    groups: list[list[Executive]] = []
    for ex in sorted((e.executive for e in evidence if e.executive.name), key=lambda e: e.start):
        group = next((g for g in groups if any(same_person(x.name, ex.name) for x in g)), None)
        near = [g for g in groups if any(close_names(x.name, ex.name) for x in g)]
        group = group if group is not None or len(near) != 1 else near[0]  # "Rob Maiones" ... "Rob Mionis"
        group.append(ex) if group is not None else groups.append([ex])
    named = list(groups)
    for ex in sorted((e.executive for e in evidence if not e.executive.name), key=lambda e: e.start):
        owners = [g for g in named if any(_same_seat(x, ex) for x in g)]
        if len(owners) > 1:  # "The CEO at Vogue ... The CEO there is a Mr Jonathan Salem": the one named in that turn
            owners = [g for g in owners if any(x.start == ex.start for x in g)] or _own_said(owners, ex, said_by)
        if len(owners) == 1:
            owners[0].append(ex)
            continue
        group = next((g for g in groups if g not in named and _same_seat(g[0], ex)), None)
        group.append(ex) if group is not None else groups.append([ex])
    return tuple(sorted((_combine(g) for g in groups), key=lambda e: e.start))


def _own_said(owners: list[list[Executive]], ex: Executive, said_by: dict[int, str]) -> list[list[Executive]]:
    """ "our CFO, Eileen McLoughlin" ... "the print initiative that our CFO is leading": of several named holders of a
    title, a speaker's nameless "our <title>" is the one that speaker named with "our" too."""
    by = said_by.get(id(ex))
    if not by or _OWN not in ex.evidence:
        return []
    return [g for g in owners if any(said_by.get(id(x)) == by and _OWN in x.evidence for x in g)]


_OWN = "possessive (own)"


def same_as_titles(titles: ExecutiveTitles) -> dict[str, set[str]]:
    """Title -> the titles it may be the same person as (both ways), from ``same_as:`` in the titles file."""
    out: dict[str, set[str]] = {}
    for spec in titles.titles:
        for other in spec.same_as:
            out.setdefault(spec.title.casefold(), set()).add(other.casefold())
            out.setdefault(other.casefold(), set()).add(spec.title.casefold())
    return out


def merge_same_as(executives: tuple[Executive, ...], same: dict[str, set[str]]) -> tuple[Executive, ...]:
    """ "our CFO ... our finance director": one person on one side, reported under the higher title."""
    out: list[Executive] = []
    for ex in executives:
        k = next((i for i, o in enumerate(out) if _one_person(o, ex, same)), None)
        if k is None:
            out.append(ex)
            continue
        keep, other = sorted((out[k], ex), key=_rank_named)  # between equals, the title said with the name
        first = min((out[k], ex), key=lambda e: (e.kind != "speaking", e.start))
        out[k] = replace(first, title=keep.title, level=keep.level, name=keep.name or other.name)
    return tuple(out)


def _rank_named(e: Executive) -> tuple[int, bool, float]:
    return (RANK.index(e.level) if e.level in RANK else 9, e.name is None, e.start)


def _one_person(a: Executive, b: Executive, same: dict[str, set[str]]) -> bool:
    related = b.title.casefold() in same.get(a.title.casefold(), set())
    names_agree = not (a.name and b.name) or same_person(a.name, b.name)
    return related and a.role == b.role and names_agree


def _same_seat(a: Executive, b: Executive) -> bool:
    return a.title == b.title and (a.role == b.role or "unknown" in (a.role, b.role))


def _combine(group: list[Executive]) -> Executive:
    speaking = sorted((e for e in group if e.kind == "speaking"), key=lambda e: e.start)
    best = speaking[0] if speaking else min(group, key=lambda e: e.start)
    names = [e.name for e in group if e.name]
    name = max(names, key=len) if names else None
    roles = [e.role for e in group if e.role != "unknown"]
    role = best.role if best.role != "unknown" or not roles else roles[0]
    return replace(best, name=name, role=role, confidence=max(e.confidence for e in group))
