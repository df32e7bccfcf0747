"""The blame put on someone else by contrast is no churn risk (analysis/disclaimers.py, issue 10 §5, rules10): "fed
up with the parking contractor, not you", "stufi del corriere, non di voi", "недовольны подрядчиком, а не вами",
"mają dość firmy sprzątającej, nie was", "对物业很不满，不是你们", "ma quello è il fornitore". Lines written for this
test (none from a scored corpus), run through the shipped rules with the real pipelines; a complaint about the vendor
stays a risk, and so does "not you personally"."""

from __future__ import annotations

import pytest

from assistant.analysis.disclaimers import unrelated
from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import negated_because, still_a_risk

# The frustration is plain_dissatisfaction's (support's own phrases moved there, rules12).
CONTRAST = [
    ("en", "Staff are fed up with the parking contractor, not you, they book spaces in your app.", "dissatisfaction"),
    ("it", "Sono tutti stufi del corriere, non di voi, tracciamo tutto dalla vostra app.", "dissatisfaction"),
    ("ru", "Все недовольны подрядчиком по уборке, а не вами.", "dissatisfaction"),
    ("pl", "Wszyscy mają dość firmy sprzątającej, nie was, zgłoszenia idą przez waszą aplikację.", "dissatisfaction"),
    ("zh", "大家对物业很不满，不是你们。", "dissatisfaction"),
]
STILL = [
    ("en", "Everyone is fed up with your support, honestly.", "support"),
    ("ru", "Все недовольны вашей поддержкой.", "support"),
    ("zh", "大家对你们的客服很不满。", "support"),
]


@pytest.mark.parametrize(("lang", "text", "category"), CONTRAST)
def test_blame_put_on_someone_else_is_no_risk(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    negated_because(text, lang, shipped_rules, category, "unrelated")


@pytest.mark.parametrize(("lang", "text", "category"), STILL)
def test_a_complaint_about_the_vendor_stays_a_risk(shipped_rules: RuleSet, lang: str, text: str, category: str) -> None:
    still_a_risk(text, lang, shipped_rules, category)


def test_the_contrast_counts_after_the_match_and_never_personally() -> None:
    text = "we're fed up with the landlord, not you"
    assert unrelated(text, text.index("fed up") + 6, "en") == ", not you"
    assert unrelated("fed up with your support, not you personally", 6, "en") == ""
    assert unrelated("your support, not you, is what we're fed up with", 0, "en") == ""


NOT_SAYING = [
    ("ru", "Да, в целом, я не говорю, что система плохая, вы не подумайте."),
    ("pl", "Nie mówię, że aplikacja jest beznadziejna, tylko że wolno działa."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_SAYING)
def test_what_the_customer_says_it_is_not_saying_is_no_verdict(shipped_rules: RuleSet, lang: str, text: str) -> None:
    """rules11: "я не говорю, что система плохая" (eval_heldout7a's look-alike, seen) denies the verdict after it;
    "Я говорю, что система плохая" stays one (test_plain_verdicts.py has the verdicts)."""
    negated_because(text, lang, shipped_rules, "dissatisfaction", "the customer says it is not about it")
    still_a_risk(
        text.replace("не говорю", "говорю").replace("Nie mówię", "Mówię"), lang, shipped_rules, "dissatisfaction"
    )


# The renewal said to be untouched, in the match's sentence (rules15, eval_heldout14a: "I can't see it affecting your
# renewal"): the renewal words are the object of "it won't affect".
UNTOUCHED = [
    ("en", "The reorganisation is a long way off and I don't think it will affect your renewal."),
    ("ru", "Реорганизация никак не повлияет на продление договора."),
    ("zh", "这次组织调整不会影响续约。"),
]
STILL_CANCELLING = [
    ("en", "I can't see us renewing next year."),
    ("zh", "我们不续约了。"),
]


@pytest.mark.parametrize(("lang", "text"), UNTOUCHED)
def test_the_renewal_said_untouched_is_no_risk(shipped_rules: RuleSet, lang: str, text: str) -> None:
    negated_because(text, lang, shipped_rules, "cancellation", "the renewal is untouched")


@pytest.mark.parametrize(("lang", "text"), STILL_CANCELLING)
def test_not_renewing_stays(shipped_rules: RuleSet, lang: str, text: str) -> None:
    still_a_risk(text, lang, shipped_rules, "cancellation")
