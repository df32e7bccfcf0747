"""Where a hit sits in its utterance: the sentence around a match, and that sentence's start and end in seconds."""

from __future__ import annotations

from assistant.records import Utterance, Word

_SENTENCE_END = set(".!?。！？…")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of the utterance that holds ``text[start:end]``."""
    left = max((text.rfind(ch, 0, start) for ch in _SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(ch, end) for ch in _SENTENCE_END) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, right


def times(utt: Utterance, s_start: int, s_end: int) -> tuple[float, float]:
    """Start and end of a sentence from word timestamps when there are any, else the utterance's."""
    spans = word_offsets(utt)
    inside = [w for w, (a, b) in spans if a < s_end and s_start < b]
    if not inside:
        return utt.start, utt.end
    return inside[0].start, inside[-1].end


def word_offsets(utt: Utterance) -> list[tuple[Word, tuple[int, int]]]:
    result: list[tuple[Word, tuple[int, int]]] = []
    at = 0
    for word in utt.words:
        token = word.text.strip()
        found = utt.text.find(token, at) if token else -1
        if found < 0:
            continue
        result.append((word, (found, found + len(token))))
        at = found + len(token)
    return result
