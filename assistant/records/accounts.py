"""Plain, frozen dataclasses of accounts, churn analytics, signals and renewal briefs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

PeriodKind = Literal["month", "quarter", "year", "range"]


# ---- accounts (CRM) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    title: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class AccountRow:
    """One account as read from a CRM export (before it is stored)."""

    line: int  # line of the CSV file it came from
    name: str
    external_id: str | None = None
    owner: str | None = None
    customer_since: date | None = None
    renewal_date: date | None = None
    churned_on: date | None = None
    status: str | None = None  # normalised: active | churned | other values lower-cased
    arr: float | None = None
    mrr: float | None = None
    currency: str | None = None
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class ArrChange:
    on: date
    arr: float


@dataclass(frozen=True)
class AccountRecord:
    """A stored account with its CRM fields, contacts and ARR history (oldest first)."""

    id: int
    name: str
    external_id: str | None = None
    owner: str | None = None
    customer_since: date | None = None
    renewal_date: date | None = None
    churned_on: date | None = None
    status: str | None = None
    arr: float | None = None
    mrr: float | None = None
    currency: str | None = None
    contacts: tuple[Contact, ...] = ()
    arr_history: tuple[ArrChange, ...] = ()
    calls: int = 0


@dataclass(frozen=True)
class ImportProblem:
    line: int
    column: str | None
    message: str  # the full "file:line: column 'arr' value 'abc' is not an amount ..." text


@dataclass(frozen=True)
class ImportReport:
    path: str
    rows: int  # data rows read
    created: int
    updated: int
    unchanged: int
    errors: tuple[ImportProblem, ...] = ()  # rows left out
    warnings: tuple[ImportProblem, ...] = ()  # rows loaded, with a remark (unknown column ...)
    calls_linked: int = 0


# ---- churn analytics ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    """What churn maths needs of one customer: when it started, when it left, its ARR over time."""

    key: str
    since: date
    churned_on: date | None = None
    arr_history: tuple[ArrChange, ...] = ()  # oldest first; ARR from each date on


@dataclass(frozen=True)
class PeriodChurn:
    start: date  # first day of the period
    end: date  # first day after it
    kind: PeriodKind
    customers_at_start: int
    lost: int  # customers at start who left within the period
    won: int  # customers won inside the period (excluded from the churn rate)
    won_lost: int  # of those, how many left inside the period (excluded too)
    customers_at_end: int
    churn_rate: float | None  # lost / customers_at_start
    retention_rate: float | None  # 1 - churn_rate: customers at start still there at the end
    arr_at_start: float | None
    arr_lost: float
    expansion: float
    contraction: float
    revenue_churn: float | None  # arr_lost / arr_at_start (gross, logos that left)
    net_revenue_retention: float | None  # (start + expansion - contraction - lost) / start
    monthly_equivalent: float | None  # churn rate per month, compounded, for flagging
    flagged: bool  # monthly churn above the threshold (1 %)
    notes: tuple[str, ...] = ()  # why a figure is None, data left out ...


# ---- signals -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountSignals:
    """One account with a known ending: did it churn, which trackers fired, its risk scores."""

    name: str
    churned: bool
    rules: frozenset[str] = frozenset()  # trackers that fired (non-negated customer hits)
    categories: frozenset[str] = frozenset()
    risk_score: float | None = None  # max risk score over the account's calls
    call_scores: tuple[float, ...] = ()


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class SignalStat:
    kind: Literal["tracker", "category"]
    key: str
    fired: int  # accounts where it fired
    fired_churned: int
    not_fired: int
    not_fired_churned: int
    churn_when_fired: float | None
    churn_when_not: float | None
    fired_ci: Interval | None  # Wilson 95 % interval of churn_when_fired
    not_fired_ci: Interval | None
    lift: float | None  # risk ratio churn_when_fired / churn_when_not
    lift_ci: Interval | None  # Katz log interval, 95 %
    verdict: str
    conclusive: bool


@dataclass(frozen=True)
class AucResult:
    auc: float | None
    churned: int
    retained: int
    ci: Interval | None  # Hanley–McNeil 95 % interval
    verdict: str


@dataclass(frozen=True)
class SignalsReport:
    accounts: int
    churned: int
    retained: int
    stats: tuple[SignalStat, ...]
    account_auc: AucResult
    call_auc: AucResult
    verdict: str
    method: str  # how intervals were computed, in words


@dataclass(frozen=True)
class AccountActivity:
    """What the calls of one account showed: fired trackers and categories, risk scores per call."""

    account_id: int
    name: str
    rules: frozenset[str] = frozenset()  # non-negated, non-hypothetical customer hits
    categories: frozenset[str] = frozenset()
    call_scores: tuple[float, ...] = ()  # analysed calls, oldest first


# ---- renewal brief -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefCall:
    id: int
    title: str | None
    recorded_at: datetime | None
    language: str
    risk_score: float | None
    risk_level: str | None
    executive_present: bool = False


@dataclass(frozen=True)
class Quote:
    call_id: int
    start: float
    speaker: str
    text: str
    label: str  # rule name, or executive title
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class RiskGroup:
    category: str
    count: int  # customer hits of this category across the calls
    quotes: tuple[Quote, ...]  # newest first, a few


@dataclass(frozen=True)
class BriefWarning:
    kind: Literal[
        "renewal-past", "no-renewal-date", "no-calls", "single-threaded", "exec-not-met", "risk-rising", "quiet"
    ]
    message: str


@dataclass(frozen=True)
class ClipPick:
    clip_id: int
    call_id: int
    title: str
    account: str | None
    start: float
    end: float
    categories: tuple[str, ...]
    language: str
    outcome: str | None
    why: str


@dataclass(frozen=True)
class Brief:
    account: AccountRecord
    as_of: date
    days_to_renewal: int | None
    calls: tuple[BriefCall, ...]  # newest first
    risks: tuple[RiskGroup, ...]
    executives_met: tuple[Quote, ...]
    executives_mentioned: tuple[Quote, ...]
    warnings: tuple[BriefWarning, ...]
    clips: tuple[ClipPick, ...]
    notes: tuple[str, ...] = ()
    # mean conversation metrics over the account's calls (assistant.analysis.conversation.per_rep)
    conversation: dict[str, float | int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Renewal:
    account: str
    renewal_date: date
    days_left: int
    arr: float | None
    currency: str | None
    owner: str | None
    risk_score: float | None  # of the newest analysed call
    risk_level: str | None
    last_call: date | None
    calls: int
    warnings: tuple[str, ...]  # warning kinds from the brief
