"""The plain records of the alerts stage: policies, drafts written to the outbox, stored alerts.

policies (``Policy``) + an analysed call → ``AlertDraft`` (one per policy and channel, built before the
call is saved) → outbox row (``StoredAlert``) → delivery. No database, no network here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

ChannelKind = Literal["slack", "webhook", "email"]
CHANNEL_KINDS: tuple[str, ...] = ("slack", "webhook", "email")
AlertStatus = Literal["pending", "sent", "failed"]
LEVELS: tuple[str, ...] = ("low", "medium", "high")


@dataclass(frozen=True)
class ChannelSpec:
    kind: ChannelKind
    name: str  # unique within its policy; part of the outbox key
    url: str | None = None  # slack / webhook; None = the url from settings
    to: tuple[str, ...] = ()  # email recipients


@dataclass(frozen=True)
class Trigger:
    """What makes a call alert-worthy; with ``match: any`` one condition is enough, with ``all`` every one."""

    level: str | None = None  # risk level at least this
    score: float | None = None  # risk score at least this
    categories: tuple[str, ...] = ()  # a risk hit of one of these categories
    trackers: tuple[str, ...] = ()  # a hit of one of these rule ids
    executive_risk: bool = False  # an executive voiced a risk
    accounts: tuple[str, ...] = ()  # any call of these accounts
    match: Literal["any", "all"] = "any"


@dataclass(frozen=True)
class Filters:
    """Calls a policy looks at at all (every given filter must pass)."""

    accounts: tuple[str, ...] = ()
    min_arr: float | None = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    name: str
    trigger: Trigger
    channels: tuple[ChannelSpec, ...]
    filters: Filters = Filters()
    recipients: tuple[str, ...] = ()
    only_new_risks: bool = False
    top: int = 3  # how many risks the message quotes
    line: int = 0  # where it starts in the policies file


@dataclass(frozen=True)
class PolicySet:
    policies: tuple[Policy, ...] = ()
    source: Path | None = None
    version: str = ""  # sha256 of the file's text, "" when there is no file


@dataclass(frozen=True)
class RiskLine:
    category: str
    rule: str
    name: str
    speaker: str
    role: str
    start: float
    quote: str
    new: bool = False  # only-new-risks mode: not seen in the account's earlier calls


@dataclass(frozen=True)
class AlertMessage:
    """What every channel says about one call; the call id is filled in once the call is stored."""

    policy: str
    account: str | None
    title: str | None
    source: str
    language: str
    score: float
    level: str
    reasons: tuple[str, ...]
    risks: tuple[RiskLine, ...]
    executives: tuple[str, ...]
    recipients: tuple[str, ...] = ()
    arr: float | None = None
    call_id: int | None = None

    @property
    def open_command(self) -> str:
        return f"assistant calls show {self.call_id}" if self.call_id is not None else "assistant calls list"


@dataclass(frozen=True)
class AlertDraft:
    """One alert to write to the outbox in the transaction that stores the call."""

    policy: str
    channel: ChannelSpec
    message: AlertMessage


def idempotency_key(content_hash: str, policy: str) -> str:
    """The key receivers can dedupe on: the same call content and policy always give the same key."""
    return hashlib.sha256(f"{content_hash}{policy}".encode()).hexdigest()


@dataclass(frozen=True)
class StoredAlert:
    id: int
    call_id: int | None
    content_hash: str
    policy: str
    channel: ChannelSpec
    key: str
    message: AlertMessage
    status: AlertStatus
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime
    sent_at: datetime | None = None
    history: tuple[str, ...] = field(default=())  # one line per attempt, newest last
    leased_until: datetime | None = None  # an attempt is being sent until then (no outcome recorded yet)
