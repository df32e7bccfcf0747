"""What a token pattern may cost, checked when the rules load (before spaCy ever sees the pattern).

spaCy's ``Matcher`` expands ``{OP: "{n,m}"}`` into ``m`` copies of the token, and every optional copy
doubles the partial matches it tracks: measured on a 57-token line, ``{0,10}`` takes 17 ms, ``{0,15}``
0.4 s, ``{0,20}`` 14 s; ``{0,100}`` took 263 s and 3.5 GB on a 9-line call. So a pattern is refused when:

- it expands to more than ``MAX_PATTERN_TOKENS`` tokens (``{n,m}`` counts ``m``);
- it has more than ``MAX_OPTIONAL`` optional copies (``?`` counts 1, ``{n,m}`` counts ``m - n``);
- it repeats without bound (``*``, ``+``, ``{n,}``) a token that matches any word, or repeats more than
  one token without bound;
- a regular expression nests repetition (``(a+)+``, ``^((a+))+$``, ``(\\w+\\s?)*``) or repeats an
  alternation that itself repeats: catastrophic backtracking on one long token; or is not valid.

What remains is linear in the utterance; ``analysis.find_hits`` also bounds the time per utterance.
"""

from __future__ import annotations

import math
import re
import re._parser as sre  # the standard library's own regex parser: the shape of a pattern, exactly
from typing import Any

MAX_PATTERN_TOKENS = 12
MAX_OPTIONAL = 8
MAX_REGEX_CHARS = 200
_BOUNDS = re.compile(r"^\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}$")
_UNBOUNDED = math.inf


def repeats(op: str) -> tuple[int, float] | None:
    """``(least, most)`` copies of a token for its ``OP`` (``most`` is infinite without a bound); None if not an op."""
    simple: dict[str, tuple[int, float]] = {
        "": (1, 1),
        "!": (1, 1),
        "?": (0, 1),
        "*": (0, _UNBOUNDED),
        "+": (1, _UNBOUNDED),
    }
    if op in simple:
        return simple[op]
    found = _BOUNDS.match(op)
    if not found or not (found.group(1) or found.group(3)):
        return None
    least = int(found.group(1) or 0)
    if not found.group(2):
        return least, least
    return least, int(found.group(3)) if found.group(3) else _UNBOUNDED


def pattern_problem(pattern: list[dict[str, Any]]) -> str | None:
    """Why the token pattern costs too much to run, or None."""
    spans = [(token, repeats(str(token.get("OP", "")))) for token in pattern]
    known = [(token, r) for token, r in spans if r is not None]  # an unknown OP is spaCy's to report
    expanded = int(sum(max(least, 1) if most == _UNBOUNDED else most for _, (least, most) in known))
    if expanded > MAX_PATTERN_TOKENS:
        return (
            f"pattern expands to {expanded:,} tokens ({_widest(known)}); keep it to {MAX_PATTERN_TOKENS} or fewer: "
            "each repeat of {OP: '{n,m}'} counts m tokens"
        )
    optional = int(sum(most - least for _, (least, most) in known if most != _UNBOUNDED))
    if optional > MAX_OPTIONAL:
        return f"pattern has {optional} optional tokens; keep it to {MAX_OPTIONAL} (each doubles the matcher's work)"
    return _unbounded_problem(known) or _regex_problems(pattern)


def _widest(known: list[tuple[dict[str, Any], tuple[int, float]]]) -> str:
    token = max(known, key=lambda item: item[1][1] if item[1][1] != _UNBOUNDED else 0)[0]
    return f"{{OP: {str(token.get('OP', ''))!r}}}"


def _unbounded_problem(known: list[tuple[dict[str, Any], tuple[int, float]]]) -> str | None:
    unbounded = [token for token, (_, most) in known if most == _UNBOUNDED]
    for token in unbounded:
        if set(token) == {"OP"}:
            op = token["OP"]
            return f"unbounded wildcard {{OP: '{op}'}} matches any number of words; use {{OP: '{{0,3}}'}} instead"
    if len(unbounded) > 1:
        return "more than one token repeats without bound ('*', '+', '{n,}'); bound all but one, e.g. {0,3}"
    return None


def _regex_problems(pattern: list[dict[str, Any]]) -> str | None:
    for token in pattern:
        for regex in _regexes(token):
            problem = regex_problem(regex)
            if problem:
                return problem
    return None


def _regexes(token: dict[str, Any]) -> list[str]:
    found = [v for k, v in token.items() if k.upper() == "REGEX" and isinstance(v, str)]
    found += [v["REGEX"] for v in token.values() if isinstance(v, dict) and isinstance(v.get("REGEX"), str)]
    return found


def regex_problem(regex: str) -> str | None:
    """Why a rule's regular expression may backtrack catastrophically (or cannot be used), or None."""
    if len(regex) > MAX_REGEX_CHARS:
        return f"regular expression of {len(regex)} characters; keep it to {MAX_REGEX_CHARS}"
    try:
        parsed = sre.parse(regex)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"regular expression {regex!r} is not valid ({exc})"
    if _nested_repeat(list(parsed), inside_repeat=False):
        return f"regular expression {regex!r} nests repetition (catastrophic backtracking)"
    return None


def _nested_repeat(items: list[tuple[Any, Any]], inside_repeat: bool) -> bool:
    """A variable repeat inside another repeat, at any depth of groups and alternatives (``(,\\d{3})*`` is fine)."""
    for op, arg in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            least, most, sub = arg
            if inside_repeat and least != most:  # a variable repeat inside a repeat: many ways to split
                return True
            if _nested_repeat(list(sub), inside_repeat or most > 1):
                return True
        elif op == sre.SUBPATTERN:
            if _nested_repeat(list(arg[-1]), inside_repeat):
                return True
        elif op == sre.BRANCH:
            if any(_nested_repeat(list(branch), inside_repeat) for branch in arg[1]):
                return True
        elif op in (sre.ASSERT, sre.ASSERT_NOT) and _nested_repeat(list(arg[1]), inside_repeat):
            return True
    return False
