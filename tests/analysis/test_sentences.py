"""Long customer turns read sentence by sentence (``model/sentences.py``, eleventh round): where a turn is cut, which
turns are, a rule hit judged by the look-alike reading of its own sentence, one model hit per category; through the
real model, a cut turn's model hits quoting one of its sentences; and the model leaving a category the rep's question
named when the customer's short answer denies it ("No, we're staying.")."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis import find_hits
from assistant.analysis.model import ChurnModel, load_model
from assistant.analysis.model.classify import dismiss
from assistant.analysis.model.head import load_head, save_head, train_head
from assistant.analysis.model.head_file import Members, write_members
from assistant.analysis.model.sentences import best_per_category, cut, reason_for, spans, words
from assistant.analysis.rules import load_ruleset
from assistant.records import Hit, Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR

LONG = (
    "Quite a lot, actually. We're moving offices in February, to the business park by the ring road. "
    "The board approved the new apprenticeship scheme, which I'm really pleased about! "
    "On your product, I'll be frank: the last two releases broke the stock counts both times and my patience "
    "is wearing thin. Apart from that, the Christmas rush looks normal, maybe slightly quieter than last year."
)


def _pieces(text: str, lang: str) -> list[str]:
    return [text[a:b].strip() for a, b in spans(text, lang)]


def test_a_turn_is_cut_after_its_sentence_ends_and_short_pieces_join_a_neighbour() -> None:
    assert _pieces(LONG, "en") == [
        "Quite a lot, actually. We're moving offices in February, to the business park by the ring road.",
        "The board approved the new apprenticeship scheme, which I'm really pleased about!",
        "On your product, I'll be frank: the last two releases broke the stock counts both times and my patience "
        "is wearing thin.",
        "Apart from that, the Christmas rush looks normal, maybe slightly quieter than last year.",
    ]
    assert _pieces("Prices rose 3.5 percent this year. Fine.", "en") == ["Prices rose 3.5 percent this year. Fine."]
    zh = "我们今年开了三家新店，生意还不错。你们的系统上次升级以后一直卡，我们老板已经很不满意了。其他都挺好。"
    assert _pieces(zh, "zh") == [
        "我们今年开了三家新店，生意还不错。",
        "你们的系统上次升级以后一直卡，我们老板已经很不满意了。其他都挺好。",
    ]
    assert words(zh, "zh") == len(zh) / 2


def test_only_long_customer_turns_of_several_sentences_are_cut() -> None:
    lines = [
        (0, Utterance("rep", "rep", 0.0, 1.0, LONG), "en"),
        (1, Utterance("c", "customer", 1.0, 2.0, LONG), "en"),
        (2, Utterance("c", "customer", 2.0, 3.0, "Too expensive. We will see."), "en"),
        (3, Utterance("c", "customer", 3.0, 4.0, " ".join(["word"] * 40) + "."), "en"),
    ]
    pieces = cut(lines, 30)
    assert [i for i, _, _ in pieces.lines] == [1, 1, 1, 1] and pieces.parent.tolist() == [1, 1, 1, 1]
    assert pieces.lines[2][1].text.startswith("On your product") and pieces.lines[2][1].role == "customer"
    assert cut(lines, 0).lines == [] and cut(lines, 80).lines == []


def _hit(rule: str, category: str, text: str, index: int = 0, confidence: float = 1.0) -> Hit:
    return Hit(rule, rule, category, "customer", "c", 0.0, 1.0, text, "x", index, "en", 20.0, confidence)


def test_a_rule_hit_on_a_cut_turn_is_judged_by_the_sentence_that_holds_it() -> None:
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    rule = next(r for r in ruleset.rules if r.model and r.category == "cancellation")
    own = _hit(rule.id, "cancellation", "Our customer churn dropped from eight percent to under five.")
    real = _hit(rule.id, "cancellation", "And we will not renew with you in April.")
    short = _hit(rule.id, "cancellation", "We cancel.", index=1)
    parts = {0: [(f"Busy year. {own.text}", "dismissed by the model: looks like own_metrics"), (real.text, "")]}
    out = dismiss([own, real, short], {0: "dismissed: whole turn", 1: "dismissed: looks like logistics"}, ruleset,
                  parts)  # fmt: skip
    assert [h.negated for h in out] == [True, False, True]
    assert out[0].evidence.endswith("looks like own_metrics") and out[2].evidence.endswith("logistics")
    assert reason_for(real, [("Something else entirely.", "why")]) == ""


def test_one_model_hit_per_turn_and_category_the_most_confident() -> None:
    hits = [_hit("model.price", "price", "a", 0, 0.5), _hit("model.price", "price", "b", 0, 0.7),
            _hit("model.budget", "budget", "c", 0, 0.6), _hit("model.price", "price", "d", 1, 0.4)]  # fmt: skip
    assert [h.text for h in best_per_category(hits)] == ["b", "c", "d"]


def test_the_head_file_keeps_its_sentence_length_and_an_older_file_reads_it_off(tmp_path: Path) -> None:
    x = np.random.default_rng(3).normal(size=(20, 4))
    head = replace(train_head(x, (x[:, :1] > 0).astype(float), ("price",)), embedder="toy", sentences=30)
    save_head(head, tmp_path / "h.npz")
    assert load_head(tmp_path / "h.npz").sentences == 30
    members = Members(tmp_path / "h.npz")
    arrays = {name: np.array(members.array(name)) for name in sorted(members.names)}
    meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    del meta["sentences"]  # as the tenth round's head file was written
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8)
    write_members(tmp_path / "old.npz", arrays)
    assert load_head(tmp_path / "old.npz").sentences == 0


@pytest.fixture(scope="module")
def model() -> ChurnModel:
    return load_model()


def _call(turns: list[tuple[str, str]], lang: str) -> Transcript:
    utts = tuple(Utterance(r, r, i * 5.0, i * 5.0 + 4.0, t, language=lang) for i, (r, t) in enumerate(turns))  # type: ignore[arg-type]
    return Transcript(utts, lang, 5.0 * len(turns), "vtt")


def test_a_cut_turns_model_hits_quote_one_of_its_sentences(model: ChurnModel) -> None:
    # no rules: a category a rule flags on the turn is left to the rule (rules11's plain_dissatisfaction reads this one)
    ruleset = replace(load_ruleset(DEFAULT_RULES_DIR), rules=(), version="no rules")  # its own compiled matchers
    call = _call([("rep", "Anything changing on your side that we should know about?"), ("customer", LONG)], "en")
    # every risk column at 0.2, so that some sentence is a hit whatever head is shipped (the quote is what is tested)
    low = tuple(0.2 if model.head.is_risk(c) else t for c, t in enumerate(model.head.thresholds))
    by_sentence = replace(model, head=replace(model.head, sentences=30, thresholds=low))
    learned = [h for h in find_hits(call, ruleset, model=by_sentence) if h.source == "model"]
    assert learned, "the buried complaint about the releases is read in its own sentence"
    assert {h.text for h in learned} <= set(_pieces(LONG, "en"))
    assert len({h.category for h in learned}) == len(learned)  # one hit a category
    whole = replace(model, head=replace(model.head, sentences=0, thresholds=low))
    assert all(h.text == LONG for h in find_hits(call, ruleset, model=whole) if h.source == "model")


DENIALS = [
    ("en", "Are you thinking of leaving us?", "No, we're staying."),
    ("it", "State pensando di lasciarci?", "No, restiamo."),
    ("ru", "Вы думаете от нас уходить?", "Нет, остаёмся."),
    ("pl", "Myślicie o odejściu od nas?", "Nie, zostajemy."),
]


@pytest.mark.parametrize(("lang", "question", "answer"), DENIALS)
def test_a_short_denial_of_the_reps_question_about_leaving_is_no_cancellation(
    model: ChurnModel, lang: str, question: str, answer: str
) -> None:
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    hits = find_hits(_call([("rep", question), ("customer", answer)], lang), ruleset, model=model)
    assert [h for h in hits if h.category == "cancellation" and not h.negated] == []
