"""Screenshots of every page for docs/screenshots (look at them after a UI change):

    .venv/bin/python -m tests.web.screenshots docs/screenshots

Real server, real headless Chromium, the sample calls (as in the browser journeys)."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from assistant.services import accounts, auth, library
from tests.accounts.test_cli import CRM
from tests.web.conftest import CHROMIUM, CHROMIUM_FLAGS, PASSWORD, serving_samples

POLICIES = """policies:
  - name: high-risk renewals
    trigger: {level: high, categories: [cancellation, competitor], match: any}
    channels:
      - {type: slack, name: csm-team, url: "https://hooks.slack.com/services/T000/B000/XXXX"}
      - {type: webhook, name: crm, url: "https://crm.example.com/hooks/risk"}
"""

PAGES = (
    ("home", "/", "manager"),
    ("calls", "/calls", "rep"),
    ("call", "/calls/{northwind}?t=16.7", "manager"),
    ("search", "/search?q=price", "rep"),
    ("clips", "/clips", "rep"),
    ("rules", "/rules/preview?rule=price_too_high", "manager"),
    ("rule-error", None, "manager"),
    ("upload", "/upload", "rep"),
    ("accounts", "/accounts?from=2025-01-01&to=2025-12-31&per=quarter", "manager"),
    ("brief", "/accounts/Northwind%20Logistics/brief?as_of=2026-04-01", "rep"),
    ("alerts", "/alerts", "manager"),
    ("alert-policies", "/alerts/policies", "manager"),
    ("users", "/admin/users", "admin"),
    ("login", "/login", None),
)


def _sign_in(page, role: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.fill("input[name=username]", {"admin": "ada", "manager": "max", "rep": "rita"}[role])
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.wait_for_url("**/")


def _rule_error(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/rules/edit/price.yaml")
    page.locator("textarea").fill(page.locator("textarea").input_value().replace("weight:", "wieght:", 1))
    page.click("form[action^='/rules/edit'] button[type=submit]")
    page.locator("#problems").wait_for()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, serving_samples(Path(tmp)) as live, sync_playwright() as p:
        app = live.app.state.app
        for start, end in ((12.0, 30.0), (40.0, 52.0)):
            library.add_clip(
                app,
                library.ClipInfo(title="Price objection", tags=("price",)),
                call=live.ids["northwind-price-competitor"],
                start=start,
                end=end,
            )
        library.create_collection(app, "Handling price objections")
        (Path(tmp) / "crm.csv").write_text(CRM, encoding="utf-8")
        accounts.import_accounts(app, Path(tmp) / "crm.csv", as_of=date(2026, 3, 1))
        live.settings.alerts_path.write_text(POLICIES, encoding="utf-8")
        auth.create_token(live.store, username="max", name="crm sync")
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        for name, path, role in PAGES:
            context = browser.new_context(base_url=live.url, viewport={"width": 1280, "height": 860})
            page = context.new_page()
            if role:
                _sign_in(page, role)
            if path is None:
                _rule_error(page)
            else:
                page.goto(path.format(northwind=live.ids["northwind-price-competitor"]))
                page.wait_for_load_state("networkidle")
            page.wait_for_timeout(600)
            page.screenshot(path=str(out / f"{name}.png"))
            context.close()
            print(out / f"{name}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
