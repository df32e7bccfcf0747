"""Reports of one person merged (assistant/analysis/executives/merge.py): a nameless mention joins the named holder of
the seat; with several holders named on the call, the one named in the same turn."""

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
