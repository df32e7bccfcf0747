"""The head's stored examples (``model/stored.py``): one per text, tagged with what every copy carries; the
trainer's out-of-fold vote reads the same pool, and a trained head stores it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.analysis.model import stored as stored_module
from assistant.analysis.model import training
from assistant.analysis.model.head import Example
from assistant.analysis.model.stored import normalised, out_of_fold, stored
from assistant.analysis.model.training import COLUMNS, targets
from assistant.analysis.model.vote import out_of_fold as every_copy


def _contrast() -> list[Example]:
    """A context contrast pair as the corpora write it (model_train/s5_en.yaml), a copy typed differently, two
    agreeing copies and the same words in another language."""
    return [
        Example("Not a soul.", "en", ("support",), "s5_en.yaml:138", context=("Who answers the tickets now?",)),
        Example("Not a soul.", "en", (), "s5_en.yaml:139", "", ("Anyone left from the old team?",)),
        Example("not  a SOUL.", "en", ("support",), "x.yaml:1", context=("And on weekends?",)),
        Example("Too expensive.", "en", ("price",), "a.yaml:1"),
        Example("Too expensive.", "en", ("price", "budget"), "a.yaml:2"),
        Example("Not a soul.", "it", ("adoption",), "it.yaml:1"),
    ]


def test_one_example_per_text_with_the_tags_every_copy_carries() -> None:
    pool = stored(_contrast())
    assert normalised(" Not  a\tSOUL. ") == "not a soul." and pool.rows == (0, 3, 5)
    soul, expensive, italian = pool.examples
    assert (soul.text, soul.labels, soul.source) == ("Not a soul.", (), "s5_en.yaml:138")  # context's risk: gone
    assert expensive.labels == ("price",) and italian.labels == ("adoption",)  # price in both; another language
    assert (pool.merged, pool.conflicting) == (2, 2) and "3 stored examples" in pool.describe()
    alone = stored(_contrast()[3:4] + _contrast()[5:])
    assert alone.examples == (_contrast()[3], _contrast()[5]) and (alone.merged, alone.conflicting) == (0, 0)


def test_the_out_of_fold_vote_reads_the_stored_pool() -> None:
    """Three copies of one text in three folds, two of them a support risk and one none, and forty calm lines: among
    every copy the first copy's twins vote support (one of its three nearest); among the stored examples the text is
    one example (the first copy's row) tagged with what all copies carry: no line votes support."""
    rng = np.random.default_rng(3)
    x = np.vstack([np.tile(rng.normal(size=(1, 8)), (3, 1)), rng.normal(size=(40, 8))])
    examples = _contrast()[:3] + [Example(f"calm {i}", "en", ()) for i in range(40)]
    folds = np.array([0, 1, 2] + [i % 5 for i in range(40)])
    support = COLUMNS.index("support")
    assert every_copy(x, targets(examples), folds, k=3)[0, support] > 0.3
    v = out_of_fold(examples, x, folds, k=3)
    assert v[:3, support].max() == 0.0 and v.shape == (43, len(COLUMNS))
    rows = list(stored(examples).rows)  # the stored lines' own votes: the vote among the stored lines alone
    assert rows == [0, *range(3, 43)]
    assert np.allclose(v[rows], every_copy(x[rows], targets(stored(examples).examples), folds[rows], k=3))


def test_a_trained_head_stores_one_example_per_text() -> None:
    rng = np.random.default_rng(4)
    examples = _contrast() + [Example(f"calm line {i}", "en", ()) for i in range(30)]
    texts = {(e.language, normalised(e.text)) for e in examples}
    x = rng.normal(size=(len(examples), 8)).astype(np.float32)
    x[2] = x[1] = x[0]
    head, report = training.train(examples, None, vectors=x, before=np.zeros_like(x))  # type: ignore[arg-type]
    assert report.examples == len(examples) and len(head.examples) == len(texts) == len(examples) - 3
    assert head.examples[0].labels == () and head.example_vectors is not None
    assert np.allclose(head.example_vectors[1], x[3], atol=1e-2)  # "Too expensive.": the first copy's row
    assert "2 texts written more than once, 2 of them with different tags" in json.loads(head.info)["pool"]


def test_the_thirteenth_rounds_pool_kept_every_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """``ONE_PER_TEXT`` off (``bench/model_loco.py --pool 0``): every training line stored as it is."""
    monkeypatch.setattr(stored_module, "ONE_PER_TEXT", False)
    pool = stored(_contrast())
    assert pool.examples == tuple(_contrast()) and pool.rows == tuple(range(6)) and pool.merged == 0
