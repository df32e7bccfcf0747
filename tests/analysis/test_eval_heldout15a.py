"""Accuracy floors of rules + learned model (what the product does) on the fifteenth session's held-out corpus (a)
``tests/analysis/eval_heldout15a/`` (500 customer turns in en/it/ru/pl/zh where WHEN a churn risk holds and WHOSE
words carry it vary: items drawn at random with a fixed seed: the speaker's role, the account's hidden state (healthy,
or at risk with one of the eleven categories), a time frame (live, planned, conditional threat, past and still open,
habitual; for healthy lines past and resolved, or a speculation that threatens nothing) and a voice (the customer's
own words, a colleague or boss of this account quoted, the end users' complaints relayed, the rep's words confirmed;
for healthy lines a third party's own business, or the rep's risk words rejected); each after the rep's turn before
it; the label is the draw's, by a rule written before any turn; its README).

Drawn and written outside the repository by this session's held-out writer, who had read no rule or model code and
run nothing on it, then frozen (sha256) and scored exactly once after the fifteenth round's head and rules had landed
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout15a --errors``; docs/benchmarks.md, "The sixteenth
held-out corpus (a), scored once: eval_heldout15a"). The floors sit a few points under what that scoring measured, so
a drop in precision or recall, or more no-risk turns flagged, fails here; they record today's product, not the goal
(P >= 0.9, R >= 0.85 per language, false alarms <= 5 %). Tune nothing on this corpus.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import (
    LANGUAGES,
    assert_drawn_label,
    assert_frozen,
    assert_group_floors,
    assert_look_alikes_at_most,
    assert_recall_per_tag,
    corpus_items,
    predict_product,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT15A = ROOT / "tests" / "analysis" / "eval_heldout15a"
# (precision, recall) floors of rules + model, a few points under what was scored once on main 05a4f63 (thirteenth-round
# head: 19,699 lines; rules15's rules): en 0.63/0.93 (39 23 3), it 0.70/0.96 (46 20 2), ru 0.72/0.96 (43 17 2),
# pl 0.66/0.98 (43 22 1), zh 0.74/0.95 (40 14 2), all 0.687/0.955 (211 96 10).
# 42-48 risk lines a language: one line is 2 points of recall
FLOORS = {
    "en": (0.58, 0.88),
    "it": (0.64, 0.91),
    "ru": (0.67, 0.91),
    "pl": (0.61, 0.93),
    "zh": (0.69, 0.90),
    "all": (0.66, 0.93),
}
FALSE_ALARMS = 0.38  # share of the 279 no-risk turns flagged; 96/279 (34.4 %) scored once
# share of the no-risk turns of each time/voice trap flagged, at most; scored once: resolved 40/59, speculation 19/47
# (all 19 by hypothetical hits only, half weight), third_party 10/44, rep_echo 14/47
TRAP_FLAGGED = {"resolved": 0.75, "speculation": 0.47, "third_party": 0.30, "rep_echo": 0.37}
# recall of the risk turns of each time frame and of each voice (all languages), scored once: live 63/64, planned
# 50/54, conditional 40/42, past_open 39/41, habitual 19/20; own 82/87, colleague 75/78, rep 32/34, end_users 22/22
TIME_RECALL = {"live": 0.93, "planned": 0.87, "conditional": 0.90, "past_open": 0.90, "habitual": 0.85}
VOICE_RECALL = {"own": 0.89, "colleague": 0.91, "end_users": 0.90, "rep": 0.88}
RISK_LINES = {"en": 42, "it": 48, "ru": 45, "pl": 44, "zh": 42}  # drawn: P(at risk) = 0.45
NO_RISK_LINES = 279
TRAP_LINES = {"resolved": 59, "speculation": 47, "third_party": 44, "rep_echo": 47}
ROLES = {"user", "champion", "manager", "procurement", "finance", "executive", "it_admin"}
# the drawn trap -> (kind, distractor), as LABEL_RULE.md says
TRAPS = {"resolved": ("ok", "resolved"), "speculation": ("ok", "hypothetical"),
         "third_party": ("sense", "third_party"), "rep_echo": ("neg", "denial"), "praise": ("ok", "praise"),
         "metrics": ("sense", "metrics"), "logistics": ("sense", "logistics"),
         "word_sense": ("sense", "word_sense")}  # fmt: skip
# the time frames and voices the draw allows: a risk line's, and each trap's
RISK_TIMES, RISK_VOICES = set(TIME_RECALL), set(VOICE_RECALL)
TRAP_AXES = {"resolved": ({"past_resolved"}, {"own", "colleague", "end_users"}),
             "speculation": ({"speculation"}, {"own", "colleague"}),
             "third_party": (RISK_TIMES, {"third_party"}), "rep_echo": ({"live", "planned", "conditional"}, {"rep"}),
             "praise": ({"live", "habitual"}, {"own", "colleague", "end_users"}),
             "metrics": ({"live", "past_open", "habitual"}, {"own"}), "logistics": ({"planned"}, {"own", "colleague"}),
             "word_sense": ({"live", "habitual"}, {"own", "colleague"})}  # fmt: skip
ITEMS_DIGEST = "c9830df6ba93140c4cef9096cdb6e6ac2479a9224fee3586108f825c45910152"  # items.tsv, saved before writing


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT15A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout15a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    assert_group_floors(rules_eval, predictions, group, FLOORS, RISK_LINES)


def test_heldout15a_no_risk_turns_flagged_at_most(predictions: list) -> None:
    """Past scares now settled, speculations, a third party's own trouble and the rep's risk words rejected are among
    the 279 no-risk turns."""
    assert_look_alikes_at_most(predictions, NO_RISK_LINES, FALSE_ALARMS)


def test_heldout15a_time_and_voice_traps_flagged_at_most(predictions: list) -> None:
    """Each trap of time (past and resolved, speculation) and voice (a third party's own business, the rep's words
    rejected): at most the share scored once flagged."""
    kinds = {(lang, n): item.get("trap_kind") for lang in LANGUAGES
             for n, item in enumerate(corpus_items(HELDOUT15A, lang), 1)}  # fmt: skip
    lines: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for p in predictions:
        kind = kinds[(p.item.lang, p.item.number)]
        if kind in TRAP_FLAGGED:
            lines[kind] += 1
            flagged[kind] += p.is_risk
    assert lines == TRAP_LINES, dict(lines)
    high = {k: f"{flagged[k]}/{lines[k]}" for k in TRAP_FLAGGED if flagged[k] > TRAP_FLAGGED[k] * lines[k]}
    assert not high, f"traps over their ceiling: {high}"


def test_heldout15a_recall_per_time_frame(predictions: list) -> None:
    """Risk turns caught per time frame (live, planned, conditional threat, past and still open, habitual)."""
    assert_recall_per_tag(predictions, HELDOUT15A, "time", TIME_RECALL, sum(RISK_LINES.values()))


def test_heldout15a_recall_per_voice(predictions: list) -> None:
    """Risk turns caught per voice (the customer's own, a colleague's or boss's, the end users' relayed, the rep's
    confirmed)."""
    assert_recall_per_tag(predictions, HELDOUT15A, "voice", VOICE_RECALL, sum(RISK_LINES.values()))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout15a_items_are_the_drawn_ones(lang: str) -> None:
    """One item a draw, in draw order: speaker's role, time and voice are the draw's and ones the draw allows for the
    state; a risk item is kind pos with its one category, a healthy item a no-risk line whose trap_kind is its trap
    (kind and distractor from the trap, as the label rule says); every item follows the rep's turn."""
    drawn = [line.split("\t") for line in (HELDOUT15A / "items.tsv").read_text(encoding="utf-8").splitlines()]
    drawn = [d for d in drawn if d[0].startswith(lang)]
    items = corpus_items(HELDOUT15A, lang)
    assert [i["id"] for i in items] == [d[0] for d in drawn] == [f"{lang}{n:03d}" for n in range(1, 101)]
    kinds = {distractor: kind for kind, distractor in TRAPS.values()}
    for item, (_, role, time, voice, state, about) in zip(items, drawn, strict=True):
        assert (item["speaker_role"], item["time"], item["voice"]) == (role, time, voice), item["id"]
        assert role in ROLES, item["id"]
        trap = state.removeprefix("none:") if state.startswith("none:") else None
        times, voices = TRAP_AXES[trap] if trap else (RISK_TIMES, RISK_VOICES)
        assert time in times and voice in voices, item["id"]
        assert_drawn_label(item, f"none:{TRAPS[trap][1]}" if trap else state, kinds)
        assert item.get("trap_kind") == trap and (trap is None or item["kind"] == TRAPS[trap][0]), item["id"]
        assert item.get("about", "-") == about, item["id"]
    assert sum(i["kind"] == "pos" for i in items) == RISK_LINES[lang]


def test_heldout15a_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring, and the draw is the one saved before
    any turn was written (SHA256SUMS beside them; the draw's digest from the writer's items.SHA256)."""
    assert_frozen(HELDOUT15A, {"items.tsv": ITEMS_DIGEST})


def test_heldout15a_is_read_by_the_trainers_loader() -> None:
    """The corpus can join the training lines as it is: the trainer's loader reads all 500 turns, the risk turns with
    their one category, a third party's own business in the third-party look-alike column, and the settled,
    speculative and rejected-echo turns as plain no-risk lines (no column)."""
    from assistant.analysis.model.labelled import load_examples

    examples = load_examples([HELDOUT15A])
    assert len(examples) == 500
    assert sum(bool(e.labels) for e in examples) == sum(RISK_LINES.values())
    by_text = {e.text: e for e in examples}
    raw = [i for lang in LANGUAGES for i in corpus_items(HELDOUT15A, lang)]
    columns = Counter((i["trap_kind"], by_text[i["text"]].trap) for i in raw if i.get("trap_kind"))
    assert columns[("third_party", "third_party")] == 44 and columns[("metrics", "own_metrics")] == 17, columns
    assert {k: columns[(k, "")] for k in ("resolved", "speculation", "rep_echo")} == {
        "resolved": 59,
        "speculation": 47,
        "rep_echo": 47,
    }, columns
