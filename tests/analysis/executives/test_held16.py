"""held16's leftovers fixed in session 15 (issue 10 §6; the New York State Senate's hearings): a seat in apposition
after a full name, written with the organisation's acronym and a modifier ("Alithia Rolon, NYSUT legislative
director"), and one of the owners introducing themselves ("I'm one of the business owners of Green Point Marina,
Mobile Home Park": the speaker, not the words after the organisation's comma)."""

from __future__ import annotations

from tests.analysis.executives.lines import call, people


def test_a_seat_with_an_organisations_acronym_in_apposition() -> None:
    line = "CHAIRWOMAN KRUEGER/unknown: And there might be a fourth -- Alithia Rolon, NYSUT legislative director."
    assert people(call("en", line)) == {("Director", "Alithia Rolon")}
    assert people(call("en", "customer: Jane Smith, SUNY CFO, spoke.")) == {("CFO", "Jane Smith")}
    assert call("en", "customer: Jane Smith, IBM director, spoke.") == ()  # three capitals: could be a title's


def test_one_of_the_owners_introducing_themselves_is_that_owner() -> None:
    line = (
        "CATHLEEN GOODNOUGH/unknown: My name is Cathleen Goodnough, and I'm one of the business owners of Green Point "
        "Marina, Mobile Home Park."
    )
    found = call("en", line)
    assert people(found) == {("Owner", "Cathleen Goodnough")}
    assert [e.kind for e in found] == ["speaking"]
    assert people(call("en", "customer: Our VP of Support, Daniel Kim, joined.")) == {("VP", "Daniel Kim")}
