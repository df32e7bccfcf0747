"""Where the churn-risk systems miss and false-alarm on a labelled corpus folder: by shape, by distractor, by call.

    .venv/bin/python bench/risk_breakdown.py --corpus tests/analysis/eval_heldout4            # held-out: ONCE
    .venv/bin/python bench/risk_breakdown.py --corpus tests/analysis/eval_heldout3 --system both --errors
    .venv/bin/python bench/risk_breakdown.py --corpus eval_heldout9a --system both --errors  # a folder's bare name

Scores like ``bench/model_eval.py`` (same predictions: ``model_eval.predict``), and adds what its tables leave out:
false alarms over the **customer's** no-risk lines only (the rep's lines can never count as a hit, so counting them
dilutes the rate), risk lines missed per ``shape:`` tag, no-risk lines flagged per ``trap:`` tag (or kind, when
untagged) and per ``distractor:`` tag where a corpus has one (eval_heldout9b), for corpora whose items carry
``length:`` (eval_heldout10a: long turns of several topics, 1-6 word answers) misses and false alarms per length and
per length and shape / distractor, for corpora whose items carry ``register:`` (eval_heldout11a: turns written to
persona cards in a drawn register, formal to sarcastic) the risk lines caught and no-risk lines flagged per register,
likewise per ``first_language:`` and ``proficiency:`` for corpora of second-language speakers (eval_heldout12a),
per ``directness:`` (explicit / hinted / deeply_indirect), ``register:`` and ``speaker_role:`` for corpora of indirect
and polite turns (eval_heldout13a), for corpora of trade vocabularies (eval_heldout14a: items carry the customer's
``industry:`` and, on no-risk lines, the drawn ``trap_kind:``) P/R per industry and no-risk lines flagged per trap kind,
for corpora of when and whose (eval_heldout15a: items carry ``time:`` and ``voice:``) P/R, caught and flagged per
time frame and per voice,
and per ``genre:`` for corpora of real lines copied from several sources (eval_heldout12b: reviews, e-mails, lectures),
conditional threats flagged hypothetical (they should be full weight) and speculation flagged plain, for corpora of
whole calls (items with ``call:``) the risk lines caught per call, for corpora of app reviews (items with ``app:``,
eval_heldout10b) the risk lines caught and no-risk lines flagged per app, and P/R per language and category.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import model_eval
import rules_eval

from assistant.analysis.model import load_model
from assistant.analysis.rules import load_ruleset
from assistant.settings import DEFAULT_RULES_DIR

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "analysis"
# tags of who speaks, drawn per item: eval_heldout11a's register, eval_heldout12a's second-language speaker,
# eval_heldout13a's directness (explicit / hinted / deeply_indirect), register and speaker's role
SPEAKER_TAGS = ("register", "first_language", "proficiency", "directness", "speaker_role")
# tags of the customer's account, drawn per item: eval_heldout14a's industry (telecom, logistics, banking / fintech ...;
# eval_heldout11a-13a drew one too, for variety): recall and false alarms, and P/R, per value
ACCOUNT_TAGS = ("industry",)
# tags of when a risk holds and whose words carry it, drawn per item: eval_heldout15a's time (live, planned,
# conditional, past_open, habitual, past_resolved, speculation) and voice (own, colleague, end_users, rep,
# third_party): recall and false alarms, and P/R, per value
WHEN_WHO_TAGS = ("time", "voice")
# tags of where a real line comes from: eval_heldout12b's genre (review, email, lecture, encyclopedia ...)
TAGS = (*SPEAKER_TAGS, *ACCOUNT_TAGS, *WHEN_WHO_TAGS, "genre")


def corpus_folder(value: str) -> Path:
    """A labelled folder: the path as given, or a bare name of a folder in tests/analysis (``eval_heldout9a``)."""
    path = Path(value)
    if path.is_dir() or path.parent != Path(".") or not (CORPORA / value).is_dir():
        return path
    return CORPORA / value


def tags(corpus: Path, languages: Sequence[str]) -> dict[tuple[str, int], dict]:
    """(language, 1-based item number) → the item's raw mapping, for its shape/trap/call tags."""
    out: dict[tuple[str, int], dict] = {}
    for lang in languages:
        raw = yaml.safe_load((corpus / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
        out.update({(lang, n): item for n, item in enumerate(raw, 1)})
    return out


def breakdown(preds: Sequence[rules_eval.Prediction], raw: dict[tuple[str, int], dict]) -> list[str]:
    """Lines of the per-language, per-shape, per-trap and per-call tables of one system's predictions."""
    rows = ["lang    P      R      (tp fp fn)    customer false alarms"]
    for lang in (*rules_eval.LANGUAGES, "all"):
        group = [p for p in preds if lang in ("all", p.item.lang)]
        if not group:
            continue
        c = rules_eval.score(group).risk
        quiet = [p for p in group if not p.item.is_risk and p.item.role == "customer"]
        fa = sum(p.is_risk for p in quiet)
        rows.append(f"{lang:<4} {c.precision:6.3f} {c.recall:6.3f}  ({c.tp} {c.fp} {c.fn})  "
                    f"{fa}/{len(quiet)} = {fa / max(len(quiet), 1):.1%}")  # fmt: skip
    rows.append("missed by shape (risk lines missed / risk lines): " + _counts(preds, raw, _missed, "shape"))
    rows.append("flagged by trap (no-risk customer lines flagged / lines): " + _counts(preds, raw, _flagged, "trap"))
    distractors = _counts(preds, raw, _flagged, "distractor", share=True)
    if distractors:
        rows.append("flagged by distractor (no-risk customer lines flagged / lines): " + distractors)
        rows.append("of those, flagged only by hypothetical hits (half weight in the score) / lines: "
                    + _counts(preds, raw, _flagged_softly, "distractor"))  # fmt: skip
    if any("length" in item for item in raw.values()):
        rows += _lengths(preds, raw)
    for key in TAGS:
        if any(key in item for item in raw.values()):
            rows += _per_tag(preds, raw, key)
    for key in (*ACCOUNT_TAGS, *WHEN_WHO_TAGS):
        if any(key in item for item in raw.values()):
            rows.append(_scores_per_tag(preds, raw, key))
    if any("trap_kind" in item for item in raw.values()):
        rows.append("flagged by trap kind (no-risk customer lines flagged / lines): "
                    + _counts(preds, raw, _flagged, "trap_kind", share=True))  # fmt: skip
    rows.append(_moods(preds, raw))
    calls = _counts(preds, raw, _caught, "call")
    if calls:
        rows.append("caught per call (risk lines caught / risk lines): " + calls)
    apps = _counts(preds, raw, _caught, "app")
    if apps:
        rows.append("caught per app (risk lines caught / risk lines): " + apps)
        rows.append("flagged per app (no-risk lines flagged / lines): " + _counts(preds, raw, _flagged, "app", True))
    return rows + _categories(preds)


def _lengths(preds: Sequence[rules_eval.Prediction], raw: dict[tuple[str, int], dict]) -> list[str]:
    """Misses and false alarms per ``length:`` tag, and per length and shape / length and distractor."""
    return [
        "missed by length (risk lines missed / risk lines): " + _counts(preds, raw, _missed, "length", share=True),
        "missed by length/shape: " + _counts(preds, raw, _missed, "length/shape", share=True),
        "flagged by length (no-risk customer lines flagged / lines): "
        + _counts(preds, raw, _flagged, "length", share=True),
        "flagged by length/distractor: " + _counts(preds, raw, _flagged, "length/distractor", share=True),
    ]


def _per_tag(preds: Sequence[rules_eval.Prediction], raw: dict[tuple[str, int], dict], key: str) -> list[str]:
    """Recall and false alarms per value of a drawn speaker tag: ``register:`` (formal, sarcastic, indirect ...),
    ``first_language:`` (italian, ukrainian, japanese ...), ``proficiency:`` (beginner ... fluent_slips),
    ``directness:`` (explicit, hinted, deeply_indirect), ``speaker_role:`` (user ... executive); or of a real
    line's source ``genre:`` (review, email, lecture ...)."""
    name = key.replace("_", " ")
    return [
        f"caught by {name} (risk lines caught / risk lines): " + _counts(preds, raw, _caught, key, True),
        f"flagged by {name} (no-risk customer lines flagged / lines): "
        + _counts(preds, raw, _flagged, key, share=True),
    ]


def _scores_per_tag(preds: Sequence[rules_eval.Prediction], raw: dict[tuple[str, int], dict], key: str) -> str:
    """Risk P/R (tp fp fn) per value of an account tag (``industry:``) or of when / whose (``time:``, ``voice:``), over
    the items that carry it, most items first."""
    groups: dict[str, list[rules_eval.Prediction]] = {}
    for p in preds:
        tag = raw[(p.item.lang, p.item.number)].get(key)
        if tag is not None:
            groups.setdefault(str(tag), []).append(p)
    cells = []
    for tag in sorted(groups, key=lambda t: -len(groups[t])):
        c = rules_eval.score(groups[tag]).risk
        cells.append(f"{tag} {c.precision:.2f}/{c.recall:.2f} ({c.tp} {c.fp} {c.fn})")
    return f"P/R by {key.replace('_', ' ')} (tp fp fn): " + ", ".join(cells)


def _categories(preds: Sequence[rules_eval.Prediction]) -> list[str]:
    """Per language and category: P/R (gold lines: tp fp fn); a line caught under another category is a miss."""
    rows = []
    for lang in (*rules_eval.LANGUAGES, "all"):
        group = [p for p in preds if lang in ("all", p.item.lang)]
        per = rules_eval.score(group).per_category.items() if group else ()
        cells = [f"{c} {s.precision:.2f}/{s.recall:.2f} ({s.tp + s.fn}: {s.tp} {s.fp} {s.fn})"
                 for c, s in per if s.tp + s.fn + s.fp]  # fmt: skip
        if cells:
            rows.append(f"per category {lang} P/R (gold lines: tp fp fn): " + ", ".join(cells))
    return rows


def _missed(p: rules_eval.Prediction) -> tuple[bool, bool]:
    return p.item.is_risk, not p.is_risk


def _flagged(p: rules_eval.Prediction) -> tuple[bool, bool]:
    return not p.item.is_risk and p.item.role == "customer", p.is_risk


def _flagged_softly(p: rules_eval.Prediction) -> tuple[bool, bool]:
    """A no-risk line counted as flagged whose every live hit is hypothetical: speculation, kept at half weight."""
    return not p.item.is_risk and p.item.role == "customer", p.hypothetical


def _caught(p: rules_eval.Prediction) -> tuple[bool, bool]:
    return p.item.is_risk, p.is_risk


def _counts(preds, raw, test, key: str, share: bool = False) -> str:
    """``tag hit/total`` per value of ``key`` (``call``, ``distractor``, ``app``, ``length``, a speaker tag and a pair
    of keys joined by "/": only the items that carry them)."""
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for p in preds:
        counted, yes = test(p)
        tag = _tag(raw[(p.item.lang, p.item.number)], key, p.item.kind)
        if counted and tag is not None:
            total[tag] += 1
            hit[tag] += yes
    cells = (f"{tag} {hit[tag]}/{total[tag]}" + (f" = {hit[tag] / total[tag]:.0%}" if share else "")
             for tag in sorted(total, key=lambda t: -total[t]))  # fmt: skip
    return ", ".join(cells)


def _tag(item: dict, key: str, kind: str) -> str | None:
    """The item's value of ``key`` ("length/shape": both, joined); None where an optional key is absent."""
    if "/" in key:
        parts = [item.get(k) for k in key.split("/")]
        return None if None in parts else "/".join(map(str, parts))
    if key in ("call", "distractor", "trap_kind", "app", "length", *TAGS) and key not in item:
        return None
    return str(item.get(key) or (kind if key == "trap" else "plain"))


def _moods(preds, raw) -> str:
    flagged: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    for p in preds:
        shape = raw[(p.item.lang, p.item.number)].get("shape")
        if shape in ("conditional", "speculation") and p.is_risk:
            fired[shape] += 1
            flagged[shape] += p.hypothetical
    conditional = f"{flagged['conditional']}/{fired['conditional']}"
    speculation = f"{flagged['speculation']}/{fired['speculation']}"
    return (f"conditional threats flagged hypothetical {conditional} fired (should be 0), "
            f"speculation flagged hypothetical {speculation} fired")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=corpus_folder,
        required=True,
        help="labelled folder (<lang>.yaml files), or its name in tests/analysis",
    )
    parser.add_argument("--lang", action="append", choices=rules_eval.LANGUAGES, help="default: those with a file")
    parser.add_argument("--system", choices=model_eval.SYSTEMS, action="append", help="default: all three")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    languages = tuple(args.lang or rules_eval.corpus_languages(args.corpus))
    items = rules_eval.load_corpus(args.corpus, languages, extras=False)
    raw = tags(args.corpus, languages)
    ruleset, model = load_ruleset(DEFAULT_RULES_DIR), load_model()
    cache: dict = {}
    for system in args.system or model_eval.SYSTEMS:
        preds = model_eval.predict(items, system, ruleset, model, cache)
        print(f"== {system} ({args.corpus}, {len(items)} items)")
        print("\n".join(breakdown(preds, raw)))
        if args.errors:
            print("\n".join(["  errors:", *("  " + e for e in rules_eval.errors(preds))]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
