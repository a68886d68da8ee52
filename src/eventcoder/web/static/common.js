/* eventcoder dashboard: helpers shared by every page (plain JavaScript, no library).
 *
 * Article text and every value that came from the store is put into the page with textContent or as
 * text nodes, never as HTML: a "<script>" in an article shows as those characters.
 */
"use strict";

window.EC = (function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const QUADS = [
    { key: "verbal_coop", label: "Verbal cooperation", cls: "q1" },
    { key: "material_coop", label: "Material cooperation", cls: "q2" },
    { key: "verbal_conflict", label: "Verbal conflict", cls: "q3" },
    { key: "material_conflict", label: "Material conflict", cls: "q4" },
  ];
  const FILTERS = ["dyad", "either", "actor", "country", "code", "root", "plover_type", "since", "until", "text"];

  /** An HTML element: attrs are set as attributes (or properties for "text", "className"), children appended. */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    setAll(node, attrs);
    for (const child of [].concat(children || [])) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** An SVG element with attributes; "text" sets its text content. */
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    setAll(node, attrs);
    return node;
  }

  function setAll(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "className") node.setAttribute("class", value);
      else node.setAttribute(name, String(value));
    }
  }

  /** GET or POST JSON from the API; rejects with an Error carrying the server's one-line detail. */
  async function api(path, params, options) {
    const query = params ? "?" + new URLSearchParams(params).toString() : "";
    const response = await fetch(path + query, options || {});
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.detail || response.status + " " + response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  /** Show a message in the page's #error box (empty hides it). */
  function showError(message) {
    const box = document.getElementById("error");
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
  }

  /** Sorted, non-overlapping spans: identical ranges share their roles, a span overlapping an earlier one is dropped. */
  function mergeSpans(spans) {
    const sorted = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const out = [];
    for (const span of sorted) {
      const last = out[out.length - 1];
      if (last && last.start === span.start && last.end === span.end) {
        last.roles = Array.from(new Set(last.roles.concat(span.roles)));
      } else if (!last || span.start >= last.end) {
        out.push({ start: span.start, end: span.end, roles: span.roles.slice() });
      }
    }
    return out;
  }

  /** A fragment of `text` with each span wrapped in <mark class="hl ROLE..."> (all as text nodes). */
  function highlighted(text, spans) {
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const span of mergeSpans(spans || [])) {
      if (span.start < at || span.end > text.length) continue;
      fragment.append(document.createTextNode(text.slice(at, span.start)));
      const roles = span.roles.map((r) => "hl-" + r).join(" ");
      fragment.append(el("mark", { className: "hl " + roles, title: span.roles.join(" + ") }, [text.slice(span.start, span.end)]));
      at = span.end;
    }
    fragment.append(document.createTextNode(text.slice(at)));
    return fragment;
  }

  /** An actor as "CODE (name)" or its words when it has no code. */
  function actorLabel(code, name, words) {
    if (code) return name ? code + " (" + name + ")" : code;
    return words ? "“" + words + "” (unresolved)" : "—";
  }

  /** A link to the article view of doc_id. */
  function articleLink(docId, text) {
    const href = "/article?" + new URLSearchParams({ doc_id: docId }).toString();
    return el("a", { href: href, className: "doc-link" }, [text || docId]);
  }

  /** A card explaining one event: code, actors, trigger, the rule that fired, how each actor was resolved. */
  function eventCard(e) {
    const title = el("div", { className: "card-title" }, [
      el("span", { className: "code q" + e.quad_class, text: e.cameo_code }),
      " " + (e.cameo_label || "") + "  ",
      el("span", { className: "muted", text: "Goldstein " + (e.goldstein === null ? "—" : e.goldstein) + ", " + (e.event_date || "no date") }),
    ]);
    const rows = [
      ["Source", actorLabel(e.source_code, e.source_name, e.source_text)],
      ["Target", actorLabel(e.target_code, e.target_name, e.target_text)],
      ["Trigger", e.trigger],
      ["Rule", e.rule],
      ["Source resolved by", e.source_how || "—"],
      ["Target resolved by", e.target_how || "—"],
      ["PLOVER", [e.plover_type, e.plover_mode, e.plover_context].filter(Boolean).join(" / ") || "—"],
    ];
    const list = el("dl", { className: "facts" });
    for (const [name, value] of rows) list.append(el("dt", { text: name }), el("dd", { text: value || "" }));
    const sentence = el("p", { className: "evidence" }, [highlighted(e.sentence || "", e.spans)]);
    return el("article", { className: "event-card", "data-event-id": e.event_id }, [title, sentence, list]);
  }

  /** The filter values of the dashboard's form as API parameters (empty ones left out). */
  function formParams(form) {
    const params = {};
    for (const name of FILTERS) {
      const input = form.elements[name];
      if (!input) continue;
      if (input.type === "checkbox") {
        if (input.checked) params[name] = "true";
      } else if (input.value.trim()) {
        params[name] = input.value.trim();
      }
    }
    return params;
  }

  /** Fill the form from the page's URL query (a shared link shows the same view). */
  function fillForm(form, search) {
    const query = new URLSearchParams(search);
    for (const [name, value] of query.entries()) {
      const input = form.elements[name];
      if (!input) continue;
      if (input.type === "checkbox") input.checked = value === "true";
      else input.value = value;
    }
  }

  return { QUADS, FILTERS, el, svg, api, showError, mergeSpans, highlighted, actorLabel, articleLink, eventCard, formParams, fillForm };
})();
