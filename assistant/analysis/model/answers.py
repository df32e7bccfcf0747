"""Short answers read with the rep's question before them (eleventh round, issue 10).

"No, we're staying." after "Are you thinking of leaving us?" reads like a refusal to renew, alone and with the
question (the model flagged it a cancellation in en/ru/pl, and "Nie, zostajemy." alone at p 0.61: its nearest
labelled lines are "Не будем.", "Nie, raczej nie."). A short answer that opens with a bare denial denies what the
question named (``turn.denied_question``: the rep's word for leaving, switching, cutting seats): the model leaves
those categories on it. "Will you renew?" "No." names no risk in the question, and stays the model's to read.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.analysis.turn import denied_question
from assistant.records import Utterance


def denied_answers(lines: Sequence[tuple[int, Utterance, str]], utterances: Sequence[Utterance]) -> dict[int, set[str]]:
    """Per customer line that answers the rep's question before it with a denial ("Are you thinking of leaving us?"
    "No, we're staying."), the categories the question named (``turn.denied_question``): the model leaves them."""
    out: dict[int, set[str]] = {}
    for index, utt, lang in lines:
        asked = utterances[index - 1] if 0 < index <= len(utterances) else None
        if utt.role != "rep" and asked is not None and asked.role == "rep":
            out[index] = denied_question(asked.text, utt.text, lang)
    return out
