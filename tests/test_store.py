"""EventStore with hand-built articles and records (no spaCy)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import duckdb
import pytest

from eventcoder.errors import StoreError
from eventcoder.model import RECORD_COLUMNS, Article, Dateline, EventRecord
from eventcoder.store import SCHEMA_VERSION, EventStore


def make_article(doc_id: str = "a.txt", text: str = "BISHKEK, Nov. 19 (Xinhua) -- Japarov met Wang.") -> Article:
    return Article(
        doc_id=doc_id,
        text=text,
        headline="Kyrgyz president meets Chinese FM",
        outlet="Xinhua",
        published=date(2025, 11, 20),
        dateline=Dateline(text="BISHKEK, Nov. 19 (Xinhua) --", place="Bishkek", country="KGZ"),
    )


def make_record(doc_id: str = "a.txt", n: int = 0, **changes) -> EventRecord:
    record = EventRecord(
        event_id=f"{doc_id}:{n}",
        doc_id=doc_id,
        sentence_index=n,
        sentence="Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign Minister Wang Yi.",
        sentence_start=30 + n,
        sentence_end=120 + n,
        event_date="2025-11-19",
        source_text="Kyrgyz President Sadyr Japarov",
        source_name="Sadyr Japarov",
        source_code="KGZGOV",
        source_country="KGZ",
        source_sector="GOV",
        target_text="Chinese Foreign Minister Wang Yi",
        target_name="Wang Yi",
        target_code="CHNGOV",
        target_country="CHN",
        target_sector="GOV",
        cameo_code="042",
        cameo_root="04",
        cameo_label="Make a visit",
        quad_class=1,
        goldstein=1.9,
        plover_type="CONSULT",
        plover_mode="visit",
        plover_context=None,
        location_name="Bishkek",
        location_country="KGZ",
        latitude=42.87,
        longitude=74.59,
        trigger="met",
        rule="verbs.yaml:12 meet",
        headline="Kyrgyz president meets Chinese FM",
        outlet="Xinhua",
        published="2025-11-20",
    )
    return dataclasses.replace(record, **changes)


def test_store_memory_creates_schema():
    with EventStore(":memory:") as store:
        assert store.count_articles() == 0
        assert store.count_events() == 0
        assert store.con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        columns = store.con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'events' ORDER BY column_index"
        ).fetchall()
    assert tuple(name for name, _ in columns) == RECORD_COLUMNS
    types = dict(columns)
    assert types["event_date"] == types["published"] == "DATE"
    assert types["quad_class"] == types["sentence_index"] == types["sentence_start"] == "INTEGER"
    assert types["goldstein"] == types["latitude"] == types["longitude"] == "DOUBLE"


def test_store_round_trips_records():
    records = [make_record(n=0), make_record(n=1, cameo_code="057", goldstein=None, plover_mode=None)]
    with EventStore(":memory:") as store:
        store.store_article(make_article(), records)
        assert store.count_articles() == 1
        assert store.count_events() == 2
        rows = store.events()
        assert [EventRecord(**row) for row in rows] == records
        assert rows[1]["goldstein"] is None
        assert rows[0]["event_date"] == "2025-11-19"
        assert store.con.execute("SELECT typeof(event_date) FROM events LIMIT 1").fetchone() == ("DATE",)
        (article,) = store.articles()
        assert article["published"] == date(2025, 11, 20)
        assert article["dateline"] == "BISHKEK, Nov. 19 (Xinhua) --"
        assert article["content_hash"] == make_article().content_hash
        assert article["coded_at"] is not None and article["coder_version"]


def test_store_recode_replaces_not_duplicates():
    with EventStore(":memory:") as store:
        store.store_article(make_article(), [make_record(n=i) for i in range(3)])
        store.store_article(make_article("b.txt"), [make_record("b.txt", 0)])
        store.store_article(make_article(), [make_record(n=i) for i in range(3)])
        assert store.count_events() == 4
        assert store.count_events("a.txt") == 3
        store.store_article(make_article(text="changed text"), [make_record(n=9)])
        assert store.count_articles() == 2
        assert [r["event_id"] for r in store.events(doc_id="a.txt")] == ["a.txt:9"]
        assert store.count_events("b.txt") == 1


def test_store_article_without_events_is_stored():
    with EventStore(":memory:") as store:
        store.store_article(make_article(), [make_record(n=0)])
        store.store_article(make_article(), [])
        assert store.count_articles() == 1
        assert store.count_events() == 0


def test_store_failing_insert_rolls_back_previous_rows():
    article = make_article()
    with EventStore(":memory:") as store:
        store.store_article(article, [make_record(n=0), make_record(n=1)])
        before = store.events()
        changed = make_article(text="new text")
        bad = [make_record(n=5), make_record(n=6, cameo_code=None)]  # cameo_code is NOT NULL
        with pytest.raises(StoreError, match="rolled back"):
            store.store_article(changed, bad)
        assert store.events() == before
        assert store.is_current(article.doc_id, article.content_hash)
        assert not store.is_current(article.doc_id, changed.content_hash)
        # the store is still usable after the failure
        store.store_article(changed, [make_record(n=7)])
        assert store.count_events() == 1


def test_store_rejects_records_of_another_article():
    with EventStore(":memory:") as store:
        with pytest.raises(StoreError, match="doc_id"):
            store.store_article(make_article(), [make_record("other.txt", 0)])
        with pytest.raises(StoreError, match="twice"):
            store.store_article(make_article(), [make_record(n=0), make_record(n=0)])
        assert store.count_articles() == 0


def test_store_is_current_by_hash_and_version():
    article = make_article()
    with EventStore(":memory:", coder_version="9.9") as store:
        assert not store.is_current(article.doc_id, article.content_hash)
        store.store_article(article, [])
        assert store.is_current(article.doc_id, article.content_hash)
        assert store.is_current(article.doc_id, article.content_hash, coder_version="9.9")
        assert not store.is_current(article.doc_id, article.content_hash, coder_version="1.0")
        assert not store.is_current(article.doc_id, "0" * 64)


def test_store_events_limit_and_order():
    with EventStore(":memory:") as store:
        store.store_article(make_article("b.txt"), [make_record("b.txt", 1), make_record("b.txt", 0)])
        store.store_article(make_article("a.txt"), [make_record("a.txt", 0)])
        assert [r["event_id"] for r in store.events()] == ["a.txt:0", "b.txt:0", "b.txt:1"]
        assert len(store.events(limit=2)) == 2


def test_store_file_persists_and_reopens(tmp_path: Path):
    path = tmp_path / "events.duckdb"
    with EventStore(path) as store:
        store.store_article(make_article(), [make_record(n=0)])
    with EventStore(path) as store:
        assert store.count_events() == 1
        store.store_article(make_article(), [make_record(n=0), make_record(n=1)])
    with EventStore(path, read_only=True) as store:
        assert store.count_events() == 2


def test_store_many_rows_fast_enough():
    import time

    records = [make_record(n=i) for i in range(3000)]
    with EventStore(":memory:") as store:
        start = time.perf_counter()
        store.store_article(make_article(), records)
        assert time.perf_counter() - start < 5
        assert store.count_events() == 3000


def test_store_rejects_other_schema_version(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    EventStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_version SET version = 99")
    con.close()
    with pytest.raises(StoreError, match="schema version 99"):
        EventStore(path)


def test_store_rejects_foreign_database(tmp_path: Path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventcoder database"):
        EventStore(path)


def test_store_rejects_unopenable_paths(tmp_path: Path):
    with pytest.raises(StoreError, match="does not exist"):
        EventStore(tmp_path / "missing" / "x.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        EventStore(junk)


def test_store_closed_raises():
    store = EventStore(":memory:")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_events()


def test_store_docs_list_every_column():
    docs = (Path(__file__).parents[1] / "docs" / "store.md").read_text(encoding="utf-8")
    for column in RECORD_COLUMNS:
        assert f"`{column}`" in docs, column


def test_store_refuses_an_existing_file_that_is_not_duckdb(tmp_path):
    export = tmp_path / "events.csv"
    export.write_text("event_id,doc_id\n1,a.txt\n", encoding="utf-8")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        EventStore(export)
    assert export.read_text(encoding="utf-8") == "event_id,doc_id\n1,a.txt\n"


def test_store_refuses_a_folder_and_a_file_as_parent(tmp_path):
    with pytest.raises(StoreError, match="it is a folder"):
        EventStore(tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        EventStore(plain / "events.duckdb")
