"""The rule-file schema: field checks with suggestions, token-pattern checks (YAML itself: ``yamlfile``).

Every check adds ``file:line: message`` to a ``Problems`` list instead of stopping, so one run of
``assistant rules check`` shows everything that is wrong.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from assistant.analysis.concepts import parse_concepts
from assistant.analysis.cost import pattern_problem
from assistant.analysis.nlp import LANGUAGE_NAMES, SUPPORTED_LANGUAGES
from assistant.analysis.ruleset import Competitor, Window
from assistant.yamlfile import LineDict, Problems, check_fields, suggest

FILE_FIELDS = ("rules",)
COMPETITORS_FILE_FIELDS = ("competitors", "fuzzy")
COMPETITOR_FIELDS = ("name", "aliases")
RULE_FIELDS = (
    "id", "name", "description", "category", "weight", "speaker", "window", "fuzzy", "gap",
    "phrases", "patterns", "exclude", "enabled", "concepts", "reach", "model",
    "examples", "counter_examples", "similarity",
)  # fmt: skip
WINDOW_FIELDS = ("first_minutes", "last_minutes")
SPEAKERS = ("customer", "rep", "anyone")
# Token attributes the scanning pipeline fills in (no tagger/parser there: it must be fast).
PATTERN_ATTRS = (
    "ORTH", "TEXT", "LOWER", "LEMMA", "NORM", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER",
    "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "LIKE_NUM", "SHAPE", "PREFIX", "SUFFIX",
    "REGEX", "OP",
)  # fmt: skip
DEFAULT_GAP = 3
DEFAULT_REACH = 6
MAX_REACH = 12
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


# ---- fields ------------------------------------------------------------------------------------


def _text(data: LineDict, key: str, where: str, problems: Problems, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        if required:
            problems.add(where, data.line, f"rule is missing required field {key!r}")
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
        problems.add(where, data.line_of(key), f"{key!r} must be a non-empty text")
        return ""
    return str(value).strip()


def _number(data: LineDict, key: str, lo: float, hi: float, where: str, problems: Problems) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        problems.add(where, data.line_of(key), f"{key!r} must be a number from {lo:g} to {hi:g}, got {value!r}")
        return None
    return float(value)


def parse_fuzzy(data: LineDict, where: str, problems: Problems) -> int | None:
    value = _number(data, "fuzzy", 50, 100, where, problems)
    return int(value) if value is not None else None


def parse_rule(data: Any, where: str, problems: Problems) -> dict[str, Any] | None:
    """The fields of one rule, or None when it is unusable (its problems recorded)."""
    if not isinstance(data, LineDict):
        problems.add(where, getattr(data, "line", 0), "each rule is a mapping with id, category, weight, phrases")
        return None
    before = len(problems)
    check_fields(data, RULE_FIELDS, where, problems)
    rule_id = _text(data, "id", where, problems, required=True)
    if rule_id and not _ID.match(rule_id):
        problems.add(where, data.line_of("id"), f"id {rule_id!r} must be lower-case letters, digits, '_', '-'")
    fields: dict[str, Any] = {
        "id": rule_id,
        "name": _text(data, "name", where, problems) or rule_id.replace("_", " ").capitalize(),
        "description": _text(data, "description", where, problems),
        "category": _text(data, "category", where, problems, required=True),
        "weight": _number(data, "weight", 0, 100, where, problems),
        "speaker": _speaker(data, where, problems),
        "window": _window(data, where, problems),
        "fuzzy": parse_fuzzy(data, where, problems),
        "gap": int(_number(data, "gap", 0, 5, where, problems) or (0 if "gap" in data else DEFAULT_GAP)),
        "phrases": _phrases(data, "phrases", where, problems),
        "patterns": _patterns(data, where, problems),
        "exclude": _phrases(data, "exclude", where, problems),
        "source": f"{where}:{data.line}",
        "concepts": _concepts(data, where, problems),
        "reach": int(_number(data, "reach", 1, MAX_REACH, where, problems) or DEFAULT_REACH),
        "model": data.get("model", True) is not False,
        "examples": _examples(data, "examples", where, problems),
        "counter_examples": _examples(data, "counter_examples", where, problems),
        "similarity": float(_number(data, "similarity", 0.3, 0.95, where, problems) or DEFAULT_SIMILARITY),
    }
    if "weight" not in data:
        problems.add(where, data.line, f"rule {rule_id!r} is missing required field 'weight' (0-100)")
    if not any(fields[k] for k in _MATCHERS) and not _has_key(data, _MATCHERS):
        problems.add(where, data.line, f"rule {rule_id!r} has no phrases, concepts, patterns or examples")
    if "counter_examples" in data and "examples" not in data:
        problems.add(where, data.line_of("counter_examples"), "'counter_examples' need 'examples' beside them")
    for flag in ("enabled", "model"):
        if data.get(flag, True) not in (True, False):
            problems.add(where, data.line_of(flag), f"'{flag}' must be true or false")
    if len(problems) > before or data.get("enabled", True) is False:
        return None
    return fields


_MATCHERS = ("phrases", "concepts", "patterns", "examples")
DEFAULT_SIMILARITY = 0.6  # cosine of [e5 | USE] embeddings: paraphrases ~0.6-0.7, unrelated talk ~0.4-0.55
_SCRIPTS = {"zh": "CJK", "ru": "Cyrillic", "en": "Latin", "it": "Latin", "pl": "Latin"}


def _examples(data: LineDict, key: str, where: str, problems: Problems) -> dict[str, tuple[str, ...]]:
    """Example sentences per language (a tracker taught by example); each must be written in its language's
    script, so a list filed under the wrong language is a file:line problem."""
    found = _phrases(data, key, where, problems)
    for lang, items, line in _languages(data, key, where, problems.__class__()):
        lines = getattr(items, "lines", [line] * len(items)) if isinstance(items, list) else []
        for item, item_line in zip(items if isinstance(items, list) else [], lines, strict=False):
            script = _script(str(item))
            if script and script != _SCRIPTS[lang]:
                problems.add(where, item_line, f"{key}.{lang}: {str(item)[:40]!r} is not written in {lang} "
                             f"({script} script); file it under its own language")  # fmt: skip
    return found


def _script(text: str) -> str:
    """The main script of ``text``: CJK, Cyrillic, Latin, or "" when it has no letters."""
    counts = {"CJK": 0, "Cyrillic": 0, "Latin": 0}
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
            counts["CJK"] += 1
        elif "\u0400" <= ch <= "\u04ff":
            counts["Cyrillic"] += 1
        elif (ch.isalpha() and ch.isascii()) or "\u00c0" <= ch <= "\u017f":
            counts["Latin"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ""


def _concepts(data: LineDict, where: str, problems: Problems) -> dict[str, Any]:
    found = _languages(data, "concepts", where, problems)
    return {lang: parse_concepts(items, lang, line, where, problems) for lang, items, line in found}


def _has_key(data: LineDict, keys: tuple[str, ...]) -> bool:
    return any(k in data for k in keys)


def _speaker(data: LineDict, where: str, problems: Problems) -> str:
    value = data.get("speaker", "customer")
    if value not in SPEAKERS:
        problems.add(where, data.line_of("speaker"), f"speaker {value!r} is not one of {', '.join(SPEAKERS)}")
        return "customer"
    return str(value)


def _window(data: LineDict, where: str, problems: Problems) -> Window | None:
    value = data.get("window")
    if value is None:
        return None
    line = data.line_of("window")
    if not isinstance(value, LineDict) or len(value) != 1:
        problems.add(where, line, "window must be {first_minutes: N} or {last_minutes: N}")
        return None
    check_fields(value, WINDOW_FIELDS, where, problems)
    key = next(iter(value))
    minutes = _number(value, key, 0.1, 1440, where, problems)
    if key not in WINDOW_FIELDS or minutes is None:
        return None
    return Window("first" if key == "first_minutes" else "last", minutes)


def _languages(data: LineDict, key: str, where: str, problems: Problems) -> list[tuple[str, Any, int]]:
    """``(lang, value, line)`` for each language of a per-language mapping, checking the codes."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, LineDict):
        problems.add(where, data.line_of(key), f"{key!r} must map a language code ({_langs()}) to a list")
        return []
    found = []
    for lang, items in value.items():
        if lang not in SUPPORTED_LANGUAGES:
            hint = suggest(str(lang), SUPPORTED_LANGUAGES)
            problems.add(where, value.line_of(lang), f"unknown language {lang!r} in {key!r}{hint}")
            continue
        found.append((lang, items, value.line_of(lang)))
    return found


def _langs() -> str:
    return ", ".join(f"{c} = {n}" for c, n in LANGUAGE_NAMES.items())


def _phrases(data: LineDict, key: str, where: str, problems: Problems) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for lang, items, line in _languages(data, key, where, problems):
        if not isinstance(items, list) or not items:
            problems.add(where, line, f"{key}.{lang} must be a non-empty list of phrases")
            continue
        lines = getattr(items, "lines", [line] * len(items))
        good = []
        for item, item_line in zip(items, lines, strict=True):
            if not isinstance(item, str | int | float) or isinstance(item, bool) or not str(item).strip():
                problems.add(where, item_line, f"empty phrase in {key}.{lang}: write the words, or delete the line")
            else:
                good.append(" ".join(str(item).split()))
        result[lang] = tuple(good)
    return result


def _patterns(data: LineDict, where: str, problems: Problems) -> dict[str, tuple[tuple[dict[str, Any], ...], ...]]:
    result: dict[str, tuple[tuple[dict[str, Any], ...], ...]] = {}
    for lang, items, line in _languages(data, "patterns", where, problems):
        if not isinstance(items, list) or not items:
            problems.add(where, line, f"patterns.{lang} must be a list of token patterns (lists of token specs)")
            continue
        lines = getattr(items, "lines", [line] * len(items))
        checked = [_pattern(p, ln, lang, where, problems) for p, ln in zip(items, lines, strict=True)]
        result[lang] = tuple(p for p in checked if p is not None)
    return result


def _pattern(pattern: Any, line: int, lang: str, where: str, problems: Problems) -> tuple[dict[str, Any], ...] | None:
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        problems.add(where, line, f"patterns.{lang}: a token pattern is a list of token specs like {{LOWER: 'too'}}")
        return None
    plain = [_plain(token) for token in pattern]
    error = pattern_problem(plain) or _spacy_rejects(plain) or _matches_nothing(plain)
    if error:
        problems.add(where, line, f"patterns.{lang}: {error}")
        return None
    return tuple(plain)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _spacy_rejects(pattern: list[dict[str, Any]]) -> str | None:
    try:
        Matcher(Vocab(), validate=True).add("check", [pattern])
    except (MatchPatternError, ValueError, TypeError, KeyError) as exc:
        detail = " ".join(line.strip() for line in str(exc).splitlines()[1:] if line.strip())
        return f"spaCy rejects this token pattern: {detail or exc}"
    for token in pattern:
        for attr in token:
            if attr.upper() not in PATTERN_ATTRS:
                return f"attribute {attr!r} is not available to rules (use LEMMA, LOWER, TEXT, IS_* or REGEX)"
    return None


def _matches_nothing(pattern: list[dict[str, Any]]) -> str | None:
    if all(str(t.get("OP", "")) in ("?", "*", "!") or str(t.get("OP", "")).startswith("{0") for t in pattern):
        return "every token is optional, so the pattern can match nothing; make at least one token required"
    return None


def parse_competitor(item: Any, line: int, where: str, problems: Problems) -> Competitor | None:
    if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
        return Competitor(str(item).strip())
    if not isinstance(item, LineDict):
        problems.add(where, line, f"competitor {item!r} must be a name or {{name: ..., aliases: [...]}}")
        return None
    check_fields(item, COMPETITOR_FIELDS, where, problems)
    name = _text(item, "name", where, problems, required=True)
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str | int) and str(a).strip() for a in aliases):
        problems.add(where, item.line_of("aliases"), "aliases must be a list of names")
        aliases = []
    return Competitor(name, tuple(str(a).strip() for a in aliases)) if name else None
