// Clip library: create collections, add clips, reorder, accept suggestions (JSON API with the CSRF header).
(function () {
  "use strict";
  const status = () => document.getElementById("library-status");
  async function call(url, body, method) {
    try {
      await window.assistant.postJson(url, body, method);
      location.reload();
    } catch (err) {
      if (status()) { status().textContent = err.message; status().className = "error"; }
    }
  }
  document.addEventListener("DOMContentLoaded", () => {
    const created = document.getElementById("new-collection");
    if (created) created.addEventListener("submit", (ev) => {
      ev.preventDefault();
      call("/api/collections", { name: created.name.value });
    });
    document.querySelectorAll("form.add-to").forEach((form) => form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const name = form.collection.value;
      call("/api/collections/" + encodeURIComponent(name) + "/clips", { clip_id: parseInt(form.dataset.clip, 10) });
    }));
    document.querySelectorAll("ol.collection button.move").forEach((button) => button.addEventListener("click", () => {
      const list = button.closest("ol");
      const item = button.closest("li");
      call("/api/collections/" + encodeURIComponent(list.dataset.name) + "/clips",
        { clip_id: parseInt(item.dataset.clip, 10), position: parseInt(button.dataset.pos, 10) });
    }));
    document.querySelectorAll("button.accept").forEach((button) => button.addEventListener("click", () => {
      call("/api/clips/suggestions/accept", { picks: [parseInt(button.dataset.pick, 10)] });
    }));
  });
})();
