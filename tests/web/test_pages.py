"""Pages over the real app in-process: filters, escaping, audio with HTTP Range, role gates."""

from __future__ import annotations

import itertools
import json
import re

from assistant.services import auth
from assistant.storage.db import Store
from tests.web.conftest import SignIn


def _call_ids(html: str) -> list[int]:
    return list(dict.fromkeys(int(i) for i in re.findall(r'<td><a href="/calls/(\d+)">', html)))


def test_calls_page_filters_sorts_and_pages(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    client = signed_in_as("rep")
    assert sorted(_call_ids(client.get("/calls").text)) == sorted(ids.values())
    assert _call_ids(client.get("/calls", params={"account": "acm"}).text) == [ids["en1"]]
    assert _call_ids(client.get("/calls", params={"risk": "medium"}).text) == [ids["en2"]]
    assert _call_ids(client.get("/calls", params={"tracker": "cancel"}).text) == [ids["en1"]]
    assert _call_ids(client.get("/calls", params={"language": "it"}).text) == [ids["it"]]
    assert _call_ids(client.get("/calls", params={"executive": "yes"}).text) == [ids["en1"]]
    assert set(_call_ids(client.get("/calls", params={"from": "2026-02-02", "to": "2026-02-28"}).text)) == {
        ids["ru"],
        ids["zh"],
    }
    assert _call_ids(client.get("/calls", params={"sort": "oldest"}).text)[0] == ids["en1"]
    assert _call_ids(client.get("/calls", params={"rep": "dan", "sort": "newest"}).text)[0] == ids["en2"]
    bad = client.get("/calls", params={"from": "yesterday"})
    assert bad.status_code == 400 and "from: &#39;yesterday&#39; is not a date" in bad.text


def test_call_page_escapes_markup_and_shows_hits(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    html = signed_in_as("rep").get(f"/calls/{ids['en1']}").text
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "thinking about cancelling the contract." in text and "#1 Cancel" in text
    assert "CFO" in text and 'id="audio"' not in html  # a transcript import: no player


def test_call_page_sends_the_word_timings_once_as_json_that_cannot_end_its_script(
    signed_in_as: SignIn, store: Store
) -> None:
    from dataclasses import replace

    from assistant.records import Word
    from tests.library.canned import save, utt

    hostile = "</script><script>window.__xss = 3</script>"
    line = replace(utt("Ann", "rep", 1.0, 3.0, f"Price {hostile}"), words=(Word(1.0, 1.4, "Price", 0.9),
                   Word(1.5, 3.0, f" {hostile}", 0.8)))  # fmt: skip
    call = save(store, "words", [line, utt("Bo", "customer", 3.5, 5.0, "No timings here.")])
    html = signed_in_as("rep").get(f"/calls/{call}").text
    found = re.search(r'<script type="application/json" id="words">(.*?)</script>', html, re.S)
    assert found and "<" not in found.group(1)  # the hostile word cannot close the script element
    assert json.loads(found.group(1)) == [[[1.0, 1.4, "Price", 0.9], [1.5, 3.0, f" {hostile}", 0.8]], []]
    assert 'class="w"' not in html  # the player's script makes the words, not the server
    assert "Price &lt;/script&gt;" in html  # the line's text, escaped, for readers without the script


def test_pages_are_compressed_for_browsers_that_ask_but_recordings_are_not(
    signed_in_as: SignIn, store: Store, ids: dict[str, int]
) -> None:
    from tests.conftest import SAMPLES
    from tests.library.canned import save, utt

    client = signed_in_as("rep")
    page = client.get(f"/calls/{ids['en1']}", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip" and "thinking about cancelling" in page.text
    plain = client.get(f"/calls/{ids['en1']}", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == page.text
    flac = SAMPLES / "calls" / "summit-expansion.flac"
    call = save(store, "gz", [utt("Ann", "rep", 0.0, 5.0, "Hello there.")], source=flac, duration=39.0)
    audio = client.get(f"/calls/{call}/audio", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in audio.headers and audio.content == flac.read_bytes()
    part = client.get(f"/calls/{call}/audio", headers={"Accept-Encoding": "gzip", "Range": "bytes=0-99"})
    assert part.status_code == 206 and "content-encoding" not in part.headers and len(part.content) == 100


def test_rep_is_refused_the_rules_pages_and_api(signed_in_as: SignIn) -> None:
    client = signed_in_as("rep")
    for path in ("/rules", "/rules/edit/price.yaml", "/api/rules/check"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "needs the manager role" in response.text
    assert signed_in_as("manager").get("/api/rules/check").json()["ok"] is True


def test_audio_is_served_with_range_requests(signed_in_as: SignIn, store: Store, ids: dict[str, int]) -> None:
    from tests.conftest import SAMPLES
    from tests.library.canned import save, utt

    flac = SAMPLES / "calls" / "summit-expansion.flac"
    call = save(store, "summit", [utt("Ann", "rep", 0.0, 5.0, "Hello there.")], source=flac, duration=39.0)
    client = signed_in_as("rep")
    whole = client.get(f"/calls/{call}/audio")
    assert whole.status_code == 200 and whole.content == flac.read_bytes()
    part = client.get(f"/calls/{call}/audio", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == flac.read_bytes()[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{flac.stat().st_size}"
    missing = client.get(f"/calls/{ids['en1']}/audio")
    assert missing.status_code == 404 and "transcript: no audio" in missing.text
    assert auth.has_users(store)


def test_accounts_brief_alerts_and_admin_pages(signed_in_as: SignIn, store: Store, ids: dict[str, int]) -> None:

    rep, manager, admin = signed_in_as("rep"), signed_in_as("manager"), signed_in_as("admin")
    page = rep.get("/accounts", params={"from": "2026-01-01", "to": "2026-12-31", "per": "quarter"})
    assert page.status_code == 200 and "Acme" in page.text and 'id="churn"' in page.text
    assert page.text.count("<tr><td>2026-") == 4  # four quarters
    assert rep.get("/accounts/churn.png", params={"from": "2026-01-01", "to": "2026-12-31"}).content[:4] == b"\x89PNG"
    brief = rep.get("/accounts/Acme/brief")
    assert brief.status_code == 200 and "Renewal brief: Acme" in brief.text
    assert rep.get("/accounts/Nobody/brief").status_code == 404
    assert rep.get("/alerts").status_code == 403 and manager.get("/alerts").status_code == 200
    assert manager.post("/alerts/retry").headers["location"] == "/alerts?retried=0"
    assert manager.get("/admin/users").status_code == 403
    users = admin.get("/admin/users")
    assert users.status_code == 200 and "rita" in users.text and ">Users<" in users.text


def test_clip_library_collections_order_and_suggestions(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    client = signed_in_as("rep")
    made = [
        client.post("/api/clips", json={"call_id": ids["en1"], "start": s, "end": s + 3}).json()["id"] for s in (0, 5)
    ]
    client.post("/api/collections", json={"name": "Best <objections>"})
    for clip in made:
        client.post("/api/collections/Best <objections>/clips", json={"clip_id": clip})
    moved = client.post("/api/collections/Best <objections>/clips", json={"clip_id": made[1], "position": 1}).json()
    assert moved["clip_ids"] == [made[1], made[0]]
    page = client.get("/clips").text
    assert "Best &lt;objections&gt;" in page and page.index(f'<li data-clip="{made[1]}"') < page.index(
        f'<li data-clip="{made[0]}"'
    )
    assert client.get(f"/clips/{made[0]}").status_code == 200


def test_call_page_shows_the_conversation_metrics_beside_their_reference_figures(
    signed_in_as: SignIn, store: Store
) -> None:
    from tests.library.canned import save, utt

    lines = [
        utt("S1", "rep", 0.0, 30.0, "Thanks for joining. How is the rollout going?"),
        utt("S2", "customer", 31.0, 41.0, "Slowly, the price is a problem for us."),
        utt("S1", "rep", 42.0, 50.0, "What would make it work?"),
    ]
    call = save(store, "metrics", lines, duration=50.0)
    html = signed_in_as("rep").get(f"/calls/{call}").text
    section = html[html.index('<section id="conversation">') :]
    section = section[: section.index("</section>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert "talk ratio (rep %) 79.2 (high)" in text  # 38 s of 48 s spoken: above Gong's 65 %
    assert "top reps talk ~43 % (43:57)" in text and 'title="Gong Labs' in section
    assert "rep questions per hour" in text and "11-14 questions per discovery call" in text


def test_waveform_regions_merge_overlapping_hits_so_labels_never_stack(signed_in_as: SignIn, store: Store) -> None:
    from tests.library.canned import risk_hit, save, utt

    a = utt("Bo", "customer", 2.0, 9.0, "We're evaluating Gong and they offered a lower price.")
    b = utt("Bo", "customer", 20.0, 24.0, "And my champion left.")
    hits = (risk_hit(a, 0, "competitor", start=3.0, end=5.0), risk_hit(a, 0, "downgrade", start=4.0, end=8.0),
            risk_hit(a, 0, "price", start=7.9, end=8.5), risk_hit(b, 1, "champion"))  # fmt: skip
    call = save(store, "regions", [a, b], hits=hits)
    html = signed_in_as("rep").get(f"/calls/{call}").text
    found = re.search(r'<script type="application/json" id="hit-regions">(.*?)</script>', html, re.S)
    assert found
    regions = sorted(json.loads(found.group(1)), key=lambda r: r["start"])
    assert [r["label"] for r in regions] == ["#1 #2 #3", "#4"]  # a chain of overlaps is one region
    assert (regions[0]["start"], regions[0]["end"]) == (3.0, 8.5) and regions[1]["start"] == 20.0
    assert "#2 downgrade" in regions[0]["title"] and regions[1]["title"] == "#4 champion"
    assert all(r["end"] <= nxt["start"] for r, nxt in itertools.pairwise(regions))
