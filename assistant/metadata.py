"""Call metadata (account, rep, dates, ARR, title, language) from CLI options or a sidecar file.

Sidecar conventions, for a call file ``calls/acme-q3.flac``:

- ``calls/acme-q3.meta.json``: an object with any of the keys account, rep, recorded_at (or date),
  renewal_date, arr, title, language (aliases as for the CSV below; unknown keys are an error).
- ``calls/calls.csv``: one row per call, a ``file`` column naming the call file (its name, or its path
  relative to the CSV's folder) plus the same columns. Header names are case-insensitive and may use
  aliases ("customer"/"company" for account, "owner"/"rep_name" for rep, "ARR"/"annual_value" for arr);
  columns the assistant does not know are ignored unless they look like a misspelt known one.

When both exist the JSON sidecar wins field by field over the CSV row, and options given on the command
line win over both (``metadata_for``). Every problem is a ``MetadataError`` naming the file, the CSV line
or JSON key, and the bad value.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.errors import MetadataError
from assistant.records import CallMetadata

SIDECAR_SUFFIX = ".meta.json"
FOLDER_CSV = "calls.csv"
FIELDS = tuple(f.name for f in fields(CallMetadata))
_FILE_COLUMNS = ("file", "filename", "file_name", "path", "recording")
ALIASES: dict[str, str] = {
    **{name: name for name in FIELDS},
    "customer": "account", "company": "account", "account_name": "account", "client": "account",
    "owner": "rep", "rep_name": "rep", "account_owner": "rep", "sales_rep": "rep",
    "date": "recorded_at", "call_date": "recorded_at", "recorded": "recorded_at",
    "renewal": "renewal_date", "renews_on": "renewal_date", "renewal_on": "renewal_date",
    "annual_value": "arr", "annual_revenue": "arr", "contract_value": "arr",
    "name": "title", "subject": "title", "lang": "language",
    "voices": "speakers", "num_speakers": "speakers", "participants": "speakers",
}  # fmt: skip
_MULTIPLIERS = {"": 1.0, "k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_AMOUNT = re.compile(r"^(?P<number>\d[\d,.]*)(?P<unit>k|m|mm|b|bn)?$")
_CURRENCY = re.compile(r"^(usd|eur|gbp|chf|pln|rub|cny|rmb)|(usd|eur|gbp|chf|pln|rub|cny|rmb)$|[$€£¥₽\s_']")


def is_sidecar(path: Path) -> bool:
    """True for metadata files (``*.meta.json``, ``calls.csv``) that folder ingestion must skip."""
    name = path.name.lower()
    return name.endswith(SIDECAR_SUFFIX) or name == FOLDER_CSV


def sidecar_path(call_path: Path) -> Path:
    """``calls/acme-q3.flac`` → ``calls/acme-q3.meta.json``."""
    return call_path.with_suffix(SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> CallMetadata | None:
    """The metadata a call file's sidecars give (its .meta.json over its calls.csv row), or None.

    ``path`` is the call file; a ``.meta.json`` path is read as the sidecar itself."""
    if path.name.lower().endswith(SIDECAR_SUFFIX):
        return read_meta_json(path)
    json_path, csv_path = sidecar_path(path), path.parent / FOLDER_CSV
    from_csv = read_calls_csv(csv_path).get(path.name) if csv_path.is_file() else None
    from_json = read_meta_json(json_path) if json_path.is_file() else None
    if from_json is None or from_csv is None:
        return from_json or from_csv
    return merge(from_json, from_csv)


def metadata_for(call_path: Path, options: CallMetadata) -> CallMetadata:
    """The call's sidecar metadata with every field given in ``options`` (not None) taking precedence."""
    return merge(options, read_sidecar(call_path) or CallMetadata())


def merge(strong: CallMetadata, weak: CallMetadata) -> CallMetadata:
    """Field by field: ``strong``'s value where it has one, else ``weak``'s."""
    return replace(weak, **{k: getattr(strong, k) for k in FIELDS if getattr(strong, k) is not None})


# ---- JSON sidecars --------------------------------------------------------------------------------


def read_meta_json(path: Path) -> CallMetadata:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise MetadataError(f"{path}: cannot read metadata ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise MetadataError(f"{path}: not UTF-8 text; save the file as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise MetadataError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise MetadataError(f'{path}: expected a JSON object such as {{"account": "Acme", "arr": 120000}}')
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = _canonical(str(key), f"{path}: key", strict=True)
        if name is not None and value is not None:
            _set_once(values, name, value, f"{path}: key '{key}'")
    return build_metadata(values, lambda name: f"{path}: {name}")


# ---- CSV sidecars ---------------------------------------------------------------------------------


def read_calls_csv(path: Path) -> dict[str, CallMetadata]:
    """Rows of a folder's calls.csv keyed by the call file's name (and relative path, when given)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise MetadataError(f"{path}: cannot read metadata ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise MetadataError(f"{path}: not UTF-8 text; save the file as UTF-8") from exc
    reader = csv.reader(text.splitlines(), _dialect(text))
    header = next(reader, None)
    if not header:
        raise MetadataError(f"{path}:1: empty file; the first line names the columns (file, account, ...)")
    columns = _csv_columns(header, path)
    rows: dict[str, CallMetadata] = {}
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        _add_row(rows, columns, cells, f"{path}:{reader.line_num}")
    return rows


def _dialect(text: str) -> type[csv.Dialect] | str:
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return "excel"


def _csv_columns(header: list[str], path: Path) -> list[str | None]:
    columns = [
        "file" if _norm(h) in _FILE_COLUMNS else _canonical(h, f"{path}:1: column", strict=False) for h in header
    ]
    if "file" not in columns:
        raise MetadataError(f"{path}:1: no 'file' column; add one naming each call file (e.g. acme-q3.flac)")
    return columns


def _add_row(rows: dict[str, CallMetadata], columns: list[str | None], cells: list[str], where: str) -> None:
    values: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=False):
        if column is not None and cell.strip():
            _set_once(values, column, cell.strip(), f"{where}: column {column}")
    file = str(values.pop("file", "")).strip()
    if not file:
        raise MetadataError(f"{where}: the 'file' cell is empty; name the call file this row describes")
    key = Path(file).as_posix()
    if key in rows:
        raise MetadataError(f"{where}: '{file}' is listed twice; keep one row per call")
    rows[key] = build_metadata(values, lambda name: f"{where}: {name}")
    rows.setdefault(Path(file).name, rows[key])


# ---- values ---------------------------------------------------------------------------------------


def _norm(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _canonical(name: str, where: str, strict: bool) -> str | None:
    """The CallMetadata field an alias names; unknown names are errors (strict) or ignored unless
    they look like a misspelling of a known one."""
    key = _norm(name)
    if key in ALIASES:
        return ALIASES[key]
    close = difflib.get_close_matches(key, list(ALIASES), n=1, cutoff=0.8)
    if strict or close:
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(FIELDS)})"
        raise MetadataError(f"{where} '{name}' is not a metadata field{hint}")
    return None


def _set_once(values: dict[str, Any], name: str, value: Any, where: str) -> None:
    if name in values:
        raise MetadataError(f"{where}: '{name}' is given twice (directly and by an alias); keep one")
    values[name] = value


def build_metadata(values: dict[str, Any], where: Any) -> CallMetadata:
    """CallMetadata from raw values keyed by field name; ``where(field)`` names the place for errors."""
    return CallMetadata(
        account=_text(values.get("account"), where("account")),
        rep=_text(values.get("rep"), where("rep")),
        recorded_at=_optional(values.get("recorded_at"), where("recorded_at"), parse_datetime),
        renewal_date=_optional(values.get("renewal_date"), where("renewal_date"), parse_date),
        arr=_optional(values.get("arr"), where("arr"), parse_amount),
        title=_text(values.get("title"), where("title")),
        language=_optional(values.get("language"), where("language"), parse_language),
        speakers=_optional(values.get("speakers"), where("speakers"), parse_speakers),
    )


def _optional(value: Any, where: str, parse: Any) -> Any:
    return None if value is None or value == "" else parse(value, where)


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise MetadataError(f"{where} {value!r} is not text")
    return str(value).strip() or None


def parse_date(value: Any, where: str) -> date:
    """'2026-06-30' (or an ISO date-time, whose date is kept) → date; MetadataError naming ``where``."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            try:
                return datetime.fromisoformat(value.strip()).date()
            except ValueError:
                pass
    raise MetadataError(f"{where} {value!r} is not a date (use YYYY-MM-DD)")


def parse_datetime(value: Any, where: str) -> datetime:
    """'2026-03-14', '2026-03-14 10:30' or '2026-03-14T10:30:00+01:00' → datetime."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
    raise MetadataError(f"{where} {value!r} is not a date or time (use YYYY-MM-DD or YYYY-MM-DD HH:MM)")


def parse_amount(value: Any, where: str) -> float:
    """120000, "120,000", "$120k", "€1.2M", "1.200.000", "120 000 EUR" → a non-negative number."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    text = _CURRENCY.sub("", value.strip().lower()) if isinstance(value, str) else ""
    m = _AMOUNT.match(text)
    number = _plain_number(m["number"]) if m else None
    if m is None or number is None:
        raise MetadataError(f"{where} {value!r} is not an amount (use e.g. 120000, 120,000 or $120k)")
    return number * _MULTIPLIERS[m["unit"] or ""]


def _plain_number(text: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):  # 120,000.50
        text = text.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3}){2,}(,\d+)?", text):  # 1.200.000,50
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", text):  # 1,5 (decimal comma)
        text = text.replace(",", ".")
    return float(text) if re.fullmatch(r"\d+(\.\d+)?", text) else None


def parse_language(value: Any, where: str) -> str:
    code = value.strip().lower() if isinstance(value, str) else ""
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise MetadataError(f"{where} {value!r} is not a language code (use ISO 639-1, e.g. en, it, ru)")
    return code


def parse_speakers(value: Any, where: str) -> int:
    """How many voices a mono recording holds: 0 (let diarization decide) to 20."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not text.isdigit() or int(text) > 20:
        raise MetadataError(f"{where} {value!r} is not a number of speakers (0 = automatic, 1 to 20)")
    return int(text)
