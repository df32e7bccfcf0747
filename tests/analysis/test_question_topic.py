"""A short answer judges what the question asked about (analysis/question_topic.py, issue 10, rules11): after a
question about a hotel, a road, a fax machine or a landlord, "Way too expensive." / "Слишком запутанно." /
"其实没人用。" is about that thing; the same words after a question about the quote, the seats or the vendor's
editor stay a risk. Lines written for this test (none from a scored corpus), run through the shipped rules with
the real pipelines."""

from __future__ import annotations

import pytest

from assistant.analysis.rules import RuleSet
from assistant.records import Hit
from tests.analysis.conftest import call_hits

ABOUT_THE_THING = [
    ("en", "How was the conference hotel in Leeds?", "Far too expensive.", "price"),
    ("it", "Com'era l'albergo a Torino?", "Troppo caro, davvero.", "price"),
    ("ru", "Как вам дорога до нового склада?", "Слишком запутанно.", "complexity"),
    ("pl", "Jak wam się podobał hotel w Krakowie?", "Strasznie drogi.", "price"),
    ("zh", "那个传真机现在还有人用吗？", "其实没人用。", "adoption"),
]
ABOUT_THE_VENDOR = [
    ("en", "So the quote for next year is twelve thousand for the same seats.", "Far too expensive.", "price"),
    ("it", "Il preventivo per il rinnovo è di dodicimila euro.", "Troppo caro, davvero.", "price"),
    ("ru", "Как вам новый редактор смен в системе?", "Слишком запутанно.", "complexity"),
    ("pl", "Oferta na odnowienie to dwanaście tysięcy.", "Strasznie drogi.", "price"),
    ("zh", "你们团队现在还用我们的看板吗？", "其实没人用。", "adoption"),
]


def _answer_hits(question: str, answer: str, lang: str, ruleset: RuleSet, category: str) -> list[Hit]:
    hits = call_hits([("rep", question), ("customer", answer)], lang, ruleset)
    return [h for h in hits if h.utterance_index == 1 and h.category == category]


@pytest.mark.parametrize(("lang", "question", "answer", "category"), ABOUT_THE_THING)
def test_a_short_answer_about_the_thing_asked_is_no_risk(
    shipped_rules: RuleSet, lang: str, question: str, answer: str, category: str
) -> None:
    hits = _answer_hits(question, answer, lang, shipped_rules, category)
    assert hits, f"the rules no longer match {answer!r}: the test needs a line they match"
    assert all(h.negated and "a short answer about the question's" in h.evidence for h in hits), hits


@pytest.mark.parametrize(("lang", "question", "answer", "category"), ABOUT_THE_VENDOR)
def test_the_same_answer_about_the_vendor_stays_a_risk(
    shipped_rules: RuleSet, lang: str, question: str, answer: str, category: str
) -> None:
    hits = _answer_hits(question, answer, lang, shipped_rules, category)
    assert [h for h in hits if not h.negated], hits
