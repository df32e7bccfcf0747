"""Editing the alert policies file from the web app: check an edit (the same validation as
`assistant alerts check`, plus triggers naming categories or trackers no rule produces) and replace the file
atomically only when it is valid. The policies in effect never see a bad edit; every problem names
``file:line`` with the file's own name (no server paths) so the page can show it beside the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.alerts.policies import PolicyProblems, parse_policies, unknown_references
from assistant.errors import InputError
from assistant.services.app import App
from assistant.services.rules_edit import EditResult, Problem, write_atomically

MAX_BYTES = 1_000_000
EXAMPLE = """\
# Alert policies: when a stored call is risky enough, tell someone. See docs/alerts.md.
policies:
  - name: high-risk renewals
    trigger: {level: high}
    channels:
      - {type: webhook, url: "https://crm.example.com/hooks/risk"}
"""


def read_policies(app: App) -> tuple[str, bool]:
    """The policies file's text and whether it exists (an example to start from when it does not)."""
    path = app.settings.alerts_path
    if not path.is_file():
        return EXAMPLE, False
    try:
        return path.read_text(encoding="utf-8"), True
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name}: cannot read the policies file ({exc})") from exc


def _problem(message: str, name: str) -> Problem:
    found = re.match(rf"^{re.escape(name)}:(\d+):", message)
    return Problem(name, int(found.group(1)) if found else None, message)


def check_policies_text(app: App, text: str) -> EditResult:
    """Every problem the policies file would have with ``text`` in it (nothing is written)."""
    if len(text.encode()) > MAX_BYTES:
        raise InputError(f"policies: larger than {MAX_BYTES // 1000} kB")
    from assistant.analysis.rules import load_ruleset  # the analysis stack loads when a check runs

    name = app.settings.alerts_path.name
    try:
        policies = parse_policies(text, Path(name))
    except PolicyProblems as exc:
        return EditResult(False, tuple(_problem(p, name) for p in exc.problems))
    rules = load_ruleset(app.settings.rules_dir).rules
    unknown = unknown_references(policies, categories={r.category for r in rules}, trackers={r.id for r in rules})
    return EditResult(False, tuple(_problem(p, name) for p in unknown), len(policies.policies), policies.version)


def save_policies(app: App, text: str) -> EditResult:
    """Replace the policies file with ``text`` when it is valid; otherwise change nothing."""
    checked = check_policies_text(app, text)
    if checked.problems:
        return checked
    write_atomically(app.settings.alerts_path, text)
    return EditResult(True, (), checked.rules, checked.version)
