"""The search page as its form sends it: blank filter fields mean any (they were a 422), the match mode is
kept in the form and the pager; a bad mode is a 422 naming the field."""

from __future__ import annotations

import re

from tests.web.conftest import SignIn


def test_the_form_as_sent_with_blank_filters(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    rep = signed_in_as("rep")
    blank = {"account": "", "role": "", "language": "", "risk": "", "mode": "words"}
    page = rep.get("/search", params={"q": "cancelling", **blank})
    assert page.status_code == 200, page.text
    assert re.search(rf'href="/calls/{ids["en1"]}\?t=', page.text)
    assert 'name="mode" value="words" checked' in page.text
    only = rep.get("/search", params={"q": "price", **blank, "role": "rep"}).text
    assert "Dan" in only and "Carol" not in only  # a filter still filters
    bad = rep.get("/search", params={"q": "price", "mode": "vibes"})
    assert bad.status_code == 422 and "mode" in bad.text
