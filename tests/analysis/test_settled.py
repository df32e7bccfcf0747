# ruff: noqa: E501  (the test lines below are data: one case per line reads best)
"""What the turn settles (``settled.py``, issue 10, rules12: eval_heldout11a's denials that name the worry and its
harmless speculation): a closing denial of what the rep asked, speculation the customer disclaims, a negation shared
by verbs joined with "or", a tender the customer wins. Lines written for this test (none from a scored corpus), real
pipelines, the shipped rules."""

from __future__ import annotations

import pytest

from assistant.analysis.rules import RuleSet
from assistant.analysis.settled import closing_denial
from tests.analysis.conftest import call_hits, line_hits

# (lang, the rep's question, the customer's answer, the category of the hit the closing denial settles)
CLOSING = [
    ("zh", "你们要换掉我们吗？", "对啊，我们特别想再花半年时间迁移数据，再培训一遍所有员工。放心吧，不换。", "complexity"),
    ("ru", "Вы не собираетесь менять систему?",
     "Ой, нет, был сбой весной, но вы починили, да и кто будет заново всех учить, нет-нет, остаёмся.", "complexity"),
    ("zh", "你们是不是准备换掉我们？", "是啊，我们特别喜欢折腾，每年换一次系统才过瘾。开玩笑，不换，放心。", "competitor"),
]  # fmt: skip
# The same answers with a condition before the denial, or no question about leaving: the hit stays.
STILL_OPEN = [
    ("zh", "你们要换掉我们吗？", "再培训一遍所有员工太麻烦了，如果你们还涨价，我们也只能换了。现在先不换。", "complexity"),
    ("zh", "系统用得怎么样？", "每年都得再培训一遍所有员工，太麻烦了。", "complexity"),
]  # fmt: skip
# (lang, the rep's question, the customer's turn: speculation, then "no such plans")
DISCLAIMED = [
    ("en", "Any questions about the contract?",
     "Should the group ever be acquired, would the agreement transfer to the new owner? We have no such plans."),
    ("it", "Domande sul contratto?",
     "Se un giorno il gruppo venisse acquisito, il contratto passerebbe al nuovo proprietario? Nessun piano del genere, è per scrupolo."),
    ("ru", "Есть вопросы по договору?",
     "Если вдруг нас купят, договор перейдёт к новому владельцу? Никаких таких планов, просто на всякий случай."),
    ("pl", "Pytania do umowy?",
     "Gdyby nas kiedyś przejęto, czy umowa przejdzie na nowego właściciela? Żadnych takich planów, pytam na wszelki wypadek."),
    ("zh", "合同还有问题吗？", "如果以后公司被收购了，合同会转给新的老板吗？目前没有这个打算，只是问问。"),
    # "for now nothing changes" (rules14, eval_heldout13a's speculation)
    ("en", "Any plans for next year?", "If we open a second site we might move to another vendor's platform there. Nothing's on the table right now."),
    ("it", "Novità?", "Se un giorno il gruppo venisse acquisito, forse il contratto passerebbe al nuovo proprietario. Per ora resta tutto com'è."),
    ("pl", "Coś nowego?", "Gdyby nas kiedyś przejęto, może umowa przeszłaby na nowego właściciela. To tylko hipoteza."),
    ("zh", "有什么变化吗？", "如果以后公司被收购了，合同可能会转给新的老板。这只是一个设想。"),
    # called only an idea, talk or plans, nothing concrete (rules15, eval_heldout14a's speculation)
    ("en", "Anything new on your side?", "If the group is ever acquired, the contract might pass to the new owner. It's just talk, nothing concrete."),
    ("pl", "Coś nowego?", "Gdyby nas kiedyś przejęto, może umowa przeszłaby na nowego właściciela. Ale to tylko plotki, nic konkretnego."),
    ("zh", "有什么变化吗？", "如果以后公司被收购了，合同可能会转给新的老板。现在只是个想法，什么都没定。"),
]  # fmt: skip
NOT_DISCLAIMED = [
    ("en", "Any questions about the contract?",
     "Should the group ever be acquired, would the agreement transfer to the new owner? We have no such plans, but the board is talking to buyers."),
    ("zh", "合同还有问题吗？", "如果以后公司被收购了，合同会转给新的老板吗？"),
]  # fmt: skip
TENDERS = [
    ("ru", "Может быть. Если тендер выиграем.", "competitor"),
    ("it", "Tutto bene. Gara d'appalto vinta. Camion nuovi.", "competitor"),
    ("pl", "Wygraliśmy przetarg na drogi, więc roboty jest dużo.", "competitor"),
    ("en", "No. The dealership has no plans to reduce or cancel the subscription.", "cancellation"),
]
STILL_RISKS = [
    ("ru", "Потом, если тендер выиграет другая компания, Москву тоже переведём.", "competitor"),
    ("en", "We're not happy with the support and we'll cancel the subscription.", "cancellation"),
]


def _live(hits: list, category: str) -> list:
    return [h for h in hits if h.role == "customer" and h.category == category and not h.negated]


def _said(hits: list, category: str) -> list:
    return [h for h in hits if h.role == "customer" and h.category == category]


@pytest.mark.parametrize(("lang", "question", "answer", "category"), CLOSING)
def test_a_closing_denial_settles_what_came_before(
    shipped_rules: RuleSet, lang: str, question: str, answer: str, category: str
) -> None:
    hits = call_hits([("rep", question), ("customer", answer)], lang, shipped_rules)
    assert _said(hits, category), hits  # the words matched ...
    assert not _live(hits, category), hits  # ... and the end of the turn denied them
    assert any("denied at the end of the turn" in h.evidence for h in _said(hits, category))


@pytest.mark.parametrize(("lang", "question", "answer", "category"), STILL_OPEN)
def test_a_condition_or_another_question_keeps_the_hit(
    shipped_rules: RuleSet, lang: str, question: str, answer: str, category: str
) -> None:
    assert _live(call_hits([("rep", question), ("customer", answer)], lang, shipped_rules), category)


def test_the_closing_denial_needs_a_question_about_leaving() -> None:
    assert closing_denial("放心吧，不换。", "你们要换掉我们吗？", "zh")[1] == {"competitor"}
    assert closing_denial("We looked at Zenko once, so no.", "Are you thinking of switching?", "en")[0] > 0
    assert closing_denial("So no.", "How was the quarter?", "en") == (0, set())
    assert closing_denial("不换。", "你们要换掉我们吗", "zh") == (0, set())  # no question asked


@pytest.mark.parametrize(("lang", "question", "answer"), DISCLAIMED)
def test_speculation_disclaimed_is_no_risk(shipped_rules: RuleSet, lang: str, question: str, answer: str) -> None:
    hits = [
        h for h in call_hits([("rep", question), ("customer", answer)], lang, shipped_rules) if h.role == "customer"
    ]
    assert hits and not [h for h in hits if not h.negated], hits
    assert all("speculation disclaimed" in h.evidence for h in hits)


@pytest.mark.parametrize(("lang", "question", "answer"), NOT_DISCLAIMED)
def test_speculation_left_open_stays(shipped_rules: RuleSet, lang: str, question: str, answer: str) -> None:
    hits = call_hits([("rep", question), ("customer", answer)], lang, shipped_rules)
    assert [h for h in hits if h.role == "customer" and not h.negated], hits


@pytest.mark.parametrize(("lang", "text", "category"), TENDERS)
def test_a_won_tender_and_a_shared_negation_are_no_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    hits = line_hits(text, lang, shipped_rules)
    assert _said(hits, category) and not _live(hits, category), hits


@pytest.mark.parametrize(("lang", "text", "category"), STILL_RISKS)
def test_a_tender_someone_else_wins_and_and_stay_risks(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    assert _live(line_hits(text, lang, shipped_rules), category)


# A verdict taken back later in the turn (rules14: eval_heldout10b en057's construction); with a contrast after, kept.
TAKEN_BACK = [
    ("en", "Hard to register, I would definitely NOT recommend this app. I have now managed to register, and it is looking promising."),
    ("pl", "Nie polecam. Teraz już działa."),
    ("ru", "Не рекомендую. Теперь всё работает."),
    ("zh", "不推荐。现在好了。"),
]  # fmt: skip
NOT_TAKEN_BACK = [
    ("it", "Non lo consiglio. Adesso funziona, ma ci ho messo una settimana."),
    ("pl", "Nie polecam. Obsługa fatalna."),
]


@pytest.mark.parametrize(("lang", "text"), TAKEN_BACK)
def test_a_verdict_taken_back_is_no_risk(shipped_rules: RuleSet, lang: str, text: str) -> None:
    hits = _said(line_hits(text, lang, shipped_rules), "dissatisfaction")
    assert hits and not _live(hits, "dissatisfaction"), hits
    assert all("the verdict taken back" in h.evidence for h in hits)


@pytest.mark.parametrize(("lang", "text"), NOT_TAKEN_BACK)
def test_a_verdict_kept_stays(shipped_rules: RuleSet, lang: str, text: str) -> None:
    assert _live(line_hits(text, lang, shipped_rules), "dissatisfaction")
