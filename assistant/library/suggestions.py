"""Suggested clips: moments worth curating that no clip covers yet, each with the reason.

- **risk-handled**: the customer raised a churn risk (a rule hit with positive weight, not negated nor
  hypothetical) and the rep answered, in a call whose account then renewed or expanded.
- **executive-renewal**: an executive spoke in a call whose account then renewed or expanded.

Outcomes count per call: the call's own newest outcome, else its account's newest (see
``assistant.storage.library_outcomes.current_outcomes``).
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.library.clips import ClipInfo, create_clip, excerpt, fmt_time, snap
from assistant.records import CallDetail, Executive, Hit
from assistant.records.library import WON_STATUSES, Clip, Outcome, Suggestion
from assistant.settings import Settings
from assistant.storage import calls as stored
from assistant.storage import library as lib
from assistant.storage.db import Store
from assistant.storage.library_outcomes import current_outcomes

PADDING = 0.5


def _won(outcome: Outcome) -> str:
    when = f" on {outcome.on.isoformat()}" if outcome.on else ""
    return f"{outcome.account} then {outcome.status}{when}"


def _is_risk(hit: Hit) -> bool:
    return hit.role == "customer" and hit.weight > 0 and not hit.negated and not hit.hypothetical


def _risk_handled(call: CallDetail, outcome: Outcome) -> Iterator[Suggestion]:
    utterances = call.transcript.utterances
    seen: set[int] = set()
    for hit in call.analysis.hits if call.analysis else ():
        i = hit.utterance_index
        if not _is_risk(hit) or i in seen or not 0 <= i < len(utterances):
            continue
        answer = next((u for u in utterances[i + 1 : i + 4] if u.role == "rep"), None)
        if answer is None:
            continue
        seen.add(i)
        start, end = snap(utterances, utterances[i].start, answer.end, PADDING, call.summary.duration)
        why = (
            f"the customer raised '{hit.name}' ({hit.category}: \"{hit.matched}\") at {fmt_time(hit.start)}, "
            f"{answer.speaker} answered at {fmt_time(answer.start)}, and {_won(outcome)}"
        )
        title = f"{hit.name} handled ({outcome.account})"
        yield Suggestion("risk-handled", call.summary.id, outcome.account, start, end, title, why, "")


def _speaking(call: CallDetail) -> list[Executive]:
    executives = call.analysis.executives if call.analysis else ()
    first: dict[str, Executive] = {}
    for e in executives:
        if e.kind == "speaking":
            first.setdefault(f"{e.title}/{e.name}", e)
    return list(first.values())


def _executive_renewal(call: CallDetail, outcome: Outcome) -> Iterator[Suggestion]:
    for e in _speaking(call):
        end = e.end if e.end > e.start else e.start + 0.1
        start, end = snap(call.transcript.utterances, e.start, end, PADDING, call.summary.duration)
        who = f"{e.title} {e.name}" if e.name else e.title
        why = f"{who} ({e.role}) spoke at {fmt_time(e.start)} in this call, and {_won(outcome)}"
        title = f"{who} in the room ({outcome.account})"
        yield Suggestion("executive-renewal", call.summary.id, outcome.account, start, end, title, why, "")


def _covered(s: Suggestion, clips: list[Clip]) -> bool:
    """A clip of the same call already holds at least half of the suggested span."""
    half = (s.end - s.start) / 2
    return any(c.call_id == s.call_id and min(c.end, s.end) - max(c.start, s.start) >= half for c in clips)


def suggest(store: Store, *, limit: int = 50) -> list[Suggestion]:
    """Uncurated moments from calls whose account renewed or expanded, best evidence first."""
    clips = lib.list_clips(store, limit=1_000_000)
    found: list[Suggestion] = []
    for call_id, outcome in sorted(current_outcomes(store).items()):
        if outcome.status not in WON_STATUSES:
            continue
        call = stored.get_call(store, call_id=call_id)
        for s in (*_risk_handled(call, outcome), *_executive_renewal(call, outcome)):
            if not _covered(s, clips):
                text = excerpt(call.transcript.utterances, s.start, s.end)
                found.append(Suggestion(s.kind, s.call_id, s.account, s.start, s.end, s.title, s.why, text))
    found.sort(key=lambda s: (s.kind != "risk-handled", s.call_id, s.start))
    return found[:limit]


def accept(store: Store, settings: Settings, suggestion: Suggestion, *, text_only: bool = False, **info: str) -> Clip:
    """Turn a suggestion into a clip (the reason goes in its notes)."""
    clip_info = ClipInfo(
        title=info.get("title") or suggestion.title,
        tags=(suggestion.kind,),
        notes=suggestion.why,
        author=info.get("author"),
    )
    return create_clip(
        store,
        settings,
        call_id=suggestion.call_id,
        start=suggestion.start,
        end=suggestion.end,
        info=clip_info,
        text_only=text_only,
        origin="suggestion",
    )
