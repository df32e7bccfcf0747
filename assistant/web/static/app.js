// Renewal assistant pages: player with word highlight and seeking, clips from selected lines, search playback.
// No framework; every value put into the page goes through textContent (never innerHTML).
(function () {
  "use strict";
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  async function postJson(url, body, method) {
    const response = await fetch(url, {
      method: method || "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.message || response.statusText);
    return data;
  }
  window.assistant = { postJson: postJson, csrf: csrf };

  function clock(t) {
    t = Math.floor(t);
    const m = Math.floor(t / 60), s = String(t % 60).padStart(2, "0");
    return m + ":" + s;
  }

  function setupCall() {
    const root = document.getElementById("call");
    if (!root) return;
    const audio = document.getElementById("audio");
    const words = buildWords();
    const starts = words.map((w) => parseFloat(w.dataset.s));
    let current = null;

    function wordAt(t) {  // last word starting at or before t (binary search)
      let lo = 0, hi = starts.length - 1, found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
      }
      return found;
    }
    function highlight() {
      if (!audio) return;
      const i = wordAt(audio.currentTime + 0.01);
      const w = i >= 0 && audio.currentTime <= parseFloat(words[i].dataset.e) + 0.6 ? words[i] : null;
      if (w === current) return;
      if (current) current.classList.remove("current");
      if (w) {
        w.classList.add("current");
        const line = w.closest(".line");
        if (line && !audio.paused) line.scrollIntoView({ block: "nearest" });
      }
      current = w;
    }
    function seek(t, play) {
      if (!audio) return;
      audio.currentTime = t;
      highlight();
      if (play) audio.play().catch(() => {});
    }
    if (audio) {
      audio.addEventListener("timeupdate", highlight);
      audio.addEventListener("seeked", highlight);
      const tick = () => { highlight(); if (!audio.paused) requestAnimationFrame(tick); };
      audio.addEventListener("play", () => requestAnimationFrame(tick));
      const start = parseFloat(new URLSearchParams(location.search).get("t"));
      if (!isNaN(start)) {
        const go = () => seek(start, false);
        if (audio.readyState >= 1) go(); else audio.addEventListener("loadedmetadata", go, { once: true });
      }
      setupWaveform(audio);
    }
    root.addEventListener("click", (event) => {
      const target = event.target;
      if (target.classList.contains("w")) { seek(parseFloat(target.dataset.s), true); return; }
      if (target.classList.contains("seek")) { event.preventDefault(); seek(parseFloat(target.dataset.t), true); }
    });
    setupClipForm(root);
    setupMissedForm(root);
  }

  function tickedLines(root) {
    return Array.from(root.querySelectorAll(".line")).filter((l) => l.querySelector(".pick").checked);
  }

  function setupMissedForm(root) {  // managers: mark ticked lines as a churn risk the analysis missed
    const form = document.getElementById("missed-form");
    if (!form) return;
    const result = document.getElementById("missed-result");
    let loaded = false;
    root.addEventListener("change", async (event) => {
      if (!event.target.classList.contains("pick")) return;
      form.hidden = !tickedLines(root).length;
      if (form.hidden || loaded) return;
      loaded = true;
      const response = await fetch("/api/verdicts/categories", { credentials: "same-origin" });
      for (const name of await response.json()) {
        const option = document.createElement("option");
        option.textContent = name;
        form.category.appendChild(option);
      }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const call = parseInt(root.dataset.call, 10);
      try {
        for (const line of tickedLines(root)) {
          const number = parseInt(line.id.replace("line-", ""), 10) + 1;
          await postJson("/api/calls/" + call + "/missed", { line: number, category: form.category.value });
        }
        location.reload();
      } catch (err) {
        result.textContent = err.message;
        result.className = "error";
      }
    });
  }

  // The server sends each line's timed words once, as JSON ([start, end, text, probability] per word, a list per
  // line); the clickable words are made here, not in the HTML (a 2-hour call has ~14,000 of them).
  function lineWords(line, timed) {
    const usable = (timed || []).filter((w) => String(w[2]).trim());
    if (usable.length) return usable.map((w) => [w[0], w[1], String(w[2]).trim()]);
    const text = line.querySelector(".text").textContent.split(/\s+/).filter(Boolean);
    const start = parseFloat(line.dataset.start), span = Math.max(parseFloat(line.dataset.end) - start, 0);
    const total = text.reduce((n, p) => n + p.length + 1, 0);
    let at = start;
    return text.map((p) => {  // no timings (an imported transcript): the line's time shared by word length
      const length = (span * (p.length + 1)) / total, word = [at, at + length, p];
      at += length;
      return word;
    });
  }
  function buildWords() {
    let timed = [];
    try { timed = JSON.parse(document.getElementById("words").textContent || "[]"); } catch (err) { timed = []; }
    const spans = [];
    document.querySelectorAll("#transcript .line").forEach((line, i) => {
      const box = line.querySelector(".text"), fragment = document.createDocumentFragment();
      for (const [start, end, text] of lineWords(line, timed[i])) {
        const span = document.createElement("span");
        span.className = "w";
        span.dataset.s = start.toFixed(2);
        span.dataset.e = end.toFixed(2);
        span.textContent = text;
        fragment.append(span, " ");
        spans.push(span);
      }
      box.replaceChildren(fragment);
    });
    return spans;
  }

  function setupWaveform(audio) {
    if (!window.WaveSurfer || !window.WaveSurfer.create) return;
    try {
      const regions = window.WaveSurfer.Regions ? window.WaveSurfer.Regions.create() : null;
      const ws = window.WaveSurfer.create({
        container: "#waveform", media: audio, height: 64, waveColor: "#9fb3d9", progressColor: "#2457a6",
        plugins: regions ? [regions] : [],
      });
      const data = JSON.parse(document.getElementById("hit-regions").textContent || "[]");
      ws.on("decode", () => {
        for (const r of data) {
          const label = document.createElement("div");
          label.textContent = r.label;
          label.title = r.title;
          label.style.cssText = "font-size:12px;padding:1px 3px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis";
          regions.addRegion({ start: r.start, end: r.end, color: r.color, drag: false, resize: false, content: label });
        }
      });
    } catch (err) {
      console.warn("waveform unavailable", err);
    }
  }

  function setupClipForm(root) {
    const form = document.getElementById("clip-form");
    if (!form) return;
    const span = document.getElementById("clip-span");
    const result = document.getElementById("clip-result");
    function picked() {
      const lines = Array.from(root.querySelectorAll(".line")).filter((l) => l.querySelector(".pick").checked);
      if (!lines.length) return null;
      return {
        start: Math.min(...lines.map((l) => parseFloat(l.dataset.start))),
        end: Math.max(...lines.map((l) => parseFloat(l.dataset.end))),
        text: lines.map((l) => l.querySelector(".text").textContent.trim()).join(" "),
      };
    }
    root.addEventListener("change", (event) => {
      if (!event.target.classList.contains("pick")) return;
      const p = picked();
      form.hidden = !p;
      if (p) {
        span.textContent = clock(p.start) + "–" + clock(p.end);
        if (!form.title.value) form.title.value = p.text.split(/\s+/).slice(0, 8).join(" ");
      }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const p = picked();
      if (!p) return;
      const tags = form.tags.value.split(",").map((t) => t.trim()).filter(Boolean);
      result.textContent = "making the clip…";
      try {
        const clip = await postJson("/api/clips", {
          call_id: parseInt(root.dataset.call, 10), start: p.start, end: p.end, title: form.title.value, tags: tags,
        });
        result.textContent = "";
        const link = document.createElement("a");
        link.href = "/clips#clip-" + clip.id;
        link.textContent = "clip " + clip.id + " saved: open the library";
        result.appendChild(link);
      } catch (err) {
        result.textContent = err.message;
        result.className = "error";
      }
    });
  }

  function setupSearch() {
    document.querySelectorAll(".result .play").forEach((button) => {
      button.addEventListener("click", () => {
        const box = button.closest(".result");
        const audio = box.querySelector("audio");
        const t = parseFloat(button.dataset.t);
        const go = () => { audio.currentTime = t; audio.play().catch(() => {}); };
        audio.hidden = false;
        if (!audio.getAttribute("src")) {
          audio.src = button.dataset.src;
          audio.addEventListener("loadedmetadata", go, { once: true });
          audio.load();
        } else { go(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => { setupCall(); setupSearch(); });
})();
