"""One labelled line the churn-risk head learned from (its own module: the head and its file both read it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """One labelled line the head learned from."""

    text: str
    language: str
    labels: tuple[str, ...]  # () = not a risk
    source: str = ""  # "eval/en.yaml:12", "verdict:41"
    trap: str = ""  # for a line that is no risk: the kind of look-alike it is ("own_metrics", "logistics" ...)
    context: tuple[str, ...] = ()  # the turns said just before it, oldest first (the last one or two count)
    group: str = ""  # lines of one contrast pair share it ("eval_heldout3:a1"): cross-validation keeps them together
    rep: bool = False  # the rep's line (``kind: rep``): training only (the learned follow-up reads customer lines)
