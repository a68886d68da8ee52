"""The store commands end to end: events, stats, sql, plot, export, import, migrate."""

from __future__ import annotations

import csv
import io
import json
import struct
from pathlib import Path

from test_cli import error_lines, invoke
from test_store import make_v1_database

from eventcoder.store import EventStore


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_cli_store_plot_of_seed_and_dev_set(seed_dev_db, tmp_path: Path):
    chart = tmp_path / "chn-kgz.png"
    result = invoke("plot", "--db", seed_dev_db, "--dyad", "CHN:KGZ", "--either", "--by", "month", "-o", chart)
    assert result.exit_code == 0, result.output
    assert png_size(chart) == (1000, 550)
    assert chart.stat().st_size > 20_000
    assert "periods" in result.stderr
    page = tmp_path / "all.html"
    assert invoke("plot", "--db", seed_dev_db, "--by", "week", "-o", page).exit_code == 0
    assert "data:image/png;base64," in page.read_text(encoding="utf-8")
    svg = tmp_path / "all.svg"
    assert invoke("plot", "--db", seed_dev_db, "-o", svg).exit_code == 0
    assert "<svg" in svg.read_text(encoding="utf-8")[:500]
    bad = invoke("plot", "--db", seed_dev_db, "-o", tmp_path / "chart.gif")
    assert bad.exit_code == 2 and "give a file ending in .png, .svg, .html" in bad.stderr
    none = invoke("plot", "--db", seed_dev_db, "--dyad", "FRA:DEU", "-o", chart)
    assert none.exit_code == 2 and "no dated events match" in none.stderr


def test_cli_store_events_formats_and_filters(seed_dev_db):
    result = invoke("events", "--db", seed_dev_db, "--dyad", "KGZ:CHN", "--either", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all({r["source_code"][:3], r["target_code"][:3]} == {"KGZ", "CHN"} for r in rows)
    assert all(r["num_articles"] >= 1 for r in rows)
    result = invoke("events", "--db", seed_dev_db, "--mentions", "--root", "19", "--columns", "cameo_code,doc_id",
                    "--format", "csv")
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == ["cameo_code", "doc_id"] and len(table) > 1
    assert all(code.startswith("19") for code, _ in table[1:])
    result = invoke("events", "--db", seed_dev_db, "--limit", "3")
    assert result.exit_code == 0 and "event_date" in result.stdout


def test_cli_store_bad_filters_are_one_line_errors(seed_dev_db):
    cases = {
        ("--code", "999"): "--code '999' is not a CAMEO event code",
        ("--columns", "event_date,colour"): "unknown column 'colour' of events",
        ("--dyad", "CHN"): "--dyad 'CHN' is not SOURCE:TARGET",
        ("--since", "last week"): "--since 'last week' is not a date",
    }
    for args, message in cases.items():
        result = invoke("events", "--db", seed_dev_db, *args)
        assert result.exit_code == 2, args
        (error,) = error_lines(result)
        assert message in error
    quoted = invoke("events", "--db", seed_dev_db, "--text", "'; DROP TABLE events; --", "--format", "jsonl")
    assert quoted.exit_code == 0 and quoted.stdout == ""
    with EventStore(seed_dev_db, read_only=True) as store:
        assert store.count_events() > 100


def test_cli_store_stats_by_month_per_dyad(seed_dev_db):
    result = invoke("stats", "--db", seed_dev_db, "--by", "month", "--per", "dyad", "--dyad", "CHN:KGZ", "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["period", "dyad", "events", "verbal_coop", "material_coop", "verbal_conflict",
                      "material_conflict", "goldstein_sum", "goldstein_mean"]
    assert rows and {r[1] for r in rows} == {"CHN:KGZ"}
    for row in rows:
        assert int(row[2]) == sum(int(n) for n in row[3:7])
    assert invoke("stats", "--db", seed_dev_db, "--by", "decade").exit_code == 2


def test_cli_store_sql_reads_and_refuses_writes(seed_dev_db):
    result = invoke("sql", "--db", seed_dev_db, "SELECT count(*) AS n FROM articles", "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "25"]
    for statement in ("DROP TABLE events", "INSERT INTO articles (doc_id) VALUES ('x')"):
        refused = invoke("sql", "--db", seed_dev_db, statement)
        assert refused.exit_code == 2
        (error,) = error_lines(refused)
        assert "eventcoder sql runs read-only queries; refused" in error
    missing = invoke("sql", "--db", "nowhere.duckdb", "SELECT 1")
    assert missing.exit_code == 2 and "no event store at nowhere.duckdb" in missing.stderr


def test_cli_store_export_import_and_migrate(seed_db, tmp_path: Path):
    gdelt = tmp_path / "seed.gdelt"
    result = invoke("export", "--db", seed_db, "--format", "gdelt", "-o", gdelt)
    assert result.exit_code == 0, result.output
    lines = gdelt.read_text(encoding="utf-8").splitlines()
    assert lines and {len(line.split("\t")) for line in lines} == {61}
    jsonl = tmp_path / "seed.jsonl"
    assert invoke("export", "--db", seed_db, "--format", "jsonl", "-o", jsonl).exit_code == 0
    back = tmp_path / "back.duckdb"
    result = invoke("import", jsonl, "--db", back)
    assert result.exit_code == 0, result.output
    with EventStore(seed_db, read_only=True) as seed, EventStore(back, read_only=True) as copy:
        assert copy.mentions() == seed.mentions()
        assert f"{seed.count_events()} events" in result.stderr
    bad = invoke("import", gdelt, "--db", back)
    assert bad.exit_code == 2 and "give a .jsonl or .parquet file" in bad.stderr
    old = tmp_path / "v1.duckdb"
    make_v1_database(old)
    assert "schema version 1" in invoke("events", "--db", old).stderr
    result = invoke("migrate", "--db", old)
    assert result.exit_code == 0 and "schema version 2" in result.stdout
    assert invoke("events", "--db", old, "--format", "jsonl").stdout.count("\n") == 1


def test_cli_store_every_command_and_events_column_is_documented():
    from test_cli import README

    from eventcoder.cli import app
    from eventcoder.store import EVENT_COLUMNS

    root = Path(__file__).resolve().parents[1]
    store_doc = (root / "docs" / "store.md").read_text(encoding="utf-8")
    for column in EVENT_COLUMNS:
        assert f"`{column}`" in store_doc, column
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"eventcoder {name}" in README or f"`{name}`" in README, name
    export_doc = (root / "docs" / "export.md").read_text(encoding="utf-8")
    for fmt in ("gdelt", "icews", "polecat", "csv", "jsonl", "parquet"):
        assert f"`{fmt}`" in export_doc


def test_cli_serve_help_and_bad_store(tmp_path):
    help_text = invoke("serve", "--help").output
    for option in ("--db", "--host", "--port", "--api-key", "EVENTCODER_API_KEY", "127.0.0.1"):
        assert option in help_text, option
    not_a_store = tmp_path / "notes.duckdb"
    not_a_store.write_text("not a database", encoding="utf-8")
    result = invoke("serve", "--db", not_a_store)
    assert result.exit_code == 2 and "not a DuckDB database" in result.stderr


def test_cli_store_plot_of_one_period(seed_dev_db, tmp_path: Path):
    """One period: "1 period", a bar of the usual width (the axis shows MIN_SLOTS slots) and the legend below the
    axes, so that it covers no bar."""
    from datetime import date

    from eventcoder.plot import MIN_SLOTS, Timeline, _figure

    result = invoke("plot", "--db", seed_dev_db, "--by", "year", "--since", "2025-01-01", "--until", "2025-12-31",
                    "-o", tmp_path / "one.png")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(" in 1 period\n")
    one = Timeline([date(2025, 1, 1)], {"verbal_coop": [3], "material_coop": [0], "verbal_conflict": [1],
                                        "material_conflict": [0]}, [4.0])
    fig = _figure(one, "year", "one year")
    ax = fig.axes[0]
    assert ax.get_xlim()[1] - ax.get_xlim()[0] == MIN_SLOTS and not ax.get_legend() and fig.legends
