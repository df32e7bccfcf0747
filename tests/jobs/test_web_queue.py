"""The web app with a job queue (PostgreSQL): an upload is queued for the workers (into media_root) and its
job's state is followed live (waiting, then stored with a link to the call, or failed with the reason); a
rule saved in the editor queues the reanalysis of every call. Real app over HTTP (TestClient), real worker."""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.jobs import worker
from assistant.services import auth
from assistant.services import queue as queue_service
from assistant.services.app import App
from assistant.settings import Settings
from assistant.web.app import create_app
from tests.conftest import REPO
from tests.jobs.test_queue import VTT
from tests.web.conftest import PASSWORD, csrf_of, sign_in


def _client(settings: Settings, tmp_path: Path) -> tuple[App, TestClient]:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "keyword_rules", rules)
    media = tmp_path / "media"
    media.mkdir()
    app = App(settings.model_copy(update={"job_queue": True, "media_root": media, "rules_dir": rules}))
    for name, role in (("max", "manager"), ("rita", "rep")):
        auth.add_user(app.store, username=name, password=PASSWORD, role=role)
    return app, TestClient(create_app(app.settings, application=app), follow_redirects=False)


def _follow(client: TestClient, job_id: int, until: Callable[[dict[str, Any]], bool], timeout: float = 60) -> Any:
    """The web job's JSON once ``until`` holds for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if until(job):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id}: the condition never held: {job}")


def _ended(job: dict[str, Any]) -> bool:
    return job["status"] in ("done", "failed")


def test_an_upload_is_queued_and_followed_until_its_calls_are_stored(settings: Settings, tmp_path: Path) -> None:
    app, client = _client(settings, tmp_path)
    with client:
        sign_in(client, "rita")
        broken = b"WEBVTT\n\n00:00:09.000 --> 00:00:01.000\nDana: no\n"
        files = [("files", ("call-1.vtt", VTT.format(n=1).encode(), "text/vtt")),
                 ("files", ("broken.vtt", broken, "text/vtt"))]  # fmt: skip
        response = client.post("/api/uploads", files=files, data={"account": "Acme"})
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        waiting = _follow(client, job_id, lambda job: len(job["items"]) == 2)  # the follower has looked
        assert waiting["status"] == "running" and [i["status"] for i in waiting["items"]] == ["queued", "queued"]
        assert all("waiting for a worker" in i["message"] for i in waiting["items"])
        queued = queue_service.list_jobs(app)
        assert {j.queue for j in queued} == {"default"} and all(j.args["path"].startswith("uploads/") for j in queued)
        worker.run(app.settings, wait=False, name="web-burst")
        done = _follow(client, job_id, _ended)
        assert done["status"] == "done" and done["message"].startswith("1 stored, 1 failed")
        stored, failed = done["items"]
        assert stored["status"] == "stored" and stored["call_id"] and stored["worker"] == "web-burst"
        assert stored["message"].startswith(f"call-1.vtt: call {stored['call_id']} stored (") and stored["alerts"] == 0
        assert client.get(f"/calls/{stored['call_id']}").status_code == 200
        assert failed["status"] == "failed" and failed["message"].startswith("broken.vtt: ")
        assert failed["call_id"] is None
        page = client.get(f"/jobs/{job_id}")
        assert page.status_code == 200 and "/static/jobs.js" in page.text  # the same live page follows it


def test_a_rule_saved_in_the_editor_queues_the_reanalysis(settings: Settings, tmp_path: Path) -> None:
    app, client = _client(settings, tmp_path)
    with client:
        sign_in(client, "max")
        form = client.get("/rules/edit/price.yaml")
        text = (app.settings.rules_dir / "price.yaml").read_text(encoding="utf-8")
        response = client.post("/rules/edit/price.yaml", data={"text": text + "\n", "csrf_token": csrf_of(form.text)})
        assert response.status_code == 303, response.text
        job_id = int(response.headers["location"].rsplit("/", 1)[-1])
        _follow(client, job_id, lambda job: "waiting for a worker" in job["message"])
        (queued,) = [j for j in queue_service.list_jobs(app) if j.task == queue_service.REANALYZE]
        worker.run(app.settings, wait=False, name="web-burst")
        done = _follow(client, job_id, _ended)
        assert done["status"] == "done" and "reanalysed" in done["message"] and f"job {queued.id}" in done["message"]


def test_in_a_browser_a_queued_upload_shows_its_state_live_then_links_to_the_call(
    settings: Settings, tmp_path: Path, browser: Any
) -> None:
    """Real Chromium against uvicorn; a real worker process picks the upload up from the queue."""
    import uvicorn

    from tests.jobs.procs import start_worker, stop_worker, worker_env
    from tests.web.conftest import _free_port

    app, _ = _client(settings, tmp_path)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(app.settings, application=app), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    page = browser.new_context(base_url=f"http://127.0.0.1:{port}").new_page()
    page.set_default_timeout(30_000)
    process = None
    try:
        while not server.started:
            time.sleep(0.05)
        page.goto("/login")
        page.fill("input[name=username]", "rita")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto("/upload")
        upload = tmp_path / "acme-call.vtt"
        upload.write_text(VTT.format(n=7), encoding="utf-8")
        page.set_input_files("#files", [str(upload)])
        page.click("#upload-form button[type=submit]")
        page.wait_for_function("document.querySelector('#job-items')?.innerText.includes('waiting for a worker')")
        process = start_worker(worker_env(app.settings), "browser-w", tmp_path / "w.log", "--queues", "default")
        page.wait_for_function("document.querySelector('#job').dataset.status === 'done'", timeout=120_000)
        assert "1 stored" in page.locator("#job-message").inner_text()
        page.locator("#job-items a.call-link").click()
        page.wait_for_url(re.compile(r"/calls/\d+"))
        assert "cancelling" in page.locator("#transcript").inner_text()
    finally:
        stop_worker(process)
        page.context.close()
        server.should_exit = True
        thread.join(timeout=10)
