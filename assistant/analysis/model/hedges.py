"""Rule hits on denials and speculation the model reads as no risk (twelfth round, issue 10).

"No. The dealership has no plans to reduce or cancel the subscription." or "Может быть. Если тендер выиграем." trip
a rule ("cancel … subscription", "тендер") while the customer denies or speculates. The head's ``veto`` dismisses a
rule hit only where every risk column reads under it (chosen by cross-validation to cost none of the rules' true hits:
0.01 in the eleventh-round head), which such lines rarely meet. ``Head.hedge_veto`` is a second, higher level for
**hedged** lines only: a customer line (or a long turn's sentence) that opens with a bare denial
(``turn.opens_with_denial``: "No", "Нет", "Nie", "不" ...) or speculates (``conditional.mood``: "maybe",
"forse", "может", "if we ever ..."), and whose every risk column reads under ``hedge_veto`` both with the turns before
and alone, has its rule hits dismissed ("no risk in it").

Leave-one-corpus-out on eval_heldout11a/11b/10a/10b, each scored by a head that never saw it (docs/benchmarks.md,
twelfth round), with the follow-up floor (``hits.FOLLOW_FLOOR``): mean precision 0.665 -> 0.675, no-risk lines
flagged 15.4 % -> 14.4 %, recall 0.632 -> 0.629 (two real Italian app reviews of eval_heldout10b lost: "E potrebbe
diventare ECCELLENTE. MA NON RIESCO A CAPIRE ...", "... non è stata mai gestita ..., sono costretto a disinstallarla":
``mood`` reads "potrebbe" and "mai" as speculation). At 0.20 eval_heldout11a lost a polite complaint opening with a
hedge ("Forse, se posso dirlo, ...") for no more false alarms removed.
"""

from __future__ import annotations

from assistant.analysis.conditional import mood
from assistant.analysis.turn import opens_with_denial

# the ``hedge_veto`` ``assistant model train`` writes into a head (0: off). Kept here, not in training.py, whose bytes
# key the cached fits (``fit_cache.py``)
HEDGE_VETO = 0.15


def hedged(text: str, lang: str) -> bool:
    """Whether a customer line opens with a bare denial or speculates (``conditional.mood``)."""
    return opens_with_denial(text, lang) or mood(text, lang) == "speculation"
