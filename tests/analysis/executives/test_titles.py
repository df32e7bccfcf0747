"""keyword_rules/executives.yaml: the shipped file is valid and complete; bad files fail with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.executives.lang import LANGUAGES
from assistant.analysis.executives.titles import DEFAULT_EXECUTIVES_FILE, LEVELS, load_executive_titles
from assistant.errors import RulesError

GOOD_TITLE = "  - title: CFO\n    level: c_level\n    en: [chief financial officer]\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "executives.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(RulesError) as info:
        load_executive_titles(write(tmp_path, text))
    return info.value.problems


def test_shipped_file_loads() -> None:
    titles = load_executive_titles(DEFAULT_EXECUTIVES_FILE)
    assert len(titles.titles) >= 20 and len(titles.domains) >= 10
    assert all(t.level in LEVELS for t in titles.titles)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_file_covers_every_language(lang: str) -> None:
    titles = load_executive_titles(DEFAULT_EXECUTIVES_FILE)
    assert sum(1 for t in titles.titles if t.phrases.get(lang)) >= 12


def test_shipped_canonical_titles() -> None:
    names = {t.title for t in load_executive_titles(DEFAULT_EXECUTIVES_FILE).titles}
    wanted = {"CEO", "CFO", "COO", "CIO", "CTO", "CMO", "CRO", "CISO", "President", "EVP", "SVP", "VP"}
    wanted |= {"General Counsel", "Treasurer", "Controller", "Owner", "Founder", "Managing Director", "Chairman"}
    assert wanted <= names


def test_minimal_file(tmp_path: Path) -> None:
    titles = load_executive_titles(write(tmp_path, "titles:\n" + GOOD_TITLE))
    assert titles.titles[0].title == "CFO" and titles.titles[0].phrases == {"en": ("chief financial officer",)}
    assert titles.titles[0].line == 2


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n  - title: CFO\n    en: [unclosed\n")
    assert len(found) == 1 and "executives.yaml:" in found[0] and "invalid YAML" in found[0]


def test_misspelt_field_is_suggested(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n" + GOOD_TITLE + "    levle: vp\n")
    assert found == [f"{tmp_path / 'executives.yaml'}:5: unknown field 'levle' (did you mean 'level'?)"]


def test_unknown_language_field(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n" + GOOD_TITLE + "    de: [Finanzvorstand]\n")
    assert ":5: unknown field 'de'" in found[0] and "allowed:" in found[0]


def test_bad_level(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n  - title: CFO\n    level: boss\n    en: [cfo]\n")
    assert ":3: level 'boss' is not one of c_level" in found[0]


def test_missing_level_and_title(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n  - en: [cfo]\n")
    assert any(":2: missing 'title:'" in p for p in found) and any(":2: missing 'level:'" in p for p in found)


def test_empty_phrase(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n  - title: CFO\n    level: c_level\n    en: [cfo, '']\n")
    assert ":4: empty or invalid phrase in 'en'" in found[0]


def test_title_without_phrases(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n  - title: CFO\n    level: c_level\n")
    assert ":2: title 'CFO' has no phrases" in found[0]


def test_duplicate_title(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n" + GOOD_TITLE + GOOD_TITLE)
    assert found == [f"{tmp_path / 'executives.yaml'}:5: duplicate title 'CFO' (first at line 2)"]


def test_bad_abbreviation(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n" + GOOD_TITLE + "    abbreviations: [cfo]\n")
    assert "abbreviation 'cfo' must be 2-6 capitals" in found[0]


def test_needs_context_must_be_boolean(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n" + GOOD_TITLE + "    needs_context: maybe\n")
    assert ":5: 'needs_context' must be true or false" in found[0]


def test_phrases_must_be_a_list(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n  - title: CFO\n    level: c_level\n    en: chief financial officer\n")
    assert ":4: 'en' must be a list" in found[0]


def test_missing_titles_and_every_problem_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, "version: 1\ntitels: []\n")
    assert len(found) == 2 and "did you mean 'titles'" in found[0] and "missing 'titles:'" in found[1]


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read executive titles"):
        load_executive_titles(tmp_path / "missing.yaml")


def test_domain_problems(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n" + GOOD_TITLE + "domains:\n  - en: [finance]\n")
    assert ":6: missing 'name:'" in found[0]


def test_edited_file_changes_detection(tmp_path: Path) -> None:
    from assistant.analysis.executives import find_executives
    from assistant.records import Transcript, Utterance

    path = write(tmp_path, "titles:\n  - title: Rainmaker\n    level: vp\n    en: [chief rainmaker]\n")
    utt = Utterance("customer", "customer", 0.0, 2.0, "Our chief rainmaker loves it.", language="en")
    found = find_executives(Transcript((utt,), "en", 2.0, "vtt"), load_executive_titles(path))
    assert [(e.title, e.level) for e in found] == [("Rainmaker", "vp")]


def test_phrases_are_kept_as_written(tmp_path: Path) -> None:
    """YAML reads a bare `no` / `on` as a boolean; in a phrase list it is the word."""
    titles = load_executive_titles(write(tmp_path, "titles:\n  - title: On\n    level: vp\n    it: [no, 'on']\n"))
    assert titles.titles[0].title == "On" and titles.titles[0].phrases == {"it": ("no", "on")}


def test_duplicate_field_is_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, "titles:\n" + GOOD_TITLE + "    level: vp\n")
    assert found == [f"{tmp_path / 'executives.yaml'}:5: field 'level' is given twice"]
