"""A call's embeddings as storage keeps them (``analysis/call_embeddings.py``): the sentences of its long customer
turns are exactly those the model cuts and reads, so an analysis given them embeds nothing; those not given (another
cut) are embedded then, and only those."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant.analysis import find_hits
from assistant.analysis.call_embeddings import embed_call, embed_sentences, long_turn_sentences, sentences_over
from assistant.analysis.model import Embedder, load_model
from assistant.analysis.rules import load_ruleset
from assistant.records import Transcript, Utterance
from assistant.records.embeddings import SentenceVectors
from assistant.settings import DEFAULT_RULES_DIR

EN = (
    "Busy, to be honest. We opened the new depot in Leeds in October and it went better than planned. "
    "The drivers like the new vans, and the routes are shorter now. Our own sales grew about eight percent, mostly "
    "online. Finance has frozen all new software spend until the summer, so anything extra has to wait. Otherwise "
    "the team is settling in well after the move, and the canteen finally has decent coffee."
)
ZH = (
    "这个季度我们很忙，新的仓库十月份开业了，比预想的顺利很多。司机们很喜欢新的货车，路线也比以前短了不少。"
    "我们自己的线上销售增长了大约百分之八，团队也很满意。财务部门冻结了所有新的软件支出，一直到明年夏天，所以任何额外的东西都得等一等。"
    "除此之外，搬家以后团队适应得很好，食堂终于有了像样的咖啡。"
)


def _call() -> Transcript:
    lines = [("rep", "How has the quarter been?", "en"), ("customer", EN, "en"), ("rep", EN, "en"),
             ("customer", "Short and fine.", "en"), ("customer", ZH, "zh"), ("customer", EN, "xx")]  # fmt: skip
    utts = tuple(Utterance(r, r, n * 10.0, n * 10.0 + 9, t, language=lang) for n, (r, t, lang) in enumerate(lines))
    return Transcript(utts, "en", 60.0, "vtt")


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model()


def test_the_long_customer_turns_are_cut_as_the_model_cuts_them(model) -> None:  # type: ignore[no-untyped-def]
    found = long_turn_sentences(_call(), sentences_over(model))
    assert sentences_over(model) == model.head.sentences > 0
    assert set(found.utterances) == {1, 4}  # not the rep's, not a short turn, not a language without rules
    assert (
        found.texts[0]
        == "Busy, to be honest. We opened the new depot in Leeds in October and it went better than planned."
    )
    assert len(found) == found.utterances.count(1) + found.utterances.count(4) == 5 + 5
    assert len(long_turn_sentences(_call(), 0)) == 0


def test_an_analysis_given_the_calls_embeddings_embeds_nothing(model, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    call, ruleset = _call(), load_ruleset(DEFAULT_RULES_DIR)
    stored = embed_call(call, model.embedder, sentences_over(model))
    assert stored.vectors.shape == (6, model.embedder.dims) and len(stored.sentences) == 10
    assert np.array_equal(stored.sentences.vectors, stored.sentences.vectors.astype(np.float16).astype(np.float32))
    embedded: list[str] = []
    real = Embedder.embed
    monkeypatch.setattr(Embedder, "embed", lambda self, texts: embedded.extend(texts) or real(self, texts))
    hits = find_hits(call, ruleset, model=model, vectors=stored)
    assert embedded == []
    assert any(h.utterance_index == 1 for h in hits)  # the buried budget freeze is found
    find_hits(call, ruleset, model=model, vectors=stored.vectors)
    assert embedded == list(stored.sentences.texts)  # the lines alone given: each sentence embedded now
    embedded.clear()
    fewer = replace(stored, sentences=SentenceVectors(*(x[:5] for x in (stored.sentences.utterances,
                    stored.sentences.texts)), stored.sentences.vectors[:5]))  # fmt: skip
    find_hits(call, ruleset, model=model, vectors=fewer)
    assert embedded == list(stored.sentences.texts[5:])  # only the sentences not given


def test_known_sentences_are_read_the_others_embedded(model) -> None:  # type: ignore[no-untyped-def]
    wanted = SentenceVectors((0, 0), ("Finance froze all new spend.", "The team is happy."))
    known = SentenceVectors((0,), ("The team is happy.",), np.ones((1, model.embedder.dims), np.float32))
    made = embed_sentences(wanted, model.embedder, known)
    assert made.texts == wanted.texts and np.array_equal(made.vectors[1], known.vectors[0])
    assert 0.99 < float(np.linalg.norm(made.vectors[0][:384])) < 1.01  # e5's part of a real vector
