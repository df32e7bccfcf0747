"""Measure executive detection on long multi-party calls: each person found, with a right title.

Two sources share one reference shape (see ``bench/exec_long/reference.yaml`` and
``tests/analysis/eval_exec_long/README.md``): written calls whose lines sit in the corpus file, and real
transcripts kept outside the repository, named by ``file:`` and read from a data folder by the reader of their
``format:`` (``long_formats.READERS``).

Scoring is per person: a reported executive is right when its name is one the reference gives the
person (``same_person`` with the name or a spelling ``heard`` on the call) and its title is one of the
person's ``titles``. A nameless report is right only for a person labelled nameless (``name: ~``: one
specific executive spoken of only by title, "I was just talking to our CIO"); otherwise it, a wrong title
("CFO" reported as "CEO") or someone who is no executive is a false alarm. A person not reported with a
right title is a miss. ``optional`` people count neither way when reported right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.analysis.executives.detect import find_executives
from assistant.analysis.executives.long_formats import READERS
from assistant.analysis.executives.spelling import same_person
from assistant.analysis.executives.titles import ExecutiveTitles
from assistant.analysis.scoring import PrecisionRecall
from assistant.errors import InputError
from assistant.records import Executive, Transcript, Utterance


@dataclass(frozen=True)
class Person:
    name: str | None  # None: a person spoken of only by title ("I was just talking to our CIO")
    titles: tuple[str, ...]
    kind: str
    heard: tuple[str, ...] = ()
    optional: bool = False

    def named(self, name: str | None) -> bool:
        if self.name is None:
            return name is None
        return any(same_person(name, n) for n in (self.name, *self.heard))

    def titled(self, title: str) -> bool:
        return title.casefold() in {t.casefold() for t in self.titles}


@dataclass(frozen=True)
class LongCall:
    id: str
    language: str
    source: str  # "written" | "real"
    transcript: Transcript
    people: tuple[Person, ...]


@dataclass
class LongScore(PrecisionRecall):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    kind_right: int = 0


@dataclass(frozen=True)
class LongResult:
    call: LongCall
    predicted: tuple[Executive, ...]
    score: LongScore
    missed: tuple[Person, ...] = ()
    extra: tuple[tuple[Executive, str], ...] = field(default=())  # (report, why it is wrong)


# ---- loading ------------------------------------------------------------------------------------------


def load_written(folder: Path) -> list[LongCall]:
    """Every ``*.yaml`` file of written long calls in a folder (lines inline)."""
    calls: list[LongCall] = []
    for path in sorted(folder.glob("*.yaml")):
        data = _yaml(path)
        lang = data.get("language")
        if not isinstance(lang, str) or not isinstance(data.get("calls"), list):
            raise InputError(f"{path}: expected 'language: xx' and a 'calls:' list at the top")
        for raw in data["calls"]:
            where = f"{path}: {raw.get('id', '?')}"
            utts = tuple(_line(str(line), i, lang, where) for i, line in enumerate(raw.get("lines") or ()))
            if not utts:
                raise InputError(f"{where}: a call needs 'lines:'")
            calls.append(_call(raw, lang, "written", utts, where))
    return calls


_LATER_HELD = re.compile(r"held([2-9]|[1-9][0-9]+)")


def _source(split: object, where: str) -> str:
    """The set a call's ``split:`` puts it in: none "real", "held" "held-out", "held<N>" (N >= 2) itself."""
    if split is None:
        return "real"
    if split == "held":
        return "held-out"
    if isinstance(split, str) and _LATER_HELD.fullmatch(split):
        return split
    raise InputError(f"{where}: split must be 'held' or 'held<N>' with N >= 2, as 'held16' (or left out)")


def held_sets(spec: str, reference: Path) -> frozenset[str]:
    """The later held-out sets named by ``spec``: "all" (every ``held<N>`` split in ``reference``), or numbers and
    ranges joined by commas ("2-15", "13,15", "16"). InputError naming the part that is neither."""
    if spec.strip() == "all":
        splits = {raw.get("split") for raw in _yaml(reference).get("calls") or []}
        return frozenset(s for s in splits if isinstance(s, str) and _LATER_HELD.fullmatch(s))
    sets: set[str] = set()
    for part in spec.split(","):
        bounds = re.fullmatch(r"\s*([0-9]+)\s*(?:-\s*([0-9]+)\s*)?", part)
        if bounds is None or int(bounds[1]) < 2 or int(bounds[2] or bounds[1]) < int(bounds[1]):
            raise InputError(f"--held {spec}: {part.strip()!r} is no set number or range (all, 2-16, 13,15)")
        sets.update(f"held{k}" for k in range(int(bounds[1]), int(bounds[2] or bounds[1]) + 1))
    return frozenset(sets)


def load_real(reference: Path, data_dir: Path, held: frozenset[str] = frozenset()) -> list[LongCall]:
    """The calls of ``reference`` whose transcript files are found under ``data_dir``; InputError if none is.
    The later held-out sets (``split: held2``, ``held3`` ...) are left out unless named in ``held``."""
    raw_calls = _yaml(reference).get("calls") or []
    calls = []
    for raw in raw_calls:
        path = data_dir / str(raw.get("file", ""))
        where = f"{reference}: {raw.get('id', '?')}"
        source = _source(raw.get("split"), where)
        asked = source in ("real", "held-out") or source in held
        if not path.is_file() or not asked:
            continue
        lang = str(raw.get("language", "en"))
        reader = READERS.get(str(raw.get("format")))
        if reader is None:
            raise InputError(f"{where}: format must be one of {', '.join(READERS)}")
        calls.append(_call(raw, lang, source, reader(path.read_text(encoding="utf-8"), lang), where))
    if raw_calls and not calls:
        raise InputError(f"{data_dir}: none of the transcripts named in {reference} is there (see its header)")
    return calls


def _yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping at the top")
    return data


def _call(raw: dict[str, Any], lang: str, source: str, utts: tuple[Utterance, ...], where: str) -> LongCall:
    people = tuple(_person(p, where) for p in raw.get("executives") or ())
    transcript = Transcript(utts, lang, utts[-1].end if utts else 0.0, "vtt")
    return LongCall(str(raw.get("id")), lang, source, transcript, people)


def _person(raw: dict[str, Any], where: str) -> Person:
    titles = raw.get("titles")
    if "name" not in raw or not isinstance(titles, list) or not titles:
        raise InputError(f"{where}: each executive needs 'name:' (~ for a nameless one) and a 'titles:' list")
    if raw.get("kind") not in ("speaking", "mentioned"):
        raise InputError(f"{where}: {raw['name']}: 'kind' must be speaking or mentioned")
    heard = tuple(str(h) for h in raw.get("heard") or ())
    name = None if raw["name"] is None else str(raw["name"])
    return Person(name, tuple(str(t) for t in titles), str(raw["kind"]), heard, bool(raw.get("optional")))


def _line(line: str, i: int, lang: str, where: str) -> Utterance:
    who, sep, text = line.partition(":")
    label, _, role = who.strip().partition("/")
    role = role or (label if label in ("rep", "customer") else "unknown")
    if not sep or role not in ("rep", "customer", "unknown"):
        raise InputError(f"{where}: line {i + 1} must read 'rep: ...', 'customer: ...' or 'Name/role: ...'")
    return Utterance(label, role, i * 10.0, i * 10.0 + 8.0, text.strip(), language=lang)  # type: ignore[arg-type]


# ---- scoring ------------------------------------------------------------------------------------------


def evaluate_long(call: LongCall, titles: ExecutiveTitles | None = None) -> LongResult:
    predicted = find_executives(call.transcript, titles)
    score, extra = LongScore(), []
    found: set[int] = set()
    for ex in predicted:
        k = next((i for i, p in enumerate(call.people) if p.named(ex.name) and p.titled(ex.title)), None)
        if k is None:
            extra.append((ex, _why_wrong(ex, call.people)))
        elif k not in found:
            found.add(k)
            person = call.people[k]
            score.tp += 0 if person.optional else 1
            score.kind_right += 0 if person.optional else int(ex.kind == person.kind)
    missed = tuple(p for i, p in enumerate(call.people) if i not in found and not p.optional)
    score.fp, score.fn = len(extra), len(missed)
    return LongResult(call, predicted, score, missed, tuple(extra))


def _why_wrong(ex: Executive, people: tuple[Person, ...]) -> str:
    if not ex.name:
        return "no name"
    person = next((p for p in people if p.named(ex.name)), None)
    return f"wrong title (want {'/'.join(person.titles)})" if person else "not an executive of the reference"


def score_long(results: list[LongResult]) -> dict[str, LongScore]:
    """Scores per "<source> <language>", per source and ``"all"``."""
    out: dict[str, LongScore] = {}
    for res in results:
        for key in (f"{res.call.source} {res.call.language}", res.call.source, "all"):
            out.setdefault(key, LongScore()).add(res.score)
    return out
