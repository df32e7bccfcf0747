"""Manager input can't take the host down: costly rules are refused at load time (file:line), and one
pathological utterance is skipped with a warning while the rest of the call is analysed.

The time limits below fail if a bound is removed: without them each case takes minutes or gigabytes.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.analysis import analyze, scan
from assistant.analysis.budget import Budget
from assistant.analysis.cost import regex_problem, repeats
from assistant.analysis.rules import Rule, load_ruleset, ruleset_from_rules
from assistant.errors import RulesError
from assistant.records import Transcript, Utterance
from assistant.settings import Settings

HEAD = """\
rules:
  - id: price_too_high
    category: price
    weight: 30
    phrases:
      en: ["too expensive"]
    patterns:
      en:
        - {pattern}
"""


def _problems(tmp_path: Path, pattern: str) -> list[str]:
    (tmp_path / "p.yaml").write_text(HEAD.format(pattern=pattern), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RulesError) as info:
        load_ruleset(tmp_path)
    assert time.monotonic() - started < 5, "checking a rule must not run it"
    return info.value.problems


@pytest.mark.parametrize(
    ("pattern", "needle"),
    [
        ("[{LOWER: price}, {OP: '{0,100}'}, {LOWER: high}]", "expands to 102 tokens ({OP: '{0,100}'})"),
        ("[{LOWER: price}, {OP: '{0,100000}'}, {LOWER: high}]", "expands to 100,002 tokens"),
        ("[{LOWER: price}, {OP: '{0,99999999999999999999}'}]", "expands to 100,000,000,000,000,000,000 tokens"),
        ("[{LOWER: a, OP: '{3}'}, {LOWER: b, OP: '{3,}'}, {LOWER: c, OP: '{7}'}]", "expands to 13 tokens"),
        ("[{LOWER: price}" + ", {OP: '?'}" * 9 + "]", "9 optional tokens"),
        ("[{LOWER: price}, {OP: '{1,10}'}, {LOWER: high}]", "9 optional tokens"),
        ("[{LOWER: price}, {OP: '+'}, {LOWER: high}]", "unbounded wildcard"),
        ("[{LOWER: price}, {OP: '{2,}'}, {LOWER: high}]", "unbounded wildcard"),
        ("[{LOWER: very, OP: '+'}, {LOWER: high, OP: '*'}]", "more than one token repeats without bound"),
        ("[{TEXT: {REGEX: '^((a+))+$'}}]", "nests repetition"),
        ("[{TEXT: {REGEX: '(\\w+\\s?)*x'}}]", "nests repetition"),
        ("[{TEXT: {REGEX: '((ab|a*)c)+'}}]", "nests repetition"),
        ("[{TEXT: {REGEX: '(?=(a+)+)b'}}]", "nests repetition"),
        ("[{TEXT: {REGEX: '(a+'}}]", "not valid"),
    ],
)
def test_costly_patterns_are_refused_with_file_and_line(tmp_path: Path, pattern: str, needle: str) -> None:
    problems = _problems(tmp_path, pattern)
    assert len(problems) == 1 and problems[0].startswith(f"{tmp_path / 'p.yaml'}:9: patterns.en: "), problems
    assert needle in problems[0], problems


@pytest.mark.parametrize(
    "pattern",
    [
        "[{LEMMA: price}, {OP: '{0,3}'}, {LOWER: high}]",
        "[{LOWER: very, OP: '+'}, {LOWER: expensive}]",
        "[{LOWER: price}" + ", {OP: '?'}" * 8 + ", {LOWER: high}]",
        "[{TEXT: {REGEX: '^\\d{1,3}(,\\d{3})*$'}}]",
        "[{TEXT: {REGEX: '^(foo|bar)+$'}}, {LOWER: x}]",
    ],
)
def test_reasonable_patterns_still_load(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "p.yaml").write_text(HEAD.format(pattern=pattern), encoding="utf-8")
    assert load_ruleset(tmp_path).rules[0].patterns["en"]


def test_repeat_bounds_are_read_like_spacy() -> None:
    assert repeats("") == (1, 1) and repeats("?") == (0, 1) and repeats("{2}") == (2, 2)
    assert repeats("{,4}") == (0, 4) and repeats("{1,3}") == (1, 3) and repeats("{2,}") == (2, float("inf"))
    assert repeats("{}") is None and repeats("often") is None
    assert regex_problem("^price$") is None and regex_problem("x" * 300) is not None


def _call(*texts: str) -> Transcript:
    utts = tuple(
        Utterance("customer", "customer", 10.0 * i, 10.0 * i + 9, t, language="en") for i, t in enumerate(texts)
    )
    return Transcript(utts, "en", 10.0 * len(texts), "vtt")


def _unchecked_rule() -> Rule:
    """A costly pattern built in code, past the load-time check (14 optional tokens): only the time budget
    stops it. Measured on an AMD EPYC: the hostile line below takes 6 s per 300 repeats without a budget."""
    pattern = ({"LOWER": "price"}, {"OP": "{0,14}"}, {"LOWER": "high"})
    return Rule("slow", "Slow", "price", 30, phrases={"en": ("too expensive",)}, patterns={"en": (pattern,)})


def test_a_pathological_utterance_is_skipped_with_a_warning_and_the_rest_analysed() -> None:
    ruleset = ruleset_from_rules((_unchecked_rule(),))
    hostile = " ".join(["the price is way too high for what we get and we are looking at others"] * 1500)
    call = _call("honestly it is too expensive", hostile, "still too expensive for us")
    scan(_call("warm up"), ruleset)
    started = time.monotonic()
    hits, warnings = scan(call, ruleset, Budget(0.5))
    assert time.monotonic() - started < 6  # ~30 s without the budget
    assert [h.utterance_index for h in hits] == [0, 2]
    assert len(warnings) == 1 and warnings[0].startswith("Warning: utterance 2 at 0:10 (customer,")
    assert "longer than 0.5 s" in warnings[0]


def test_the_warning_reaches_the_report() -> None:
    ruleset = ruleset_from_rules((_unchecked_rule(),))
    hostile = " ".join(["the price is way too high for what we get and we are looking at others"] * 1500)
    analysis = analyze(_call("it is too expensive", hostile), ruleset, settings=Settings(), seconds_per_utterance=0.5)
    assert len(analysis.hits) == 1 and len(analysis.warnings) == 1
    assert analysis.report.explanation.endswith(analysis.warnings[0])


def test_a_long_hostile_line_against_a_loaded_rule_stays_within_its_budget(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(HEAD.format(pattern="[{LOWER: very, OP: '+'}]"), encoding="utf-8")
    ruleset = load_ruleset(tmp_path)
    call = _call("too expensive", "very " * 20_000, "too expensive again")
    started = time.monotonic()
    hits, warnings = scan(call, ruleset, Budget(1.0))
    assert time.monotonic() - started < 15
    assert {h.utterance_index for h in hits} >= {0, 2}
    assert [w.split()[2] for w in warnings] in ([], ["2"])


def test_long_utterances_find_pattern_matches_across_windows(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(HEAD.format(pattern="[{LOWER: price}, {LOWER: high}]"), encoding="utf-8")
    ruleset = load_ruleset(tmp_path)
    filler = "and then we talked about the weather " * 60  # ~420 tokens: several matcher windows
    hits, warnings = scan(_call(filler + "the price high " + filler), ruleset)
    assert warnings == () and [h.matched for h in hits] == ["price high"]


def test_a_long_unpunctuated_utterance_with_many_matches_is_analysed_in_time(tmp_path: Path) -> None:
    """One sentence of 26,000 characters holding a phrase 1,000 times: polarity is judged lazily (the first
    plain statement is the best hit) and the sentence's words are read once, so it takes well under a
    second; judging every match took longer than the 5 s budget."""
    (tmp_path / "p.yaml").write_text(HEAD.format(pattern="[{LOWER: way}, {LOWER: too}]"), encoding="utf-8")
    ruleset = load_ruleset(tmp_path)
    scan(_call("warm up: too expensive"), ruleset)
    started = time.monotonic()
    hits, warnings = scan(_call("the price is too expensive and " * 1000), ruleset, Budget(5.0))
    assert time.monotonic() - started < 3
    assert warnings == () and [(h.rule, h.negated, h.start) for h in hits] == [("price_too_high", False, 0.0)]


def test_executive_detection_on_a_hostile_line_is_bounded_too() -> None:
    """800 titles with names in one sentence take ~17 s to judge (AMD EPYC); the budget skips the line."""
    from assistant.analysis.executives import default_executive_titles, scan_executives

    titles = default_executive_titles()
    first = Utterance("Dana", "customer", 0.0, 2.0, "Our CFO Jane Smith is on the call.", language="en")
    hostile = Utterance("Dana", "customer", 2.0, 4.0, "our CFO Jane Smith said " * 800, language="en")
    scan_executives(Transcript((first,), "en", 2.0, "vtt"), titles)
    started = time.monotonic()
    found, skipped = scan_executives(Transcript((first, hostile), "en", 4.0, "vtt"), titles, Budget(0.5))
    assert time.monotonic() - started < 8  # ~2.2 s here: one spaCy parse of the line runs before the first check
    assert skipped == (1,) and [(e.title, e.name) for e in found] == [("CFO", "Jane Smith")]
