"""Executive detection over a whole call.

``find_executives(transcript, titles)`` returns one ``records.Executive`` per person (or per title and
side when no name is said), in order of first evidence. Heuristics, in the order they are applied:

1. Titles come from ``keyword_rules/executives.yaml`` (see ``titles``) and are found per
   sentence by ``match`` (inflections, "VP of Sales", ASR-garbled acronyms on short windows).
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
   a named executive is later heard (a speaker label or self-introduction with that name), or a seat said to
   the listener is confirmed by the next speaker ("you are the chief executive at OPSS; is that correct?" --
   "Mr Graham Russell: Yes."; ``answers``). Everything else is ``mentioned``.
5. ``role`` is the side the executive is on: the speaker's side for "our"/no possessive and
   self-introductions, the other side for "your", unknown for "their". The rep's own executives are
   reported too (role "rep"); callers decide whether they matter.
6. Evidence is merged per person: the name, and the earliest speaking evidence (else the earliest
   mention). A nameless title merges into the one named person with that title on that side.

This module finds the evidence sentence by sentence (steps 1, 3, 5); ``context`` judges the
words around a title (step 2 and the self-introduction and presence cues of step 4), ``names``
finds names, and ``merge`` promotes heard executives and merges evidence per person (4, 6).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from assistant.analysis.budget import UNLIMITED, Budget, OverBudget
from assistant.analysis.executives import cues as C
from assistant.analysis.executives import cues_zh as Z
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.answers import answered_names, confirmed_seats
from assistant.analysis.executives.appoint import appointed_name, zh_appointed_name
from assistant.analysis.executives.context import TitleContext, title_context, zh_title_context
from assistant.analysis.executives.handover import handover_identities
from assistant.analysis.executives.lists import join_coordinated, shared_names, zh_shared_names
from assistant.analysis.executives.match import TitleMatch, find_titles, lexicon
from assistant.analysis.executives.match_zh import find_titles_zh
from assistant.analysis.executives.merge import (
    Evidence,
    drop_denied,
    fold_zong,
    higher,
    merge,
    merge_same_as,
    promote,
    same_as_titles,
)
from assistant.analysis.executives.names import label_name
from assistant.analysis.executives.names_linked import (
    as_name,
    handover_tail_name,
    linked_name,
    list_item_name,
    names_lead_titles,
    pronoun_name,
)
from assistant.analysis.executives.names_self import (
    capitals_label_name,
    label_office,
    label_seat_name,
    speaker_identities,
    utterance_self_name,
)
from assistant.analysis.executives.names_zh import zh_linked_name, zh_names_lead
from assistant.analysis.executives.offices import (
    address_form,
    office_address,
    proceedings_seat,
    said_of_state,
    seat_before_name,
    state_offices,
    state_seat,
)
from assistant.analysis.executives.presence import present_later, says_present, zh_says_present
from assistant.analysis.executives.script import as_said, fold_executive, fold_transcript
from assistant.analysis.executives.senses import acronym_without_person
from assistant.analysis.executives.speech import resumed
from assistant.analysis.executives.spelling import same_person
from assistant.analysis.executives.tenure import empty_seat, former_seat, zh_former_seat
from assistant.analysis.executives.titles import (
    DEFAULT_EXECUTIVES_FILE,
    ExecutiveTitles,
    load_executive_titles,
)
from assistant.analysis.executives.turns import executive_lines
from assistant.records import Executive, Role, Transcript, Utterance

__all__ = ["default_executive_titles", "executive_turns", "find_executives", "scan_executives"]


@lru_cache(maxsize=1)
def default_executive_titles() -> ExecutiveTitles:
    """The shipped ``keyword_rules/executives.yaml``, loaded once."""
    return load_executive_titles(DEFAULT_EXECUTIVES_FILE)


def find_executives(transcript: Transcript, titles: ExecutiveTitles | None = None) -> tuple[Executive, ...]:
    """The executives a call involves, one per person, each speaking or mentioned (module docstring)."""
    return scan_executives(transcript, titles)[0]


def scan_executives(
    transcript: Transcript, titles: ExecutiveTitles | None = None, budget: Budget = UNLIMITED
) -> tuple[tuple[Executive, ...], tuple[int, ...]]:
    """``find_executives``, and the indexes of the utterances whose text outran ``budget`` (skipped)."""
    titles = titles or default_executive_titles()
    said, transcript = transcript, fold_transcript(transcript)  # "董事長" read as "董事长", reported as said
    identities = speaker_identities(transcript, _language) + handover_identities(transcript, _language)
    offices = state_offices(transcript)  # "President of Russia": a nameless "President" is the state's
    evidence: list[Evidence] = []
    labels: set[str] = set()
    skipped: list[int] = []
    for index, utt in enumerate(transcript.utterances):
        lang, utt = _language(utt, transcript), resumed(transcript.utterances, index)  # "-- chairperson, NYPIRG."
        if utt.speaker not in labels:  # the first turn of each speaker is the earliest label evidence
            labels.add(utt.speaker)
            evidence += _from_label(utt, index, lang, titles, offices)
        try:
            previous = transcript.utterances[index - 1].text if index else ""  # "-- He is ... Director for ..."
            evidence += _from_text(utt, index, lang, titles, budget.start(), offices, previous)
        except OverBudget:
            skipped.append(index)
    evidence = [ev for ev in evidence if not state_seat(ev.executive, offices)]
    evidence, answered = answered_names(confirmed_seats(evidence, transcript), transcript, _language)
    identities = [i for i in identities if i.label or (i.index, i.name) not in answered]
    evidence = [promote(ev, identities) for ev in fold_zong(drop_denied(evidence))]
    return as_said(merge_same_as(merge(evidence), same_as_titles(titles)), said, transcript), tuple(skipped)


def executive_turns(transcript: Transcript, executives: Iterable[Executive]) -> dict[int, Executive]:
    """Utterance index -> the speaking executive whose line it is (``turns``: a shared channel gives an
    executive only their own lines)."""
    given = list(executives)
    folded = [fold_executive(e) for e in given]
    lines = executive_lines(fold_transcript(transcript), folded, _language)
    return {i: given[folded.index(e)] for i, e in lines.items()}


def _language(utt: Utterance, transcript: Transcript) -> str:
    script = L.script_language(utt.text)
    declared = utt.language or transcript.languages.get(utt.role) or transcript.language
    if script in ("zh", "ru") or declared not in L.LANGUAGES or declared in ("zh", "ru"):
        return script
    return declared


# ---- evidence from one utterance --------------------------------------------------------------------


def _from_label(
    utt: Utterance, index: int, lang: str, titles: ExecutiveTitles, states: frozenset[str] = frozenset()
) -> list[Evidence]:
    """A speaker label such as "Jane Smith (CFO)" makes that speaker an executive on the call.

    Only sure matches count: no fuzzy or context-needing forms, and no two-letter acronyms, which in a
    label are more often initials ("AD", "CO") than titles. A label that is a form of address ("CHAIRWOMAN
    KRUEGER": ``offices``) is no executive's; in a label in capitals the name is what follows the seat ("SUNY CFO
    McLOUGHLIN")."""
    label = utt.speaker.strip()
    script = L.script_language(label)
    lang = script if script in ("zh", "ru") else lang
    found = [*_titles_in(label, lang, titles), *([] if lang == "en" else _titles_in(label, "en", titles))]
    tokens = L.tokenize(label, lang) if lang != "zh" else []
    found = [m for m in found if lang != "en" or not office_address(tokens, m, lang, states)]
    sure = [m for m in found if not m.needs_context and m.confidence == 1.0 and _not_initials(m.evidence)]
    seat_name = label_seat_name(label) if lang == "en" else None  # "Director General of the ... Mikhail Piotrovsky"
    if seat_name and not sure:
        sure = [m for m in found if m.confidence == 1.0 and label_office(tokens, m.end, m.start, said_of_state)]
    if not sure:
        return []
    name = seat_name or (capitals_label_name(tokens, sure[0]) if lang == "en" else None) or label_name(label)
    ex = _executive(sure[0], "speaking", name, utt.role, utt, lang, f"speaker label '{label}'")
    return [Evidence(ex, index)]


def _not_initials(evidence: str) -> bool:
    return len(evidence) > 2 or not evidence.isascii()


def _titles_in(text: str, lang: str, titles: ExecutiveTitles) -> list[TitleMatch]:
    lex = lexicon(titles, lang)
    return find_titles_zh(text, lex) if lang == "zh" else find_titles(L.tokenize(text, lang), lex)


def _from_text(
    utt: Utterance, index: int, lang: str, titles: ExecutiveTitles, budget: Budget, states: frozenset[str], prev: str
) -> list[Evidence]:
    lex = lexicon(titles, lang)
    out: list[Evidence] = []
    own_name = _own_name(utterance_self_name(utt.text, lang), label_name(utt.speaker))
    sentences = L.sentences(utt.text)
    listed = False  # "I'm joined by A, CEO; B, CFO; and C, COO": the pieces after ";" go on the same list
    later = present_later(sentences, lang)
    for k, sentence in enumerate(sentences):
        if lang == "zh":
            out += _zh_sentence(sentence, utt, index, lex, own_name, budget, listed or later[k])
            listed = sentence.endswith("；") and (listed or zh_says_present(sentence))
            continue
        before, turn = sentences[:k], "" if k else prev  # the turn before, for a turn opening "He is ..."
        found = _word_sentence(
            sentence, utt, index, lang, lex, own_name, budget, listed or later[k], before, states, turn
        )
        out += _called_next(found, sentences[k + 1] if k + 1 < len(sentences) else "")
        words = [t.low for t in L.tokenize(sentence, lang)] if sentence.endswith(";") else []
        listed = bool(words) and (listed or says_present(words, lang))
    return out


_CALLED = re.compile(r"^\s*([A-ZÀ-ÖØ-ÞА-ЯЁĄĆĘŁŃÓŚŹŻ][\w'-]+)\s*[?!.]?\s*$")


def _called_next(found: list[Evidence], following: str) -> list[Evidence]:
    """ "I'd like to turn the call over to our CEO. Revathi?": the name called out right after a hand-over to a
    title is that executive's."""
    called = _CALLED.match(following)
    if not called:
        return found
    out = []
    for ev in found:
        ex = ev.executive
        if not ex.name and ex.kind == "speaking" and "on the call" in ex.evidence:
            ev = replace(ev, executive=replace(ex, name=called.group(1), speaker=called.group(1)))
        out.append(ev)
    return out


def _own_name(said: str | None, label: str | None) -> str | None:
    """The speaker's name: what they said ("this is Dana"), or the fuller label ("Dana Brooks") if it agrees."""
    if said and label and same_person(said, label):
        return max(said, label, key=len)
    return said or label


def _word_sentence(
    sentence: str,
    utt: Utterance,
    index: int,
    lang: str,
    lex: Any,
    own: str | None,
    budget: Budget,
    listed: bool = False,
    before: list[str] | None = None,
    states: frozenset[str] = frozenset(),
    turn_before: str = "",
) -> list[Evidence]:
    tokens = L.tokenize(sentence, lang)
    out: list[Evidence] = []
    prev: tuple[TitleMatch, TitleContext] | None = None
    named = lambda m: linked_name(tokens, m, lang) is not None  # noqa: E731
    matches = join_coordinated(tokens, find_titles(tokens, lex), named)
    titled = frozenset(k for m in matches for k in range(m.start, m.end))
    lead = names_lead_titles(tokens, matches, lang)  # "Rob Mionis, President and CEO, Mandeep Chawla, CFO"
    for match in matches:
        budget.check()
        if office_address(tokens, match, lang, states) or proceedings_seat(tokens, match, lang):
            continue  # "Thank you, President Xi", "Sir Wyn, the Chairman of this Inquiry": a public office
        addressed = address_form(tokens, match, lang)  # "spoke to President Hotzler": a college's president, named
        addressed = addressed or seat_before_name(tokens, match, lang)  # "led by Regional Director Matt Marko"
        ctx = title_context(tokens, match, lang, listed)
        if shared := shared_names(tokens, match, lang, titled):  # "our three regional presidents, A, B and C"
            out += [_evidence(match, ctx, n, utt, index, lang, sentence) for n in shared]
            continue
        appointed = appointed_name(tokens, match, lang)  # "we hired Kristie Grinnell as our new CIO"
        ctx = replace(ctx, self_intro=False) if appointed else ctx  # "nominato X come ...": not "as CFO, I"
        linked = appointed or linked_name(tokens, match, lang, lead)
        opens = listed and match is matches[0]  # the item's own title: "; and Keith Dolliver, Deputy ..."
        linked = linked or (list_item_name(tokens, lang) if opens else None)
        last = ctx.present and match is matches[-1]  # "turn it over to our CEO and ..., Mr. Bob Jordan"
        linked = linked or (handover_tail_name(tokens, match, lang) if last else None)
        linked = linked or pronoun_name(
            before or [], tokens, match, lang, ctx.self_intro, turn_before
        )  # "his years as"
        linked = linked or as_name(tokens, match, lang)  # "We have Michael Sabia there as the new board chair"
        if ctx.self_intro and not linked and tokens[0].low in ("and", "&"):
            continue  # "...; and Bryce Mac, Student Assembly treasurer.": the next item of a list, its name unread
        if prev and prev[1].self_intro and not linked and _coordinated(tokens, prev[0].end, match.start, lang):
            out[-1] = higher(out[-1], match)  # "I'm the founder, and CEO": one person, the higher title
            continue
        if ctx.elsewhere and linked and len(linked.split()) >= 2:  # "call Jin Sahota, the CEO of SCCL": a person
            ctx = replace(ctx, generic=False)
        weak = match.needs_context and (not (ctx.supports or addressed) or ctx.other_of)
        weak = weak or (not (linked or ctx.self_intro or ctx.present) and acronym_without_person(tokens, match))
        if not appointed and (weak or (ctx.generic and not ctx.self_intro) or former_seat(tokens, match, lang)):
            continue  # weak, a kind of person, or a seat no longer held ("back when Morry was CEO")
        name = linked or (own if ctx.self_intro else None)
        ev = _asked(_evidence(match, ctx, name, utt, index, lang, sentence), sentence, ctx)
        if not name and empty_seat([t.low for t in tokens[max(0, match.start - 3) : match.start]], lang):
            ev = replace(ev, denied=True)
        out.append(ev)
        prev = (match, ctx)
    return out


def _asked(ev: Evidence, sentence: str, ctx: TitleContext) -> Evidence:
    """ "Does the chairman have to approve it?": a question without a possessive does not say whose seat it
    is, so the side is unknown (the seat then merges with the named holder on either side)."""
    if ev.executive.name or ctx.possessive or ctx.self_intro or not sentence.rstrip().endswith(("?", "？")):
        return ev
    return replace(ev, executive=replace(ev.executive, role="unknown"))


def _coordinated(tokens: list[L.Token], start: int, stop: int, lang: str) -> bool:
    between = {t.low for t in tokens[start:stop]}
    return bool(between) and between <= C.COORDINATORS | C.DETERMINERS[lang]


def _zh_sentence(
    sentence: str, utt: Utterance, index: int, lex: Any, own: str | None, budget: Budget, listed: bool = False
) -> list[Evidence]:
    out: list[Evidence] = []
    prev: tuple[TitleMatch, TitleContext] | None = None
    matches = find_titles_zh(sentence, lex)
    lead = zh_names_lead(sentence, matches)
    for match in matches:
        budget.check()
        ctx = zh_title_context(sentence, match, listed)
        between = sentence[prev[0].end : match.start] if prev else ""
        concurrent = between in ("兼", "兼任") and prev and out[-1].executive.name and not prev[0].named
        if prev and ((prev[1].self_intro and between in Z.ZH_COORDINATORS) or concurrent):
            out[-1] = higher(out[-1], match)  # "我是创始人兼首席执行官", "王丽，董事长兼首席执行官": one person
            continue
        if shared := zh_shared_names(sentence, match):  # "我们的三位区域总监，李娜、张伟和孙丽"
            out += [_evidence(match, ctx, n, utt, index, "zh", sentence) for n in shared]
            continue
        appointed = zh_appointed_name(sentence, match)  # "我们任命了王丽为首席财务官"
        linked = match.named or appointed or zh_linked_name(sentence, match, lead)
        weak = (match.needs_context and not ctx.supports) or (ctx.generic and not ctx.self_intro)
        if (weak or zh_former_seat(sentence, match)) and not appointed:
            continue
        name = linked or (own if ctx.self_intro else None)
        denied = not name and "没有" in sentence[max(0, match.start - 4) : match.start]  # "我们没有CFO"
        ev = _asked(_evidence(match, ctx, name, utt, index, "zh", sentence), sentence, ctx)
        out.append(replace(ev, denied=denied))
        prev = (match, ctx)
    return out


def _evidence(
    match: TitleMatch, ctx: TitleContext, name: str | None, utt: Utterance, index: int, lang: str, quote: str
) -> Evidence:
    kind = "speaking" if ctx.self_intro or ctx.present else "mentioned"
    role: Role = utt.role if ctx.self_intro else _possessive_role(ctx.possessive, utt.role)
    why = _why(match, ctx)
    ex = _executive(match, kind, name, role, utt, lang, why, quote)
    if kind == "speaking" and not ctx.self_intro:
        ex = replace(ex, speaker=name)
    return Evidence(ex, index, sided=bool(ctx.self_intro or ctx.possessive), by=utt.speaker)


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


def _why(match: TitleMatch, ctx: TitleContext) -> str:
    parts = [f"'{match.evidence}' -> {match.title}"]
    if match.confidence < 1.0:
        parts.append(f"fuzzy {match.confidence:.2f}")
    flags = {
        "self-introduction": ctx.self_intro,
        "on the call": ctx.present,
        f"possessive ({ctx.possessive})": bool(ctx.possessive),
        "decision cue": ctx.decision,
        "company named": ctx.org,
        "said to the listener": ctx.listener,
        "asked of the listener": ctx.asked,
    }
    parts += [label for label, on in flags.items() if on]
    return "; ".join(parts)
