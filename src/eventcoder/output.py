"""Writing event records: JSON Lines, CSV and a readable rich table.

Every writer takes :class:`~eventcoder.model.EventRecord` objects. JSON Lines and CSV carry exactly
:data:`~eventcoder.model.RECORD_COLUMNS`, in that order; ``None`` is JSON ``null`` and an empty CSV
cell. The table is for people: a few columns, shortened sentences.

CSV is opened in spreadsheets, which run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) as a formula: a sentence quoting ``=HYPERLINK(...)`` would become a link. Every CSV this
module writes (:func:`write_csv`, :func:`write_rows`: ``code``, ``events``, ``sql``, ``export --format csv``
and the API's ``format=csv``) therefore starts such a text cell with a single quote (OWASP's rule,
:func:`spreadsheet_safe`); numbers, and text that is a plain decimal number (``-3.5``), are written as they are.
JSON Lines keep the text exactly.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from .model import RECORD_COLUMNS, EventRecord

if TYPE_CHECKING:  # rich is imported when a table is printed
    from rich.console import Console

__all__ = ["FORMATS", "RecordWriter", "print_table", "spreadsheet_safe", "write_csv", "write_jsonl", "write_rows"]

FORMATS = ("jsonl", "csv", "table")
"""Output formats :class:`RecordWriter` knows."""

SENTENCE_WIDTH = 90
"""Characters of the evidence sentence shown in the table before it is cut with an ellipsis."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a CSV cell as a formula (OWASP's CSV injection list)."""

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` for a CSV cell: a ``str`` that begins with one of :data:`FORMULA_STARTS` gets a leading ``'``
    (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``), unless it is a plain decimal number (``-3.5``, ``+1e3``);
    anything else (numbers, None, other text) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_jsonl(records: Iterable[EventRecord], fh: TextIO) -> int:
    """Write one JSON object per record and line (keys in RECORD_COLUMNS order, UTF-8 text as is).

    Args:
        records (Iterable[EventRecord]): the records.
        fh (TextIO): an open text file.

    RETURNS (int): the number of records written.
    """
    n = 0
    for record in records:
        fh.write(json.dumps(record.as_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[EventRecord], fh: TextIO, *, header: bool = True) -> int:
    """Write records as CSV with RECORD_COLUMNS as the header row; ``None`` becomes an empty cell, and a text cell
    a spreadsheet would run as a formula starts with ``'`` (:func:`spreadsheet_safe`).

    Args:
        records (Iterable[EventRecord]): the records.
        fh (TextIO): an open text file (open it with ``newline=""``).
        header (bool): write the header row first; pass False to append rows to a file that has it.

    RETURNS (int): the number of records written (the header not counted).
    """
    writer = csv.DictWriter(fh, fieldnames=RECORD_COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    n = 0
    for record in records:
        writer.writerow({name: spreadsheet_safe(value) for name, value in record.as_dict().items()})
        n += 1
    return n


def _shorten(text: str, width: int = SENTENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _actor_cell(code: str | None, text: str | None):
    from rich.text import Text

    cell = Text(code or "?", style="bold" if code else "red")
    if text:
        cell.append(f"\n{_shorten(text, 18)}", style="dim")
    return cell


def _article_table(records: list[EventRecord]):
    """One article's events as a rich Table titled with its doc_id and headline."""
    from rich.table import Table
    from rich.text import Text

    first = records[0]
    title = first.doc_id + (f": {_shorten(first.headline, 70)}" if first.headline else "")
    table = Table(title=title, title_justify="left", title_style="bold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Source")
    table.add_column("Target")
    table.add_column("CAMEO")
    table.add_column("Gold.", justify="right", no_wrap=True)
    table.add_column("Quad", justify="right", no_wrap=True)
    table.add_column("Trigger")
    table.add_column("Sentence")
    for r in records:
        table.add_row(
            Text(r.event_date or "?"),
            _actor_cell(r.source_code, r.source_text),
            _actor_cell(r.target_code, r.target_text),
            Text.assemble((r.cameo_code, "bold"), " ", (_shorten(r.cameo_label or "", 28), "dim")),
            Text("" if r.goldstein is None else f"{r.goldstein:+.1f}"),
            Text(str(r.quad_class)),
            Text(_shorten(r.trigger or "", 20)),
            Text(_shorten(r.sentence or "")),
        )
    return table


def print_table(records: Iterable[EventRecord], console: Console) -> int:
    """Print records as readable tables, one per article (titled with its doc_id and headline): date,
    source and target codes (with the words as written), CAMEO code and label, Goldstein, QuadClass,
    trigger and the evidence sentence, shortened.

    Args:
        records (Iterable[EventRecord]): the records, grouped by article (as a Coder yields them).
        console (rich.console.Console): where to print.

    RETURNS (int): the number of records printed; "No events coded." is printed when there is none.
    """
    groups: dict[str, list[EventRecord]] = {}
    for record in records:
        groups.setdefault(record.doc_id, []).append(record)
    for group in groups.values():
        console.print(_article_table(group))
    if not groups:
        console.print("No events coded.")
    return sum(len(g) for g in groups.values())


class RecordWriter:
    """Writes records article by article to one output in one of :data:`FORMATS`.

    JSON Lines and CSV rows are written as they come (the CSV header first, even when no record
    follows); a table is printed by :meth:`close`, once every record is known.

    Args:
        fmt (str): "jsonl", "csv" or "table".
        fh (TextIO): the open output; the caller closes it.
        width (int | None): table width in characters; None = the terminal's (80 when not a terminal).

    Raises:
        ValueError: an unknown format.
    """

    def __init__(self, fmt: str, fh: TextIO, *, width: int | None = None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.fmt, self.fh, self.width = fmt, fh, width
        self.count = 0
        self._table: list[EventRecord] = []
        if fmt == "csv":
            write_csv([], fh)

    def write(self, records: Iterable[EventRecord]) -> None:
        """Write (or, for a table, keep) these records."""
        records = list(records)
        if self.fmt == "jsonl":
            write_jsonl(records, self.fh)
        elif self.fmt == "csv":
            write_csv(records, self.fh, header=False)
        else:
            self._table.extend(records)
        self.count += len(records)

    def close(self) -> None:
        """Finish the output: print the table, flush the file (it stays open)."""
        if self.fmt == "table":
            from rich.console import Console

            print_table(self._table, Console(file=self.fh, width=self.width, soft_wrap=False))
            self._table = []
        self.fh.flush()


def _plain(value: Any) -> Any:
    """A query value as JSON has it: dates and times as ISO strings, the rest unchanged."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, fh: TextIO, *,
               title: str | None = None, width: int | None = None) -> int:
    """Write query results (any columns) as JSON Lines, CSV or a readable table.

    Args:
        columns (Sequence[str]): column names.
        rows (Iterable[Sequence]): rows of values in ``columns`` order; dates are written as ISO strings,
            ``None`` as JSON ``null``, an empty CSV cell or an empty table cell; CSV text cells as
            :func:`spreadsheet_safe` makes them.
        fmt (str): "jsonl", "csv" or "table".
        fh (TextIO): an open text file (CSV: opened with ``newline=""``).
        title (str | None): the table's title.
        width (int | None): table width in characters; None = the terminal's.

    RETURNS (int): the number of rows written.

    Raises:
        ValueError: an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows = [[_plain(v) for v in row] for row in rows]
    if fmt == "jsonl":
        for row in rows:
            fh.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([spreadsheet_safe(name) for name in columns])
        writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
    else:
        _print_rows(columns, rows, fh, title, width)
    fh.flush()
    return len(rows)


def _print_rows(columns: Sequence[str], rows: list[list[Any]], fh: TextIO, title: str | None,
                width: int | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold")
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else _shorten(str(v)) for v in row))
    console = Console(file=fh, width=width, soft_wrap=False)
    console.print(table if rows else f"{title + ': ' if title else ''}no rows.")
