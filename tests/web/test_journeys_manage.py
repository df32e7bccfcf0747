"""What managers and admins do, in real headless Chromium against a real server (uvicorn on 127.0.0.1): alert
policies and channel tests, verdicts on hits, users and tokens, the clip library, the accounts charts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from assistant.services import churn_model, library
from tests.alerts.conftest import HttpReceiver
from tests.web.conftest import PASSWORD, Live

Page = Callable[[str], Any]


def test_edit_the_alert_policies_then_test_a_channel(page_as: Page, live: Live, receiver: HttpReceiver) -> None:
    page = page_as("manager")
    page.goto("/alerts")
    page.click("#policies a:has-text('edit')")
    page.wait_for_url(re.compile(r"/alerts/policies$"))
    good = (
        "policies:\n  - name: price talk\n    trigger: {categories: [price]}\n    channels:\n"
        f'      - {{type: slack, name: team, url: "{receiver.url()}"}}\n'
    )
    before = live.settings.alerts_path.read_text() if live.settings.alerts_path.exists() else None
    page.locator("textarea").fill(good.replace("channels:", "chanels:"))
    page.click("form[action='/alerts/policies'] button[type=submit]")
    assert "'chanels'" in page.locator("#L4 .lineerr").inner_text()
    assert "bad" in (page.locator("#L4").get_attribute("class") or "")
    now = live.settings.alerts_path.read_text() if live.settings.alerts_path.exists() else None
    assert now == before  # the policies in effect are unchanged
    page.locator("textarea").fill(good)
    page.click("form[action='/alerts/policies'] button[type=submit]")
    page.wait_for_url(re.compile(r"/alerts\?saved=1$"))
    assert live.settings.alerts_path.read_text() == good
    page.click("form.test-channel:has(input[value=team]) button")
    page.wait_for_load_state()
    assert re.search(r"price talk → slack team: sent", page.locator("#channel-tests").inner_text())
    assert len(receiver.requests) == 1 and "blocks" in json.loads(receiver.requests[0].body)


def test_confirm_a_hit_and_mark_a_missed_line_then_see_both_after_reload(page_as: Page, live: Live) -> None:
    page = page_as("manager")
    call = live.ids["cedar-cfo-joins"]
    page.goto(f"/calls/{call}")
    note = page.locator(".hit-note:has(.verdict)").first
    hit = note.locator(".verdict").get_attribute("data-hit")
    note.locator("button[value=confirm]").click()
    page.wait_for_url(re.compile(rf"/calls/{call}#line-\d+$"))
    judged = page.locator(f".verdict[data-hit='{hit}']")
    assert judged.locator(".state").inner_text() == "confirmed"
    assert judged.locator("button[value=confirm]").is_disabled()
    plain = page.locator(".line:not(.has-hit)").last
    line_id = plain.get_attribute("id")
    assert page.locator("#missed-form").is_hidden()  # shown once a line is ticked
    plain.locator(".pick").check()
    page.locator("#missed-form select option:text-is('budget')").wait_for(state="attached")
    page.select_option("#missed-form select", "budget")
    page.click("#missed-form button[type=submit]")
    page.locator(f"#{line_id} .missed").wait_for()
    page.reload()
    assert "marked missed: budget" in page.locator(f"#{line_id}").inner_text()
    assert page.locator(f".verdict[data-hit='{hit}'] .state").inner_text() == "confirmed"
    rep = page_as("rep")
    rep.goto(f"/calls/{call}")
    assert rep.locator(f".verdict[data-hit='{hit}'] .state").inner_text() == "confirmed"
    assert rep.locator(".verdict button").count() == 0 and rep.locator("#missed-form").count() == 0


def test_an_admin_adds_a_user_sets_a_role_and_disables_them(page_as: Page, live: Live, browser: Any) -> None:
    admin = page_as("admin")
    admin.goto("/admin/users")
    admin.fill("#add-user input[name=username]", "zed")
    admin.fill("#add-user input[name=password]", "zed's long password")
    admin.select_option("#add-user select[name=role]", "rep")
    admin.click("#add-user button[type=submit]")
    assert "added zed (rep)" in admin.locator("#done").inner_text()
    admin.select_option("#user-zed select[name=role]", "manager")
    admin.click("#user-zed button:has-text('set')")
    assert admin.locator("#user-zed select[name=role]").input_value() == "manager"
    context = browser.new_context(base_url=live.url)
    zed = context.new_page()
    zed.goto("/login")
    zed.fill("input[name=username]", "zed")
    zed.fill("input[name=password]", "zed's long password")
    zed.click("button[type=submit]")
    zed.wait_for_url(live.url + "/")
    assert zed.locator("header .who").inner_text() == "zed (manager)"
    admin.click("#user-zed button:has-text('disable')")
    assert admin.locator("#user-zed .state").inner_text() == "disabled"
    zed.goto("/calls")
    assert "/login" in zed.url  # signed out at once
    context.close()
    rep = page_as("rep")
    assert rep.goto("/admin/users").status == 403
    assert "needs the admin role" in rep.locator(".error").inner_text()


def test_edit_a_clip_in_place_reorder_a_collection_and_share_a_link(page_as: Page, live: Live, browser: Any) -> None:
    app = live.app.state.app
    call = live.ids["northwind-price-competitor"]
    first, second = (
        library.add_clip(app, library.ClipInfo(title=title, tags=("price",)), call=call, start=s, end=s + 4)
        for title, s in (("First objection", 10.0), ("Second objection", 30.0))
    )
    name = f"Objections {first.id}"
    library.create_collection(app, name)
    for clip in (first, second):
        library.add_to_collection(app, name, clip.id)
    page = page_as("rep")
    page.goto("/clips")
    page.evaluate("window.__same = 1")
    card = page.locator(f"#clip-{first.id}")
    card.locator("button.edit").click()
    card.locator("textarea[name=notes]").fill("Handled with the <b>ROI</b> sheet")
    card.locator("input[name=tags]").fill("price, handled")
    card.locator("form.clip-edit button[type=submit]").click()
    card.locator("form.clip-edit").wait_for(state="hidden")
    assert card.locator(".clip-notes").inner_text() == "Handled with the <b>ROI</b> sheet"
    assert card.locator(".clip-tags").inner_text().split() == ["#price", "#handled"]
    assert page.evaluate("window.__same") == 1  # in place: the page was not reloaded
    assert library.get_clip(app, first.id).tags == ("price", "handled")
    order = page.locator(f"ol.collection[data-name='{name}'] li")
    assert [order.nth(i).get_attribute("data-clip") for i in range(2)] == [str(first.id), str(second.id)]
    order.nth(0).locator("button[aria-label='move down']").click()
    page.wait_for_function("window.__same === undefined")  # reloaded after the move
    order = page.locator(f"ol.collection[data-name='{name}'] li")
    assert [order.nth(i).get_attribute("data-clip") for i in range(2)] == [str(second.id), str(first.id)]
    link = page.locator(f"#clip-{first.id} a.share").get_attribute("href")
    manager = page_as("manager")
    manager.goto(link)
    assert "Handled with the <b>ROI</b> sheet" in manager.locator(f"#clip-{first.id}").inner_text()
    context = browser.new_context(base_url=live.url)
    stranger = context.new_page()
    stranger.goto(link)
    assert "/login?next=" in stranger.url  # signed-out visitors sign in first, then land on the clip
    stranger.fill("input[name=username]", "max")
    stranger.fill("input[name=password]", PASSWORD)
    stranger.click("button[type=submit]")
    stranger.wait_for_url(live.url + link)
    assert stranger.locator(f"#clip-{first.id} .clip-title").inner_text() == "First objection"
    context.close()


def test_search_by_meaning_finds_the_same_complaint_in_another_language(page_as: Page, live: Live) -> None:
    app = live.app.state.app
    results = list(churn_model.embed_calls(app, churn_model.calls_to_embed(app, every=True)))
    assert results and all(r.status == "embedded" for r in results), results
    page = page_as("rep")
    page.goto("/search")
    page.fill("input[name=q]", "Honestly, your price is too high for us.")
    page.check("input[name=mode][value=meaning]")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url(re.compile(r"mode=meaning"))
    italian = page.locator(".result").filter(has_text="prezzo è troppo alto")
    assert italian.count() == 1  # no English word of the query is in it
    assert 0.5 < float(italian.locator(".similarity").inner_text().split()[-1]) <= 1.0
    assert page.locator("input[name=mode][value=meaning]").is_checked()  # the choice is kept
    page.check("input[name=mode][value=words]")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url(re.compile(r"mode=words"))
    assert page.locator(".result").filter(has_text="prezzo è troppo alto").count() == 0
