"""Exports of the seed's events in every format, read back and compared with the store; import."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from conftest import SHARED

from eventcoder.errors import ExportError
from eventcoder.export import FORMATS, export, format_columns, import_records
from eventcoder.model import RECORD_COLUMNS
from eventcoder.store import EventStore

CODEBOOK = SHARED / "codebook"


def shared_columns(name: str) -> list[str]:
    lines = (CODEBOOK / name).read_text(encoding="utf-8").splitlines()
    if name.endswith(".tsv"):
        return [line.split("\t")[1] for line in lines[1:]]
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def read_tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def seed(seed_db):
    with EventStore(seed_db, read_only=True) as store:
        yield store


def test_export_column_orders_are_the_codebooks(seed_db):
    assert list(format_columns("gdelt")) == shared_columns("gdelt_events_schema.tsv")
    assert list(format_columns("icews")) == shared_columns("icews_schema.tsv")
    assert list(format_columns("polecat")) == shared_columns("polecat_columns.txt")
    assert (len(format_columns("gdelt")), len(format_columns("icews")), len(format_columns("polecat"))) == (61, 20, 40)


def test_export_gdelt_agrees_with_the_events(seed, tmp_path: Path):
    path = tmp_path / "seed.gdelt.tsv"
    assert export(seed, "gdelt", path) == seed.count_events() > 5
    rows = read_tsv(path)
    assert {len(r) for r in rows} == {61}
    columns = format_columns("gdelt")
    by_id = {int(r[0]): dict(zip(columns, r, strict=True)) for r in rows}
    for event in seed.events():
        g = by_id[event["global_event_id"]]
        assert g["EventCode"] == event["cameo_code"] and g["EventRootCode"] == event["cameo_root"]
        assert g["Actor1Code"] == (event["source_code"] or "") and g["Actor2Code"] == (event["target_code"] or "")
        assert int(g["QuadClass"]) == event["quad_class"]
        assert float(g["GoldsteinScale"]) == event["goldstein"]
        assert int(g["NumArticles"]) == event["num_articles"] and int(g["NumMentions"]) == event["num_mentions"]
        assert g["SQLDATE"] == event["event_date"].replace("-", "")
        assert g["SOURCEURL"] == event["doc_id"]
    bishkek = [g for g in by_id.values() if g["ActionGeo_FullName"] == "Bishkek, Kyrgyzstan"]
    assert bishkek and {g["ActionGeo_CountryCode"] for g in bishkek} == {"KG"}  # FIPS 10-4, not ISO KGZ
    assert {g["Actor1CountryCode"] for g in by_id.values()} >= {"KGZ", "CHN"}
    header_path = tmp_path / "with-header.tsv"
    export(seed, "gdelt", header_path, header=True)
    assert read_tsv(header_path)[0] == list(columns)


def test_export_icews_and_polecat_rows_are_the_mentions(seed, tmp_path: Path):
    mentions = seed.mentions()
    export(seed, "icews", tmp_path / "seed.icews.tsv")
    header, *rows = read_tsv(tmp_path / "seed.icews.tsv")
    assert header == shared_columns("icews_schema.tsv") and len(rows) == len(mentions)
    icews = [dict(zip(header, r, strict=True)) for r in rows]
    names = {"KGZ": "Kyrgyzstan", "CHN": "China"}
    assert sorted((r["CAMEO Code"], r["Event Date"], r["Source Country"], r["Sentence Number"]) for r in icews) == sorted(
        (m["cameo_code"], m["event_date"], names.get(m["source_country"], ""), str(m["sentence_index"] + 1))
        for m in mentions)
    assert {r["Source Sectors"] for r in icews} >= {"Government"}
    export(seed, "polecat", tmp_path / "seed.polecat.tsv")
    header, *rows = read_tsv(tmp_path / "seed.polecat.tsv")
    assert header == shared_columns("polecat_columns.txt")
    plover = [m for m in mentions if m["plover_type"]]
    assert len(rows) == len(plover) > 0
    assert sorted(r[header.index("Event ID")] for r in rows) == sorted(m["event_id"] for m in plover)
    assert {r[header.index("Event Type")] for r in rows} == {m["plover_type"] for m in plover}


def test_export_csv_and_jsonl_carry_the_records(seed, tmp_path: Path):
    mentions = seed.mentions()
    export(seed, "csv", tmp_path / "seed.csv")
    with (tmp_path / "seed.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == RECORD_COLUMNS
    assert sorted(r["event_id"] for r in rows) == sorted(m["event_id"] for m in mentions)
    export(seed, "jsonl", tmp_path / "seed.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "seed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(lines, key=lambda r: r["event_id"]) == sorted(mentions, key=lambda r: r["event_id"])


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_export_import_round_trips_mentions_and_events(seed, tmp_path: Path, suffix: str):
    path = tmp_path / f"seed.{suffix}"
    assert export(seed, suffix, path) == seed.count_mentions()
    with EventStore(tmp_path / "back.duckdb") as back:
        result = import_records(back, path)
        assert (result.articles, result.mentions) == (1, seed.count_mentions())
        assert back.mentions() == seed.mentions()
        keep = ("event_key", "global_event_id", "num_mentions", "num_sources", "num_articles", "event_date")
        assert [{k: e[k] for k in keep} for e in back.events()] == [{k: e[k] for k in keep} for e in seed.events()]
        import_records(back, path)  # importing again replaces, never duplicates
        assert back.count_mentions() == seed.count_mentions()


def test_export_parquet_reads_back_in_duckdb(seed, seed_db, tmp_path: Path):
    path = tmp_path / "events.parquet"
    export(seed, "parquet", path, table="events")
    con = duckdb.connect()
    back = con.execute("SELECT * FROM read_parquet(?) ORDER BY ALL", [str(path)]).fetchall()
    con.execute("ATTACH ? AS s (READ_ONLY)", [str(seed_db)])
    stored = con.execute("SELECT * FROM s.events ORDER BY ALL").fetchall()
    con.close()
    assert back == stored and len(back) == seed.count_events()


def test_export_bad_requests(seed, tmp_path: Path):
    assert set(FORMATS) == {"gdelt", "icews", "polecat", "csv", "jsonl", "parquet"}
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        export(seed, "xml", tmp_path / "x.xml")
    with pytest.raises(ExportError, match="cannot write"):
        export(seed, "gdelt", tmp_path / "missing" / "x.tsv")
    with EventStore(":memory:") as store:
        with pytest.raises(ExportError, match="no such file"):
            import_records(store, tmp_path / "none.jsonl")
        bad = tmp_path / "other.jsonl"
        bad.write_text('{"event_id": "1", "colour": "red"}\n', encoding="utf-8")
        with pytest.raises(ExportError, match="row 1: not an eventcoder mention record"):
            import_records(store, bad)
        gdelt = tmp_path / "seed.tsv"
        export(seed, "gdelt", gdelt)
        with pytest.raises(ExportError, match="give a .jsonl or .parquet file"):
            import_records(store, gdelt)
        assert store.count_articles() == 0


def test_export_code_tables_hold_the_facts():
    from eventcoder.export import _codes

    codes = _codes()
    assert (codes.fips["KGZ"], codes.fips["CHN"], codes.fips["DEU"], codes.fips["GBR"]) == ("KG", "CH", "GM", "UK")
    assert (codes.cameo["ROU"], codes.cameo["KGZ"], codes.names["KGZ"]) == ("ROM", "KGZ", "Kyrgyzstan")
    assert codes.sectors["GOV"] == "Government" and codes.icews_intensity["016"] == -5.0
