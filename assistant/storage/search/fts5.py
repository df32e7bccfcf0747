"""SQLite FTS5 search over every utterance (the embedded default ``SearchBackend``).

``utterance_fts`` indexes each utterance's text and its normalised form (see ``search.normalize``), with
external content kept in sync by the triggers of migration 0002. Triggers cannot call Python, so they queue
new and changed utterances in ``search_pending``; ``refresh()`` computes their normalised form and runs
before every search (cheap when nothing is queued). Index maintenance has one writer at a time: the norms
are computed outside any lock, then written in a write transaction taken at its start (``Store.immediate``)
that first re-reads which of those rows are still pending with the same text, so two processes never
index a row twice. User queries are parsed by ``search.query`` and re-emitted with every term quoted, so no
input reaches FTS5 as syntax. Matches are ranked in tiers of the newest matches (see TIER_FIRST), so a page
costs the same on a million utterances as on a thousand; snippets are made for the returned page only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from assistant.errors import SearchError
from assistant.records import ROLES
from assistant.records.library import OUTCOME_STATUSES, SearchFilters, SearchHit, SearchPage
from assistant.storage.db import Store
from assistant.storage.search import query as q
from assistant.storage.search.normalize import Normalizer, is_cjk, tokens

MARK = ("<mark>", "</mark>")
MAX_LIMIT = 500
_BATCH = 5000
OPTIMIZE_MIN = 5000
OPTIMIZE_SHARE = 0.1


def _check_filters(f: SearchFilters) -> None:
    if f.role is not None and f.role not in ROLES:
        raise SearchError(f"role: {f.role!r} is not one of {', '.join(ROLES)}")
    if f.risk_level is not None and f.risk_level not in ("low", "medium", "high"):
        raise SearchError(f"risk: {f.risk_level!r} is not one of low, medium, high")
    if f.outcome is not None and f.outcome not in OUTCOME_STATUSES:
        raise SearchError(f"outcome: {f.outcome!r} is not one of {', '.join(OUTCOME_STATUSES)}")
    if f.date_from and f.date_to and f.date_to < f.date_from:
        raise SearchError(f"date range: --to {f.date_to} is before --from {f.date_from}")


def compile_query(query: str, normalizer: Normalizer, language: str | None = None) -> tuple[q.Node, str]:
    """The parsed query and its safe FTS5 expression."""
    node = q.parse(query)
    return node, q.emit(node, lambda term: normalizer.term_expression(term, language))


# Ranking. FTS5's bm25() first scans every match of every phrase in the whole index for its IDF, and an
# ORDER BY over all matches ranks them all: for a word in 3 % of a million utterances, or a phrase of common
# words, that alone is 50-250 ms. So matches are ranked in tiers, newest first: the newest TIER_FIRST
# matches (within the rowid bounds the filters allow), then the next 2×, 4×, ... older ones, until the page
# is full. Within a tier rows are ranked by BM25 computed here over the normalised text (term counts from
# ``utterance_norm``, IDF and average length over the tier's filtered rows). A query with fewer matches than
# TIER_FIRST is one tier: plain relevance order. Pages are stable: a match's tier depends only on the query,
# the filters and the data, never on the offset.
TIER_FIRST = 500
K1, B = 1.2, 0.75
TierPlan = Callable[[int, int, int], dict[str, Any]]  # a tier's (lo, hi, size) → more statement parameters

_TIER = """
WITH cand AS MATERIALIZED (
    SELECT rowid AS id FROM utterance_fts
    WHERE utterance_fts MATCH :expr AND rowid BETWEEN :lo AND :hi ORDER BY rowid DESC LIMIT :size),
edge AS (SELECT min(id) AS low, count(*) AS n FROM cand),
found AS (
    SELECT u.id, ' ' || coalesce(nm.norm, '') || ' ' AS x, length(nm.norm) + 1 AS len
    FROM cand JOIN utterance u ON u.id = cand.id
    JOIN call c ON c.id = u.call_id
    LEFT JOIN account a ON a.id = c.account_id
    LEFT JOIN utterance_norm nm ON nm.utterance_id = u.id
    WHERE 1 {filters}),
counted AS (SELECT id, coalesce(len, 1) AS len, {counts} FROM found),
stats AS (SELECT *, avg(len) OVER () AS avg_len{dfs} FROM counted),
page AS (SELECT id, -({score}) AS score FROM stats ORDER BY score, id LIMIT :need)
SELECT edge.low AS tier_low, edge.n AS tier_n, page.score, u.id, u.call_id, u.idx, u.start, u."end", u.role,
       s.label, u.text, coalesce(u.language, c.language) AS language, a.name AS account, c.title, c.recorded_at
FROM edge LEFT JOIN page ON 1
LEFT JOIN utterance u ON u.id = page.id
LEFT JOIN speaker s ON s.id = u.speaker_id
LEFT JOIN call c ON c.id = u.call_id
LEFT JOIN account a ON a.id = c.account_id
ORDER BY page.score, page.id
"""


def _count_sql(name: str, prefix: bool, dialect: str = "sqlite") -> str:
    """How often the bound pattern ``name`` (`` w1 w2 ``) occurs in the row's ``x`` (`` norm ``).

    ``instr`` answers 0 or 1 cheaply; only a row with a second occurrence is counted exactly, in a copy
    with doubled spaces (so that repeats sharing a space all count). A prefix term counts 0 or 1.
    The same SQL serves PostgreSQL with ``strpos`` for ``instr`` and the pattern cast to text.
    """
    instr, p = ("instr", f":{name}") if dialect == "sqlite" else ("strpos", f"CAST(:{name} AS text)")
    first = f"{instr}(x, {p})"
    if prefix:
        return f"(CASE WHEN {first} > 0 THEN 1 ELSE 0 END)"
    doubled = "replace(x, ' ', '  ')", f"(' ' || replace(trim({p}), ' ', '  ') || ' ')"
    exact = f"(length({doubled[0]}) - length(replace({doubled[0]}, {doubled[1]}, ''))) / length({doubled[1]})"
    second = f"{instr}(substr(x, {first} + length({p}) - 1), {p})"
    return f"(CASE WHEN {first} = 0 THEN 0 WHEN {second} = 0 THEN 1 ELSE {exact} END)"


@lru_cache(maxsize=1)
def _has_ln() -> bool:
    """Whether this SQLite has its math functions (most builds do); without ``ln`` terms weigh the same."""
    with closing(sqlite3.connect(":memory:")) as conn:
        try:
            conn.execute("SELECT ln(2.0)")
        except sqlite3.OperationalError:
            return False
    return True


def rank_sql(
    node: q.Node, normalizer: Normalizer, language: str | None, dialect: str = "sqlite"
) -> tuple[dict[str, str], dict[str, str]]:
    """The SQL pieces (``counts``, ``dfs``, ``score``) of the tier ranking and their bound patterns.

    BM25 (k1 1.2, b 0.75) over the norm column: term counts from ``x``; the length is in characters; a
    term every match must hold counts at least 1 (it may have matched the ``text`` column only). With
    several terms, each is weighted by its IDF among the tier's rows; one term needs no weight.
    """
    counts, dfs, parts, params = [], [], [], {}
    terms = list(dict.fromkeys(q.positives(node)))
    greatest = "max" if dialect == "sqlite" else "greatest"
    has_ln = _has_ln() if dialect == "sqlite" else True
    for i, (term, required) in enumerate(terms):
        found = [f"{int(required)}", "0"]
        for j, form in enumerate(normalizer.norm_forms(term, language)):
            params[f"p{i}_{j}"] = f" {form}" + ("" if term.prefix else " ")
            found.append(_count_sql(f"p{i}_{j}", term.prefix, dialect))
        counts.append(f"{greatest}({', '.join(found)}) AS tf{i}")
        dfs.append(f", sum(CASE WHEN tf{i} > 0 THEN 1 ELSE 0 END) OVER () AS df{i}, count(*) OVER () AS n{i}")
        idf = f"ln(1 + (n{i} - df{i} + 0.5) / (df{i} + 0.5)) * " if len(terms) > 1 and has_ln else ""
        parts.append(f"{idf}tf{i} * {K1 + 1} / (tf{i} + {K1} * ({1 - B} + {B} * len / avg_len))")
    sql = {"counts": ", ".join(counts), "dfs": "".join(dfs) if len(terms) > 1 else "", "score": " + ".join(parts)}
    return sql, params


def _recorded(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class Fts5Search:
    """SQLite FTS5 search (the embedded default)."""

    def __init__(self, store: Store, normalizer: Normalizer, *, tier_first: int = TIER_FIRST) -> None:
        self.store = store
        self.normalizer = normalizer
        self.tier_first = max(1, tier_first)

    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchPage:
        f = filters or SearchFilters()
        _check_filters(f)
        if not 1 <= limit <= MAX_LIMIT or offset < 0:
            raise SearchError(f"limit / offset: need 1 <= limit <= {MAX_LIMIT} and offset >= 0")
        node, expression = self.compile(query, f.language)
        self._refresh_before_search()
        rows = self._run(node, expression, f, offset + limit + 1)[offset:]
        hits = tuple(self._hit(r, node) for r in rows[:limit])
        page = SearchPage(query, expression, hits, offset, limit, has_more=len(rows) > limit)
        if not hits and offset == 0:
            return SearchPage(query, expression, (), 0, limit, False, self.did_you_mean(query, filters=f))
        return page

    vocabulary_table = "utterance_vocab"

    def _refresh_before_search(self) -> None:
        """Index what is queued, so a search sees every stored utterance."""
        self.refresh()

    def compile(self, query: str, language: str | None) -> tuple[q.Node, str]:
        """The parsed query and this backend's safe expression of it."""
        return compile_query(query, self.normalizer, language)

    def _statement(self, node: q.Node, f: SearchFilters) -> tuple[Any, dict[str, Any]]:
        """The tier query of this backend's dialect and its parameters (all but the tier bounds)."""
        where, params = filter_sql(f)
        pieces, patterns = rank_sql(node, self.normalizer, f.language)
        params.update(patterns)
        return text(_TIER.format(filters=where, **pieces)), params

    def _bounds(self, conn: Connection, f: SearchFilters) -> tuple[int, int]:
        return _bounds(conn, f)

    def _reader(self) -> Connection:
        """The connection a search reads with."""
        return self.store.engine.connect()

    def _prepare(self, conn: Connection, node: q.Node, f: SearchFilters) -> tuple[Any, dict[str, Any], TierPlan]:
        """The tier statement, its parameters, and more parameters of each tier by its id range and size
        (PostgreSQL's access path; none here)."""
        sql, params = self._statement(node, f)
        return sql, params, lambda _lo, _hi, _size: {}

    def _run(self, node: q.Node, expression: str, f: SearchFilters, need: int) -> list[Any]:
        """The best ``need`` rows, tier after tier (see TIER_FIRST)."""
        rows: list[Any] = []
        size = self.tier_first
        try:
            with self._reader() as conn:
                lo, hi = self._bounds(conn, f)
                sql, params, plan = self._prepare(conn, node, f)
                params["expr"] = expression
                while lo <= hi and len(rows) < need:
                    bounds = {"lo": lo, "hi": hi, "size": size, "need": need - len(rows), **plan(lo, hi, size)}
                    tier = conn.execute(sql, {**params, **bounds})
                    found = tier.all()
                    rows += [r for r in found if r.id is not None]
                    if found[0].tier_n < size:
                        break
                    hi, size = found[0].tier_low - 1, size * 2
        except DBAPIError as exc:  # a bug of ours, never user syntax: say so plainly
            raise SearchError(f"search failed for expression {expression!r}: {exc.orig}") from exc
        return rows

    def _hit(self, r: Any, node: q.Node) -> SearchHit:
        snippet = self.normalizer.snippet(r.text, node, r.language, MARK)
        return SearchHit(
            utterance_id=r.id,
            call=r.call_id,
            idx=r.idx,
            start=r.start,
            end=r.end,
            role=r.role,
            speaker=r.label,
            text=r.text,
            snippet=snippet,
            score=float(r.score),
            account=r.account,
            call_title=r.title,
            language=r.language,
            recorded_at=_recorded(r.recorded_at),
        )

    # ---- index maintenance ----------------------------------------------------------------------

    def refresh(self) -> int:
        """Compute the normalised form of queued utterances; returns how many this call indexed.

        Norms are computed outside any lock; each batch is written by one writer at a time (see the module
        docstring). After a bulk load (at least OPTIMIZE_SHARE of the library, and OPTIMIZE_MIN rows) the
        index is merged into one segment: the load leaves a dozen FTS5 segments, and every term lookup reads
        each of them (a common phrase matched 7× slower on a million utterances before the merge).
        """
        done, after = 0, 0
        while True:
            with self.store.engine.connect() as conn:
                batch = conn.execute(text(_PENDING), {"n": _BATCH, "after": after}).all()
            if not batch:
                break
            after = batch[-1][0]
            rows = [{"id": r[0], "text": r[1], "norm": self.normalizer.norm_text(r[1], r[2])} for r in batch]
            with self.store.immediate() as conn:
                done += _index_batch(conn, rows)
        if done >= OPTIMIZE_MIN and done >= OPTIMIZE_SHARE * self._indexed():
            self.optimize()
        return done

    def _indexed(self) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.execute(text(_INDEXED)).scalar_one())

    def optimize(self) -> None:
        """Merge the full-text index into one segment (FTS5 'optimize'; about 10 s per million utterances)."""
        with self.store.engine.begin() as conn:
            conn.execute(text("INSERT INTO utterance_fts(utterance_fts) VALUES ('optimize')"))

    # ---- did you mean ---------------------------------------------------------------------------

    def did_you_mean(self, query: str, *, filters: SearchFilters | None = None) -> str | None:
        """The query with unknown words replaced by the closest indexed words, if that finds something."""
        try:
            node = q.parse(query)
        except SearchError:
            return None
        words = {w.lower() for t in q.terms(node) for w in tokens(t.text) if not is_cjk(w)}
        with self.store.engine.connect() as conn:
            known = f"SELECT 1 FROM {self.vocabulary_table} WHERE term = :w"
            unknown = [w for w in words if len(w) >= 3 and conn.execute(text(known), {"w": w}).first() is None]
            if not unknown:
                return None
            rows = conn.execute(text(f"SELECT term, doc FROM {self.vocabulary_table}")).all()
        vocab: dict[str, int] = {str(term): int(doc) for term, doc in rows}
        corrected = query
        for word in unknown:
            best = _closest(word, vocab)
            if best:
                corrected = _replace_word(corrected, word, best)
        if corrected == query:
            return None
        f = filters or SearchFilters()
        node, expression = self.compile(corrected, f.language)
        return corrected if self._run(node, expression, f, 1) else None


def _closest(word: str, vocab: dict[str, int]) -> str | None:
    matches = process.extract(word, vocab.keys(), scorer=fuzz.ratio, limit=5, score_cutoff=70)
    if not matches:
        return None
    return max(matches, key=lambda m: (m[1], vocab[m[0]]))[0]


def _replace_word(query: str, word: str, replacement: str) -> str:
    import re

    return re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", replacement, query, flags=re.IGNORECASE)


_INDEXED = "SELECT count(*) FROM utterance_norm"
_PENDING = """
SELECT p.utterance_id, u.text, coalesce(u.language, c.language) AS language
FROM search_pending p JOIN utterance u ON u.id = p.utterance_id JOIN call c ON c.id = u.call_id
WHERE p.utterance_id > :after ORDER BY p.utterance_id LIMIT :n
"""
_STILL_PENDING = text(
    "SELECT p.utterance_id, u.text FROM search_pending p JOIN utterance u ON u.id = p.utterance_id "
    "WHERE p.utterance_id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def _index_batch(conn: Connection, rows: Sequence[dict[str, Any]]) -> int:
    """Index the rows still pending with the text their norm was made from. Runs in the write lock: a row
    another process indexed meanwhile is no longer pending; one edited since waits for the next refresh."""
    found = conn.execute(_STILL_PENDING, {"ids": [r["id"] for r in rows]}).all()
    still: dict[int, str] = {int(i): str(t) for i, t in found}
    rows = [r for r in rows if still.get(r["id"]) == r["text"]]
    if not rows:
        return 0
    conn.execute(
        text("INSERT INTO utterance_fts(utterance_fts, rowid, text, norm) VALUES ('delete', :id, :text, '')"), rows
    )
    conn.execute(text("INSERT OR REPLACE INTO utterance_norm(utterance_id, norm) VALUES (:id, :norm)"), rows)
    conn.execute(text("INSERT INTO utterance_fts(rowid, text, norm) VALUES (:id, :text, :norm)"), rows)
    conn.execute(text("DELETE FROM search_pending WHERE utterance_id = :id"), rows)
    return len(rows)


_OUTCOME_OF_CALL = """(SELECT o.status FROM outcome o WHERE o.account_id = c.account_id
    AND (o.call_id IS NULL OR o.call_id = c.id) ORDER BY (o.call_id IS NOT NULL) DESC, o.id DESC LIMIT 1)"""

_FILTERS: dict[str, str] = {
    "account": "lower(a.name) = lower(:account)",
    "rep": "lower(c.rep) = lower(:rep)",
    "role": "u.role = :role",
    "language": "coalesce(u.language, c.language) = lower(:language)",
    "date_from": "c.recorded_at >= :date_from",
    "date_to": "c.recorded_at < :date_to",
    "tracker": "EXISTS (SELECT 1 FROM hit h WHERE h.call_id = c.id AND lower(h.rule) = lower(:tracker))",
    "category": "EXISTS (SELECT 1 FROM hit h WHERE h.call_id = c.id AND lower(h.category) = lower(:category))",
    "risk_level": "c.risk_level = :risk_level",
    "outcome": f"{_OUTCOME_OF_CALL} = :outcome",
    "executive": "c.executive_present = :executive",
    "call_id": "u.call_id = :call_id",
}


_NO_ROWS = (1, 0)
_ALL_ROWS = (0, 2**63 - 1)


def _bounds(conn: Connection, f: SearchFilters) -> tuple[int, int]:
    """The utterance id range the call and date filters allow (a cheap first cut for the FTS5 scan)."""
    if f.call_id is not None:
        sql, params = "SELECT min(id), max(id) FROM utterance WHERE call_id = :c", {"c": f.call_id}
    elif f.date_from is not None or f.date_to is not None:
        where, params = filter_sql(SearchFilters(date_from=f.date_from, date_to=f.date_to))
        sql = _BOUNDS_OF_CALLS.format(filters=where)
    else:
        return _ALL_ROWS
    low, high = conn.execute(text(sql), params).one()
    return _NO_ROWS if low is None else (int(low), int(high))


_BOUNDS_OF_CALLS = """SELECT min((SELECT min(u.id) FROM utterance u WHERE u.call_id = c.id)),
    max((SELECT max(u.id) FROM utterance u WHERE u.call_id = c.id)) FROM call c WHERE 1 {filters}"""


def _param(name: str, value: Any) -> Any:
    if name == "date_from":
        return value.isoformat()
    if name == "date_to":
        return (value + timedelta(days=1)).isoformat()
    return value


def filter_sql(
    f: SearchFilters, param: Callable[[str, Any], Any] = _param, conditions: dict[str, str] = _FILTERS
) -> tuple[str, dict[str, Any]]:
    """``AND ...`` conditions (from ``conditions``) and their bound parameters (made by ``param``) for the
    filters that are set."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for name, condition in conditions.items():
        value = getattr(f, name)
        if value is not None:
            where.append(condition)
            params[name] = param(name, value)
    return "".join(f" AND {w}" for w in where), params
