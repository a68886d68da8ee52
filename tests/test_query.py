"""Queries over hand-built stores: filters as bound parameters, time series, read-only SQL (no spaCy)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from test_store import make_article, make_record

from eventcoder.errors import QueryError, StoreError
from eventcoder.query import EventFilter, parse_filter, run_sql, select_events, time_series
from eventcoder.store import EventStore


def fill(store: EventStore) -> None:
    """Four articles: CHN-KGZ meetings in November (twice reported), a KGZ->UZB accusation in December,
    a RUS->UKR strike in January."""
    store.store_article(make_article("a.txt"), [
        make_record("a.txt", 0, source_code="KGZGOV", target_code="CHNGOV"),
        make_record("a.txt", 1, cameo_code="036", cameo_root="03", source_code="CHNGOV", source_country="CHN",
                    target_code="KGZGOV", target_country="KGZ", goldstein=4.0, plover_type="AGREE",
                    sentence="Wang Yi said China's door is open; \"we'll visit\" soon."),
    ])
    store.store_article(dataclasses.replace(make_article("b.txt", "other"), outlet="Reuters"),
                        [make_record("b.txt", 0, outlet="Reuters")])
    store.store_article(make_article("c.txt", "c"), [
        make_record("c.txt", 0, event_date="2025-12-02", cameo_code="112", cameo_root="11", quad_class=3,
                    goldstein=-2.0, plover_type="ACCUSE", target_code="UZBGOV", target_country="UZB"),
    ])
    store.store_article(make_article("d.txt", "d"), [
        make_record("d.txt", 0, event_date="2026-01-05", cameo_code="195", cameo_root="19", quad_class=4,
                    goldstein=-10.0, plover_type="ASSAULT", source_code="RUSMIL", source_country="RUS",
                    source_sector="MIL", target_code="UKR", target_country="UKR", target_sector=None),
    ])


@pytest.fixture
def store():
    with EventStore(":memory:") as s:
        fill(s)
        yield s


def codes(store, **options) -> list[tuple]:
    _names, rows = select_events(store, parse_filter(**options), columns=["source_code", "target_code", "cameo_code"])
    return rows


def test_query_dyad_direction_and_either(store):
    assert codes(store, dyad="KGZ:CHN") == [("KGZGOV", "CHNGOV", "042")]
    assert codes(store, dyad="chn:kgz") == [("CHNGOV", "KGZGOV", "036")]
    assert codes(store, dyad="CHN:KGZ", either=True) == [("CHNGOV", "KGZGOV", "036"), ("KGZGOV", "CHNGOV", "042")]
    assert codes(store, dyad="KGZGOV:UZB") == [("KGZGOV", "UZBGOV", "112")]
    assert codes(store, dyad="KGZMIL:CHN") == []


def test_query_actor_country_code_root_plover_and_dates(store):
    assert [r[2] for r in codes(store, actor="RUS")] == ["195"]
    assert [r[2] for r in codes(store, country="UZB")] == ["112"]
    assert [r[2] for r in codes(store, code="04")] == ["042"]
    assert [r[2] for r in codes(store, root="3")] == ["036"]
    assert [r[2] for r in codes(store, plover_type="accuse")] == ["112"]
    assert [r[2] for r in codes(store, since="2025-12-01", until="2025-12-31")] == ["112"]
    assert [r[2] for r in codes(store, since="2026-01-01")] == ["195"]


def test_query_events_are_deduplicated_and_mentions_are_not(store):
    names, rows = select_events(store, parse_filter(code="042"), columns=["num_articles", "num_sources"])
    assert (names, rows) == (["num_articles", "num_sources"], [(2, 2)])
    _names, mentions = select_events(store, parse_filter(code="042"), table="mentions", columns=["doc_id"])
    assert mentions == [("a.txt",), ("b.txt",)]


def test_query_text_with_quotes_and_sql_is_data(store):
    assert [r[2] for r in codes(store, text="china's door")] == ["036"]
    assert [r[2] for r in codes(store, text='"we\'ll visit"')] == ["036"]
    for attack in ("x'; DROP TABLE events; --", "' OR '1'='1", "%", "_"):
        assert codes(store, text=attack) == [], attack
    assert store.count_events() == 4 and store.count_mentions() == 5
    with pytest.raises(QueryError, match="not a CAMEO actor code"):
        parse_filter(dyad="CHN' OR '1'='1:KGZ")


def test_query_bad_values_give_clear_errors(store):
    cases = {
        "is not a CAMEO event code": {"code": "999"},
        "is not a CAMEO root: give 01 to 20": {"root": "25"},
        "is not a PLOVER event type; use one of ACCUSE": {"plover_type": "PARTY"},
        "is not a known country code": {"country": "XYZ"},
        "is not a date: give YYYY-MM-DD, e.g. 2026-03-03": {"since": "yesterday"},
        "is not SOURCE:TARGET": {"dyad": "CHN"},
        "is after --until": {"since": "2026-01-01", "until": "2025-01-01"},
        "unknown filter 'colour'": {"colour": "red"},
    }
    for message, options in cases.items():
        with pytest.raises(QueryError, match=message):
            parse_filter(**options)
    with pytest.raises(QueryError, match="--either needs --dyad"):
        parse_filter(either=True)
    with pytest.raises(QueryError, match="unknown column 'sentence; DROP' of events"):
        select_events(store, columns=["event_date", "sentence; DROP"])
    with pytest.raises(QueryError, match="unknown table"):
        select_events(store, table="articles")
    with pytest.raises(QueryError, match="must be 1 or more"):
        select_events(store, limit=0)


def test_query_limit_and_filter_where_binds_every_value():
    sql, params = EventFilter(dyad=("CHN", "KGZ"), either=True, text="'; DROP", since=date(2025, 1, 1)).where()
    assert "DROP" not in sql and "CHN" not in sql
    assert params.count("CHN") == 4 and "'; DROP" in params and date(2025, 1, 1) in params
    assert EventFilter().where() == ("TRUE", [])


def test_query_time_series_by_month_per_dyad_and_actor(store):
    names, rows = time_series(store, by="month")
    assert names[:3] == ["period", "events", "verbal_coop"]
    assert rows == [
        (date(2025, 11, 1), 2, 2, 0, 0, 0, 5.9, 2.95),
        (date(2025, 12, 1), 1, 0, 0, 1, 0, -2.0, -2.0),
        (date(2026, 1, 1), 1, 0, 0, 0, 1, -10.0, -10.0),
    ]
    _names, per_dyad = time_series(store, parse_filter(since="2025-11-01", until="2025-11-30"), by="year", per="dyad")
    assert [(r[1], r[2]) for r in per_dyad] == [("CHN:KGZ", 1), ("KGZ:CHN", 1)]
    _names, per_actor = time_series(store, parse_filter(country="KGZ"), by="week", per="actor")
    assert [(str(r[0]), r[1], r[2]) for r in per_actor] == [
        ("2025-11-17", "CHN", 2), ("2025-11-17", "KGZ", 2), ("2025-12-01", "KGZ", 1), ("2025-12-01", "UZB", 1)]
    with pytest.raises(QueryError, match="--by 'fortnight' is not a period"):
        time_series(store, by="fortnight")
    with pytest.raises(QueryError, match="--per 'outlet' is not a grouping"):
        time_series(store, per="outlet")


def test_query_sql_is_read_only(tmp_path: Path):
    path = tmp_path / "ro.duckdb"
    with EventStore(path) as s:
        fill(s)
    names, rows = run_sql(str(path), "SELECT cameo_code, num_articles FROM events ORDER BY 1")
    assert names == ["cameo_code", "num_articles"] and rows[1] == ("042", 2)
    refused = {
        "INSERT INTO events (event_key) VALUES ('x')": 'type "INSERT"',
        "DROP TABLE events": 'type "DROP"',
        "DELETE FROM mentions": 'type "DELETE"',
        f"COPY events TO '{tmp_path / 'leak.csv'}'": "file system operations are disabled",
        f"ATTACH '{tmp_path / 'other.duckdb'}' AS o": "file system operations are disabled",
    }
    for statement, detail in refused.items():
        with pytest.raises(StoreError, match="eventcoder sql runs read-only queries; refused") as info:
            run_sql(str(path), statement)
        assert detail in str(info.value)
    assert not (tmp_path / "leak.csv").exists() and not (tmp_path / "other.duckdb").exists()
    with pytest.raises(StoreError, match="query failed: .*nope"):
        run_sql(str(path), "SELECT nope FROM events")
    with EventStore(path, read_only=True) as s:
        assert s.count_events() == 4 and s.count_mentions() == 5
    with pytest.raises(StoreError, match="no event store at"):
        run_sql(str(tmp_path / "missing.duckdb"), "SELECT 1")


def test_query_offset_count_network_and_article(store):
    from eventcoder.query import actor_network, count_events, get_article

    names = ["cameo_code"]
    assert select_events(store, None, columns=names, limit=2, offset=1)[1] == [("042",), ("112",)]
    assert count_events(store) == 4 and count_events(store, table="mentions") == 5
    assert count_events(store, parse_filter(dyad="KGZ:CHN"), table="mentions") == 2
    columns, rows = actor_network(store, parse_filter(actor="KGZ"))
    assert columns == ["source", "target", "events", "goldstein_mean", "goldstein_sum"]
    assert rows == [("CHN", "KGZ", 1, 4.0, 4.0), ("KGZ", "CHN", 1, 1.9, 1.9), ("KGZ", "UZB", 1, -2.0, -2.0)]
    assert actor_network(store, level="actor", limit=1)[1] == [("CHNGOV", "KGZGOV", 1, 4.0, 4.0)]
    assert get_article(store, "b.txt")["outlet"] == "Reuters"
    assert get_article(store, "b.txt' OR '1'='1") is None
    with pytest.raises(QueryError, match="offset -1 must be 0 or more"):
        select_events(store, None, limit=1, offset=-1)
    with pytest.raises(QueryError, match="level 'planet' is not a network level"):
        actor_network(store, level="planet")
