"""Window-based diarization pieces on hand-made embeddings: windows, pieces, turns from labels, voices linked
across windows (and never within one)."""

from __future__ import annotations

import numpy as np

from assistant.transcription.diarization import Diarization, Turn, Voice, normalise
from assistant.transcription.voice_windows import Embedded, join, labelled, link, spans, subsegments

SR = 16000


def test_spans_cover_the_audio_and_fold_a_short_tail_into_the_last_window() -> None:
    assert spans(25 * SR, 10) == [(0, 10 * SR), (10 * SR, 20 * SR), (20 * SR, 25 * SR)]
    assert spans(21 * SR, 10) == [(0, 10 * SR), (10 * SR, 21 * SR)]  # 1 s tail joins the window before it
    assert spans(3 * SR, 10) == [(0, 3 * SR)]
    assert spans(0, 10) == [(0, 0)]


def test_subsegments_step_over_each_region_and_end_with_it() -> None:
    pieces = subsegments([(0.0, 4.0), (10.0, 10.8)], length=1.5, shift=1.0)
    assert pieces == [(0.0, 1.5), (1.0, 2.5), (2.0, 3.5), (2.5, 4.0), (9.3, 10.8)]
    assert subsegments([(0.2, 0.9)], length=1.5, shift=1.0) == [(0.0, 0.9)]  # never before the recording


def _emb(*rows: list[float]) -> np.ndarray:
    return np.asarray(rows, dtype=np.float32)


def test_labelled_cuts_overlapping_pieces_of_two_voices_halfway_and_averages_each_voice() -> None:
    emb = Embedded(((0.0, 1.5), (1.0, 2.5), (2.0, 3.5), (6.0, 7.5)), _emb([1, 0], [1, 0.2], [0, 1], [1, 0]))
    result = labelled(emb, [0, 0, 1, 0], "m", None, prefix="w0-")
    assert result.turns == (Turn(0.0, 2.25, "w0-0"), Turn(2.25, 3.5, "w0-1"), Turn(6.0, 7.5, "w0-0"))
    voices = {v.label: v for v in result.voices}
    assert voices["w0-0"].seconds == 3.75 and voices["w0-1"].seconds == 1.25
    assert np.allclose(voices["w0-0"].embedding, normalise([3, 0.2]), atol=1e-6)
    assert result.estimated == 2 and result.model == "m"


def test_join_keeps_pieces_and_rows_in_step() -> None:
    a = Embedded(((0.0, 1.5),), _emb([1, 0]))
    empty = Embedded((), np.empty((0, 0), dtype=np.float32))
    b = Embedded(((600.0, 601.5),), _emb([0, 1]))
    joined = join([a, empty, b])
    assert joined.pieces == ((0.0, 1.5), (600.0, 601.5)) and joined.vectors.shape == (2, 2)


def _window(i: int, *voices: tuple[str, list[float], float, float]) -> Diarization:
    turns = tuple(Turn(s, e, f"w{i}-{name}") for name, _, s, e in voices)
    found = tuple(Voice(f"w{i}-{name}", e - s, normalise(vec)) for name, vec, s, e in voices)
    return Diarization(turns, found, "m", len(found))


def test_link_joins_one_persons_voices_across_windows_and_keeps_different_people_apart() -> None:
    windows = [
        _window(0, ("a", [1, 0.1, 0], 0, 300), ("b", [0.1, 1, 0], 300, 500)),
        _window(1, ("x", [0.1, 0.95, 0.1], 600, 800), ("y", [0.95, 0.1, 0.1], 800, 1100)),
        _window(2, ("z", [0, 0.1, 1], 1200, 1300)),  # a third person, heard only at the end
    ]
    linked = link(windows, same_voice=0.64)
    assert len(linked.voices) == 3 and linked.estimated == 3
    owner = {t.start: t.speaker for t in linked.turns}
    assert owner[0] == owner[800] and owner[300] == owner[600]
    assert len({owner[0], owner[300], owner[1200]}) == 3
    seconds = {v.label: v.seconds for v in linked.voices}
    assert seconds[owner[0]] == 600 and seconds[owner[300]] == 400


def test_link_never_joins_two_voices_of_one_window_even_when_alike() -> None:
    # the window's clustering told these two apart; a voice of the next window joins the closer one only
    windows = [
        _window(0, ("a", [1, 0.3, 0], 0, 100), ("b", [1, 0.5, 0], 100, 200)),
        _window(1, ("c", [1, 0.31, 0], 600, 700)),
    ]
    linked = link(windows, same_voice=0.64)
    owner = {t.start: t.speaker for t in linked.turns}
    assert len(linked.voices) == 2 and owner[0] == owner[600] != owner[100]
