"""Call metadata: JSON and CSV sidecars, aliases, bad values named by file and line, option override."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from assistant.errors import MetadataError
from assistant.metadata import (
    is_sidecar,
    metadata_for,
    parse_amount,
    parse_date,
    parse_datetime,
    read_calls_csv,
    read_sidecar,
)
from assistant.records import CallMetadata

CSV = (
    "File,Customer,Owner,ARR,Date,Renewal Date,Title,Lang,Notes\n"
    'acme-q3.flac,Acme Corp,Alex Morgan,"$120,000",2026-03-10,2026-06-30,Acme renewal,en,call back\n'
    "beta.vtt,Beta GmbH,Sam Lee,€1.2M,2026-03-11 14:30,,,de,\n"
)


def call_file(folder: Path, name: str = "acme-q3.flac") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"")
    return path


def test_json_sidecar_with_aliases(tmp_path: Path) -> None:
    call = call_file(tmp_path)
    sidecar = {"company": "Acme Corp", "rep": "Alex Morgan", "date": "2026-03-10T15:00", "renewal_date": "2026-06-30"}
    (tmp_path / "acme-q3.meta.json").write_text(json.dumps({**sidecar, "arr": 120000, "language": "EN"}))
    meta = read_sidecar(call)
    assert meta == CallMetadata(
        account="Acme Corp",
        rep="Alex Morgan",
        recorded_at=datetime(2026, 3, 10, 15, 0),
        renewal_date=date(2026, 6, 30),
        arr=120000.0,
        language="en",
    )


def test_csv_sidecar_with_aliases_and_extra_columns(tmp_path: Path) -> None:
    (tmp_path / "calls.csv").write_text(CSV, encoding="utf-8-sig")
    acme = read_sidecar(call_file(tmp_path))
    assert acme == CallMetadata(
        account="Acme Corp",
        rep="Alex Morgan",
        recorded_at=datetime(2026, 3, 10),
        renewal_date=date(2026, 6, 30),
        arr=120000.0,
        title="Acme renewal",
        language="en",
    )
    beta = read_sidecar(call_file(tmp_path, "beta.vtt"))
    assert beta is not None and beta.arr == 1_200_000.0 and beta.renewal_date is None
    assert beta.recorded_at == datetime(2026, 3, 11, 14, 30)
    assert read_sidecar(call_file(tmp_path, "unlisted.flac")) is None


def test_semicolon_csv_from_a_spreadsheet(tmp_path: Path) -> None:
    (tmp_path / "calls.csv").write_text("file;account;annual_value\nacme-q3.flac;Acme;120 000\n")
    assert read_calls_csv(tmp_path / "calls.csv")["acme-q3.flac"] == CallMetadata(account="Acme", arr=120000.0)


def test_json_sidecar_wins_over_csv_field_by_field(tmp_path: Path) -> None:
    (tmp_path / "calls.csv").write_text(CSV)
    call = call_file(tmp_path)
    (tmp_path / "acme-q3.meta.json").write_text('{"arr": "95k", "title": null}')
    meta = read_sidecar(call)
    assert meta is not None and (meta.arr, meta.account, meta.title) == (95000.0, "Acme Corp", "Acme renewal")


def test_options_override_sidecar_field_by_field(tmp_path: Path) -> None:
    call = call_file(tmp_path)
    (tmp_path / "acme-q3.meta.json").write_text('{"account": "Acme", "rep": "Alex", "arr": 1000}')
    meta = metadata_for(call, CallMetadata(rep="Sam", language="it"))
    assert (meta.account, meta.rep, meta.arr, meta.language) == ("Acme", "Sam", 1000.0, "it")
    assert metadata_for(call_file(tmp_path / "other"), CallMetadata(rep="Sam")) == CallMetadata(rep="Sam")


def test_bad_csv_date_names_file_line_column_and_value(tmp_path: Path) -> None:
    rows = "file,account,renewal_date\na.flac,A,2026-06-30\nb.flac,B,2026-07-01\nc.flac,C,2026-13-01\n"
    (tmp_path / "calls.csv").write_text(rows)
    with pytest.raises(MetadataError) as info:
        read_sidecar(call_file(tmp_path, "a.flac"))
    assert str(info.value) == f"{tmp_path}/calls.csv:4: renewal_date '2026-13-01' is not a date (use YYYY-MM-DD)"


def test_bad_csv_amount_line_counts_quoted_newlines(tmp_path: Path) -> None:
    rows = 'file,title,arr\na.flac,"two\nlines",100\nb.flac,B,lots\n'
    (tmp_path / "calls.csv").write_text(rows)
    with pytest.raises(MetadataError, match=r"calls\.csv:4: arr 'lots' is not an amount"):
        read_calls_csv(tmp_path / "calls.csv")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("account,arr\nAcme,1\n", "calls.csv:1: no 'file' column"),
        ("file,account\na.flac,A\na.flac,B\n", "calls.csv:3: 'a.flac' is listed twice"),
        ("file,account\n,A\n", "calls.csv:2: the 'file' cell is empty"),
        ("file,acount\na.flac,A\n", "calls.csv:1: column 'acount' is not a metadata field (did you mean 'account'?)"),
        ("file,customer,company\na.flac,A,B\n", "calls.csv:2: column account: 'account' is given twice"),
        ("file,language\na.flac,English\n", "calls.csv:2: language 'English' is not a language code"),
        ("", "calls.csv:1: empty file"),
    ],
)
def test_bad_csv(tmp_path: Path, content: str, expected: str) -> None:
    (tmp_path / "calls.csv").write_text(content)
    with pytest.raises(MetadataError) as info:
        read_calls_csv(tmp_path / "calls.csv")
    assert f"{tmp_path}/{expected}" in str(info.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"account": "A",\n "arr": 12,,}', "x.meta.json:2:12: invalid JSON"),
        ("[1]", "x.meta.json: expected a JSON object"),
        ('{"renewl_date": "2026-01-01"}', "x.meta.json: key 'renewl_date' is not a metadata field (did you mean"),
        ('{"colour": "red"}', "x.meta.json: key 'colour' is not a metadata field (known: account, rep"),
        ('{"recorded_at": "yesterday"}', "x.meta.json: recorded_at 'yesterday' is not a date or time"),
        ('{"arr": -5}', "x.meta.json: arr -5 is not an amount"),
        ('{"arr": true}', "x.meta.json: arr True is not an amount"),
        ('{"account": ["A"]}', "x.meta.json: account ['A'] is not text"),
    ],
)
def test_bad_json_sidecar(tmp_path: Path, content: str, expected: str) -> None:
    (tmp_path / "x.meta.json").write_text(content)
    with pytest.raises(MetadataError) as info:
        read_sidecar(call_file(tmp_path, "x.flac"))
    assert f"{tmp_path}/{expected}" in str(info.value)


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("120000", 120000.0),
        ("120,000", 120000.0),
        ("$120k", 120000.0),
        ("€1.2M", 1_200_000.0),
        ("120 000 EUR", 120000.0),
        ("USD 1,250,000.50", 1_250_000.5),
        ("1.200.000,50", 1_200_000.5),
        ("2,5m", 2_500_000.0),
        (84000, 84000.0),
        (1.5, 1.5),
    ],
)
def test_parse_amount(value: str | float, amount: float) -> None:
    assert parse_amount(value, "x") == pytest.approx(amount)


@pytest.mark.parametrize("value", ["", "lots", "12x", "1,2,3", "-100", "$", "1e5", "k"])
def test_parse_amount_rejects(value: str) -> None:
    with pytest.raises(MetadataError, match=r"^calls\.csv:7: arr .* is not an amount"):
        parse_amount(value, "calls.csv:7: arr")


def test_parse_dates() -> None:
    assert parse_date("2026-06-30", "x") == date(2026, 6, 30)
    assert parse_date("2026-06-30T10:00:00", "x") == date(2026, 6, 30)
    assert parse_datetime("2026-03-10 15:00", "x") == datetime(2026, 3, 10, 15, 0)
    assert parse_datetime("2026-03-10T15:00:00Z", "x").utcoffset() is not None
    for bad in ("2026-13-01", "30/06/2026", "soon", ""):
        with pytest.raises(MetadataError, match="is not a date"):
            parse_date(bad, "f.json: renewal_date")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("acme.meta.json", True), ("ACME.META.JSON", True), ("calls.csv", True), ("Calls.CSV", True),
     ("acme.json", False), ("acme.flac", False), ("other.csv", False)],
)  # fmt: skip
def test_is_sidecar(name: str, expected: bool) -> None:
    assert is_sidecar(Path("calls") / name) is expected
