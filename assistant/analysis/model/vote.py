"""The nearest-examples vote blended with the churn-risk head's readings (ninth round, issue 10).

    v = votes(lines, pool, norms, tags, k=10)          # (n, columns): each line's nearest labelled lines' vote
    probs = blend(probs, v, share)                      # (1 - share) * probs + share * v
    v = out_of_fold(vectors, targets, folds, k=10)      # the training lines' vote among the other folds' lines

A line's vote for a column is the cosine-weighted share of its ``k`` nearest labelled lines (the head's stored
examples) that carry it (a risk category, or that look-alike); negative cosines weigh 0. The product reads every
customer line against the head's examples (one matrix product per reading, the pool column-major: ``pool_rows``);
the trainer blends the out-of-fold vote into the out-of-fold readings it chooses thresholds on, so they are chosen on
what the product reads. Chosen by leave-one-corpus-out (``bench/model_vote.py``, docs/benchmarks.md eighth and ninth
rounds). An explanation reads only its category's examples (``subset``).

A row's vote is a function of its bytes and the pool alone (the cosines are summed in float64: ``_product``), so a
reading may reuse votes read before: inside ``remembered(known)`` the vote of a row whose ``row_key`` is in ``known``
is taken from it, and every vote read there is kept (``Memo.kept``): reanalysis stores them with the call under the
head's version (``storage/votes.py``) and skips the product next time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np

BLOCK = 512  # query rows per matrix product (bounds the (rows, examples) similarity block: 512 × 13k float32 = 27 MB)
PAD = 16  # an explanation's rows are padded to a multiple of this (``subset``)


def unit(x: np.ndarray) -> np.ndarray:
    """Rows of ``x`` as float32 scaled to length 1 (a zero row stays zero)."""
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def pool_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The head's stored examples as the vote's pool and their norms: float64 rows in column-major order, so that
    ``query @ pool.T`` reads the pool as one contiguous (dims, examples) matrix and sums each cosine in float64
    (``_product``); the norms of the float32 rows, as before."""
    rows = np.asarray(vectors).astype(np.float32)
    return np.asfortranarray(rows, dtype=np.float64), np.linalg.norm(rows, axis=1)


def subset(rows: np.ndarray, norms: np.ndarray, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``chosen`` (one bool each) of ``rows`` as one row-major float32 block, zero rows after them up to a
    multiple of ``PAD`` (OpenBLAS's matrix-vector product then reads each chosen row as it read the whole matrix:
    here the same cosines to the last bit, but for the whole matrix's last rows), with their ``norms`` and indices:
    an explanation (``Head.nearest``) reads its category's rows alone, not all 17k."""
    among = np.flatnonzero(chosen)
    block = np.zeros((-(-len(among) // PAD) * PAD, rows.shape[1]), dtype=np.float32)
    block[: len(among)] = rows[among]
    return block, np.asarray(norms)[among], among


def votes(query: np.ndarray, pool: np.ndarray, norms: np.ndarray, tags: np.ndarray, k: int) -> np.ndarray:
    """(n, columns): per ``query`` row, the cosine-weighted share of its ``k`` nearest ``pool`` rows with each column
    (``norms``: the pool rows' lengths; ``tags``: (pool rows, columns) 0/1). Inside ``remembered``, the rows whose
    vote it knows are not read again."""
    out = np.zeros((len(query), tags.shape[1]))
    k = min(k, len(pool))
    if not len(query) or k <= 0:
        return out
    q = unit(query)
    memo = _memo.get()
    if memo is None or not memo.serves(pool, tags, k):
        return _votes(q, pool, norms, tags, k, out)
    keys = [row_key(row) for row in q]
    todo = [n for n, key in enumerate(keys) if not memo.fill(key, out, n)]
    if todo:
        found = _votes(q[todo], pool, norms, tags, k, np.zeros((len(todo), tags.shape[1])))
        out[todo] = found
        memo.made.update((keys[n], row) for n, row in zip(todo, found, strict=True))
    return out


def _votes(q: np.ndarray, pool: np.ndarray, norms: np.ndarray, tags: np.ndarray, k: int, out: np.ndarray) -> np.ndarray:
    """``votes`` of the unit rows ``q`` into ``out``."""
    scale = 1.0 / np.where(norms > 0, norms, 1.0).astype(np.float32)
    pool = np.asarray(pool, dtype=np.float64)  # the head's pool already is (``pool_rows``): no copy
    for start in range(0, len(q), BLOCK):
        sims = _product(q[start : start + BLOCK], pool) * scale
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        w = np.maximum(np.take_along_axis(sims, top, axis=1), 0.0).astype(np.float64)
        share = np.einsum("nk,nkc->nc", w, tags[top].astype(np.float64))
        out[start : start + BLOCK] = share / np.maximum(w.sum(axis=1, keepdims=True), 1e-9)
    return out


def _product(rows: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """``rows @ pool.T`` as float32, each row's products the same bits whatever rows are read with it. The float32
    matrix product is not: BLAS picks its kernels by the block's shape, and on some x86 CPUs (AVX-512) a row read with
    one other row, alone, or among 40 rounds differently in the last bits (``tests/analysis/test_vote.py``). Summed in
    float64, each product of a float32 query by a float16-valued stored example is exact and the sum's rounding lies
    far below float32's, so the float32 cosine does not depend on the kernel (two times the product's CPU). A lone
    row is still read beside a zero row (numpy hands one row to BLAS's matrix-vector product)."""
    block = rows if len(rows) != 1 else np.vstack([rows, np.zeros_like(rows)])
    return (block.astype(np.float64) @ pool.T)[: len(rows)].astype(np.float32)


def row_key(row: np.ndarray) -> str:
    """What a unit query row's vote is kept under: the SHA-256 of its float32 bytes, first 32 hex digits."""
    return hashlib.sha256(np.ascontiguousarray(row, dtype=np.float32).tobytes()).hexdigest()[:32]


@dataclass
class Memo:
    """The votes ``remembered`` knows (``row_key`` → vote, read before with the same head) and those read in it."""

    known: Mapping[str, np.ndarray]
    made: dict[str, np.ndarray] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    pool: tuple[int, tuple[int, ...], tuple[int, ...], int] | None = None

    def serves(self, pool: np.ndarray, tags: np.ndarray, k: int) -> bool:
        """Whether the votes it holds are of this pool: the first pool it is asked about (one head's)."""
        seen = (id(pool), pool.shape, tags.shape, k)
        self.pool = self.pool or seen
        return self.pool == seen

    def fill(self, key: str, out: np.ndarray, n: int) -> bool:
        """Row ``n`` of ``out`` from the vote kept under ``key``, if one of the right length is (True)."""
        found = self.made.get(key)
        found = self.known.get(key) if found is None else found
        if found is None or np.shape(found) != out.shape[1:]:
            return False
        out[n] = found
        self.used.add(key)
        return True

    def kept(self) -> dict[str, np.ndarray]:
        """The votes of the rows read inside the ``remembered`` block: the known ones used, and those read now."""
        return {**{key: self.known[key] for key in self.used if key in self.known}, **self.made}


_memo: ContextVar[Memo | None] = ContextVar("vote_memo", default=None)


@contextmanager
def remembered(known: Mapping[str, np.ndarray]) -> Iterator[Memo]:
    """Inside: ``votes`` takes a row's vote from ``known`` (``row_key`` → vote of the same head: the caller's to
    make sure) instead of reading the pool, and keeps every vote it reads (``Memo.kept``)."""
    memo = Memo(known)
    token = _memo.set(memo)
    try:
        yield memo
    finally:
        _memo.reset(token)


def blend(probs: np.ndarray, vote: np.ndarray, share: float) -> np.ndarray:
    """The readings ``probs`` with the ``vote`` at ``share`` (0: ``probs`` as they are)."""
    return probs if share <= 0 else (1.0 - share) * probs + share * vote


def out_of_fold(vectors: np.ndarray, targets: np.ndarray, folds: np.ndarray, k: int) -> np.ndarray:
    """Each training line's vote among the lines of the other ``folds`` (the cross-validation folds): what a head
    that never saw the line reads for it."""
    pool = unit(vectors)
    norms = np.ones(len(pool), dtype=np.float32)
    out = np.zeros((len(pool), targets.shape[1]))
    for f in sorted(set(np.asarray(folds).tolist())):
        test = folds == f
        out[test] = votes(pool[test], pool[~test], norms[~test], targets[~test], k)
    return out
