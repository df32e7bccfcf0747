"""A clip's title, notes and tags edited in place (PATCH /api/clips/ID, the library page's edit form), bad input
refused with the field named and nothing changed; a clip's shareable link for any signed-in user."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import SignIn, sign_in


def _clip(client: TestClient, call: int) -> int:
    made = client.post("/api/clips", json={"call_id": call, "start": 0, "end": 3, "title": "Cancel", "tags": ["a"]})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_edit_notes_and_tags(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    rep = signed_in_as("rep")
    clip = _clip(rep, ids["en1"])
    edited = rep.patch(f"/api/clips/{clip}", json={"notes": "Good <b>save</b>", "tags": [" Price ", "handled", ""]})
    assert edited.status_code == 200
    assert edited.json()["notes"] == "Good <b>save</b>" and edited.json()["tags"] == ["Price", "handled"]
    assert edited.json()["title"] == "Cancel"  # not sent: unchanged
    page = rep.get("/clips").text
    assert "Good &lt;b&gt;save&lt;/b&gt;" in page and 'href="/clips?tag=handled"' in page
    assert f'id="clip-{clip}"' in rep.get("/clips", params={"tag": "price"}).text
    assert f'id="clip-{clip}"' not in rep.get("/clips", params={"tag": "a"}).text
    renamed = rep.patch(f"/api/clips/{clip}", json={"title": "  Cancel threat  ", "notes": ""}).json()
    assert renamed["title"] == "Cancel threat" and renamed["notes"] == "" and renamed["tags"] == ["Price", "handled"]


def test_bad_edits_name_the_field_and_change_nothing(signed_in_as: SignIn, ids: dict[str, int]) -> None:
    rep = signed_in_as("rep")
    clip = _clip(rep, ids["en1"])
    for body, field in (
        ({"title": "   "}, "title"), ({"tags": ["x" * 51]}, "tag"), ({"tags": [f"t{i}" for i in range(21)]}, "tags"),
        ({"notes": "n" * 5001}, "notes"), ({"tags": ["a,b"]}, "tag"),
    ):  # fmt: skip
        refused = rep.patch(f"/api/clips/{clip}", json=body)
        assert refused.status_code in (400, 422) and field in refused.json()["message"], (body, refused.text)
    assert rep.get(f"/api/clips/{clip}").json()["tags"] == ["a"]
    assert rep.patch("/api/clips/999999", json={"notes": "x"}).status_code == 404


def test_a_shareable_link_opens_for_any_signed_in_user_and_asks_others_to_sign_in(
    signed_in_as: SignIn, client: TestClient, ids: dict[str, int]
) -> None:
    clip = _clip(signed_in_as("rep"), ids["en1"])
    page = signed_in_as("manager").get(f"/clips/{clip}")
    assert page.status_code == 200 and f'id="clip-{clip}"' in page.text and "Cancel" in page.text
    anonymous = client.get(f"/clips/{clip}")
    assert anonymous.status_code == 303 and anonymous.headers["location"] == f"/login?next=/clips/{clip}"
    sign_in(client, "max")  # next= brings them to the clip
    assert client.get(f"/clips/{clip}").status_code == 200
