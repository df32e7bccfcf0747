"""The project's own sample calls: every script is rendered (English) or shipped as a VTT, with a sidecar
that matches it; recordings are stereo 16 kHz with the rep on the left; Whisper hears the risk."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from assistant.audio import load_channels, probe
from assistant.metadata import is_sidecar, read_sidecar
from assistant.settings import Settings, load_settings
from assistant.transcription.formats import import_transcript
from tests.conftest import SAMPLES

CALLS, REFERENCE = SAMPLES / "calls", SAMPLES / "reference"
SCRIPTS = sorted((SAMPLES / "scripts").glob("*.yaml"))
ENGLISH = [p for p in SCRIPTS if yaml.safe_load(p.read_text(encoding="utf-8"))["language"] == "en"]
MAX_BYTES = 1_500_000


def script(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_settings() -> Settings:
    return load_settings(SAMPLES / "config.toml")


def test_there_are_five_english_calls_and_it_ru_pl_zh() -> None:
    languages = sorted(script(p)["language"] for p in SCRIPTS)
    assert languages.count("en") >= 5 and {"it", "ru", "pl", "zh"} <= set(languages)


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_script_is_a_two_sided_call_with_metadata(path: Path) -> None:
    data = script(path)
    assert {"account", "rep", "date", "renewal_date", "arr", "title", "language", "key_phrase"} <= set(data)
    sides = [data["speakers"][next(iter(line))]["side"] for line in data["lines"]]
    assert sides.count("rep") >= 3 and sides.count("customer") >= 3


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_every_script_has_its_call_file_and_matching_sidecar(path: Path) -> None:
    data = script(path)
    call = CALLS / f"{path.stem}.{'flac' if data['language'] == 'en' else 'vtt'}"
    assert call.is_file(), f"{call} missing: run .venv/bin/python samples/render.py {path.stem}"
    meta = read_sidecar(call)
    assert meta is not None
    assert (meta.account, meta.rep, meta.title, meta.language) == (
        data["account"], data["rep"], data["title"], data["language"],
    )  # fmt: skip
    assert meta.arr == float(data["arr"]) and meta.renewal_date == date.fromisoformat(str(data["renewal_date"]))
    assert meta.recorded_at is not None and str(data["date"]).startswith(meta.recorded_at.date().isoformat())


def test_no_stray_files_in_calls() -> None:
    names = {p.stem for p in SCRIPTS}
    for path in CALLS.iterdir():
        stem = path.name.removesuffix(".meta.json") if is_sidecar(path) else path.stem
        assert stem in names, f"{path} belongs to no script in samples/scripts"


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_rendered_call_is_small_stereo_16k_of_30_to_75_seconds(path: Path) -> None:
    flac = CALLS / f"{path.stem}.flac"
    info = probe(flac)
    assert (info.channels, info.sample_rate, info.codec) == (2, 16000, "flac")
    assert 30 <= info.duration <= 80
    assert flac.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_rep_speaks_on_the_left_and_customer_on_the_right(path: Path, sample_settings: Settings) -> None:
    left, right = load_channels(CALLS / f"{path.stem}.flac")
    reference = import_transcript(REFERENCE / f"{path.stem}.vtt", sample_settings)
    assert {u.role for u in reference.utterances} == {"rep", "customer"}
    for u in reference.utterances:
        span = slice(int(u.start * 16000), int(u.end * 16000))
        rep_rms, customer_rms = (float(np.sqrt(np.mean(ch[span] ** 2))) for ch in (left, right))
        loud, quiet = (rep_rms, customer_rms) if u.role == "rep" else (customer_rms, rep_rms)
        assert loud > 0.02 and quiet < loud / 100, f"{u.speaker} at {u.start:.1f}s is on the wrong channel"


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]", " ", text.lower()).split())


@pytest.fixture(scope="module")
def transcriber() -> Any:
    whisper = pytest.importorskip("assistant.transcription.whisper")
    return whisper.Transcriber(load_settings(SAMPLES / "config.toml"))


@pytest.mark.whisper
@pytest.mark.parametrize("name", ["northwind-price-competitor", "cedar-cfo-joins"])
def test_whisper_hears_the_key_phrase_on_the_customer_channel(name: str, transcriber: Any) -> None:
    key = _words(script(SAMPLES / "scripts" / f"{name}.yaml")["key_phrase"])
    transcript = transcriber.transcribe(CALLS / f"{name}.flac", language="en")
    right = _words(" ".join(u.text for u in transcript.utterances if u.channel == 1))
    left = _words(" ".join(u.text for u in transcript.utterances if u.channel == 0))
    assert key in right and key not in left
    assert {u.role for u in transcript.utterances if u.channel == 1} == {"customer"}
