"""JSON Lines, CSV and table output of hand-built records."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from rich.console import Console

from eventcoder.model import RECORD_COLUMNS, EventRecord
from eventcoder.output import RecordWriter, print_table, write_csv, write_jsonl


def make_record(n: int = 0, **changes) -> EventRecord:
    values = {column: f"{column}-{n}" for column in RECORD_COLUMNS}
    values.update(
        event_id=f"a.txt:{n}",
        doc_id="a.txt",
        sentence_index=n,
        sentence="Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign Minister Wang Yi.",
        sentence_start=10,
        sentence_end=98,
        event_date="2025-11-19",
        source_code="KGZGOV",
        target_code="CHNGOV",
        cameo_code="042",
        cameo_label="Make a visit",
        quad_class=1,
        goldstein=1.9,
        latitude=42.87,
        longitude=74.59,
        published="2025-11-20",
        trigger="met",
    )
    return dataclasses.replace(EventRecord(**values), **changes)


NULLABLE = ["source_code", "goldstein", "plover_context", "latitude", "longitude", "event_date", "published"]


def test_output_jsonl_columns_and_nulls():
    records = [make_record(0), make_record(1, **{name: None for name in NULLABLE})]
    fh = io.StringIO()
    assert write_jsonl(records, fh) == 2
    lines = fh.getvalue().splitlines()
    assert len(lines) == 2
    rows = [json.loads(line) for line in lines]
    assert [list(row) for row in rows] == [list(RECORD_COLUMNS)] * 2
    assert rows[0]["goldstein"] == 1.9 and rows[0]["quad_class"] == 1
    assert all(rows[1][name] is None for name in NULLABLE)
    assert '"goldstein": null' in lines[1]
    assert [EventRecord(**row) for row in rows] == records


def test_output_jsonl_keeps_unicode():
    fh = io.StringIO()
    write_jsonl([make_record(sentence="Türkiye’s minister — «quoted»")], fh)
    assert "Türkiye’s minister — «quoted»" in fh.getvalue()


def test_output_csv_header_and_empty_cells():
    records = [make_record(0), make_record(1, **{name: None for name in NULLABLE})]
    fh = io.StringIO()
    assert write_csv(records, fh) == 2
    fh.seek(0)
    reader = csv.reader(fh)
    header = next(reader)
    assert tuple(header) == RECORD_COLUMNS
    rows = [dict(zip(header, row, strict=True)) for row in reader]
    assert len(rows) == 2
    assert rows[0]["goldstein"] == "1.9" and rows[0]["latitude"] == "42.87"
    assert all(rows[1][name] == "" for name in NULLABLE)


def test_output_csv_quotes_commas_and_newlines():
    fh = io.StringIO()
    write_csv([make_record(sentence='He said, "yes"\nthen left.')], fh)
    fh.seek(0)
    row = list(csv.DictReader(fh))[0]
    assert row["sentence"] == 'He said, "yes"\nthen left.'


def test_output_csv_without_header_appends_rows():
    fh = io.StringIO()
    write_csv([make_record(0)], fh, header=False)
    assert not fh.getvalue().startswith("event_id")


def test_output_table_shows_readable_columns():
    console = Console(file=io.StringIO(), width=200, color_system=None)
    records = [make_record(0), make_record(1, source_code=None, goldstein=None, doc_id="b.txt", event_id="b:1")]
    assert print_table(records, console) == 2
    text = console.file.getvalue()
    for expected in ("2025-11-19", "KGZGOV", "CHNGOV", "042", "Make a visit", "+1.9", "met", "Kyrgyz President", "a.txt"):
        assert expected in text
    assert "?" in text  # the unresolved source


def test_output_table_escapes_markup_and_shortens():
    console = Console(file=io.StringIO(), width=250, color_system=None)
    long_sentence = "[bold]not markup[/bold] " + "word " * 60
    print_table([make_record(sentence=long_sentence)], console)
    text = console.file.getvalue()
    assert "[bold]not markup[/bold]" in text
    assert "…" in text
    assert "word " * 40 not in text


def test_output_table_without_records():
    console = Console(file=io.StringIO(), width=100)
    assert print_table([], console) == 0
    assert "No events coded" in console.file.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_output_record_writer_streams_per_article(fmt):
    fh = io.StringIO()
    writer = RecordWriter(fmt, fh, width=200)
    writer.write([make_record(0)])
    writer.write([])
    writer.write([make_record(1)])
    writer.close()
    assert writer.count == 2
    text = fh.getvalue()
    if fmt == "jsonl":
        assert len(text.splitlines()) == 2
    elif fmt == "csv":
        assert len(text.splitlines()) == 3 and text.startswith("event_id,doc_id,")
    else:
        assert "KGZGOV" in text


def test_output_record_writer_csv_header_without_records():
    fh = io.StringIO()
    RecordWriter("csv", fh).close()
    assert fh.getvalue() == ",".join(RECORD_COLUMNS) + "\n"


def test_output_record_writer_rejects_unknown_format():
    with pytest.raises(ValueError, match="unknown output format"):
        RecordWriter("xml", io.StringIO())
