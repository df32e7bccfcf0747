"""Apply (changed) rules to stored calls without transcribing again, and preview one rule before rollout.

Both read stored transcripts; reanalysis writes each call's new analysis in its own transaction, preview
writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.alerts.outbox import draft_alerts
from assistant.analysis import analysis_version, analyze, churn_model
from assistant.analysis.call_embeddings import embed_sentences, long_turn_sentences, sentences_over
from assistant.analysis.model import ChurnModel, embed_transcript, embedder_for, needs_vectors
from assistant.analysis.model.vote import remembered
from assistant.analysis.rules import RuleSet, ruleset_from_rules
from assistant.errors import AssistantError, RulesError
from assistant.records import Analysis, CallDetail, CallSummary, Hit, Transcript
from assistant.records.alerts import AlertDraft, PolicySet
from assistant.records.embeddings import Embeddings
from assistant.records.votes import ModelVotes
from assistant.settings import Settings
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.storage.embeddings import load_reading
from assistant.storage.votes import load_votes


@dataclass(frozen=True)
class ReanalysisResult:
    call_id: int
    status: str  # updated | unchanged | failed
    score_before: float | None = None
    score_after: float | None = None
    level: str | None = None
    message: str = ""


@dataclass(frozen=True)
class CallVectors:
    """The embeddings an analysis of a stored call reads: its utterances' and its long turns' sentences'."""

    vectors: Embeddings | None  # None: the rules and model at hand read none
    remade: Embeddings | None = None  # some embedded now (the stored ones were missing, stale or corrupt): store them
    note: str = ""  # what was embedded again, and why
    votes: ModelVotes | None = None  # the model's votes stored with the call under its head (read with the vectors)


def call_vectors(
    store: Store, settings: Settings, ruleset: RuleSet, model: ChurnModel | None, call: CallDetail
) -> CallVectors:
    """The call's stored embeddings when they are whole and of the current embedding model; else the lines
    embedded now, with the reason (another model's vectors are never mixed with this one's). The same for the
    sentences the model reads its long customer turns by: those stored (same text, same model) are read, the
    others embedded now. The model's votes stored under its head come with them (``analyze_stored`` takes them), from
    the same read."""
    if not needs_vectors(ruleset, model):
        return CallVectors(None)
    embedder, call_id = embedder_for(settings), call.summary.id
    wanted = long_turn_sentences(call.transcript, sentences_over(model))
    head, columns = _votes_head(settings, model)
    read = load_reading(store, call_id=call_id, model=embedder.name, dims=embedder.dims, wanted=wanted, head=head,
                        columns=columns)  # fmt: skip
    stored, known = read.lines, read.sentences
    notes = [] if stored.vectors is not None else [f"embedded again: {stored.problem.split(';')[0]}"]
    if len(known) < len(wanted):
        notes.append(f"{len(wanted) - len(known)} of {len(wanted)} sentences of long turns embedded again "
                     f"(no stored vector of {embedder.name})")  # fmt: skip
    lines = stored.vectors if stored.vectors is not None else embed_transcript(call.transcript, embedder).vectors
    found = Embeddings(embedder.name, lines, embed_sentences(wanted, embedder, known))
    remade = found if notes and settings.store_embeddings else None
    return CallVectors(found, remade, "; ".join(notes), read.votes)


def _votes_head(settings: Settings, model: ChurnModel | None) -> tuple[str, int]:
    """The head version whose stored votes a reading takes, and its columns; ("", 0) when it keeps none (no model,
    a head of no known version, the ``store_embeddings`` setting off)."""
    if model is None or not model.version or not settings.store_embeddings:
        return "", 0
    return model.version, len(model.head.categories)


def analyze_stored(
    store: Store, settings: Settings, ruleset: RuleSet, model: ChurnModel | None, call_id: int,
    transcript: Transcript, vectors: Embeddings | None, *, stored: ModelVotes | None = None,
) -> tuple[Analysis, ModelVotes | None]:  # fmt: skip
    """The analysis of stored call ``call_id`` (its ``transcript``, read with ``vectors``), the model's
    nearest-examples votes taken from those stored with the call under this head (``storage/votes.py``) where the
    same line or sentence vector was read before; and, when some were read anew, every vote it read, to store with
    the analysis (None: nothing new to store; nothing is read or stored with the ``store_embeddings`` setting off).
    ``stored``: those votes already read (``call_vectors``: with the vectors); None: read here."""
    use = model is not None
    head, columns = _votes_head(settings, model)
    if model is None or not head:  # a head of no known version keeps none
        return analyze(transcript, ruleset, settings=settings, model=model, use_model=use, vectors=vectors), None
    known = stored if stored is not None and stored.head == head else load_votes(store, call_id=call_id, head=head,
                                                                                 columns=columns)  # fmt: skip
    with remembered(known.votes) as memo:
        analysis = analyze(transcript, ruleset, settings=settings, model=model, use_model=use, vectors=vectors)
    return analysis, ModelVotes(model.version, memo.kept()) if memo.made else None


@dataclass(frozen=True)
class PreviewHit:
    call: CallSummary
    hit: Hit
    context: tuple[str, ...]  # the utterance before, the hit's, the one after ("speaker: text")


def reanalyze(
    store: Store,
    settings: Settings,
    ruleset: RuleSet,
    call_ids: Iterable[int],
    *,
    policies: PolicySet | None = None,
    force: bool = False,
) -> Iterator[ReanalysisResult]:
    """Re-run the analysis of each call; calls already analysed with this rule set are left alone
    unless ``force``. Alert policies are evaluated in the same transaction (a call and policy never
    alert twice). A failure on one call is reported and the others go on."""
    for call_id in call_ids:
        try:
            yield _reanalyze_one(store, settings, ruleset, policies or PolicySet(), call_id, force)
        except AssistantError as exc:
            yield ReanalysisResult(call_id, "failed", message=str(exc))


def _reanalyze_one(
    store: Store, settings: Settings, ruleset: RuleSet, policies: PolicySet, call_id: int, force: bool
) -> ReanalysisResult:
    call = calls.get_call(store, call_id=call_id)
    before = call.analysis
    model, _ = churn_model(settings)
    if before is not None and before.rules_version == analysis_version(ruleset.version, model) and not force:
        return ReanalysisResult(call_id, "unchanged", before.report.score, before.report.score, before.report.level)
    found = call_vectors(store, settings, ruleset, model, call)
    analysis, votes = analyze_stored(
        store, settings, ruleset, model, call_id, call.transcript, found.vectors, stored=found.votes
    )
    drafts = alert_drafts(store, policies, call, analysis)
    calls.save_analysis(store, call_id=call_id, analysis=analysis, alerts=drafts, embeddings=found.remade, votes=votes)
    message = "; ".join(filter(None, [f"{len(analysis.hits)} hits, {len(analysis.executives)} executives", found.note]))
    score = before.report.score if before else None
    return ReanalysisResult(call_id, "updated", score, analysis.report.score, analysis.report.level, message)


def alert_drafts(store: Store, policies: PolicySet, call: CallDetail, analysis: Analysis) -> tuple[AlertDraft, ...]:
    """The alerts a stored call's new analysis raises (written with it; a policy that alerted before stays quiet)."""
    return draft_alerts(
        store,
        policies,
        content_hash=call.content_hash,
        metadata=call.metadata,
        language=call.transcript.language,
        source=Path(call.summary.source_path).name,
        analysis=analysis,
    )


def preview_rule(
    store: Store, settings: Settings, ruleset: RuleSet, rule_id: str, *, limit: int = 50
) -> list[PreviewHit]:
    """What one rule would flag across stored calls (negated and hypothetical hits included, marked); the learned
    model's own hits are not the rule's and are left out."""
    try:
        rule = ruleset.rule(rule_id)
    except KeyError:
        known = ", ".join(sorted(r.id for r in ruleset.rules))
        raise RulesError(
            f"no rule with id {rule_id!r} in {ruleset.directory or 'the rule set'} (known: {known})"
        ) from None
    single = ruleset_from_rules((rule,), ruleset.competitors, ruleset.competitor_fuzzy)
    found: list[PreviewHit] = []
    for call_id in calls.call_ids(store):
        call = calls.get_call(store, call_id=call_id)
        utterances = call.transcript.utterances
        vectors = call_vectors(store, settings, single, None, call).vectors
        for hit in analyze(call.transcript, single, settings=settings, use_model=False, vectors=vectors).hits:
            around = utterances[max(0, hit.utterance_index - 1) : hit.utterance_index + 2]
            found.append(PreviewHit(call.summary, hit, tuple(f"{u.speaker}: {u.text}" for u in around)))
            if len(found) >= limit:
                return found
    return found
