"""One labelled line the churn-risk head learned from (its own module: the head and its file both read it), and the
corpus files such lines are read from (``load_examples``; the trainer re-exports it).

A corpus file is YAML: ``language: en`` and ``items:``, each ``{kind, labels, text}`` (the format of
``tests/analysis/eval/``; optional ``trap``, ``ctx``, ``pair`` / ``call``). A bad item is an ``InputError`` naming the
file and item.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from assistant.errors import InputError

CATEGORIES = (
    "price", "budget", "competitor", "cancellation", "downgrade", "adoption",
    "complexity", "support", "champion", "payment", "dissatisfaction",
)  # fmt: skip
# look-alikes of a risk that are none, each a column of the head trained from the corpora's ``trap:`` labels: a line
# the model finds much more like one of these than like any risk has its rule hits dismissed (classify.py)
QUIET = ("own_metrics", "third_party", "logistics", "word_sense")
TRAPS = {"": "", "metrics": "own_metrics", "third_party": "third_party", "logistics": "logistics",
         "word_sense": "word_sense", "context": ""}  # fmt: skip
# finer kinds of no-risk line a corpus may name in ``distractor:`` (eval_heldout9b; eval_heldout10a's ``smalltalk``)
# beside or instead of ``trap:``: those with a look-alike column map to it (as ``TRAPS``), the others teach "no risk"
# with no look-alike column
# eval_heldout13a's polite hedge with no risk behind it and routine procurement step on a renewal going ahead: no column
DISTRACTORS = {**TRAPS, "denial": "", "hypothetical": "", "praise": "", "resolved": "", "topic": "", "smalltalk": "",
               "hedge": "", "procurement": ""}  # fmt: skip
# where a real line was taken from, as eval_heldout11b names it in ``distractor:`` (a buyer's review, a parliament's
# record, written prose, an encyclopedia): a source genre, not a kind of look-alike; the line's ``trap:`` (if any)
# gives its column, the genre none
GENRES = {"review": "", "parliament": "", "written": "", "encyclopedia": ""}
COLUMNS = CATEGORIES + QUIET
LANGUAGES = ("en", "it", "ru", "pl", "zh")
KINDS = ("pos", "hyp", "neg", "rep", "sense", "ok")


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


def writer(example: Example) -> str:
    """Who wrote the line, as far as the corpora say: its folder (``eval_heldout6``), and in ``model_train`` the
    batch its file name starts with (``s6a_en.yaml``: ``model_train/s6a``); a verdict: ``verdict``."""
    folder, _, name = example.source.split(":")[0].rpartition("/")
    if not folder:
        return example.source.split(":")[0]
    batch = name.split("_")[0] if "_" in name else "base"
    return f"{folder}/{batch}" if folder == "model_train" else folder


def writer_weights(examples: Sequence[Example], power: float) -> np.ndarray | None:
    """Each line's weight n_writer ** -``power`` in a fit, scaled to a mean of 1 (``training.WRITERS``); None when 0:
    every line 1."""
    if power <= 0 or not examples:
        return None
    names = [writer(e) for e in examples]
    counts = Counter(names)
    w = np.array([counts[n] ** -power for n in names], dtype=np.float64)
    return w * (len(w) / w.sum())


def load_examples(folders: Iterable[Path]) -> list[Example]:
    """Every labelled item of every ``*.yaml`` in ``folders`` (README files and other suffixes skipped)."""
    examples: list[Example] = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.yaml")):
            examples.extend(_load_file(path))
    return examples


# libyaml's parser where PyYAML has it (the same items as the pure-Python one, ~5x faster: ``assistant model info``
# reads every corpus to compare its digest with the head's)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_file(path: Path) -> list[Example]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the corpus file ({exc})") from exc
    lang = data.get("language") if isinstance(data, dict) else None
    if lang not in LANGUAGES or not isinstance(data.get("items"), list):
        raise InputError(f"{path}: expected 'language:' (one of {', '.join(LANGUAGES)}) and an 'items:' list")
    return [_example(path, str(lang), n, raw) for n, raw in enumerate(data["items"], 1)]


def _example(path: Path, lang: str, number: int, raw: object) -> Example:
    where = f"{path}: item {number}"
    if not isinstance(raw, dict) or not str(raw.get("text", "")).strip():
        raise InputError(f"{where}: an item is a mapping with a non-empty 'text'")
    kind, labels = raw.get("kind"), tuple(str(x) for x in raw.get("labels") or ())
    if kind not in KINDS:
        raise InputError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    unknown = [x for x in labels if x not in CATEGORIES]
    if unknown:
        raise InputError(f"{where}: unknown categories {unknown}; use {', '.join(CATEGORIES)}")
    trap = _trap(raw, where)
    risk = labels if kind in ("pos", "hyp") else ()
    source = f"{path.parent.name}/{path.name}:{number}"
    group = _group(path, raw)
    context = _context(raw.get("ctx"), where)
    return Example(str(raw["text"]), lang, risk, source, "" if risk else trap, context, group, kind == "rep")


def _trap(raw: dict, where: str) -> str:
    """The look-alike column of a line: its ``trap:``, else its finer ``distractor:`` kind, mapped ("" = none; a
    source genre (``GENRES``): none)."""
    trap, distractor = str(raw.get("trap") or ""), str(raw.get("distractor") or "")
    if trap not in TRAPS:
        raise InputError(f"{where}: trap {trap!r} is not one of {', '.join(t for t in TRAPS if t)}")
    known = {**DISTRACTORS, **GENRES}
    if distractor not in known:
        raise InputError(f"{where}: distractor {distractor!r} is not one of {', '.join(t for t in known if t)}")
    return TRAPS[trap] or known[distractor]


def _group(path: Path, raw: dict) -> str:
    """Lines cross-validation keeps in one fold: a contrast pair (``pair``), or a whole call (``call``: its lines
    are each other's context)."""
    key = raw.get("pair") or raw.get("call")
    return f"{path.parent.name}:{key}" if key else ""


def _context(raw: object, where: str) -> tuple[str, ...]:
    """``ctx``: the turn before as a string, or a list of turns (strings or ``[role, text]``), oldest first; an
    empty list: the call's first turn."""
    if raw is None or raw == []:
        return ()
    turns = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
    texts = [t if isinstance(t, str) else _turn_text(t) for t in turns or [None]]
    if not all(isinstance(t, str) and t.strip() for t in texts):
        raise InputError(f"{where}: 'ctx' is a turn's text or a list of turns ([role, text], oldest first)")
    return tuple(str(t) for t in texts)


def _turn_text(turn: object) -> str | None:
    ok = isinstance(turn, list) and len(turn) == 2 and turn[0] in ("rep", "customer") and isinstance(turn[1], str)
    return str(turn[1]) if ok else None  # type: ignore[index]
