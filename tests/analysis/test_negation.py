"""Negation and hypotheticals per language, on real parses."""

from __future__ import annotations

import pytest

from assistant.analysis.negation import assess


def _polarity(sentence: str, phrase: str, lang: str = "en", *, own: bool = False) -> tuple[bool, bool]:
    at = sentence.index(phrase)
    result = assess(sentence, at, at + len(phrase), lang, phrase_negated=own)
    return result.negated, result.hypothetical


@pytest.mark.parametrize(
    ("sentence", "phrase", "lang"),
    [
        ("We are not planning to cancel.", "cancel", "en"),
        ("Cancelling is not on the table.", "Cancelling", "en"),
        ("We'd never switch.", "switch", "en"),
        ("We have no plans to leave.", "leave", "en"),
        ("We're definitely not looking at other vendors.", "looking at other vendors", "en"),
        ("Switching is off the table for now.", "Switching", "en"),
        ("I don't think we'll cancel.", "cancel", "en"),
        ("Non vogliamo disdire il contratto.", "disdire", "it"),
        ("Мы не планируем отменять подписку.", "отменять", "ru"),
        ("Отменять подписку не будем.", "Отменять подписку", "ru"),
        ("Nie planujemy rezygnować z umowy.", "rezygnować", "pl"),
        ("Rezygnacja nie wchodzi w grę.", "Rezygnacja", "pl"),
        ("我们不打算取消合同。", "取消合同", "zh"),
        ("我们没有计划取消合同。", "取消合同", "zh"),
    ],
)
def test_negated(sentence: str, phrase: str, lang: str) -> None:
    assert _polarity(sentence, phrase, lang)[0] is True


@pytest.mark.parametrize(
    ("sentence", "phrase", "lang"),
    [
        ("If the price goes up we might switch.", "switch", "en"),
        ("We could consider switching to HubSpot.", "switching to HubSpot", "en"),
        ("We'll cancel if support doesn't improve, maybe.", "cancel", "en"),
        ("Se il prezzo aumenta potremmo disdire.", "disdire", "it"),
        ("Если цена вырастет, мы можем отменить подписку.", "отменить подписку", "ru"),
        ("Jeśli cena wzrośnie, możemy zrezygnować.", "zrezygnować", "pl"),
        ("如果价格上涨，我们可能会取消合同。", "取消合同", "zh"),
    ],
)
def test_hypothetical_not_negated(sentence: str, phrase: str, lang: str) -> None:
    assert _polarity(sentence, phrase, lang) == (False, True)


@pytest.mark.parametrize(
    ("sentence", "phrase", "lang"),
    [
        ("We're not happy, so we'll cancel.", "cancel", "en"),
        ("We would like to cancel the contract.", "cancel", "en"),
        ("Honestly it's too expensive.", "too expensive", "en"),
        ("Vogliamo disdire il contratto.", "disdire", "it"),
        ("Мы отменим подписку.", "отменим подписку", "ru"),
        ("Rezygnujemy z umowy.", "Rezygnujemy", "pl"),
        ("服务不错，但是我们要取消合同。", "取消合同", "zh"),
    ],
)
def test_plain_statements_are_risks(sentence: str, phrase: str, lang: str) -> None:
    assert _polarity(sentence, phrase, lang) == (False, False)


def test_a_phrase_with_its_own_negation_is_not_cancelled() -> None:
    assert _polarity("We are not happy with the price.", "not happy with the price", own=True) == (False, False)
    assert _polarity("We will not renew.", "not renew", own=True)[0] is False
    assert _polarity("Мы не будем продлевать.", "не будем продлевать", "ru", own=True)[0] is False


def test_cue_is_reported() -> None:
    at = "We are not planning to cancel.".index("cancel")
    assert assess("We are not planning to cancel.", at, at + 6, "en").cue == "negated by 'not'"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Honestly the new quote is way more than we signed up for, I can't walk a twenty percent jump in.", "quote"),
        ("We will cancel, I don't think there is another way.", "cancel"),
        ("The price is too high, we are not happy about it.", "price"),
    ],
)
def test_a_negation_in_the_next_comma_joined_clause_does_not_cancel(sentence: str, phrase: str) -> None:
    assert _polarity(sentence, phrase)[0] is False


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("I don't think the price is too high, honestly.", "price"),
        ("We are not saying the price is too high.", "price"),
        ("To be clear, we are not planning to cancel.", "cancel"),
    ],
)
def test_a_negation_governing_the_clause_still_cancels(sentence: str, phrase: str) -> None:
    assert _polarity(sentence, phrase)[0] is True


@pytest.mark.parametrize(
    ("sentence", "phrase", "lang"),
    [
        ("la configurazione è stata un mal di testa e non l'abbiamo ancora finita", "mal di testa", "it"),
        ("l'utilizzo è crollato e non si è più ripreso", "crollato", "it"),
        ("настройка была головной болью и до сих пор не закончена", "головной болью", "ru"),
        ("przesadziliście z tą podwyżką no nie da się ukryć", "podwyżką", "pl"),
        ("шеф увидел счёт, он чуть со стула не упал", "со стула", "ru"),
        ("老板看到账单差点没从椅子上掉下来", "椅子上掉下来", "zh"),
        ("配置过程特别头疼", "头疼", "zh"),
    ],
)
def test_and_clauses_almost_and_chinese_compounds_do_not_negate(sentence: str, phrase: str, lang: str) -> None:
    assert _polarity(sentence, phrase, lang)[0] is False


@pytest.mark.parametrize(
    ("sentence", "phrase", "lang"),
    [
        ("non vogliamo disdire il contratto", "disdire", "it"),
        ("отменять подписку не будем", "отменять подписку", "ru"),
        ("我们不打算取消合同", "取消合同", "zh"),
    ],
)
def test_plain_negations_still_negate(sentence: str, phrase: str, lang: str) -> None:
    assert _polarity(sentence, phrase, lang)[0] is True


# Issue 10 §5: a conditional on the vendor with a firm consequence for the renewal is a threat at full weight;
# only speculation (a cue of mere possibility) is hypothetical. Both sides in every language.
THREATS = [
    ("If this isn't fixed by September we won't renew.", "won't renew", "en"),
    ("We'll cancel if support doesn't improve.", "cancel", "en"),
    ("Se non sistemate entro settembre non rinnoviamo.", "non rinnoviamo", "it"),
    ("Если к сентябрю не исправите, продлевать не будем.", "продлевать не будем", "ru"),
    ("Jeśli do września tego nie naprawicie, nie przedłużymy.", "nie przedłużymy", "pl"),
    ("如果九月前还不解决就不续了", "不续了", "zh"),
]
SPECULATION = [
    ("If prices ever went up we might look around.", "look around", "en"),
    ("If it came to that, we should look at other vendors.", "look at other vendors", "en"),
    ("Se un giorno i prezzi salissero, forse disdiremmo.", "disdiremmo", "it"),
    ("Если цена вырастет, мы можем отменить подписку.", "отменить подписку", "ru"),
    ("Gdyby kiedyś ceny poszły w górę, może byśmy zrezygnowali.", "zrezygnowali", "pl"),
    ("要是哪天价格涨得厉害，说不定我们会取消合同。", "取消合同", "zh"),
]


@pytest.mark.parametrize(("sentence", "phrase", "lang"), THREATS)
def test_a_conditional_threat_counts_at_full_weight_and_says_why(sentence: str, phrase: str, lang: str) -> None:
    at = sentence.index(phrase)
    result = assess(sentence, at, at + len(phrase), lang, phrase_negated=True)
    assert (result.negated, result.hypothetical) == (False, False)
    assert result.cue.startswith("conditional threat:") and "full weight" in result.cue


@pytest.mark.parametrize(("sentence", "phrase", "lang"), SPECULATION)
def test_speculation_stays_hypothetical(sentence: str, phrase: str, lang: str) -> None:
    at = sentence.index(phrase)
    result = assess(sentence, at, at + len(phrase), lang)
    assert (result.negated, result.hypothetical) == (False, True)
    assert "conditional threat" not in result.cue
