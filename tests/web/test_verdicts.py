"""Verdicts from the web: confirm / reject buttons on each hit of the call page, a missed line marked, the state
after reload, tracker precision on the Rules page; the same through /api; reps see verdicts but cannot give them."""

from __future__ import annotations

import re

from assistant.services import verdicts
from assistant.services.app import App
from assistant.settings import Settings
from assistant.storage.db import Store
from tests.web.conftest import SignIn


def _hit_id(store: Store, settings: Settings, call_id: int) -> int:
    return verdicts.call_hits(App(settings, store), call_id)[0][0]


def test_confirm_then_reject_a_hit_from_the_call_page(
    signed_in_as: SignIn, ids: dict[str, int], store: Store, settings: Settings
) -> None:
    manager, call = signed_in_as("manager"), ids["en1"]
    hit = _hit_id(store, settings, call)
    page = manager.get(f"/calls/{call}").text
    assert f'action="/calls/{call}/hits/{hit}/verdict"' in page and "confirmed" not in page
    done = manager.post(f"/calls/{call}/hits/{hit}/verdict", data={"verdict": "confirm"})
    assert done.status_code == 303 and done.headers["location"] == f"/calls/{call}#line-0"
    page = manager.get(f"/calls/{call}").text  # the state shows after reload
    assert re.search(r'class="state state-confirm">confirmed<', page)
    assert re.search(r'value="confirm" class="secondary" disabled', page)
    manager.post(f"/calls/{call}/hits/{hit}/verdict", data={"verdict": "reject"})
    page = manager.get(f"/calls/{call}").text
    assert "rejected" in page and "confirmed" not in page  # the second verdict replaces the first
    assert [v.verdict for v in verdicts.list_verdicts(App(settings, store), call)] == ["reject"]


def test_precision_shows_on_the_rules_page(
    signed_in_as: SignIn, ids: dict[str, int], store: Store, settings: Settings
) -> None:
    manager = signed_in_as("manager")
    app = App(settings, store)
    for call, verdict in (("en1", "confirm"), ("en2", "reject")):
        hit_id, _ = verdicts.call_hits(app, ids[call])[0]
        assert manager.post(f"/api/hits/{hit_id}/verdict", json={"verdict": verdict}).status_code == 200
    rows = {p["rule"]: p for p in manager.get("/api/verdicts/precision").json()}
    assert rows["cancel"]["precision"] == 1.0 and rows["price"]["precision"] == 0.0
    page = manager.get("/rules").text
    assert re.search(r'id="tracker-price_too_high">.*?<td class="precision"><span class="muted">–', page)
    assert "Precision" in page


def test_mark_a_missed_line_through_the_api_and_see_it_on_the_page(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    manager, call = signed_in_as("manager"), ids["en2"]
    assert "price" in manager.get("/api/verdicts/categories").json()
    made = manager.post(f"/api/calls/{call}/missed", json={"line": 2, "category": "price"})
    assert made.status_code == 201 and made.json()["utterance_index"] == 1 and made.json()["verdict"] == "missed"
    manager.post(f"/api/calls/{call}/missed", json={"line": 2, "category": "price"})  # twice: still one verdict
    listed = manager.get("/api/verdicts", params={"call_id": call}).json()
    assert [v["verdict"] for v in listed] == ["missed"]
    page = manager.get(f"/calls/{call}").text
    assert re.search(r'id="line-1">.*?marked missed: price', page, re.S)
    assert 'id="missed-form"' in page


def test_bad_verdicts_are_clear_4xx(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    manager, call = signed_in_as("manager"), ids["en2"]
    unknown = manager.post(f"/api/calls/{call}/missed", json={"line": 1, "category": "weather"})
    assert unknown.status_code == 400 and "unknown category 'weather'" in unknown.json()["message"]
    past = manager.post(f"/api/calls/{call}/missed", json={"line": 9, "category": "price"})
    assert past.status_code == 400 and "has lines 1-2, not 9" in past.json()["message"]
    both = manager.post(f"/api/calls/{call}/missed", json={"line": 1, "at": 1.0, "category": "price"})
    assert both.status_code == 422 and "one of them" in both.json()["message"]
    gone = manager.post("/api/hits/999999/verdict", json={"verdict": "confirm"})
    assert gone.status_code == 404
    assert manager.post(f"/calls/{call}/hits/1/verdict", data={"verdict": "maybe"}).status_code == 422


def test_reps_see_verdicts_but_cannot_give_them(
    signed_in_as: SignIn, ids: dict[str, int], store: Store, settings: Settings
) -> None:
    call = ids["en1"]
    hit = _hit_id(store, settings, call)
    signed_in_as("manager").post(f"/api/hits/{hit}/verdict", json={"verdict": "confirm"})
    rep = signed_in_as("rep")
    page = rep.get(f"/calls/{call}").text
    assert "confirmed" in page and "/verdict" not in page and 'id="missed-form"' not in page
    assert rep.post(f"/calls/{call}/hits/{hit}/verdict", data={"verdict": "reject"}).status_code == 403
    assert rep.post(f"/api/hits/{hit}/verdict", json={"verdict": "reject"}).status_code == 403
    assert rep.post(f"/api/calls/{call}/missed", json={"line": 1, "category": "price"}).status_code == 403
    assert rep.get(f"/api/calls/{call}/hits").json()[0]["verdict"] == "confirm"
