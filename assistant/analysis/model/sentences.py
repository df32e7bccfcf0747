"""Long customer turns read sentence by sentence (eleventh round, issue 10).

A turn of 150 words is about many things: read as one embedding, a risk clause buried in it is diluted, and the
look-alike reading that may dismiss a rule hit judges the whole turn, not the sentence the rule matched in. A turn of
more than the head's ``sentences`` words (Chinese: characters / 2) and more than one sentence is cut into its
sentences (``spans``: after . ! ? … and 。！？; a piece of under ``MIN_WORDS`` words joins its neighbour); each is
embedded and read with the turn's own turns before, as a line of its own (``cut``), so that

* the model's hits on the turn come from its sentences: a category from the sentence that reads it best, the hit
  quoting that sentence (``best_per_category``);
* a rule hit on the turn is judged — look-alike, veto — by the reading of the sentence that holds it
  (``reason_for``): "our own churn fell …" in sentence 3 may dismiss the rule hit there while a real risk in
  sentence 5 stands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.records import Hit, Utterance

# the shipped head's ``sentences``: a customer turn of more than this many words (and more than one sentence) is read
# sentence by sentence (0: as one line); judged by leave-one-corpus-out (docs/benchmarks.md, eleventh round). Kept
# here, not in training.py, whose bytes key the cached fits (``fit_cache.py``)
SENTENCES = 45
MIN_WORDS = 5  # a shorter piece ("Sure.", "Quite a lot, actually.") is read with its neighbour
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|[。！？]+[”’」』）)]*\s*")


def words(text: str, lang: str) -> float:
    """Words of ``text`` (Chinese: its characters other than spaces, halved)."""
    return len(re.sub(r"\s", "", text)) / 2 if lang == "zh" else len(text.split())


def spans(text: str, lang: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets, a piece under ``MIN_WORDS`` joined to the one before
    (the first to the one after)."""
    cuts = [m.end() for m in _END.finditer(text) if m.end() < len(text)]
    merged: list[tuple[int, int]] = []
    for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True):
        if merged and min(words(text[slice(*merged[-1])], lang), words(text[a:b], lang)) < MIN_WORDS:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


@dataclass(frozen=True)
class Cut:
    """The long turns of a call's lines cut into sentences: each sentence a line of its own (the turn's index,
    role and times, the sentence's text), and the row of its turn among the lines (``parent``)."""

    lines: list[tuple[int, Utterance, str]]
    parent: np.ndarray


def cut(lines: Sequence[tuple[int, Utterance, str]], over: int) -> Cut:
    """The customer turns of ``lines`` of more than ``over`` words and more than one sentence, cut (``over`` 0:
    none)."""
    out: list[tuple[int, Utterance, str]] = []
    parent: list[int] = []
    for row, (index, utt, lang) in enumerate(lines):
        if over <= 0 or utt.role == "rep" or words(utt.text, lang) <= over:
            continue
        found = spans(utt.text, lang)
        if len(found) < 2:
            continue
        for a, b in found:
            out.append((index, replace(utt, text=utt.text[a:b].strip(), words=()), lang))
            parent.append(row)
    return Cut(out, np.array(parent, dtype=int))


def interleave(
    lines: Sequence[tuple[int, Utterance, str]], pieces: Cut, keep: bool = False
) -> tuple[list[tuple[int, Utterance, str]], np.ndarray, np.ndarray]:
    """The lines with each cut turn replaced by its sentences (``keep``: the turn, then its sentences), in order; per
    new line, where it comes from: the row among ``lines`` (a turn) or -1, and the row among ``pieces.lines`` (a
    sentence) or -1."""
    cut_rows = set(pieces.parent.tolist())
    out: list[tuple[int, Utterance, str]] = []
    whole: list[int] = []
    part: list[int] = []
    for row, line in enumerate(lines):
        if row not in cut_rows or keep:
            out.append(line)
            whole.append(row)
            part.append(-1)
        if row not in cut_rows:
            continue
        for n in np.flatnonzero(pieces.parent == row).tolist():
            out.append(pieces.lines[n])
            whole.append(-1)
            part.append(n)
    return out, np.array(whole, dtype=int), np.array(part, dtype=int)


def best_per_category(hits: Sequence[Hit]) -> list[Hit]:
    """One hit per utterance and category: the most confident (a cut turn's sentences may each read it)."""
    best: dict[tuple[int, str], Hit] = {}
    for hit in hits:
        key = (hit.utterance_index, hit.category)
        if key not in best or hit.confidence > best[key].confidence:
            best[key] = hit
    return [h for h in hits if best[(h.utterance_index, h.category)] is h]


def reason_for(hit: Hit, sentences: Sequence[tuple[str, str]]) -> str:
    """Why the sentence of ``hit`` (its quote) is a look-alike or "no risk", from ``(sentence, why)`` pairs of its
    turn ("" where the sentence holding it is neither, or none holds it)."""
    quote = hit.text.strip()
    return next((why for text, why in sentences if quote and (quote in text or text in quote)), "")


def by_turn(pieces: Cut, looks: Mapping[int, str]) -> dict[int, list[tuple[str, str]]]:
    """Per cut turn (utterance index), its sentences and why each is a look-alike ("" none); ``looks``: per row of
    ``pieces.lines``."""
    out: dict[int, list[tuple[str, str]]] = {}
    for n, (index, utt, _) in enumerate(pieces.lines):
        out.setdefault(index, []).append((utt.text, looks.get(n, "")))
    return out
