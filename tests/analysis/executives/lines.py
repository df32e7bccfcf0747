"""A call from "Label/role: text" lines (role rep | customer | unknown; a bare "rep:" / "customer:" is a side),
and the executives found on it."""

from __future__ import annotations

from assistant.analysis.executives import default_executive_titles, find_executives
from assistant.records import Executive, Transcript, Utterance


def transcript(lang: str, *lines: str) -> Transcript:
    utts = []
    for i, line in enumerate(lines):
        who, _, text = line.partition(":")
        label, _, role = who.partition("/")
        role = role or (label if label in ("rep", "customer") else "unknown")
        utts.append(Utterance(label, role, i * 10.0, i * 10 + 8.0, text.strip(), language=lang))  # type: ignore[arg-type]
    return Transcript(tuple(utts), lang, len(lines) * 10.0, "vtt")


def call(lang: str, *lines: str) -> tuple[Executive, ...]:
    """The executives ``find_executives`` reports on a call of such lines, with the shipped titles."""
    return find_executives(transcript(lang, *lines), default_executive_titles())


def people(found: tuple[Executive, ...]) -> set[tuple[str, str | None]]:
    """(title, name) of each executive found."""
    return {(e.title, e.name) for e in found}
