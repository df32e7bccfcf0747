"""Full-text search over every utterance, behind one interface (``SearchBackend``).

The embedded default is SQLite FTS5 (``Fts5Search``): ``utterance_fts`` indexes each utterance's text and
its normalised form (see ``assistant.library.normalize``), with external content kept in sync by the
triggers of migration 0002. Triggers cannot call Python, so they queue new and changed utterances in
``search_pending``; ``refresh()`` computes their normalised form and runs before every search (cheap when
nothing is queued). User queries are parsed by ``assistant.library.query`` and re-emitted with every term
quoted, so no input reaches FTS5 as syntax. A PostgreSQL backend would implement the same Protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from rapidfuzz import fuzz, process
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from assistant.errors import SearchError
from assistant.library import normalize
from assistant.library import query as q
from assistant.library.records import OUTCOME_STATUSES, SearchFilters, SearchHit, SearchPage
from assistant.records import ROLES
from assistant.storage.db import Store

MARK = ("<mark>", "</mark>")
MAX_LIMIT = 500
_BATCH = 5000


class SearchBackend(Protocol):
    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchPage: ...

    def did_you_mean(self, query: str, *, filters: SearchFilters | None = None) -> str | None: ...

    def refresh(self) -> int: ...


def backend_for(store: Store) -> SearchBackend:
    """The search backend for the store's database."""
    if store.engine.dialect.name == "sqlite":
        return Fts5Search(store)
    raise SearchError(
        f"search: the {store.engine.dialect.name} database has no search backend yet; use the SQLite default"
    )


def _check_filters(f: SearchFilters) -> None:
    if f.role is not None and f.role not in ROLES:
        raise SearchError(f"role: {f.role!r} is not one of {', '.join(ROLES)}")
    if f.risk_level is not None and f.risk_level not in ("low", "medium", "high"):
        raise SearchError(f"risk: {f.risk_level!r} is not one of low, medium, high")
    if f.outcome is not None and f.outcome not in OUTCOME_STATUSES:
        raise SearchError(f"outcome: {f.outcome!r} is not one of {', '.join(OUTCOME_STATUSES)}")
    if f.date_from and f.date_to and f.date_to < f.date_from:
        raise SearchError(f"date range: --to {f.date_to} is before --from {f.date_from}")


def compile_query(query: str, language: str | None = None) -> tuple[q.Node, str]:
    """The parsed query and its safe FTS5 expression."""
    node = q.parse(query)
    return node, q.emit(node, lambda term: normalize.term_expression(term, language))


_SELECT = """
SELECT u.id, u.call_id, u.idx, u.start, u."end", u.role, s.label, u.text,
       coalesce(u.language, c.language) AS language,
       snippet(utterance_fts, 0, :m0, :m1, '…', 24) AS snip, bm25(utterance_fts, 1.0, 0.7) AS score,
       a.name AS account, c.title, c.recorded_at
FROM utterance_fts
JOIN utterance u ON u.id = utterance_fts.rowid
JOIN speaker s ON s.id = u.speaker_id
JOIN call c ON c.id = u.call_id
LEFT JOIN account a ON a.id = c.account_id
WHERE utterance_fts MATCH :expr {filters}
ORDER BY score, u.id
LIMIT :limit OFFSET :offset
"""


def _recorded(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class Fts5Search:
    """SQLite FTS5 search (the embedded default)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchPage:
        f = filters or SearchFilters()
        _check_filters(f)
        if not 1 <= limit <= MAX_LIMIT or offset < 0:
            raise SearchError(f"limit / offset: need 1 <= limit <= {MAX_LIMIT} and offset >= 0")
        node, expression = compile_query(query, f.language)
        self.refresh()
        rows = self._run(expression, f, limit + 1, offset)
        hits = tuple(self._hit(r, node) for r in rows[:limit])
        page = SearchPage(query, expression, hits, offset, limit, has_more=len(rows) > limit)
        if not hits and offset == 0:
            return SearchPage(query, expression, (), 0, limit, False, self.did_you_mean(query, filters=f))
        return page

    def _run(self, expression: str, f: SearchFilters, limit: int, offset: int) -> list[Any]:
        where, params = filter_sql(f)
        sql = text(_SELECT.format(filters=where))
        params.update(expr=expression, limit=limit, offset=offset, m0=MARK[0], m1=MARK[1])
        try:
            with self.store.engine.connect() as conn:
                return list(conn.execute(sql, params).all())
        except OperationalError as exc:  # a bug of ours, never user syntax: say so plainly
            raise SearchError(f"search failed for expression {expression!r}: {exc.orig}") from exc

    def _hit(self, r: Any, node: q.Node) -> SearchHit:
        snippet = r.snip if MARK[0] in (r.snip or "") else normalize.highlight(r.text, node, r.language, MARK)
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
        """Compute the normalised form of queued utterances; returns how many were indexed."""
        done = 0
        with self.store.engine.begin() as conn:
            while batch := conn.execute(text(_PENDING), {"n": _BATCH}).all():
                _index_batch(conn, batch)
                done += len(batch)
        return done

    # ---- did you mean ---------------------------------------------------------------------------

    def did_you_mean(self, query: str, *, filters: SearchFilters | None = None) -> str | None:
        """The query with unknown words replaced by the closest indexed words, if that finds something."""
        try:
            node = q.parse(query)
        except SearchError:
            return None
        words = {w.lower() for t in q.terms(node) for w in normalize.tokens(t.text) if not normalize.is_cjk(w)}
        with self.store.engine.connect() as conn:
            known = "SELECT 1 FROM utterance_vocab WHERE term = :w"
            unknown = [w for w in words if len(w) >= 3 and conn.execute(text(known), {"w": w}).first() is None]
            if not unknown:
                return None
            rows = conn.execute(text("SELECT term, doc FROM utterance_vocab")).all()
        vocab: dict[str, int] = {str(term): int(doc) for term, doc in rows}
        corrected = query
        for word in unknown:
            best = _closest(word, vocab)
            if best:
                corrected = _replace_word(corrected, word, best)
        if corrected == query:
            return None
        f = filters or SearchFilters()
        _, expression = compile_query(corrected, f.language)
        return corrected if self._run(expression, f, 1, 0) else None


def _closest(word: str, vocab: dict[str, int]) -> str | None:
    matches = process.extract(word, vocab.keys(), scorer=fuzz.ratio, limit=5, score_cutoff=70)
    if not matches:
        return None
    return max(matches, key=lambda m: (m[1], vocab[m[0]]))[0]


def _replace_word(query: str, word: str, replacement: str) -> str:
    import re

    return re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", replacement, query, flags=re.IGNORECASE)


_PENDING = """
SELECT p.utterance_id, u.text, coalesce(u.language, c.language) AS language
FROM search_pending p JOIN utterance u ON u.id = p.utterance_id JOIN call c ON c.id = u.call_id
LIMIT :n
"""


def _index_batch(conn: Connection, batch: Sequence[Any]) -> None:
    rows = [{"id": r[0], "text": r[1], "norm": normalize.norm_text(r[1], r[2])} for r in batch]
    conn.execute(
        text("INSERT INTO utterance_fts(utterance_fts, rowid, text, norm) VALUES ('delete', :id, :text, '')"), rows
    )
    conn.execute(text("INSERT OR REPLACE INTO utterance_norm(utterance_id, norm) VALUES (:id, :norm)"), rows)
    conn.execute(text("INSERT INTO utterance_fts(rowid, text, norm) VALUES (:id, :text, :norm)"), rows)
    conn.execute(text("DELETE FROM search_pending WHERE utterance_id = :id"), rows)


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


def _param(name: str, value: Any) -> Any:
    if name == "date_from":
        return value.isoformat()
    if name == "date_to":
        return (value + timedelta(days=1)).isoformat()
    return value


def filter_sql(f: SearchFilters) -> tuple[str, dict[str, Any]]:
    """``AND ...`` conditions and their bound parameters for the filters that are set."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for name, condition in _FILTERS.items():
        value = getattr(f, name)
        if value is not None:
            where.append(condition)
            params[name] = _param(name, value)
    return "".join(f" AND {w}" for w in where), params
