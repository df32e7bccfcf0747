"""The explainable 0–100 churn-risk score of a call, built from its hits.

Each hit is worth ``points = weight × confidence × polarity × side × repeat × executive``:

- confidence: 1.0 for a lemma / pattern match, the fuzzy score / 100 for an ASR-garbled one, the probability
  for a hit of the learned model (rule id ``model.<category>``), and ×0.8 when the speaker's side is unknown;
- polarity: ×0 negated ("we are not planning to cancel"), ×0.5 hypothetical ("if ... we might switch"); a
  conditional threat ("if this isn't fixed by September we won't renew") counts ×1 and says so;
- side: ×1 customer, ×0.4 when the rep says it (only rules with ``speaker: anyone`` fire for the rep);
- repeat: the strongest hit of a rule counts fully, the next ×0.5, then ×0.25 …;
- executive: ×1.25 when an executive on the call (``kind == "speaking"``) says it themselves: on a shared
  channel (a stereo side or a voice holding several people) only their own lines count, as
  ``executives.executive_turns`` attributes them (``lines``); without ``lines``, every line of the label.

The points combine like independent probabilities, ``score = 100 × (1 − Π(1 − pᵢ/100))``: the score
saturates below 100, and adding a hit never lowers it (each repeat position only ever gets a larger
value, and a new hit only adds a factor ≤ 1).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal

from assistant.records import Executive, Hit, RiskContribution, RiskReport
from assistant.settings import Settings

MODEL_PREFIX = "model."  # hits of the learned model (analysis.model) carry rule ids "model.<category>"
NOT_OURS = "not about the renewal"  # evidence of a rule hit on someone else's business (parties.py): it counts 0
THREAT = "conditional threat"  # evidence of a hit whose "if" is a threat, not a maybe: it counts at full weight
DISMISSED = "dismissed by the model"  # evidence of a rule hit the model took for a look-alike (marked negated)
NEGATED = 0.0
HYPOTHETICAL = 0.5
REP = 0.4
UNKNOWN_SIDE = 0.8
REPEAT = 0.5
EXECUTIVE = 1.25
_MAX_POINTS = 99.0


def score_hits(
    hits: Iterable[Hit],
    executives: Iterable[Executive] = (),
    *,
    settings: Settings,
    lines: Mapping[int, Executive] | None = None,
) -> RiskReport:
    """The risk report of a call: score, level, one contribution per hit, a plain-language explanation.

    ``lines``: utterance index -> the executive whose line it is (the executive weight goes by line);
    without it, by speaker label."""
    exec_speakers = {e.speaker for e in executives if e.kind == "speaking" and e.speaker}
    by_rule: dict[str, list[tuple[float, list[str], Hit]]] = defaultdict(list)
    for hit in hits:
        said_by = lines.get(hit.utterance_index) if lines is not None else None
        by_executive = said_by is not None if lines is not None else hit.speaker in exec_speakers
        points, reasons = _base_points(hit, by_executive, said_by)
        by_rule[hit.rule].append((points, reasons, hit))
    contributions = [c for items in by_rule.values() for c in _with_repeats(items)]
    contributions.sort(key=lambda c: (-c.points, c.start))
    score = combine(c.points for c in contributions)
    level = level_of(score, settings)
    score = min(round(score, 1), 99.9)  # saturates: rounding never shows a full 100
    return RiskReport(score, level, tuple(contributions), explain(score, level, contributions))


def _base_points(hit: Hit, by_executive: bool, who: Executive | None = None) -> tuple[float, list[str]]:
    reasons = [f"weight {hit.weight:g}"]
    factor = hit.confidence
    if hit.rule.startswith(MODEL_PREFIX):
        reasons.append(f"learned model, probability ×{hit.confidence:.2f}")
    elif hit.confidence < 1.0:
        reasons.append(f"confidence ×{hit.confidence:.2f}")
    side = {"customer": 1.0, "rep": REP}.get(hit.role, UNKNOWN_SIDE)
    reasons.append({"customer": "customer said it", "rep": f"rep said it ×{REP:g}"}.get(
        hit.role, f"speaker side unknown ×{UNKNOWN_SIDE:g}"))  # fmt: skip
    factor *= side
    if hit.negated:
        factor *= NEGATED
        reasons.append(next((f"{why} ×0" for why in (DISMISSED, NOT_OURS) if why in hit.evidence), "negated ×0"))
    elif hit.hypothetical:
        factor *= HYPOTHETICAL
        reasons.append(f"hypothetical ×{HYPOTHETICAL:g}")
    elif THREAT in hit.evidence:
        reasons.append(f"{THREAT}, full weight ×1")
    if by_executive:
        factor *= EXECUTIVE
        named = f" ({who.title}{' ' + who.name if who.name else ''})" if who is not None else ""
        reasons.append(f"said by an executive{named} ×{EXECUTIVE:g}")
    return min(_MAX_POINTS, hit.weight * factor), reasons


def _with_repeats(items: list[tuple[float, list[str], Hit]]) -> list[RiskContribution]:
    ordered = sorted(items, key=lambda item: (-item[0], item[2].start))
    result = []
    for n, (points, reasons, hit) in enumerate(ordered):
        factor = REPEAT**n
        extra = [f"repeat #{n + 1} of this rule ×{factor:g}"] if n and points > 0 else []
        result.append(
            RiskContribution(hit.rule, hit.category, round(points * factor, 2), hit.text, hit.start,
                             "; ".join(reasons + extra))
        )  # fmt: skip
    return result


def combine(points: Iterable[float]) -> float:
    """``100 × (1 − Π(1 − p/100))``: monotonic, saturating below 100."""
    remaining = 1.0
    for p in points:
        remaining *= 1.0 - min(max(p, 0.0), _MAX_POINTS) / 100.0
    return 100.0 * (1.0 - remaining)


def level_of(score: float, settings: Settings) -> Literal["low", "medium", "high"]:
    if score >= settings.risk_high:
        return "high"
    return "medium" if score >= settings.risk_medium else "low"


def explain(score: float, level: str, contributions: list[RiskContribution]) -> str:
    if not contributions:
        return f"Risk {score:.0f}/100 ({level}): no churn-risk phrases found."
    lines = [f"Risk {score:.0f}/100 ({level}), from {len(contributions)} signal(s):"]
    for c in contributions:
        lines.append(f"  +{c.points:.1f} {c.rule} at {clock(c.start)}: \u201c{c.quote}\u201d ({c.reason})")
    return "\n".join(lines)


def clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
