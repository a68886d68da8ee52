/* eventcoder: one stored article, its evidence sentences highlighted and its events explained. */
"use strict";

(function () {
  const { el, api, showError, highlighted, eventCard } = window.EC;

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function drawMeta(article) {
    document.getElementById("headline").textContent = article.headline || article.doc_id;
    const meta = document.getElementById("meta");
    const rows = [["Document", article.doc_id], ["Outlet", article.outlet], ["Published", article.published],
                  ["Dateline", article.dateline], ["Coded", article.coded_at + " by eventcoder " + article.coder_version]];
    for (const [name, value] of rows) if (value) meta.append(el("dt", { text: name }), el("dd", { text: value }));
    const url = safeUrl(article.url);
    if (url) meta.append(el("dt", { text: "URL" }), el("dd", {}, [el("a", { href: url, rel: "noreferrer" }, [url])]));
  }

  function drawSentences(sentences, events) {
    const byId = new Map(events.map((e) => [e.event_id, e]));
    const box = document.getElementById("sentences");
    box.replaceChildren();
    for (const s of sentences) {
      const spans = s.events.flatMap((id) => (byId.get(id) || {}).spans || []);
      box.append(el("p", { className: "sentence", "data-start": s.start }, [
        el("span", { className: "offset", text: s.start + "–" + s.end }), " ", highlighted(s.text, spans),
      ]));
    }
    if (!sentences.length) box.append(el("p", { className: "muted", text: "No events were coded from this article." }));
  }

  async function start() {
    const docId = new URLSearchParams(location.search).get("doc_id");
    if (!docId) {
      showError("No article given: open this page from the dashboard's table (?doc_id=...).");
      return;
    }
    try {
      const data = await api("/api/v1/articles/" + encodeURIComponent(docId));
      drawMeta(data.article);
      drawSentences(data.sentences, data.events);
      document.getElementById("event-list").replaceChildren(...data.events.map(eventCard));
      document.body.dataset.loaded = "true";
    } catch (error) {
      showError(error.message);
      document.body.dataset.loaded = "error";
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
