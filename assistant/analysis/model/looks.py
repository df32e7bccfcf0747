"""Lines the model takes for a look-alike of a risk or for no risk at all, and the rule hits on them dismissed
(see ``classify.py``'s docstring: look-alike columns, the confident look-alike at ``dismiss``, the ``veto``, and the
``hedge_veto`` of denials and speculation, ``hedges.py``)."""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from assistant.analysis.model import hedges, sentences
from assistant.analysis.model.head import Head
from assistant.analysis.model.reading import ChurnModel, Reading
from assistant.analysis.risk import DISMISSED
from assistant.records import Hit, Utterance

if TYPE_CHECKING:
    from assistant.analysis.ruleset import RuleSet


def look_alikes(
    lines: Sequence[tuple[int, Utterance, str]], rows: np.ndarray, model: ChurnModel, before: np.ndarray | None = None,
    *, reading: Reading | None = None, ruled: Container[int] | None = None,
) -> dict[int, str]:  # fmt: skip
    """Customer lines the model takes for a look-alike of a risk: utterance index → why (column, probability, the
    nearest labelled look-alike). ``before``: ``turns_before`` of each line (None: each line alone); ``reading``:
    the lines' probabilities already read (then ``before`` is not used). The veto ("no risk in it") needs both
    readings below it: the line with the turns before, and the line alone (the context reader is trained on far
    fewer lines and must not, on its own, silence a rule's hit). ``ruled``: the lines (their index) with a rule hit
    that counts, the only ones the hedge veto is read on (it dismisses rule hits, and ``hedges.hedged`` costs a
    tokenisation); None: every line."""
    head, found = model.head, {}
    reading = reading or model.read(rows, before)
    probs, alone = reading.probs, reading.alone
    for row, (index, utt, lang) in enumerate(lines):
        col = look_alike(head, probs[row], alone[row])
        top = max(top_risk(head, probs[row]), top_risk(head, alone[row]))
        if utt.role == "rep":
            continue
        if col is not None:
            like = head.nearest(rows[row], k=1, category=head.categories[col])
            quote = f", like \u201c{like[0][0].text}\u201d" if like else ""
            found[index] = f"{DISMISSED}: looks like {head.categories[col]} (p={probs[row, col]:.2f}{quote})"
        elif top < head.veto:
            found[index] = f"{DISMISSED}: no risk in it (every category p<{head.veto:g}, highest {top:.2f})"
        elif top < head.hedge_veto and (ruled is None or index in ruled) and hedges.hedged(utt.text, lang):
            found[index] = f"{DISMISSED}: no risk in a denial or speculation (every category p<{head.hedge_veto:g})"
    return found


def top_risk(head: Head, probs: np.ndarray) -> float:
    return max((float(probs[c]) for c in range(len(probs)) if head.is_risk(c)), default=0.0)


# A manager's rule hit is silenced by a look-alike only where the model finds the look-alike more likely than not:
# the eighth-round head's CV-chosen level (0.40) dismissed "we are going to cancel the contract, it's too expensive"
# as another word sense at p=0.44 (tests/cli/test_rules.py::test_test_json_names).
DISMISS_AT_LEAST = 0.5
# ... and only where the look-alike column beats every risk column by this much in both readings: the twelfth-round
# head read "Honestly we are going to cancel the contract, it's too expensive." as third_party at p 0.72 (its
# threshold 0.60), just above its risk columns, and silenced both rule hits. ``assistant model train`` writes it into
# a head (``Head.look_margin``; a head file without it reads 0: the look-alike only has to be above). Kept here, not
# in training.py, whose bytes key the cached fits.
LOOK_MARGIN = 0.25


def look_alike(head: Head, probs: np.ndarray, alone: np.ndarray | None = None) -> int | None:
    """The look-alike column that wins on this line: at its threshold and above every risk column (given the line
    read ``alone`` too, above every risk column there as well: the context reader alone never makes a look-alike of
    "We're cancelling the contract and moving to HubSpot"); or, given ``alone``, at the head's ``dismiss`` and above
    every risk column in both readings (the level at least ``DISMISS_AT_LEAST``). "Above" is by the head's
    ``look_margin`` at least."""
    risk, margin = top_risk(head, probs), head.look_margin
    quiet = [c for c in range(len(probs)) if not head.is_risk(c) and probs[c] >= head.threshold_of(c) > 0]
    best = max(quiet, key=lambda c: probs[c], default=None)
    clear = best is not None and probs[best] > risk + margin
    if clear and (alone is None or alone[best] > top_risk(head, alone) + margin):
        return best
    if alone is None or head.dismiss <= 0:
        return None
    both = np.minimum(probs, alone)
    level = max(head.dismiss, DISMISS_AT_LEAST)
    sure = [c for c in range(len(both)) if not head.is_risk(c) and both[c] >= level]
    best = max(sure, key=lambda c: both[c], default=None)
    wins = best is not None and both[best] > max(top_risk(head, probs), top_risk(head, alone)) + margin
    return best if wins else None


def dismiss(
    hits: Sequence[Hit], looks: dict[int, str], ruleset: RuleSet, parts: dict[int, list[tuple[str, str]]] | None = None
) -> list[Hit]:
    """Rule hits on look-alike lines marked negated with the model's reason (trackers with ``model: false`` and
    model hits untouched); on a turn read sentence by sentence (``parts``: its sentences and why each is a
    look-alike), a rule hit by the sentence that holds it."""
    allowed = {r.id for r in ruleset.rules if r.model}
    out = []
    for h in hits:
        i = h.utterance_index
        why = sentences.reason_for(h, parts[i]) if parts and i in parts else looks.get(i, "")
        if why and h.rule in allowed and not h.negated and h.role != "rep":
            h = replace(h, negated=True, evidence=f"{h.evidence}; {why}".lstrip("; "))
        out.append(h)
    return out
