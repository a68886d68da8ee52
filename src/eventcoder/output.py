"""Writing event records: JSON Lines, CSV and a readable rich table.

Every writer takes :class:`~eventcoder.model.EventRecord` objects. JSON Lines and CSV carry exactly
:data:`~eventcoder.model.RECORD_COLUMNS`, in that order; ``None`` is JSON ``null`` and an empty CSV
cell. The table is for people: a few columns, shortened sentences.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from .model import RECORD_COLUMNS, EventRecord

if TYPE_CHECKING:  # rich is imported when a table is printed
    from rich.console import Console

__all__ = ["FORMATS", "RecordWriter", "print_table", "write_csv", "write_jsonl"]

FORMATS = ("jsonl", "csv", "table")
"""Output formats :class:`RecordWriter` knows."""

SENTENCE_WIDTH = 90
"""Characters of the evidence sentence shown in the table before it is cut with an ellipsis."""


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
    """Write records as CSV with RECORD_COLUMNS as the header row; ``None`` becomes an empty cell.

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
        writer.writerow(record.as_dict())
        n += 1
    return n


def _shorten(text: str, width: int = SENTENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _actor_cell(code: str | None, text: str | None):
    from rich.text import Text

    cell = Text(code or "?", style="bold" if code else "red")
    if text:
        cell.append(f"\n{_shorten(text, 30)}", style="dim")
    return cell


def print_table(records: Iterable[EventRecord], console: Console, *, title: str | None = None) -> int:
    """Print records as a rich table: article, date, source, target, CAMEO code and label, Goldstein,
    QuadClass, trigger and a shortened evidence sentence.

    Args:
        records (Iterable[EventRecord]): the records, best grouped by article (as a Coder yields them).
        console (rich.console.Console): where to print.
        title (str | None): the table title; None = "Coded events".

    RETURNS (int): the number of records printed.
    """
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title or "Coded events", show_lines=False, expand=False)
    table.add_column("Article", overflow="fold", max_width=24)
    table.add_column("Date", no_wrap=True)
    table.add_column("Source")
    table.add_column("Target")
    table.add_column("CAMEO")
    table.add_column("Gold.", justify="right", no_wrap=True)
    table.add_column("Quad", justify="right", no_wrap=True)
    table.add_column("Trigger")
    table.add_column("Sentence", ratio=1, min_width=30)
    n, last_doc = 0, None
    for record in records:
        new_doc = record.doc_id != last_doc
        if new_doc and last_doc is not None:
            table.add_section()
        table.add_row(
            Text(record.doc_id if new_doc else ""),
            Text(record.event_date or "?"),
            _actor_cell(record.source_code, record.source_text),
            _actor_cell(record.target_code, record.target_text),
            Text.assemble((record.cameo_code, "bold"), "\n", (record.cameo_label or "", "dim")),
            Text("" if record.goldstein is None else f"{record.goldstein:+.1f}"),
            Text(str(record.quad_class)),
            Text(record.trigger or ""),
            Text(_shorten(record.sentence or "")),
        )
        last_doc, n = record.doc_id, n + 1
    if n:
        console.print(table)
    else:
        console.print("No events coded.")
    return n


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
