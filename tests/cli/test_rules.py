"""`assistant rules check|test` through the real root app."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.settings import DEFAULT_RULES_DIR


def test_check_defaults_ok(cli) -> None:
    status, out, _ = cli("rules", "check", str(DEFAULT_RULES_DIR))
    assert status == 0 and "rules OK" in out


def test_check_reports_every_problem_and_exits_1(cli, tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "rules:\n  - id: a\n    category: c\n    weight: 10\n    paterns: {}\n    phrases: {en: [x], xx: [y]}\n",
        encoding="utf-8",
    )
    status, out, _ = cli("rules", "check", str(tmp_path), "--json")
    data = json.loads(out)
    assert status == 1 and data["ok"] is False
    assert data["problems"] == [
        f"{tmp_path / 'r.yaml'}:5: unknown field 'paterns' (did you mean 'patterns'?)",
        f"{tmp_path / 'r.yaml'}:6: unknown language 'xx' in 'phrases' (expected one of: en, it, ru, pl, zh)",
    ]
    status, out, _ = cli("rules", "check", str(tmp_path))
    assert status == 1 and f"{tmp_path / 'r.yaml'}:5: unknown field 'paterns'" in out


def test_test_json_names(cli) -> None:
    status, out, _ = cli("rules", "test", "Honestly we are going to cancel the contract, it's too expensive.",
                         "--lang", "en", "--json")  # fmt: skip
    assert status == 0
    data = json.loads(out)
    rules = {h["rule"] for h in data["hits"]}
    assert {"cancel_or_not_renew", "price_too_high"} <= rules
    for hit in data["hits"]:
        assert {"rule", "category", "role", "start", "end", "text", "negated", "hypothetical"} <= set(hit)
        assert hit["role"] == "customer" and hit["negated"] is False
    assert data["report"]["level"] in ("medium", "high") and data["report"]["score"] > 50


def test_test_negated_and_rep(cli) -> None:
    _, out, _ = cli("rules", "test", "Мы не планируем отменять подписку.", "--lang", "ru", "--json")
    data = json.loads(out)
    assert [h["negated"] for h in data["hits"]] == [True] and data["report"]["score"] == 0
    _, out, _ = cli("rules", "test", "So you want to cancel the contract?", "--role", "rep", "--json")
    assert json.loads(out)["hits"] == []


def test_test_human_output_and_bad_language(cli) -> None:
    status, out, _ = cli("rules", "test", "We might switch to HubSpot.")
    assert status == 0 and "competitor_evaluation" in out and "hypothetical" in out and "Risk" in out
    status, _, err = cli("rules", "test", "bonjour", "--lang", "fr")
    assert status == 1 and "unsupported language 'fr'" in err
