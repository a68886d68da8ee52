/* eventcoder dashboard: filters, timeline (SVG), actor network (SVG) and the events table. */
"use strict";

(function () {
  const { el, svg, api, showError, QUADS } = window.EC;
  const PAGE = 25;
  const TABLE_COLUMNS = [
    "event_id", "event_date", "source_code", "source_name", "source_text", "target_code", "target_name", "target_text",
    "cameo_code", "cameo_label", "quad_class", "goldstein", "trigger", "rule", "doc_id", "sentence",
  ].join(",");
  const view = { offset: 0 };

  // -- timeline ------------------------------------------------------------------------------------------

  function scale(domainMin, domainMax, rangeMin, rangeMax) {
    const span = domainMax - domainMin || 1;
    return (v) => rangeMin + ((v - domainMin) / span) * (rangeMax - rangeMin);
  }

  function niceMax(value) {
    if (value <= 0) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
    return 10 * power;
  }

  function drawAxes(chart, box, yMax, gMax) {
    const y = scale(0, yMax, box.bottom, box.top);
    const g = scale(-gMax, gMax, box.bottom, box.top);
    for (let i = 0; i <= 4; i++) {
      const value = (yMax * i) / 4;
      chart.append(svg("line", { x1: box.left, x2: box.right, y1: y(value), y2: y(value), className: "grid" }));
      chart.append(svg("text", { x: box.left - 6, y: y(value) + 4, className: "tick end", text: Math.round(value * 10) / 10 }));
      const gv = -gMax + (2 * gMax * i) / 4;
      chart.append(svg("text", { x: box.right + 6, y: g(gv) + 4, className: "tick gold", text: Math.round(gv * 10) / 10 }));
    }
    chart.append(svg("line", { x1: box.left, x2: box.right, y1: g(0), y2: g(0), className: "zero" }));
    chart.append(svg("text", { x: box.left - 40, y: box.top - 10, className: "axis-label", text: "events" }));
    chart.append(svg("text", { x: box.right - 40, y: box.top - 10, className: "axis-label gold", text: "net Goldstein" }));
    return { y, g };
  }

  function drawBars(chart, rows, box, y) {
    const band = (box.right - box.left) / rows.length;
    const width = Math.max(2, band * 0.7);
    rows.forEach((row, i) => {
      const x = box.left + i * band + (band - width) / 2;
      let base = 0;
      for (const quad of QUADS) {
        const n = row[quad.key] || 0;
        if (!n) continue;
        const rect = svg("rect", { x: x, y: y(base + n), width: width, height: y(base) - y(base + n), className: "bar " + quad.cls });
        rect.append(svg("title", { text: row.period + ": " + n + " " + quad.label.toLowerCase() }));
        chart.append(rect);
        base += n;
      }
      const every = Math.ceil(rows.length / 12);
      if (i % every === 0) {
        chart.append(svg("text", { x: x + width / 2, y: box.bottom + 16, className: "tick middle", text: row.period }));
      }
    });
    return band;
  }

  function drawGoldstein(chart, rows, box, band, g) {
    const points = rows.map((row, i) => [box.left + i * band + band / 2, g(row.goldstein_sum || 0), row]);
    const path = points.map((p, i) => (i ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1)).join(" ");
    chart.append(svg("path", { d: path, className: "gline" }));
    for (const [x, yy, row] of points) {
      const dot = svg("circle", { cx: x, cy: yy, r: 4, className: "gpoint", "data-period": row.period });
      dot.append(svg("title", { text: row.period + ": " + row.events + " events, net Goldstein " + row.goldstein_sum + ", mean " + row.goldstein_mean }));
      chart.append(dot);
    }
  }

  function drawLegend(chart, box) {
    QUADS.forEach((quad, i) => {
      const x = box.left + i * 170;
      chart.append(svg("rect", { x: x, y: 8, width: 12, height: 12, className: "bar " + quad.cls }));
      chart.append(svg("text", { x: x + 16, y: 18, className: "legend", text: quad.label }));
    });
    chart.append(svg("line", { x1: box.left + 690, x2: box.left + 710, y1: 14, y2: 14, className: "gline" }));
    chart.append(svg("text", { x: box.left + 714, y: 18, className: "legend", text: "net Goldstein" }));
  }

  function drawTimeline(rows, by) {
    const chart = document.getElementById("timeline");
    chart.replaceChildren();
    document.getElementById("timeline-note").textContent = rows.length
      ? rows.reduce((n, r) => n + r.events, 0) + " dated events in " + rows.length + " " + by + (rows.length === 1 ? "" : "s")
      : "No dated events match the filters.";
    if (!rows.length) return;
    const box = { left: 50, right: 880, top: 50, bottom: 270 };
    const yMax = niceMax(Math.max(...rows.map((r) => r.events)));
    const gMax = niceMax(Math.max(1, ...rows.map((r) => Math.abs(r.goldstein_sum || 0))));
    const { y, g } = drawAxes(chart, box, yMax, gMax);
    const band = drawBars(chart, rows, box, y);
    drawGoldstein(chart, rows, box, band, g);
    drawLegend(chart, box);
  }

  // -- network -------------------------------------------------------------------------------------------

  /** Colour of a mean Goldstein score: red (-10) through grey (0) to blue (+10). */
  function goldsteinColour(value) {
    const t = Math.max(-1, Math.min(1, (value || 0) / 10));
    const grey = [150, 150, 150];
    const end = t < 0 ? [200, 30, 30] : [30, 90, 200];
    const mix = grey.map((c, i) => Math.round(c + (end[i] - c) * Math.abs(t)));
    return "rgb(" + mix.join(",") + ")";
  }

  function undirected(rows) {
    const pairs = new Map();
    for (const row of rows) {
      if (row.source === row.target) continue;
      const key = [row.source, row.target].sort().join("\u0000");
      const pair = pairs.get(key) || { a: [row.source, row.target].sort()[0], b: [row.source, row.target].sort()[1], events: 0, sum: 0 };
      pair.events += row.events;
      pair.sum += row.goldstein_sum || 0;
      pairs.set(key, pair);
    }
    return Array.from(pairs.values()).map((p) => Object.assign(p, { mean: p.sum / p.events }));
  }

  function layout(pairs, width, height) {
    const weight = new Map();
    for (const p of pairs) for (const n of [p.a, p.b]) weight.set(n, (weight.get(n) || 0) + p.events);
    const names = Array.from(weight.keys()).sort();  // alphabetical: a country is easy to find on the ring
    const rx = width / 2 - 90, ry = height / 2 - 40;  // an ellipse uses the chart's width
    const at = new Map();
    names.forEach((name, i) => {
      const angle = (2 * Math.PI * i) / names.length - Math.PI / 2;
      at.set(name, { x: width / 2 + rx * Math.cos(angle), y: height / 2 + ry * Math.sin(angle), angle: angle, weight: weight.get(name) });
    });
    return at;
  }

  function drawNetwork(rows) {
    const chart = document.getElementById("network");
    chart.replaceChildren();
    const pairs = undirected(rows);
    document.getElementById("network-note").textContent = pairs.length
      ? pairs.length + " pairs of actors; width = events, colour = mean Goldstein (red conflict, blue cooperation)"
      : "No events between two actors match the filters.";
    if (!pairs.length) return;
    const at = layout(pairs, 900, 520);
    const most = Math.max(...pairs.map((p) => p.events));
    const heaviest = Math.max(...Array.from(at.values()).map((n) => n.weight));
    for (const p of pairs) {
      const a = at.get(p.a), b = at.get(p.b);
      const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, className: "edge", stroke: goldsteinColour(p.mean), "stroke-width": (1 + 9 * Math.sqrt(p.events / most)).toFixed(1) });
      line.append(svg("title", { text: p.a + " – " + p.b + ": " + p.events + " events, mean Goldstein " + p.mean.toFixed(2) }));
      chart.append(line);
    }
    for (const [name, node] of at.entries()) {
      const circle = svg("circle", { cx: node.x, cy: node.y, r: (4 + 8 * Math.sqrt(node.weight / heaviest)).toFixed(1), className: "node" });
      circle.append(svg("title", { text: name + ": " + node.weight + " events" }));
      chart.append(circle);
      const cos = Math.cos(node.angle), sin = Math.sin(node.angle);
      const anchor = Math.abs(cos) < 0.25 ? "middle" : cos > 0 ? "start" : "end";
      chart.append(svg("text", { x: node.x + 16 * cos, y: node.y + 18 * sin + 4, className: "node-label " + anchor, text: name }));
    }
  }

  // -- events table --------------------------------------------------------------------------------------

  function eventRow(e) {
    return el("tr", { className: "event-row" }, [
      el("td", { className: "date", text: e.event_date || "—" }),
      el("td", { className: "actor", text: EC.actorLabel(e.source_code, e.source_name, e.source_text) }),
      el("td", { className: "event" }, [el("span", { className: "code q" + e.quad_class, text: e.cameo_code }), " " + (e.cameo_label || "")]),
      el("td", { className: "actor", text: EC.actorLabel(e.target_code, e.target_name, e.target_text) }),
      el("td", { className: "num", text: e.goldstein === null ? "—" : e.goldstein }),
      el("td", { className: "evidence" }, [EC.highlighted(e.sentence || "", e.spans)]),
      el("td", { className: "doc" }, [EC.articleLink(e.doc_id)]),
    ]);
  }

  function drawTable(page) {
    const body = document.querySelector("#events tbody");
    body.replaceChildren(...page.rows.map(eventRow));
    const last = page.offset + page.rows.length;
    document.getElementById("page-note").textContent = page.total
      ? "Reports " + (page.offset + 1) + "–" + last + " of " + page.total
      : "No events match the filters.";
    document.getElementById("prev").disabled = page.offset === 0;
    document.getElementById("next").disabled = last >= page.total;
  }

  // -- loading -------------------------------------------------------------------------------------------

  async function loadTable(filters) {
    const page = await api("/api/v1/events", Object.assign({}, filters, { table: "mentions", columns: TABLE_COLUMNS, limit: PAGE, offset: view.offset }));
    drawTable(page);
  }

  async function loadAll() {
    const form = document.getElementById("filters");
    const filters = EC.formParams(form);
    const by = form.elements.by.value;
    history.replaceState(null, "", "?" + new URLSearchParams(Object.assign({ by: by }, filters)).toString());
    showError("");
    try {
      const [stats, network] = await Promise.all([
        api("/api/v1/stats", Object.assign({ by: by }, filters)),
        api("/api/v1/network", Object.assign({ level: form.elements.level.value }, filters)),
      ]);
      drawTimeline(stats.rows, by);
      drawNetwork(network.rows);
      await loadTable(filters);
      document.body.dataset.loaded = "true";
    } catch (error) {
      showError(error.message);
      document.body.dataset.loaded = "error";
    }
  }

  function start() {
    const form = document.getElementById("filters");
    EC.fillForm(form, location.search);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      view.offset = 0;
      loadAll();
    });
    form.addEventListener("reset", () => setTimeout(() => { view.offset = 0; loadAll(); }, 0));
    document.getElementById("prev").addEventListener("click", () => {
      view.offset = Math.max(0, view.offset - PAGE);
      loadTable(EC.formParams(form)).catch((e) => showError(e.message));
    });
    document.getElementById("next").addEventListener("click", () => {
      view.offset += PAGE;
      loadTable(EC.formParams(form)).catch((e) => showError(e.message));
    });
    loadAll();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
