"""Plain dissatisfaction and uninstalling (keyword_rules/dissatisfaction.yaml and cancellation.yaml, issue 10,
rules11: eval_heldout10b's real reviews, where "Ужасное приложение" and "Assolutamente inutile" went unflagged and
uninstalling was never read as leaving). Lines written for this test (none from a scored corpus), run through the
shipped rules with the real pipelines (short conditionals too: "Depends on the price.", "Only if you match
Zenko."): a verdict on the product, or the speaker's own frustration, is a risk; the
same words about the weather, and uninstalling an old version before an upgrade, are not."""

from __future__ import annotations

import pytest

from assistant.analysis.rules import RuleSet
from tests.analysis.conftest import line_hits, still_a_risk

VERDICTS = [
    ("en", "Honestly, the new version is terrible, my team hates it."),
    ("en", "We're really disappointed with how the rollout went."),
    ("it", "Sinceramente il gestionale è pessimo, non lo usa nessuno volentieri."),
    ("it", "Assolutamente inutile, per noi."),
    ("ru", "Ужасное приложение, каждый день что-то ломается."),
    ("ru", "Мы очень разочарованы последним обновлением."),
    ("pl", "Ta aplikacja jest beznadziejna, nic nie działa jak trzeba."),
    ("pl", "Szczerze mówiąc, mamy dość tych ciągłych błędów."),
    ("zh", "说实话，这个系统太差了。"),
    ("zh", "我们对这次升级非常失望。"),
]
UNINSTALLED = [
    ("en", "It never worked on our tablets, so we uninstalled it last week."),
    ("it", "Alla fine l'ho disinstallata, non serviva."),
    ("ru", "В итоге удалили приложение со всех телефонов."),
    ("pl", "W końcu odinstalowaliśmy to na wszystkich telefonach."),
    ("zh", "后来我们就把它卸载了。"),
]
# Short conditionals after the rep asks about the renewal: the price, or a rival's price, is the condition.
CONDITIONS = [
    ("en", "Depends on the price, honestly.", "price"),
    ("it", "Dipende dal prezzo.", "price"),
    ("ru", "Зависит от цены.", "price"),
    ("pl", "Zależy od ceny.", "price"),
    ("zh", "看价格吧。", "price"),
    ("en", "Only if you match Fieldly.", "competitor"),
    ("it", "Solo se pareggiate TeamSystem.", "competitor"),
    ("ru", "Только если сравняетесь с «Контуром».", "competitor"),
    ("pl", "Tylko jeśli wyrównacie do Comarchu.", "competitor"),
    ("zh", "除非你们跟金蝶一个价。", "competitor"),
]
NO_RISK = [
    ("en", "I'm fed up with this weather, we lost two site days.", "dissatisfaction"),
    ("it", "Sono stufo di questo tempo, abbiamo perso due giorni.", "dissatisfaction"),
    ("pl", "Mam dość tej pogody, straciliśmy dwa dni na budowie.", "dissatisfaction"),
    ("en", "We'll uninstall the old agent before the upgrade on Friday.", "cancellation"),
    ("it", "Devo disinstallare il vecchio client prima dell'aggiornamento.", "cancellation"),
    ("zh", "升级前我们会先卸载旧版的客户端。", "cancellation"),
]


@pytest.mark.parametrize(("lang", "text"), VERDICTS)
def test_a_plain_verdict_or_the_speakers_frustration_is_dissatisfaction(
    shipped_rules: RuleSet, lang: str, text: str
) -> None:
    still_a_risk(text, lang, shipped_rules, "dissatisfaction")


@pytest.mark.parametrize(("lang", "text"), UNINSTALLED)
def test_uninstalling_the_product_is_leaving(shipped_rules: RuleSet, lang: str, text: str) -> None:
    still_a_risk(text, lang, shipped_rules, "cancellation")


@pytest.mark.parametrize(("lang", "text", "category"), CONDITIONS)
def test_a_short_conditional_on_the_price_is_a_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    still_a_risk(text, lang, shipped_rules, category)


@pytest.mark.parametrize(("lang", "text", "category"), NO_RISK)
def test_the_weather_and_an_old_version_are_no_risk(
    shipped_rules: RuleSet, lang: str, text: str, category: str
) -> None:
    hits = line_hits(text, lang, shipped_rules)
    assert not [h for h in hits if h.category == category and not h.negated], hits
