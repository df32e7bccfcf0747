"""Seats named by the answer in the next turn: "Can we bring in your procurement director?" -- "Yes, that's Olga
Morozova" (``answered_names``), and "You are the chief executive at OPSS; is that correct?" -- "Mr Graham Russell:
Yes." (``confirmed_seats``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.analysis.executives.merge import Evidence
from assistant.analysis.executives.names import label_name
from assistant.analysis.executives.names_self import answer_name
from assistant.records import Transcript, Utterance


def answered_names(
    evidence: list[Evidence], transcript: Transcript, language: Callable[[Utterance, Transcript], str]
) -> tuple[list[Evidence], set[tuple[int, str]]]:
    """ "Can we bring in your procurement director?" — "Yes, that's Olga Morozova": a nameless title asked
    about takes the name the next speaker's answer gives (that name is then no self-introduction)."""
    out, answered = [], set()
    utts = transcript.utterances
    for ev in evidence:
        i, ex = ev.index, ev.executive
        asked = not ex.name and ex.quote.rstrip().endswith(("?", "？")) and i + 1 < len(utts)
        if asked and utts[i + 1].speaker != utts[i].speaker:
            name = answer_name(utts[i + 1].text, language(utts[i + 1], transcript))
            if name:
                ev = replace(ev, executive=replace(ex, name=name, evidence=f"{ex.evidence}; named in the answer"))
                answered.add((i + 1, name))
        out.append(ev)
    return out, answered


_YES = re.compile(
    r"^\W*(yes|yeah|yep|correct|that's (right|correct)|that is (right|correct)|i am|i was|indeed"
    r"|да|верно|именно|так точно|tak|zgadza się|dokładnie|owszem)(?!\w)",
    re.I,
)


def confirmed_seats(evidence: list[Evidence], transcript: Transcript) -> list[Evidence]:
    """ "You are the chief executive at OPSS; is that correct?" — "Mr Graham Russell: Yes.": a nameless seat said to
    the listener is the seat of the next speaker who says yes to it, on the call, named by their label if it names
    anyone ("rep: You are the CFO, right?" — "customer: Yeah.": the customer's side, no name). A seat asked of the
    listener ("Would you accept that, as Chief Executive, you had a responsibility ...?") is theirs only on a yes."""
    utts, out = transcript.utterances, []
    for ev in evidence:
        i, ex = ev.index, ev.executive
        asked = "asked of the listener" in ex.evidence  # "as Chief Executive, you had ...?": only a yes makes it a seat
        if ex.name or not (asked or "said to the listener" in ex.evidence):
            out.append(ev)
            continue
        nxt = utts[i + 1] if i + 1 < len(utts) else None
        yes = nxt is not None and nxt.speaker != utts[i].speaker and _YES.match(nxt.text) is not None
        if yes and nxt is not None:
            name, why = label_name(nxt.speaker), f"{ex.evidence}; confirmed"
            ex = replace(ex, name=name, speaker=nxt.speaker, role=nxt.role, kind="speaking", evidence=why)
            out.append(replace(ev, executive=ex, sided=True))
        elif (nxt is None and not asked) or any(cue in ex.evidence for cue in _OTHER_SUPPORT):
            out.append(ev)  # not "You are the CEO of Apple, right?" -- "No.": nothing else says it is anyone's seat
    return out


_OTHER_SUPPORT = ("possessive", "company named", "decision cue", "on the call", "self-introduction")
