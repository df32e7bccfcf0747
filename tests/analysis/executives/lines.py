"""A call from "Label/role: text" lines (role rep | customer | unknown; a bare "rep:" / "customer:" is a side)."""

from __future__ import annotations

from assistant.records import Transcript, Utterance


def transcript(lang: str, *lines: str) -> Transcript:
    utts = []
    for i, line in enumerate(lines):
        who, _, text = line.partition(":")
        label, _, role = who.partition("/")
        role = role or (label if label in ("rep", "customer") else "unknown")
        utts.append(Utterance(label, role, i * 10.0, i * 10 + 8.0, text.strip(), language=lang))  # type: ignore[arg-type]
    return Transcript(tuple(utts), lang, len(lines) * 10.0, "vtt")
