"""Whose line is it: the utterances each executive on the call says, for the risk score's executive weight.

A speaker label that is one person's gives that person all its lines: a name from a Zoom/Teams export
("Jane Smith", "Jane Smith (CFO)"), or a voice diarization found ("S2", "customer 2") on which at most one
person introduces themselves. A shared label — a stereo side ("customer", "rep"), a mono track without
diarization ("speaker", "unknown"), or a voice on which two people introduce themselves — gives an
executive only the lines that are theirs: from their self-introduction, or from a hand-over to them ("over
to you, Mandeep", "passo la parola a Paolo Marini"), until someone else introduces themselves or is handed
the floor on that label. Lines before anyone is known on a shared label are nobody's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.analysis.executives.handover import handover_target
from assistant.analysis.executives.names import label_name
from assistant.analysis.executives.names_self import utterance_self_name
from assistant.analysis.executives.spelling import same_person
from assistant.records import Executive, Transcript, Utterance

_VOICE = re.compile(r"^(?:s|spk|speaker|voice|customer|rep|participant)[\s_#-]*\d+$", re.IGNORECASE)

Language = Callable[[Utterance, Transcript], str]


def executive_lines(
    transcript: Transcript, executives: Iterable[Executive], language: Language
) -> dict[int, Executive]:
    """Utterance index -> the speaking executive who says it (lines of no executive are absent)."""
    speaking = [e for e in executives if e.kind == "speaking" and (e.name or e.speaker)]
    if not speaking:
        return {}
    utts = transcript.utterances
    said = [utterance_self_name(u.text, language(u, transcript)) for u in utts]
    shared = _shared_labels(utts, said)
    out: dict[int, Executive] = {}
    floor: dict[str, Executive | None] = {}
    handed: str | None = None
    for i, utt in enumerate(utts):
        if utt.speaker in shared:
            holder = _new_holder(utt, said[i], handed, speaking)
            if holder is not None or said[i] or handed:
                floor[utt.speaker] = holder
            owner = floor.get(utt.speaker)
        else:
            owner = _label_owner(utt.speaker, speaking)
        if owner is not None:
            out[i] = owner
        handed = handover_target(utt.text, language(utt, transcript))
    return out


def _shared_labels(utts: tuple[Utterance, ...], said: list[str | None]) -> set[str]:
    """Labels more than one person may speak under: channels and tracks, and voices two people claim."""
    claims: dict[str, list[str]] = {}
    for utt, name in zip(utts, said, strict=True):
        names = claims.setdefault(utt.speaker, [])
        if name and not any(same_person(name, n) for n in names):
            names.append(name)
    shared = set()
    for label, names in claims.items():
        voice = bool(_VOICE.match(label.strip()))
        if (label_name(label) is None and not voice) or len(names) > 1:
            shared.add(label)
    return shared


def _new_holder(utt: Utterance, said: str | None, handed: str | None, speaking: list[Executive]) -> Executive | None:
    """The executive who takes the floor of a shared label at this line, if the line says who speaks."""
    intro = next((e for e in speaking if not e.name and e.speaker == utt.speaker and e.start == utt.start), None)
    if intro is not None:  # "I'm the CFO" with no name: that line and the ones after it, until someone else
        return intro
    who = said or handed
    return next((e for e in speaking if e.name and same_person(e.name, who)), None) if who else None


def _label_owner(label: str, speaking: list[Executive]) -> Executive | None:
    name = label_name(label)
    for ex in speaking:
        if ex.speaker == label or (name and ex.name and same_person(name, ex.name)):
            return ex
    return None
