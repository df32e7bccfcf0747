"""The one error hierarchy of the assistant.

Every error a user can cause or meet is an ``AssistantError``; the CLI turns it into one clear line
and a non-zero exit status in a single place (``assistant.cli.main``). The message always names the
file, line or field at fault and, where there is one, the command that fixes it.

    AssistantError
    ├── ConfigError                 a setting or config file is invalid
    ├── InputError                  a file given to the assistant cannot be used
    │   ├── AudioDecodeError        not audio FFmpeg can decode (empty, truncated, wrong container ...)
    │   ├── SilentAudioError        decodes, but holds no speech (zero-length or pure silence)
    │   ├── TranscriptFormatError   a VTT / SRT / Whisper JSON file that does not parse (file:line)
    │   └── MetadataError           a call sidecar (JSON / CSV) or metadata option that is invalid
    ├── OutputError                 an output file cannot be written there (missing folder, a folder, no permission)
    ├── ModelError                  the Whisper model cannot be used
    │   ├── DiarizationError        the speaker-diarization engine is missing or cannot run
    │   ├── VoiceprintError         a stored rep voiceprint is corrupt or from another model
    │   ├── ModelNotInstalledError  model files are missing; the message names the install command
    │   └── ModelCorruptError       model files fail their checksum
    ├── StorageError                the database cannot do what was asked
    │   ├── NotFoundError           no call / account / clip with that id
    │   │   └── MediaMissingError   a recording or clip file is not where its stored name says (names the
    │   │                           file, media_root and machine)
    │   └── MigrationError          the schema cannot be brought up to date
    ├── RulesError                  keyword rule files are invalid (every problem as file:line: message)
    ├── HeadError                   the learned churn-risk model (its head file or embedder) cannot be used;
    │                               the message names the file and `assistant model train`
    ├── SearchError                 a search query cannot be run
    ├── ClipError                   a clip cannot be made or exported
    ├── AlertError                  an alert policy or delivery channel is invalid or failed
    │   └── DeliveryError           one delivery attempt failed (retryable or not, says which)
    ├── AuthError                   sign-in failed: unknown user, wrong password, bad or expired token
    │   ├── AccessDeniedError       signed in, but the role may not do this (a rep editing rules)
    │   └── TooManyAttemptsError    too many failed sign-ins; the message says when to try again
    └── JobError                    the job queue cannot be used (no PostgreSQL, schema out of date, no job)
        └── JobFailedError          a job's work failed for a reason retrying now will not fix (vanished file)
"""

from __future__ import annotations


class AssistantError(Exception):
    """Something the assistant cannot do; the message says what and how to fix it."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (self.__doc__ or self.__class__.__name__).strip())


class ConfigError(AssistantError):
    """A setting or the config file is invalid."""


class InputError(AssistantError):
    """A file given to the assistant cannot be used."""


class AudioDecodeError(InputError):
    """The file is not audio that FFmpeg can decode."""


class SilentAudioError(InputError):
    """The recording holds no speech."""


class TranscriptFormatError(InputError):
    """The transcript file does not parse."""


class MetadataError(InputError):
    """Call metadata is invalid."""


class OutputError(AssistantError):
    """An output file cannot be written where the user asked."""


class ModelError(AssistantError):
    """The Whisper model cannot be used."""


class DiarizationError(ModelError):
    """Speaker diarization cannot run (engine not installed, or it failed on this audio)."""


class VoiceprintError(ModelError):
    """A rep voiceprint is corrupt or was made by another speaker-embedding model."""


class ModelNotInstalledError(ModelError):
    """The Whisper model is not installed."""


class ModelCorruptError(ModelError):
    """The Whisper model files are corrupt."""


class StorageError(AssistantError):
    """The database cannot do what was asked."""


class HeadError(AssistantError):
    """The learned churn-risk model cannot be used (run `assistant model train`)."""


class NotFoundError(StorageError):
    """No such record."""


class MediaMissingError(NotFoundError):
    """A recording or clip file is not where the database says (moved, deleted, or not mounted here)."""


class MigrationError(StorageError):
    """The database schema cannot be brought up to date."""


class RulesError(AssistantError):
    """The keyword rule files are invalid."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class SearchError(AssistantError):
    """The search query cannot be run."""


class ClipError(AssistantError):
    """The clip cannot be made or exported."""


class AlertError(AssistantError):
    """An alert policy or delivery channel is invalid or failed."""


class DeliveryError(AlertError):
    """An alert could not be delivered.

    ``retry``: "retry" (receiver down, 5xx, timeout, garbage: try again later), "config" (bad password,
    missing secret: kept pending until the setting is fixed) or "never" (the receiver refused it for good).
    ``problem`` is what failed and how to fix the channel; ``then`` what happens to a stored alert ("will
    retry", the command that sends it once fixed), left out when a made-up test alert failed.
    """

    def __init__(self, problem: str, *, retry: str = "retry", then: str = "") -> None:
        self.retry, self.problem, self.then = retry, problem, then
        super().__init__(f"{problem}; {then}" if then else problem)


class AuthError(AssistantError):
    """Wrong user name or password, or an unknown or expired token."""


class AccessDeniedError(AuthError):
    """Your role may not do this; ask an admin."""


class TooManyAttemptsError(AuthError):
    """Too many failed sign-ins; wait before trying again."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class JobError(AssistantError):
    """The job queue cannot do what was asked."""


class JobFailedError(JobError):
    """A job failed for a reason a retry right away will not fix; `assistant jobs retry ID` once it is fixed."""
