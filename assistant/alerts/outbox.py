"""The outbox's logic between the pipeline and storage: which alerts a freshly analysed call gets.

The drafts are computed *before* the call is saved and handed to ``calls.save_call(..., alerts=...)``
(or ``save_analysis``), which writes them in the same transaction as the analysis; delivery runs after
the commit (``assistant.alerts.delivery``).
"""

from __future__ import annotations

from assistant.alerts.evaluate import evaluate
from assistant.records import Analysis, CallMetadata
from assistant.records.alerts import AlertDraft, PolicySet
from assistant.storage import outbox
from assistant.storage.db import Store


def draft_alerts(
    store: Store,
    policies: PolicySet,
    *,
    content_hash: str,
    metadata: CallMetadata,
    language: str,
    source: str,
    analysis: Analysis | None,
) -> tuple[AlertDraft, ...]:
    """The drafts of every policy the call triggers; only-new-risks policies compare with the account's
    other stored calls."""
    if analysis is None or not policies.policies:
        return ()
    seen: frozenset[str] = frozenset()
    if any(p.only_new_risks for p in policies.policies):
        seen = outbox.account_categories(store, account=metadata.account, exclude_hash=content_hash)
    return evaluate(
        policies, analysis=analysis, metadata=metadata, language=language, source=source, seen_categories=seen
    )
