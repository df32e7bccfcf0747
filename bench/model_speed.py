"""Speed of the learned churn-risk model beside the rules-only figure, in the same run.

    .venv/bin/python bench/model_speed.py                 # reanalysis words/s/core, embeddings, ingest overhead

1. Reanalysis (stored transcripts → hits → report; no database) on synthetic calls (bench/analysis.py's):
   rules only; rules + model embedding every line now; rules + model with the embeddings already stored.
   CPU time (``time.process_time``), so words per second **per core**.
   Then the same through ``assistant reanalyze`` (``reanalysis.reanalyze``: read each stored call, analyse,
   write the analysis back) on a temporary SQLite library whose calls were stored with their embeddings:
   rules only, rules + model reading the stored vectors (the lines' and the long turns' sentences') with the model's
   stored votes dropped first (what the first reanalysis after a new head does: it reads every vote and stores it),
   the same again right after (what a reanalysis after a rule change does: the stored votes read, no product of the
   head's examples), and rules + model on the same calls stored with the lines' vectors only (as before the twelfth
   session: each long turn's sentences embedded again every time), best of ``--rounds``. ``--long-turns``: calls of
   long customer turns instead (eval_heldout10a's 250 long turns, 60-158 words, en/it/ru/pl/zh, each after its rep's
   turn(s), five to a call), which the model reads sentence by sentence (``analysis/model/sentences.py``).
2. Ingest of a real recording (../shared/data/speech/en_60s_with_pauses.wav, mono, Whisper base; or --audio;
   or --joined-samples: the five rendered sample calls of samples/calls joined into one 3.8-minute stereo call)
   with the model off and on, alternating, in one process (one Whisper for all, one untimed ingest of each first):
   the model's share of a whole ingest, as process CPU (every thread) and wall, each side's median and range and
   each round's on ÷ off; and the model's one-time cost in a process (its first ingest), which ``--only one-shot``
   (a fresh `assistant ingest` process per file) pays every time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analysis import build_calls

from assistant.analysis import analyze
from assistant.analysis.call_embeddings import embed_call, sentences_over
from assistant.analysis.model import get_embedder, load_model
from assistant.analysis.model.sentences import words
from assistant.analysis.rules import load_ruleset
from assistant.analysis.ruleset import RuleSet
from assistant.audio import SAMPLE_RATE, load_channels
from assistant.pipeline import Ingestor
from assistant.reanalysis import reanalyze
from assistant.records import CallMetadata, SourceFile, Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR, Settings, load_settings
from assistant.storage.calls import save_call
from assistant.storage.db import Store

if TYPE_CHECKING:
    from assistant.transcription.whisper import Transcriber

AUDIO = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "speech" / "en_60s_with_pauses.wav"
LONG_TURNS = Path(__file__).resolve().parents[1] / "tests" / "analysis" / "eval_heldout10a"
PER_CALL = 5  # long turns per call (--long-turns)
TEXT_CACHE = 10_000  # an LRU cache of at most this many entries is keyed by sentences or lines (cold_text_caches)


def long_turn_calls(n_calls: int) -> list[Transcript]:
    """Calls of eval_heldout10a's long customer turns (each after its turns before), ``PER_CALL`` to a call, one
    language per call, the languages in turn; at most as many calls as the corpus fills."""
    by_lang = {lang: [i for i in yaml.safe_load((LONG_TURNS / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
                      if i.get("length") == "long"] for lang in ("en", "it", "ru", "pl", "zh")}  # fmt: skip
    chunks = [(lang, items[k : k + PER_CALL]) for k in range(0, 50, PER_CALL) for lang, items in by_lang.items()]
    return [_long_call(lang, items) for lang, items in chunks[:n_calls] if items]


def _long_call(lang: str, items: list[dict]) -> Transcript:
    turns = [(role, text) for item in items for role, text in [*item.get("ctx", []), ("customer", item["text"])]]
    utts = tuple(Utterance(role, role, n * 30.0, n * 30.0 + 29.0, text, language=lang)
                 for n, (role, text) in enumerate(turns))  # fmt: skip
    return Transcript(utts, lang, len(utts) * 30.0, "vtt")


def _words(calls: list[Transcript]) -> int:
    """Words of the calls' lines (Chinese: characters / 2, as the model counts them)."""
    return int(sum(words(u.text, c.language) for c in calls for u in c.utterances))


def _calls(n_calls: int, n_lines: int, seed: int, long_turns: bool) -> list[Transcript]:
    return long_turn_calls(n_calls) if long_turns else build_calls(n_calls, n_lines, seed)


def _cpu(fn) -> float:
    """CPU seconds of ``fn``, its sentences' caches cold (``cold_text_caches``)."""
    cold_text_caches()
    start = time.process_time()
    fn()
    return time.process_time() - start


def cold_text_caches() -> None:
    """Empty the analysis's caches keyed by a sentence or a line (``nlp.parse_english`` ...: an LRU of at most
    ``TEXT_CACHE`` entries): a pass over calls another pass already read would otherwise skip most of the parsing (a
    reanalysis reads each call once). The caches of single words (200,000 entries, warm in any long run) are kept: a
    rules-only pass over every call warms them before the first timed pass."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("assistant.analysis"):
            continue
        for fn in vars(module).values():
            info = getattr(fn, "cache_info", None)
            if callable(info) and info().maxsize is not None and info().maxsize <= TEXT_CACHE:
                fn.cache_clear()


def reanalysis(n_calls: int, n_lines: int, long_turns: bool = False) -> None:
    settings, ruleset, model = load_settings(), load_ruleset(DEFAULT_RULES_DIR), load_model()
    calls = _calls(n_calls, n_lines, 1, long_turns)
    words = _words(calls)
    analyze(calls[0], ruleset, settings=settings, model=model)  # warm up pipelines and encoders
    [analyze(c, ruleset, settings=settings, use_model=False) for c in calls]  # and the caches of single words
    over = sentences_over(model)
    saved = [embed_call(c, model.embedder, over) for c in calls]  # lines and long turns' sentences, as stored
    rules = _cpu(lambda: [analyze(c, ruleset, settings=settings, use_model=False) for c in calls])
    pairs = list(zip(calls, saved, strict=True))
    stored = _cpu(lambda: [analyze(c, ruleset, settings=settings, model=model, vectors=e) for c, e in pairs])
    lines = _cpu(lambda: [analyze(c, ruleset, settings=settings, model=model, vectors=e.vectors) for c, e in pairs])
    live = _cpu(lambda: [analyze(c, ruleset, settings=settings, model=model) for c in calls])
    embed = _cpu(lambda: [model.embedder.embed([u.text for u in c.utterances]) for c in calls])
    sentences = sum(len(e.sentences) for e in saved)
    print(f"{len(calls)} calls, {sum(len(c.utterances) for c in calls)} utterances, {words} words, "
          f"{sentences} sentences of long customer turns; load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    for name, cpu in (("rules only", rules), ("rules + model, stored embeddings", stored),
                      ("rules + model, stored lines only", lines), ("rules + model, embedding now", live),
                      ("embedding alone (every line)", embed)):  # fmt: skip
        print(f"  {name:<34} {words / cpu:>10,.0f} words/s/core  ({cpu:.1f} s CPU)")


def stored_reanalysis(n_calls: int, n_lines: int, long_turns: bool = False, rounds: int = 1) -> None:
    calls = _calls(n_calls, n_lines, 2, long_turns)
    words = _words(calls)
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        store = Store.open(settings)
        embedder, over = get_embedder(), sentences_over(load_model())
        for n, transcript in enumerate(calls * 2):  # each call twice: with its sentence vectors, and without
            source = SourceFile(Path(f"/bench/{n}.vtt"), f"{n:064d}", 1)
            saved = embed_call(transcript, embedder, over if n < len(calls) else 0)
            save_call(store, source=source, transcript=transcript, metadata=CallMetadata(), embeddings=saved)
        ids = list(range(1, len(calls) + 1))
        rules_only = settings.model_copy(update={"churn_model": False})
        unsaved = settings.model_copy(update={"store_embeddings": False})  # sentences embedded each time, not kept
        list(reanalyze(store, settings, ruleset, ids[:1], force=True))  # warm up the model
        list(reanalyze(store, rules_only, ruleset, ids, force=True))  # and the caches of single words
        runs: dict[str, list[float]] = {}
        plan = (("rules only", rules_only, ids), (COLD, settings, ids), (WARM, settings, ids),
                ("rules + model, stored lines only", unsaved, [i + len(calls) for i in ids]))  # fmt: skip
        for _ in range(rounds):
            for name, chosen, calls_of in plan:
                if name == COLD:
                    forget_votes(store)
                runs.setdefault(name, []).append(_reanalyze_cpu(store, chosen, ruleset, calls_of, name))
        store.close()
    print(f"assistant reanalyze of {len(calls)} stored calls, {words} words (best of {rounds}; load average "
          f"{os.getloadavg()[0]:.1f}):")  # fmt: skip
    for name, cpus in runs.items():
        print(f"  {name:<60} {words / min(cpus):>10,.0f} words/s/core  ({min(cpus):.2f} s CPU)")


COLD = "rules + model, stored embeddings, votes read (a new head)"
WARM = "rules + model, stored embeddings and votes (a rule change)"


def forget_votes(store: Store) -> None:
    """Drop every stored vote of the model (what a new head finds: none of its own)."""
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM model_vote"))


def _reanalyze_cpu(store: Store, settings: Settings, ruleset: RuleSet, ids: list[int], name: str) -> float:
    results: list = []
    cpu = _cpu(lambda: results.extend(reanalyze(store, settings, ruleset, ids, force=True)))
    assert all(r.status == "updated" for r in results), results[:1]
    assert "stored embeddings" not in name or not any("again" in r.message for r in results), results[:1]
    return cpu


def joined_samples(folder: Path) -> Path:
    """The sample calls (stereo, rep | customer) one after the other in one WAV file: a longer, denser call."""
    calls = sorted((Path(__file__).resolve().parents[1] / "samples" / "calls").glob("*.flac"))
    audio = np.concatenate([np.stack(load_channels(call)) for call in calls], axis=1)
    return _write_wav(folder / "joined-sample-calls.wav", audio)


SPEECH = AUDIO.parent
# (file, side) in turn: the rep's short turns and the customer's long ones (a reading, a talk with short pauses)
LONG_CUSTOMER = (("jfk.flac", 0), ("sonnet001.mp3", 1), ("jfk.flac", 0), ("osr_harvard_8k.wav", 1),
                 ("jfk.flac", 0), ("en_60s_with_pauses.wav", 1))  # fmt: skip


def long_customer(folder: Path) -> Path:
    """A stereo call (rep | customer) of ../shared/data's speech: the rep's short turns (jfk.flac, 11 s) between the
    customer's long ones (sonnet001.mp3, osr_harvard_8k.wav, en_60s_with_pauses.wav: 2.5 minutes), the other side
    silent meanwhile."""
    pieces = []
    for name, side in LONG_CUSTOMER:
        mono = np.mean(np.stack(load_channels(SPEECH / name)), axis=0)
        pair = np.zeros((2, len(mono)), dtype=np.float32)
        pair[side] = mono
        pieces.append(pair)
    return _write_wav(folder / "long-customer-turns.wav", np.concatenate(pieces, axis=1))


def long_transcript(folder: Path) -> Path:
    """A Zoom-style VTT call (with its sidecar naming the rep) of eval_heldout10a's 50 English long customer turns,
    each after its turn(s) before: 5,000 words of transcript whose customer turns the model reads sentence by
    sentence (a transcript import: no Whisper)."""
    call = long_turn_calls(50)[0:50:5]  # the English calls (the languages take turns)
    cues = [u for c in call for u in c.utterances]
    names = {"rep": "Alex Morgan", "customer": "Dana Whitfield"}
    lines = [
        f"{_clock(n * 30.0)} --> {_clock(n * 30.0 + 29.0)}\n{names[u.role]}: {u.text}\n" for n, u in enumerate(cues)
    ]
    path = folder / "long-turns.vtt"
    path.write_text("WEBVTT\n\n" + "\n".join(lines), encoding="utf-8")
    (folder / "long-turns.meta.json").write_text('{"rep": "Alex Morgan", "language": "en"}', encoding="utf-8")
    return path


def _clock(seconds: float) -> str:
    return f"{int(seconds // 3600):02d}:{int(seconds // 60 % 60):02d}:{seconds % 60:06.3f}"


def _write_wav(path: Path, audio: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(audio.shape[0])
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").T.tobytes())
    return path


def ingest(rounds: int, audio: Path) -> None:
    """The model's share of a whole ingest, measured in one process: ``Ingestor.ingest_file`` of the same recording
    into a fresh library, model off and on alternating (every other round on first), after one untimed ingest of
    each (Whisper, spaCy and the encoders loaded: what a worker or a folder ingest pays once); per ingest the
    process's CPU (every thread: Whisper's, the embedding thread's) and wall. Printed: each side's median [range],
    each round's on ÷ off (paired) median [range], CPU and wall; and the one-time cost of the model's first ingest
    in a process (its CPU over the median of the later ones: loading the encoders and the head), which a one-file
    ``assistant ingest`` pays every time (``one_shot``)."""
    from assistant.transcription.whisper import Transcriber

    runs: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    first: dict[bool, tuple[float, float]] = {}
    whisper = Transcriber(load_settings())  # one for every ingest, as a worker keeps it
    for n in range(rounds + 1):
        for on in ((True, False) if n % 2 else (False, True)) if n else (False, True):
            cost = _ingest_once(audio, on, whisper)
            (runs[on].append(cost) if n else first.setdefault(on, cost))
    print(f"in-process ingest of {audio.name}, {rounds} rounds after one untimed ingest each "
          f"(load average {os.getloadavg()[0]:.1f}):")  # fmt: skip
    for what, col in (("CPU", 1), ("wall", 0)):
        off, on_ = ([r[col] for r in runs[k]] for k in (False, True))
        ratios = [b[col] / a[col] - 1 for a, b in zip(runs[False], runs[True], strict=True)]
        print(
            f"  {what:<4} model off {_spread(off)} s, on {_spread(on_)} s; paired on ÷ off "
            f"{100 * float(np.median(ratios)):+.1f} % [{100 * min(ratios):+.1f} – {100 * max(ratios):+.1f} %]"
        )
    once = first[True][1] - float(np.median([r[1] for r in runs[True]]))
    once_off = first[False][1] - float(np.median([r[1] for r in runs[False]]))
    print(f"  first ingest of the process, over the later ones' median (CPU): model on {once:+.2f} s, "
          f"off {once_off:+.2f} s")  # fmt: skip


def _ingest_once(audio: Path, on: bool, whisper: Transcriber) -> tuple[float, float]:
    """(wall, process CPU) seconds of one ``ingest_file`` of ``audio`` into a fresh library, the model on or off."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp), churn_model=on, store_embeddings=on, embedding_threads=1)
        ingestor = Ingestor(settings, Store.open(settings), transcriber=whisper)
        wall, cpu = time.perf_counter(), time.process_time()
        result = ingestor.ingest_file(audio)
        cost = (time.perf_counter() - wall, time.process_time() - cpu)
        assert result.status == "stored", result.message
        return cost


def _spread(values: list[float]) -> str:
    return f"{float(np.median(values)):.2f} [{min(values):.2f} – {max(values):.2f}]"


def one_shot(rounds: int, audio: Path) -> None:
    """`assistant ingest` of the recording in a fresh process each time (what a one-file CLI run costs: start-up,
    Whisper and, with the model, the encoders' loading), model off and on alternating; wall and CPU seconds.
    A first, untimed run with the model on is what a user's first ingest is: it writes the encoders' cache
    (``model_cache_dir``/encoders); every timed run is a later one, in a fresh process and a fresh library."""
    cli = Path(sys.executable).parent / "assistant"
    runs: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    for n in range(rounds + 1):
        for on in ((False, True) if n % 2 else (True, False)) if n else (True,):  # every other round reversed
            with tempfile.TemporaryDirectory() as tmp:
                flag = "true" if on else "false"
                env = {**os.environ, "ASSISTANT_DATA_DIR": tmp, "ASSISTANT_CHURN_MODEL": flag,
                       "ASSISTANT_STORE_EMBEDDINGS": flag, "ASSISTANT_EMBEDDING_THREADS": "1"}  # fmt: skip
                before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                subprocess.run([str(cli), "ingest", str(audio), "--json"], env=env, check=True, capture_output=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                if n:
                    runs[on].append((time.perf_counter() - start, cpu))
    for what, col in (("wall", 0), ("CPU", 1)):
        off, on_ = (min(r[col] for r in runs[k]) for k in (False, True))
        mid_off, mid_on = (float(np.median([r[col] for r in runs[k]])) for k in (False, True))
        ratios = [b[col] / a[col] - 1 for a, b in zip(runs[False], runs[True], strict=True)]
        print(f"one-shot `assistant ingest {audio.name}` ({what}, best of {rounds}): model off {off:.2f} s, "
              f"on {on_:.2f} s: {100 * (on_ - off) / off:+.1f} %; medians {mid_off:.2f} s, {mid_on:.2f} s: "
              f"{100 * (mid_on - mid_off) / mid_off:+.1f} %; paired (each round's on ÷ off), median "
              f"{100 * float(np.median(ratios)):+.1f} % [{100 * min(ratios):+.1f} – {100 * max(ratios):+.1f} %]"
              f"; load average {os.getloadavg()[0]:.1f}")  # fmt: skip


def recording(args: argparse.Namespace, prefix: str) -> Path:
    """The file the ingest parts use: ``--audio``, or one built by ``--joined-samples`` / ``--long-customer`` /
    ``--long-transcript``."""
    chosen = {"joined_samples": joined_samples, "long_customer": long_customer, "long_transcript": long_transcript}
    build = next((fn for flag, fn in chosen.items() if getattr(args, flag, False)), None)
    return build(Path(tempfile.mkdtemp(prefix=prefix))) if build else args.audio


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--lines", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--audio", type=Path, default=AUDIO, help="the recording the ingest parts use")
    parser.add_argument("--long-turns", action="store_true",
                        help="reanalysis parts: calls of eval_heldout10a's long customer turns")  # fmt: skip
    parser.add_argument("--joined-samples", action="store_true", help="ingest the sample calls joined into one")
    parser.add_argument("--long-transcript", action="store_true",
                        help="ingest a VTT call of eval_heldout10a's English long turns")  # fmt: skip
    parser.add_argument("--long-customer", action="store_true",
                        help="ingest a stereo call of shared speech with the customer's long turns")  # fmt: skip
    parser.add_argument("--only", choices=("reanalysis", "stored", "ingest", "one-shot"), action="append",
                        help="run only these parts (repeatable); default: all")  # fmt: skip
    args = parser.parse_args()
    parts = args.only or ["reanalysis", "stored", "ingest", "one-shot"]
    audio = recording(args, "model-speed-")
    if "reanalysis" in parts:
        reanalysis(args.calls, args.lines, args.long_turns)
    if "stored" in parts:
        stored_reanalysis(args.calls, args.lines, args.long_turns, args.rounds)
    if "ingest" in parts:
        ingest(args.rounds, audio)
    if "one-shot" in parts:
        one_shot(args.rounds, audio)


if __name__ == "__main__":
    main()
