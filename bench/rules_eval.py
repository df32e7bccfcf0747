"""Accuracy of the churn-risk rules on the labelled corpus in ``tests/analysis/eval/`` (one YAML per language).

    .venv/bin/python bench/rules_eval.py                  # tuning split, every language
    .venv/bin/python bench/rules_eval.py --split held     # the held-out third (only at the end of a tuning round)
    .venv/bin/python bench/rules_eval.py --lang it --errors   # list every miss and false alarm
    .venv/bin/python bench/rules_eval.py --corpus tests/analysis/eval_fresh --split all   # another corpus folder

``extra_<lang>.yaml``, ``extra2_<lang>.yaml`` and ``extra3_<lang>.yaml`` (any ``extra*_<lang>.yaml``) beside a language
file add more tuning items (same schema).

The question scored is "is this utterance a churn risk?": gold yes = a customer line labelled with at
least one category (``pos`` and ``hyp`` items); predicted yes = at least one hit said by the customer
that is not negated (a hypothetical hit counts: it is a softer risk, and the report keeps it at half
weight). Per category: the same, for "does the utterance express this category?", and a confusion
count of gold category → predicted categories ("none" where nothing fired). Hypothetical agreement:
how many ``hyp`` lines that fired were flagged hypothetical, and how many plain lines were wrongly so.
These corpora's ``hyp`` lines predate the split of issue 10 §5 between speculation (softer) and a conditional
threat ("if this isn't fixed by March we won't renew": full weight); a ``hyp`` line that ``conditional.mood``
reads as a threat is expected at full weight and counted apart (``threat-full``: fired and not hypothetical).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.analysis import find_hits
from assistant.analysis.conditional import mood
from assistant.analysis.rules import RuleSet, load_ruleset
from assistant.analysis.scoring import PrecisionRecall
from assistant.errors import InputError
from assistant.records import Hit, Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR

CORPUS_DIR = Path(__file__).resolve().parents[1] / "tests" / "analysis" / "eval"
LANGUAGES = ("en", "it", "ru", "pl", "zh")
CATEGORIES = (
    "price", "budget", "competitor", "cancellation", "downgrade",
    "adoption", "complexity", "support", "champion", "payment",
)  # fmt: skip
# the learned model's own category (implicit dissatisfaction); the keyword rules have no tracker for it yet
LABELS = (*CATEGORIES, "dissatisfaction")
KINDS = ("pos", "hyp", "neg", "rep", "sense", "ok")
SPLITS = ("tune", "held")


@dataclass(frozen=True)
class Item:
    """One labelled utterance of the corpus."""

    lang: str
    number: int  # 1-based position in its file
    text: str
    kind: str
    labels: tuple[str, ...]
    split: str
    file: str = ""  # "en.yaml", "extra_en.yaml"
    ctx: tuple[tuple[str, str], ...] = ()  # the turns before it, (role, text), oldest first: said before it in the call

    @property
    def role(self) -> str:
        return "rep" if self.kind == "rep" else "customer"

    @property
    def is_risk(self) -> bool:
        return self.role == "customer" and bool(self.labels)


@dataclass(frozen=True)
class Prediction:
    item: Item
    hits: tuple[Hit, ...]

    @property
    def live(self) -> tuple[Hit, ...]:
        """Hits that count as a churn risk: customer side, not negated."""
        return tuple(h for h in self.hits if h.role == "customer" and not h.negated)

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(h.category for h in self.live)

    @property
    def is_risk(self) -> bool:
        return bool(self.live)

    @property
    def hypothetical(self) -> bool:
        return bool(self.live) and all(h.hypothetical for h in self.live)


@dataclass
class Counts(PrecisionRecall):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:  # type: ignore[override]  # one judgement, not counts
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def as_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
            "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
        }  # fmt: skip


@dataclass
class Scores:
    """Utterance-level scores of one group of predictions (a language, or all)."""

    risk: Counts = field(default_factory=Counts)
    per_category: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in LABELS})
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    hyp_flagged: int = 0  # hyp items that fired and were flagged hypothetical
    hyp_fired: int = 0  # hyp items that fired at all
    plain_flagged: int = 0  # pos items that fired but were flagged hypothetical
    plain_fired: int = 0
    threat_full: int = 0  # hyp items read as conditional threats that fired at full weight
    threat_fired: int = 0


# ---- corpus --------------------------------------------------------------------------------------


def corpus_languages(directory: Path) -> tuple[str, ...]:
    """The languages that have a ``<lang>.yaml`` in ``directory`` (eval_natcs and eval_rsics are English only);
    ``InputError`` when none has."""
    found = tuple(lang for lang in LANGUAGES if (directory / f"{lang}.yaml").is_file())
    if not found:
        raise InputError(f"{directory}: no <lang>.yaml file ({', '.join(LANGUAGES)})")
    return found


def load_corpus(
    directory: Path = CORPUS_DIR, languages: Iterable[str] = LANGUAGES, *, extras: bool = True
) -> list[Item]:
    """Every item of every language file (``<lang>.yaml``, and ``extra_<lang>.yaml`` when there is one and
    ``extras``); ``InputError`` names the file and item of a bad label."""
    items: list[Item] = []
    for lang in languages:
        paths = [directory / f"{lang}.yaml"]
        if extras:
            paths += sorted(p for p in directory.glob(f"extra*_{lang}.yaml") if p.is_file())
        for path in paths:
            items.extend(_load_file(path, lang))
    return items


def _load_file(path: Path, lang: str) -> list[Item]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the corpus file ({exc})") from exc
    if not isinstance(data, dict) or data.get("language") != lang or not isinstance(data.get("items"), list):
        raise InputError(f"{path}: expected a mapping with 'language: {lang}' and 'items:'")
    return [_item(path, lang, number, raw) for number, raw in enumerate(data["items"], 1)]


def _item(path: Path, lang: str, number: int, raw: dict[str, object]) -> Item:
    kind = str(raw.get("kind"))
    labels = tuple(str(label) for label in raw.get("labels") or ())  # type: ignore[attr-defined]
    split = str(raw.get("split", "tune"))
    where = f"{path}: item {number} ({raw.get('text')!r})"
    if kind not in KINDS:
        raise InputError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if split not in SPLITS:
        raise InputError(f"{where}: split {split!r} is not one of {', '.join(SPLITS)}")
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise InputError(f"{where}: unknown categories {unknown}; use {', '.join(LABELS)}")
    if bool(labels) != (kind in ("pos", "hyp")):
        raise InputError(f"{where}: kinds pos/hyp need labels, other kinds must have labels: []")
    return Item(lang, number, str(raw.get("text", "")), kind, labels, split, path.name, _ctx(raw.get("ctx")))


def _ctx(raw: object) -> tuple[tuple[str, str], ...]:
    """``ctx``: a rep's turn as a string, or a list of ``[role, text]`` turns, oldest first."""
    turns = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return tuple(("rep", t) if isinstance(t, str) else (str(t[0]), str(t[-1])) for t in turns)


# ---- prediction and scoring ----------------------------------------------------------------------


def predict(items: Sequence[Item], ruleset: RuleSet) -> list[Prediction]:
    """Run the real analysis over the items, one transcript per language (one utterance per item)."""
    predictions: list[Prediction] = []
    for lang in sorted({item.lang for item in items}):
        group = [item for item in items if item.lang == lang]
        transcript = _transcript(group, lang)
        by_index: dict[int, list[Hit]] = {}
        for hit in find_hits(transcript, ruleset):
            by_index.setdefault(hit.utterance_index, []).append(hit)
        at = positions(group)
        predictions.extend(Prediction(item, tuple(by_index.get(i, ()))) for i, item in zip(at, group, strict=True))
    return predictions


def _transcript(items: Sequence[Item], lang: str) -> Transcript:
    """One call of the items, each after the turns of its ``ctx`` (``positions``: where each item is)."""
    turns = [(role, text) for item in items for role, text in (*item.ctx, (item.role, item.text))]
    utterances = tuple(
        Utterance(speaker=role, role=role, start=i * 5.0, end=i * 5.0 + 4.0, text=text, language=lang)  # type: ignore[arg-type]
        for i, (role, text) in enumerate(turns)
    )
    return Transcript(utterances, lang, duration=len(turns) * 5.0, source_kind="vtt")


def positions(items: Sequence[Item]) -> list[int]:
    """The utterance index of each item in ``_transcript(items)``."""
    out, at = [], 0
    for item in items:
        at += len(item.ctx)
        out.append(at)
        at += 1
    return out


def score(predictions: Iterable[Prediction]) -> Scores:
    scores = Scores()
    for pred in predictions:
        item = pred.item
        scores.risk.add(item.is_risk, pred.is_risk)
        gold = set(item.labels) if item.is_risk else set()
        for category in LABELS:
            scores.per_category[category].add(category in gold, category in pred.categories)
        _confuse(scores.confusion, gold, set(pred.categories))
        _hypothetical(scores, pred)
    return scores


def _confuse(confusion: Counter[tuple[str, str]], gold: set[str], predicted: set[str]) -> None:
    for category in gold:
        for other in sorted(predicted) or ["none"]:
            confusion[(category, other)] += 1
    if not gold:
        for other in predicted:
            confusion[("none", other)] += 1


def _hypothetical(scores: Scores, pred: Prediction) -> None:
    if not pred.is_risk or not pred.item.is_risk:
        return
    if pred.item.kind == "hyp" and mood(pred.item.text, pred.item.lang) == "threat":
        scores.threat_fired += 1
        scores.threat_full += not pred.hypothetical
    elif pred.item.kind == "hyp":
        scores.hyp_fired += 1
        scores.hyp_flagged += pred.hypothetical
    else:
        scores.plain_fired += 1
        scores.plain_flagged += pred.hypothetical


def evaluate(
    split: str = "tune",
    languages: Iterable[str] = LANGUAGES,
    rules_dir: Path = DEFAULT_RULES_DIR,
    corpus: Path = CORPUS_DIR,
) -> dict[str, Scores]:
    """Scores per language and ``"all"`` for one split ("tune", "held" or "all") of a corpus folder."""
    languages = tuple(languages)
    return _scores(_predictions(split, languages, rules_dir, corpus), languages)


def _predictions(
    split: str, languages: tuple[str, ...], rules_dir: Path, corpus: Path = CORPUS_DIR
) -> list[Prediction]:
    items = [i for i in load_corpus(corpus, languages) if split == "all" or i.split == split]
    return predict(items, load_ruleset(rules_dir))


def _scores(predictions: list[Prediction], languages: tuple[str, ...]) -> dict[str, Scores]:
    result = {lang: score(p for p in predictions if p.item.lang == lang) for lang in languages}
    result["all"] = score(predictions)
    return result


# ---- report --------------------------------------------------------------------------------------


def errors(predictions: Iterable[Prediction]) -> list[str]:
    """One line per miss, false alarm or wrong category: what the rules did with the utterance."""
    lines = []
    for pred in predictions:
        item = pred.item
        gold = set(item.labels) if item.is_risk else set()
        if gold == set(pred.categories):
            continue
        fired = ", ".join(f"{h.category}{'?' if h.hypothetical else ''}:{h.matched!r}" for h in pred.live)
        dead = ", ".join(f"{h.category}:{h.matched!r} negated" for h in pred.hits if h not in pred.live)
        what = "; ".join(x for x in (fired, dead) if x) or "nothing"
        where = item.lang if item.file in ("", f"{item.lang}.yaml") else item.file
        lines.append(f"{where}:{item.number} [{item.kind} {','.join(item.labels) or '-'}] {item.text!r} -> {what}")
    return lines


def render(result: dict[str, Scores], split: str) -> str:
    rows = [
        f"split: {split}",
        f"{'lang':<5} {'n':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"
        "  hyp-flag plain-flag threat-full",
    ]
    for lang, s in result.items():
        c = s.risk
        n = c.tp + c.fp + c.fn + c.tn
        hyp = f"{s.hyp_flagged}/{s.hyp_fired}"
        plain = f"{s.plain_flagged}/{s.plain_fired}"
        threat = f"{s.threat_full}/{s.threat_fired}"
        rows.append(
            f"{lang:<5} {n:>4} {c.tp:>4} {c.fp:>4} {c.fn:>4} "
            f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}  {hyp:>8} {plain:>10} {threat:>11}"
        )
    rows.append("")
    rows.append("per category (all languages): " + "category P / R (tp fp fn)")
    total = result["all"]
    for category, c in total.per_category.items():
        rows.append(f"  {category:<13} {c.precision:.2f} / {c.recall:.2f}  ({c.tp} {c.fp} {c.fn})")
    rows.append("confusion gold -> predicted (off-diagonal, all languages):")
    for (gold, predicted), count in sorted(total.confusion.items(), key=lambda kv: -kv[1]):
        if gold != predicted:
            rows.append(f"  {gold:<13} -> {predicted:<13} {count}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("tune", "held", "all"), default="tune")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="repeatable; default: those with a file")
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES_DIR)
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS_DIR, help="folder of <lang>.yaml files (default: %(default)s)"
    )
    parser.add_argument("--errors", action="store_true", help="list every miss, false alarm and wrong category")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    languages = tuple(args.lang or corpus_languages(args.corpus))
    predictions = _predictions(args.split, languages, args.rules, args.corpus)
    result = _scores(predictions, languages)
    if args.json:
        print(json.dumps({lang: s.risk.as_dict() for lang, s in result.items()}, indent=2))
    else:
        print(render(result, args.split))
    if args.errors:
        print("\n".join(["", "errors:", *errors(predictions)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
