"""How PostgreSQL finds a tier's candidates fast: a scan of the newest ids, the GIN index, or both.

A tier needs the ``size`` newest matches within an id range. Two ways there, and PostgreSQL's planner
cannot tell which is cheaper, because it does not know how many rows a query matches (a rare word was
estimated at 1.5 % of a million rows and found by walking the primary key backwards through all of them:
0.8-1.1 s, against 0.5 ms through the GIN index):

- **scan**: walk the primary key down from the newest id, checking each row's tsvector; costs about
  ``size / share`` rows, cheap for a common word, a full table scan for a rare one;
- **GIN**: every match in the range through the GIN index, then sorted; costs a heap visit and recheck per
  match (about ``GIN_ROW_COST`` scanned rows each), cheap for a rare word, slow for a common one.

The search vocabulary (``search_vocab``, documents per term) bounds how many rows a query matches, so
each tier picks here: the newest ``window`` ids are scanned (sized to hold ``size`` matches with room to
spare), and the rest of the range, if the window held too few, goes through the GIN index. Either way the
tier holds exactly the ``size`` newest matches of the range: the statement (``candidates()``) appends the
older part after the window and stops as soon as it has ``size`` rows, so the GIN part only runs when
needed. The estimate only ever decides speed, never results.

The window is not walked row by row where the query has a **cover** (``Estimate.cover``): a few indexed
words, one of which every match holds (the rarest word of a phrase, each form of a word, each word a short
prefix stands for). Their utterances come newest first from ``search_posting`` (migration 0019; a backward
index-only scan, merged across the words), as FTS5 reads a doclist, and only those are checked against their
document: a filtered common word's tiers checked ~41,000 rows by the scan, ~1,500 so.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection

from assistant.storage.search import query as q

GIN_ROW_COST = 50  # a match found through the GIN index costs about as much as 50 rows scanned by id
SPARE = 4.0  # the scanned window is sized for SPARE × the matches it needs
MAX_COVER = 32  # a query whose cover needs more words (a short prefix) is scanned, not read from postings
MAX_LEXEME = 512  # as postgres.MAX_LEXEME: longer words are indexed cut to this

# The tier's candidates: the newest matches in [:wlo, :hi] by a backward scan of the primary key, then
# (only if those are fewer than :size) the newest in [:lo, :wlo - 1] through the GIN index (OFFSET 0 keeps
# the planner from turning that into a scan too). Both parts are newest first, so their concatenation is.
# Each candidate comes with its call where the postings hold it (``postgres._FOUND`` reads it otherwise).
# The scan calls the match operator's function (``ts_match_vq``), which no index serves: estimating a
# phrase at 1 row, the planner read all 11,744 matches of one through the GIN index instead (42 ms, against
# 18 ms for the window's scan).
# With a ``loose`` query (``postgres.loose_query``), the scan checks that first, the query only where it holds.
_CANDIDATES = """
    SELECT id, call_id FROM (
        {window}
        UNION ALL
        (SELECT id, NULL::int AS call_id FROM (SELECT utterance_id AS id FROM utterance_search
                         WHERE doc @@ CAST(:expr AS tsquery) AND utterance_id BETWEEN :lo AND :wlo - 1 OFFSET 0) g
         ORDER BY id DESC LIMIT :size)
    ) both_parts LIMIT :size"""
_SCANNED = """(SELECT utterance_id AS id, NULL::int AS call_id FROM utterance_search
         WHERE {loose}ts_match_vq(doc, CAST(:expr AS tsquery)) AND utterance_id BETWEEN :wlo AND :hi
         ORDER BY utterance_id DESC LIMIT :size)"""

# The window from the cover's postings instead: each cover word's utterances in [:wlo, :hi] newest first (``:c0``,
# ``:c1`` ...; several merged), each checked against its document. Driven from the postings (a nested loop,
# OFFSET 0): joined, the planner hashed all 330,000 documents of a phrase's words instead (390 ms).
_POSTED = """(SELECT m.id, m.call_id FROM ({merged}) m
         CROSS JOIN LATERAL (SELECT 1 FROM utterance_search s
                             WHERE s.utterance_id = m.id AND ts_match_vq(s.doc, CAST(:expr AS tsquery)) OFFSET 0) v
         ORDER BY m.id DESC LIMIT :size)"""
# Several words' postings, merged newest first and each id once (a lag over a Merge Append streams; DISTINCT
# made PostgreSQL hash and sort all 35,000 postings of 'price' to return 500).
_MERGED = """SELECT id, call_id FROM (SELECT id, call_id, lag(id) OVER (ORDER BY id DESC) AS prev FROM ({parts}) u) d
            WHERE prev IS DISTINCT FROM id"""
_POSTINGS = """SELECT utterance_id AS id, call_id FROM search_posting
            WHERE term = :c{i} AND utterance_id BETWEEN :wlo AND :hi ORDER BY utterance_id DESC"""


def candidates(loose: bool, cover: int = 0) -> str:
    """The candidates' statement: the window scanned (with or without the ``:loose`` query checked first), or
    read from the postings of ``cover`` words (``:c0`` ...)."""
    if not cover:
        loosely = "ts_match_vq(doc, CAST(:loose AS tsquery)) AND " if loose else ""
        return _CANDIDATES.format(window=_SCANNED.format(loose=loosely))
    merged = _POSTINGS.format(i=0)
    if cover > 1:
        parts = " UNION ALL ".join(f"({_POSTINGS.format(i=i)})" for i in range(cover))
        merged = _MERGED.format(parts=parts)
    return _CANDIDATES.format(window=_POSTED.format(merged=merged))


# One round trip: the indexed id range, whether utterances wait to be indexed ('#pending': 1, a name no word
# has), then the document count of each word and of each prefix's words.
_COUNTS = """
SELECT '' AS term, coalesce(min(utterance_id), 0) AS low, coalesce(max(utterance_id), 0) AS doc FROM utterance_search
UNION ALL
SELECT '#pending', 0, CAST(EXISTS (SELECT 1 FROM search_pending) AS int)
UNION ALL
SELECT term, 0, doc FROM search_vocab WHERE term = ANY(CAST(:words AS text[]))
UNION ALL
SELECT '*' || p.prefix, 0,
       (SELECT coalesce(sum(v.doc), 0) FROM search_vocab v WHERE v.term >= p.prefix AND v.term < p.upper)
FROM unnest(CAST(:prefixes AS text[]), CAST(:uppers AS text[])) AS p(prefix, upper)
"""


def window(lo: int, hi: int, size: int, matches: float, ids: tuple[int, int]) -> int:
    """The lowest id of the window to scan in [lo, hi], for a query matching about ``matches`` of the indexed
    ``ids`` (lowest, highest): ``hi + 1`` (none: all through the GIN index) for a rare query, ``lo`` (all:
    the scan stops at ``size`` matches) for a common one, else a window with room for SPARE × ``size``
    matches, the GIN index taking over below it (only when the query proves rarer than estimated)."""
    bottom, top = max(lo, ids[0]), min(hi, ids[1])
    share = min(1.0, max(matches, 1.0) / max(ids[1] - ids[0] + 1, 1))
    scan = size / share  # ids to scan for ``size`` matches
    if share * max(top - bottom + 1, 0) * GIN_ROW_COST <= scan:
        return hi + 1
    if share * GIN_ROW_COST >= 1:  # every match through the GIN index would cost more than a full scan
        return lo
    return max(lo, top - int(SPARE * scan) + 1)


Options = Callable[[q.Term], list[list[str]]]  # a term → the word lists it matches as (postgres.term_words)


class Estimate:
    """An upper bound of the rows a query matches, from the vocabulary's document counts (a prefix term
    counts every word it may stand for)."""

    def __init__(self, conn: Connection, node: q.Node, options: Options) -> None:
        self.conn, self.options = conn, options
        terms = set(q.terms(node))
        words = {w for t in terms for ws in options(t) for w in (ws[:-1] if t.prefix else ws)}
        prefixes = sorted({ws[-1] for t in terms if t.prefix for ws in options(t)})
        params = {"words": sorted(words), "prefixes": prefixes, "uppers": [_upper(p) for p in prefixes]}
        rows = conn.execute(text(_COUNTS), params).all()
        self.ids = next((int(low), int(high)) for term, low, high in rows if term == "")
        self.counts: dict[str, int] = {str(term): int(doc) for term, _, doc in rows if term}
        self.pending = bool(self.counts.pop("#pending"))
        self.matches = self._bound(node)

    def _words(self, words: list[str], prefix: bool) -> int:
        found = [self.counts.get(w, 0) for w in (words[:-1] if prefix else words)]
        if prefix:
            found.append(self.counts.get("*" + words[-1], 0))
        return min(found)

    def _bound(self, node: q.Node) -> float:
        if isinstance(node, q.Term):  # the forms of a word mostly share their documents: the largest count
            return float(max((self._words(words, node.prefix) for words in self.options(node)), default=0))
        if isinstance(node, q.Or):
            return sum(self._bound(o) for o in node.options)
        if not node.positives:
            return float(self.ids[1] - self.ids[0] + 1)
        return min(self._bound(p) for p in node.positives)

    def cover(self, node: q.Node) -> list[str] | None:
        """Indexed words whose utterances hold every match of ``node``, at most MAX_COVER (None: no such list):
        for a term, one word of each of its word lists (the rarest; a lone prefix: every word it stands for);
        every option's of an OR; the rarest positive's of an AND."""
        if isinstance(node, q.And):
            found = (self.cover(p) for p in sorted(node.positives, key=self._bound))
            return next((c for c in found if c is not None), None)
        if isinstance(node, q.Or):
            parts = [self.cover(o) for o in node.options]
        else:
            parts = [self._pick(words, node.prefix) for words in self.options(node) if words]
        if not parts or any(p is None for p in parts):
            return None
        words = list(dict.fromkeys(w for p in parts for w in p or ()))
        return words if len(words) <= MAX_COVER else None

    def _pick(self, words: list[str], prefix: bool) -> list[str] | None:
        """The rarest word of a word list; none when no document holds it (a stem that is no document's form: it
        would add a second posting list to merge, empty as of this estimate)."""
        fixed = words[:-1] if prefix else words
        if fixed:
            rarest = min(fixed, key=lambda w: (self.counts.get(w, 0), w))
            return [rarest[:MAX_LEXEME]] if self.counts.get(rarest, 0) else []
        found = self.conn.execute(text(_EXPAND), {"prefix": words[-1], "upper": _upper(words[-1]), "most": MAX_COVER})
        expanded = [str(w) for (w,) in found]
        return expanded if len(expanded) <= MAX_COVER else None


# The words of search_posting that start with :prefix, at most :most + 1 of them: one index probe per word
# (its ``term`` is in the "C" collation, so this range is exactly the words with that prefix).
_EXPAND = """
WITH RECURSIVE words(term, n) AS (
    SELECT min(term), 1 FROM search_posting WHERE term >= :prefix AND term < :upper
    UNION ALL
    SELECT (SELECT min(p.term) FROM search_posting p WHERE p.term > w.term AND p.term < :upper), w.n + 1
    FROM words w WHERE w.term IS NOT NULL AND w.n <= :most)
SELECT term FROM words WHERE term IS NOT NULL"""


def _upper(prefix: str) -> str:
    """The first string after every word that starts with ``prefix`` (in code point order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
