"""Policy evaluation on analysed calls: triggers, filters, only-new-risks, message content."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from assistant.alerts.evaluate import evaluate
from assistant.alerts.policies import parse_policies
from assistant.records import Analysis, CallMetadata, Executive, Hit, RiskReport
from assistant.records.alerts import PolicySet

ACME = CallMetadata(account="Acme Corp", arr=120_000.0, title="Q3 renewal")


def hit(rule: str, category: str, *, speaker: str = "Dana", role: str = "customer", start: float = 10.0, **kw) -> Hit:
    fields = {
        "rule": rule,
        "name": rule.title(),
        "category": category,
        "role": role,
        "speaker": speaker,
        "start": start,
        "end": start + 3,
        "text": f"we are thinking about {rule}",
        "matched": rule,
        "utterance_index": 0,
        "language": "en",
        "weight": 30.0,
    }
    fields.update(kw)
    return Hit(**fields)  # type: ignore[arg-type]


def analysis(*hits: Hit, score: float = 40.0, level: str = "medium", execs: tuple[Executive, ...] = ()) -> Analysis:
    return Analysis(hits=hits, executives=execs, report=RiskReport(score=score, level=level))  # type: ignore[arg-type]


def policies(body: str) -> PolicySet:
    return parse_policies(body, Path("alerts.yaml"))


def one(trigger: str, extra: str = "") -> PolicySet:
    return policies(
        f"policies:\n  - name: p\n    trigger: {trigger}\n{extra}"
        "    channels: [{type: webhook, url: 'http://127.0.0.1:9/a'}, {type: slack, url: 'http://127.0.0.1:9/b'}]\n"
    )


def fired(ps: PolicySet, a: Analysis, meta: CallMetadata = ACME, language: str = "en", seen: tuple = ()) -> bool:
    drafts = evaluate(ps, analysis=a, metadata=meta, language=language, source="call.vtt", seen_categories=seen)
    return bool(drafts)


def test_level_and_score_thresholds() -> None:
    assert fired(one("{level: medium}"), analysis(level="high", score=80))
    assert not fired(one("{level: high}"), analysis(level="medium", score=50))
    assert fired(one("{score: 50}"), analysis(score=50))
    assert not fired(one("{score: 50}"), analysis(score=49.9))


def test_categories_count_only_real_customer_risks() -> None:
    ps = one("{categories: [cancellation]}")
    assert fired(ps, analysis(hit("cancel", "cancellation")))
    assert fired(ps, analysis(hit("cancel", "Cancellation", role="unknown")))
    assert not fired(ps, analysis(hit("cancel", "cancellation", negated=True)))
    assert not fired(ps, analysis(hit("cancel", "cancellation", hypothetical=True)))
    assert not fired(ps, analysis(hit("cancel", "cancellation", role="rep")))
    assert not fired(ps, analysis(hit("price", "pricing")))


def test_trackers_fire_on_any_side_unless_negated() -> None:
    ps = one("{trackers: [competitor-globex]}")
    assert fired(ps, analysis(hit("competitor-globex", "competitor", role="rep")))
    assert not fired(ps, analysis(hit("competitor-globex", "competitor", negated=True)))


def test_executive_voicing_a_risk() -> None:
    ps = one("{executive_risk: true}")
    cfo = Executive(title="CFO", kind="speaking", name="Dana", role="customer", speaker="Dana", start=5, end=40)
    assert fired(ps, analysis(hit("cancel", "cancellation", speaker="Dana"), execs=(cfo,)))
    assert not fired(ps, analysis(hit("cancel", "cancellation", speaker="Bob"), execs=(cfo,)))
    mentioned = replace(cfo, kind="mentioned")
    assert not fired(ps, analysis(hit("cancel", "cancellation", speaker="Dana"), execs=(mentioned,)))
    unnamed = replace(cfo, speaker=None)  # no speaker label: the risk must fall inside the executive's turn
    assert fired(ps, analysis(hit("cancel", "cancellation", start=20), execs=(unnamed,)))
    assert not fired(ps, analysis(hit("cancel", "cancellation", start=50), execs=(unnamed,)))


def test_account_trigger_and_match_all() -> None:
    assert fired(one("{accounts: [acme corp]}"), analysis(score=0, level="low"))
    assert not fired(one("{accounts: [Globex]}"), analysis(score=90, level="high"))
    both = one("{level: high, categories: [cancellation], match: all}")
    assert fired(both, analysis(hit("cancel", "cancellation"), level="high", score=70))
    assert not fired(both, analysis(hit("cancel", "cancellation"), level="medium"))
    either = one("{level: high, categories: [cancellation]}")
    assert fired(either, analysis(hit("cancel", "cancellation"), level="medium"))


def test_filters_accounts_arr_language() -> None:
    risky = analysis(level="high", score=90)
    assert fired(one("{level: high}", "    filters: {accounts: [ACME CORP]}\n"), risky)
    assert not fired(one("{level: high}", "    filters: {accounts: [Globex]}\n"), risky)
    assert not fired(one("{level: high}", "    filters: {accounts: [Globex]}\n"), risky, meta=CallMetadata())
    assert fired(one("{level: high}", "    filters: {min_arr: 100000}\n"), risky)
    assert not fired(one("{level: high}", "    filters: {min_arr: 200000}\n"), risky)
    assert not fired(one("{level: high}", "    filters: {min_arr: 1}\n"), risky, meta=CallMetadata(account="X"))
    assert fired(one("{level: high}", "    filters: {languages: [it, EN]}\n"), risky)
    assert not fired(one("{level: high}", "    filters: {languages: [it]}\n"), risky)


def test_only_new_risks_needs_a_category_the_account_never_raised() -> None:
    ps = one("{score: 10}", "    only_new_risks: true\n")
    a = analysis(hit("cancel", "cancellation"), hit("price", "pricing", start=30))
    assert fired(ps, a, seen=("pricing",))
    assert not fired(ps, a, seen=("Pricing", "cancellation"))
    drafts = evaluate(ps, analysis=a, metadata=ACME, language="en", source="x", seen_categories=("pricing",))
    risks = drafts[0].message.risks
    assert risks[0].category == "cancellation" and risks[0].new and not risks[1].new


def test_one_draft_per_channel_with_the_call_content() -> None:
    cfo = Executive(title="CFO", kind="speaking", name="Dana", role="customer", speaker="Dana")
    hits = [hit(f"r{i}", "cancellation", start=float(i), weight=float(i)) for i in range(1, 6)]
    hits.append(hit("r5", "cancellation", start=99.0, weight=5.0))  # same rule again: quoted once
    a = analysis(*hits, level="high", score=77.4, execs=(cfo,))
    drafts = evaluate(one("{level: high}"), analysis=a, metadata=ACME, language="en", source="c.vtt")
    assert [d.channel.kind for d in drafts] == ["webhook", "slack"]
    m = drafts[0].message
    assert (m.policy, m.account, m.title, m.score, m.level, m.arr) == (
        "p",
        "Acme Corp",
        "Q3 renewal",
        77.4,
        "high",
        120000,
    )
    assert [r.rule for r in m.risks] == ["r5", "r4", "r3"]  # top 3 by weight, r5's first occurrence
    assert m.risks[0].start == 5.0 and m.risks[0].quote == "we are thinking about r5"
    assert m.executives == ("CFO Dana (speaking, customer side)",)
    assert m.reasons == ("risk level high (at least high)",)
    assert m.open_command == "assistant calls list"  # the id is known once the call is stored
    assert replace(m, call_id=7).open_command == "assistant calls show 7"
