"""The alert policies file: loading, validation with file:line errors, and the watcher's reload rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.alerts.policies import PolicyProblems, PolicyWatch, load_policies
from assistant.errors import AlertError

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "alerts.example.yaml"

GOOD = """\
policies:
  - name: high risk
    trigger: {level: high}
    channels:
      - type: webhook
        url: http://127.0.0.1:9/hook
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alerts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(PolicyProblems) as info:
        load_policies(write(tmp_path, text))
    return info.value.problems


def test_example_file_loads_every_policy() -> None:
    policies = load_policies(EXAMPLE).policies
    assert [p.name for p in policies] == [
        "high risk",
        "executive voiced a risk",
        "new cancellation talk",
        "strategic accounts",
    ]
    high = policies[0]
    assert high.trigger.level == "high" and high.trigger.score == 70
    assert [c.kind for c in high.channels] == ["slack", "email"]
    assert policies[1].filters.min_arr == 50000 and policies[1].filters.languages == ("en", "it")
    assert policies[1].channels[0].name == "crm"
    assert policies[2].only_new_risks and policies[2].trigger.categories == ("cancellation", "competitor")
    assert policies[3].top == 5 and policies[3].trigger.accounts == ("Acme Corp", "Globex")


def test_missing_file_means_no_policies(tmp_path: Path) -> None:
    assert load_policies(tmp_path / "none.yaml").policies == ()


def test_misspelt_field_names_line_and_suggests(tmp_path: Path) -> None:
    text = GOOD.replace("trigger: {level: high}", "trigger: {levle: high}")
    found = problems(tmp_path, text)
    assert any(":3: unknown field 'levle' (did you mean 'level'?)" in p for p in found), found
    assert all(p.startswith(str(tmp_path / "alerts.yaml")) for p in found)


def test_bad_values_are_all_reported_with_lines(tmp_path: Path) -> None:
    text = """\
policies:
  - name: a
    trigger:
      level: hihg
      score: lots
    filters: {min_arr: -5}
    only_new_risks: maybe
    channels:
      - type: slak
      - type: webhook
      - type: email
        to: [not-an-address]
"""
    found = "\n".join(problems(tmp_path, text))
    assert ":4: 'level' must be one of low, medium, high, not 'hihg' (did you mean 'high'?)" in found
    assert ":5: 'score' must be a number" in found
    assert ":6: 'min_arr' must be a number ≥ 0" in found
    assert ":7: 'only_new_risks' must be true or false" in found
    assert ":9: 'type' must be one of slack, webhook, email, not 'slak'" in found
    assert ":10: a webhook channel needs a 'url'" in found
    assert "'not-an-address' is not an email address" in found


def test_policy_without_trigger_or_channels(tmp_path: Path) -> None:
    found = "\n".join(problems(tmp_path, "policies:\n  - name: lonely\n"))
    assert ":2: a policy needs a 'trigger'" in found
    assert "a policy needs 'channels'" in found


def test_empty_trigger(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("{level: high}", "{}"))
    assert len(found) == 1 and ":3: empty trigger" in found[0]


def test_duplicate_policy_names(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD + GOOD.split("\n", 1)[1].replace("high risk", "High Risk"))
    assert found == [
        f"{tmp_path / 'alerts.yaml'}:7: policy name 'High Risk' is used twice (also at line 2); "
        "names identify alerts, make them unique"
    ]


def test_email_channel_needs_an_address(tmp_path: Path) -> None:
    text = "policies:\n  - name: mail\n    trigger: {score: 10}\n    channels: [{type: email}]\n"
    assert "the email channel has no address" in "\n".join(problems(tmp_path, text))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    found = problems(tmp_path, "policies:\n  - name: x\n    trigger: [unclosed\n")
    assert len(found) == 1 and "not valid YAML" in found[0] and ":4" in found[0]


def test_watch_keeps_previous_policies_when_an_edit_is_malformed(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    errors: list[AlertError] = []
    watch = PolicyWatch(path, on_error=errors.append)
    assert [p.name for p in watch.current.policies] == ["high risk"]
    path.write_text(GOOD.replace("level: high", "level: extreme"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a new stamp even within the same clock tick
    assert [p.name for p in watch.refresh().policies] == ["high risk"]
    assert len(errors) == 1 and "'extreme'" in str(errors[0])
    path.write_text(GOOD.replace("high risk", "renamed"), encoding="utf-8")
    assert [p.name for p in watch.refresh().policies] == ["renamed"]


def test_watch_fails_fast_on_a_malformed_file_at_start(tmp_path: Path) -> None:
    with pytest.raises(PolicyProblems, match=":3: unknown field"):
        PolicyWatch(write(tmp_path, GOOD.replace("level", "lvl")))


def test_triggers_naming_unknown_categories_or_trackers_are_reported(tmp_path: Path) -> None:
    from assistant.alerts.policies import unknown_references

    path = tmp_path / "alerts.yaml"
    path.write_text(
        "policies:\n"
        "  - name: ok\n    trigger: {categories: [price]}\n    channels: [{type: webhook, url: http://127.0.0.1:9/x}]\n"
        "  - name: typo\n    trigger: {categories: [pricing], trackers: [budget_cut, nope]}\n"
        "    channels: [{type: webhook, url: http://127.0.0.1:9/x}]\n"
    )
    problems = unknown_references(
        load_policies(path), categories={"price", "budget"}, trackers={"price_too_high", "budget_cut"}
    )
    assert problems == [
        f"{path}:5: policy 'typo': no rule has the category 'pricing', so it can never fire (did you mean 'price'?)",
        f"{path}:5: policy 'typo': no rule has the tracker 'nope', so it can never fire "
        "(known: budget_cut, price_too_high)",
    ]


def test_alerts_check_fails_on_a_trigger_that_can_never_fire(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "alerts.yaml"
    path.write_text(
        "policies:\n  - name: typo\n    trigger: {categories: [pricing]}\n"
        "    channels: [{type: webhook, url: http://127.0.0.1:9/x}]\n"
    )
    status, out, err = cli("alerts", "check", "--file", str(path))
    assert status == 1 and "'pricing'" in out and "did you mean 'price'?" in out and "never produce" in err
    path.write_text(path.read_text().replace("pricing", "price"))
    assert cli("alerts", "check", "--file", str(path))[0] == 0


def test_shared_loader_reports_duplicate_fields_and_alias_bombs(tmp_path: Path) -> None:
    found = problems(
        tmp_path, GOOD.replace("    trigger: {level: high}\n", "    trigger: {level: high}\n    top: 2\n    top: 3\n")
    )
    assert found == [f"{tmp_path / 'alerts.yaml'}:5: field 'top' is given twice"]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdef", "bcdefg", strict=True)
    )
    found = problems(tmp_path, bomb)
    assert len(found) == 1 and "aliases" in found[0] and found[0].startswith(f"{tmp_path / 'alerts.yaml'}:1:")
