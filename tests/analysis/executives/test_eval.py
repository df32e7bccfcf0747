"""Measured accuracy of executive detection on the labelled corpus (tests/analysis/eval_exec), plus the
misses that corpus was written to catch. Floors sit a little below the numbers in docs/benchmarks.md,
so a change that loses accuracy fails here; real spaCy, pymorphy3 and the shipped titles file."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.executives import default_executive_titles, find_executives
from assistant.analysis.executives.eval import evaluate_call, load_corpus, score_by_language
from assistant.analysis.executives.titles import load_executive_titles
from assistant.errors import InputError, RulesError
from assistant.records import Transcript, Utterance

CORPUS = Path(__file__).parent.parent / "eval_exec"
HELD_FLOORS = {"en": 0.88, "it": 0.95, "pl": 0.95, "ru": 0.95, "zh": 0.9, "all": 0.94}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    calls = load_corpus(CORPUS)
    return {split: score_by_language(evaluate_call(c) for c in calls if c.split == split) for split in ("tune", "held")}


def test_corpus_is_big_enough_and_split() -> None:
    calls = load_corpus(CORPUS)
    for lang in ("en", "it", "ru", "pl", "zh"):
        mine = [c for c in calls if c.language == lang]
        assert len(mine) >= 40 and sum(c.split == "held" for c in mine) >= 13
        assert sum(not c.gold for c in mine) >= 10  # hard negatives


@pytest.mark.parametrize("lang", sorted(HELD_FLOORS))
def test_held_out_f1_floor(scores: dict[str, dict], lang: str) -> None:
    assert scores["held"][lang].f1 >= HELD_FLOORS[lang], scores["held"][lang]


def test_tuning_split_floor(scores: dict[str, dict]) -> None:
    s = scores["tune"]["all"]
    assert s.precision >= 0.95 and s.recall >= 0.95 and s.name_accuracy >= 0.95, s


def test_corpus_error_names_file_and_call(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("language: en\ncalls:\n  - id: x1\n    lines: ['boss: hi']\n")
    with pytest.raises(InputError, match=r"xx.yaml: x1: line 1 must read"):
        load_corpus(tmp_path)


def test_ambiguous_phrase_must_be_listed(tmp_path: Path) -> None:
    path = tmp_path / "executives.yaml"
    path.write_text("titles:\n  - title: CEO\n    level: c_level\n    ambiguous: [boss]\n    en: [chief]\n")
    with pytest.raises(RulesError, match=r"executives.yaml:4: ambiguous phrase 'boss' is not among"):
        load_executive_titles(path)


# ---- the known misses --------------------------------------------------------------------------------


def found(lang: str, *lines: str) -> list[tuple[str, str, str | None]]:
    utts = []
    for i, line in enumerate(lines):
        who, text = line.split(": ", 1)
        utts.append(Utterance(who, "rep" if who == "rep" else "customer", i * 10.0, i * 10 + 8.0, text, language=lang))
    found = find_executives(Transcript(tuple(utts), lang, 60.0, "vtt"), default_executive_titles())
    return [(e.title, e.kind, e.name) for e in found]


@pytest.mark.parametrize(
    "text",
    ["Prezes Kaczyński znowu mówił o podatkach.", "Prezes klubu poprosił o sponsoring.", "Prezes NBP podniósł stopy."],
)
def test_polish_prezes_without_context_is_not_a_contact(text: str) -> None:
    assert found("pl", f"customer: {text}") == []


def test_polish_prezes_with_context_is_ceo() -> None:
    assert found("pl", "customer: prezes musi to zatwierdzić.") == [("CEO", "mentioned", None)]
    assert found("pl", "customer: Nasz prezes, Marek Nowak, chce rabatu.") == [("CEO", "mentioned", "Marek Nowak")]


@pytest.mark.parametrize("text", ["The founder of Tesla said AI will replace us.", "The CEO of Microsoft said so."])
def test_executives_in_the_news_are_not_contacts(text: str) -> None:
    assert found("en", f"customer: {text}") == []


def test_chief_at_company_still_counts() -> None:
    assert found("en", "customer: This is Dana Whitfield, CFO at Acme.") == [("CFO", "speaking", "Dana Whitfield")]


def test_wang_zong_is_a_general_manager() -> None:
    assert found("zh", "customer: 这个价格我得问一下王总。") == [("General Manager", "mentioned", "王总")]
    assert found("zh", "rep: 李总，您觉得这个方案怎么样？") == [("General Manager", "speaking", "李总")]
    assert found("zh", "customer: 对方总是拖延付款，李总理也没办法。") == []


def test_cfo_and_finance_director_on_one_side_are_one_person() -> None:
    lines = (
        "customer: our CFO has been pushing for a cheaper plan.",
        "customer: our finance director owns the budget.",
    )
    assert found("en", *lines) == [("CFO", "mentioned", None)]
    assert len(found("en", "customer: our CFO agrees.", "rep: our finance director agrees too.")) == 2


def test_lower_case_asr_name_is_linked() -> None:
    assert found("en", "customer: hi everyone, this is dana, the cfo at northwind.") == [("CFO", "speaking", "Dana")]
    assert found("it", "customer: sono giulia, la responsabile marketing.") == [
        ("Head of Marketing", "speaking", "Giulia")
    ]


def test_lower_case_common_word_is_not_a_name() -> None:
    assert found("en", "customer: this is great, our cfo will love it.") == [("CFO", "mentioned", None)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "We're hiring a new VP of Sales next quarter."),
        ("ru", "Сейчас у нас открыта вакансия финансового директора."),
        ("pl", "Szukamy nowego dyrektora sprzedaży."),
        ("it", "Un buon direttore finanziario guarda sempre il ritorno."),
    ],
)
def test_hiring_and_generic_talk_is_not_a_contact(lang: str, text: str) -> None:
    assert found(lang, f"customer: {text}") == []
