"""A customer's turn that takes the risk out of its procedural words (analysis/going_ahead.py, read in settled.py):
the renewal said to go ahead after a tender or an approval, and the old vendor's trouble in a turn that praises the
vendor's own; real spaCy and the shipped rules, five languages. Lines written for the test (eval_heldout13a's reverse
traps are the corpus these constructions were read from)."""

from __future__ import annotations

import pytest

from assistant.analysis.going_ahead import former_vendor, going_ahead
from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import line_hits, negated_because

GOING_AHEAD = [
    ("en", "We have to put it out to tender, the rules say so, but we're staying with you.", "competitor"),
    ("it", "Dobbiamo fare una gara d'appalto, lo impone il regolamento, ma il rinnovo è già approvato.", "competitor"),
    ("ru", "Нам нужно провести тендер, таковы правила, но продлевать будем, это решено.", "competitor"),
    ("pl", "Musimy ogłosić przetarg, tak mówi regulamin, ale zostajemy z Państwem.", "competitor"),
    ("zh", "我们要走招标流程，这是公司规定。续约已经定了。", "competitor"),
    ("pl", "Kwestia kalendarza, nie decyzji, przedłużenie jest zatwierdzone.", "cancellation"),
]
GOING_AHEAD += [  # rules15 (eval_heldout14a's denials): the renewal goes on as usual, quotes as a formality
    ("zh", "没问题。我们不打算换，续约照常走。", "cancellation"),
    ("zh", "比价是固定流程，三家报价走个形式。", "competitor"),
    ("en", "We have to put it out to tender as always, and the renewal goes ahead as usual.", "competitor"),
]  # fmt: skip
FORMER_NOW_BETTER = [  # rules15: "now" that says it is better now is no problem of the present
    (
        "pl",
        "Wcześniej mieliśmy Trello i nikt nie umiał go skonfigurować, teraz jest prościej. Państwa wsparcie pomogło.",
        "complexity",
    ),
]  # fmt: skip
FORMER = [
    (
        "en",
        "Before you, we used Zendesk and their support never answered our tickets. Your support team replies "
        "within the hour.",
        "support",
    ),
    (
        "it",
        "Prima usavamo un altro gestionale e l'assistenza non rispondeva mai. Con il vostro supporto risolviamo "
        "subito.",
        "support",
    ),
    ("ru", "С прошлым подрядчиком поддержка не отвечала неделями. Ваша техподдержка отвечает за час.", "support"),
    (
        "pl",
        "Wcześniej korzystaliśmy z innego programu i wsparcie było fatalne. U Państwa wsparcie odpowiada od razu.",
        "support",
    ),
    ("zh", "以前用别的系统，客服爱答不理的。你们的客服很耐心。", "support"),
]
# The same words without what settles them, or with a contrast or a "now" after it: risks.
SENSES = [  # other words of eval_heldout13a's reverse traps, read as such (keyword_rules exclusions)
    ("pl", "Nie lubię podpisywać w pośpiechu, przeczytam wszystko jeszcze raz.", "cancellation"),
    ("it", "La richiesta di acquisto è già in approvazione.", "champion"),
    ("pl", "Musimy odwołać szkolenie, bo dwie panie z rejestracji są na zwolnieniu.", "champion"),
    ("en", "The 12th is taken, so I'll need to cancel that slot. Could you do the week after?", "cancellation"),
]
STAYS = [
    ("en", "We have to put it out to tender, the rules say so.", "competitor"),
    ("en", "We have to put it out to tender, we're staying with you, but the budget has been cut in half.", "budget"),
    ("ru", "Нам нужно провести тендер, продлевать не будем.", "cancellation"),
    ("pl", "Musimy ogłosić przetarg, tak mówi regulamin.", "competitor"),
    ("zh", "我们要走招标流程，这是公司规定。", "competitor"),
    ("en", "Your support never answers our tickets. Before you, we used Zendesk.", "support"),
    (
        "ru",
        "С прошлым подрядчиком поддержка не отвечала неделями, а сейчас ваша техподдержка тоже не отвечает.",
        "support",
    ),
    ("pl", "Wsparcie było fatalne. U Państwa wsparcie odpowiada od razu.", "support"),
    ("zh", "客服爱答不理的。你们的客服很耐心。", "support"),
    ("pl", "Nie podpiszemy tej umowy.", "cancellation"),
    ("it", "Siamo stati acquistati da un gruppo tedesco, è tutto fermo.", "champion"),
    ("en", "We will not renew, the board decided.", "cancellation"),
    ("en", "We'll need to cancel the contract. The week after we move to the new vendor.", "cancellation"),
]


@pytest.mark.parametrize(
    ("lang", "text", "category", "why"),
    [(*case, "the renewal going ahead") for case in GOING_AHEAD]
    + [(*case, "the vendor the customer had before") for case in FORMER + FORMER_NOW_BETTER],
)
def test_what_the_turn_says_negates_the_hit(
    shipped_rules: RuleSet, lang: str, text: str, category: str, why: str
) -> None:
    negated_because(text, lang, shipped_rules, category, why)


@pytest.mark.parametrize(("lang", "text", "category"), STAYS)
def test_without_what_settles_it_the_hit_stands(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    hits = line_hits(text, lang, shipped_rules)
    assert any(h.category == category and not h.negated for h in hits), hits


def test_the_readings_alone() -> None:
    assert going_ahead("We run a tender every year. We're renewing.", "tender", "competitor", "en") == "we're renewing"
    assert going_ahead("The price is too high. We're renewing.", "price is too high", "price", "en") == ""
    assert going_ahead("A tender, then if it goes well we'll renew.", "tender", "competitor", "en") == ""
    assert going_ahead("Umowy nie przedłużamy, przetarg.", "przetarg", "competitor", "pl") == ""
    assert former_vendor("Our old vendor's support was slow. Your team is quick.", "support was slow", "support", "en")
    assert former_vendor("Before signing, support was slow.", "support was slow", "support", "en") == ""
    assert former_vendor("签之前客服很慢，你们的客服很好。", "客服很慢", "support", "zh") == ""


@pytest.mark.parametrize(("lang", "text", "category"), SENSES)
def test_procedure_and_manners_are_no_hit(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    assert not [h for h in line_hits(text, lang, shipped_rules) if h.category == category and not h.negated]
