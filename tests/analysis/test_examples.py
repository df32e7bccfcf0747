"""Trackers taught by example: a rule with only example sentences (no keywords) catches the same meaning in any
language, counter-examples and exclusions hold it back, and a bad example list is a file:line problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis import find_hits
from assistant.analysis.rules import load_ruleset
from assistant.errors import RulesError
from assistant.records import Transcript, Utterance

SSO = """rules:
  - id: asks_about_sso
    name: Asks about SSO
    category: security
    weight: 10
    examples:
      en:
        - "Do you support single sign-on with Okta?"
        - "we need SAML login before IT signs off"
        - "can our people log in with their Azure AD accounts"
        - "our security team insists on SSO for every tool"
        - "is there a way to use our corporate Google login"
    counter_examples:
      en:
        - "how do I reset my password"
"""


def _rules(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "sso.yaml").write_text(text, encoding="utf-8")
    return folder


def _hits(folder: Path, lines: list[tuple[str, str]]) -> list[tuple[int, str]]:
    utts = tuple(
        Utterance("customer", "customer", i * 5.0, i * 5.0 + 4.0, text, language=lang)
        for i, (lang, text) in enumerate(lines)
    )
    hits = find_hits(Transcript(utts, "en", len(utts) * 5.0, "vtt"), load_ruleset(folder))
    return [(h.utterance_index, h.rule) for h in hits]


def test_a_tracker_from_examples_catches_the_meaning_in_other_languages(tmp_path: Path) -> None:
    folder = _rules(tmp_path, SSO)
    lines = [
        ("en", "does the platform work with our SSO provider?"),  # 0: caught
        ("it", "Il login unico con Microsoft è supportato?"),  # 1: caught, Italian
        ("zh", "我们需要单点登录"),  # 2: caught, Chinese
        ("en", "the price is too high for us"),  # 3: not this tracker
        ("en", "let's move the meeting to Thursday"),  # 4: no
    ]
    assert _hits(folder, lines) == [(0, "asks_about_sso"), (1, "asks_about_sso"), (2, "asks_about_sso")]


def test_counter_examples_and_exclusions_hold_it_back(tmp_path: Path) -> None:
    folder = _rules(tmp_path, SSO)
    assert _hits(folder, [("en", "how can I reset my password please")]) == []
    folder = _rules(tmp_path, SSO + '    exclude:\n      en: ["Okta"]\n')
    assert _hits(folder, [("en", "does your app do single sign-on through Okta?")]) == []


def test_evidence_names_the_nearest_example(tmp_path: Path) -> None:
    utt = Utterance("customer", "customer", 0.0, 4.0, "we need SSO through Azure AD", language="en")
    [hit] = find_hits(Transcript((utt,), "en", 4.0, "vtt"), load_ruleset(_rules(tmp_path, SSO)))
    assert hit.evidence.startswith("like example \u201c") and "similarity" in hit.evidence
    assert hit.category == "security" and hit.source == "rules"


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        (SSO.replace("      en:\n        - \"Do you", "      zh:\n        - \"Do you", 1), 9, "not written in zh"),
        (SSO.replace("    counter_examples:\n      en:\n        - \"how do I reset my password\"\n",
                     "    counter_examples:\n      en: []\n"), 14, "non-empty list"),
        (SSO.replace('        - "we need SAML login before IT signs off"', '        - ""'), 9, "empty phrase"),
    ],
)  # fmt: skip
def test_bad_example_lists_are_file_line_problems(tmp_path: Path, bad: str, line: int, message: str) -> None:
    with pytest.raises(RulesError) as caught:
        load_ruleset(_rules(tmp_path, bad))
    assert any(f"sso.yaml:{line}:" in p and message in p for p in caught.value.problems), caught.value.problems
