"""Analysis: a transcript and a ruleset in, hits + executives + an explainable risk report out. No database.

    analyze(transcript, ruleset, settings=...) -> records.Analysis
    find_hits(transcript, ruleset, model=None) -> tuple[records.Hit, ...]   rules, and the learned model if given
    scan(transcript, ruleset, budget) -> (hits, warnings)   with a time budget per utterance
    vocabulary(ruleset) -> list[str]      words worth biasing Whisper toward

Per utterance: language (the utterance's, else the call's side/main language; "und" → English), the
fast pipeline of that language, the matchers of ``matching.py``; then per raw match: the rule's side
(``speaker``; an unknown side fires with lower confidence), call window, exclusions (a veto when they
overlap), negation / hypothetical (``negation.py``; a short question the customer answers "no" is negated too:
``senses.denied_after``), someone else's business (``parties.py``: a third party's contract, the company's own metrics
or prices, meeting logistics), other senses (``senses.py``: a disclaimer, private life, market prices, own rates,
Chinese word senses ...; ``third_parties.py``: a party counted ...), a problem of the past fixed since (``fixed.py``)
and whose risk it is (``attribution.py``: the parties of the matched words — what a price
prices, who raises it, the many who cancel — read from the parse; a party that is someone else's, none ours); all
kept, marked negated; and at most one hit per rule and utterance; then what the whole turn settles (``turn.py``: an
opening denial; ``settled.py``: a closing denial of what the rep asked, speculation disclaimed, a problem fine
since). Then, with the
learned model (``analysis.model``), its hits on the customer's lines in the categories no rule flagged or vetoed
there (``model.classify``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc

from assistant.analysis import matching, negation, senses
from assistant.analysis.antecedent import partners_staff, raised_by_partner, supplier_named_before
from assistant.analysis.attribution import replacing_theirs, whose
from assistant.analysis.budget import UNLIMITED, UTTERANCE_SECONDS, Budget, OverBudget
from assistant.analysis.executives import ExecutiveTitles, executive_turns, load_executive_titles, scan_executives
from assistant.analysis.fixed import fixed_since
from assistant.analysis.model.classify import ChurnModel, Vectors, analysis_version, churn_model, dismiss, learned_hits
from assistant.analysis.nlp import SUPPORTED_LANGUAGES, get_fast_nlp, get_nlp
from assistant.analysis.ownership import own_business
from assistant.analysis.parties import not_ours
from assistant.analysis.phrases import Candidate
from assistant.analysis.question_topic import about_the_question
from assistant.analysis.risk import NOT_OURS, UNKNOWN_SIDE, clock, score_hits
from assistant.analysis.ruleset import EXECUTIVES_FILE, Rule, RuleSet
from assistant.analysis.settled import settled
from assistant.analysis.spans import sentence_bounds, times
from assistant.analysis.things import failed_thing
from assistant.analysis.turn import denied_later, echoed_denial, later_in_turn, opening_denial
from assistant.records import Analysis, Executive, Hit, Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR

if TYPE_CHECKING:
    from assistant.settings import Settings

log = logging.getLogger(__name__)
__all__ = ["analysis_version", "analyze", "churn_model", "find_hits", "scan", "vocabulary"]


def analyze(
    transcript: Transcript,
    ruleset: RuleSet,
    *,
    settings: Settings,
    seconds_per_utterance: float = UTTERANCE_SECONDS,
    model: ChurnModel | None = None,
    vectors: Vectors = None,
    use_model: bool = True,
) -> Analysis:
    """Hits, executives and the risk report of one call.

    An utterance whose analysis takes longer than ``seconds_per_utterance`` is skipped; the warning that
    names it ends the report's explanation (so it is stored and shown with the call). The learned model adds its
    hits unless ``use_model`` is false or the ``churn_model`` setting is off (``model``: one already loaded;
    ``vectors``: stored utterance embeddings, one row per utterance, or ``Embeddings`` with its long turns' sentence
    vectors too; or a function that returns them, called once the rules have read the call: an ingest embeds the
    lines on another thread meanwhile)."""
    if model is None and use_model:
        model, _ = churn_model(settings)
    executives, skipped = _executives(transcript, ruleset, Budget(seconds_per_utterance))
    hits, warnings = scan(transcript, ruleset, Budget(seconds_per_utterance), model=model, vectors=vectors)
    warnings += tuple(_skipped(i, transcript.utterances[i], seconds_per_utterance, "executives") for i in skipped)
    warnings = tuple(sorted(warnings, key=_utterance_number))
    report = score_hits(hits, executives, settings=settings, lines=executive_turns(transcript, executives))
    if warnings:
        report = replace(report, explanation="\n".join([report.explanation, *warnings]))
    version = analysis_version(ruleset.version, model)
    return Analysis(hits, executives, report, rules_version=version, warnings=warnings)


def find_hits(
    transcript: Transcript, ruleset: RuleSet, *, model: ChurnModel | None = None, vectors: np.ndarray | None = None
) -> tuple[Hit, ...]:
    """The hits of a call (``scan`` without its warnings)."""
    return scan(transcript, ruleset, model=model, vectors=vectors)[0]


def scan(
    transcript: Transcript,
    ruleset: RuleSet,
    budget: Budget = UNLIMITED,
    *,
    model: ChurnModel | None = None,
    vectors: Vectors = None,
) -> tuple[tuple[Hit, ...], tuple[str, ...]]:
    """The hits of a call, and a warning for each utterance skipped because it outran ``budget``. ``vectors``: as
    ``analyze`` takes them (a function is called after the rule pass)."""
    ruled = rule_pass(transcript, ruleset, budget)
    rows = vectors() if callable(vectors) else vectors
    return with_learned(transcript, ruleset, ruled, model=model, vectors=rows), ruled.warnings


@dataclass(frozen=True)
class RulePass:
    """What the keyword rules found in a call, before the learned model reads it (``with_learned``)."""

    hits: tuple[Hit, ...]
    taken: dict[int, set[str]]  # per utterance: categories a rule flagged or an exclusion vetoed
    vetoes: dict[int, set[str]]  # per utterance: ids of the rules whose exclusions matched
    indexed: tuple[tuple[int, Utterance, str], ...]  # the lines analysed (over budget: left out), with language
    warnings: tuple[str, ...]


def rule_pass(transcript: Transcript, ruleset: RuleSet, budget: Budget = UNLIMITED) -> RulePass:
    """The keyword rules over a call's lines (each within ``budget``; a line over it is skipped and warned of)."""
    hits: list[Hit] = []
    warnings: list[str] = []
    taken: dict[int, set[str]] = {}
    vetoes: dict[int, set[str]] = {}
    skipped: set[int] = set()  # over budget: not analysed at all, by the model neither
    groups = _by_language(transcript)
    for lang, indexed in groups.items():
        compiled = matching.compile_rules(ruleset, lang)
        _warm_up(lang)
        docs = get_fast_nlp(lang).pipe(u.text for _, u in indexed)
        for (index, utt), doc in zip(indexed, docs, strict=True):
            try:
                found, vetoed = _utterance_hits(transcript, index, utt, lang, doc, compiled, budget.start())
                hits.extend(found)
                taken[index] = {h.category for h in found} | {ruleset.rule(rule_id).category for rule_id in vetoed}
                vetoes[index] = vetoed
            except OverBudget:
                skipped.add(index)
                warnings.append(_skipped(index, utt, budget.seconds))
    indexed_all = tuple((i, u, lang) for lang, group in groups.items() for i, u in group if i not in skipped)
    return RulePass(tuple(hits), taken, vetoes, indexed_all, tuple(sorted(warnings, key=_utterance_number)))


def with_learned(
    transcript: Transcript, ruleset: RuleSet, ruled: RulePass, *, model: ChurnModel | None = None,
    vectors: Vectors = None,
) -> tuple[Hit, ...]:  # fmt: skip
    """The rule hits of ``ruled`` (those on lines the model takes for a look-alike dismissed) with the hits of
    trackers taught by example and of the learned ``model``, in the call's order."""
    live: dict[int, set[str]] = {}
    for hit in ruled.hits:
        if not hit.negated and hit.role != "rep":
            live.setdefault(hit.utterance_index, set()).add(hit.category)
    learned, looks, parts = learned_hits(
        ruled.indexed, ruleset, model, vectors, ruled.taken, ruled.vetoes, transcript.utterances, live
    )
    hits = dismiss(ruled.hits, looks, ruleset, parts) + learned
    return tuple(sorted(hits, key=lambda h: (h.start, h.utterance_index, h.rule)))


def _warm_up(lang: str) -> None:
    """Load the pipelines now, so their loading never counts against an utterance's budget."""
    get_nlp(lang)
    negation.assess("ok", 0, 2, lang)


def _skipped(index: int, utt: Utterance, seconds: float, what: str = "churn risk") -> str:
    log.warning("utterance %d skipped for %s: over %g s", index + 1, what, seconds)
    return (
        f"Warning: utterance {index + 1} at {clock(utt.start)} ({utt.speaker}, {len(utt.text):,} characters) "
        f"was not analysed for {what}: it took longer than {seconds:g} s; the rest of the call was."
    )


def _utterance_number(warning: str) -> int:
    return int(warning.split()[2])


def _language(transcript: Transcript, utt: Utterance) -> str:
    lang = (utt.language or transcript.languages.get(utt.role) or transcript.language or "und").lower()
    return "en" if lang in ("und", "") else lang.split("-")[0]


def _by_language(transcript: Transcript) -> dict[str, list[tuple[int, Utterance]]]:
    groups: dict[str, list[tuple[int, Utterance]]] = {}
    for index, utt in enumerate(transcript.utterances):
        lang = _language(transcript, utt)
        if lang not in SUPPORTED_LANGUAGES:
            log.info("utterance %d: language %r has no rules; skipped", index, lang)
            continue
        if utt.text.strip():
            groups.setdefault(lang, []).append((index, utt))
    return groups


def _utterance_hits(
    transcript: Transcript, index: int, utt: Utterance, lang: str, doc: Doc, compiled: matching.Compiled, budget: Budget
) -> tuple[list[Hit], set[str]]:
    """The rule hits of one utterance, and the ids of the rules whose exclusions matched in it."""
    found, vetoes = matching.candidates(doc, lang, compiled, budget)
    by_rule: dict[str, list[Candidate]] = {}
    for cand in found:
        budget.check()
        if _allowed(cand.rule, utt, transcript) and not _vetoed(cand, vetoes):
            by_rule.setdefault(cand.rule.id, []).append(cand)
    previous = transcript.utterances[index - 1].text if index > 0 else ""
    hits = replacing_theirs([_best_hit(index, utt, lang, c, budget, previous) for c in by_rule.values()], lang)
    return _denied_at_start(hits, utt, lang, found, index, previous), {veto.rule_id for veto in vetoes}


def _denied_at_start(
    hits: list[Hit], utt: Utterance, lang: str, found: list[Candidate], index: int, previous: str
) -> list[Hit]:
    """Hits after a turn's opening denial of their category ("Nie, nie rezygnujemy :) Pytałam o okres wypowiedzenia
    tylko dlatego, że ...", or the rep's word asked back and denied: "Cancelling? No, not at all, I only asked about
    the notice period ..."), no contrast or condition between: negated (``turn.opening_denial``, ``echoed_denial``)."""
    opening = opening_denial(utt.text, lang)
    denied = {c.rule.category for c in found if c.end <= opening and _hit(index, utt, lang, c, previous).negated}
    if not denied:
        opening, denied = echoed_denial(utt.text, lang)
    hits = denied_later(hits, utt.text, opening, denied, lang) if denied else hits
    return settled(hits, utt.text, previous, lang)


def _best_hit(index: int, utt: Utterance, lang: str, cands: list[Candidate], budget: Budget, previous: str = "") -> Hit:
    """The best-ranked hit among one rule's candidates (the first of equals), judging polarity lazily:
    in (confidence, length) order, the first plain statement is the best, so the rest need no parse."""
    best: Hit | None = None
    for cand in sorted(cands, key=lambda c: (-_confidence(utt, c), -len(c.matched))):  # stable: ties keep order
        budget.check()
        hit = _hit(index, utt, lang, cand, previous)
        if best is None or _rank(hit) > _rank(best):
            best = hit
        if not (best.negated or best.hypothetical):
            break
    assert best is not None  # cands is never empty
    return best


def _confidence(utt: Utterance, cand: Candidate) -> float:
    return round(cand.score / 100.0 * (UNKNOWN_SIDE if utt.role == "unknown" else 1.0), 3)


def _rank(hit: Hit) -> tuple[bool, bool, float, int]:
    """The hit that best shows a rule in one utterance: a plain statement, exact, longest."""
    return (not hit.negated, not hit.hypothetical, hit.confidence, len(hit.matched))


def _allowed(rule: Rule, utt: Utterance, transcript: Transcript) -> bool:
    if rule.speaker != "anyone" and utt.role not in (rule.speaker, "unknown"):
        return False
    if rule.window is None:
        return True
    limit = rule.window.minutes * 60.0
    if rule.window.edge == "first":
        return utt.start < limit
    return utt.end > max(0.0, transcript.duration - limit)


def _vetoed(cand: Candidate, vetoes: list[matching.Veto]) -> bool:
    return any(veto.rule_id == cand.rule.id and veto.covers(cand.start, cand.end) for veto in vetoes)


def _hit(index: int, utt: Utterance, lang: str, cand: Candidate, previous: str = "") -> Hit:
    """The hit of one candidate; ``previous``: the turn before (where a pronoun's antecedent may be named)."""
    s_start, s_end = sentence_bounds(utt.text, cand.start, cand.end)
    sentence, rule = utt.text[s_start:s_end], cand.rule
    polarity = negation.assess(
        sentence, cand.start - s_start, cand.end - s_start, lang, phrase_negated=cand.negated_phrase
    )
    if cand.negated_by and not polarity.negated:
        cue = "; ".join(x for x in (f"negated by {cand.negated_by!r} between the terms", polarity.cue) if x)
        polarity = negation.Polarity(True, polarity.hypothetical, cue)
    at = (cand.start - s_start, cand.end - s_start)
    denial = "" if polarity.negated else senses.denied_after(utt.text, s_start, s_end, lang)
    if denial:
        polarity = negation.Polarity(True, polarity.hypothetical, f"negated: asked back and denied ({denial!r})")
    before = f"{previous} {utt.text[:s_start]}"
    other = "" if polarity.negated else _not_ours(sentence, at, lang, rule.category, before, utt.text[s_end:])
    other = other or ("" if polarity.negated or s_start else about_the_question(sentence, previous, lang))
    if other:
        cue = "; ".join(x for x in (f"{NOT_OURS} ({other})", polarity.cue) if x)
        polarity = negation.Polarity(True, polarity.hypothetical, cue)
    start, end = times(utt, s_start, s_end)
    evidence = _evidence(cand) + (f"; {polarity.cue}" if polarity.cue else "")
    return Hit(
        rule.id, rule.name, rule.category, utt.role, utt.speaker, start, end, sentence.strip(), cand.matched,
        index, lang, rule.weight, _confidence(utt, cand), polarity.negated, polarity.hypothetical, evidence,
    )  # fmt: skip


def _not_ours(sentence: str, at: tuple[int, int], lang: str, category: str, before: str = "", after: str = "") -> str:
    """Why a match is about someone else's business (``parties.py``, ``ownership.py``, a pronoun whose antecedent is
    a partner: ``antecedent.py``) or something else (``senses.py``), or what the rest of the turn says of it
    (``turn.py``; ``after``: the turn after the match's sentence), or ``""``."""
    raised = raised_by_partner(sentence, lang, before.strip()) or supplier_named_before(sentence, *at, lang)
    raised = raised if category == "price" else ""
    staff = partners_staff(sentence, at[1], lang) if category == "champion" else ""
    return (
        (f"someone else's doing: {raised}" if raised else f"someone else's staff: {staff!r}" if staff else "")
        or not_ours(sentence, *at, lang, category)
        or senses.elsewhere(sentence, *at, lang, category)
        or own_business(sentence, *at, lang, category)
        or whose(sentence, *at, lang, category)
        or (f"someone else's equipment: {thing!r}" if (thing := failed_thing(sentence, *at, lang, category)) else "")
        or (f"a past problem, fixed since: {fixed}" if (fixed := fixed_since(sentence, *at, lang, category)) else "")
        or later_in_turn(sentence, after, lang, category, before)
    )


def _evidence(cand: Candidate) -> str:
    """Why it matched: "concept price×steep: 'quote' … 'way more'", "phrase 'too expensive' matched ..."."""
    if cand.how == "concept":
        return f"concept {cand.phrase}: " + " … ".join(repr(t) for t in cand.terms)
    how = {"lemma": "phrase", "pattern": "token pattern", "fuzzy": f"fuzzy {cand.score:.0f}"}[cand.how]
    return f"{how} {cand.phrase!r} matched {cand.matched!r}"


def _executives(
    transcript: Transcript, ruleset: RuleSet, budget: Budget
) -> tuple[tuple[Executive, ...], tuple[int, ...]]:
    """Executives per the title list beside the rules (none when the folder has no ``executives.yaml``),
    and the utterances skipped for outrunning ``budget``."""
    titles = _executive_titles(ruleset)
    return ((), ()) if titles is None else scan_executives(transcript, titles, budget)


_TITLES: dict[tuple[str, float], ExecutiveTitles] = {}


def _executive_titles(ruleset: RuleSet) -> ExecutiveTitles | None:
    """The titles of the ruleset's folder, cached per file version; None if the folder has none."""
    path = (ruleset.directory or DEFAULT_RULES_DIR) / EXECUTIVES_FILE
    if not path.is_file():
        return None
    key = (str(path), path.stat().st_mtime)
    if key not in _TITLES:
        _TITLES[key] = load_executive_titles(path)
    return _TITLES[key]


def vocabulary(ruleset: RuleSet) -> list[str]:
    """Competitor names and executive titles: words to bias Whisper toward (hotwords / initial_prompt).

    Only each competitor's main name: aliases are spellings for matching, and a long hotword list makes
    Whisper emit fewer timestamps and invent the hotwords on silence (measured on the sample calls)."""
    words: list[str] = [competitor.name for competitor in ruleset.competitors]
    titles = _executive_titles(ruleset)
    for spec in titles.titles if titles else ():
        words.extend(a for a in spec.abbreviations if a.isupper())  # CFO, VP: ASR mishears these
    seen: set[str] = set()
    unique = []
    for word in words:
        if word.lower() not in seen:
            seen.add(word.lower())
            unique.append(word)
    return unique
