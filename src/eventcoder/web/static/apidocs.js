/* eventcoder: the API reference, drawn from /openapi.json (no Swagger UI: nothing is fetched from elsewhere). */
"use strict";

(function () {
  const { el, api, showError } = window.EC;

  function resolve(spec, schema) {
    if (schema && schema.$ref) return spec.components.schemas[schema.$ref.split("/").pop()] || {};
    return schema || {};
  }

  function typeOf(spec, schema) {
    const s = resolve(spec, schema);
    if (s.enum) return s.enum.join(" | ");
    if (s.anyOf) return s.anyOf.map((x) => typeOf(spec, x)).join(" | ");
    if (s.type === "array") return typeOf(spec, s.items) + "[]";
    return s.type || s.title || "object";
  }

  function fieldTable(rows) {
    const body = rows.map((r) => el("tr", {}, r.map((cell) => el("td", { text: cell === undefined ? "" : cell }))));
    return el("table", { className: "params" }, [
      el("thead", {}, [el("tr", {}, ["name", "in", "type", "default", "description"].map((h) => el("th", { text: h })))]),
      el("tbody", {}, body),
    ]);
  }

  function parameters(spec, op) {
    const rows = (op.parameters || []).map((p) => {
      const schema = resolve(spec, p.schema);
      return [p.name, p.in, typeOf(spec, p.schema), schema.default === undefined ? "" : JSON.stringify(schema.default), p.description || schema.description || ""];
    });
    const content = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    if (content) {
      const body = resolve(spec, content.schema);
      for (const [name, field] of Object.entries(body.properties || {})) {
        const required = (body.required || []).includes(name);
        rows.push([name, "body (JSON)" + (required ? ", required" : ""), typeOf(spec, field), field.default === undefined ? "" : JSON.stringify(field.default), field.description || ""]);
      }
    }
    return rows.length ? fieldTable(rows) : el("p", { className: "muted", text: "No parameters." });
  }

  function endpoint(spec, path, method, op) {
    return el("section", { className: "endpoint" }, [
      el("h3", {}, [el("span", { className: "method", text: method.toUpperCase() }), " " + path]),
      el("p", { text: op.summary || "" }),
      el("p", { className: "description", text: op.description || "" }),
      parameters(spec, op),
    ]);
  }

  async function start() {
    try {
      const spec = await api("/openapi.json");
      document.getElementById("api-title").textContent = spec.info.title + " API " + spec.info.version;
      const box = document.getElementById("endpoints");
      for (const [path, methods] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(methods)) box.append(endpoint(spec, path, method, op));
      }
      document.body.dataset.loaded = "true";
    } catch (error) {
      showError(error.message);
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
