"""The search query language, parsed by us and re-emitted as a safe FTS5 expression.

Grammar (lenient; operators are upper case, as in FTS5 and most search boxes):

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          juxtaposition means AND
    unary   := ("NOT" | "-")* primary          NOT excludes: "price NOT discount"
    primary := "(" query [")"] | "\"phrase\"" | word | word*

User text never reaches FTS5 as syntax: every word and phrase is re-emitted inside double quotes (with
quotes doubled), so quotes, colons, carets, ``NEAR``, column names and unicode are plain text. Unbalanced
quotes and parentheses are closed at the end, stray ``)`` and dangling operators are ignored. A query
with nothing to search for, or only exclusions, raises ``SearchError`` with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.errors import SearchError

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 16
_OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(r'\s+|"[^"]*(?:"|$)|\(|\)|[^\s"()]+')
_WORD_CHAR = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class And:
    positives: tuple[Node, ...]
    negatives: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    options: tuple[Node, ...]


Node = Term | And | Or


def _lex(query: str) -> list[str]:
    return [t for t in _TOKEN.findall(query) if not t.isspace()]


def _term(token: str) -> Term | None:
    """A word or phrase token as a Term, or None when it holds no letters or digits."""
    if token.startswith('"'):
        text, phrase, prefix = token.strip('"'), True, token.endswith('"*')
    else:
        text, phrase, prefix = token.rstrip("*"), False, token.endswith("*")
    text = text.strip()
    if not _WORD_CHAR.search(text):
        return None
    return Term(text=text, phrase=phrase or " " in text, prefix=prefix and not phrase)


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.terms = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def parse_or(self) -> Node | None:
        options = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            options.append(self.parse_and())
        kept = tuple(o for o in options if o is not None)
        return None if not kept else kept[0] if len(kept) == 1 else Or(kept)

    def _stops(self, token: str | None) -> bool:
        return token is None or token == "OR" or (token == ")" and self.depth > 0)

    def parse_and(self) -> Node | None:
        positives: list[Node] = []
        negatives: list[Node] = []
        while not self._stops(token := self.peek()):
            if token in ("AND", ")"):  # explicit AND, or a stray ")" at the top level
                self.take()
                continue
            negated = self._negations()
            node = None if self._stops(self.peek()) else self.parse_primary()
            if node is not None:
                (negatives if negated else positives).append(node)
        return _conjunction(positives, negatives)

    def _negations(self) -> bool:
        negated = False
        while self.peek() == "NOT":
            self.take()
            negated = not negated
        return negated

    def parse_primary(self) -> Node | None:
        token = self.take()
        if token == "(":
            return self._group()
        if token in _OPERATORS:
            return None
        negated = token.startswith("-") and len(token) > 1 and not token.startswith("--")
        term = _term(token[1:] if negated else token)
        if term is None:
            return None
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise SearchError(f"query: more than {MAX_TERMS} terms; shorten the query")
        return And(positives=(), negatives=(term,)) if negated else term

    def _group(self) -> Node | None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SearchError(f"query: parentheses nested deeper than {MAX_DEPTH}; simplify the query")
        node = self.parse_or()
        if self.peek() == ")":
            self.take()
        self.depth -= 1
        return node


def _conjunction(positives: list[Node], negatives: list[Node]) -> Node | None:
    # "-word" parses as an And with only a negative: fold it into the enclosing list.
    flat_pos: list[Node] = []
    flat_neg: list[Node] = []
    for node in negatives:  # "NOT -word" is the word itself
        if isinstance(node, And) and not node.positives:
            positives.extend(node.negatives)
        else:
            flat_neg.append(node)
    for node in positives:
        if isinstance(node, And) and not node.positives:
            flat_neg.extend(node.negatives)
        else:
            flat_pos.append(node)
    if not flat_pos and flat_neg:
        raise SearchError("query: NOT (or -) only excludes; add a word to search for, e.g. 'price NOT discount'")
    if not flat_pos:
        return None
    if len(flat_pos) == 1 and not flat_neg:
        return flat_pos[0]
    return And(tuple(flat_pos), tuple(flat_neg))


def parse(query: str) -> Node:
    """The query as a tree; SearchError when it is too long or has nothing to search for."""
    text = unicodedata.normalize("NFKC", query or "").replace("\x00", " ")
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(f"query: {len(text)} characters is too long (at most {MAX_QUERY_CHARS})")
    node = _Parser(_lex(text)).parse_or()
    if node is None:
        raise SearchError(f'query: {query!r} has no words to search for; type a word, a "phrase" or a prefix*')
    return node


def terms(node: Node) -> Iterator[Term]:
    """Every term of the tree, positives and negatives, left to right."""
    if isinstance(node, Term):
        yield node
    elif isinstance(node, Or):
        for option in node.options:
            yield from terms(option)
    else:
        for child in (*node.positives, *node.negatives):
            yield from terms(child)


def positives(node: Node) -> Iterator[tuple[Term, bool]]:
    """The terms a match may hold (not the excluded ones), each with whether every match must hold it."""
    if isinstance(node, Term):
        yield node, True
        return
    children = node.options if isinstance(node, Or) else node.positives
    for child in children:
        for term, required in positives(child):
            yield term, required and isinstance(node, And)


def quote(text: str) -> str:
    """An FTS5 string: the text inside double quotes, quotes doubled. Never an operator."""
    return '"' + text.replace('"', '""') + '"'


def emit(node: Node, term_expr: Callable[[Term], str]) -> str:
    """The FTS5 expression of the tree; ``term_expr`` turns one term into a (safe) FTS5 fragment."""
    if isinstance(node, Term):
        return term_expr(node)
    if isinstance(node, Or):
        return "(" + " OR ".join(emit(o, term_expr) for o in node.options) + ")"
    expression = "(" + " AND ".join(emit(p, term_expr) for p in node.positives) + ")"
    if node.negatives:
        expression += " NOT (" + " OR ".join(emit(n, term_expr) for n in node.negatives) + ")"
    return "(" + expression + ")"
