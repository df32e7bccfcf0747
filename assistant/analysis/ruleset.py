"""The rule model: frozen dataclasses a loaded rules folder becomes (``rules.load_ruleset`` builds them).

Below every other analysis module: schema, concepts, matching and the executive code import these types,
and this module imports nothing of the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Speaker = Literal["customer", "rep", "anyone"]
EXECUTIVES_FILE = "executives.yaml"
COMPETITORS_FILE = "competitors.yaml"
COMPETITOR_SLOT = "{competitor}"


@dataclass(frozen=True)
class Window:
    """Only the first or the last ``minutes`` of a call count."""

    edge: Literal["first", "last"]
    minutes: float


@dataclass(frozen=True)
class Concept:
    """One term from each group near each other in one clause: ``[[price, cost], [steep, "too much"]]``."""

    groups: tuple[tuple[str, ...], ...]
    ordered: bool = False  # True: the groups must appear in the order written
    reach: int | None = None  # words allowed outside the terms; None = the rule's ``reach``
    name: str = ""  # shown in evidence; default: the first term of each group, "price×steep"
    commas: bool = True  # may cross a comma in one sentence (never a sentence end or "but")

    @property
    def label(self) -> str:
        return self.name or "×".join(group[0] for group in self.groups)


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    weight: float
    description: str = ""
    speaker: Speaker = "customer"
    window: Window | None = None
    fuzzy: int | None = None  # rapidfuzz ratio threshold for ASR-garbled words; None = exact/lemma only
    gap: int = 3  # extra words allowed between the words of a phrase
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, tuple[tuple[dict[str, Any], ...], ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""  # "file.yaml:12"
    concepts: dict[str, tuple[Concept, ...]] = field(default_factory=dict)
    reach: int = 6  # words allowed between the terms of a concept
    model: bool = True  # False: the learned model never flags this rule's category (rules only)
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a tracker taught by example sentences
    counter_examples: dict[str, tuple[str, ...]] = field(default_factory=dict)  # near misses it must not catch
    similarity: float = 0.6  # cosine to the nearest example from which an utterance is caught

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.phrases) | set(self.patterns) | set(self.concepts)))


@dataclass(frozen=True)
class Competitor:
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    competitors: tuple[Competitor, ...] = ()
    directory: Path | None = None
    competitor_fuzzy: int | None = None
    version: str = ""

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
