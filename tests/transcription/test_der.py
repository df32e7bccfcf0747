"""The DER scorer on hand-made cases whose answer is known, and RTTM reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.transcription.der import best_mapping, der, read_rttm
from assistant.transcription.diarization import Turn

REF = (Turn(0.0, 10.0, "A"), Turn(10.0, 20.0, "B"))


def test_perfect_hypothesis_under_other_names_scores_zero() -> None:
    score = der(REF, (Turn(0.0, 10.0, "x"), Turn(10.0, 20.0, "y")))
    assert score.der == pytest.approx(0.0)
    assert score.mapping == {"x": "A", "y": "B"}
    assert score.total == pytest.approx(20.0, abs=0.02)


def test_nothing_found_is_all_missed() -> None:
    score = der(REF, ())
    assert score.der == pytest.approx(1.0)
    assert score.missed == pytest.approx(20.0, abs=0.02)


def test_one_voice_for_two_speakers_is_half_confusion() -> None:
    score = der(REF, (Turn(0.0, 20.0, "x"),))
    assert score.confusion == pytest.approx(10.0, abs=0.02)
    assert score.der == pytest.approx(0.5, abs=0.002)


def test_false_alarm_in_silence_and_missed_speech() -> None:
    ref = (Turn(0.0, 10.0, "A"),)
    hyp = (Turn(2.0, 15.0, "x"),)  # 2 s missed at the start, 5 s of speech invented after the end
    score = der(ref, hyp)
    assert score.missed == pytest.approx(2.0, abs=0.02)
    assert score.false_alarm == pytest.approx(5.0, abs=0.02)
    assert score.der == pytest.approx(0.7, abs=0.003)


def test_overlap_counts_once_per_speaker() -> None:
    ref = (Turn(0.0, 10.0, "A"), Turn(5.0, 10.0, "B"))  # 15 s of speaker time
    score = der(ref, (Turn(0.0, 10.0, "x"),))
    assert score.total == pytest.approx(15.0, abs=0.02)
    assert score.missed == pytest.approx(5.0, abs=0.02)
    assert score.der == pytest.approx(1 / 3, abs=0.003)


def test_collar_forgives_boundaries_only() -> None:
    hyp = (Turn(0.0, 10.1, "x"), Turn(10.1, 20.0, "y"))  # boundary 0.1 s late
    assert der(REF, hyp).der == pytest.approx(0.1 / 20, abs=0.002)
    assert der(REF, hyp, collar=0.25).der == pytest.approx(0.0, abs=1e-9)
    wrong = (Turn(0.0, 20.0, "x"),)
    assert der(REF, wrong, collar=0.25).der > 0.45  # a collar does not forgive a whole turn


def test_mapping_is_one_to_one_and_maximal() -> None:
    import numpy as np

    overlap = np.array([[5, 4], [4, 0]])  # greedy would take (0,0)=5 and leave 0; best is 4 + 4
    assert sorted(best_mapping(overlap)) == [(0, 1), (1, 0)]
    assert best_mapping(np.zeros((0, 2))) == []


def test_read_rttm(tmp_path: Path) -> None:
    path = tmp_path / "a.rttm"
    path.write_text("SPEAKER f 1 1.50 2.00 <NA> <NA> spk1 <NA> <NA>\n\nSPEAKER f 1 4.0 1 <NA> <NA> spk2 <NA> <NA>\n")
    assert read_rttm(path) == (Turn(1.5, 3.5, "spk1"), Turn(4.0, 5.0, "spk2"))
    path.write_text("SPEAKER f 1 1.50 2.00 <NA> <NA> spk1\nSPEAKER f 1 oops\n")
    with pytest.raises(InputError, match=r"a\.rttm:2: not an RTTM SPEAKER line"):
        read_rttm(path)
