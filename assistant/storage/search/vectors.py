"""Meaning search: the stored utterance embeddings of one model as one matrix, ranked by cosine similarity.

    index = vector_index(store, model, columns=slice(0, 384))     # cached per process, database and model
    page = index.search(query_vector, filters=..., limit=20, offset=0, min_score=0.8)

The matrix holds the asked ``columns`` of every stored vector, L2-normalised, as float32; it is loaded once and
brought up to date before each search by the table's generation (largest id, row count: ids only grow, so new
rows are appended; a deletion or replacement reloads it). A search is one matrix-vector product and an
``argpartition``; the call-level filters (account, rep, dates, trackers, risk, outcome, executive) become a set
of call ids and the language filter a column of the cache, so the ranking only sees allowed lines; the page's
candidates are then read with every filter applied again in SQL (the same conditions as keyword search, so a
role changed since is honoured). Rows of another model, missing or corrupt ones are never ranked: the page
says how many lines could not be searched and the command that embeds them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from assistant.errors import SearchError
from assistant.records.library import SearchFilters, SearchHit, SearchPage
from assistant.storage.db import Store
from assistant.storage.embeddings import FLOAT16, REBUILD
from assistant.storage.search.fts5 import MAX_LIMIT, _check_filters, _param, _recorded, filter_sql

_CALL_FILTERS = ("account", "rep", "date_from", "date_to", "tracker", "category", "risk_level", "outcome",
                 "executive", "call_id")  # fmt: skip
_GENERATION = text(
    "SELECT (SELECT max(id) FROM utterance_embedding), (SELECT count(*) FROM utterance_embedding), "
    "(SELECT count(*) FROM utterance_embedding WHERE model = :model), (SELECT count(*) FROM utterance)"
)
_ROWS = text("""
SELECT e.id, e.utterance_id, e.call_id, e.dims, e.vector, coalesce(u.language, c.language) AS language
FROM utterance_embedding e JOIN utterance u ON u.id = e.utterance_id JOIN call c ON c.id = e.call_id
WHERE e.model = :model AND e.id > :after ORDER BY e.id
""")
_UP_TO = text("SELECT count(*) FROM utterance_embedding WHERE model = :model AND id <= :after")
_DETAILS = """
SELECT u.id, u.call_id, u.idx, u.start, u."end", u.role, s.label, u.text,
       coalesce(u.language, c.language) AS language, a.name AS account, c.title, c.recorded_at
FROM utterance u JOIN call c ON c.id = u.call_id LEFT JOIN account a ON a.id = c.account_id
LEFT JOIN speaker s ON s.id = u.speaker_id
WHERE u.id IN :ids {filters}
"""
_CALLS = "SELECT c.id FROM call c LEFT JOIN account a ON a.id = c.account_id WHERE 1 = 1 {filters}"


@dataclass
class _Matrix:
    """The cached vectors of one database and model (replaced whole, never edited in place by a search)."""

    generation: tuple[Any, ...] = ()
    last_id: int = 0
    rows: int = 0  # table rows of this model seen (corrupt ones included)
    utterances: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    calls: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    languages: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))  # rows normalised
    corrupt: frozenset[int] = frozenset()  # calls with a vector that does not decode


_cache: dict[tuple[str, str, int, int], _Matrix] = {}
_lock = threading.Lock()


def vector_index(store: Store, model: str, columns: slice) -> VectorIndex:
    return VectorIndex(store, model, columns)


class VectorIndex:
    def __init__(self, store: Store, model: str, columns: slice) -> None:
        self.store, self.model, self.columns = store, model, columns
        self.key = (store.engine.url.render_as_string(hide_password=True), model, columns.start or 0, columns.stop or 0)

    def search(
        self, vector: np.ndarray, *, query: str = "", filters: SearchFilters | None = None, limit: int = 20,
        offset: int = 0, min_score: float = 0.0,
    ) -> SearchPage:  # fmt: skip
        """The utterances most similar to ``vector`` (the query's embedding) that pass ``filters``, best first;
        ``score`` is the cosine similarity (higher is better), at least ``min_score``."""
        f = filters or SearchFilters()
        _check_filters(f)
        if not 1 <= limit <= MAX_LIMIT or offset < 0:
            raise SearchError(f"limit / offset: need 1 <= limit <= {MAX_LIMIT} and offset >= 0")
        matrix, unsearched = self.refresh()
        scores = self._scores(matrix, vector, f, min_score)
        hits = self._page(matrix, scores, f, offset + limit + 1)
        shown, more = tuple(hits[offset : offset + limit]), len(hits) > offset + limit
        return SearchPage(query, "like", shown, offset, limit, more, mode="like", notes=unsearched)

    # ---- the cached matrix --------------------------------------------------------------------------

    def refresh(self) -> tuple[_Matrix, tuple[str, ...]]:
        """The matrix brought up to date, and notes on the lines it cannot search."""
        with self.store.engine.connect() as conn:
            last, count, of_model, utterances = conn.execute(_GENERATION, {"model": self.model}).one()
            generation = (last, count, of_model)
            with _lock:
                matrix = _cache.get(self.key, _Matrix())
                if matrix.generation != generation:
                    matrix = self._load(conn, matrix, generation)
                    _cache[self.key] = matrix
        return matrix, self._notes(matrix, int(utterances or 0), int(count or 0) - int(of_model or 0))

    def _load(self, conn: Connection, old: _Matrix, generation: tuple[Any, ...]) -> _Matrix:
        """``old`` with the rows added since, when none of its rows went away; else everything again."""
        params = {"model": self.model, "after": old.last_id}
        if old.generation and conn.execute(_UP_TO, params).scalar_one() == old.rows:
            return _merged(old, conn.execute(_ROWS, params).all(), self.columns, generation)
        return _merged(_Matrix(), conn.execute(_ROWS, {**params, "after": 0}).all(), self.columns, generation)

    def _notes(self, matrix: _Matrix, utterances: int, other_models: int) -> tuple[str, ...]:
        notes = []
        missing = utterances - matrix.rows - other_models
        if other_models or missing > 0:
            notes.append(f"{other_models + max(missing, 0)} of {utterances} utterances were not searched: "
                         f"{other_models} embedded by another model than {self.model}, {max(missing, 0)} not "
                         f"embedded; `{REBUILD}` embeds them")  # fmt: skip
        if matrix.corrupt:
            calls = " ".join(str(c) for c in sorted(matrix.corrupt))
            notes.append(f"corrupt embeddings in calls {calls} were not searched; `{REBUILD} {calls}` rebuilds them")
        return tuple(notes)

    # ---- ranking -------------------------------------------------------------------------------------

    def _scores(self, matrix: _Matrix, vector: np.ndarray, f: SearchFilters, min_score: float) -> np.ndarray:
        """Cosine similarity per row; -inf where a filter or ``min_score`` rules the row out."""
        q = np.asarray(vector, dtype=np.float32)[self.columns]
        norm = float(np.linalg.norm(q))
        if not len(matrix.utterances) or norm == 0.0:
            return np.full(len(matrix.utterances), -np.inf, dtype=np.float32)
        scores = matrix.vectors @ (q / norm)
        allowed = self._allowed(matrix, f)
        if allowed is not None:
            scores = np.where(allowed, scores, -np.inf)
        return np.where(scores >= min_score, scores, -np.inf).astype(np.float32)

    def _allowed(self, matrix: _Matrix, f: SearchFilters) -> np.ndarray | None:
        mask: np.ndarray | None = None
        if any(getattr(f, name) is not None for name in _CALL_FILTERS):
            calls = self._calls(f)
            mask = np.isin(matrix.calls, np.fromiter(calls, np.int64, len(calls)))
        if f.language is not None:
            same = matrix.languages == f.language.lower()
            mask = same if mask is None else mask & same
        return mask

    def _calls(self, f: SearchFilters) -> list[int]:
        only = SearchFilters(**{name: getattr(f, name) for name in _CALL_FILTERS if name != "call_id"})
        where, params = filter_sql(only, self._param())
        if f.call_id is not None:
            where, params = f"{where} AND c.id = :call_id", {**params, "call_id": f.call_id}
        with self.store.engine.connect() as conn:
            return [int(i) for i in conn.execute(text(_CALLS.format(filters=where)), params).scalars()]

    def _param(self) -> Callable[[str, Any], Any]:
        if self.store.engine.dialect.name == "postgresql":
            from assistant.storage.search.postgres import _param as postgres_param

            return postgres_param
        return _param

    def _page(self, matrix: _Matrix, scores: np.ndarray, f: SearchFilters, need: int) -> list[SearchHit]:
        """The best ``need`` rows that pass every filter in SQL, read in growing chunks of the ranking."""
        ranked = _ranking(scores, max(need * 2, 64))
        hits: list[SearchHit] = []
        done, size = 0, max(need * 2, 64)
        while len(hits) < need and done < len(ranked):
            if done + size > len(ranked) and len(ranked) < int(np.isfinite(scores).sum()):
                ranked = _ranking(scores, done + size)
            chunk = ranked[done : done + size]
            hits += self._details(matrix, chunk, scores, f)
            done, size = done + len(chunk), size * 4
        return hits[:need]

    def _details(self, matrix: _Matrix, rows: np.ndarray, scores: np.ndarray, f: SearchFilters) -> list[SearchHit]:
        where, params = filter_sql(replace(f, language=None), self._param())
        ids = [int(matrix.utterances[r]) for r in rows]
        statement = text(_DETAILS.format(filters=where)).bindparams(bindparam("ids", expanding=True))
        with self.store.engine.connect() as conn:
            found = {r.id: r for r in conn.execute(statement, {**params, "ids": ids})}
        return [_hit(found[i], float(scores[r])) for i, r in zip(ids, rows, strict=True) if i in found]


def _ranking(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the best ``k`` finite scores, best first (ties: the earlier row first)."""
    finite = int(np.isfinite(scores).sum())
    k = min(k, finite)
    if k <= 0:
        return np.zeros(0, np.int64)
    top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    order = np.lexsort((top, -scores[top]))
    return top[order][:k]


def _merged(base: _Matrix, rows: Sequence[Any], columns: slice, generation: tuple[Any, ...]) -> _Matrix:
    """``base`` with ``rows`` appended (their ``columns``, normalised); undecodable rows mark their call corrupt."""
    width = len(range(*columns.indices(max(columns.stop or 0, 1 << 20))))
    decoded = [_decoded(r, columns, width) for r in rows]
    pairs = [(r, v) for r, v in zip(rows, decoded, strict=True) if v is not None]
    new = _normalised(np.vstack([v for _, v in pairs])) if pairs else None
    corrupt = base.corrupt | {int(r.call_id) for r, v in zip(rows, decoded, strict=True) if v is None}
    kept = [r for r, _ in pairs]
    return _Matrix(
        generation, int(rows[-1].id) if rows else base.last_id, base.rows + len(rows),
        np.concatenate([base.utterances, np.array([r.utterance_id for r in kept], np.int64)]),
        np.concatenate([base.calls, np.array([r.call_id for r in kept], np.int64)]),
        np.concatenate([base.languages, np.array([(r.language or "").lower() for r in kept], dtype=object)]),
        base.vectors if new is None else np.vstack([base.vectors.reshape(-1, width), new]),
        frozenset(corrupt),
    )  # fmt: skip


def _decoded(row: Any, columns: slice, width: int) -> np.ndarray | None:
    """The row's ``columns`` as float16, or None when its bytes do not hold ``dims`` finite values."""
    if len(row.vector) != row.dims * FLOAT16.itemsize:
        return None
    vector = np.frombuffer(bytes(row.vector), dtype=FLOAT16)[columns]
    return vector if len(vector) == width and bool(np.isfinite(vector).all()) else None


def _normalised(vectors: np.ndarray) -> np.ndarray:
    m = vectors.astype(np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


def _hit(r: Any, score: float) -> SearchHit:
    return SearchHit(
        utterance_id=r.id, call=r.call_id, idx=r.idx, start=r.start, end=r.end, role=r.role, speaker=r.label,
        text=r.text, snippet=r.text, score=round(score, 4), account=r.account, call_title=r.title,
        language=r.language, recorded_at=_recorded(r.recorded_at),
    )  # fmt: skip
