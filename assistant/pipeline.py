"""ingest(): the one orchestrator. recording / transcript → transcript → analysis → storage.

Each file is handled on its own: a bad file becomes a ``failed`` result naming the file and the reason,
nothing of it is stored, and the batch goes on. Re-ingesting the same content (same SHA-256) is a no-op
unless ``force`` is given, in which case the stored call is replaced in one transaction.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.audio import incomplete
from assistant.errors import AssistantError, HeadError, InputError, NotFoundError
from assistant.logfile import file_logger
from assistant.metadata import is_sidecar, metadata_for
from assistant.records import Analysis, CallMetadata, CallSummary, SourceFile, Transcript
from assistant.records.embeddings import Embeddings
from assistant.records.votes import ModelVotes
from assistant.settings import Settings
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.transcription.formats import import_transcript, readable_suffixes

if TYPE_CHECKING:
    from assistant.analysis import Vectors
    from assistant.analysis.rules import RuleSet
    from assistant.records.alerts import AlertDraft, PolicySet
    from assistant.transcription.whisper import Transcriber

AUDIO_SUFFIXES = frozenset(
    [
        ".wav",
        ".wave",
        ".flac",
        ".mp3",
        ".m4a",
        ".mp4",
        ".aac",
        ".ogg",
        ".oga",
        ".opus",
        ".webm",
        ".mkv",
        ".mov",
        ".wma",
        ".aif",
        ".aiff",
        ".amr",
    ]
)
Progress = Callable[[float], None]
Status = Literal["stored", "replaced", "skipped", "failed"]
log = logging.getLogger("assistant.ingest")
MESSAGE_CHARS = 300  # an unexpected error's message is cut to one readable line


def shown(path: Path | str) -> str:
    """A path as text that can always be printed and stored: undecodable bytes of a file name become
    \\xNN escapes instead of surrogates that no terminal, JSON or database accepts."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def one_line(exc: BaseException) -> str:
    """An unexpected exception as one line: its type and the first line of its message, cut short."""
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    text = text.encode("utf-8", "backslashreplace").decode()
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


@dataclass(frozen=True)
class IngestResult:
    path: Path
    status: Status
    call_id: int | None = None
    message: str = ""
    duration: float = 0.0
    partial: str = ""  # why a recording was stored cut short (it decodes to less than its header says)
    alerts: int = 0  # alerts the call raised (queued for delivery with it)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def is_ingestible(path: Path) -> bool:
    suffix = path.suffix.lower()
    return (suffix in AUDIO_SUFFIXES or suffix in readable_suffixes()) and not is_sidecar(path)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: given files as they are (even odd ones, to report them); folders walked for
    recordings and transcripts, skipping sidecars and hidden files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and is_ingestible(p) and not any(part.startswith(".") for part in p.parts)
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_source(path: Path) -> SourceFile:
    """Hash the file's bytes; unreadable, missing and empty files are InputErrors naming the file."""
    if shown(path) != str(path):
        raise InputError(f"{shown(path)}: the file name is not valid UTF-8; rename the file and ingest it again")
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError(f"{path}: empty file (0 bytes)")
    return SourceFile(path=path.resolve(), content_hash=digest.hexdigest(), size=size)


def unexpected(exc: Exception, log_file: Path) -> str:
    """The one line a user sees for an error the product did not foresee; the traceback is in the log."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "cannot store it: the disk is full (free some space and ingest it again)"
    if "database is locked" in str(exc):
        return "the database stayed locked by another process for too long; ingest it again later"
    return f"unexpected error ({one_line(exc)}); the traceback is in {shown(log_file)}"


class Ingestor:
    """Holds what is costly to build once per batch: the Whisper model and the rule set."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        transcriber: Transcriber | None = None,
        ruleset: RuleSet | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self._transcriber = transcriber
        self._ruleset = ruleset
        self._policies: PolicySet | None = None
        file_logger(settings)  # tracebacks of unexpected errors go to the log file, never the terminal

    @property
    def transcriber(self) -> Transcriber:
        if self._transcriber is None:
            from assistant.transcription.whisper import Transcriber

            self._transcriber = Transcriber(self.settings)
        return self._transcriber

    @property
    def ruleset(self) -> RuleSet:
        if self._ruleset is None:
            from assistant.analysis.rules import load_ruleset

            self._ruleset = load_ruleset(self.settings.rules_dir)
        return self._ruleset

    @ruleset.setter
    def ruleset(self, value: RuleSet) -> None:
        """New rules for the next files (a watcher reloads them); the Whisper bias vocabulary follows."""
        self._ruleset = value
        self.__dict__.pop("hotwords", None)

    @property
    def policies(self) -> PolicySet:
        """Alert policies, loaded once (a malformed file stops a batch with file:line); a watcher sets them."""
        if self._policies is None:
            from assistant.alerts.policies import load_policies

            self._policies = load_policies(self.settings.alerts_path)
        return self._policies

    @policies.setter
    def policies(self, value: PolicySet) -> None:
        self._policies = value

    def alert_drafts(
        self, source: SourceFile, transcript: Transcript, metadata: CallMetadata, analysis: Analysis
    ) -> tuple[AlertDraft, ...]:
        from assistant.alerts.outbox import draft_alerts

        return draft_alerts(
            self.store,
            self.policies,
            content_hash=source.content_hash,
            metadata=metadata,
            language=transcript.language,
            source=source.path.name,
            analysis=analysis,
        )

    def prepare(self) -> None:
        """Load the rules and alert policies now: invalid files stop a batch before anything is transcribed.
        The sentence encoders and the churn-risk model's head load meanwhile on threads of their own (ready when
        the first call is analysed)."""
        _ = self.ruleset
        _ = self.policies
        if self.settings.store_embeddings or self.settings.churn_model:
            from assistant.analysis.model import embedder_for

            embedder_for(self.settings).warm_in_background()
        if self.settings.churn_model:
            threading.Thread(target=self._load_head, name="churn-head-load", daemon=True).start()

    def _load_head(self) -> None:
        """The model's head loaded into its cache, off the ingest's path; a head that cannot load is left for the
        analysis, which reports it and analyses with the rules alone."""
        from assistant.analysis.model.classify import load_model

        s = self.settings
        try:
            load_model(s.churn_model_file, threads=s.embedding_threads, cache_dir=s.encoder_cache_dir,
                       kernel=s.e5_kernel)  # fmt: skip
        except Exception as exc:  # the analysis loads it again and reports what is wrong
            log.debug("the churn-risk model's head did not load ahead of the analysis: %s", exc)

    def ingest_file(
        self, path: Path, *, options: CallMetadata | None = None, force: bool = False, progress: Progress | None = None,
        replace: int | None = None,
    ) -> IngestResult:  # fmt: skip
        """One file, end to end. Never raises for a bad file: the result says what went wrong, in one line.
        An error of the product is its own message; anything else (a parser's RecursionError, a full disk,
        a database locked too long) is logged with its traceback and reported as one line naming the file.
        ``replace``: the id of a stored call this file supersedes (a completed upload replacing its partial
        version); that call keeps its id, clips and outcomes."""
        try:
            return self._ingest(path, options or CallMetadata(), force, progress, replace)
        except AssistantError as exc:
            return IngestResult(path, "failed", message=str(exc).encode("utf-8", "backslashreplace").decode())
        except Exception as exc:  # one bad file must never stop a batch or the watcher
            log.exception("ingest of %s failed", shown(path))
            return IngestResult(path, "failed", message=f"{shown(path)}: {unexpected(exc, self.settings.log_path)}")

    def _ingest(
        self, path: Path, options: CallMetadata, force: bool, progress: Progress | None, replace: int | None
    ) -> IngestResult:
        source = read_source(path)
        existing = calls.find_by_hash(self.store, source.content_hash)
        if existing is None and replace is not None:
            existing = self._superseded(replace)
        elif existing and not force:
            return IngestResult(
                path,
                "skipped",
                existing.id,
                f"already ingested as call {existing.id} ({existing.source_path}); use --force to redo it",
                existing.duration,
            )
        metadata = metadata_for(path, options)
        partial = (incomplete(path) or "") if path.suffix.lower() in AUDIO_SUFFIXES else ""
        transcript = self.identify_speakers(self.transcribe(path, metadata, progress), metadata)
        analysis, embeddings, votes = self.analyze_and_embed(transcript)
        alerts = () if partial else self.alert_drafts(source, transcript, metadata, analysis)
        saved = self._save(path, source, transcript, metadata, analysis, existing, alerts, (embeddings, votes))
        if isinstance(saved, IngestResult):
            return saved
        status: Status = "replaced" if existing else "stored"
        summary = f"{len(transcript.utterances)} utterances, {transcript.language}, {transcript.duration:.0f} s"
        if partial:  # half a call must not alert as if it were the whole call
            summary = f"partial recording ({partial}), no alert raised; {summary}"
        return IngestResult(path, status, saved, summary, transcript.duration, partial, len(alerts))

    def _superseded(self, call_id: int) -> CallSummary | None:
        try:
            return calls.get_call(self.store, call_id=call_id).summary
        except NotFoundError:  # removed meanwhile: the file is simply a new call
            return None

    def _save(
        self, path: Path, source: SourceFile, transcript: Transcript, metadata: CallMetadata, analysis: Analysis,
        existing: CallSummary | None, alerts: tuple[AlertDraft, ...],
        read: tuple[Embeddings | None, ModelVotes | None],
    ) -> int | IngestResult:  # fmt: skip
        """The stored call's id; or, when another process stored the same content meanwhile, a 'skipped'. ``read``:
        the embeddings and the model's votes the analysis read, stored with it."""
        try:
            replace = existing.id if existing else None
            return calls.save_call(self.store, source=source, transcript=transcript, metadata=metadata,
                                   analysis=analysis, replace=replace, alerts=alerts, embeddings=read[0],
                                   votes=read[1])  # fmt: skip
        except Exception:
            raced = None if existing else calls.find_by_hash(self.store, source.content_hash)
            if raced is None:
                raise
            message = f"already stored by another process as call {raced.id} while this one worked on it"
            return IngestResult(path, "skipped", raced.id, message, raced.duration)

    def transcribe(self, path: Path, metadata: CallMetadata, progress: Progress | None = None) -> Transcript:
        """The file's transcript."""
        if path.suffix.lower() in readable_suffixes():
            return import_transcript(path, self.settings, metadata)
        return self.transcriber.transcribe(
            path,
            language=metadata.language or self.settings.language,
            hotwords=self.hotwords,
            progress=progress,
            speakers=metadata.speakers,
        )

    def identify_speakers(self, transcript: Transcript, metadata: CallMetadata) -> Transcript:
        """Which voice of a mono recording is the rep: enrolled voiceprints, else cues (speaker_roles)."""
        if not any(p.channel is None for p in transcript.speakers):
            return transcript
        from assistant.storage.voiceprints import list_voiceprints
        from assistant.transcription.speaker_roles import assign_roles

        return assign_roles(
            transcript,
            rep=metadata.rep,
            voiceprints=list_voiceprints(self.store),
            threshold=self.settings.voiceprint_threshold,
        )

    @cached_property
    def hotwords(self) -> str | None:
        """The rules' vocabulary (titles, competitor names) to bias Whisper toward, built once per batch."""
        if not self.settings.bias_vocabulary:
            return None
        from assistant.analysis import vocabulary

        return " ".join(vocabulary(self.ruleset)) or None

    def analyze_and_embed(self, transcript: Transcript) -> tuple[Analysis, Embeddings | None, ModelVotes | None]:
        """The call's analysis, and its lines' embeddings (``embed``), computed on a thread of their own while the
        rules read the call (one core each, after Whisper: none of e5's work runs beside Whisper's threads, which
        it slowed more than its own CPU; docs/benchmarks.md, ninth session); and the model's nearest-examples votes
        of the stored vectors, which a reanalysis after a rule change reads instead (``reanalysis.analyze_stored``)."""
        if not self.settings.store_embeddings or not transcript.utterances:
            return self.analyze(transcript), None, None
        from assistant.analysis.model.vote import remembered

        with ThreadPoolExecutor(1, thread_name_prefix="embed-call") as pool, remembered({}) as memo:
            embedding = pool.submit(self.embed, transcript)
            analysis = self.analyze(transcript, lambda: _vectors(embedding))
            embeddings = embedding.result()
        return analysis, embeddings, self._votes(analysis, memo.kept()) if embeddings is not None else None

    def _votes(self, analysis: Analysis, kept: dict[str, Any]) -> ModelVotes | None:
        """The votes the model read in ``analysis`` (``kept``), under its head's version; None when it was off."""
        from assistant.analysis import churn_model

        if not kept or "+model." not in analysis.rules_version:  # the model was off, or its head did not load
            return None
        model = churn_model(self.settings)[0]  # loaded by the analysis: no second load, no second warning
        return ModelVotes(model.version, kept) if model is not None and model.version else None

    def embed(self, transcript: Transcript) -> Embeddings | None:
        """Every line's sentence embedding, and those of the sentences the model reads its long customer turns by,
        stored with the call (``store_embeddings``). None when that is off, or when the encoders cannot load:
        logged, the call is stored without them, `assistant model embed` adds them later."""
        if not self.settings.store_embeddings or not transcript.utterances:
            return None
        from assistant.analysis import churn_model
        from assistant.analysis.call_embeddings import embed_call, sentences_over
        from assistant.analysis.model import embedder_for

        try:
            over = sentences_over(churn_model(self.settings)[0])
            return embed_call(transcript, embedder_for(self.settings), over)
        except HeadError as exc:
            log.warning("%s; the call is stored without embeddings", exc)
            return None

    def analyze(self, transcript: Transcript, vectors: Vectors = None) -> Analysis:
        """The call's analysis; ``vectors``: its lines' embeddings, or a function that returns them (``analyze``)."""
        from assistant.analysis import analyze

        return analyze(transcript, self.ruleset, settings=self.settings, vectors=vectors)


def _vectors(embedding: Future[Embeddings | None]) -> Embeddings | None:
    """The call's vectors once the thread embedding it is done (the analysis waits here after the rules)."""
    return embedding.result()
