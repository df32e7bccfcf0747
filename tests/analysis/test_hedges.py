"""Rule hits on denials and speculation the model reads as no risk (``model/hedges.py``, ``Head.hedge_veto``), and the
follow-up floor (``hits.FOLLOW_FLOOR``): with the head shipped in the package and the real encoders."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model import ChurnModel, load_model
from assistant.analysis.model.head import load_head, save_head
from assistant.analysis.model.hedges import HEDGE_VETO, hedged
from assistant.analysis.model.hits import FOLLOW_FLOOR, goes_on
from assistant.analysis.model.looks import dismiss, look_alikes
from assistant.analysis.model.reading import Reading
from assistant.analysis.risk import DISMISSED
from assistant.analysis.rules import load_ruleset
from assistant.records import Hit, Utterance
from assistant.settings import DEFAULT_RULES_DIR

HEDGED = [
    ("en", "No. The dealership has no plans to reduce or cancel the subscription."),
    ("en", "Maybe one day, if prices went through the roof."),
    ("it", "No, ma figuriamoci, restiamo con voi."),
    ("it", "Forse, se arrivasse l'appalto, potremmo pensarci."),
    ("ru", "Нет. Компания не рассматривает прекращение договора."),
    ("ru", "Может быть. Если тендер выиграем."),
    ("pl", "Nie, nie rezygnujemy, pytałam tylko o okres wypowiedzenia."),
    ("pl", "Może kiedyś, jeśli firma urośnie."),
    ("zh", "不，不换，放心。"),
    ("zh", "也许以后再说吧。"),
]
PLAIN = [
    ("en", "We are cancelling the subscription at the end of the term."),
    ("it", "Disdiciamo il contratto a fine anno."),
    ("ru", "Мы расторгаем договор с января."),
    ("pl", "Rezygnujemy z umowy od stycznia."),
    ("zh", "我们明年不续约了。"),
    ("en", "Nobody uses it."),  # "No" is not an opening denial inside a word
]


@pytest.fixture(scope="module")
def model() -> ChurnModel:
    return load_model()


@pytest.mark.parametrize(("lang", "text"), HEDGED)
def test_a_line_that_opens_with_a_denial_or_speculates_is_hedged(lang: str, text: str) -> None:
    assert hedged(text, lang)


@pytest.mark.parametrize(("lang", "text"), PLAIN)
def test_a_plain_statement_is_not_hedged(lang: str, text: str) -> None:
    assert not hedged(text, lang)


def _lines(texts: list[tuple[str, str]]) -> list[tuple[int, Utterance, str]]:
    return [(i, Utterance("c", "customer", i * 5.0, i * 5.0 + 4, text, language=lang), lang)
            for i, (lang, text) in enumerate(texts)]  # fmt: skip


def _read(model: ChurnModel, p: float, n: int) -> Reading:
    """Every column of ``n`` lines read at ``p`` with the turns before and alone (no look-alike column reaches its
    threshold at 0.10: the shipped head's are 0.40 and up)."""
    probs = np.full((n, len(model.head.categories)), p)
    return Reading(probs, probs.copy())


def test_rule_hits_on_a_hedged_line_read_as_no_risk_are_dismissed_and_on_a_plain_one_kept(model: ChurnModel) -> None:
    head = replace(model.head, veto=0.01, hedge_veto=0.15)
    lines = _lines([HEDGED[0], PLAIN[0], HEDGED[5]])
    rows = model.embedder.embed([u.text for _, u, _ in lines])
    found = look_alikes(lines, rows, replace(model, head=head), reading=_read(model, 0.10, 3))
    assert sorted(found) == [0, 2], found
    assert found[0].startswith(DISMISSED) and "denial or speculation" in found[0]
    # read at 0.20 (over hedge_veto) or with the setting off, nothing is dismissed
    assert look_alikes(lines, rows, replace(model, head=head), reading=_read(model, 0.20, 3)) == {}
    off = replace(head, hedge_veto=0.0)
    assert look_alikes(lines, rows, replace(model, head=off), reading=_read(model, 0.10, 3)) == {}
    # the rule's hit on the hedged line is kept in the report, marked negated with the reason
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    rule = next(r for r in ruleset.rules if r.model)
    _, utt, lang = lines[0]
    hit = Hit(rule.id, rule.name, rule.category, "customer", "c", 0.0, 4.0, utt.text, "cancel", 0, lang, rule.weight,
              1.0, False, False, "phrase 'cancel'")  # fmt: skip
    (out,) = dismiss([hit], found, ruleset)
    assert out.negated and "denial or speculation" in out.evidence


def test_the_trainer_writes_hedge_veto_and_the_head_file_keeps_it(model: ChurnModel, tmp_path: Path) -> None:
    from assistant.analysis.model.embedding import get_embedder
    from assistant.analysis.model.head import Example
    from assistant.analysis.model.training import train

    assert HEDGE_VETO > 0
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 8)).astype(np.float32)
    examples = [Example(f"line {i}", "en", ("price",) if x[i, 0] > 0 else (), f"toy:{i}") for i in range(40)]
    trained, _ = train(examples, get_embedder(), vectors=x, before=np.zeros_like(x), ruled=None)
    assert trained.hedge_veto == HEDGE_VETO
    save_head(replace(trained, hedge_veto=0.25), tmp_path / "head.npz")
    assert load_head(tmp_path / "head.npz").hedge_veto == 0.25


def test_a_category_read_under_the_floor_is_never_carried_from_the_previous_turn(model: ChurnModel) -> None:
    """The eleventh-round follow-up carried complexity (score 0.96) to «Нет. Компания не рассматривает прекращение
    договора ...» reading it at p 0.00."""
    head = replace(model.head, follow=(1e-9, *model.head.follow[1:]))  # any follow-up score passes
    col = head.categories.index("complexity")
    vectors = np.asarray(model.embedder.embed(["All of them, every Monday.", "The tills freeze every Monday."]))
    for p, carried in ((FOLLOW_FLOOR / 5, False), (FOLLOW_FLOOR * 2, True)):
        probs = np.full((2, len(head.categories)), 0.01)
        probs[0, col], probs[1, col] = p, 0.9
        why = goes_on(head, Reading(probs, probs.copy()), vectors, 0, 1, col)
        assert bool(why) is carried, (p, why)
