"""Executive contacts on a call: who, with what title, and whether they were on the call.

    find_executives(transcript, titles) -> tuple[records.Executive, ...]
    executive_turns(transcript, executives) -> {utterance index: the executive whose line it is}
    load_executive_titles(path) -> ExecutiveTitles      keyword_rules/executives.yaml, validated

Modules, bottom up: ``cues`` (word tables per language), ``lang`` (tokens, match keys, name forms; the
lemmatisers come from ``analysis.nlp``), ``titles`` (the titles file), ``match`` (titles in a sentence),
``match_zh`` (the same for Chinese), ``presence`` (said to be on the call), ``context`` (the words around a
title), ``senses`` (a title word that is no one's seat there), ``names`` (which words are a name), ``names_linked``
(names next to a title), ``names_self`` (who is heard: labels, self-introductions), ``answers`` (seats named or
confirmed by the next turn), ``spelling`` (misheard spellings of one name), ``merge`` (one entry per person),
``detect`` (the whole call; its docstring lists the heuristics), ``eval`` (the labelled corpus).
"""

from __future__ import annotations

from assistant.analysis.executives.detect import (
    default_executive_titles,
    executive_turns,
    find_executives,
    scan_executives,
)
from assistant.analysis.executives.titles import ExecutiveTitles, load_executive_titles

__all__ = [
    "ExecutiveTitles", "default_executive_titles", "executive_turns", "find_executives", "load_executive_titles",
    "scan_executives",
]  # fmt: skip
