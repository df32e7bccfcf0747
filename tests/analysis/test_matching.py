"""Matching with real spaCy pipelines: inflections, gaps, word order, exclusions, competitors, fuzzy, patterns."""

from __future__ import annotations

from dataclasses import replace

from assistant.analysis import find_hits
from assistant.analysis.rules import Competitor, Rule, Window, ruleset_from_rules
from assistant.records import Hit, Transcript, Utterance

CANCEL = Rule(
    "cancel", "Cancel", "cancellation", 50,
    phrases={
        "en": ("cancel the subscription", "not renew"),
        "it": ("disdire il contratto", "disdetta"),
        "ru": ("отменить подписку",),
        "pl": ("zrezygnować z umowy", "nie przedłużymy"),
        "zh": ("取消合同",),
    },
    exclude={"en": ("cancel the meeting",)},
)  # fmt: skip
SWITCH = Rule("switch", "Switch", "competitor", 35, speaker="anyone", fuzzy=85,
              phrases={"en": ("switch to {competitor}", "too expensive")})  # fmt: skip
COMPETITORS = (Competitor("HubSpot", ("Hub Spot",)), Competitor("Salesforce"))


def _hits(text: str, lang: str = "en", role: str = "customer", *rules: Rule, start: float = 0.0) -> list[Hit]:
    ruleset = ruleset_from_rules(rules or (CANCEL, SWITCH), COMPETITORS, competitor_fuzzy=85)
    utt = Utterance("Dana", role, start, start + 4.0, text, language=lang)  # type: ignore[arg-type]
    return list(find_hits(Transcript((utt,), lang, 600.0, "vtt"), ruleset))


def _rules(text: str, lang: str = "en", role: str = "customer") -> list[str]:
    return [h.rule for h in _hits(text, lang, role)]


def test_english_inflections_and_small_gaps() -> None:
    assert _rules("We cancelled our subscription last week.") == ["cancel"]
    assert _rules("We're cancelling the whole subscription.") == ["cancel"]
    assert _rules("We are not going to renew.") == ["cancel"]
    assert _rules("We won't renew.") == ["cancel"]


def test_gaps_stop_at_clause_punctuation_and_limits() -> None:
    assert _rules("Cancel, then, the subscription.") == []
    assert _rules("We might cancel the long overdue annual enterprise subscription.") == []


def test_other_languages_match_inflected_forms() -> None:
    assert _rules("Vogliamo disdire subito il contratto.", "it") == ["cancel"]
    assert _rules("Abbiamo mandato la disdetta.", "it") == ["cancel"]
    assert _rules("Мы отменим нашу подписку.", "ru") == ["cancel"]
    assert _rules("Подписку отменим в мае.", "ru") == ["cancel"]  # free word order
    assert _rules("Zrezygnowaliśmy z tej umowy.", "pl") == ["cancel"]
    assert _rules("Tej umowy nie przedłużymy.", "pl") == ["cancel"]
    assert _rules("我们打算取消这个合同。", "zh") == ["cancel"]


def test_unrelated_sense_and_exclusions() -> None:
    assert _rules("Can we cancel the meeting on Thursday?") == []
    assert _rules("Let me switch screens so you can see it.") == []
    assert _rules("The price of tea is high, and the subscription box is cancelled?") == []
    assert _rules("Can we cancel the weekly meeting?") == []  # an exclusion may skip a word, as a phrase may


def test_an_exclusion_vetoes_no_match_its_gap_stepped_over() -> None:
    # "cancel the meeting" with a gap also spans "cancel [the subscription after] the meeting": the cancellation of
    # the subscription ends inside the words the exclusion skipped, so it stands
    assert _rules("We will cancel the subscription after the meeting.") == ["cancel"]
    assert _rules("We will cancel the meeting after the subscription review.") == []


def test_competitor_names_aliases_and_garbled_names() -> None:
    hits = _hits("We will switch to Hub Spot next year.")
    assert [h.rule for h in hits] == ["switch"] and hits[0].matched == "switch to Hub Spot"
    assert _rules("We will switch to Salesforse next year.") == ["switch"]
    assert _rules("We will switch to Pipedrive next year.") == []


def test_fuzzy_window_catches_asr_errors_with_its_score() -> None:
    (hit,) = _hits("Honestly it is just to expensive.")
    assert hit.rule == "switch" and 0.85 <= hit.confidence < 1.0 and "fuzzy" in hit.evidence
    assert _rules("It is not expensive at all, tea is.") == []


def test_speaker_side_and_unknown_side() -> None:
    assert _rules("We want to cancel the subscription.", role="rep") == []
    assert _rules("You could switch to HubSpot, I guess.", role="rep") == ["switch"]
    (hit,) = _hits("We want to cancel the subscription.", "en", "unknown")
    assert hit.confidence < 1.0


def test_call_window() -> None:
    late = Rule("late", "Late", "x", 10, window=Window("last", 5), phrases={"en": ("cancel",)})
    assert [h.rule for h in _hits("cancel it", "en", "customer", late, start=590.0)] == ["late"]
    assert _hits("cancel it", "en", "customer", late, start=10.0) == []


def test_token_patterns_use_matching_forms() -> None:
    tokens = ({"LEMMA": "prices"}, {"LEMMA": "be"}, {"LOWER": "too"}, {"LOWER": "high"})
    rule = Rule("pattern", "P", "price", 20, patterns={"en": (tokens,)})
    hits = _hits("Your prices were too high.", "en", "customer", rule)
    assert [h.rule for h in hits] == ["pattern"] and hits[0].matched == "prices were too high"


def test_hit_evidence_and_quote() -> None:
    (hit,) = _hits("Thanks for the call. We cancelled the subscription already! Bye.")
    assert hit.text == "We cancelled the subscription already!"
    assert hit.matched == "cancelled the subscription" and "cancel the subscription" in hit.evidence
    assert (hit.category, hit.weight, hit.speaker, hit.language) == ("cancellation", 50, "Dana", "en")


def test_optional_words_never_shrink_a_phrase_to_one_word() -> None:
    rival = Rule("rival", "Rival", "competitor", 10, phrases={"en": ("your competitors",), "ru": ("ваши конкуренты",)})
    assert _hits("Competitors in our region are strong.", "en", "customer", rival) == []
    assert _hits("Конкуренты у нас в регионе сильные.", "ru", "customer", rival) == []
    assert [h.rule for h in _hits("Ваши конкуренты дешевле.", "ru", "customer", rival)] == ["rival"]


def test_chinese_negation_in_a_phrase_gap_unsays_it() -> None:
    """A negation among the characters a Chinese phrase skips negates the word after it ("取消这个合同" is the
    phrase "取消合同"; "取消不了合同" does not say it), as a negation between a concept's terms does."""
    assert _rules("我们要取消这个合同。", "zh") == ["cancel"]
    assert _rules("我们取消不了合同。", "zh") == []


def test_a_copy_with_other_rules_but_the_same_version_gets_its_own_matchers() -> None:
    """The matchers are cached by content, not by the version string alone: a ruleset copied with other rules and
    the version left as it was must not reuse the first ruleset's matchers (either way round)."""
    first = ruleset_from_rules((CANCEL,))
    copy = replace(first, rules=(SWITCH,))  # same version string, other rules
    utt = Utterance("Dana", "customer", 0.0, 4.0, "We will cancel the subscription, it is too expensive.")
    call = Transcript((utt,), "en", 600.0, "vtt")
    assert [h.rule for h in find_hits(call, first)] == ["cancel"]
    assert [h.rule for h in find_hits(call, copy)] == ["switch"]
    assert [h.rule for h in find_hits(call, first)] == ["cancel"]
