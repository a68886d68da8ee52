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
        assert store.count_mentions() == 0
        assert store.con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        columns = store.con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'mentions' ORDER BY column_index"
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
        assert store.count_mentions() == 2
        rows = store.mentions()
        assert [EventRecord(**row) for row in rows] == records
        assert rows[1]["goldstein"] is None
        assert rows[0]["event_date"] == "2025-11-19"
        assert store.con.execute("SELECT typeof(event_date) FROM mentions LIMIT 1").fetchone() == ("DATE",)
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
        assert store.count_mentions() == 4
        assert store.count_mentions("a.txt") == 3
        store.store_article(make_article(text="changed text"), [make_record(n=9)])
        assert store.count_articles() == 2
        assert [r["event_id"] for r in store.mentions(doc_id="a.txt")] == ["a.txt:9"]
        assert store.count_mentions("b.txt") == 1


def test_store_article_without_events_is_stored():
    with EventStore(":memory:") as store:
        store.store_article(make_article(), [make_record(n=0)])
        store.store_article(make_article(), [])
        assert store.count_articles() == 1
        assert store.count_mentions() == 0


def test_store_failing_insert_rolls_back_previous_rows():
    article = make_article()
    with EventStore(":memory:") as store:
        store.store_article(article, [make_record(n=0), make_record(n=1)])
        before = store.mentions()
        changed = make_article(text="new text")
        bad = [make_record(n=5), make_record(n=6, cameo_code=None)]  # cameo_code is NOT NULL
        with pytest.raises(StoreError, match="rolled back"):
            store.store_article(changed, bad)
        assert store.mentions() == before
        assert store.is_current(article.doc_id, article.content_hash)
        assert not store.is_current(article.doc_id, changed.content_hash)
        # the store is still usable after the failure
        store.store_article(changed, [make_record(n=7)])
        assert store.count_mentions() == 1


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


def test_store_current_answers_many_articles_in_one_query():
    article = make_article()
    with EventStore(":memory:") as store:
        assert store.current([]) == set()
        assert store.current([(article.doc_id, article.content_hash)]) == set()
        store.store_article(article, [])
        asked = [(article.doc_id, article.content_hash), (article.doc_id, "0" * 64), ("other.txt", "1" * 64),
                 ("x' OR '1'='1", article.content_hash)]
        assert store.current(asked) == {article.doc_id}


def test_store_events_limit_and_order():
    with EventStore(":memory:") as store:
        store.store_article(make_article("b.txt"), [make_record("b.txt", 1), make_record("b.txt", 0)])
        store.store_article(make_article("a.txt"), [make_record("a.txt", 0)])
        assert [r["event_id"] for r in store.mentions()] == ["a.txt:0", "b.txt:0", "b.txt:1"]
        assert len(store.mentions(limit=2)) == 2


def test_store_file_persists_and_reopens(tmp_path: Path):
    path = tmp_path / "events.duckdb"
    with EventStore(path) as store:
        store.store_article(make_article(), [make_record(n=0)])
    with EventStore(path) as store:
        assert store.count_mentions() == 1
        store.store_article(make_article(), [make_record(n=0), make_record(n=1)])
    with EventStore(path, read_only=True) as store:
        assert store.count_mentions() == 2


def test_store_many_rows_fast_enough():
    import time

    records = [make_record(n=i) for i in range(3000)]
    with EventStore(":memory:") as store:
        start = time.perf_counter()
        store.store_article(make_article(), records)
        assert time.perf_counter() - start < 5
        assert store.count_mentions() == 3000


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
        store.count_mentions()


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


# -- schema version 2: mentions and deduplicated events --------------------------------------------


def test_store_same_event_from_two_articles_is_one_event():
    with EventStore(":memory:") as store:
        store.store_article(make_article("xinhua.txt"), [make_record("xinhua.txt", 0)])
        store.store_article(dataclasses.replace(make_article("reuters.txt"), outlet="Reuters"),
                            [make_record("reuters.txt", 0, outlet="Reuters", mentions=2)])
        store.store_article(make_article("other.txt"), [make_record("other.txt", 0, cameo_code="036")])
        assert store.count_mentions() == 3
        events = {e["cameo_code"]: e for e in store.events()}
        assert sorted(events) == ["036", "042"]
        met = events["042"]
        assert (met["num_articles"], met["num_sources"], met["num_mentions"]) == (2, 2, 3)
        assert met["event_key"] == "2025-11-19|KGZGOV|CHNGOV|042"
        assert met["first_seen"] == met["last_seen"] == "2025-11-20"
        assert met["doc_id"] == "reuters.txt"  # same publication date: the first doc_id in order
        assert events["036"]["num_articles"] == 1


def test_store_two_articles_of_one_outlet_are_one_source():
    with EventStore(":memory:") as store:
        store.store_article(make_article("a.txt"), [make_record("a.txt", 0)])
        later = dataclasses.replace(make_article("b.txt", text="later"), published=date(2025, 11, 22))
        store.store_article(later, [make_record("b.txt", 0, published="2025-11-22")])
        (event,) = store.events()
        assert (event["num_articles"], event["num_sources"]) == (2, 1)
        assert (event["first_seen"], event["last_seen"]) == ("2025-11-20", "2025-11-22")
        assert event["doc_id"] == "a.txt"


def test_store_recoding_an_article_replaces_its_mentions_and_events():
    with EventStore(":memory:") as store:
        store.store_article(make_article("a.txt"), [make_record("a.txt", 0), make_record("a.txt", 1, cameo_code="036")])
        store.store_article(make_article("b.txt"), [make_record("b.txt", 0)])
        assert store.count_events() == 2
        # a.txt re-coded: the 036 event is gone, the 042 now comes only from b.txt and a new 057
        store.store_article(make_article("a.txt", text="new"), [make_record("a.txt", 5, cameo_code="057")])
        assert [m["event_id"] for m in store.mentions(doc_id="a.txt")] == ["a.txt:5"]
        events = {e["cameo_code"]: e["num_articles"] for e in store.events()}
        assert events == {"042": 1, "057": 1}
        assert store.delete_article("b.txt") is True
        assert store.delete_article("b.txt") is False
        assert {e["cameo_code"] for e in store.events()} == {"057"}
        assert store.count_articles() == 1


def test_store_global_event_id_is_stable_and_unique():
    with EventStore(":memory:") as one, EventStore(":memory:") as two:
        for store in (one, two):
            store.store_article(make_article(), [make_record(n=0), make_record(n=1, cameo_code="036")])
        ids_one = [e["global_event_id"] for e in one.events()]
        assert ids_one == [e["global_event_id"] for e in two.events()]
        assert len(set(ids_one)) == 2 and all(0 < i < 2**63 for i in ids_one)


def test_store_event_with_unknown_actor_and_date_has_a_key():
    with EventStore(":memory:") as store:
        store.store_article(make_article(), [make_record(n=0, target_code=None, event_date=None)])
        (event,) = store.events()
        assert event["event_key"] == "|KGZGOV||042"


V1_ARTICLES = """CREATE TABLE articles (doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, headline VARCHAR,
    outlet VARCHAR, url VARCHAR, published DATE, dateline TEXT, coded_at TIMESTAMP NOT NULL,
    coder_version VARCHAR NOT NULL)"""


def make_v1_database(path: Path) -> None:
    """A database as schema version 1 wrote it: articles, and events holding the per-article records."""
    from eventcoder.store import MENTION_COLUMN_TYPES

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.execute(V1_ARTICLES)
    con.execute("CREATE TABLE events (" + ", ".join(f"{c} {t}" for c, t in MENTION_COLUMN_TYPES.items()) + ")")
    for doc_id, outlet in (("a.txt", "Xinhua"), ("b.txt", "Reuters")):
        con.execute("INSERT INTO articles VALUES (?, 'hash', NULL, ?, NULL, DATE '2025-11-20', NULL, now(), '0.1.0')",
                    [doc_id, outlet])
        record = make_record(doc_id, 0, outlet=outlet)
        con.execute(f"INSERT INTO events VALUES ({', '.join('?' for _ in RECORD_COLUMNS)})",
                    list(dataclasses.astuple(record)))
    con.close()


def test_store_upgrades_a_version_1_database(tmp_path: Path):
    path = tmp_path / "v1.duckdb"
    make_v1_database(path)
    with pytest.raises(StoreError, match="schema version 1; open it for writing once"):
        EventStore(path, read_only=True)
    with EventStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 2
        assert store.count_mentions() == 2
        (event,) = store.events()
        assert (event["num_articles"], event["num_sources"], event["cameo_code"]) == (2, 2, "042")
        store.store_article(make_article("c.txt"), [make_record("c.txt", 0)])
        assert store.events()[0]["num_articles"] == 3
    with EventStore(path, read_only=True) as store:
        assert store.count_articles() == 3


def test_store_newer_database_is_refused_unchanged(tmp_path: Path):
    path = tmp_path / "new.duckdb"
    with EventStore(path) as store:
        store.store_article(make_article(), [make_record(n=0)])
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_version SET version = 3")
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="schema version 3; this eventcoder reads version 2 and older"):
        EventStore(path)
    assert path.read_bytes() == before


def test_store_failed_upgrade_leaves_version_1(tmp_path: Path):
    path = tmp_path / "odd.duckdb"
    make_v1_database(path)
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE events DROP COLUMN mentions")
    con.close()
    with pytest.raises(StoreError, match="events columns differ: missing \\['mentions'\\]"):
        EventStore(path)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
    assert {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()} == {
        "schema_version", "articles", "events"}
    con.close()


def test_store_shared_mode_holds_no_lock_between_calls(tmp_path: Path):
    path = tmp_path / "shared.duckdb"
    store = EventStore(path, shared=True)
    store.store_article(make_article(), [make_record(n=0)])
    # another process can open the file between the writer's calls
    import subprocess
    import sys

    code = f"import duckdb; print(duckdb.connect({str(path)!r}, read_only=True).execute('SELECT count(*) FROM mentions').fetchone()[0])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1"
    with pytest.raises(StoreError, match="is shared"):
        store.con
    with store.connection() as con:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (1,)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_events()


def test_store_busy_file_gives_a_clear_error_after_the_timeout(tmp_path: Path):
    import subprocess
    import sys
    import time

    path = tmp_path / "busy.duckdb"
    EventStore(path).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                               "print('held', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        with pytest.raises(StoreError, match="is busy: another process held it for more than 0.5 s"):
            EventStore(path, read_only=True, lock_timeout=0.5)
        assert 0.5 <= time.monotonic() - start < 5
    finally:
        holder.kill()
        holder.wait()
    with EventStore(path, read_only=True, lock_timeout=5) as store:
        assert store.count_articles() == 0


def _expected_events(store: EventStore) -> dict[str, tuple]:
    """The events the stored mentions and articles make, computed here in Python (docs/store.md, `events`)."""
    coded = {a["doc_id"]: a for a in store.articles()}
    groups: dict[str, list[dict]] = {}
    for m in store.mentions():
        key = "|".join([m["event_date"] or "", m["source_code"] or "", m["target_code"] or "", m["cameo_code"]])
        groups.setdefault(key, []).append(m)
    expected = {}
    for key, mentions in groups.items():
        def seen(m: dict) -> date:
            return date.fromisoformat(m["published"]) if m["published"] else coded[m["doc_id"]]["coded_at"].date()

        first = min(mentions, key=lambda m: (seen(m), m["doc_id"], m["sentence_index"], m["event_id"]))
        expected[key] = (sum(m["mentions"] for m in mentions), len({m["outlet"] or m["doc_id"] for m in mentions}),
                         len({m["doc_id"] for m in mentions}), min(map(seen, mentions)).isoformat(),
                         max(map(seen, mentions)).isoformat(),
                         min(coded[m["doc_id"]]["coded_at"] for m in mentions).isoformat(),
                         first["doc_id"], first["sentence"], first["source_name"], first["outlet"],
                         coded[first["doc_id"]]["url"])
    return expected


def _stored_events(store: EventStore) -> dict[str, tuple]:
    names = ("num_mentions", "num_sources", "num_articles", "first_seen", "last_seen", "date_added", "doc_id",
             "sentence", "source_name", "outlet", "source_url")
    return {e["event_key"]: tuple(e[name] for name in names) for e in store.events()}


def test_store_events_stay_the_aggregate_of_mentions_through_groups_recoding_and_deletes(tmp_path: Path):
    """Groups of new articles, a group re-coding stored ones, single re-codes and deletes: after each write
    ``events`` holds exactly the rows its mentions make (every key an article had or has is recomputed)."""

    def article(doc_id: str, outlet: str | None, published: date | None) -> Article:
        return dataclasses.replace(make_article(doc_id, text=f"{doc_id} {outlet} {published}"), outlet=outlet,
                                   published=published, url=f"https://example.org/{doc_id}")

    def records(doc_id: str, published: date | None, *events: tuple[str, str]) -> list[EventRecord]:
        return [make_record(doc_id, n, cameo_code=code, target_code=target, sentence=f"{doc_id} sentence {n}",
                            source_name=f"{doc_id} source", mentions=1 + n % 2,
                            published=published.isoformat() if published else None)
                for n, (code, target) in enumerate(events)]

    day1, day2 = date(2025, 11, 20), date(2025, 11, 21)
    store = EventStore(tmp_path / "events.duckdb", shared=True)
    with store.held():
        store.store_articles([
            (article("a", "Xinhua", day2), records("a", day2, ("042", "CHNGOV"), ("036", "CHNGOV"))),
            (article("b", "Xinhua", day1), records("b", day1, ("042", "CHNGOV"))),
            (article("c", None, None), records("c", None, ("042", "CHNGOV"), ("057", "RUSGOV"))),
            (article("d", "TASS", day1), []),
        ])
    assert _stored_events(store) == _expected_events(store)
    with store.held():  # b and d re-coded (b's event moves to another key), e new
        store.store_articles([
            (article("b", "Xinhua", day1), records("b", day1, ("036", "CHNGOV"))),
            (article("d", "TASS", day2), records("d", day2, ("042", "CHNGOV"), ("042", "RUSGOV"))),
            (article("e", "TASS", day1), records("e", day1, ("057", "RUSGOV"))),
        ])
    assert _stored_events(store) == _expected_events(store)
    store.store_article(article("a", "Xinhua", day2), [])  # a now has no events
    store.store_article(article("f", None, day1), records("f", day1, ("042", "CHNGOV")))
    assert store.delete_article("c") is True
    expected = _expected_events(store)
    assert _stored_events(store) == expected
    assert set(expected) == {"2025-11-19|KGZGOV|CHNGOV|036", "2025-11-19|KGZGOV|CHNGOV|042",
                             "2025-11-19|KGZGOV|RUSGOV|042", "2025-11-19|KGZGOV|RUSGOV|057"}
    store.close()
    assert not (tmp_path / "events.duckdb.wal").exists()


def test_store_close_checkpoints_what_a_capped_checkpoint_left_in_the_log(tmp_path: Path):
    """Closing a writable store checkpoints under CHECKPOINT_MEMORY; should that checkpoint not run (DuckDB then
    keeps the commits in FILE.wal), the store checkpoints once more without the cap, so no log is left."""
    from eventcoder.store import CHECKPOINT_MEMORY

    duckdb.connect().execute(f"SET memory_limit = '{CHECKPOINT_MEMORY}'")  # a size DuckDB understands
    path = tmp_path / "wal.duckdb"
    store = EventStore(path, shared=True)
    with store.held():
        store.store_article(make_article(), [make_record(n=0)])
        store._con.execute("PRAGMA disable_checkpoint_on_shutdown")  # as if the capped checkpoint had failed
    assert not (tmp_path / "wal.duckdb.wal").exists()
    store.store_article(make_article("b.txt"), [make_record("b.txt", 0)])
    store.close()
    with EventStore(path, read_only=True) as reader:
        assert (reader.count_articles(), reader.count_mentions(), reader.count_events()) == (2, 2, 1)
