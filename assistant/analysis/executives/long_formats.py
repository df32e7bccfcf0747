"""Readers of the real long transcripts' formats that ``long_eval.load_real`` scores (``READERS``, by the ``format:``
of reference.yaml): "Name: text" turns, Whisper segments without speakers joined into sentences, ASR segments in
seconds one per utterance, FactSet and Refinitiv PDF text, Motley Fool JSON, a parliament's stenogram in Markdown,
QMSum meetings, a public inquiry's hearing in reStructuredText, a transcript page of kremlin.ru in HTML, a court
reporter's transcript of a New York State Senate hearing, a spoken corpus's linear transcription (KIParla). Each returns
the utterances said, in order; what is no one's speech (page furniture, titles of speaker lines, stage directions) is
left out."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

from assistant.errors import InputError
from assistant.records import Utterance

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


_STREET_SPEAKER = re.compile(r"^([A-Z][\w.'’ -]{1,40}?) - [^-\n]{2,80} - [^\n]{2,120}$")
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
        m = _STREET_SPEAKER.match(line)
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


_INQUIRY_SPEAKER = re.compile(r"^\*\*([^*\n]{1,80})\*\*:\s*(.*)$")
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
        if said := _INQUIRY_SPEAKER.match(line):
            turns.append((said.group(1).strip(), [said.group(2)]))
        elif turns:
            turns[-1][1].append(line)
    out: list[Utterance] = []
    for who, parts in turns:
        if words := " ".join(" ".join(parts).split()):
            t = len(out) * 30.0
            out.append(Utterance(who, "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


_ARTICLE = re.compile(r'itemprop="articleBody"(.*?)(?:read__bottom|$)', re.S)
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_BOLD_LABEL = re.compile(r"^\s*<b>(.*?)</b>\s*(.*)$", re.S)
_TOOLTIP = re.compile(r'<span class="read__tooltip')
_SPAN_TAG = re.compile(r"<(/?)span\b[^>]*>")


def read_kremlin(text: str, lang: str) -> tuple[Utterance, ...]:
    """A transcript page of the Russian President's website (kremlin.ru, en.kremlin.ru) as HTML: in the article body a
    paragraph opening with "<b>Label:</b>" starts a turn ("President of Russia Vladimir Putin:", "Russian Railways CEO
    Vladimir Yakunin:" -- the label as the site writes it) and the paragraphs after it go on it; the press service's
    summary before the first speaker, "* * *" and the pop-up cards of people named in a label are left out."""
    body = _ARTICLE.search(text)
    turns: list[tuple[str, list[str]]] = []
    for raw in _PARAGRAPH.findall(_without_cards(body.group(1) if body else "")):
        bold = _BOLD_LABEL.match(raw)
        label, said = (_plain(bold.group(1)), _plain(bold.group(2))) if bold else ("", _plain(raw))
        if label.endswith(":") or (label and said.startswith(":")):
            turns.append((label.rstrip(": "), [said.lstrip(": ")]))
        elif turns and said and said != "* * *":
            turns[-1][1].append(said)
    out: list[Utterance] = []
    for who, parts in turns:
        if words := " ".join(p for p in parts if p):
            t = len(out) * 30.0
            out.append(Utterance(who, "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


def _without_cards(part: str) -> str:
    """The HTML without the pop-up card (a nested ``<span class="read__tooltip ...">``) after a person's name."""
    while card := _TOOLTIP.search(part):
        depth, end = 0, len(part)
        for tag in _SPAN_TAG.finditer(part, card.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        part = part[: card.start()] + part[end:]
    return part


def _plain(part: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())


_LINE_NUMBER = re.compile(r"^\d{1,2}(?:\s+|$)")
_CAPS_LABEL = re.compile(r"^((?:[A-Z][\w.'’-]*,?\s+){0,5}[A-Z][\w.'’-]*[A-Z.]):(?:\s+(.*))?$")
_FRONT_MATTER = frozenset({"PRESENT", "PRESIDING", "SPEAKERS", "LIST OF SPEAKERS"})


def read_nysenate(text: str, lang: str) -> tuple[Utterance, ...]:
    """A court reporter's transcript of a New York State Senate public hearing (nysenate/OpenLegislation): pages cut
    by form feeds, numbered lines, a running page header, and turns opened by a label in capitals ("CHAIRWOMAN
    KRUEGER:", "SUNY CFO McLOUGHLIN:", "FRANK SCIREMAMMANO, JR.:"). Page numbers, line numbers, the page header (the
    lines that open half the pages or more), the cover and the lists of those present and of the speakers are left
    out: only what is said counts."""
    turns: list[tuple[str, list[str]]] = []
    for line in _hearing_lines(text):
        label = _CAPS_LABEL.match(line)
        if label and _in_capitals(label.group(1)):
            turns.append((label.group(1).rstrip(","), [label.group(2) or ""]))
        elif turns:
            turns[-1][1].append(line)
    out: list[Utterance] = []
    for who, parts in turns:
        if who not in _FRONT_MATTER and (words := " ".join(" ".join(parts).split())):
            t = len(out) * 30.0
            out.append(Utterance(who, "unknown", t, t + 28.0, words, language=lang))
    return tuple(out)


def _hearing_lines(text: str) -> list[str]:
    """The transcript's lines without page numbers, line numbers and the running page header."""
    pages = []
    for page in text.split("\f"):
        said = (raw.strip() for raw in page.splitlines() if not raw.strip().isdigit())  # page numbers, bare numbers
        lines = (_LINE_NUMBER.sub("", line, count=1) for line in said)
        pages.append([line for line in lines if line])
    openings = Counter(line for page in pages for line in page[:3])
    header = {line for line, n in openings.items() if n >= max(2, len(pages) // 2)}
    return [line for page in pages for line in page if line not in header]


def _in_capitals(label: str) -> bool:
    """ "SENATOR LaVALLE", "SUNY CFO McLOUGHLIN" are speaker labels; "Thank you, Senator" is speech."""
    letters = [c for c in label if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and capitals >= 0.7 * len(letters)


def read_kiparla(text: str, lang: str) -> tuple[Utterance, ...]:
    """A conversation of the KIParla corpus (KIParla/KIP ``linear-orthographic/``): one transcription unit a line,
    "<speaker code><TAB><words>", in the order said; a speaker's consecutive units make one turn, labelled with the
    anonymised code ("BO156"); a line with no tab or no words is no one's speech."""
    turns: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        who, tab, words = line.partition("\t")
        if not tab or not words.strip():
            continue
        if turns and turns[-1][0] == who.strip():
            turns[-1][1].append(words.strip())
        else:
            turns.append((who.strip(), [words.strip()]))
    return tuple(
        Utterance(who, "unknown", k * 30.0, k * 30.0 + 28.0, " ".join(parts), language=lang)
        for k, (who, parts) in enumerate(turns)
    )


READERS = {
    "labelled": read_labelled,
    "stenogram": read_stenogram,
    "whisper": read_whisper,
    "segments": read_segments,
    "factset": read_factset,
    "refinitiv": read_refinitiv,
    "fool": read_fool,
    "meeting": read_meeting,
    "inquiry": read_inquiry,
    "kremlin": read_kremlin,
    "nysenate": read_nysenate,
    "kiparla": read_kiparla,
}
