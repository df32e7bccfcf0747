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
  function showClip(card, clip) {  // the saved clip, in place: title, tags (links to the tag), notes
    card.querySelector(".clip-title").textContent = clip.title;
    card.querySelector(".clip-notes").textContent = clip.notes;
    const tags = card.querySelector(".clip-tags");
    tags.replaceChildren();
    for (const tag of clip.tags) {
      const link = document.createElement("a");
      link.className = "tag";
      link.href = "/clips?tag=" + encodeURIComponent(tag);
      link.textContent = "#" + tag;
      tags.append(link, " ");
    }
  }
  function setupEdit(form) {  // edit a clip in place (PATCH /api/clips/ID)
    const card = form.closest(".clip");
    const note = form.querySelector(".edit-status");
    form.querySelector("button.cancel").addEventListener("click", () => { form.hidden = true; });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const tags = form.tags.value.split(",").map((t) => t.trim()).filter(Boolean);
      try {
        const clip = await window.assistant.postJson("/api/clips/" + form.dataset.clip,
          { title: form.title.value, notes: form.notes.value, tags: tags }, "PATCH");
        showClip(card, clip);
        form.hidden = true;
        note.textContent = "";
      } catch (err) {
        note.textContent = err.message;
        note.className = "edit-status error";
      }
    });
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
    document.querySelectorAll(".clip button.edit").forEach((button) => button.addEventListener("click", () => {
      const form = button.closest(".clip").querySelector("form.clip-edit");
      form.hidden = false;
      form.title.focus();
    }));
    document.querySelectorAll("form.clip-edit").forEach(setupEdit);
    document.querySelectorAll("button.accept").forEach((button) => button.addEventListener("click", () => {
      call("/api/clips/suggestions/accept", { picks: [parseInt(button.dataset.pick, 10)] });
    }));
  });
})();
