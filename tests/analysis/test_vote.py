"""The nearest-examples vote (``model/vote.py``): what a line's vote is, the head blending it into both readings from
its stored examples (and its file keeping the share), and the trainer choosing on the out-of-fold vote."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model import load_model, training, vote
from assistant.analysis.model.head import Example, Head, load_head, save_head, train_head
from assistant.analysis.model.head_file import Members, write_members
from assistant.analysis.model.training import COLUMNS, Parts, fold_of, targets, voted
from assistant.analysis.model.vote import blend, out_of_fold, remembered, row_key, unit, votes


def test_a_lines_vote_is_the_cosine_weighted_share_of_its_nearest_examples() -> None:
    pool = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]], dtype=np.float32)
    tags = np.array([[1, 0], [0, 1], [1, 1], [1, 0]], dtype=np.float32)
    query = np.array([[2.0, 0.0]])  # cosines 1, 0, 0.71, -1: the two nearest are rows 0 and 2
    v = votes(query, pool, np.linalg.norm(pool, axis=1), tags, k=2)
    c = 1 / np.sqrt(2)
    assert np.allclose(v, [[(1 + c) / (1 + c), c / (1 + c)]])
    far = votes(np.array([[-1.0, 0.0]]), pool, np.linalg.norm(pool, axis=1), tags, k=4)
    assert np.allclose(far, [[1.0, 0.0]])  # rows 0 and 2 have negative cosines and weigh nothing; row 1 weighs 0
    assert np.allclose(blend(np.array([[0.2, 0.6]]), np.array([[1.0, 0.0]]), 0.25), [[0.4, 0.45]])


def _voting_head() -> tuple[Head, np.ndarray]:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(40, 6))
    y = np.stack([x[:, 0] > 0, x[:, 1] > 0.5], axis=1).astype(float)
    examples = tuple(Example(f"line {i}", "en", ("price",) if y[i, 0] else (), trap="logistics" if y[i, 1] else "")
                     for i in range(len(x)))  # fmt: skip
    head = replace(train_head(x, y, ("price", "logistics")), embedder="toy", quiet=("logistics",),
                   examples=examples, example_vectors=x.astype(np.float16))  # fmt: skip
    return head, x


def test_the_head_blends_the_vote_into_both_readings_from_its_examples(tmp_path: Path) -> None:
    head, x = _voting_head()
    lines = x[:5] + 0.1
    plain, plain_alone = head.readings(lines)
    with_vote, alone = replace(head, vote=0.25, vote_k=3).readings(lines)
    ex = x.astype(np.float16).astype(np.float32)
    v = votes(lines, ex, np.linalg.norm(ex, axis=1), targets(head.examples, head.categories), 3)
    assert np.allclose(with_vote, 0.75 * plain + 0.25 * v) and np.allclose(alone, 0.75 * plain_alone + 0.25 * v)
    assert not np.allclose(with_vote, plain)
    save_head(replace(head, vote=0.25, vote_k=3), tmp_path / "vote.npz")
    loaded = load_head(tmp_path / "vote.npz")  # the examples' tags read from the file, not parsed from the rows
    assert (loaded.vote, loaded.vote_k) == (0.25, 3)
    assert np.allclose(loaded.readings(lines)[0], with_vote, atol=1e-4)
    assert np.allclose(loaded.readings(lines)[0], with_vote, atol=1e-4)  # again: the kept tags, not a fresh copy


def test_a_head_file_without_a_vote_reads_as_before(tmp_path: Path) -> None:
    head, x = _voting_head()
    save_head(replace(head, vote=0.25, vote_k=3), tmp_path / "vote.npz")
    members = Members(tmp_path / "vote.npz")
    arrays = {name: np.array(members.array(name)) for name in sorted(members.names)}
    meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    del meta["vote"], meta["vote_k"]  # as the eighth round's head file was written
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8)
    write_members(tmp_path / "old.npz", arrays)
    old = load_head(tmp_path / "old.npz")
    assert (old.vote, old.vote_k) == (0.0, 10)
    assert np.allclose(old.readings(x)[0], head.readings(x)[0], atol=1e-4)


def test_the_trainer_votes_out_of_fold_and_the_trained_head_keeps_the_share() -> None:
    """Ten lines of one vector labelled price, kept in one fold (a contrast group): out of fold their nearest lines
    are the other folds' no-risk lines, so they vote no price; a vote among their own fold would say price at 1.0.
    (Ten texts: the head stores one example per text, ``test_stored.py``.)"""
    rng = np.random.default_rng(5)
    x = np.vstack([np.tile(rng.normal(size=(1, 8)), (10, 1)), rng.normal(size=(50, 8))])
    examples = [Example(f"twin {i}", "en", ("price",), group="g:twins") for i in range(10)]
    examples += [Example(f"calm {i}", "en", ()) for i in range(50)]
    price = COLUMNS.index("price")
    v = out_of_fold(x, targets(examples), fold_of(examples), k=5)
    assert v[:10, price].max() == 0.0
    zero = np.zeros((len(x), len(COLUMNS)))
    parts = voted(Parts(zero, zero), examples, x, share=0.5, k=5)
    assert np.allclose(parts.alone, 0.5 * v) and np.allclose(parts.reader, 0.5 * v)
    assert voted(Parts(zero, zero), examples, x, share=0.0).alone is zero
    ruled = np.arange(len(x)) < 15  # the rules flag the twins and five calm lines
    head, _ = training.train(examples, None, vectors=x, before=np.zeros_like(x), ruled=ruled)  # type: ignore[arg-type]
    assert (head.vote, head.vote_k) == (training.VOTE, training.VOTE_K)


def test_the_shipped_heads_vote_and_explanations_read_as_every_row_read_them_on_real_vectors() -> None:
    """The shipped head on real e5 + USE vectors (lines embedded now, stored examples, midpoints of two): its vote
    from the column-major pool is the vote of the plain row-major rows, and an explanation from the category's rows
    alone names the examples, in the order and with the cosines, of the product with every row (format 1's way)."""
    model = load_model()
    head = model.head
    assert head.example_vectors is not None and len(head.examples) > 1000
    lines = model.embedder.embed([
        "The price went up again and we are looking at other vendors.",
        "Il rinnovo costa troppo, valutiamo un altro fornitore.",
        "Мы расторгаем договор в конце квартала.",
        "Szkolenie było świetne, dziękuję.",
        "这个系统太复杂了，我们的团队不会用。",
        "Can we move the call to Thursday at ten?",
    ])  # fmt: skip
    ex = np.asarray(head.example_vectors, dtype=np.float32)  # row-major, as the vote read it before
    picked = np.random.default_rng(3).choice(len(ex), 24, replace=False)
    query = np.vstack([lines, ex[picked[:12]], (ex[picked[:12]] + ex[picked[12:]]) / 2])
    norms, tags = np.linalg.norm(ex, axis=1), head._vote_tags()
    want = votes(query, ex, norms, tags, head.vote_k)
    rows, _ = head._example_rows()
    assert rows.flags.f_contiguous and np.array_equal(rows, ex)
    assert np.allclose(votes(query, rows, norms, tags, head.vote_k), want, rtol=0, atol=1e-6)
    base, base_alone = replace(head, vote=0.0).readings(query)
    probs, alone = head.readings(query)
    assert np.allclose(probs, blend(base, want, head.vote), atol=1e-6)
    assert np.allclose(alone, blend(base_alone, want, head.vote), atol=1e-6)
    for vector in query:
        sims = ex @ vector / (norms * np.linalg.norm(vector))
        for category in head.categories:
            among = np.flatnonzero(head._tagged(category))
            order = among[np.argsort(-sims[among], kind="stable")[:3]]
            got = head.nearest(vector, 3, category)
            assert [e for e, _ in got] == [head.examples[i] for i in order]
            assert np.allclose([s for _, s in got], sims[order], rtol=0, atol=1e-6)


def test_a_rows_vote_is_the_same_bits_read_alone_or_with_any_other_rows_on_real_vectors() -> None:
    """What makes a stored vote the vote a fresh reading reads: the shipped head's vote of a row (real e5 + USE
    vectors, as stored: float16) is the same to the last bit whether it is read alone, first, last or among others
    (a lone row is read beside a zero row: numpy's matrix-vector path rounds another way)."""
    model = load_model()
    head = model.head
    lines = model.embedder.embed([
        "Honestly the renewal quote is more than we budgeted, we may have to cut seats.",
        "Il nostro direttore vuole vedere le offerte della concorrenza prima di firmare.",
        "Нас всё устраивает, продлеваем на год.",
        "Ostatnio system często się zawiesza przy eksporcie raportów.",
        "我们老板说明年可能换一家供应商。",
    ]).astype(np.float16).astype(np.float32)  # fmt: skip
    rows, norms = head._example_rows()
    tags = head._vote_tags()
    together = votes(lines, rows, norms, tags, head.vote_k)
    assert not np.allclose(together, together[::-1])  # the lines vote differently
    for n in range(len(lines)):
        assert np.array_equal(votes(lines[n : n + 1], rows, norms, tags, head.vote_k)[0], together[n])
    order = np.random.default_rng(7).permutation(len(lines))
    assert np.array_equal(votes(lines[order], rows, norms, tags, head.vote_k), together[order])
    assert np.array_equal(votes(np.vstack([lines, lines[:2]]), rows, norms, tags, head.vote_k)[: len(lines)], together)


def _toy() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    pool = rng.normal(size=(30, 6)).astype(np.float32)
    tags = (rng.random((30, 3)) > 0.5).astype(np.float32)
    return pool, np.linalg.norm(pool, axis=1), tags, rng.normal(size=(4, 6)).astype(np.float32)


def test_remembered_votes_are_taken_not_read_and_every_vote_read_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    pool, norms, tags, query = _toy()
    plain = votes(query, pool, norms, tags, 5)
    keys = [row_key(r) for r in unit(query)]
    with remembered({}) as memo:
        assert np.array_equal(votes(query, pool, norms, tags, 5), plain)
    assert set(memo.made) == set(keys) and memo.used == set()
    assert all(np.array_equal(memo.kept()[k], plain[n]) for n, k in enumerate(keys))
    marked = np.array([0.25, 0.5, 0.75])  # a vote no product gives these rows: taken as it is
    read: list[int] = []
    real = vote._votes
    monkeypatch.setattr(vote, "_votes", lambda q, *rest: read.append(len(q)) or real(q, *rest))
    with remembered({keys[1]: marked, keys[2]: np.zeros(2)}) as memo:  # keys[2]'s has another length: read anew
        got = votes(query, pool, norms, tags, 5)
        again = votes(query[1:2], pool, norms, tags, 5)  # a row read in this block is read once
    assert read == [3] and np.array_equal(got[1], marked) and np.array_equal(again[0], marked)
    assert np.array_equal(np.delete(got, 1, axis=0), np.delete(plain, 1, axis=0))
    assert memo.used == {keys[1]} and set(memo.made) == {keys[0], keys[2], keys[3]}
    assert set(memo.kept()) == set(keys)


def test_remembered_votes_serve_the_first_pool_asked_about_alone() -> None:
    pool, norms, tags, query = _toy()
    other = pool[::-1].copy()
    keys = [row_key(r) for r in unit(query)]
    with remembered({keys[0]: np.full(3, 0.5)}) as memo:
        mine = votes(query, pool, norms, tags, 5)
        theirs = votes(query, other, norms[::-1].copy(), tags[::-1].copy(), 5)  # another head's pool: read, not kept
    assert np.array_equal(mine[0], np.full(3, 0.5))
    assert np.array_equal(theirs, votes(query, other, norms[::-1].copy(), tags[::-1].copy(), 5))
    assert set(memo.made) == set(keys[1:])
    assert votes(query, pool, norms, tags, 5)[0].tolist() != [0.5] * 3  # outside the block: read as ever
