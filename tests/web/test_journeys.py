"""What reps and managers do, in real headless Chromium against a real server (uvicorn on 127.0.0.1).

The sample recordings are stored with their reference transcripts (no Whisper run) so these run fast on any
CPU; only the upload journey transcribes a recording with the real model (marked ``whisper``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from assistant.services import calls
from tests.conftest import SAMPLES
from tests.web.conftest import Live
from tests.web.samples import XSS

Page = Callable[[str], Any]


def _audio(page: Any, selector: str = "#audio") -> dict[str, float]:
    return page.eval_on_selector(selector, "a => ({t: a.currentTime, ready: a.readyState, paused: a.paused ? 1 : 0})")


def test_sign_in_shows_the_home_page(page_as: Page) -> None:
    page = page_as("rep")
    assert page.locator("header .who").inner_text() == "rita (rep)"
    assert page.locator("h2", has_text="Upcoming renewals").count() == 1
    assert page.locator("nav a", has_text="Rules").count() == 0  # reps do not see the rules editor


def test_search_price_then_open_the_result_at_its_moment(page_as: Page, live: Live) -> None:
    page = page_as("rep")
    page.goto("/search?q=price")
    results = page.locator(".result")
    assert results.count() >= 2
    first = results.filter(has_text="Northwind").first
    assert first.locator("mark").first.inner_text().lower() == "price"
    href = first.locator("a.open").get_attribute("href")
    hit_start = float(re.search(r"t=([\d.]+)", href).group(1))  # type: ignore[union-attr]
    first.locator("a.open").click()
    page.wait_for_url(re.compile(r"/calls/\d+"))
    page.wait_for_function("document.querySelector('#audio').readyState >= 1")
    page.wait_for_function(f"Math.abs(document.querySelector('#audio').currentTime - {hit_start}) < 0.3")
    assert abs(_audio(page)["t"] - hit_start) < 0.3


def test_search_result_plays_in_place(page_as: Page) -> None:
    page = page_as("rep")
    page.goto("/search?q=price")
    result = page.locator(".result").filter(has_text="Northwind").first
    start = float(result.locator("button.play").get_attribute("data-t"))
    result.locator("button.play").click()
    audio = result.locator("audio")
    page.wait_for_function("a => a.readyState >= 2 && a.currentTime > 0", arg=audio.element_handle())
    assert audio.evaluate("a => a.currentTime") >= start - 0.3


def test_play_moves_the_word_highlight_and_clicking_a_word_seeks(page_as: Page, live: Live) -> None:
    page = page_as("rep")
    page.goto(f"/calls/{live.ids['northwind-price-competitor']}")
    words = page.locator("#transcript .w")
    target = words.nth(40)
    target.click()  # seek there and play
    seek_to = float(target.get_attribute("data-s"))
    page.wait_for_function("document.querySelector('.w.current') !== null")
    first = float(page.locator(".w.current").get_attribute("data-s"))
    assert abs(first - seek_to) < 1.0
    page.wait_for_function(
        f"parseFloat(document.querySelector('.w.current').dataset.s) > {first + 0.5}", timeout=10_000
    )
    assert _audio(page)["t"] > seek_to


def test_a_transcript_without_word_timings_gets_words_timed_within_their_lines(page_as: Page, live: Live) -> None:
    page = page_as("rep")
    page.goto(f"/calls/{live.ids['ferretti']}")  # an imported VTT: no word timings stored
    lines = page.eval_on_selector_all(
        "#transcript .line",
        """ls => ls.map(l => ({start: +l.dataset.start, end: +l.dataset.end,
                           words: Array.from(l.querySelectorAll('.w')).map(w => [+w.dataset.s, +w.dataset.e])}))""",
    )
    texts = page.locator("#transcript .line .text").all_inner_texts()
    assert lines and all(len(line["words"]) == len(text.split()) for line, text in zip(lines, texts, strict=True))
    for line in lines:
        times = [t for word in line["words"] for t in word]
        assert times == sorted(times) and line["start"] - 0.01 <= times[0] and times[-1] <= line["end"] + 0.01


def test_make_a_clip_from_lines_and_play_it_in_the_library(page_as: Page, live: Live) -> None:
    page = page_as("rep")
    page.goto(f"/calls/{live.ids['northwind-price-competitor']}")
    page.locator("#line-1 .pick").check()
    page.locator("#line-2 .pick").check()
    page.fill("#clip-form input[name=title]", "Price objection, Gong")
    page.fill("#clip-form input[name=tags]", "price, competitor")
    page.click("#clip-form button[type=submit]")
    link = page.locator("#clip-result a")
    link.wait_for()
    clip_id = re.search(r"clip-(\d+)", link.get_attribute("href")).group(1)  # type: ignore[union-attr]
    link.click()
    clip = page.locator(f"#clip-{clip_id}")
    assert "Price objection, Gong" in clip.inner_text() and "#competitor" in clip.inner_text()
    audio = clip.locator("audio")
    audio.evaluate("a => a.play()")
    page.wait_for_function("a => a.readyState >= 2 && a.currentTime > 0.2", arg=audio.element_handle())
    duration = audio.evaluate("a => a.duration")
    assert 5 < duration < 30, duration


def test_rule_typo_shows_the_line_and_keeps_the_rules_then_fix_and_preview(page_as: Page, live: Live) -> None:
    page = page_as("manager")
    page.goto("/rules/edit/price.yaml")
    original = page.locator("textarea").input_value()
    line = next(n for n, text in enumerate(original.split("\n"), start=1) if text.strip().startswith("weight:"))
    page.locator("textarea").fill(original.replace("weight:", "wieght:", 1))
    page.click("form[action^='/rules/edit'] button[type=submit]")
    problems = page.locator("#problems")
    assert re.search(rf"price\.yaml:{line}\b", problems.inner_text()), problems.inner_text()
    assert "bad" in (page.locator(f"#L{line}").get_attribute("class") or "")
    assert (live.settings.rules_dir / "price.yaml").read_text() == original  # nothing written
    page.goto("/rules")
    page.fill("input[name=text]", "Honestly the price is too high for us now.")
    page.click("form[action='/rules/test'] button")
    page.wait_for_load_state()
    page.locator("#tested").wait_for(timeout=90_000)  # the first analysis loads spaCy
    assert "price" in page.locator("#tested").inner_text().lower()  # the old rules still apply
    page.goto("/rules/edit/price.yaml")
    page.locator("textarea").fill(original)
    page.click("form[action^='/rules/edit'] button[type=submit]")
    page.wait_for_url(re.compile(r"/jobs/\d+"))
    page.wait_for_function("document.querySelector('#job').dataset.status === 'done'", timeout=60_000)
    page.goto("/rules")
    rule_id = page.locator("td[title*='price.yaml:']").first.inner_text()
    page.goto(f"/rules/preview?rule={rule_id}")
    assert int(page.locator("#preview-count").inner_text()) >= 1


def test_a_rep_cannot_open_the_rules_editor(page_as: Page) -> None:
    page = page_as("rep")
    for path in ("/rules", "/rules/edit/price.yaml"):
        response = page.goto(path)
        assert response.status == 403
        assert "needs the manager role" in page.locator(".error").inner_text()


def test_transcript_markup_is_shown_as_text(page_as: Page, live: Live) -> None:
    page = page_as("rep")
    page.goto(f"/calls/{live.ids['xss']}")
    assert page.evaluate("window.__xss") is None
    assert XSS.split()[0] in page.locator("#transcript").inner_text()
    page.goto("/search?q=quotes")
    assert page.evaluate("window.__xss") is None and "<script>" in page.locator(".result").first.inner_text()
    page.goto("/calls")
    assert "<b>Evil</b> Corp" in page.locator("table.calls").inner_text()


@pytest.mark.whisper
def test_upload_a_recording_shows_progress_then_the_call_with_its_risk(
    page_as: Page, live: Live, tmp_path: Any
) -> None:
    page = page_as("rep")
    page.goto("/upload")
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF not really audio")
    page.set_input_files("#files", [str(SAMPLES / "calls" / "harbor-budget-freeze.flac"), str(bad)])
    page.fill("input[name=account]", "Harbor Freight Co")
    page.click("#upload-form button[type=submit]")
    page.wait_for_function("document.querySelector('#job').dataset.status === 'done'", timeout=240_000)
    items = page.locator("#job-items li")
    assert items.count() == 2
    assert re.search(r"broken\.wav: .+", page.locator("#job-items li.error").inner_text())
    page.locator("#job-items a.call-link").click()
    page.wait_for_url(re.compile(r"/calls/\d+"))
    assert page.locator("#risk").inner_text().split()[0] in ("medium", "high")
    call_id = int(page.url.rsplit("/", 1)[-1])
    assert calls.get_call(live.app.state.app, call_id).summary.account == "Harbor Freight Co"
