"""Library clips worth hearing before a renewal: other accounts' moments with the same risk, same language.

Filled from the clip library (``assistant.storage.library``); a clip qualifies when a
customer hit of one of this account's open risk categories falls inside it, in a language this account
speaks. Clips from accounts that went on to renew or expand come first: they show what worked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.errors import NotFoundError
from assistant.records import CallDetail
from assistant.records.accounts import ClipPick, RiskGroup
from assistant.storage import calls as stored_calls
from assistant.storage.db import Store
from assistant.storage.library import list_clips
from assistant.storage.library_outcomes import current_outcomes

WON = ("renewed", "expanded")


def _matching(detail: CallDetail, clip: Any, categories: set[str], languages: set[str]) -> list[Any]:
    hits = detail.analysis.hits if detail.analysis else ()
    return [
        h
        for h in hits
        if h.category in categories
        and h.role == "customer"
        and not h.negated
        and h.start < clip.end
        and h.end > clip.start
        and (h.language or detail.summary.language) in languages
    ]


def _pick(clip: Any, detail: CallDetail, hits: list[Any], outcome: str | None) -> ClipPick:
    cats = tuple(sorted({h.category for h in hits}))
    why = f"{', '.join(cats)} in {hits[0].language}"
    why += f"; the account {outcome} afterwards" if outcome else ""
    return ClipPick(
        clip_id=clip.id,
        call_id=clip.call_id,
        title=clip.title,
        account=detail.summary.account,
        start=clip.start,
        end=clip.end,
        categories=cats,
        language=hits[0].language,
        outcome=outcome,
        why=why,
    )


def clips_worth_hearing(
    store: Store, details: Sequence[CallDetail], risks: Sequence[RiskGroup], *, limit: int = 5
) -> tuple[list[ClipPick], list[str]]:
    categories = {g.category for g in risks}
    languages = {d.summary.language for d in details} | {q.language for d in details for q in _hits(d)}
    own = {d.summary.id for d in details}
    if not categories:
        return [], []
    outcomes = {k: v.status for k, v in current_outcomes(store).items()}
    picks: list[ClipPick] = []
    cache: dict[int, CallDetail | None] = {}
    for clip in list_clips(store, limit=100_000):
        if clip.call_id is None or clip.call_id in own:
            continue
        if clip.call_id not in cache:
            cache[clip.call_id] = _get(store, clip.call_id)
        detail = cache[clip.call_id]
        hits = _matching(detail, clip, categories, languages) if detail else []
        if hits and detail:
            picks.append(_pick(clip, detail, hits, outcomes.get(clip.call_id)))
    picks.sort(key=lambda p: (p.outcome not in WON, -len(p.categories), p.clip_id))
    return picks[:limit], []


def _hits(detail: CallDetail) -> tuple[Any, ...]:
    return detail.analysis.hits if detail.analysis else ()


def _get(store: Store, call_id: int) -> CallDetail | None:
    try:
        return stored_calls.get_call(store, call_id=call_id)
    except NotFoundError:
        return None
