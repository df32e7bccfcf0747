"""The account commands through the real entry point: import, list, show, churn, signals, renewals, brief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

CRM = """Account Name,Account ID,Customer Since,Renewal Date,ARR,Status,Churn Date,Contacts
Acme,A1,2024-01-15,2026-04-30,100000,Active,,Jane Doe (CFO)
Globex,A2,2024-02-01,2026-12-31,50000,Active,,
Initech,A3,2024-03-01,,25000,Churned,2025-05-10,
Hooli,A4,2025-04-01,,10000,Churned,2025-06-01,
Umbrella,A5,2024-05-01,2026-05-15,abc,Active,,
"""


@pytest.fixture
def crm(tmp_path: Path) -> Path:
    path = tmp_path / "crm.csv"
    path.write_text(CRM, encoding="utf-8")
    return path


def test_import_reports_bad_rows_loads_good_ones_and_is_idempotent(cli: Cli, crm: Path) -> None:
    status, out, err = cli("accounts", "import", str(crm), "--as-of", "2026-03-01")
    assert status == 1
    assert "5 row(s): 4 created, 0 updated, 0 unchanged, 1 left out" in out
    assert f"{crm}:6: column 'ARR' value 'abc' is not an amount" in err
    status, out, _ = cli("accounts", "import", str(crm), "--json")
    doc = json.loads(out)
    assert (doc["created"], doc["updated"], doc["unchanged"]) == (0, 0, 4)
    status, out, _ = cli("accounts", "list", "--json")
    assert [a["name"] for a in json.loads(out)] == ["Acme", "Globex", "Hooli", "Initech"]
    status, out, _ = cli("accounts", "show", "a1")
    assert status == 0 and "Acme" in out and "contact: Jane Doe (CFO)" in out
    status, _, err = cli("accounts", "show", "Acmee")
    assert status == 1 and "did you mean 'Acme'" in err


def test_churn_per_quarter_with_chart(cli: Cli, crm: Path, tmp_path: Path) -> None:
    cli("accounts", "import", str(crm))
    chart = tmp_path / "churn.png"
    status, out, _ = cli(
        "churn", "--from", "2025-01-01", "--to", "2025-06-30", "--per", "quarter", "--json", "--chart", str(chart)
    )
    assert status == 0
    q1, q2 = json.loads(out)["periods"]
    assert (q1["customers_at_start"], q1["lost"], q1["churn_rate"]) == (3, 0, 0.0)  # Umbrella's row was bad
    # Q2: Initech of the 3 at the start left; Hooli was won and lost inside the quarter: excluded
    assert (q2["customers_at_start"], q2["lost"], q2["won"], q2["won_lost"]) == (3, 1, 1, 1)
    assert q2["churn_rate"] == pytest.approx(1 / 3) and q2["flagged"] is True
    assert q2["revenue_churn"] == pytest.approx(25_000 / 175_000)
    assert chart.read_bytes()[:4] == b"\x89PNG"
    status, out, err = cli("churn", "--from", "2020-01-01", "--to", "2020-12-31")
    assert status == 0 and "n/a" in out and "no customers at the start" in err


def test_signals_say_when_data_is_too_thin(cli: Cli, crm: Path) -> None:
    cli("accounts", "import", str(crm))
    status, out, _ = cli("signals", "--json")
    assert status == 0
    assert json.loads(out)["verdict"].startswith("too few churned accounts (0) to conclude")


def test_renewals_and_brief_files(cli: Cli, crm: Path, tmp_path: Path) -> None:
    cli("accounts", "import", str(crm))
    status, out, _ = cli("renewals", "--within", "12w", "--as-of", "2026-03-01", "--json")
    assert status == 0
    assert [r["account"] for r in json.loads(out)["renewals"]] == ["Acme"]
    md, html = tmp_path / "acme.md", tmp_path / "acme.html"
    assert cli("brief", "Acme", "--as-of", "2026-03-01", "-o", str(md))[0] == 0
    assert cli("brief", "Acme", "--as-of", "2026-03-01", "-o", str(html))[0] == 0
    assert md.read_text().startswith("# Renewal brief: Acme")
    assert "no calls recorded for this account" in html.read_text()
    status, out, _ = cli("brief", "A1", "--json", "--as-of", "2026-03-01")
    assert json.loads(out)["days_to_renewal"] == 60
    assert cli("renewals", "--within", "soon")[0] == 2
    assert cli("brief", "Acme", "-o", str(tmp_path / "x.pdf"))[0] == 2
