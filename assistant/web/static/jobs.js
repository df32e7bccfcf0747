// Live progress of a background job (upload or reanalysis): polls /api/jobs/<id>; drag-and-drop uploads.
(function () {
  "use strict";
  function show(job) {
    const section = document.getElementById("job");
    section.hidden = false;
    const pct = job.total > 0 ? Math.min(100, (100 * job.done) / job.total) : (job.status === "done" ? 100 : 5);
    document.getElementById("bar").style.width = pct.toFixed(0) + "%";
    document.getElementById("job-message").textContent = job.status + (job.message ? ": " + job.message : "");
    const list = document.getElementById("job-items");
    list.textContent = "";
    for (const item of job.items) {
      const li = document.createElement("li");
      li.className = item.status === "failed" ? "error" : "";
      if (item.call_id && item.status !== "failed") {
        const a = document.createElement("a");
        a.href = "/calls/" + item.call_id;
        a.className = "call-link";
        a.textContent = (item.file || "call " + item.call_id) + " → call " + item.call_id;
        li.appendChild(a);
        if (item.status !== "stored") li.appendChild(document.createTextNode(" (" + item.status + ")"));
      } else {
        li.textContent = item.message || item.status;
      }
      list.appendChild(li);
    }
    section.dataset.status = job.status;
  }
  async function follow(id) {
    for (;;) {
      const response = await fetch("/api/jobs/" + id, { credentials: "same-origin" });
      const job = await response.json();
      if (!response.ok) { document.getElementById("job-message").textContent = job.message; return; }
      show(job);
      if (job.status === "done" || job.status === "failed") return;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  window.followJob = follow;
  document.addEventListener("DOMContentLoaded", () => {
    const section = document.getElementById("job");
    if (section && section.dataset.job) follow(section.dataset.job);
    const form = document.getElementById("upload-form");
    if (!form) return;
    const zone = document.getElementById("dropzone");
    const input = document.getElementById("files");
    const chosen = document.getElementById("chosen");
    let dropped = null;
    const list = (files) => { chosen.textContent = Array.from(files).map((f) => f.name).join(", "); };
    input.addEventListener("change", () => { dropped = null; list(input.files); });
    ["dragenter", "dragover"].forEach((e) => zone.addEventListener(e, (ev) => { ev.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach((e) => zone.addEventListener(e, (ev) => { ev.preventDefault(); zone.classList.remove("over"); }));
    zone.addEventListener("drop", (ev) => { dropped = ev.dataTransfer.files; list(dropped); });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      if (dropped) { data.delete("files"); for (const f of dropped) data.append("files", f); }
      const response = await fetch("/api/uploads", {
        method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRF-Token": window.assistant.csrf },
      });
      const job = await response.json();
      if (!response.ok) { section.hidden = false; document.getElementById("job-message").textContent = job.message; return; }
      follow(job.id);
    });
  });
})();
