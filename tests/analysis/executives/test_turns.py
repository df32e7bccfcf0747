"""Whose line is it: an executive's weight applies to their own lines only on a shared channel (a stereo side
or a diarized voice that holds several people), and to every line of a label that is theirs alone."""

from __future__ import annotations

from assistant.analysis import analyze
from assistant.analysis.executives import executive_turns, find_executives
from assistant.analysis.rules import load_ruleset
from assistant.records import Transcript
from assistant.settings import DEFAULT_RULES_DIR, Settings
from tests.analysis.executives.lines import transcript


def owners(t: Transcript) -> dict[int, str | None]:
    return {i: ex.name or ex.title for i, ex in executive_turns(t, find_executives(t)).items()}


def test_stereo_side_with_several_people_gives_the_executive_only_their_lines() -> None:
    t = transcript(
        "en",
        "rep: Thanks for joining, everyone.",
        "customer: Hi, Ron Diaz here, I run the warehouse.",
        "customer: And I'm Jane Smith, the CFO.",
        "customer: Frankly the price is too high for us.",
        "customer: This is Ron again, we're also looking at other vendors.",
        "rep: Understood.",
    )
    assert owners(t) == {2: "Jane Smith", 3: "Jane Smith"}


def test_a_handover_gives_the_next_lines_to_the_person_named() -> None:
    t = transcript(
        "it",
        "rep: Buongiorno a tutti.",
        "customer: Buongiorno, sono Giulia Conti, responsabile acquisti. C'è anche il nostro direttore finanziario, "
        "Paolo Marini. Passo la parola a Paolo Marini.",
        "customer: Grazie. Il prezzo per noi è troppo alto.",
        "customer: Sono Giulia Conti, vorrei aggiungere una cosa.",
    )
    assert owners(t) == {1: "Giulia Conti", 2: "Paolo Marini", 3: "Giulia Conti"}


def test_a_nameless_self_introduction_on_a_shared_channel() -> None:
    t = transcript(
        "ru", "customer: Добрый день.", "customer: Я финансовый директор.", "customer: Цена слишком высокая."
    )
    assert owners(t) == {1: "CFO", 2: "CFO"}


def test_labels_of_one_person() -> None:
    """A name label is that person's on every line; a diarized voice too, unless two people claim it."""
    named = transcript("en", "Jane Smith/customer: Hi.", "Jane Smith/customer: As CFO, I approve renewals.",
                       "Ron Diaz/customer: It's too expensive.")  # fmt: skip
    assert owners(named) == {0: "Jane Smith", 1: "Jane Smith"}
    voice = transcript("en", "S2/customer: Hello.", "S2/customer: I'm Jane Smith, the CFO.", "S1/rep: Great.")
    assert owners(voice) == {0: "Jane Smith", 1: "Jane Smith"}
    merged = transcript("en", "S2/customer: Hello.", "S2/customer: I'm Jane Smith, the CFO.",
                        "S2/customer: Ron Diaz here, from the warehouse.",
                        "S2/customer: It's too expensive.")  # fmt: skip
    assert owners(merged) == {1: "Jane Smith"}


def test_the_risk_weight_follows_the_line(settings: Settings) -> None:
    rules = load_ruleset(DEFAULT_RULES_DIR)
    t = transcript(
        "en",
        "customer: Hi, Ron Diaz here, I run the warehouse. It's way too expensive for what we use.",
        "customer: And I'm Jane Smith, the CFO. Honestly it's way too expensive.",
    )
    analysis = analyze(t, rules, settings=settings, use_model=False)
    reasons = {c.start: c.reason for c in analysis.report.contributions}
    assert "said by an executive (CFO Jane Smith) ×1.25" in reasons[10.0]
    assert "executive" not in reasons[0.0]
