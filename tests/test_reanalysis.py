"""Reanalysis and rule preview on stored calls: no transcription, changed rules applied, alerts once."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.alerts.policies import load_policies
from assistant.analysis import analyze
from assistant.analysis.model import load_model, vote
from assistant.analysis.model.embedding import DIMS, NAME, Embedder
from assistant.analysis.model.head import save_head
from assistant.analysis.rules import load_ruleset
from assistant.errors import RulesError
from assistant.pipeline import Ingestor
from assistant.reanalysis import call_vectors, preview_rule, reanalyze
from assistant.records import Hit
from assistant.settings import Settings
from assistant.storage import calls, outbox
from assistant.storage.db import Store
from assistant.storage.embeddings import embedding_status, load_embeddings
from tests.conftest import REPO, Cli

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
Alex Morgan: Thanks for joining, how is the rollout going?

00:00:04.500 --> 00:00:09.000
Dana Whitfield: Honestly our team finds the new dashboard confusing and we need more training.

00:00:09.500 --> 00:00:12.000
Dana Whitfield: Also the price is too high for us this year.
"""
POLICY = """policies:
  - name: any price talk
    trigger:
      categories: [price]
    channels:
      - type: webhook
        url: http://127.0.0.1:9/hook
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(REPO / "keyword_rules", folder)
    return folder


@pytest.fixture
def stored(settings: Settings, rules_dir: Path, tmp_path: Path) -> tuple[Settings, Store, int]:
    settings = settings.model_copy(update={"rules_dir": rules_dir, "rep_names": ["Alex Morgan"]})
    store = Store.open(settings)
    (tmp_path / "call.vtt").write_text(VTT)
    result = Ingestor(settings, store).ingest_file(tmp_path / "call.vtt")
    assert result.status == "stored", result.message
    return settings, store, result.call_id or 0


def _drop_rule(rules_dir: Path, filename: str) -> None:
    (rules_dir / filename).unlink()


def test_unchanged_rules_leave_calls_alone(stored: tuple[Settings, Store, int]) -> None:
    settings, store, call_id = stored
    [result] = reanalyze(store, settings, load_ruleset(settings.rules_dir), [call_id])
    assert result.status == "unchanged"
    [forced] = reanalyze(store, settings, load_ruleset(settings.rules_dir), [call_id], force=True)
    assert forced.status == "updated" and forced.score_after == forced.score_before


def test_changed_rules_are_applied_without_transcribing(stored: tuple[Settings, Store, int], rules_dir: Path) -> None:
    settings, store, call_id = stored
    before = calls.get_call(store, call_id=call_id).analysis
    assert before is not None and "price" in {h.category for h in before.hits}
    _drop_rule(rules_dir, "price.yaml")
    [result] = reanalyze(store, settings, load_ruleset(rules_dir), [call_id])
    after = calls.get_call(store, call_id=call_id).analysis
    assert result.status == "updated" and after is not None
    assert "price" not in {h.category for h in after.hits if h.source == "rules"}
    assert after.rules_version != before.rules_version
    assert (result.score_after or 0) < (result.score_before or 0)
    assert calls.get_call(store, call_id=call_id).transcript.utterances[1].text.startswith("Honestly")


def test_missing_call_fails_alone(stored: tuple[Settings, Store, int]) -> None:
    settings, store, call_id = stored
    results = list(reanalyze(store, settings, load_ruleset(settings.rules_dir), [999, call_id], force=True))
    assert [r.status for r in results] == ["failed", "updated"]
    assert "no call with id 999" in results[0].message


def test_reanalysis_alerts_once_per_call_and_policy(stored: tuple[Settings, Store, int], tmp_path: Path) -> None:
    settings, store, call_id = stored
    (tmp_path / "alerts.yaml").write_text(POLICY)
    policies = load_policies(tmp_path / "alerts.yaml")
    ruleset = load_ruleset(settings.rules_dir)
    for _ in range(3):
        list(reanalyze(store, settings, ruleset, [call_id], policies=policies, force=True))
    alerts = outbox.list_alerts(store, call_id=call_id)
    assert [a.policy for a in alerts] == ["any price talk"]


def test_preview_shows_hits_with_context(stored: tuple[Settings, Store, int]) -> None:
    settings, store, call_id = stored
    found = preview_rule(store, settings, load_ruleset(settings.rules_dir), "price_too_high")
    assert [(p.call.id, p.hit.rule) for p in found] == [(call_id, "price_too_high")]
    assert found[0].context[0].startswith("Dana Whitfield: Honestly")
    assert found[0].context[-1] == "Dana Whitfield: Also the price is too high for us this year."
    with pytest.raises(RulesError, match=r"no rule with id 'nope'.*price_too_high"):
        preview_rule(store, settings, load_ruleset(settings.rules_dir), "nope")


def test_cli_reanalyze_and_preview(cli: Cli, tmp_path: Path, rules_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_RULES_DIR", str(rules_dir))
    monkeypatch.setenv("ASSISTANT_REP_NAMES", '["Alex Morgan"]')
    (tmp_path / "call.vtt").write_text(VTT)
    assert cli("ingest", str(tmp_path / "call.vtt"))[0] == 0
    status, out, _ = cli("rules", "preview", "price_too_high", "--json")
    assert status == 0 and json.loads(out)[0]["hit"]["rule"] == "price_too_high"
    _drop_rule(rules_dir, "price.yaml")
    status, out, _ = cli("reanalyze", "--all", "--json")
    assert status == 0 and [r["status"] for r in json.loads(out)] == ["updated"]
    (rules_dir / "broken.yaml").write_text("rules:\n  - id: x\n    paterns: {}\n")
    status, _, err = cli("reanalyze", "--all", "--force")
    assert status == 1 and "broken.yaml:3" in err
    assert cli("reanalyze")[0] == 2


MODEL_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
Dana Whitfield: Honestly the new version is a disgrace, nothing works, my people are furious.

00:00:04.500 --> 00:00:06.000
Alex Morgan: Thanks for telling me, how is the rollout going otherwise?

00:00:06.500 --> 00:00:09.000
Dana Whitfield: Honestly our team finds the new dashboard confusing and we need more training.

00:00:09.500 --> 00:00:12.000
Dana Whitfield: Also the price is too high for us this year.
"""
# The complaint opens the call (read alone: dissatisfaction 0.76). Said after another turn, the fifth-round head's
# context reader puts it under its 0.50 threshold (after the price line 0.38): a known weakness of the shipped head
# (docs/benchmarks.md, fifth round); this test is about reading stored embeddings, not about that.
# "..., my people are furious." added in the eleventh round: the eleventh-round head (dissatisfaction threshold 0.40
# -> 0.65) no longer flags the shorter complaint, and rules11's plain_dissatisfaction takes most plain verdicts; the
# longer one is still a line only the model flags.


@pytest.fixture
def with_model(stored: tuple[Settings, Store, int], tmp_path: Path) -> tuple[Settings, Store, int]:
    """A stored call with a line only the learned model flags (implicit dissatisfaction)."""
    settings, store, _ = stored
    (tmp_path / "model.vtt").write_text(MODEL_VTT)
    result = Ingestor(settings, store).ingest_file(tmp_path / "model.vtt")
    assert result.status == "stored", result.message
    return settings, store, result.call_id or 0


def _no_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Embedder, texts: object) -> None:
        raise AssertionError("reanalysis embedded lines although their vectors are stored")

    monkeypatch.setattr(Embedder, "embed", refuse)


def test_reanalysis_reads_the_stored_embeddings(
    with_model: tuple[Settings, Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, store, call_id = with_model
    before = calls.get_call(store, call_id=call_id).analysis
    assert before is not None and any(h.source == "model" for h in before.hits)  # the model read the vectors
    status = embedding_status(store, model=NAME)
    assert (status.utterances, status.current) == (7, 7)  # rep lines too (meaning search)
    _no_embedding(monkeypatch)
    [result] = reanalyze(store, settings, load_ruleset(settings.rules_dir), [call_id], force=True)
    after = calls.get_call(store, call_id=call_id).analysis
    assert result.status == "updated" and "embedded again" not in result.message
    assert after is not None and after.hits == before.hits  # same vectors (float16 at ingest too): same verdicts


@pytest.mark.parametrize("damage", [
    "UPDATE utterance_embedding SET model = 'old-encoder' WHERE call_id = {call}",
    "UPDATE utterance_embedding SET vector = X'00' WHERE call_id = {call}",
    "DELETE FROM utterance_embedding WHERE id = (SELECT min(id) FROM utterance_embedding WHERE call_id = {call})",
])  # fmt: skip
def test_stale_corrupt_or_missing_embeddings_are_made_again_and_reported(
    with_model: tuple[Settings, Store, int], damage: str
) -> None:
    settings, store, call_id = with_model
    before = calls.get_call(store, call_id=call_id).analysis
    with store.engine.begin() as conn:
        conn.execute(text(damage.format(call=call_id)))
    assert embedding_status(store, model=NAME).calls_due == (0 if "X'00'" in damage else 1)
    assert before is not None and any(h.source == "model" for h in before.hits)
    [result] = reanalyze(store, settings, load_ruleset(settings.rules_dir), [call_id], force=True)
    assert result.status == "updated" and "embedded again" in result.message
    reason = {"old": "made by old-encoder, not by the current model", "X'00'": "corrupt embedding of utterance 1",
              "DELETE": "1 of 4 utterances have no stored embedding"}  # fmt: skip
    assert next(v for k, v in reason.items() if k in damage) in result.message
    assert load_embeddings(store, call_id=call_id, model=NAME, dims=DIMS).vectors is not None  # stored again
    after = calls.get_call(store, call_id=call_id).analysis
    assert after is not None and after.hits == before.hits


LONG_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
Alex Morgan: How has the quarter been on your side?

00:00:04.500 --> 00:00:40.000
Dana Whitfield: Busy, to be honest. We opened the new depot in Leeds in October and it went better than planned. \
The drivers like the new vans, and the routes are shorter now. Our own sales grew about eight percent, mostly online. \
Finance has frozen all new software spend until the summer, so anything extra has to wait. \
Otherwise the team is settling in well after the move, and the canteen finally has decent coffee.
"""


@pytest.fixture
def long_turn(stored: tuple[Settings, Store, int], tmp_path: Path) -> tuple[Settings, Store, int]:
    """A stored call with a long customer turn, which the model reads sentence by sentence."""
    settings, store, _ = stored
    (tmp_path / "long.vtt").write_text(LONG_VTT)
    result = Ingestor(settings, store).ingest_file(tmp_path / "long.vtt")
    assert result.status == "stored", result.message
    return settings, store, result.call_id or 0


def _sentence_rows(store: Store, call_id: int) -> list[tuple[str, int]]:
    with store.engine.connect() as conn:
        query = text("SELECT model, length(vector) FROM sentence_embedding WHERE call_id = :c ORDER BY id")
        return [(str(m), int(n)) for m, n in conn.execute(query, {"c": call_id}).all()]


def test_the_long_turns_sentence_vectors_are_stored_at_ingest_and_read_back(
    long_turn: tuple[Settings, Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, store, call_id = long_turn
    assert _sentence_rows(store, call_id) == [(NAME, DIMS * 2)] * 5  # the turn's five sentences, float16
    before = calls.get_call(store, call_id=call_id).analysis
    _no_embedding(monkeypatch)  # neither a line nor a sentence is embedded again
    [result] = reanalyze(store, settings, load_ruleset(settings.rules_dir), [call_id], force=True)
    assert result.status == "updated" and "embedded again" not in result.message, result.message
    after = calls.get_call(store, call_id=call_id).analysis
    assert before is not None and after is not None and after.hits == before.hits


@pytest.mark.parametrize("damage", [
    "DELETE FROM sentence_embedding WHERE call_id = {call}",  # a call stored before sentence vectors were kept
    "UPDATE sentence_embedding SET model = 'old-encoder' WHERE call_id = {call}",
    "UPDATE sentence_embedding SET text_hash = 'another cut' WHERE id = (SELECT min(id) FROM sentence_embedding)",
    "UPDATE sentence_embedding SET vector = X'00' WHERE id = (SELECT min(id) FROM sentence_embedding)",
])  # fmt: skip
def test_missing_stale_or_corrupt_sentence_vectors_are_made_again_and_reported(
    long_turn: tuple[Settings, Store, int], damage: str
) -> None:
    settings, store, call_id = long_turn
    before = calls.get_call(store, call_id=call_id).analysis
    with store.engine.begin() as conn:
        conn.execute(text(damage.format(call=call_id)))
    [result] = reanalyze(store, settings, load_ruleset(settings.rules_dir), [call_id], force=True)
    made = "1 of 5" if "min(id)" in damage else "5 of 5"
    assert f"{made} sentences of long turns embedded again (no stored vector of {NAME})" in result.message
    assert "utterances" not in result.message  # the lines' own vectors were sound: read, not made again
    assert _sentence_rows(store, call_id) == [(NAME, DIMS * 2)] * 5  # stored again, of the current model only
    after = calls.get_call(store, call_id=call_id).analysis
    assert before is not None and after is not None and after.hits == before.hits
    [again] = reanalyze(store, settings, load_ruleset(settings.rules_dir), [call_id], force=True)
    assert "embedded again" not in again.message


def _votes_stored(store: Store, call_id: int) -> list[tuple[str, int]]:
    with store.engine.connect() as conn:
        query = text("SELECT head, count(*) FROM model_vote WHERE call_id = :c GROUP BY head")
        return [(str(h), int(n)) for h, n in conn.execute(query, {"c": call_id}).all()]


def _count_products(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows each vote product of the churn-risk model reads from now on."""
    read: list[int] = []
    real = vote._votes
    monkeypatch.setattr(vote, "_votes", lambda q, *rest: read.append(len(q)) or real(q, *rest))
    return read


def _fresh(settings: Settings, store: Store, call_id: int, rules_dir: Path) -> tuple[Hit, ...]:
    """The call's hits read now from its stored vectors, no stored vote taken."""
    call = calls.get_call(store, call_id=call_id)
    vectors = call_vectors(store, settings, load_ruleset(rules_dir), load_model(), call).vectors
    return analyze(call.transcript, load_ruleset(rules_dir), settings=settings, vectors=vectors).hits


@pytest.mark.parametrize(
    ("call", "rows", "dropped"), [("long_turn", 6, "budget.yaml"), ("with_model", 3, "price.yaml")]
)
def test_a_rule_change_reads_the_stored_votes_and_finds_what_a_fresh_reading_finds(
    request: pytest.FixtureRequest, rules_dir: Path, monkeypatch: pytest.MonkeyPatch, call: str, rows: int,
    dropped: str,
) -> None:  # fmt: skip
    """A long turn (its line and 5 sentences) and short lines the model flags and explains: the ingest stores the
    votes it read; after a rule change, reanalysis reads no product of the head's examples and finds the hits
    (evidence, nearest examples) of a fresh reading."""
    settings, store, call_id = request.getfixturevalue(call)
    version = load_model().version
    assert _votes_stored(store, call_id) == [(version, rows)]
    _drop_rule(rules_dir, dropped)
    products = _count_products(monkeypatch)
    [warm] = reanalyze(store, settings, load_ruleset(rules_dir), [call_id])
    assert warm.status == "updated" and products == []  # the head's examples not read at all
    after = calls.get_call(store, call_id=call_id).analysis
    fresh = _fresh(settings, store, call_id, rules_dir)
    assert products and after is not None and after.hits == fresh  # the same hits, evidence and nearest examples
    assert any(h.source == "model" and "like \u201c" in h.evidence for h in after.hits)
    assert _votes_stored(store, call_id) == [(version, rows)]


@pytest.mark.parametrize("damage", [
    "UPDATE model_vote SET head = 'a0a0a0a0a0a0' WHERE call_id = {call}",  # read under another head
    "DELETE FROM model_vote WHERE call_id = {call}",
    "UPDATE model_vote SET vote = X'00' WHERE id = (SELECT min(id) FROM model_vote WHERE call_id = {call})",
    "UPDATE model_vote SET row_key = 'elsewhere' WHERE id = (SELECT min(id) FROM model_vote WHERE call_id = {call})",
])  # fmt: skip
def test_stale_missing_or_corrupt_votes_are_read_anew_and_stored_again(
    long_turn: tuple[Settings, Store, int], rules_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    settings, store, call_id = long_turn
    version = load_model().version
    list(reanalyze(store, settings, load_ruleset(rules_dir), [call_id], force=True))
    before = calls.get_call(store, call_id=call_id).analysis
    with store.engine.begin() as conn:
        conn.execute(text(damage.format(call=call_id)))
    products = _count_products(monkeypatch)
    [result] = reanalyze(store, settings, load_ruleset(rules_dir), [call_id], force=True)
    assert result.status == "updated" and products == ([6] if "head" in damage or "DELETE" in damage else [1])
    after = calls.get_call(store, call_id=call_id).analysis
    assert before is not None and after is not None and after.hits == before.hits
    assert _votes_stored(store, call_id) == [(version, 6)]  # the current head's alone


def test_a_new_head_reads_every_vote_anew(
    long_turn: tuple[Settings, Store, int], rules_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, store, call_id = long_turn
    list(reanalyze(store, settings, load_ruleset(rules_dir), [call_id], force=True))
    shipped = load_model()
    save_head(replace(shipped.head, info=json.dumps({"retrained": True})), tmp_path / "new_head.npz")
    newer = settings.model_copy(update={"churn_model_file": tmp_path / "new_head.npz"})
    version = load_model(tmp_path / "new_head.npz").version
    assert version != shipped.version
    products = _count_products(monkeypatch)
    [result] = reanalyze(store, newer, load_ruleset(rules_dir), [call_id])  # the analysis version changed: due
    assert result.status == "updated" and products == [6]
    assert _votes_stored(store, call_id) == [(version, 6)]


def test_an_ingest_with_the_model_off_stores_no_votes(settings: Settings, tmp_path: Path) -> None:
    off = settings.model_copy(update={"churn_model": False, "rep_names": ["Alex Morgan"]})
    store = Store.open(off)
    (tmp_path / "call.vtt").write_text(MODEL_VTT)
    result = Ingestor(off, store).ingest_file(tmp_path / "call.vtt")
    assert result.status == "stored" and embedding_status(store, model=NAME).current == 4  # vectors, no votes
    assert _votes_stored(store, result.call_id or 0) == []
