"""Measure executive detection against a labelled corpus of mini-calls (``tests/analysis/eval_exec``).

Each corpus file holds one language's calls: utterances as ``"speaker[/role]: text"`` lines and the
executives a careful listener would report (title, kind, name when said). A predicted executive is
right when a gold one on the same call has the same title and kind (each gold one matches once);
names are scored apart, over the matched pairs whose gold label has a name. Calls whose number is a
multiple of three are the held-out split: tune on the rest, look at those once, at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.analysis.executives.detect import default_executive_titles, find_executives
from assistant.analysis.executives.titles import ExecutiveTitles
from assistant.analysis.scoring import PrecisionRecall
from assistant.errors import InputError
from assistant.records import Executive, Transcript, Utterance

SPLITS = ("tune", "held")


@dataclass(frozen=True)
class GoldExecutive:
    title: str
    kind: str
    name: str | None = None


@dataclass(frozen=True)
class EvalCall:
    id: str
    language: str
    split: str  # "tune" | "held"
    transcript: Transcript
    gold: tuple[GoldExecutive, ...]


@dataclass
class Score(PrecisionRecall):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    names_right: int = 0
    names_total: int = 0

    @property
    def name_accuracy(self) -> float:
        return self.names_right / self.names_total if self.names_total else 1.0


@dataclass(frozen=True)
class CallResult:
    call: EvalCall
    predicted: tuple[Executive, ...]
    score: Score
    missed: tuple[GoldExecutive, ...]
    extra: tuple[Executive, ...]


# ---- loading ------------------------------------------------------------------------------------------


def load_corpus(folder: Path) -> list[EvalCall]:
    """Every ``*.yaml`` corpus file in a folder, in file order; InputError names the file and call."""
    calls: list[EvalCall] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lang = data.get("language")
        if not isinstance(lang, str) or not isinstance(data.get("calls"), list):
            raise InputError(f"{path}: expected 'language: xx' and a 'calls:' list at the top")
        calls += [_call(raw, lang, path) for raw in data["calls"]]
    return calls


def _call(raw: dict[str, Any], lang: str, path: Path) -> EvalCall:
    cid = str(raw.get("id", ""))
    number = re.search(r"\d+$", cid)
    if not number or not raw.get("lines"):
        raise InputError(f"{path}: call '{cid}' needs an id ending in a number and 'lines:'")
    utterances = tuple(_utterance(line, i, lang, f"{path}: {cid}") for i, line in enumerate(raw["lines"]))
    gold = tuple(_gold(g, f"{path}: {cid}") for g in raw.get("executives") or ())
    split = "held" if int(number.group()) % 3 == 0 else "tune"
    transcript = Transcript(utterances, lang, len(utterances) * 10.0, "vtt")
    return EvalCall(cid, lang, split, transcript, gold)


def _utterance(line: str, i: int, lang: str, where: str) -> Utterance:
    who, sep, text = str(line).partition(":")
    label, _, role = who.strip().partition("/")
    role = role or (label if label in ("rep", "customer") else "")
    if not sep or role not in ("rep", "customer"):
        raise InputError(f"{where}: line {i + 1} must read 'rep: ...', 'customer: ...' or 'Name/role: ...'")
    return Utterance(label, role, i * 10.0, i * 10.0 + 8.0, text.strip(), language=lang)  # type: ignore[arg-type]


def _gold(raw: dict[str, Any], where: str) -> GoldExecutive:
    if raw.get("kind") not in ("speaking", "mentioned") or not raw.get("title"):
        raise InputError(f"{where}: each executive needs 'title:' and 'kind: speaking|mentioned'")
    name = raw.get("name")
    return GoldExecutive(str(raw["title"]), str(raw["kind"]), str(name) if name else None)


# ---- scoring ------------------------------------------------------------------------------------------


def evaluate_call(call: EvalCall, titles: ExecutiveTitles | None = None) -> CallResult:
    predicted = find_executives(call.transcript, titles or default_executive_titles())
    unused = list(predicted)
    score, missed = Score(), []
    for gold in call.gold:
        match = next((p for p in unused if _same(p, gold)), None)
        if match is None:
            missed.append(gold)
            continue
        unused.remove(match)
        score.tp += 1
        if gold.name:
            score.names_total += 1
            score.names_right += _norm(match.name) == _norm(gold.name)
    score.fp, score.fn = len(unused), len(missed)
    return CallResult(call, predicted, score, tuple(missed), tuple(unused))


def _same(pred: Executive, gold: GoldExecutive) -> bool:
    return pred.kind == gold.kind and _norm(pred.title) == _norm(gold.title)


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def score_by_language(results: Iterable[CallResult]) -> dict[str, Score]:
    """Scores per language plus ``"all"``."""
    out: dict[str, Score] = {}
    for res in results:
        for key in (res.call.language, "all"):
            out.setdefault(key, Score()).add(res.score)
    return out
