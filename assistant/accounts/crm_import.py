"""Read a CRM export (CSV) into ``AccountRow`` records, with a per-row problem report.

Headers are matched case- and punctuation-insensitively against the aliases below (Salesforce, HubSpot,
Pipedrive, Zoho exports); ``docs/accounts.md`` lists them. A bad cell leaves its row out and says
``file:line: column 'ARR' value 'abc' is not an amount ...``; the good rows still load. Unknown columns
are reported once (with the closest accepted name) and ignored. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import process

from assistant.errors import InputError
from assistant.records.accounts import AccountRow, Contact, ImportProblem

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "account name", "account", "company", "company name", "organization", "customer", "customer name"),
    "external_id": ("id", "account id", "record id", "company id", "crm id", "external id", "salesforce id"),
    "owner": ("owner", "account owner", "company owner", "owner rep", "rep", "csm", "account manager", "owner name"),
    "customer_since": ("customer since", "became a customer date", "start date", "contract start date", "close date"),
    "renewal_date": ("renewal date", "next renewal date", "renewal", "contract end date", "contract end", "end date"),
    "churned_on": ("churn date", "churned on", "churned date", "date churned", "cancellation date", "lost date"),
    "arr": ("arr", "annual recurring revenue", "annual contract value", "acv", "contract value", "amount"),
    "mrr": ("mrr", "monthly recurring revenue"),
    "currency": ("currency", "currency code", "account currency", "currencyisocode"),
    "status": ("status", "stage", "account status", "customer status", "lifecycle stage", "type"),
    "contacts": ("contacts",),
    "contact_name": ("contact", "contact name", "primary contact", "main contact"),
    "contact_title": ("contact title", "title", "job title"),
    "contact_email": ("contact email", "email"),
}
CHURNED = {"churned", "cancelled", "canceled", "lost", "closed lost", "former customer", "terminated", "inactive"}
ACTIVE = {"active", "customer", "closed won", "renewed", "live", "current customer"}
MAX_CELL = 10_000  # characters in one cell of a column we read (a name, a date, a contacts list)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
READER_LIMIT = 16 * 1024 * 1024  # the CSV reader's own limit, so cells of ignored columns may be long
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y")


def header_key(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower().replace("_", " ")).split())


ALIASES: dict[str, str] = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}


# ---- cell parsers: each returns the value or raises ValueError("is not ...") --------------------------


def parse_amount(raw: str) -> float:
    text = re.sub(r"[\s$€£¥]|USD|EUR|GBP|CHF", "", raw, flags=re.IGNORECASE)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text):  # European 95.000,50
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", text):
        text = text.replace(",", "")
    else:
        raise ValueError("is not an amount (write it like 120000, 120,000.00 or $120,000)")
    return float(text)


def parse_date(raw: str, *, day_first: bool = False) -> date:
    text = raw.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ].*", text):
        text = text[:10]
    slash = "%d/%m/%Y" if day_first else "%m/%d/%Y"
    for fmt in (*_DATE_FORMATS, slash):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    order = "DD/MM/YYYY" if day_first else "MM/DD/YYYY"
    raise ValueError(f"is not a date (use YYYY-MM-DD, {order} or 'Mar 1, 2026')")


def parse_status(raw: str) -> str:
    text = " ".join(raw.lower().replace("-", " ").replace("_", " ").split())
    if text in CHURNED:
        return "churned"
    return "active" if text in ACTIVE else text


def _contact(part: str) -> Contact:
    email = re.search(r"<([^<>@\s]+@[^<>\s]+)>", part)
    rest = part.replace(email.group(0), "") if email else part
    title = re.search(r"\(([^()]*)\)", rest)
    if title:
        name, job = rest.replace(title.group(0), ""), title.group(1)
    else:
        parts = re.split(r"\s[-–]\s", rest, maxsplit=1)
        name, job = parts[0], parts[1] if len(parts) > 1 else ""
    if not name.strip() or re.search(r"[<>()]", name):
        raise ValueError("is not a contact list (write 'Jane Doe (CFO) <jane@acme.com>; Tom Lee - IT Director')")
    return Contact(" ".join(name.split()), " ".join(job.split()) or None, email.group(1) if email else None)


def parse_contacts(raw: str) -> tuple[Contact, ...]:
    return tuple(_contact(part) for part in re.split(r"[;\n|]", raw) if part.strip())


@dataclass
class _Cells:
    """The parsed cells of one row, and what was wrong with the others."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass
class ParsedFile:
    rows: list[AccountRow]
    errors: list[ImportProblem]
    warnings: list[ImportProblem]
    total: int


# ---- reading ------------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; give the CSV file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (export the CSV as UTF-8 from your CRM)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _open_rows(path: Path) -> Iterator[tuple[int, list[str] | ImportProblem]]:
    """(first line, cells) per record; a record the CSV reader cannot read (an unbalanced quote, a cell over
    the reader's limit, a NUL byte) is a problem naming its line, and reading goes on with the next line, so
    an unbalanced quote never swallows the rows after it."""
    lines = list(io.StringIO(_read_text(path), newline=""))
    delimiter = max(",;\t", key=lines[0].count) if lines else ","
    csv.field_size_limit(max(csv.field_size_limit(), READER_LIMIT))
    start = 0
    while start < len(lines):
        reader = csv.reader(itertools.islice(lines, start, None), delimiter=delimiter, strict=True)
        line = start + 1
        try:
            for cells in reader:
                yield line, cells
                line = start + reader.line_num + 1
            return
        except csv.Error as exc:
            yield line, ImportProblem(line, None, f"{path}:{line}: {_reader_problem(exc, start + reader.line_num)}")
            start = line  # the record's first line is left out; the next line starts afresh


def _reader_problem(exc: csv.Error, last: int) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a cell is longer than {READER_LIMIT:,} characters; the row is left out"
    if "NUL" in text:  # Python before 3.11
        return "the row contains a NUL byte (not a text CSV?); the row is left out"
    reach = "the end of the file" if "end of data" in text else f"line {last}"
    return (
        f'a quoted cell opened in this row is not closed properly before {reach} (an unbalanced " quote); '
        "the row is left out and reading goes on with the next line"
    )


def map_headers(path: Path, headers: list[str]) -> tuple[dict[int, str], list[ImportProblem]]:
    """Column index → field name; unknown columns become warnings naming the closest accepted header."""
    mapping: dict[int, str] = {}
    warnings = []
    for i, header in enumerate(headers):
        key = header_key(header)
        if key in ALIASES and ALIASES[key] not in mapping.values():
            mapping[i] = ALIASES[key]
            continue
        if not key:
            continue
        close = process.extractOne(key, list(ALIASES), score_cutoff=80)
        hint = f" (did you mean '{close[0]}'?)" if close else " (see docs/accounts.md for accepted columns)"
        why = "duplicate column" if key in ALIASES else "unknown column"
        warnings.append(ImportProblem(1, header, f"{path}:1: {why} '{header}' ignored{hint}"))
    if "name" not in mapping.values():
        accepted = ", ".join(f"'{a}'" for a in COLUMNS["name"])
        raise InputError(f"{path}:1: no account name column (one of {accepted}); found {', '.join(headers)}")
    return mapping, warnings


def _parser(name: str, day_first: bool) -> Callable[[str], Any]:
    if name in ("arr", "mrr"):
        return parse_amount
    if name in ("customer_since", "renewal_date", "churned_on"):
        return lambda raw: parse_date(raw, day_first=day_first)
    if name == "status":
        return parse_status
    if name == "contacts":
        return parse_contacts
    return str.strip


def _cells(
    path: Path, line: int, cells: list[str], headers: list[str], mapping: dict[int, str], day_first: bool
) -> _Cells:
    out = _Cells()
    for i, name in mapping.items():
        raw = cells[i].strip() if i < len(cells) else ""
        if not raw:
            continue
        try:
            out.values[name] = _parser(name, day_first)(_fits(name, raw))
        except ValueError as exc:
            where = f"{path}:{line}: column '{_shown(headers[i])}' value '{_shown(raw)}'"
            out.problems.append(ImportProblem(line, headers[i], f"{where} {exc}"))
    return out


def _fits(name: str, raw: str) -> str:
    """``raw`` if it is a plausible cell of column ``name``; ValueError otherwise."""
    if len(raw) > MAX_CELL:
        raise ValueError(f"is {len(raw):,} characters long (the most is {MAX_CELL:,}; an unbalanced quote?)")
    if name != "contacts" and ("\n" in raw or "\r" in raw):
        raise ValueError("runs over several lines (an unbalanced quote in this row?)")
    if _CONTROL.search(raw):
        raise ValueError("contains control characters (a NUL byte or similar: is this a text CSV?)")
    return raw


def _shown(text: str, most: int = 60) -> str:
    """A cell as it goes into a one-line message: newlines as spaces, cut to ``most`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= most else f"{one[: most - 1]}…"


def _row(path: Path, line: int, values: dict[str, Any]) -> AccountRow:
    if not values.get("name"):
        raise ValueError(f"{path}:{line}: no account name: fill in the name column or delete the row")
    contacts = list(values.pop("contacts", ()))
    person = values.pop("contact_name", None)
    title, email = values.pop("contact_title", None), values.pop("contact_email", None)
    if person:
        contacts.append(Contact(person, title, email))
    if values.get("churned_on") and not values.get("status"):
        values["status"] = "churned"
    if values.get("currency"):
        values["currency"] = values["currency"].upper()
    return AccountRow(line=line, contacts=tuple(contacts), **values)


def _checks(path: Path, row: AccountRow) -> list[str]:
    problems = []
    for column in ("arr", "mrr"):
        if (getattr(row, column) or 0) < 0:
            problems.append(f"{path}:{row.line}: column '{column}' is negative ({getattr(row, column)})")
    if row.churned_on and row.customer_since and row.churned_on < row.customer_since:
        problems.append(f"{path}:{row.line}: churn date {row.churned_on} is before customer since {row.customer_since}")
    return problems


def parse_crm_csv(path: Path, *, day_first: bool = False) -> ParsedFile:
    """Every good row as an AccountRow (duplicates merged), every bad one as a problem; never raises for a row."""
    rows_iter = _open_rows(path)
    first = next(rows_iter, None)
    if first is None:
        raise InputError(f"{path}: empty file (expected a header line with an account name column)")
    if isinstance(first[1], ImportProblem):
        raise InputError(f"{first[1].message} (in the header line)")
    headers = first[1]
    mapping, warnings = map_headers(path, headers)
    parsed = ParsedFile([], [], warnings, 0)
    for line, cells in rows_iter:
        if isinstance(cells, ImportProblem):
            parsed.total += 1
            parsed.errors.append(cells)
        elif any(c.strip() for c in cells):
            parsed.total += 1
            _add_row(parsed, path, line, _cells(path, line, cells, headers, mapping, day_first))
    parsed.rows = _merge(path, parsed.rows, parsed.errors)
    return parsed


def _add_row(parsed: ParsedFile, path: Path, line: int, cells: _Cells) -> None:
    if cells.problems:
        parsed.errors.extend(cells.problems)
        return
    try:
        row = _row(path, line, cells.values)
    except ValueError as exc:
        parsed.errors.append(ImportProblem(line, "name", str(exc)))
        return
    if problems := _checks(path, row):
        parsed.errors.extend(ImportProblem(line, None, p) for p in problems)
        return
    if row.status == "churned" and row.churned_on is None:
        msg = f"{path}:{line}: status churned but no churn date: churn analytics leave it out until one is given"
        parsed.warnings.append(ImportProblem(line, "churned_on", msg))
    parsed.rows.append(row)


def _merge(path: Path, rows: list[AccountRow], errors: list[ImportProblem]) -> list[AccountRow]:
    """Rows of the same account (same name, same or no id) become one; a name with two ids is an error."""
    by_name: dict[str, AccountRow] = {}
    by_id: dict[str, AccountRow] = {}
    for row in rows:
        seen = by_name.get(row.name.lower())
        other = by_id.get(row.external_id) if row.external_id else None
        if message := _conflict(path, row, seen, other):
            errors.append(ImportProblem(row.line, "external_id" if seen else "name", message))
            continue
        merged = _combine(seen, row) if seen else row
        by_name[row.name.lower()] = merged
        if merged.external_id:
            by_id[merged.external_id] = merged
    return list(by_name.values())


def _conflict(path: Path, row: AccountRow, seen: AccountRow | None, other: AccountRow | None) -> str | None:
    if seen and row.external_id and seen.external_id and seen.external_id != row.external_id:
        return (
            f"{path}:{row.line}: account '{row.name}' appears on line {seen.line} with id '{seen.external_id}' and "
            f"here with id '{row.external_id}': two CRM records share a name; rename one or merge them in the CRM"
        )
    if other and other.name.lower() != row.name.lower():
        return f"{path}:{row.line}: id '{row.external_id}' is '{other.name}' on line {other.line} but '{row.name}' here"
    return None


def _combine(old: AccountRow, new: AccountRow) -> AccountRow:
    filled = {k: v for k, v in new.__dict__.items() if v not in (None, ()) and k not in ("line", "contacts")}
    names = {c.name.lower() for c in new.contacts}
    contacts = tuple(c for c in old.contacts if c.name.lower() not in names) + new.contacts
    return replace(old, contacts=contacts, **filled)
