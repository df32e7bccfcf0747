"""A time budget per utterance, so one pathological line cannot stall the analysis of a batch.

The matchers check ``budget.check()`` between stages and inside their loops; when the budget is spent
``OverBudget`` unwinds to ``analysis.find_hits``, which skips that utterance with a warning naming it and
goes on with the rest. Rule files are bounded when they load (``cost.py``), so each step between two
checks is short.
"""

from __future__ import annotations

import time

UTTERANCE_SECONDS = 5.0  # a normal utterance takes a few milliseconds (docs/benchmarks.md: ~20,000 words/s)


class OverBudget(Exception):  # a signal inside the analysis, never shown to users
    """The utterance's time budget is spent."""


class Budget:
    """Seconds allowed for one utterance, counted from ``start()``."""

    def __init__(self, seconds: float = UTTERANCE_SECONDS) -> None:
        self.seconds = seconds
        self._deadline = time.monotonic() + seconds

    def start(self) -> Budget:
        self._deadline = time.monotonic() + self.seconds
        return self

    def check(self) -> None:
        if time.monotonic() > self._deadline:
            raise OverBudget


UNLIMITED = Budget(float("inf"))
