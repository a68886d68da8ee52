/* eventcoder: paste an article, code it with POST /api/v1/code, show its events highlighted with their rules. */
"use strict";

(function () {
  const { api, showError, highlighted, eventCard } = window.EC;

  /** Every event's spans as offsets in the whole text (sentence_start + offset in the sentence). */
  function textSpans(events) {
    return events.flatMap((e) => (e.spans || []).map((s) => ({ start: e.sentence_start + s.start, end: e.sentence_start + s.end, roles: s.roles })));
  }

  function drawResult(result) {
    document.getElementById("coded-text").replaceChildren(highlighted(result.text, textSpans(result.events)));
    document.getElementById("event-list").replaceChildren(...result.events.map(eventCard));
    document.getElementById("result").hidden = false;
    const stored = result.stored ? "; stored as " + result.doc_id : "";
    document.getElementById("status").textContent = result.events.length + " event" + (result.events.length === 1 ? "" : "s") + " coded" + stored + ".";
  }

  async function submit(event) {
    event.preventDefault();
    const form = event.target;
    const body = { text: form.elements.text.value, doc_id: form.elements.doc_id.value.trim() || "pasted", store: form.elements.store.checked };
    if (form.elements.published.value) body.published = form.elements.published.value;
    const headers = { "Content-Type": "application/json" };
    if (form.elements.api_key.value) headers["X-API-Key"] = form.elements.api_key.value;
    showError("");
    document.getElementById("status").textContent = "Coding…";
    document.body.dataset.loaded = "coding";
    try {
      drawResult(await api("/api/v1/code", null, { method: "POST", headers: headers, body: JSON.stringify(body) }));
      document.body.dataset.loaded = "true";
    } catch (error) {
      document.getElementById("status").textContent = "";
      showError(error.message);
      document.body.dataset.loaded = "error";
    }
  }

  document.addEventListener("DOMContentLoaded", () => document.getElementById("code-form").addEventListener("submit", submit));
})();
