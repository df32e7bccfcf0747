"""The customer's own company news inside a round-up (analysis/company_news.py, issue 10, rules11): its own
competitor, a third party's contact person, acquisitions it made, its board's prices, a cancel button, the vendor's
product used alone, old things nobody used closed, data merged, its own cancellation rate, a budget said to be its
own, the vendor's plan cheaper for it. Lines written for this test (none from a scored corpus), run through the
shipped rules with the real pipelines; the customer's own risk in the same words stays a risk."""

from __future__ import annotations

import pytest

from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import negated_because, still_a_risk

NEWS = [
    (
        "en",
        "Some of the smaller clients moved their business to a competitor of ours last spring.",
        "champion",
        "the customer's own competitor",
    ),
    (
        "it",
        "Alcuni clienti piccoli sono passati a un nostro concorrente di Bari.",
        "champion",
        "the customer's own competitor",
    ),
    ("zh", "部分客户转到了我们在苏州的竞争对手那里。", "competitor", "the customer's own competitor"),
    (
        "en",
        "Their contact person left after the merger, so they went elsewhere.",
        "champion",
        "a third party's contact person",
    ),
    ("ru", "Их менеджер ушёл после слияния.", "champion", "a third party's contact person"),
    ("pl", "Ich opiekun odszedł po fuzji.", "champion", "a third party's contact person"),
    ("zh", "他们原来的对接人合并后离职了。", "champion", "a third party's contact person"),
    ("en", "It was a big year, three acquisitions and a new warehouse.", "champion", "acquisitions the customer made"),
    ("it", "Anno intenso: tre acquisizioni e un magazzino nuovo.", "champion", "acquisitions the customer made"),
    ("ru", "Год был насыщенный: три поглощения и новый склад.", "champion", "acquisitions the customer made"),
    ("zh", "今年很忙，三次收购，还开了新仓库。", "champion", "acquisitions the customer made"),
    ("en", "Our board wants to raise prices in the flagship stores.", "price", "the customer's own prices"),
    ("ru", "Совет хочет поднять цены в магазинах в центре.", "price", "the customer's own prices"),
    ("pl", "Zarząd chce podnieść ceny w sklepach w centrum.", "price", "the customer's own prices"),
    ("zh", "董事会想涨价，门店都要调。", "price", "the customer's own prices"),
    ("it", "Chi cliccava su disdici riceveva uno sconto.", "cancellation", "a button"),
    ("pl", "Kto kliknął wypowiedz umowę, dostawał od nas rabat.", "cancellation", "a button"),
    ("it", "Abbandoniamo le vecchie etichette e usiamo solo le vostre.", "adoption", "only the vendor's from now on"),
    ("pl", "Od przyszłego miesiąca używamy tylko Waszych etykiet.", "adoption", "only the vendor's from now on"),
    ("en", "She closed the old bank accounts that nobody used.", "adoption", "old things nobody used, closed"),
    ("it", "Ha chiuso i vecchi conti che non usava nessuno.", "adoption", "old things nobody used, closed"),
    ("pl", "Zamknęła stare rachunki, których nikt nie używał.", "adoption", "old things nobody used, closed"),
    ("zh", "她把几个没人用的旧账户注销了。", "adoption", "old things nobody used, closed"),
    ("zh", "两边的客户资料合并得很顺利。", "champion", "lists or data merged"),
    ("en", "We cut our cancellation rate by a third this year.", "cancellation", "own rate of cancellations"),
    ("en", "We had to cut our own marketing budget by a fifth.", "budget", "a budget said to be the customer's own"),
    (
        "it",
        "Abbiamo dovuto tagliare il nostro budget marketing del venti per cento.",
        "budget",
        "a budget said to be the customer's own",
    ),
    (
        "pl",
        "Musieliśmy obciąć własny budżet marketingowy o jedną piątą.",
        "budget",
        "a budget said to be the customer's own",
    ),
    ("zh", "我们自己的市场预算砍了百分之二十。", "budget", "a budget said to be the customer's own"),
    ("it", "Il nuovo piano è più economico per noi.", "price", "cheaper for the customer"),
    ("pl", "Nowy plan jest dla nas tańszy.", "downgrade", "cheaper for the customer"),
    ("zh", "新的套餐对我们来说反而更便宜。", "price", "cheaper for the customer"),
    (
        "en",
        "Mondays are full of internal meetings since the reorganisation.",
        "champion",
        "a calendar full of meetings",
    ),
    (
        "ru",
        "Лучше по вторникам: после реорганизации понедельник забит совещаниями.",
        "champion",
        "a calendar full of meetings",
    ),
    ("zh", "最好改到周二，因为重组以后周一全是内部会。", "champion", "a calendar full of meetings"),
    (
        "en",
        "Our admin goes on maternity leave for a few months in March, Tom will be your contact.",
        "champion",
        "a handover to a named contact",
    ),
    (
        "ru",
        "В марте я ухожу в декрет на несколько месяцев, вашим контактом будет Ольга.",
        "champion",
        "a handover to a named contact",
    ),
    (
        "pl",
        "W maju idę na urlop macierzyński na kilka miesięcy, Waszym kontaktem będzie Ania.",
        "champion",
        "a handover to a named contact",
    ),
    ("en", "Our partner cancelled with us, they've been bought by a bigger group.", "champion", "a third party bought"),
    ("zh", "他们被一家大集团收购了。", "champion", "a third party bought"),
    ("en", "Next year we want a cheaper student plan for the gyms.", "downgrade", "a plan of the customer's own"),
    ("pl", "Myślimy o tańszym planie dla studentów.", "downgrade", "a plan of the customer's own"),
]
RISKS = [
    ("en", "Your subscriptions went up twenty percent this year.", "price"),
    ("it", "I vostri abbonamenti sono saliti del venti per cento.", "price"),
    ("zh", "我们也在考虑竞争对手，他们便宜很多。", "competitor"),
    ("en", "Our sponsor is leaving in March and nobody will be your contact.", "champion"),
    ("en", "Since the reorganisation nobody owns the tool, and the new director is reviewing all vendors.", "champion"),
    ("en", "We were acquired by a private equity firm in May.", "champion"),
    ("en", "Your prices went up again and the board is furious.", "price"),
    ("en", "We're moving to a competitor of yours next year.", "competitor"),
    ("en", "We had to cut our own budget, so the renewal is at risk.", "budget"),
    ("it", "Il nostro referente se n'è andato a marzo.", "champion"),
    ("ru", "Мы расторгаем договор с вами с марта.", "cancellation"),
    ("pl", "Nasz opiekun odszedł z firmy w maju.", "champion"),
    ("zh", "我们公司被一家基金收购了，新老板要重新评估所有供应商。", "champion"),
]


@pytest.mark.parametrize(("lang", "text", "category", "why"), NEWS)
def test_the_customers_own_company_news_is_no_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str, why: str
) -> None:
    negated_because(text, lang, shipped_rules, category, why)


@pytest.mark.parametrize(("lang", "text", "category"), RISKS)
def test_the_same_words_about_the_customer_and_the_vendor_stay_a_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    still_a_risk(text, lang, shipped_rules, category)
