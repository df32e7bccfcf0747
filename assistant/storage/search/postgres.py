"""PostgreSQL full-text search: the same query language, filters, ranking and snippets as FTS5.

Per utterance, ``utterance_norm`` holds its normalised text (``norm``, see ``assistant.library.normalize``)
as on SQLite, and ``utterance_search`` (migration 0007) a ``tsvector`` built here in Python, not by
PostgreSQL's parser: the utterance's own words, lower-cased without diacritics, at positions 1..n with
weight A (FTS5's ``text`` column), then the norm forms (lemmas, stems, single CJK characters) with
weight B (the ``norm`` column).
No dictionary, stemmer or stop list of PostgreSQL's is involved, so all five languages behave as they do
on SQLite, and a GIN index serves every term. A query term becomes ``A-phrase | B-phrase …`` with the
``<->`` phrase operator and ``:*`` prefixes (one phrase without weights where the words as typed are one of
their forms); user text only ever reaches PostgreSQL as a quoted lexeme. How a tier finds its candidates
(a scan of the newest ids or the GIN index) is ``pg_plan``'s.

As on SQLite, triggers queue new and changed utterances in ``search_pending`` and ``refresh()`` indexes
them in batches; each batch is claimed with ``FOR UPDATE SKIP LOCKED``, so several workers refresh at once
without indexing a row twice or waiting for each other. An utterance edited while a refresh holds it stays
queued (the edit's trigger waits for the claim, migration 0011; a claimed row leaves the queue only if its
text is still the one indexed), so the index never keeps an old text. Ranking is the FTS5
backend's tiered BM25 over the norm text (``rank_sql``), so both backends order matches the same way.
``search_vocab`` keeps every indexed term for did-you-mean (counts only grow; a suggestion is only made
when the corrected query finds something).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from assistant.records.library import SearchFilters
from assistant.storage.db import Store
from assistant.storage.search import pg_plan
from assistant.storage.search import query as q
from assistant.storage.search.fts5 import (
    _FILTERS,
    OPTIMIZE_MIN,
    OPTIMIZE_SHARE,
    TIER_FIRST,
    Fts5Search,
    TierPlan,
    filter_sql,
    rank_sql,
)
from assistant.storage.search.normalize import Normalizer, _fold, tokens

BATCH = 2000
MAX_LEXEME = pg_plan.MAX_LEXEME  # PostgreSQL refuses lexemes over 2047 bytes; nobody searches for such a word

_TIER = """
WITH cand AS MATERIALIZED ({candidates}),
edge AS (SELECT min(id) AS low, count(*) AS n FROM cand),
found AS ({found}),
counted AS (SELECT id, len, {counts} FROM found),
stats AS (SELECT *, avg(len) OVER () AS avg_len{dfs} FROM counted),
page AS (SELECT id, -({score}) AS score FROM stats ORDER BY score, id LIMIT :need)
SELECT edge.low AS tier_low, edge.n AS tier_n, page.score, u.id, u.call_id, u.idx, u.start, u."end", u.role,
       s.label, u.text, coalesce(u.language, c.language) AS language, a.name AS account, c.title, c.recorded_at
FROM edge LEFT JOIN page ON true
LEFT JOIN utterance u ON u.id = page.id
LEFT JOIN speaker s ON s.id = u.speaker_id
LEFT JOIN call c ON c.id = u.call_id
LEFT JOIN account a ON a.id = c.account_id
ORDER BY page.score, page.id
"""

# The candidates that pass the filters, then their norms. Driven from the candidates (a few hundred
# primary-key lookups each), never from the filter's side: the planner, not knowing how few candidates there
# are, hashed all 25,000 utterances of an account instead (38 ms). Only the tables the filters name are read
# for each candidate, and the norms only for those that pass (a 1-in-40 account filter keeps 1 in 40). Filters
# on the call alone read the candidate's call from the postings (``cand.call_id``) where they gave it: a visit
# to the utterance row cost 10 µs a candidate on 1M rows, the call's 1 µs.
_FOUND = """SELECT f.id, ' ' || nm.norm || ' ' AS x, length(nm.norm) + 1 AS len
    FROM cand CROSS JOIN LATERAL (SELECT cand.id FROM {rows} WHERE {on} {filters} OFFSET 0) f
    JOIN utterance_norm nm ON nm.utterance_id = f.id"""
_BY_UTTERANCE = "utterance u {joins}", "u.id = cand.id"
_BY_CALL = "call c", "c.id = coalesce(cand.call_id, (SELECT u.call_id FROM utterance u WHERE u.id = cand.id))"
_FOUND_ALL = """SELECT nm.utterance_id AS id, ' ' || nm.norm || ' ' AS x, length(nm.norm) + 1 AS len
    FROM cand JOIN utterance_norm nm ON nm.utterance_id = cand.id"""
_OF_UTTERANCE = {"role", "call_id"}  # the filters on the utterance row itself; the others need its call
_READ_UTTERANCE = {*_OF_UTTERANCE, "language"}  # the filters that read the utterance row (the language: its own)
_CALL = "JOIN call c ON c.id = u.call_id"
# The account's ids are looked up once per statement (an InitPlan), not an account row per candidate (the
# planner scanned the 40-row table for each: 6 µs a candidate).
_CONDITIONS = {
    **_FILTERS,
    "account": "c.account_id = ANY(ARRAY(SELECT id FROM account WHERE lower(name) = lower(:account)))",
}


def _found(f: SearchFilters, where: str) -> str:
    """The candidates that pass the filters (``where``): from the utterance row when a filter needs it, else
    from the call alone."""
    named = {name for name, value in vars(f).items() if value is not None}
    if named & _READ_UTTERANCE:
        rows, on = _BY_UTTERANCE
        return _FOUND.format(rows=rows.format(joins=_CALL if named - _OF_UTTERANCE else ""), on=on, filters=where)
    return _FOUND.format(rows=_BY_CALL[0], on=_BY_CALL[1], filters=where)


_BOUNDS_OF_CALL = "SELECT min(id), max(id) FROM utterance WHERE call_id = :c"
_BOUNDS_OF_CALLS = """SELECT min((SELECT min(u.id) FROM utterance u WHERE u.call_id = c.id)),
    max((SELECT max(u.id) FROM utterance u WHERE u.call_id = c.id)) FROM call c WHERE true {filters}"""


# ---- documents and queries ----------------------------------------------------------------------------


def lexeme(word: str) -> str:
    """One word as a quoted tsvector / tsquery lexeme (never syntax)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _folded(word: str) -> str:
    return _fold(word)[:MAX_LEXEME]


def document(utterance: str, norm: str) -> str:
    """The tsvector literal of one utterance: folded words (weight A), then norm forms (weight B)."""
    words = [_folded(t) for t in tokens(utterance)]
    forms = [f[:MAX_LEXEME] for f in norm.split()]
    parts = [f"{lexeme(w)}:{i}A" for i, w in enumerate(words, start=1) if w]
    parts += [f"{lexeme(f)}:{i}B" for i, f in enumerate(forms, start=len(words) + 2) if f]
    return " ".join(parts)


def _phrase(words: Sequence[str], weight: str, prefix: bool) -> str:
    """``w1 <-> w2 ...`` at ``weight`` (none: either)."""
    items = [f"{lexeme(w)}:{weight}" if weight else lexeme(w) for w in words]
    if prefix:
        items[-1] = f"{lexeme(words[-1])}:*{weight}"
    return items[0] if len(items) == 1 else "(" + " <-> ".join(items) + ")"


def term_words(term: q.Term, normalizer: Normalizer, language: str | None = None) -> list[list[str]]:
    """The word lists a term matches as: its own folded words (weight A), then each norm form (weight B)."""
    own = [_folded(t) for t in tokens(term.text)]
    return [own, *(form.split() for form in normalizer.norm_forms(term, language))]


def term_tsquery(term: q.Term, normalizer: Normalizer, language: str | None = None) -> str:
    """One term: its own words (weight A) or any of its matching forms (weight B).

    When the words as typed are also one of the forms ("price", "ask not what your country", "pric*"), that
    option is written without weights: the same rows, since a document's A positions (1..n) and B positions
    (n + 2 ...) never make one phrase (as FTS5's ``term_expression`` writes ``"w"`` for ``text : "w" OR norm :
    "w"``). A weight needs every row's positions read, and makes the GIN index recheck each match: the scan of
    a prefix's 13,353 newest rows took 5.3 ms with weights, 2.2 ms without."""
    own, *forms = term_words(term, normalizer, language)
    either = bool(own) and own in forms
    options = [_phrase(own, "" if either else "A", term.prefix)] if own else []
    options += [_phrase(words, "B", term.prefix) for words in forms if words and not (either and words == own)]
    return "(" + " | ".join(dict.fromkeys(options)) + ")"


def emit(node: q.Node, normalizer: Normalizer, language: str | None) -> str:
    """The tsquery literal of a parsed query."""
    if isinstance(node, q.Term):
        return term_tsquery(node, normalizer, language)
    if isinstance(node, q.Or):
        return "(" + " | ".join(emit(o, normalizer, language) for o in node.options) + ")"
    expression = "(" + " & ".join(emit(p, normalizer, language) for p in node.positives) + ")"
    if node.negatives:
        expression += " & !(" + " | ".join(emit(n, normalizer, language) for n in node.negatives) + ")"
    return "(" + expression + ")"


def loose_query(node: q.Node, normalizer: Normalizer, language: str | None) -> str:
    """A tsquery every match of ``node`` matches, cheap to check on a row: the words of each option of each
    positive term, longest (likely rarest) first, with no phrase order and no weights (so no positions are
    read). A scan checks it first and the query itself only on the rows it lets through: a common phrase
    was checked 2x faster so."""
    if isinstance(node, q.Term):
        options = [_all_of(words, node.prefix) for words in term_words(node, normalizer, language) if words]
        return "(" + " | ".join(dict.fromkeys(options)) + ")"
    if isinstance(node, q.Or):
        return "(" + " | ".join(loose_query(o, normalizer, language) for o in node.options) + ")"
    return "(" + " & ".join(loose_query(p, normalizer, language) for p in node.positives) + ")"


def _all_of(words: Sequence[str], prefix: bool) -> str:
    """``w1 & w2 ...``, longest first (the last word a prefix for a prefix term)."""
    items = {lexeme(w) for w in words[:-1] if not (prefix and w == words[-1])}
    items.add(lexeme(words[-1]) + (":*" if prefix else ""))
    ordered = sorted(items, key=lambda item: (-len(item), item))
    return ordered[0] if len(ordered) == 1 else "(" + " & ".join(ordered) + ")"


def compile_query(query: str, normalizer: Normalizer, language: str | None = None) -> tuple[q.Node, str]:
    """The parsed query and its tsquery literal."""
    node = q.parse(query)
    return node, emit(node, normalizer, language)


def _param(name: str, value: Any) -> Any:
    if name == "date_from":
        return datetime.combine(value, time(), tzinfo=UTC)
    if name == "date_to":
        return datetime.combine(value + timedelta(days=1), time(), tzinfo=UTC)
    return value


# ---- the backend --------------------------------------------------------------------------------------


class PostgresSearch(Fts5Search):
    """Full-text search on PostgreSQL (tsvector + GIN); everything but the SQL is the FTS5 backend's."""

    vocabulary_table = "search_vocab"

    def __init__(self, store: Store, normalizer: Normalizer, *, tier_first: int = TIER_FIRST) -> None:
        super().__init__(store, normalizer, tier_first=tier_first)

    def compile(self, query: str, language: str | None) -> tuple[q.Node, str]:
        return compile_query(query, self.normalizer, language)

    def _statement(self, node: q.Node, f: SearchFilters, cover: Sequence[str] = ()) -> tuple[Any, dict[str, Any]]:
        where, params = filter_sql(f, _param, _CONDITIONS)
        pieces, patterns = rank_sql(node, self.normalizer, f.language, dialect="postgresql")
        params.update(patterns)
        found = _found(f, where) if where else _FOUND_ALL
        check = loose_query(node, self.normalizer, f.language)
        if check != emit(node, self.normalizer, f.language):
            params["loose"] = check
        params.update({f"c{i}": word for i, word in enumerate(cover)})
        candidates = pg_plan.candidates(loose="loose" in params, cover=len(cover))
        return text(_TIER.format(found=found, candidates=candidates, **pieces)), params

    def _bounds(self, conn: Connection, f: SearchFilters) -> tuple[int, int]:
        return _bounds(conn, f)

    def _refresh_before_search(self) -> None:
        """Nothing here: the tier plan's estimate asks whether anything is queued in its own round trip (a
        separate one cost 0.2-4 ms on a loaded machine), and indexes it before the first tier reads."""

    def _reader(self) -> Connection:
        """Autocommit: a search only reads, and each statement has its own snapshot anyway (READ COMMITTED),
        so no BEGIN / ROLLBACK round trips around it."""
        return self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def _prepare(self, conn: Connection, node: q.Node, f: SearchFilters) -> tuple[Any, dict[str, Any], TierPlan]:
        """The statement reads the postings of the query's cover where it has one (see ``pg_plan``); each tier's
        scanned window (``wlo``) follows from how many rows the query may match."""
        options = lambda term: [w for w in term_words(term, self.normalizer, f.language) if w]  # noqa: E731
        estimate = pg_plan.Estimate(conn, node, options)
        if estimate.pending:  # indexed before any tier reads, as FTS5 does before the search
            self.refresh()
            estimate = pg_plan.Estimate(conn, node, options)
        sql, params = self._statement(node, f, estimate.cover(node) or ())
        return sql, params, lambda lo, hi, size: {"wlo": pg_plan.window(lo, hi, size, estimate.matches, estimate.ids)}

    # ---- index maintenance ----------------------------------------------------------------------

    def refresh(self) -> int:
        """Index queued utterances, one committed batch at a time; returns how many were indexed.

        After a bulk load (at least OPTIMIZE_SHARE of the library, and OPTIMIZE_MIN rows) the table is
        vacuumed and analysed, which also merges the GIN index's pending list.
        """
        with self._reader() as conn:  # the usual case, nothing queued: one round trip
            if not conn.execute(text("SELECT EXISTS (SELECT 1 FROM search_pending)")).scalar_one():
                return 0
        done = 0
        while True:
            with self.store.engine.begin() as conn:
                batch = conn.execute(text(_PENDING), {"n": BATCH}).all()
                if batch:
                    _index_batch(conn, batch, self.normalizer)
            done += len(batch)
            if len(batch) < BATCH:
                break
        if done >= OPTIMIZE_MIN and done >= OPTIMIZE_SHARE * self._indexed():
            self.optimize()
        return done

    def _indexed(self) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM utterance_search")).scalar_one())

    def optimize(self) -> None:
        """VACUUM ANALYZE the index tables (fresh planner statistics, a merged GIN pending list, postings read by
        index-only scans) and vacuum the emptied queue."""
        with self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE utterance_search"))
            conn.execute(text("VACUUM ANALYZE search_posting"))  # all-visible pages: index-only scans
            conn.execute(text("VACUUM search_pending"))  # the bulk's dead rows: every search asks if it is empty
            conn.execute(text("ANALYZE utterance"))


_PENDING = """
SELECT p.utterance_id, u.text, coalesce(u.language, c.language) AS language
FROM search_pending p JOIN utterance u ON u.id = p.utterance_id JOIN call c ON c.id = u.call_id
ORDER BY p.utterance_id LIMIT :n FOR UPDATE OF p SKIP LOCKED
"""

_UPSERT = """
INSERT INTO utterance_search(utterance_id, doc) VALUES (:id, CAST(:doc AS tsvector))
ON CONFLICT (utterance_id) DO UPDATE SET doc = excluded.doc
"""
_UPSERT_NORM = """
INSERT INTO utterance_norm(utterance_id, norm) VALUES (:id, :norm)
ON CONFLICT (utterance_id) DO UPDATE SET norm = excluded.norm
"""

# Each document's words in ``search_posting`` (see pg_plan), read back from the tsvector itself so the two never
# disagree; the old document's words went with it (a trigger, migration 0019).
_POST = """
INSERT INTO search_posting(term, utterance_id, call_id)
SELECT w.lexeme, s.utterance_id, u.call_id FROM utterance_search s JOIN utterance u ON u.id = s.utterance_id,
    unnest(s.doc) AS w
WHERE s.utterance_id = ANY(CAST(:ids AS int[])) ORDER BY 1, 2 ON CONFLICT DO NOTHING
"""

# A claimed row leaves the queue only if its text is still the one indexed: an edit committed since the
# claim was read (READ COMMITTED: this statement sees it) keeps it queued for the next refresh. An edit still
# in flight waits for this transaction in its trigger (migration 0011) and queues the row again after it.
_DONE = """
DELETE FROM search_pending p USING utterance u, unnest(CAST(:ids AS int[]), CAST(:texts AS text[])) AS t(id, text)
WHERE p.utterance_id = t.id AND u.id = t.id AND u.text = t.text
"""

_VOCAB = """
INSERT INTO search_vocab(term, doc) SELECT t.term, t.n FROM unnest(CAST(:terms AS text[]), CAST(:counts AS int[]))
    AS t(term, n) ORDER BY t.term
ON CONFLICT (term) DO UPDATE SET doc = search_vocab.doc + excluded.doc
"""


def _index_batch(conn: Connection, batch: Sequence[Any], normalizer: Normalizer) -> None:
    rows, vocab = [], Counter[str]()
    for utterance_id, utterance, language in batch:
        norm = normalizer.norm_text(utterance, language)
        doc = document(utterance, norm)
        rows.append({"id": utterance_id, "norm": norm, "doc": doc})
        vocab.update({_folded(w) for w in tokens(utterance)} | {f[:MAX_LEXEME] for f in norm.split()})
    ids = {"ids": [r["id"] for r in rows]}
    conn.execute(text(_UPSERT_NORM), rows)
    conn.execute(text(_UPSERT), rows)
    conn.execute(text(_POST), ids)
    terms = sorted(t for t in vocab if t)
    conn.execute(text(_VOCAB), {"terms": terms, "counts": [vocab[t] for t in terms]})
    done = {"ids": [r["id"] for r in rows], "texts": [str(u[1]) for u in batch]}
    conn.execute(text(_DONE), done)


_NO_ROWS = (1, 0)
_ALL_ROWS = (0, 2**31 - 1)


def _bounds(conn: Connection, f: SearchFilters) -> tuple[int, int]:
    """The utterance id range the call and date filters allow."""
    if f.call_id is not None:
        low, high = conn.execute(text(_BOUNDS_OF_CALL), {"c": f.call_id}).one()
    elif f.date_from is not None or f.date_to is not None:
        where, params = filter_sql(SearchFilters(date_from=f.date_from, date_to=f.date_to), _param)
        low, high = conn.execute(text(_BOUNDS_OF_CALLS.format(filters=where)), params).one()
    else:
        return _ALL_ROWS
    return _NO_ROWS if low is None else (int(low), int(high))
