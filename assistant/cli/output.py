"""Rendering for the CLI edge: human tables by default, JSON for machines. No business logic here.

Data is never markup: a line with our own styling puts each data value through ``esc``; a line that is only
data prints with ``markup=False`` (or as a ``Text``); ``print_table`` cells and ``marked`` snippets are Texts."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from assistant.redact import mask_text
from assistant.services.views import to_jsonable

__all__ = ["console", "err_console", "esc", "fmt_time", "marked", "print_json", "print_table", "to_jsonable"]

# Markup on for our own styling ([bold], [dim] ...); emoji codes off so a ':fire:' in a transcript stays text.
# On a terminal Rich fits its width; piped or redirected output (scripts, CI logs) gets room enough that
# table cells are not wrapped into unreadable slivers. COLUMNS, when set, wins as usual.
_PIPED_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
# Terminal control characters in data (ESC sequences that retitle the window, clear the screen or forge output;
# C1 controls such as CSI U+009B; BEL, backspace, carriage return) never reach the terminal: ``clean`` drops them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_RAW = re.compile(r"[\x7f-\x9f\ud800-\udfff]")  # what json.dumps(ensure_ascii=False) leaves raw


def clean(text: str) -> str:
    """``text`` without terminal control characters (tab and newline stay); bytes that were not UTF-8 (a file
    name's, kept by Python as lone surrogates) are shown as ``\\udcff`` instead of failing the whole output."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub("", text)


class SafeConsole(Console):
    """A Rich console that strips control characters from every piece of text it renders, whatever the
    renderable (markup line, Text, table cell, progress bar); Rich's own styling codes are added after this."""

    def render(self, renderable: Any, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or (segment.text.isascii() and not _CONTROL.search(segment.text)):
                yield segment
            else:
                yield Segment(clean(segment.text), segment.style)


console = SafeConsole(emoji=False, width=_PIPED_WIDTH)
err_console = SafeConsole(stderr=True, soft_wrap=True, emoji=False)  # one error = one line, however long the path


# Where Rich's markup reader would change data: a tag-like "[x]", any other "[" (it may become tag-like next to
# what follows) and a run of backslashes before either or at the end (rich.markup.escape misses the last two).
_MARKUP_SPECIAL = re.compile(r"(\\*)(\[[a-z#/@][^[]*?\]|\[|\Z)")
_CUT = "[none][/none]"  # an empty no-op tag: backslashes before it stay literal (halved) and escape nothing after


def _escaped(m: re.Match[str]) -> str:
    backslashes, what = m.groups()
    if what.endswith("]"):  # a tag-like "[x]": double the backslashes, escape the tag
        return backslashes * 2 + "\\" + what
    kept = backslashes * 2 + _CUT if backslashes else ""
    return kept + ("\\[" if what else "")


def esc(value: object) -> str:
    """Data (transcript text, names, paths, messages) for a markup string, shown exactly as it is:
    "hello [laughter]" keeps "[laughter]", "[/]" cannot break the line, backslashes stay. None → ""."""
    return "" if value is None else _MARKUP_SPECIAL.sub(_escaped, str(value))


_LIBRARY_NOTE = re.compile(r"\s*\(Background on this error at: [^)]*\)")


def os_error(exc: OSError) -> str:
    """An operating-system error as 'path: reason' (both paths for a copy or rename)."""
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    return ": ".join([" → ".join(paths), exc.strerror or str(exc)] if paths else [exc.strerror or str(exc)])


def one_line(message: object) -> str:
    """An error message as one line, secrets masked: what every command prints on stderr when it fails."""
    text = _LIBRARY_NOTE.sub("", str(message))
    return mask_text(" ".join(part.strip() for part in text.splitlines() if part.strip()))


def marked(text: str, mark: tuple[str, str], style: str) -> Text:
    """``text`` with its ``mark[0]``…``mark[1]`` spans shown in ``style``: a Text, so never read as markup."""
    out, inside = Text(), False
    for part in re.split(f"({re.escape(mark[0])}|{re.escape(mark[1])})", text):
        if part in mark:
            inside = part == mark[0]
        elif part:
            out.append(part, style=style if inside else None)
    return out


def print_json(value: Any) -> None:
    """JSON on stdout; C1 controls, DEL and lone surrogates (which JSON may carry raw) are written as \\u
    escapes: the same data, safe for a terminal and valid UTF-8."""
    text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n")


def print_plain(text: str) -> None:
    """Data as it is (an exported transcript on stdout), without terminal control characters."""
    sys.stdout.write(clean(text))


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> None:
    """A table of data: cells and title are shown exactly as given (Rich would read them as markup)."""
    table = Table(title=None if title is None else Text(title), show_lines=False)
    for col in columns:
        table.add_column(Text(col))
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    console.print(table)


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
