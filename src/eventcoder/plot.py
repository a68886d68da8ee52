"""Timeline charts of the event store: events per period stacked by QuadClass, net Goldstein as a line.

:func:`plot_timeline` draws with matplotlib's object API (a ``Figure`` with the Agg canvas, no pyplot
and no global backend switch) and writes PNG, SVG, or an HTML page holding the PNG and the numbers.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .errors import ExportError, QueryError
from .query import PERIODS, EventFilter, time_series
from .store import EventStore

__all__ = ["CHART_SUFFIXES", "Timeline", "default_title", "plot_timeline", "timeline"]

CHART_SUFFIXES = (".png", ".svg", ".html")
"""File types :func:`plot_timeline` writes, by the output file's suffix."""

QUADS = (
    ("verbal_coop", "Verbal cooperation (1)", "#7fbf7b"),
    ("material_coop", "Material cooperation (2)", "#1b7837"),
    ("verbal_conflict", "Verbal conflict (3)", "#f4a582"),
    ("material_conflict", "Material conflict (4)", "#b2182b"),
)
"""QuadClass columns of :func:`eventcoder.query.time_series`, their legend labels and colours."""


@dataclass(frozen=True)
class Timeline:
    """Counts per period, every period between the first and the last present (empty ones as zeros).

    Attributes:
        periods (list[date]): the first day of each period.
        counts (dict[str, list[int]]): per QuadClass column name, the events of each period.
        goldstein (list[float]): the net Goldstein score (sum) of each period.
    """

    periods: list[date]
    counts: dict[str, list[int]]
    goldstein: list[float]


def _next_period(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(weeks=1)
    if by == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def timeline(store: EventStore, filt: EventFilter | None = None, *, by: str = "month") -> Timeline:
    """The deduplicated events matching ``filt`` per period (see :func:`eventcoder.query.time_series`).

    Raises:
        QueryError: an unknown period, or no dated event matches (nothing to draw).
    """
    names, rows = time_series(store, filt, by=by)
    if not rows:
        raise QueryError("no dated events match the filter: nothing to plot")
    found = {row[0]: dict(zip(names, row, strict=True)) for row in rows}
    periods = [rows[0][0]]
    while periods[-1] < rows[-1][0]:
        periods.append(_next_period(periods[-1], by))
    empty: dict[str, float] = {name: 0 for name, _, _ in QUADS} | {"goldstein_sum": 0.0}
    cells = [found.get(p, empty) for p in periods]
    return Timeline(periods, {name: [int(c[name]) for c in cells] for name, _, _ in QUADS},
                    [float(c["goldstein_sum"] or 0.0) for c in cells])


def _label(day: date, by: str) -> str:
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[by]


MIN_SLOTS = 8
"""The fewest period slots a chart's x axis shows, so that one period's bar keeps the width it has among many."""


def _figure(data: Timeline, by: str, title: str):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 5.5), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    x = list(range(len(data.periods)))
    bottom = [0] * len(x)
    for name, label, colour in QUADS:
        ax.bar(x, data.counts[name], bottom=bottom, color=colour, label=label, width=0.8)
        bottom = [b + c for b, c in zip(bottom, data.counts[name], strict=True)]
    ax.set_ylabel("events (deduplicated)")
    ax.set_xlabel(by)
    pad = max(0.0, (MIN_SLOTS - len(x)) / 2)  # a period or two: bars of the usual width, not filling the frame
    ax.set_xlim(-0.5 - pad, len(x) - 0.5 + pad)
    step = max(1, len(x) // 16)
    ax.set_xticks(x[::step], [_label(p, by) for p in data.periods][::step], rotation=45, ha="right")
    line_ax = ax.twinx()
    line_ax.plot(x, data.goldstein, color="#2c3e50", marker="o", linewidth=2, label="net Goldstein (sum)")
    line_ax.axhline(0, color="#999999", linewidth=0.8, linestyle="--")
    line_ax.set_ylabel("net Goldstein score (sum, + cooperative)")
    handles, labels = ax.get_legend_handles_labels()
    more, more_labels = line_ax.get_legend_handles_labels()
    fig.legend(handles + more, labels + more_labels, loc="outside lower center", ncols=len(handles + more),
               fontsize="small", frameon=False)  # below the chart: it covers no bar
    ax.set_title(title)
    return fig


def _html(png: bytes, data: Timeline, by: str, title: str) -> str:
    rows = "".join(
        f"<tr><td>{_label(p, by)}</td>" + "".join(f"<td>{data.counts[n][i]}</td>" for n, _, _ in QUADS)
        + f"<td>{data.goldstein[i]:.1f}</td></tr>"
        for i, p in enumerate(data.periods)
    )
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label, _ in QUADS)
    return (f"<!doctype html>\n<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>\n"
            f"<h1>{html.escape(title)}</h1>\n<img alt='{html.escape(title)}' "
            f"src='data:image/png;base64,{base64.b64encode(png).decode('ascii')}'>\n"
            f"<table><tr><th>{by}</th>{head}<th>net Goldstein</th></tr>{rows}</table>\n</body></html>\n")


def default_title(filt: EventFilter | None, by: str) -> str:
    """A chart title naming the dyad, actor or country of ``filt`` and the period."""
    filt = filt or EventFilter()
    if filt.dyad:
        who = f"{filt.dyad[0]}–{filt.dyad[1]}" if filt.either else f"{filt.dyad[0]} → {filt.dyad[1]}"
    else:
        who = filt.actor or filt.country or "all actors"
    return f"Events {who} per {by}: counts by QuadClass, net Goldstein score"


def plot_timeline(store: EventStore, path: str | Path, filt: EventFilter | None = None, *, by: str = "month",
                  title: str | None = None) -> Timeline:
    """Draw the timeline of the events matching ``filt`` and write it to ``path`` (.png, .svg or .html).

    Bars: deduplicated events per period, stacked by QuadClass (cooperation in greens, conflict in reds);
    line (right axis): the period's net Goldstein score (sum). The HTML page holds the PNG and a table.

    RETURNS (Timeline): the numbers drawn.

    Raises:
        QueryError: an unknown period, or no dated event matches.
        ExportError: an unknown file suffix, or the file cannot be written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ExportError(f"cannot draw {path}: give a file ending in {', '.join(CHART_SUFFIXES)}")
    if by not in PERIODS:
        raise QueryError(f"--by {by!r} is not a period; use one of {', '.join(PERIODS)}")
    data = timeline(store, filt, by=by)
    title = title or default_title(filt, by)
    fig = _figure(data, by, title)
    try:
        if suffix == ".html":
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png")
            path.write_text(_html(buffer.getvalue(), data, by, title), encoding="utf-8")
        else:
            fig.savefig(path, format=suffix[1:])
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return data
