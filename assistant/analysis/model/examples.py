"""Trackers taught by example: a rule with ``examples:`` (and ``counter_examples:``) in any language catches the
customer's lines whose meaning is close to one of its examples (no keywords needed).

An utterance is caught when its cosine similarity to the nearest example is at least the rule's ``similarity``
(default 0.6) and higher than to its nearest counter-example. The embeddings are multilingual: examples written
in English also catch Italian, Russian, Polish and Chinese lines that say the same. The hit's evidence names the
nearest example and the similarity. Exclusions veto these hits like any other (``taken``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.analysis.model.embedding import Embedder
from assistant.analysis.ruleset import Rule, RuleSet
from assistant.records import Hit, Utterance

_cache: dict[tuple[str, ...], np.ndarray] = {}


def example_rules(ruleset: RuleSet) -> list[Rule]:
    return [r for r in ruleset.rules if r.examples]


def example_hits(
    lines: Sequence[tuple[int, Utterance, str]],
    rows: np.ndarray,
    rules: Sequence[Rule],
    embedder: Embedder,
    vetoed: dict[int, set[str]],
) -> list[Hit]:
    """Hits of the example-taught ``rules`` on ``lines`` (one row of ``rows`` each, unit [e5 | USE] vectors).
    ``vetoed``: rule ids whose exclusions matched, per utterance."""
    hits: list[Hit] = []
    for rule in rules:
        texts, good = _flatten(rule.examples)
        bad_texts, _ = _flatten(rule.counter_examples)
        sims = _similarity(rows, _vectors(texts, embedder))
        against = _similarity(rows, _vectors(bad_texts, embedder)).max(axis=1) if bad_texts else None
        for row, (index, utt, lang) in enumerate(lines):
            if not _allowed(rule, utt) or rule.id in vetoed.get(index, ()):
                continue
            best = int(np.argmax(sims[row])) if texts else -1
            score = float(sims[row, best]) if best >= 0 else 0.0
            if score >= rule.similarity and (against is None or score > against[row]):
                hits.append(_hit(rule, index, utt, lang, texts[best], good[best], score, against, row))
    return hits


def _allowed(rule: Rule, utt: Utterance) -> bool:
    return rule.speaker == "anyone" or utt.role in (rule.speaker, "unknown")


def _flatten(by_lang: dict[str, tuple[str, ...]]) -> tuple[list[str], list[str]]:
    pairs = [(text, lang) for lang, texts in sorted(by_lang.items()) for text in texts]
    return [t for t, _ in pairs], [lang for _, lang in pairs]


def _vectors(texts: list[str], embedder: Embedder) -> np.ndarray:
    key = tuple(texts)
    if key not in _cache:
        _cache[key] = embedder.embed(texts)
    return _cache[key]


def _similarity(rows: np.ndarray, examples: np.ndarray) -> np.ndarray:
    """Cosine of [e5 | USE] rows (each part unit length, so the full vector has norm √2)."""
    if not len(examples) or not len(rows):
        return np.zeros((len(rows), max(len(examples), 1)))
    return np.asarray(rows, dtype=np.float32) @ np.asarray(examples, dtype=np.float32).T / 2.0


def _hit(
    rule: Rule, index: int, utt: Utterance, lang: str, example: str, example_lang: str, score: float,
    against: np.ndarray | None, row: int,
) -> Hit:  # fmt: skip
    evidence = f"like example \u201c{example}\u201d ({example_lang}, similarity {score:.2f} ≥ {rule.similarity:g})"
    if against is not None:
        evidence += f"; nearest counter-example {float(against[row]):.2f}"
    confidence = 0.8 if utt.role == "unknown" else 1.0
    return Hit(
        rule.id, rule.name, rule.category, utt.role, utt.speaker, utt.start, utt.end, utt.text.strip(), example,
        index, lang, rule.weight, confidence, False, False, evidence,
    )  # fmt: skip
