"""Vocabulary biasing (hotwords) vs plain decoding on the rendered sample calls, in one run.

    .venv/bin/python bench/hotwords.py

Prints, per call: reference turns, utterances and seconds with and without the rules' vocabulary as
faster-whisper hotwords, and the last words heard (content lost at the end shows there).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from assistant.analysis import vocabulary
from assistant.analysis.rules import load_ruleset
from assistant.settings import load_settings
from assistant.transcription.whisper import Transcriber

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CALLS = ("northwind-price-competitor", "cedar-cfo-joins", "maple-negated-distractor")


def main() -> None:
    settings = load_settings(data_dir=Path(tempfile.mkdtemp()))
    transcriber = Transcriber(settings)
    hotwords = " ".join(vocabulary(load_ruleset(settings.rules_dir)))
    print(f"hotwords ({len(hotwords)} chars): {hotwords}")
    for name in CALLS:
        turns = (SAMPLES / "reference" / f"{name}.vtt").read_text(encoding="utf-8").count("-->")
        for label, words in (("plain", None), ("hotwords", hotwords)):
            began = time.perf_counter()
            transcript = transcriber.transcribe(SAMPLES / "calls" / f"{name}.flac", hotwords=words)
            seconds = time.perf_counter() - began
            last = transcript.utterances[-1].text[-50:]
            print(
                f"{name:28s} {label:8s} turns {turns} utterances {len(transcript.utterances):3d} "
                f"{seconds:5.1f} s  last: …{last}"
            )


if __name__ == "__main__":
    main()
