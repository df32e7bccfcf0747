"""Turns stay turns: one side's speech is never glued across the other side's turn into one utterance."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.transcription.whisper import PAUSE_SPLIT_SECONDS, split_at_pauses
from tests.conftest import SAMPLES


def _words(*spans: tuple[float, float]) -> list[SimpleNamespace]:
    return [SimpleNamespace(start=a, end=b, word=f" w{i}") for i, (a, b) in enumerate(spans)]


def test_split_at_pauses() -> None:
    words = _words((0.0, 0.4), (0.5, 0.9), (0.9 + PAUSE_SPLIT_SECONDS, 3.0), (3.1, 3.5), (9.0, 9.2))
    assert [len(run) for run in split_at_pauses(words)] == [2, 2, 1]
    assert split_at_pauses([]) == []
    assert len(split_at_pauses(_words((0.0, 1.0), (2.4, 3.0)))) == 1  # 1.4 s: a pause inside a turn


def _reference_turns(name: str) -> list[tuple[float, float, str]]:
    text = (SAMPLES / "reference" / f"{name}.vtt").read_text(encoding="utf-8")
    turns = []
    for start, end, speaker in re.findall(r"(\d\d:\d\d:[\d.]+) --> (\d\d:\d\d:[\d.]+)\n([^:]+):", text):
        seconds = [sum(float(p) * m for p, m in zip(t.split(":"), (3600, 60, 1), strict=True)) for t in (start, end)]
        turns.append((seconds[0], seconds[1], "rep" if "Brightwave" in speaker else "customer"))
    return turns


@pytest.mark.whisper
@pytest.mark.parametrize("name", ["northwind-price-competitor", "cedar-cfo-joins"])
def test_rendered_call_keeps_its_turns(transcriber, name: str) -> None:  # type: ignore[no-untyped-def]
    transcript = transcriber.transcribe(Path(SAMPLES / "calls" / f"{name}.flac"))
    turns = _reference_turns(name)
    for u in transcript.utterances:
        others = [t for t in turns if t[2] != u.role and t[0] > u.start + 0.5 and t[1] < u.end - 0.5]
        assert not others, f"{u.role} utterance {u.start:.1f}-{u.end:.1f} spans the other side's turn {others[0]}"
    for start, _, role in turns:  # every reference turn begins an utterance of its side (±1.5 s)
        assert any(u.role == role and abs(u.start - start) < 1.5 for u in transcript.utterances), (role, start)
