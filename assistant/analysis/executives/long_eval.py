"""Measure executive detection on long multi-party calls: each person found, with a right title.

Two sources share one reference shape (see ``bench/exec_long/reference.yaml`` and
``tests/analysis/eval_exec_long/README.md``): written calls whose lines sit in the corpus file, and real
transcripts kept outside the repository, named by ``file:`` and read from a data folder in one of two
formats (``_READERS``: "Name: text" turns, Whisper segments without speakers joined into sentences, ASR
segments in seconds one per utterance, FactSet and Refinitiv PDF text, Motley Fool JSON, a parliament's
stenogram in Markdown, QMSum meetings, a public inquiry's hearing in reStructuredText).

Scoring is per person: a reported executive is right when its name is one the reference gives the
person (``same_person`` with the name or a spelling ``heard`` on the call) and its title is one of the
person's ``titles``. A nameless report is right only for a person labelled nameless (``name: ~``: one
specific executive spoken of only by title, "I was just talking to our CIO"); otherwise it, a wrong title
("CFO" reported as "CEO") or someone who is no executive is a false alarm. A person not reported with a
right title is a miss. ``optional`` people count neither way when reported right.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.analysis.executives.detect import find_executives
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


_SOURCES: dict[str | None, str] = {None: "real", "held": "held-out"} | {f"held{k}": f"held{k}" for k in range(2, 15)}


def load_real(reference: Path, data_dir: Path, held: frozenset[str] = frozenset()) -> list[LongCall]:
    """The calls of ``reference`` whose transcript files are found under ``data_dir``; InputError if none is.
    The later held-out sets (``split: held2`` ... ``held14``) are left out unless named in ``held``."""
    raw_calls = _yaml(reference).get("calls") or []
    calls = []
    for raw in raw_calls:
        path = data_dir / str(raw.get("file", ""))
        where = f"{reference}: {raw.get('id', '?')}"
        if raw.get("split") not in _SOURCES:
            raise InputError(f"{where}: split must be 'held' or 'held2' to 'held14' (or left out)")
        split = raw.get("split")
        asked = split in (None, "held") or split in held
        if not path.is_file() or not asked:
            continue
        lang = str(raw.get("language", "en"))
        reader = _READERS.get(str(raw.get("format")))
        if reader is None:
            raise InputError(f"{where}: format must be one of {', '.join(_READERS)}")
        source = _SOURCES[raw.get("split")]
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


_LABELLED = re.compile(r"^([A-Z][^:\n]{0,60}):\s+(\S.*)$")
_SEGMENT = re.compile(r"^\[(\d+):(\d+(?:\.\d+)?)\s*-\s*(\d+):(\d+(?:\.\d+)?)\]\s*(.*)$")


def read_labelled(text: str, lang: str) -> tuple[Utterance, ...]:
    """ "Name: text" turns (a transcript service's export); headings and blank lines are skipped."""
    out: list[Utterance] = []
    for line in text.splitlines():
        m = _LABELLED.match(line.strip())
        if m and not line.startswith(("#", "**")):
            t = len(out) * 30.0
            out.append(Utterance(m.group(1).strip(), "unknown", t, t + 28.0, m.group(2).strip(), language=lang))
    return tuple(out)


def read_whisper(text: str, lang: str) -> tuple[Utterance, ...]:
    """Whisper segments joined into sentences, every line one unknown speaker (one shared channel)."""
    out: list[Utterance] = []
    parts: list[str] = []
    start = 0.0
    for line in text.splitlines():
        m = _SEGMENT.match(line.strip())
        if not m:
            continue
        if not parts:
            start = int(m.group(1)) * 60 + float(m.group(2))
        parts.append(m.group(5).strip())
        if parts[-1].endswith((".", "?", "!")):
            end = int(m.group(3)) * 60 + float(m.group(4))
            out.append(Utterance("speaker", "unknown", start, end, " ".join(parts), language=lang))
            parts = []
    return tuple(out)


_FURNITURE = re.compile(
    r"^(?:\S.*\([A-Z]{1,6}\)|Q\d \d{4} Earnings Call|Corrected Transcript|\d{2}-\w{3}-\d{4}|1-877-FACTSET.*"
    r"|\d+|Copyright.*|QUESTION AND ANSWER SECTION|MANAGEMENT DISCUSSION SECTION)$"
)
_DOTS = re.compile(r"^\.{10,}$")


def read_factset(text: str, lang: str) -> tuple[Utterance, ...]:
    """FactSet CallStreet transcripts as PDF text: speaker blocks between dotted lines, each a name and a
    title line (dropped: only what is said counts), or "Operator: ..."; page furniture, the participants
    list before the discussion and the legal notice after it are left out."""
    body = text.split("MANAGEMENT DISCUSSION SECTION", 1)[-1].split("\nDisclaimer", 1)[0]
    blocks: list[list[str]] = [[]]
    for line in (raw.strip() for raw in body.splitlines()):
        if _DOTS.match(line):
            blocks.append([])
        elif line and not _FURNITURE.match(line):
            blocks[-1].append(line)
    out: list[Utterance] = []
    for block in (b for b in blocks if b):
        speaker, said = ("Operator", block) if block[0].startswith("Operator:") else (block[0], block[2:])
        words = " ".join(said).removeprefix("Operator:").strip()
        if words:
            t = len(out) * 30.0
            out.append(Utterance(speaker, "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


_SPEAKER = re.compile(r"^([A-Z][\w.'’ -]{1,40}?) - [^-\n]{2,80} - [^\n]{2,120}$")
_STREET_FURNITURE = re.compile(
    r"^(?:\d+|.*(?:REFINITIV|LSEG) STREETEVENTS.*|©.*|.*Refinitiv and its affiliated companies.*"
    r"|[A-Z]+ \d{1,2}, \d{4} / .*Earnings Call|consent of .*)$"
)


def read_refinitiv(text: str, lang: str) -> tuple[Utterance, ...]:
    """Refinitiv / LSEG StreetEvents transcripts as PDF text: a speaker line ("Name - Company - Title", the
    title dropped: only what is said counts; a bare name from the participants list; "Operator") before
    the words said; page furniture and the disclaimer are left out."""
    head, _, body = text.partition("\nPRESENTATION\n")
    body = body.split("\nDISCLAIMER", 1)[0]
    bare = {ln.strip() for ln in head.split("CORPORATE PARTICIPANTS", 1)[-1].splitlines() if ln.strip()}
    turns: list[tuple[str, list[str]]] = []
    for line in (raw.strip() for raw in body.splitlines()):
        m = _SPEAKER.match(line)
        name, dash, org = line.partition(" - ")
        if m or line == "Operator" or line in bare or (dash and f"{name} {org}" in bare):
            turns.append((m.group(1).strip() if m else name, []))
        elif line and turns and not _STREET_FURNITURE.match(line):
            turns[-1][1].append(line)
    out: list[Utterance] = []
    for speaker, lines in turns:
        if words := " ".join(lines).strip():
            t = len(out) * 30.0
            out.append(Utterance(speaker, "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


def read_fool(text: str, lang: str) -> tuple[Utterance, ...]:
    """Motley Fool transcripts as JSON: "prepared_remarks" then "q_and_a", each a list of {speaker, speech};
    the "participants" list (names with titles) is left out: only what is said counts."""
    return _json_turns(text, lang, ("prepared_remarks", "q_and_a"), "speech")


def read_meeting(text: str, lang: str) -> tuple[Utterance, ...]:
    """QMSum meetings as JSON: a "meeting_transcripts" list of {speaker, content}; the queries and answers are
    left out."""
    return _json_turns(text, lang, ("meeting_transcripts",), "content")


def _json_turns(text: str, lang: str, lists: tuple[str, ...], said: str) -> tuple[Utterance, ...]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a JSON transcript ({exc})") from exc
    out: list[Utterance] = []
    for turn in [t for key in lists for t in data.get(key, ())]:
        words = " ".join(str(turn.get(said, "")).split())
        if words:
            t = len(out) * 30.0
            out.append(Utterance(str(turn.get("speaker", "")).strip(), "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


_SECONDS = re.compile(r"^\[(\d+(?:\.\d+)?)\s*-->\s*(\d+(?:\.\d+)?)\]\s*(.*)$")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


def read_segments(text: str, lang: str) -> tuple[Utterance, ...]:
    """ASR segments "[start --> end] text" (seconds), each one utterance of one unknown speaker (no
    diarization: one shared channel); the spaces an ASR word join leaves between Chinese characters
    ("陳 志 孝, 陳 副 總") are taken out."""
    out: list[Utterance] = []
    for line in text.splitlines():
        m = _SECONDS.match(line.strip())
        words = _CJK_GAP.sub("", m.group(3).strip()) if m else ""
        if m and words:
            start, end = float(m.group(1)), float(m.group(2))
            out.append(Utterance("speaker", "unknown", start, end, words, language=lang))
    return tuple(out)


_HEADING = re.compile(r"^#{4}\s+(\S.{0,150}?):\s*$")
_INTERJECTION = re.compile(r"^>\s*\*(\S.{0,150}?) interrupts:\*\s*(\S.*)$")


def read_stenogram(text: str, lang: str) -> tuple[Utterance, ...]:
    """A parliament's stenogram in Markdown: a "#### <label>:" heading (the label as the stenogram writes it,
    function and name: "Prezes Rady Ministrów Donald Tusk") before each speech, one utterance per paragraph;
    "> *<label> interrupts:* text" is a line of its own; other headings and rules ("---") are left out."""
    out: list[Utterance] = []
    speaker = ""
    for line in (raw.strip() for raw in text.splitlines()):
        if heading := _HEADING.match(line):
            speaker = heading.group(1).strip()
            continue
        aside = _INTERJECTION.match(line)
        if aside:
            who, words = aside.group(1).strip(), aside.group(2).strip()
        elif line.startswith(("#", "---", ">")) or not speaker:
            continue
        else:
            who, words = speaker, line
        if words:
            t = len(out) * 30.0
            out.append(Utterance(who, "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


_SPEAKER = re.compile(r"^\*\*([^*\n]{1,80})\*\*:\s*(.*)$")
_UNDERLINE = re.compile(r"^([=^~`'\"-])\1{2,}$")


def read_inquiry(text: str, lang: str) -> tuple[Utterance, ...]:
    """A public inquiry's hearing in reStructuredText (dracos/uk-covid19-inquiry): "**Label**: text" opens a turn,
    and the paragraphs after it, cut where the official PDF's lines end, go on it; titles (the line above a row of
    "=", "-" or "^"), stage directions in italics ("*(10.00 am)*", "*MR X (affirmed).*") and the text before the first
    speaker are left out."""
    turns: list[tuple[str, list[str]]] = []
    lines = [line.strip() for line in text.splitlines()]
    for k, line in enumerate(lines):
        heading = k + 1 < len(lines) and _UNDERLINE.match(lines[k + 1]) is not None
        if not line or heading or _UNDERLINE.match(line) or (line.startswith("*") and line.endswith("*")):
            continue
        if said := _SPEAKER.match(line):
            turns.append((said.group(1).strip(), [said.group(2)]))
        elif turns:
            turns[-1][1].append(line)
    out: list[Utterance] = []
    for who, parts in turns:
        if words := " ".join(" ".join(parts).split()):
            t = len(out) * 30.0
            out.append(Utterance(who, "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


_READERS = {
    "labelled": read_labelled,
    "stenogram": read_stenogram,
    "whisper": read_whisper,
    "segments": read_segments,
    "factset": read_factset,
    "refinitiv": read_refinitiv,
    "fool": read_fool,
    "meeting": read_meeting,
    "inquiry": read_inquiry,
}


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
