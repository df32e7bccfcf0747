"""Chinese in traditional characters ("副總經理陳志孝", "董事長"): read in simplified characters, reported as said.

The titles file, the cues and the surname list are written in simplified characters. A call in traditional
characters (Taiwan, Hong Kong) is read through ``simplified`` (one character for one, so offsets hold), and
what the report quotes — names, speaker labels, the sentence, the title words — is read back from the
transcript at the same places.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.analysis.nlp import simplified
from assistant.records import Executive, Transcript

_HAN = re.compile(r"[\u3400-\u9fff]")
_QUOTED = re.compile(r"'([^']+)'")


def fold_transcript(transcript: Transcript) -> Transcript:
    """The transcript with the text and labels of its Chinese lines in simplified characters (itself when
    nothing changes, as for every call without Chinese)."""
    utts = transcript.utterances
    folded = tuple(
        replace(u, text=simplified(u.text), speaker=simplified(u.speaker))
        if _HAN.search(u.text) or _HAN.search(u.speaker)
        else u
        for u in utts
    )
    if all(f.text == u.text and f.speaker == u.speaker for f, u in zip(folded, utts, strict=True)):
        return transcript
    return replace(transcript, utterances=folded)


def as_said(found: tuple[Executive, ...], original: Transcript, folded: Transcript) -> tuple[Executive, ...]:
    """Each executive's name, speaker, quote and quoted title words in the characters the transcript has."""
    if folded is original:
        return found
    both = list(zip(folded.utterances, original.utterances, strict=True))
    pairs = [(f.text, u.text) for f, u in both if f is not u] + list({(f.speaker, u.speaker) for f, u in both})
    return tuple(_back(ex, pairs) for ex in found)


def fold_executive(ex: Executive) -> Executive:
    """The executive's name and speaker label in simplified characters (to compare with a folded call)."""
    return replace(ex, name=ex.name and simplified(ex.name), speaker=ex.speaker and simplified(ex.speaker))


def _back(ex: Executive, pairs: list[tuple[str, str]]) -> Executive:
    evidence = _QUOTED.sub(lambda m: f"'{_said(m.group(1), pairs)}'", ex.evidence)
    name = ex.name and _said(ex.name, pairs)
    return replace(ex, name=name, speaker=ex.speaker and _said(ex.speaker, pairs), quote=_said(ex.quote, pairs),
                   evidence=evidence)  # fmt: skip


def _said(text: str, pairs: list[tuple[str, str]]) -> str:
    """The original characters at the first place the folded text occurs (the text itself when nowhere)."""
    if not _HAN.search(text):
        return text
    for folded, original in pairs:
        if (at := folded.find(text)) >= 0:
            return original[at : at + len(text)]
    return text
