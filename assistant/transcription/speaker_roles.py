"""Which voice of a mono recording is the rep.

``assign_roles(transcript, rep=..., voiceprints=..., threshold=..., manual=...)`` decides, in this order:

1. ``manual``: what a user said with ``assistant calls speaker CALL S2 --role rep`` (kept on every re-run);
2. enrolled voiceprints: the voice most similar (cosine of the normalised embeddings, same model only) to an
   enrolled rep, at or above ``threshold`` and clearly closer (``MARGIN``) than the call's other voices, is that
   rep; the other voices are customers;
3. cues, when no voiceprint decides: who says the rep's name in an introduction ("this is Alex", "I'm Alex"),
   who opens the call, who asks the questions. The voice with the most evidence is the rep, with a confidence
   from how far ahead it is; the evidence is written on the profile and shown by ``calls show``.

Only voices without a channel (a mono recording's S1, S2 ...) are decided here; stereo sides keep their channel's
role unless fixed by hand. A voiceprint that is corrupt or of another model is skipped with a note naming it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import cast

import numpy as np

from assistant.records import Role, SpeakerProfile, Transcript, Utterance, Voiceprint

MARGIN = 0.05  # an enrolled voice must be this much closer to one voice than to the others (phone lines sound alike)
_QUESTION = re.compile(r"[?？]")
_INTRO = "(?:this is|it's|it is|i'm|i am|my name is|name's|sono|mi chiamo|это|меня зовут|tu|mówi|jestem|我是|我叫)"


@dataclass(frozen=True)
class _Match:
    label: str
    print: Voiceprint
    similarity: float


def assign_roles(
    transcript: Transcript,
    *,
    rep: str | None = None,
    voiceprints: Sequence[Voiceprint] = (),
    threshold: float = 0.64,
    manual: Mapping[str, str] | None = None,
) -> Transcript:
    """The transcript with roles (and rep names) decided for its channel-less voices (module docstring)."""
    manual = manual or {}
    voices = [p for p in transcript.speakers if p.channel is None or p.label in manual]
    if not voices:
        return transcript
    notes = [n for n in transcript.notes if not n.startswith("voiceprint")]
    decided = _manual(voices, manual, rep)
    if decided is None:
        decided = _by_voiceprint(voices, voiceprints, threshold, notes)
    if decided is None:
        decided = _by_cues(voices, transcript.utterances, rep)
    profiles = {p.label: p for p in transcript.speakers} | {p.label: p for p in decided}
    roles = {label: p.role for label, p in profiles.items() if p.channel is None or label in manual}
    utterances = tuple(replace(u, role=roles[u.speaker]) if u.speaker in roles else u for u in transcript.utterances)
    return replace(
        transcript,
        utterances=utterances,
        speakers=tuple(profiles[p.label] for p in transcript.speakers),
        notes=tuple(notes),
    )


def _manual(voices: list[SpeakerProfile], manual: Mapping[str, str], rep: str | None) -> list[SpeakerProfile] | None:
    """Voices a user fixed keep what they said; when one was made the rep, the other mono voices are customers."""
    fixed = {label: value for label, value in manual.items() if any(v.label == label for v in voices)}
    if not fixed:
        return None
    named = any(value == "rep" or _is_name(value) for value in fixed.values())
    out = []
    for v in voices:
        value = fixed.get(v.label)
        if value is None and named and v.channel is None:
            why = "another voice was set as the rep by hand"
            out.append(replace(v, role="customer", name=None, method="manual", confidence=1.0, evidence=why))
        elif value is None:
            out.append(v)
        elif _is_name(value):
            out.append(replace(v, role="rep", name=value, method="manual", confidence=1.0, evidence="set by hand"))
        else:
            name = rep if value == "rep" else None
            role = cast(Role, value)
            out.append(replace(v, role=role, name=name, method="manual", confidence=1.0, evidence="set by hand"))
    return out


def _is_name(value: str) -> bool:
    return value not in ("rep", "customer", "unknown")


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    va, vb = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))


def usable(vp: Voiceprint, model: str | None) -> str | None:
    """Why a voiceprint cannot be compared with voices of ``model`` (None when it can)."""
    if vp.model != model:
        return f"was made with {vp.model}, this call's voices with {model}: enrol {vp.name} again"
    values = np.asarray(vp.embedding, dtype=np.float64)
    if values.ndim != 1 or values.size < 8 or not np.all(np.isfinite(values)) or abs(np.linalg.norm(values) - 1) > 0.01:
        return "is corrupt (not a normalised embedding): enrol again with `assistant reps enroll`"
    return None


def _by_voiceprint(
    voices: list[SpeakerProfile], voiceprints: Sequence[Voiceprint], threshold: float, notes: list[str]
) -> list[SpeakerProfile] | None:
    matches = []
    for vp in voiceprints:
        problem = usable(vp, voices[0].model)
        if problem:
            notes.append(f"voiceprint of {vp.name} skipped: it {problem}")
            continue
        matches += [
            _Match(v.label, vp, cosine(v.embedding, vp.embedding))
            for v in voices
            if len(v.embedding) == len(vp.embedding)
        ]
    best = max(matches, key=lambda m: m.similarity, default=None)
    runner_up = max(
        (m.similarity for m in matches if best and m.print is best.print and m.label != best.label), default=-1.0
    )
    if best is not None and best.similarity >= threshold and best.similarity - runner_up < MARGIN:
        notes.append(
            f"voiceprints: {best.print.name}'s voice is as close to {best.label} ({best.similarity:.2f}) as to another "
            f"voice ({runner_up:.2f}); the rep was chosen by cues"
        )
        return None
    if best is None or best.similarity < threshold:
        if best is not None:
            notes.append(
                f"voiceprints: no voice matched an enrolled rep (closest {best.print.name} at {best.similarity:.2f}, "
                f"threshold {threshold:.2f}); the rep was chosen by cues"
            )
        return None
    sure, who = _sure(best.similarity, threshold), best.print.name
    why = f"voice matches {who}'s voiceprint (similarity {best.similarity:.2f} ≥ {threshold:.2f})"
    return [
        replace(v, role="rep", name=who, method="voiceprint", confidence=sure, evidence=why)
        if v.label == best.label
        else replace(v, role="customer", method="voiceprint", confidence=sure, evidence=f"not {who}'s voice")
        for v in voices
    ]


def _sure(similarity: float, threshold: float) -> float:
    return round(min(0.99, 0.75 + (similarity - threshold) * 1.5), 2)


def _by_cues(voices: list[SpeakerProfile], utterances: Sequence[Utterance], rep: str | None) -> list[SpeakerProfile]:
    if len(voices) < 2:
        why = "one voice: rep or customer cannot be told from the audio; fix with `assistant calls speaker`"
        return [replace(v, role="unknown", method="", confidence=None, evidence=why) for v in voices]
    scores = {v.label: _evidence(v.label, utterances, rep, voices) for v in voices}
    ranked = sorted(voices, key=lambda v: scores[v.label][0], reverse=True)
    top, second = scores[ranked[0].label][0], scores[ranked[1].label][0]
    confidence = round(0.5 + 0.45 * math.tanh(max(top - second, 0.0) / 2), 2)
    return [
        replace(v, role="rep" if v is ranked[0] else "customer", name=rep if v is ranked[0] else None, method="cues",
                confidence=confidence, evidence="; ".join(scores[v.label][1]) or "no cue")
        for v in voices
    ]  # fmt: skip


def _evidence(
    label: str, utterances: Sequence[Utterance], rep: str | None, voices: list[SpeakerProfile]
) -> tuple[float, list[str]]:
    mine = [u for u in utterances if u.speaker == label]
    others = [u for u in utterances if u.speaker != label and any(v.label == u.speaker for v in voices)]
    score, why = 0.0, list[str]()
    first = min(
        (u for u in utterances if any(v.label == u.speaker for v in voices)), key=lambda u: u.start, default=None
    )
    if first is not None and first.speaker == label:
        score, why = score + 1.0, [*why, "opens the call"]
    asked, theirs = _questions(mine), _questions(others) / max(len(voices) - 1, 1)
    if asked > theirs:
        score += min(2.0, (asked - theirs) / max(theirs, 1.0))
        why.append(f"asks {asked} question(s) vs {theirs:g} by the others")
    if rep and _introduces(mine, rep):
        score, why = score + 3.0, [*why, f"introduces themself as {rep.split()[0]}"]
    return score, why


def _questions(utterances: Sequence[Utterance]) -> int:
    return sum(len(_QUESTION.findall(u.text)) for u in utterances)


def _introduces(utterances: Sequence[Utterance], rep: str) -> bool:
    first_name = re.escape(rep.split()[0].lower())
    pattern = re.compile(rf"\b{_INTRO}\s+{first_name}\b|\b{first_name}\s+(?:here|speaking)\b", re.IGNORECASE)
    return any(pattern.search(u.text) for u in utterances[:6])
