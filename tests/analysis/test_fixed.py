"""Past and fixed problems are no churn risk (analysis/fixed.py, issue 10 §5, rules10): a problem said to have been
there "at first", gone "but after" something the vendor did; one that did not happen ("if it had …, we'd have had a
problem, but …"). Lines written for this test (none from a scored corpus),
run through the shipped rules with the real pipelines; the same problem said now, or said after the "but after",
stays a risk."""

from __future__ import annotations

import pytest

from assistant.analysis.fixed import fixed_since
from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import negated_because, still_a_risk

FIXED = [
    (
        "en",
        "At first the warehouse crew couldn't figure it out, but after your webinar they fly through it.",
        "complexity",
    ),
    ("it", "All'inizio le cassiere si confondevano, ma dopo il vostro corso vanno spedite.", "complexity"),
    ("pl", "Na początku magazynierzy się gubili, ale po waszym webinarze idzie im dużo sprawniej.", "complexity"),
    ("ru", "Поначалу кладовщики путались, но после вашего обучения всё делают быстро.", "complexity"),
    ("zh", "刚开始仓库的人搞不明白，你们来培训了以后就顺了。", "complexity"),
]
# a problem that did not happen: a past counterfactual, then how it is now
AVERTED = [
    (
        "en",
        "If the renewal price had stayed as first quoted we'd have had a problem, but the new one is fine.",
        "price",
    ),
    ("pl", "Gdyby została cena z pierwszej oferty, byłby problem, ale nowa jest w porządku.", "price"),
    ("ru", "Если бы осталась старая цена, были бы проблемы, но с новой всё нормально.", "price"),
]
STILL = [
    ("en", "At first it was fine, but after your last update nobody can figure it out.", "complexity"),
    ("it", "Le cassiere si confondono ancora, anche dopo il vostro corso.", "complexity"),
    ("pl", "Magazynierzy dalej się gubią, nawet po waszym webinarze.", "complexity"),
    ("ru", "Кладовщики до сих пор путаются, даже после вашего обучения.", "complexity"),
    ("zh", "仓库的人到现在还搞不明白。", "complexity"),
    ("en", "If the renewal price stays as quoted, we'll have a problem.", "price"),
    ("ru", "Если цена останется такой, будут проблемы.", "price"),
    ("en", "If you had told us earlier, we would have stayed, but now we are cancelling the contract.", "cancellation"),
]


@pytest.mark.parametrize(("lang", "text", "category"), FIXED + AVERTED)
def test_a_problem_of_the_past_fixed_since_is_no_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    negated_because(text, lang, shipped_rules, category, "a past problem, fixed since")


@pytest.mark.parametrize(("lang", "text", "category"), STILL)
def test_a_problem_now_or_new_since_stays_a_risk(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    still_a_risk(text, lang, shipped_rules, category)


def test_only_a_problem_before_the_change_is_past() -> None:
    text = "at first the crew got lost, but after your update they get lost again."
    assert fixed_since(text, text.index("got lost"), text.index("got lost") + 8, "en", "complexity")
    later = text.rindex("get lost")
    assert fixed_since(text, later, later + 8, "en", "complexity") == ""
    assert fixed_since(text, text.index("got lost"), text.index("got lost") + 8, "en", "price") == ""


# The workaround given up (rules15, eval_heldout14a's praise): the old way the adoption match names is said to stop.
GIVEN_UP = [
    ("en", "Since the new dashboards went live, the sales team stopped exporting to Excel.", "adoption"),
    ("pl", "Zespół porzucił stare arkusze z Excela, nikt już ich nie robi ręcznie.", "adoption"),
]
STILL_THE_WORKAROUND = [
    ("en", "The managers went back to Excel and stopped using the system.", "adoption"),
]


@pytest.mark.parametrize(("lang", "text", "category"), GIVEN_UP)
def test_the_workaround_given_up_is_no_risk(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    negated_because(text, lang, shipped_rules, category, "the workaround given up")


@pytest.mark.parametrize(("lang", "text", "category"), STILL_THE_WORKAROUND)
def test_going_back_to_the_workaround_stays(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    still_a_risk(text, lang, shipped_rules, category)
