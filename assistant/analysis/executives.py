"""Executive contacts on a call: who, with what title, and whether they were on the call.

``find_executives(transcript, titles)`` returns one ``records.Executive`` per person (or per title and
side when no name is said), in order of first evidence. Heuristics, in the order they are applied:

1. Titles come from ``keyword_rules/executives.yaml`` (see ``executive_titles``) and are found per
   sentence by ``executive_match`` (inflections, "VP of Sales", ASR-garbled acronyms on short windows).
2. A title that ``needs_context`` (president, director, owner, VP ...), an ASR form or a fuzzy match
   counts only with context: a possessive (our / your / their ...), a self-introduction, a decision
   cue ("run it by"), presence on the call, or "<title> at|of <Company>". "A CFO", "every CEO" are
   kinds of people, not people, and are skipped unless the speaker says it of themselves.
3. A name is linked where the sentence says so: "our CFO Jane Smith", "Jane Smith, our CFO", "our CFO
   is Jane", "I'm Dana, the CFO", a self-introduction elsewhere in the utterance ("меня зовут Ольга, я
   финансовый директор"), or a speaker label ("Jane Smith (CFO)"). English candidates are vetted with
   spaCy (proper noun or PERSON, never ORG/GPE); Russian names are checked and put in the nominative
   with pymorphy3.
4. ``speaking`` = the executive is on the call: they introduce themselves ("I'm the CFO", "as CFO, I"),
   their speaker label carries the title, someone says they are present ("our CFO is on the call"), or
   a named executive is later heard (a speaker label or self-introduction with that name). Everything
   else is ``mentioned``.
5. ``role`` is the side the executive is on: the speaker's side for "our"/no possessive and
   self-introductions, the other side for "your", unknown for "their". The rep's own executives are
   reported too (role "rep"); callers decide whether they matter.
6. Evidence is merged per person: the name, and the earliest speaking evidence (else the earliest
   mention). A nameless title merges into the one named person with that title on that side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from assistant.analysis import executive_lang as L
from assistant.analysis.executive_match import TitleMatch, find_titles, find_titles_zh, lexicon
from assistant.analysis.executive_names import (
    Identity,
    label_name,
    linked_name,
    same_person,
    speaker_identities,
    utterance_self_name,
    zh_linked_name,
)
from assistant.analysis.executive_titles import (
    DEFAULT_EXECUTIVES_FILE,
    ExecutiveTitles,
    load_executive_titles,
)
from assistant.records import Executive, Role, Transcript, Utterance

__all__ = ["ExecutiveTitles", "default_executive_titles", "find_executives", "load_executive_titles"]


@dataclass(frozen=True)
class _Context:
    possessive: str | None = None  # "own" | "other" | "third"
    self_intro: bool = False
    decision: bool = False
    present: bool = False
    org: bool = False
    generic: bool = False
    other_of: bool = False  # "owner of this project": a weak title in another sense

    @property
    def supports(self) -> bool:
        return bool(self.possessive or self.self_intro or self.decision or self.present or self.org)


@dataclass(frozen=True)
class _Evidence:
    executive: Executive
    index: int  # utterance index


@lru_cache(maxsize=1)
def default_executive_titles() -> ExecutiveTitles:
    """The shipped ``keyword_rules/executives.yaml``, loaded once."""
    return load_executive_titles(DEFAULT_EXECUTIVES_FILE)


def find_executives(transcript: Transcript, titles: ExecutiveTitles | None = None) -> tuple[Executive, ...]:
    """The executives a call involves, one per person, each speaking or mentioned (module docstring)."""
    titles = titles or default_executive_titles()
    identities = speaker_identities(transcript, _language)
    evidence: list[_Evidence] = []
    labels: set[str] = set()
    for index, utt in enumerate(transcript.utterances):
        lang = _language(utt, transcript)
        if utt.speaker not in labels:  # the first turn of each speaker is the earliest label evidence
            labels.add(utt.speaker)
            evidence += _from_label(utt, index, lang, titles)
        evidence += _from_text(utt, index, lang, titles)
    evidence = [_promote(ev, identities) for ev in evidence]
    return _merge_same_as(_merge(evidence), _same_as(titles))


def _language(utt: Utterance, transcript: Transcript) -> str:
    script = L.script_language(utt.text)
    declared = utt.language or transcript.languages.get(utt.role) or transcript.language
    if script in ("zh", "ru") or declared not in L.LANGUAGES or declared in ("zh", "ru"):
        return script
    return declared


# ---- evidence from one utterance --------------------------------------------------------------------


def _from_label(utt: Utterance, index: int, lang: str, titles: ExecutiveTitles) -> list[_Evidence]:
    """A speaker label such as "Jane Smith (CFO)" makes that speaker an executive on the call.

    Only sure matches count: no fuzzy or context-needing forms, and no two-letter acronyms, which in a
    label are more often initials ("AD", "CO") than titles."""
    label = utt.speaker.strip()
    script = L.script_language(label)
    lang = script if script in ("zh", "ru") else lang
    found = [*_titles_in(label, lang, titles), *([] if lang == "en" else _titles_in(label, "en", titles))]
    sure = [m for m in found if not m.needs_context and m.confidence == 1.0 and _not_initials(m.evidence)]
    if not sure:
        return []
    ex = _executive(sure[0], "speaking", label_name(label), utt.role, utt, lang, f"speaker label '{label}'")
    return [_Evidence(ex, index)]


def _not_initials(evidence: str) -> bool:
    return len(evidence) > 2 or not evidence.isascii()


def _titles_in(text: str, lang: str, titles: ExecutiveTitles) -> list[TitleMatch]:
    lex = lexicon(titles, lang)
    return find_titles_zh(text, lex) if lang == "zh" else find_titles(L.tokenize(text, lang), lex)


def _from_text(utt: Utterance, index: int, lang: str, titles: ExecutiveTitles) -> list[_Evidence]:
    lex = lexicon(titles, lang)
    out: list[_Evidence] = []
    own_name = _own_name(utterance_self_name(utt.text, lang), label_name(utt.speaker))
    for sentence in L.sentences(utt.text):
        if lang == "zh":
            out += _zh_sentence(sentence, utt, index, lex, own_name)
        else:
            out += _word_sentence(sentence, utt, index, lang, lex, own_name)
    return out


def _own_name(said: str | None, label: str | None) -> str | None:
    """The speaker's name: what they said ("this is Dana"), or the fuller label ("Dana Brooks") if it agrees."""
    if said and label and same_person(said, label):
        return max(said, label, key=len)
    return said or label


def _word_sentence(sentence: str, utt: Utterance, index: int, lang: str, lex: Any, own: str | None) -> list[_Evidence]:
    tokens = L.tokenize(sentence, lang)
    out: list[_Evidence] = []
    prev: tuple[TitleMatch, _Context] | None = None
    for match in find_titles(tokens, lex):
        ctx = _context(tokens, match, lang)
        if prev and prev[1].self_intro and _coordinated(tokens, prev[0].end, match.start, lang):
            out[-1] = _higher(out[-1], match)  # "I'm the founder and CEO": one person, the higher title
            continue
        weak = match.needs_context and (not ctx.supports or ctx.other_of)
        if weak or (ctx.generic and not ctx.self_intro):
            continue
        name = linked_name(tokens, match, lang) or (own if ctx.self_intro else None)
        out.append(_evidence(match, ctx, name, utt, index, lang, sentence))
        prev = (match, ctx)
    return out


def _coordinated(tokens: list[L.Token], start: int, stop: int, lang: str) -> bool:
    between = {t.low for t in tokens[start:stop]}
    return bool(between) and between <= L.COORDINATORS | L.DETERMINERS[lang]


def _higher(ev: _Evidence, match: TitleMatch) -> _Evidence:
    ex = ev.executive
    if _RANK.index(match.level) >= _RANK.index(ex.level):
        return ev
    why = f"{ex.evidence}; also '{match.evidence}' -> {match.title}"
    return _Evidence(replace(ex, title=match.title, level=match.level, evidence=why), ev.index)


_RANK = ("c_level", "board", "vp", "director", "owner", "senior")


def _zh_sentence(sentence: str, utt: Utterance, index: int, lex: Any, own: str | None) -> list[_Evidence]:
    out: list[_Evidence] = []
    prev: tuple[TitleMatch, _Context] | None = None
    for match in find_titles_zh(sentence, lex):
        ctx = _zh_context(sentence, match)
        if prev and prev[1].self_intro and sentence[prev[0].end : match.start] in L.ZH_COORDINATORS:
            out[-1] = _higher(out[-1], match)  # "我是创始人兼首席执行官": one person, the higher title
            continue
        if (match.needs_context and not ctx.supports) or (ctx.generic and not ctx.self_intro):
            continue
        name = match.named or zh_linked_name(sentence, match) or (own if ctx.self_intro else None)
        out.append(_evidence(match, ctx, name, utt, index, "zh", sentence))
        prev = (match, ctx)
    return out


def _evidence(
    match: TitleMatch, ctx: _Context, name: str | None, utt: Utterance, index: int, lang: str, quote: str
) -> _Evidence:
    kind = "speaking" if ctx.self_intro or ctx.present else "mentioned"
    role: Role = utt.role if ctx.self_intro else _possessive_role(ctx.possessive, utt.role)
    why = _why(match, ctx)
    ex = _executive(match, kind, name, role, utt, lang, why, quote)
    if kind == "speaking" and not ctx.self_intro:
        ex = replace(ex, speaker=name)
    return _Evidence(ex, index)


def _executive(
    match: TitleMatch, kind: str, name: str | None, role: Role, utt: Utterance, lang: str, why: str, quote: str = ""
) -> Executive:
    return Executive(
        title=match.title,
        kind="speaking" if kind == "speaking" else "mentioned",
        name=name,
        role=role,
        speaker=utt.speaker,
        start=utt.start,
        end=utt.end,
        quote=quote or utt.text,
        language=lang,
        confidence=match.confidence,
        level=match.level,
        evidence=why,
    )


def _possessive_role(possessive: str | None, speaker_role: Role) -> Role:
    if possessive == "third":
        return "unknown"
    if possessive == "other":
        return {"rep": "customer", "customer": "rep"}.get(speaker_role, "unknown")  # type: ignore[return-value]
    return speaker_role


def _why(match: TitleMatch, ctx: _Context) -> str:
    parts = [f"'{match.evidence}' -> {match.title}"]
    if match.confidence < 1.0:
        parts.append(f"fuzzy {match.confidence:.2f}")
    flags = {
        "self-introduction": ctx.self_intro,
        "on the call": ctx.present,
        f"possessive ({ctx.possessive})": bool(ctx.possessive),
        "decision cue": ctx.decision,
        "company named": ctx.org,
    }
    parts += [label for label, on in flags.items() if on]
    return "; ".join(parts)


# ---- context ----------------------------------------------------------------------------------------


def _context(tokens: list[L.Token], m: TitleMatch, lang: str) -> _Context:
    lows = [t.low for t in tokens]
    before = _skip_back(lows, m.start, L.DETERMINERS[lang] | L.PREPOSITIONS[lang], limit=3)
    prev = lows[before] if before >= 0 else ""
    possessive = _possessive(prev, lang) or ("own" if m.fused_possessive else None)
    of = _of_what(tokens, m.end, lang)
    ctx = _Context(
        possessive=possessive,
        self_intro=_self_intro(tokens, m, lang),
        decision=_decision(lows, m, lang),
        present=_present(lows, m, lang, possessive),
        org=of == "company",
        other_of=of == "other",
        generic=_generic(tokens, m, lang) or of == "generic",
    )
    if of == "foreign" and not (possessive or ctx.self_intro or ctx.present or ctx.decision):
        return replace(ctx, generic=True)  # "the founder of Tesla", "Prezes Orlenu": someone in the news
    return ctx


def _generic(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "a CFO", "a new VP of Sales", "every CEO", "CFOs", or hiring talk: a kind of person, not a person."""
    lows = [t.low for t in tokens]
    j = _skip_back(lows, m.start, L.GENERIC_ADJECTIVES | (L.DETERMINERS[lang] - L.GENERIC[lang]), limit=2)
    det = {lows[m.start - 1] if m.start > 0 else "", lows[j] if j >= 0 else ""}
    plural = lang == "en" and tokens[m.end - 1].low.endswith("s") and m.end - m.start == 1
    plural = plural and not tokens[m.end - 1].text.endswith("'s")
    hiring = any(w.startswith(L.HIRING_CUES[lang]) for w in lows[max(0, m.start - 6) : m.start])
    return bool(det & L.GENERIC[lang]) or plural or hiring


def _decision(lows: list[str], m: TitleMatch, lang: str) -> bool:
    """A decision cue before the title ("run it by our CFO"), or after it with a modal ("prezes musi zatwierdzić")."""
    if any(lows[k].startswith(L.DECISION_CUES[lang]) for k in range(max(0, m.start - 8), m.start)):
        return True
    after = lows[m.end : m.end + 6]
    return bool(L.AFTER_MODALS[lang] & set(after)) and any(w.startswith(L.AFTER_DECISION_CUES[lang]) for w in after)


def _skip_back(lows: list[str], i: int, skippable: set[str], limit: int) -> int:
    j = i - 1
    while j >= 0 and limit > 0 and lows[j] in skippable:
        j, limit = j - 1, limit - 1
    return j


def _possessive(word: str, lang: str) -> str | None:
    for label, table in (("own", L.POSSESSIVE_OWN), ("other", L.POSSESSIVE_OTHER), ("third", L.POSSESSIVE_THIRD)):
        if word in table[lang]:
            return label
    return None


def _self_intro(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "I'm the CFO", "I'm Dana, the CFO", "sono il direttore", "я финансовый директор", "as CFO, I"."""
    if tokens[m.end - 1].text.endswith(("'s", "’s")):
        return False
    j, named = m.start - 1, False
    skippable = L.DETERMINERS[lang] | {",", "—", "-", ":"}
    while j >= 0 and (tokens[j].low in skippable or _name_like(tokens[j], lang)):
        named = named or _name_like(tokens[j], lang)
        j -= 1
    lows = [t.low for t in tokens[: j + 1]]
    if _bare_introduction(tokens, m, lang):
        return True
    for cue in L.SELF_CUES[lang]:
        if tuple(lows[-len(cue) :]) == cue:
            if len(cue) == 1 and cue[0] in L.AS_CUES and not named:
                return _as_self(tokens, m.end, lang)
            return cue not in L.NEEDS_NAME or named  # "this is the CFO's" no; "this is Dana, CFO" yes
    return False


def _as_self(tokens: list[L.Token], j: int, lang: str) -> bool:
    """After "as CFO": a comma, "I", the end, or a first-person verb ("jako prezes uważam") make it the speaker."""
    if j >= len(tokens) or tokens[j].low in L.AS_FOLLOWERS or tokens[j].text == ".":
        return True
    if lang == "pl":
        return tokens[j].low.endswith(("am", "em", "ę"))
    return lang == "ru" and L.ru_first_person(tokens[j].low)


def _bare_introduction(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "Hi everyone, Amy Lee, Director of Finance." / "Priya here, head of finance at Northwind.":
    nothing in the sentence but greetings, names, the title and the company is how people introduce themselves."""
    rest = tokens[: m.start] + tokens[m.end :]
    if not any(_name_like(t, lang) for t in rest) or any(t.low.startswith(L.HIRING_CUES[lang]) for t in rest):
        return False
    for k, tok in enumerate(rest):
        company = k > 0 and rest[k - 1].low in L.ORG_PREPOSITIONS and tok.capitalised
        allowed = L.GREETINGS[lang] | L.ORG_PREPOSITIONS | L.DETERMINERS[lang]
        if not (tok.low in allowed or not tok.is_word or _name_like(tok, lang) or company):
            return False
    return True


def _name_like(tok: L.Token, lang: str) -> bool:
    return tok.capitalised and not tok.text.isupper() and tok.low not in L.NOT_NAMES[lang]


def _present(lows: list[str], m: TitleMatch, lang: str, possessive: str | None) -> bool:
    if any(w in L.NEGATIONS[lang] or w.endswith("n't") for w in lows):
        return False
    joined = " " + " ".join(lows) + " "
    if any(f" {' '.join(cue)} " in joined for cue in L.PRESENCE_CUES[lang]):
        return True
    window = lows[max(0, m.start - 4) : m.start]
    has = {"have", "got", "brought"} & set(lows[max(0, m.start - 6) : m.start])
    brought = lang == "en" and bool(has) and (" with me " in joined or " with us " in joined)
    introduces = brought or any(w in L.INTRODUCE_CUES for w in window)
    this_is_ours = lang == "en" and possessive == "own" and "this" in window and "is" in window
    return introduces or this_is_ours


def _of_what(tokens: list[L.Token], j: int, lang: str) -> str | None:
    """What follows the title: "company" ("at Acme", "of the company", "компании"), "other" ("owner of
    this project", "dyrektor szkoły", "president of France": a weak title then means something else),
    "foreign" ("founder of Tesla", "директор Газпрома": another organisation), "generic" ("the CTO of
    a retail chain"), or None."""
    prep = ""
    if lang in ("en", "it"):
        if j >= len(tokens) or tokens[j].low not in L.OF_PREPOSITIONS[lang]:
            return None
        prep, j = tokens[j].low, j + 1
        if j < len(tokens) and tokens[j].low in L.GENERIC[lang]:
            return "generic"
        while j < len(tokens) and (tokens[j].low in L.DETERMINERS[lang] or _possessive(tokens[j].low, lang)):
            j += 1
    if j >= len(tokens) or not tokens[j].is_word:
        return None
    return _what_follows(tokens[j], lang, prep)


def _what_follows(nxt: L.Token, lang: str, prep: str) -> str | None:
    if nxt.low in L.AFTER_MODALS[lang]:
        return None  # "prezes musi ...": a verb, not a genitive
    if nxt.key in L.COMPANY_WORDS[lang] or nxt.low in L.COMPANY_WORDS[lang]:
        return "company"
    if nxt.key in L.COUNTRIES or nxt.low in L.COUNTRIES:
        return "other"
    if nxt.capitalised and nxt.low not in L.NOT_NAMES[lang]:
        return _organisation(nxt, lang, prep)
    if lang == "it" and nxt.low.endswith(("are", "ere", "ire")):
        return None  # "chiedere al mio direttore di approvare": a verb, not "of something"
    return "other" if (not nxt.capitalised and lang in ("en", "it")) or _genitive_noun(nxt, lang) else None


def _organisation(nxt: L.Token, lang: str, prep: str) -> str | None:
    if lang in ("en", "it"):
        return "company" if prep in L.AT_PREPOSITIONS else "foreign"
    if lang == "ru":
        return "foreign" if L.ru_organisation(nxt.low) or not L.ru_person(nxt.low) else None
    return "foreign" if nxt.text.isupper() or nxt.low.endswith("u") else None


def _genitive_noun(tok: L.Token, lang: str) -> bool:
    """Russian / Polish: a lower-case noun right after the title ("владелец квартиры", "dyrektor szkoły")."""
    if lang == "ru":
        return L.ru_genitive_noun(tok.low)
    return lang == "pl" and not tok.capitalised and tok.low.endswith(("y", "i", "u", "a")) and len(tok.low) > 3


def _zh_context(sentence: str, m: TitleMatch) -> _Context:
    before = sentence[: m.start]
    clause = before.replace(",", "，").split("，")[-1]
    trimmed = clause.rstrip("新现任前")
    possessive = next(
        (
            label
            for label, cues in (("own", L.ZH_OWN), ("other", L.ZH_OTHER), ("third", L.ZH_THIRD))
            if any(trimmed.endswith(c) or trimmed.endswith(c + "的") for c in cues)
        ),
        None,
    )
    decision = any(c in before[-10:] for c in L.ZH_DECISION)
    named_first = (clause.startswith("是") and any(c in before for c in L.ZH_NAME_CUES)) or any(
        re.fullmatch(r"(我是|我叫)[\u4e00-\u9fff]{2,3}", c) for c in before.replace(",", "，").split("，")[:-1]
    )  # 我叫王丽，是... / 我是张伟，ABC公司的首席技术官
    self_intro = (any(c in clause for c in L.ZH_SELF) or named_first) and not possessive and not decision
    negated = any(n in sentence for n in L.ZH_NEGATIONS)
    present = not negated and any(c in sentence[m.end :] or c in before for c in L.ZH_PRESENCE)
    vocative = m.start == 0 and sentence[m.end : m.end + 1] in ("，", ",") and any(c in sentence for c in "您你")
    generic = clause.endswith(("每个", "任何", "一个", "每位", "招", "招聘"))
    # "特斯拉的首席执行官": an executive of some other organisation, unless the speaker ties them to the call
    foreign = clause.endswith("的") and not possessive and not clause.endswith("公司的") and not self_intro
    generic = generic or (foreign and not decision and not present)
    return _Context(possessive, self_intro and not generic, decision, present or vocative, False, generic)


# ---- promotion and merging --------------------------------------------------------------------------


def _promote(ev: _Evidence, identities: list[Identity]) -> _Evidence:
    """A named executive who is heard on the call (label or self-introduction) is speaking."""
    ex = ev.executive
    if ex.kind == "speaking" or not ex.name:
        return ev
    sides = {ex.role, "unknown"}
    heard = next((i for i in identities if same_person(i.name, ex.name) and {i.utterance.role} & sides), None)
    if heard is None:
        return ev
    utt = heard.utterance
    why = f"{ex.evidence}; heard on the call as '{utt.speaker}'"
    spoke = replace(ex, kind="speaking", role=utt.role, speaker=utt.speaker, start=utt.start, end=utt.end)
    return _Evidence(replace(spoke, quote=utt.text, evidence=why), heard.index)


def _merge(evidence: list[_Evidence]) -> tuple[Executive, ...]:
    groups: list[list[Executive]] = []
    for ex in sorted((e.executive for e in evidence if e.executive.name), key=lambda e: e.start):
        group = next((g for g in groups if any(same_person(x.name, ex.name) for x in g)), None)
        group.append(ex) if group is not None else groups.append([ex])
    named = list(groups)
    for ex in sorted((e.executive for e in evidence if not e.executive.name), key=lambda e: e.start):
        owners = [g for g in named if any(_same_seat(x, ex) for x in g)]
        if len(owners) == 1:
            owners[0].append(ex)
            continue
        group = next((g for g in groups if g not in named and _same_seat(g[0], ex)), None)
        group.append(ex) if group is not None else groups.append([ex])
    return tuple(sorted((_combine(g) for g in groups), key=lambda e: e.start))


def _same_as(titles: ExecutiveTitles) -> dict[str, set[str]]:
    """Title -> the titles it may be the same person as (both ways), from ``same_as:`` in the titles file."""
    out: dict[str, set[str]] = {}
    for spec in titles.titles:
        for other in spec.same_as:
            out.setdefault(spec.title.casefold(), set()).add(other.casefold())
            out.setdefault(other.casefold(), set()).add(spec.title.casefold())
    return out


def _merge_same_as(executives: tuple[Executive, ...], same: dict[str, set[str]]) -> tuple[Executive, ...]:
    """ "our CFO ... our finance director": one person on one side, reported under the higher title."""
    out: list[Executive] = []
    for ex in executives:
        k = next((i for i, o in enumerate(out) if _one_person(o, ex, same)), None)
        if k is None:
            out.append(ex)
            continue
        keep, other = sorted((out[k], ex), key=lambda e: (_RANK.index(e.level) if e.level in _RANK else 9, e.start))
        first = min((out[k], ex), key=lambda e: (e.kind != "speaking", e.start))
        out[k] = replace(first, title=keep.title, level=keep.level, name=keep.name or other.name)
    return tuple(out)


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
