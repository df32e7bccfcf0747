"""Reports of one person merged (assistant/analysis/executives/merge.py): a nameless mention joins the named holder of
the seat; with several holders named on the call, the one named in the same turn, else the one the same speaker named
as "our <title>"."""

from __future__ import annotations

from tests.analysis.executives.lines import call, people

TWO_CEOS = (
    "Counsel/unknown: You are the CEO of NHS Employers; is that right?",
    "Daniel Mortimer/unknown: Yes.",
)


def test_a_nameless_seat_joins_the_holder_named_in_the_same_turn() -> None:
    note = "Counsel/unknown: The CEO at Vogue has been speaking to them. The CEO there is a Mr Jonathan Salem."
    assert people(call("en", *TWO_CEOS, note)) == {("CEO", "Daniel Mortimer"), ("CEO", "Jonathan Salem")}


def test_a_nameless_seat_between_holders_named_in_other_turns_joins_no_one() -> None:
    found = call(
        "en",
        *TWO_CEOS,
        "Counsel/unknown: I called Jonathan Salem, the CEO of Vogue.",
        "Counsel/unknown: The CEO at Vogue called.",
    )
    assert people(found) == {("CEO", "Daniel Mortimer"), ("CEO", "Jonathan Salem"), ("CEO", None)}


CFOS = (
    "CHANCELLOR JOHNSON/unknown: I give a lot of credit to our CFO, Eileen McLoughlin, for that program.",
    "CHANCELLOR RODRIGUEZ/unknown: I'm going to defer to our CFO, Matthew Sapienza, who knows those numbers.",
)


def test_a_speakers_nameless_our_title_joins_the_holder_that_speaker_named_as_ours() -> None:
    # held16: "the print initiative that our CFO is leading", said by the chancellor who named "our CFO" before
    later = "CHANCELLOR JOHNSON/unknown: Through the print initiative that our CFO is leading, we can take costs out."
    expected = {("CFO", "Eileen McLoughlin"), ("CFO", "Matthew Sapienza")}
    assert people(call("en", *CFOS, later)) == expected
    third = "SENATOR KRUEGER/unknown: Through the print initiative that our CFO is leading, we can take costs out."
    assert people(call("en", *CFOS, third)) == expected | {("CFO", None)}  # another speaker's "our CFO": no one's
