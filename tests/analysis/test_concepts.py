"""Concepts: a term from each of 2-3 groups near each other in one clause, matched by lemma, explained,
validated as file:line, and fast enough to scan whole calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis import find_hits
from assistant.analysis.rules import Concept, RuleSet, load_ruleset
from assistant.errors import RulesError
from assistant.records import Hit, Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR

PRICE = """\
rules:
  - id: price
    category: price
    weight: 30
    concepts:
      en:
        - [[price, pricing, cost, quote], [expensive, steep, high, "way more", "go up", problem]]
        - [["{competitor}"], [cheaper]]
        - {groups: [[not, "n't"], [renew]], ordered: true, reach: 3, name: not renew}
      it:
        - [[prezzo, costo], [alto, aumentato]]
      ru:
        - [[цена, стоимость], [высокий, вырасти]]
      pl:
        - [[cena, koszt], [wysoki, wzrosnąć]]
      zh:
        - [[价格, 报价], [贵, 涨]]
    exclude:
      en: ["price of coffee"]
"""
COMPETITORS = "competitors:\n  - HubSpot\n"


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "price.yaml").write_text(PRICE, encoding="utf-8")
    (folder / "competitors.yaml").write_text(COMPETITORS, encoding="utf-8")
    return load_ruleset(folder)


def _hits(text: str, lang: str, ruleset: RuleSet, role: str = "customer") -> list[Hit]:
    utt = Utterance(speaker=role, role=role, start=0.0, end=3.0, text=text, language=lang)  # type: ignore[arg-type]
    return list(find_hits(Transcript((utt,), lang, 3.0, "vtt"), ruleset))


def test_concepts_load_with_their_options(rules: RuleSet) -> None:
    concepts = rules.rule("price").concepts
    assert set(concepts) == {"en", "it", "ru", "pl", "zh"}
    plain, slot, named = concepts["en"]
    assert slot.groups[0] == ("{competitor}",)
    assert plain.groups[0][:2] == ("price", "pricing") and not plain.ordered and plain.reach is None
    assert named == Concept(groups=(("not", "n't"), ("renew",)), ordered=True, reach=3, name="not renew")
    assert plain.label == "price×expensive" and named.label == "not renew"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the quote you sent over is way more than we expected", "en"),  # any order, words between
        ("honestly the prices went up again", "en"),  # lemmas: prices → price, went up → go up
        ("pricing is getting really high for us", "en"),
        ("HubSpot is a lot cheaper", "en"),  # {competitor}
        ("il costo è aumentato parecchio", "it"),
        ("стоимость выросла на треть", "ru"),
        ("koszty znowu wzrosły", "pl"),
        ("报价又涨了", "zh"),
    ],
)
def test_a_term_from_each_group_is_a_hit(rules: RuleSet, text: str, lang: str) -> None:
    live = [h for h in _hits(text, lang, rules) if not h.negated]
    assert [h.rule for h in live] == ["price"], text
    assert live[0].evidence.startswith("concept ")


def test_evidence_names_the_concept_and_its_terms(rules: RuleSet) -> None:
    (hit,) = _hits("the quote you sent over is way more than we expected", "en", rules)
    assert hit.evidence == "concept price×expensive: 'quote' … 'way more'"
    assert hit.matched == "quote you sent over is way more"


@pytest.mark.parametrize(
    "text",
    [
        "the price is fine. the coffee is expensive",  # another sentence
        "the price is fine but the coffee is expensive",  # a clause-starting conjunction between the terms
        "the price is fine; steep was the learning curve",  # a semicolon ends the clause
        "price is something we discussed at length in the last meeting and it was high on the agenda",  # too far
        "the price of coffee here is too high",  # exclusion
    ],
)
def test_terms_apart_or_excluded_are_not_a_hit(rules: RuleSet, text: str) -> None:
    assert [h for h in _hits(text, "en", rules) if not h.negated] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("so the price, um, honestly, it went up again", "en"),
        ("il costo, diciamo, è aumentato", "it"),
        ("стоимость, ну, выросла", "ru"),
        ("koszt, no, wzrósł", "pl"),
        ("报价，嗯，又涨了", "zh"),
    ],
)
def test_a_concept_crosses_commas_inside_one_sentence(rules: RuleSet, text: str, lang: str) -> None:
    assert [h.rule for h in _hits(text, lang, rules) if not h.negated] == ["price"], text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("il prezzo va bene, ma il costo del supporto è aumentato", "it"),  # 'prezzo' × 'aumentato' across 'ma'
        ("цена нормальная, но стоимость доставки выросла", "ru"),
        ("cena jest dobra, ale koszt wzrósł", "pl"),
        ("价格还行, 但是报价又涨了", "zh"),
    ],
)
def test_a_contrasting_conjunction_stops_a_concept(rules: RuleSet, text: str, lang: str) -> None:
    hits = [h for h in _hits(text, lang, rules) if not h.negated]
    assert len(hits) == 1 and text.index(hits[0].matched) > text.index(",")  # only the second clause, alone


def test_commas_false_keeps_a_concept_inside_commas(tmp_path: Path) -> None:
    text = BASE.format(lang="en", concept="{groups: [[price], [steep]], commas: false}")
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    ruleset = load_ruleset(tmp_path)
    assert ruleset.rule("r").concepts["en"][0].commas is False
    assert _hits("the price is steep", "en", ruleset)
    assert not _hits("the price we agreed, steep as it looked, was fine", "en", ruleset)


def test_one_group_alone_is_not_a_hit(rules: RuleSet) -> None:
    assert _hits("the price list is attached", "en", rules) == []
    assert _hits("this is a problem", "en", rules) == []


@pytest.mark.parametrize(
    ("text", "lang", "cue"),
    [
        ("the price is not a problem", "en", "between the terms"),  # negation between the terms
        ("价格不贵", "zh", "between the terms"),
        ("il prezzo non è alto", "it", "between the terms"),
    ],
)
def test_negation_over_the_whole_span(rules: RuleSet, text: str, lang: str, cue: str) -> None:
    hits = _hits(text, lang, rules)
    assert all(h.negated for h in hits), text
    if cue:
        assert hits and cue in hits[0].evidence


def test_negation_before_the_span_and_hypotheticals(rules: RuleSet) -> None:
    (neg,) = _hits("we never said the price is too high", "en", rules)
    assert neg.negated
    (hyp,) = _hits("if the price goes up we might leave", "en", rules)
    assert hyp.hypothetical and not hyp.negated


def test_a_term_that_carries_its_negation_is_never_cancelled(rules: RuleSet) -> None:
    (hit,) = _hits("we are not going to renew", "en", rules)
    assert not hit.negated and hit.evidence.startswith("concept not renew:")
    assert _hits("renew? not this year", "en", rules) == []  # ordered: renew before not is no hit


def test_the_rep_saying_it_is_not_a_customer_hit(rules: RuleSet) -> None:
    assert _hits("the price went up for everyone this year", "en", rules, role="rep") == []


# ---- validation: file:line --------------------------------------------------------------------

BASE = "rules:\n  - id: r\n    category: price\n    weight: 10\n    concepts:\n      {lang}:\n        - {concept}\n"


@pytest.mark.parametrize(
    ("lang", "concept", "needle"),
    [
        ("en", "[[price, cost]]", ":7: concepts.en: a concept is 2 or 3 term groups"),
        ("en", "[[price], [high], [up], [now]]", "got 4"),
        ("en", "[[price], []]", ":7: concepts.en: empty term group"),
        ("en", "[[price], [a]]", "term 'a' is a single letter"),
        ("en", "[[price], [the]]", "term 'the' is only an article"),
        ("en", '[[price], [""]]', "empty term in a group"),
        ("en", "[[{competitor}], [cheaper]]", 'write {competitor} in quotes: "{competitor}"'),
        ("en", "{groups: [[price], [high]], ordered: maybe}", "'ordered' must be true or false"),
        ("en", "{groups: [[price], [high]], reach: 40}", "'reach' must be a whole number from 0 to 12"),
        ("en", "{groups: [[price], [high]], reahc: 3}", "unknown field 'reahc' (did you mean 'reach'?)"),
        ("en", "{groups: [[price], [high]], commas: often}", "'commas' must be true or false"),
        ("xx", "[[price], [high]]", "unknown language 'xx' in 'concepts'"),
    ],
)
def test_bad_concepts_are_reported_with_file_and_line(tmp_path: Path, lang: str, concept: str, needle: str) -> None:
    (tmp_path / "r.yaml").write_text(BASE.format(lang=lang, concept=concept), encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_ruleset(tmp_path)
    assert any(needle in p and "r.yaml:" in p for p in info.value.problems), info.value.problems


def test_competitor_slot_needs_competitors(tmp_path: Path) -> None:
    text = BASE.format(lang="en", concept='[["{competitor}"], [cheaper]]')
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match="lists no competitors"):
        load_ruleset(tmp_path)


def test_rule_reach_is_validated_and_used(tmp_path: Path) -> None:
    text = BASE.format(lang="en", concept="[[price], [high]]").replace("weight: 10\n", "weight: 10\n    reach: 1\n")
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    ruleset = load_ruleset(tmp_path)
    assert ruleset.rule("r").reach == 1
    assert _hits("price is high", "en", ruleset)
    assert not _hits("price is very high", "en", ruleset)
    (tmp_path / "r.yaml").write_text(text.replace("reach: 1", "reach: 0.5"), encoding="utf-8")
    with pytest.raises(RulesError, match="'reach' must be a number from 1 to 12"):
        load_ruleset(tmp_path)


# ---- the shipped defaults --------------------------------------------------------------------


def test_every_default_churn_rule_has_concepts_in_five_languages() -> None:
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    for rule in ruleset.rules:
        assert set(rule.concepts) == {"en", "it", "ru", "pl", "zh"}, rule.id


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [  # phrasings no default phrase lists: the concepts carry them
        ("the renewal number they sent is frankly insane compared to last year", "en", "price"),
        ("finance told us to trim every vendor that isn't essential", "en", "budget"),
        ("we booked a demo with a different provider next week", "en", "competitor"),
        ("il costo del rinnovo è cresciuto in modo assurdo", "it", "price"),
        ("нам сильно урезали финансирование на следующий год", "ru", "budget"),
        ("zgłoszenia wiszą tygodniami bez odpowiedzi", "pl", "support"),
        ("我们的客服工单好几周都没人回", "zh", "support"),
    ],
)
def test_defaults_generalise_to_unlisted_phrasing(text: str, lang: str, category: str) -> None:
    hits = [h for h in _hits(text, lang, load_ruleset(DEFAULT_RULES_DIR)) if not h.negated]
    assert any(h.category == category and h.evidence.startswith("concept ") for h in hits), [h.evidence for h in hits]


# Issue 10 (session 5): plain competitor and downgrade phrasings in a call's own words, as concepts, every language.
# Lines written for this test (in no corpus).
PLAIN_RECALL = [
    ("en", "Our warehouse team started using a tool called Stackly instead of yours.", "competitor"),
    ("en", "Their quote is cheaper per seat and they'd throw in the migration for free.", "competitor"),
    ("en", "We're paying for two systems that do the same job.", "competitor"),
    ("en", "Next year we'd like to go down to four of the six sites.", "downgrade"),
    ("en", "The reporting module we can switch off, nobody opens it.", "downgrade"),
    ("it", "Un'azienda di Padova è venuta a fare una presentazione e costano meno di voi.", "competitor"),
    ("it", "Metà dei colleghi sono passati a loro.", "competitor"),
    ("it", "Il modulo magazzino potete disattivarlo, non lo usa nessuno.", "downgrade"),
    ("ru", "Соседи хвалят какую-то систему, говорят, она дешевле, чем у вас.", "competitor"),
    ("ru", "Модуль аналитики можно отключить, им никто не пользуется.", "downgrade"),
    ("pl", "Firma z Krakowa zrobiła nam pokaz i jest taniej niż u was.", "competitor"),
    ("pl", "Moduł magazynu wyłączcie, nikt go nie używa.", "downgrade"),
    ("zh", "有一家叫快记的公司上周来演示过，比你们便宜一半。", "competitor"),
    ("zh", "门店账号减到八个吧。", "downgrade"),
]


@pytest.mark.parametrize(("lang", "text", "category"), PLAIN_RECALL)
def test_plain_competitor_and_downgrade_phrasings(lang: str, text: str, category: str) -> None:
    from assistant.analysis import find_hits
    from assistant.analysis.rules import load_ruleset
    from assistant.records import Transcript, Utterance
    from assistant.settings import DEFAULT_RULES_DIR

    call = Transcript((Utterance("customer", "customer", 0.0, 8.0, text),), lang, 10.0, "vtt")
    hits = find_hits(call, load_ruleset(DEFAULT_RULES_DIR))
    assert any(h.category == category and not h.negated for h in hits), hits
