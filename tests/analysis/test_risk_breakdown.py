"""bench/risk_breakdown.py's per-speaker rows (corpora whose items carry ``register:``, eval_heldout11a, or
``first_language:`` and ``proficiency:``, eval_heldout12a; ``directness:`` and ``speaker_role:``, eval_heldout13a;
``industry:`` (also P/R) and ``trap_kind:``, eval_heldout14a; ``time:`` and ``voice:`` (also P/R), eval_heldout15a)
and per-genre rows (``genre:``, eval_heldout12b), on small
corpora written here: risk lines caught and customer no-risk lines flagged per value, only where items carry the
tag."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from assistant.records import Hit

CORPUS = """language: en
items:
- {kind: pos, labels: [price], register: formal, text: "The proposed price is beyond what we can approve."}
- {kind: pos, labels: [support], register: sarcastic, text: "Oh, support is lovely, six weeks and no answer."}
- {kind: pos, labels: [budget], register: sarcastic, text: "Budget? What budget. It was cut."}
- {kind: sense, trap: metrics, labels: [], distractor: metrics, register: sarcastic, text: "Our churn fell. Tragic."}
- {kind: ok, labels: [], distractor: praise, register: formal, text: "Your support is better than Sage's."}
- {kind: rep, labels: [], text: "Thanks, that's all from me."}
"""
HIT = Hit("price_too_high", "Price too high", "price", "customer", "Dana", 1.0, 2.0, "beyond what we can approve",
          "beyond", 3, "en", 30.0)  # fmt: skip


def rows_of(rules_eval: ModuleType, risk_breakdown: ModuleType, folder: Path, flagged: set[int]) -> dict[str, str]:
    items = rules_eval.load_corpus(folder, ("en",), extras=False)
    preds = [rules_eval.Prediction(i, (HIT,) if i.number in flagged else ()) for i in items]
    rows = risk_breakdown.breakdown(preds, risk_breakdown.tags(folder, ("en",)))
    return {row.split(" (")[0]: row for row in rows}


def test_register_rows_count_caught_and_flagged_per_register(
    rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path
) -> None:
    """Items 1 (formal risk) and 4 (sarcastic look-alike) flagged: formal 1/1 caught, sarcastic 0/2; sarcastic 1/1
    flagged, formal 0/1; the rep's line is in neither row."""
    (tmp_path / "en.yaml").write_text(CORPUS, encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1, 4})
    assert rows["caught by register"].endswith(": sarcastic 0/2 = 0%, formal 1/1 = 100%")
    assert rows["flagged by register"].endswith(": sarcastic 1/1 = 100%, formal 0/1 = 0%")


def test_no_register_rows_without_the_tag(rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text(CORPUS.replace("register: ", "tone: "), encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1})
    assert not any("register" in title for title in rows)


L2_CORPUS = """language: en
items:
- {kind: pos, labels: [price], first_language: german, proficiency: beginner, text: "Price is too expensive for us."}
- {kind: pos, labels: [competitor], first_language: italian, proficiency: beginner, text: "We think to change."}
- {kind: pos, labels: [budget], first_language: german, proficiency: fluent_slips, text: "The budget is frozen."}
- {kind: neg, labels: [], distractor: denial, first_language: italian, proficiency: beginner, text: "No, we stay."}
- {kind: rep, labels: [], text: "Thanks, that's all from me."}
"""


def test_first_language_and_proficiency_rows(
    rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path
) -> None:
    """Items 1 (german beginner risk) and 4 (italian beginner denial) flagged: german 1/2 caught, italian 0/1;
    beginner 1/2, fluent_slips 0/1; the denial is italian's and beginner's one flagged no-risk line."""
    (tmp_path / "en.yaml").write_text(L2_CORPUS, encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1, 4})
    assert rows["caught by first language"].endswith(": german 1/2 = 50%, italian 0/1 = 0%")
    assert rows["caught by proficiency"].endswith(": beginner 1/2 = 50%, fluent_slips 0/1 = 0%")
    assert rows["flagged by first language"].endswith(": italian 1/1 = 100%")
    assert rows["flagged by proficiency"].endswith(": beginner 1/1 = 100%")
    assert not any("register" in title for title in rows)


def test_genre_rows_count_caught_and_flagged_per_source_genre(
    rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path
) -> None:
    """The register corpus with ``genre:`` in place of ``register:``: the same counts under the genre's rows, and no
    register rows."""
    (tmp_path / "en.yaml").write_text(CORPUS.replace("register: formal", "genre: review").replace(
        "register: sarcastic", "genre: email"), encoding="utf-8")  # fmt: skip
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1, 4})
    assert rows["caught by genre"].endswith(": email 0/2 = 0%, review 1/1 = 100%")
    assert rows["flagged by genre"].endswith(": email 1/1 = 100%, review 0/1 = 0%")
    assert not any("register" in title for title in rows)


INDIRECT_CORPUS = """language: en
items:
- {kind: pos, labels: [price], directness: explicit, register: casual, speaker_role: finance, text: "Too expensive."}
- {kind: pos, labels: [budget], directness: deeply_indirect, register: procurement_legal, speaker_role: finance,
   text: "The software line now reads 'if funds allow'."}
- {kind: pos, labels: [support], directness: hinted, register: corporate, speaker_role: user,
   text: "Support has been, let's say, variable."}
- {kind: ok, labels: [], distractor: hedge, directness: hinted, register: casual, speaker_role: user,
   text: "Let me read it twice first, we're renewing."}
- {kind: rep, labels: [], text: "Thanks, that's all from me."}
"""


def test_directness_register_and_speaker_role_rows(
    rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path
) -> None:
    """Items 1 (explicit finance risk) and 4 (hinted user hedge) flagged: explicit 1/1 caught, hinted 0/1,
    deeply_indirect 0/1; finance 1/2, user 0/1; the hedge is hinted's, casual's and user's one flagged no-risk
    line, and its distractor row counts it."""
    (tmp_path / "en.yaml").write_text(INDIRECT_CORPUS, encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1, 4})
    assert rows["caught by directness"].endswith(": explicit 1/1 = 100%, deeply_indirect 0/1 = 0%, hinted 0/1 = 0%")
    assert rows["caught by register"].endswith(": casual 1/1 = 100%, procurement_legal 0/1 = 0%, corporate 0/1 = 0%")
    assert rows["caught by speaker role"].endswith(": finance 1/2 = 50%, user 0/1 = 0%")
    assert rows["flagged by directness"].endswith(": hinted 1/1 = 100%")
    assert rows["flagged by speaker role"].endswith(": user 1/1 = 100%")
    assert rows["flagged by distractor"].endswith(": hedge 1/1 = 100%")


TRADE_CORPUS = """language: en
items:
- {kind: pos, labels: [price], industry: telecom, text: "Your price per subscriber is too high now."}
- {kind: pos, labels: [support], industry: telecom, text: "The rating ticket has been open three weeks."}
- {kind: pos, labels: [budget], industry: logistics, text: "The IT budget for the depots was cut."}
- {kind: sense, trap: metrics, labels: [], distractor: metrics, trap_kind: metrics, industry: telecom,
   text: "Our own subscriber churn fell to one percent."}
- {kind: sense, trap: word_sense, labels: [], distractor: word_sense, trap_kind: feature, industry: logistics,
   text: "The Carrier Termination workflow is great."}
- {kind: rep, labels: [], text: "Thanks, that's all from me."}
"""


def test_industry_and_trap_kind_rows(rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path) -> None:
    """Items 1 (telecom risk), 4 (telecom own churn) and 5 (a logistics feature named by a trigger word) flagged:
    telecom P/R 1/2, 1/2 (1 1 1), logistics 0/1, 0/1 (0 1 1); caught telecom 1/2, logistics 0/1; each trap kind
    1/1 flagged, the feature apart from the word sense it is written as in ``distractor:``; the rep's line is in no
    industry row."""
    (tmp_path / "en.yaml").write_text(TRADE_CORPUS, encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1, 4, 5})
    assert rows["P/R by industry"].endswith(": telecom 0.50/0.50 (1 1 1), logistics 0.00/0.00 (0 1 1)")
    assert rows["caught by industry"].endswith(": telecom 1/2 = 50%, logistics 0/1 = 0%")
    assert rows["flagged by industry"].endswith(": telecom 1/1 = 100%, logistics 1/1 = 100%")
    assert rows["flagged by trap kind"].endswith(": metrics 1/1 = 100%, feature 1/1 = 100%")
    assert rows["flagged by distractor"].endswith(": metrics 1/1 = 100%, word_sense 1/1 = 100%")


def test_no_industry_or_trap_kind_rows_without_the_tags(
    rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "en.yaml").write_text(CORPUS, encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1})
    assert not any("industry" in title or "trap kind" in title for title in rows)


WHEN_WHO_CORPUS = """language: en
items:
- {kind: pos, labels: [price], time: conditional, voice: own, text: "If the price stays, we won't sign."}
- {kind: pos, labels: [support], time: past_open, voice: colleague, text: "My boss's ticket is open since May."}
- {kind: pos, labels: [budget], time: live, voice: own, text: "The budget was cut."}
- {kind: ok, labels: [], distractor: resolved, trap_kind: resolved, time: past_resolved, voice: own,
   text: "We nearly left over price last year; that's sorted."}
- {kind: sense, trap: third_party, labels: [], distractor: third_party, trap_kind: third_party, time: conditional,
   voice: third_party, text: "Our client says they'll cancel with us if we don't improve."}
- {kind: rep, labels: [], text: "Thanks, that's all from me."}
"""


def test_time_and_voice_rows(rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path) -> None:
    """Items 1 (a conditional threat, own voice), 4 (a settled past scare) and 5 (a client's threat to the customer)
    flagged: conditional P/R 0.50/1.00 (1 1 0), past_open and live missed (P 1.00 with nothing flagged, R 1.00 with
    nothing to find, as ``Counts`` scores); own caught 1/2, colleague 0/1; flagged past_resolved 1/1, conditional 1/1,
    own 1/1, third_party 1/1; the rep's line is in no row."""
    (tmp_path / "en.yaml").write_text(WHEN_WHO_CORPUS, encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1, 4, 5})
    assert rows["P/R by time"].endswith(
        ": conditional 0.50/1.00 (1 1 0), past_open 1.00/0.00 (0 0 1), live 1.00/0.00 (0 0 1), "
        "past_resolved 0.00/1.00 (0 1 0)"
    )
    assert rows["caught by time"].endswith(": conditional 1/1 = 100%, past_open 0/1 = 0%, live 0/1 = 0%")
    assert rows["caught by voice"].endswith(": own 1/2 = 50%, colleague 0/1 = 0%")
    assert rows["flagged by time"].endswith(": past_resolved 1/1 = 100%, conditional 1/1 = 100%")
    assert rows["flagged by voice"].endswith(": own 1/1 = 100%, third_party 1/1 = 100%")
    assert rows["P/R by voice"].startswith("P/R by voice (tp fp fn): own 0.50/0.50 (1 1 1)")


def test_no_time_or_voice_rows_without_the_tags(
    rules_eval: ModuleType, risk_breakdown: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "en.yaml").write_text(CORPUS, encoding="utf-8")
    rows = rows_of(rules_eval, risk_breakdown, tmp_path, {1})
    assert not any(title.endswith(" time") or title.endswith(" voice") for title in rows)
