"""Names and seats in speaker labels (``names_self``): a label that says a seat before the name ("Director General of
the State Hermitage Museum Mikhail Piotrovsky:", as kremlin.ru labels a speaker's first turn) makes that person the
executive, on the call; a state's office in such a label is no one's seat ("President of Russia Vladimir Putin")."""

from __future__ import annotations

import pytest

from assistant.analysis.executives.names_self import label_seat_name
from tests.analysis.executives.lines import call, people


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Director General of the State Hermitage Museum Mikhail Piotrovsky", "Mikhail Piotrovsky"),
        ("Collective Farm Chairman Alexei Lavrinenko", "Alexei Lavrinenko"),
        ("Vice-President of the Polar Explorers Association", None),  # no name at the end
        ("Jane Smith", None),  # a name alone: label_name's
        ("Head of Sales EMEA", None),
    ],
)
def test_the_name_of_a_label_that_says_a_seat_first(label: str, name: str | None) -> None:
    assert label_seat_name(label) == name


@pytest.mark.parametrize(
    ("label", "person"),
    [
        ("Director of the Pushkin State Museum of Fine Arts Irina Antonova", ("Director", "Irina Antonova")),
        ("Director General of the State Hermitage Museum Mikhail Piotrovsky", ("Director", "Mikhail Piotrovsky")),
        ("Collective Farm Chairman Alexei Lavrinenko", ("Chairman", "Alexei Lavrinenko")),
        ("Gazprom President Maria Volkova", ("President", "Maria Volkova")),
    ],
)
def test_a_seat_said_only_in_a_speaker_label_is_that_speakers(label: str, person: tuple[str, str]) -> None:
    found = call("en", f"{label}/unknown: Good afternoon. We are surrounded by three miracles.")
    assert people(found) == {person}
    assert [e.kind for e in found] == ["speaking"]


@pytest.mark.parametrize(
    "label", ["President of Russia Vladimir Putin", "President of Bulgaria Rumen Radev", "History teacher Anton Molev"]
)
def test_a_states_office_or_no_title_in_a_label_is_no_one(label: str) -> None:
    assert call("en", f"{label}/unknown: Good afternoon, colleagues.") == ()
