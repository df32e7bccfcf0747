"""Chinese in traditional characters (held10's Taiwanese call): read in simplified characters, reported as said."""

from __future__ import annotations

from assistant.analysis.executives import executive_turns, find_executives
from tests.analysis.executives.lines import call, transcript


def test_titles_in_traditional_characters_are_found_and_names_reported_as_said() -> None:
    found = call(
        "zh",
        "speaker/unknown: 現在我們就把時間交給陳副總。",
        "speaker/unknown: 我是信輝的副總經理陳志孝。",
        "speaker/unknown: 我們的董事長李義達董事長博士呢，跟我們的總經理，在日本簽了約。",
    )
    got = {(e.title, e.name, e.kind) for e in found}
    assert got == {
        ("VP", "陳志孝", "speaking"),
        ("Chairman", "李義達", "mentioned"),
        ("General Manager", None, "mentioned"),
    }
    vp = next(e for e in found if e.title == "VP")  # "陳副總" in the hand-over is the same person (surname + 副總)
    assert (vp.quote, vp.evidence.split(";")[0]) in {
        ("我是信輝的副總經理陳志孝。", "'副總經理' -> VP"),
        ("現在我們就把時間交給陳副總。", "'陳副總' -> VP"),
    }


def test_a_name_right_before_its_title_in_either_script() -> None:
    assert {(e.title, e.name) for e in call("zh", "customer: 李义达董事长明天来。")} == {("Chairman", "李义达")}
    assert {(e.title, e.name) for e in call("zh", "customer: 李義達董事長明天來。")} == {("Chairman", "李義達")}


def test_lines_of_an_executive_labelled_in_traditional_characters() -> None:
    call_ = transcript(
        "zh",
        "陳志孝/unknown: 大家好，我是信輝的副總經理陳志孝。",
        "陳志孝/unknown: 營收成長了。",
        "主持人/unknown: 謝謝。",
    )
    (vp,) = find_executives(call_)
    assert (vp.name, vp.speaker) == ("陳志孝", "陳志孝")
    assert executive_turns(call_, [vp]) == {0: vp, 1: vp}
