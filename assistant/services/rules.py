"""Keyword rules: check the rule files, test a sentence, preview one rule on stored calls, and reanalyse
stored calls with the rules in effect (no transcription)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assistant.alerts.delivery import Delivery
from assistant.alerts.policies import load_policies
from assistant.analysis import analyze
from assistant.analysis.rules import RuleSet, check_folder, load_ruleset
from assistant.reanalysis import PreviewHit, ReanalysisResult, preview_rule, reanalyze
from assistant.records import Analysis, Transcript, Utterance
from assistant.services.alerts import deliver
from assistant.services.app import App
from assistant.services.calls import call_ids as all_call_ids


def check_rules(rules_dir: Path) -> tuple[RuleSet | None, list[str]]:
    """The ruleset (None if invalid) and every problem of the rule files and executive titles in ``rules_dir``."""
    return check_folder(rules_dir)


def test_sentence(app: App, text: str, lang: str, role: str, rules_dir: Path | None = None) -> Analysis:
    """Analyse ``text`` as a one-utterance call said by ``role`` with the rules of ``rules_dir``."""
    ruleset = load_ruleset(rules_dir or app.settings.rules_dir)
    duration = max(1.0, len(text.split()) / 2.5)
    utt = Utterance(role, role, 0.0, duration, text, language=lang)  # type: ignore[arg-type]
    transcript = Transcript((utt,), lang, duration, "vtt", languages={role: lang})
    return analyze(transcript, ruleset, settings=app.settings)


def preview(app: App, rule_id: str, *, limit: int = 50) -> list[PreviewHit]:
    """What one rule would flag across stored calls, with context, before rolling it out."""
    ruleset = load_ruleset(app.settings.rules_dir)
    return preview_rule(app.store, app.settings, ruleset, rule_id, limit=limit)


def reanalyze_calls(
    app: App, call_ids: Iterable[int] | None, *, force: bool = False, send: bool = True
) -> tuple[list[ReanalysisResult], list[Delivery]]:
    """Apply the rules in effect to the given calls (None: every stored call); then send due alerts.
    Invalid rules or policies stop it before any call is touched."""
    ruleset = load_ruleset(app.settings.rules_dir)
    policies = load_policies(app.settings.alerts_path)
    ids = all_call_ids(app) if call_ids is None else list(call_ids)
    results = list(reanalyze(app.store, app.settings, ruleset, ids, policies=policies, force=force))
    return results, deliver(app) if send else []
