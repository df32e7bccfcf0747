"""Speakers use cases (issue 13): enrol rep voices, fix who a voice is by hand, conversation metrics per call
and per rep.

Called by the CLI (``assistant reps ...``, ``assistant calls speaker``, ``calls show``) and the brief; they take a
Store and Settings and return plain records, never rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.alerts.delivery import Delivery
from assistant.analysis.conversation import ConversationMetrics, measure, per_rep
from assistant.errors import InputError, NotFoundError
from assistant.records import CallDetail, SpeakerProfile, Transcript, Voiceprint
from assistant.services.app import App
from assistant.storage import calls as stored
from assistant.storage import voiceprints as prints

ROLE_VALUES = ("rep", "customer", "unknown")


def enroll_rep(app: App, name: str, paths: Sequence[Path]) -> tuple[Voiceprint, list[str]]:
    """Make and store ``name``'s voiceprint from recordings of them (replaces an earlier one)."""
    from assistant.transcription.voiceprints import enroll

    voiceprint, notes = enroll(name, paths, app.settings)
    prints.save_voiceprint(app.store, voiceprint)
    return voiceprint, notes


def list_reps(app: App) -> list[Voiceprint]:
    return prints.list_voiceprints(app.store)


def remove_rep(app: App, name: str) -> None:
    prints.delete_voiceprint(app.store, name)


def set_speaker(app: App, call_id: int, label: str, value: str) -> tuple[CallDetail, list[Delivery]]:
    """Say who voice ``label`` of a call is (rep | customer | unknown | a rep's name); the roles of its lines,
    the analysis and the alerts a newly risky call deserves are redone and stored in one transaction (kept when
    the call's roles are decided again); then the alerts are delivered (with a queue: by the workers)."""
    from assistant.alerts.policies import load_policies
    from assistant.analysis import churn_model
    from assistant.analysis.rules import load_ruleset
    from assistant.reanalysis import alert_drafts, analyze_stored, call_vectors
    from assistant.services.alerts import deliver
    from assistant.transcription.speaker_roles import assign_roles

    store, settings = app.store, app.settings
    value = value.strip()
    if not value:
        raise InputError("give --role rep|customer|unknown or --name NAME")
    call = stored.get_call(store, call_id=call_id)
    transcript = with_profiles(call.transcript)
    labels = [p.label for p in transcript.speakers]
    if label not in labels:
        raise NotFoundError(f"call {call_id} has no speaker {label!r} (its speakers: {', '.join(labels)})")
    manual = stored.manual_speakers(store, call_id=call_id) | {label: value}
    transcript = assign_roles(transcript, rep=call.metadata.rep, manual=manual)
    ruleset, (model, _) = load_ruleset(settings.rules_dir), churn_model(settings)
    # the lines' texts are unchanged (their stored vectors fit) but not their roles: the long customer turns whose
    # sentences the model reads are the new roles' (a voice made the customer: its long turns' sentences embedded
    # now, and stored with the new analysis)
    found = call_vectors(store, settings, ruleset, model, replace(call, transcript=transcript))
    analysis, votes = analyze_stored(
        store, settings, ruleset, model, call_id, transcript, found.vectors, stored=found.votes
    )
    drafts = alert_drafts(store, load_policies(settings.alerts_path), call, analysis)
    stored.save_speakers(store, call_id=call_id, transcript=transcript, manual=manual, analysis=analysis, alerts=drafts,
                         embeddings=found.remade, votes=votes)  # fmt: skip
    return stored.get_call(store, call_id=call_id), deliver(app)


def with_profiles(transcript: Transcript) -> Transcript:
    """The transcript with a profile for every speaker of its lines (imports and stereo calls have none stored)."""
    known = {p.label for p in transcript.speakers}
    extra: dict[str, SpeakerProfile] = {}
    for u in transcript.utterances:
        if u.speaker not in known and u.speaker not in extra:
            extra[u.speaker] = SpeakerProfile(
                u.speaker, u.role, channel=u.channel, method="channel" if u.channel is not None else ""
            )
    return replace(transcript, speakers=(*transcript.speakers, *extra.values()))


def call_metrics(call: CallDetail) -> ConversationMetrics:
    """The conversation metrics of one call (talk ratio, monologues, interactivity, patience, questions)."""
    return measure(call.transcript)


def rep_metrics(app: App, *, rep: str | None = None) -> dict[str, dict[str, Any]]:
    """Per rep (the call's rep, else the rep voice's name): the mean of each metric over their calls."""
    by_rep: dict[str, list[ConversationMetrics]] = {}
    for call_id in stored.call_ids(app.store):
        call = stored.get_call(app.store, call_id=call_id)
        name = call.metadata.rep or next((p.name for p in call.transcript.speakers if p.role == "rep" and p.name), None)
        if name is None or (rep is not None and name.casefold() != rep.casefold()):
            continue
        by_rep.setdefault(name, []).append(measure(call.transcript))
    return {name: per_rep(values) for name, values in sorted(by_rep.items())}
