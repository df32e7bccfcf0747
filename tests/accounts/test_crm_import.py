"""CRM CSV import: header aliases, good and bad rows, idempotency, duplicates, linking calls."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.accounts.crm_import import parse_amount, parse_contacts, parse_crm_csv, parse_date
from assistant.accounts.portfolio import import_csv
from assistant.errors import InputError
from assistant.records import CallMetadata, SourceFile, Transcript, Utterance
from assistant.storage import accounts as stored
from assistant.storage import calls
from assistant.storage.db import Store

SALESFORCE = (
    "Account Name,Account ID,Account Owner,Customer Since,Renewal Date,Annual Contract Value,Currency,Status,"
    "Churn Date,Contacts\n"
    'Acme Corp,001A,Alex Morgan,2023-04-01,2026-04-30,"$120,000",usd,Active,,'
    "Jane Doe (CFO) <jane@acme.com>; Tom Lee - IT Director\n"
    """Globex,001B,Sam Park,03/15/2022,06/30/2026,abc,USD,Active,,
Initech,001C,Sam Park,2021-01-10,,80000,USD,Closed Lost,2025-09-30,Bill Lumbergh (VP Operations)
Umbrella,001D,Alex Morgan,2024-13-45,2026-09-01,50000,USD,Active,,
,001E,Alex Morgan,2024-01-01,2026-09-01,50000,USD,Active,,
Hooli,001F,,2022-05-01,2026-08-15,,,Active,,
"""
)
HUBSPOT = (
    "Company name;Record ID;Company owner;Became a Customer Date;MRR;Lifecycle Stage;Primary Contact;Job Title;"
    "Favourite Colour\n"
    "Acme Corp;001A;Alex Morgan;2023-04-01;10.000,00;customer;Jane Doe;Chief Financial Officer;blue\n"
)


def write(tmp_path: Path, text: str, name: str = "crm.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_salesforce_export_loads_good_rows_and_reports_bad_ones(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path, SALESFORCE)
    report = import_csv(store, path, as_of=date(2026, 1, 15))
    assert (report.rows, report.created, report.updated, report.unchanged) == (6, 3, 0, 0)
    messages = [e.message for e in report.errors]
    assert messages == [
        f"{path}:3: column 'Annual Contract Value' value 'abc' is not an amount "
        "(write it like 120000, 120,000.00 or $120,000)",
        f"{path}:5: column 'Customer Since' value '2024-13-45' is not a date "
        "(use YYYY-MM-DD, MM/DD/YYYY or 'Mar 1, 2026')",
        f"{path}:6: no account name: fill in the name column or delete the row",
    ]
    acme = stored.get_account(store, name="acme corp")
    assert (acme.external_id, acme.owner, acme.arr, acme.currency) == ("001A", "Alex Morgan", 120_000.0, "USD")
    assert (acme.customer_since, acme.renewal_date, acme.status) == (date(2023, 4, 1), date(2026, 4, 30), "active")
    assert [(c.name, c.title, c.email) for c in acme.contacts] == [
        ("Jane Doe", "CFO", "jane@acme.com"),
        ("Tom Lee", "IT Director", None),
    ]
    assert [(h.on, h.arr) for h in acme.arr_history] == [(date(2023, 4, 1), 120_000.0)]
    initech = stored.get_account(store, name="001C")  # by CRM id too
    assert (initech.name, initech.status, initech.churned_on) == ("Initech", "churned", date(2025, 9, 30))
    assert stored.get_account(store, name="Hooli").arr is None


def test_same_file_twice_changes_nothing_and_a_new_arr_is_history(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path, SALESFORCE)
    import_csv(store, path, as_of=date(2026, 1, 15))
    before = stored.list_accounts(store)
    again = import_csv(store, path, as_of=date(2026, 2, 1))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert stored.list_accounts(store) == before
    hub = import_csv(store, write(tmp_path, HUBSPOT, "hubspot.csv"), as_of=date(2026, 2, 1))
    assert (hub.created, hub.updated) == (0, 1)
    assert [w.message.split(": ", 1)[1] for w in hub.warnings] == [
        "unknown column 'Favourite Colour' ignored (see docs/accounts.md for accepted columns)"
    ]
    acme = stored.get_account(store, name="Acme Corp")
    assert acme.mrr == 10_000.0 and acme.arr == 120_000.0  # MRR 10k × 12 = the same ARR: no new history
    assert len(acme.arr_history) == 1
    assert (acme.contacts[0].name, acme.contacts[0].title) == ("Jane Doe", "Chief Financial Officer")
    grow = write(tmp_path, "Account Name,ARR\nAcme Corp,150000\n", "grow.csv")
    import_csv(store, grow, as_of=date(2026, 3, 1))
    acme = stored.get_account(store, name="Acme Corp")
    assert [(h.on, h.arr) for h in acme.arr_history] == [(date(2023, 4, 1), 120_000.0), (date(2026, 3, 1), 150_000.0)]


def test_duplicate_names_with_different_ids_are_a_clear_error(tmp_path: Path, store: Store) -> None:
    text = "Name,Id,ARR\nAcme,A-1,100\nAcme,A-2,200\nAcme,A-1,\n"
    path = write(tmp_path, text)
    report = import_csv(store, path)
    assert report.created == 1
    assert len(report.errors) == 1
    assert report.errors[0].message.startswith(f"{path}:3: account 'Acme' appears on line 2 with id 'A-1'")
    clash = import_csv(store, write(tmp_path, "Company,CRM ID\nACME,Z-9\n", "b.csv"))
    assert clash.created == 0
    assert "already stored with CRM id 'A-1', this row has id 'Z-9'" in clash.errors[0].message


def test_calls_ingested_under_a_crm_id_move_to_the_imported_account(tmp_path: Path, store: Store) -> None:
    transcript = Transcript((Utterance("Jane", "customer", 0, 1, "Hello."),), "en", 1.0, "vtt")
    source = SourceFile(tmp_path / "c.vtt", "h1", 10)
    calls.save_call(store, source=source, transcript=transcript, metadata=CallMetadata(account="001A"))
    report = import_csv(store, write(tmp_path, SALESFORCE))
    assert report.calls_linked == 1
    assert calls.list_calls(store, account="Acme Corp")[0].account == "Acme Corp"
    assert [a.name for a in stored.list_accounts(store)] == ["Acme Corp", "Hooli", "Initech"]


def test_missing_name_column_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"crm.csv:1: no account name column"):
        parse_crm_csv(write(tmp_path, "Owner,ARR\nAlex,1\n"))
    with pytest.raises(InputError, match="empty file"):
        parse_crm_csv(write(tmp_path, "", "empty.csv"))
    with pytest.raises(InputError, match="no such file"):
        parse_crm_csv(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("raw", "value"),
    [("120000", 120000.0), ("$120,000.50", 120000.5), ("€ 95.000,00", 95000.0), ("1,234", 1234.0), ("EUR 12", 12.0)],
)
def test_amounts(raw: str, value: float) -> None:
    assert parse_amount(raw) == value


@pytest.mark.parametrize("raw", ["abc", "12,34,5", "1.2.3", "-"])
def test_bad_amounts(raw: str) -> None:
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount(raw)


def test_dates_and_contacts() -> None:
    assert parse_date("03/04/2026") == date(2026, 3, 4)
    assert parse_date("03/04/2026", day_first=True) == date(2026, 4, 3)
    assert parse_date("2026-03-04T10:00:00Z") == date(2026, 3, 4)
    assert parse_date("Mar 4, 2026") == parse_date("4 March 2026") == date(2026, 3, 4)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("next tuesday")
    assert parse_contacts("Jean-Luc Picard - CEO | Tom") == (
        parse_contacts("Jean-Luc Picard (CEO)")[0],
        parse_contacts("Tom")[0],
    )
    with pytest.raises(ValueError, match="is not a contact list"):
        parse_contacts("(CFO)")


def _names(parsed: object) -> list[str]:
    return sorted(r.name for r in parsed.rows)  # type: ignore[attr-defined]


def test_an_unbalanced_quote_is_its_row_only_and_the_rows_after_it_load(tmp_path: Path) -> None:
    lines = ["Account Name,ARR,Contacts", 'Acme,"120000,Jane', "Globex,5000,", "Initech,7000,", "Hooli,9000,"]
    parsed = parse_crm_csv(write(tmp_path, "\n".join(lines) + "\n"))  # the quote never closes: to the end of file
    assert _names(parsed) == ["Globex", "Hooli", "Initech"] and parsed.total == 4
    [problem] = parsed.errors
    assert problem.line == 2 and problem.message.startswith(f"{tmp_path / 'crm.csv'}:2: a quoted cell opened")
    assert "before the end of the file" in problem.message and "\n" not in problem.message
    lines.insert(4, 'Umbrella,"9",Ann Lee')  # a later quote: the swallowed text would end there
    parsed = parse_crm_csv(write(tmp_path, "\n".join(lines) + "\n"))
    assert _names(parsed) == ["Globex", "Hooli", "Initech", "Umbrella"]
    assert [(e.line, "unbalanced" in e.message) for e in parsed.errors] == [(2, True)]


def test_a_quote_that_rebalances_still_names_the_row_and_lines_stay_exact(tmp_path: Path) -> None:
    text = 'Account Name,ARR,Contacts\nAcme,"1200,x\nGlobex,5000,"\n"Initech",7000,"Ann Lee\nBo Chan"\nHooli,1,\n'
    parsed = parse_crm_csv(write(tmp_path, text))
    assert [(e.line, e.column) for e in parsed.errors] == [(2, "ARR")]
    assert "runs over several lines" in parsed.errors[0].message or "not an amount" in parsed.errors[0].message
    initech = next(r for r in parsed.rows if r.name == "Initech")  # a real multi-line contacts cell is fine
    assert [c.name for c in initech.contacts] == ["Ann Lee", "Bo Chan"] and initech.line == 4
    assert next(r for r in parsed.rows if r.name == "Hooli").line == 6


def test_huge_cells_are_reported_per_row(tmp_path: Path, store: Store) -> None:
    big = "x" * 131_100
    text = (
        f"Account Name,ARR,Description\nAcme,{big},\nGlobex,5000,{big}\n"  # a long cell we ignore is fine
        f'Initech,"{"y" * (17 * 1024 * 1024)}",\nHooli,1,\n'
    )
    path = write(tmp_path, text)
    report = import_csv(store, path, as_of=date(2026, 1, 15))
    assert (report.rows, report.created) == (4, 2)
    assert [(e.line, e.message.split(": ", 1)[1][:40]) for e in report.errors] == [
        (2, "column 'ARR' value 'xxxxxxxxxxxxxxxxxxxx"),
        (4, "a cell is longer than 16,777,216 charact"),
    ]
    assert "is 131,100 characters long (the most is 10,000" in report.errors[0].message
    assert max(len(e.message) for e in report.errors) < 400
    assert {a.name for a in stored.list_accounts(store)} == {"Globex", "Hooli"}


def test_nul_bytes_and_a_broken_header(tmp_path: Path) -> None:
    parsed = parse_crm_csv(write(tmp_path, "Account Name,ARR\nAc\x00me,1\nGlobex,2\n"))
    assert _names(parsed) == ["Globex"] and [e.line for e in parsed.errors] == [2]
    assert "column 'Account Name' value 'Ac\x00me' contains control characters" in parsed.errors[0].message
    with pytest.raises(InputError, match=r"crm.csv:1: a quoted cell .* \(in the header line\)"):
        parse_crm_csv(write(tmp_path, 'Account Name,"ARR\nAcme,1\n'))
