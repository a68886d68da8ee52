"""The event store's schema in SQL, for :class:`eventcoder.store.EventStore`.

Column types derived from :class:`~eventcoder.model.EventRecord`; the statements that create, fill and read
the ``articles``, ``mentions`` and ``events`` tables; the upgrade from version 1; and the steps of a write.
Each step takes an open DuckDB connection and runs inside a transaction that the store begins and commits; a
failed statement raises ``duckdb.Error``, a table with other columns :class:`~eventcoder.errors.StoreError`.
The tables are described in :mod:`eventcoder.store` and, column by column, in ``docs/store.md``.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any

import duckdb

from .errors import StoreError
from .model import RECORD_COLUMNS, EventRecord

_record_values = operator.attrgetter(*RECORD_COLUMNS)
"""An :class:`EventRecord`'s values in ``RECORD_COLUMNS`` order, as a tuple (its fields are plain values, so
the deep copy of ``dataclasses.astuple`` is not needed)."""

__all__ = ["EVENT_COLUMNS", "EVENT_COLUMN_TYPES", "EVENT_KEY_SQL", "MENTION_COLUMN_TYPES", "SCHEMA_VERSION"]

SCHEMA_VERSION = 2
"""Version of the schema this module creates and reads."""

_DATE_COLUMNS = frozenset({"event_date", "published"})
_NOT_NULL_COLUMNS = frozenset({"event_id", "doc_id", "cameo_code"})
_SQL_TYPES = {"str": "VARCHAR", "int": "INTEGER", "float": "DOUBLE", "bool": "BOOLEAN"}

_ARTICLE_COLUMNS = (
    "doc_id",
    "content_hash",
    "headline",
    "outlet",
    "url",
    "published",
    "dateline",
    "coded_at",
    "coder_version",
)


def _mention_column_types() -> dict[str, str]:
    """SQL type of each RECORD_COLUMN, derived from the EventRecord annotations."""
    types = {}
    for f in dataclasses.fields(EventRecord):
        parts = [p.strip() for p in str(f.type).split("|") if p.strip() != "None"]
        if f.name in _DATE_COLUMNS:
            types[f.name] = "DATE"
        elif len(parts) == 1 and parts[0] in _SQL_TYPES:
            types[f.name] = _SQL_TYPES[parts[0]]
        else:  # a new kind of column in model.py: teach the store its SQL type
            raise TypeError(f"eventcoder.store: no SQL type for EventRecord.{f.name}: {f.type}")
    return types


MENTION_COLUMN_TYPES: dict[str, str] = _mention_column_types()
"""SQL type of each mentions column, in RECORD_COLUMNS order."""

# Columns copied from an event's first mention (its earliest article) into the events row.
_FIRST_MENTION_COLUMNS = (
    "event_date", "source_code", "source_name", "source_country", "source_sector",
    "target_code", "target_name", "target_country", "target_sector",
    "cameo_code", "cameo_root", "cameo_label", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_context",
    "location_name", "location_country", "latitude", "longitude",
)
_AGGREGATE_COLUMNS = {
    "num_mentions": "INTEGER",
    "num_sources": "INTEGER",
    "num_articles": "INTEGER",
    "first_seen": "DATE",
    "last_seen": "DATE",
    "date_added": "TIMESTAMP",
}
_FIRST_ARTICLE_COLUMNS = {"doc_id": "VARCHAR", "source_url": "VARCHAR", "sentence": "VARCHAR",
                          "headline": "VARCHAR", "outlet": "VARCHAR"}

EVENT_COLUMN_TYPES: dict[str, str] = {
    "event_key": "VARCHAR",
    "global_event_id": "BIGINT",
    **{name: MENTION_COLUMN_TYPES[name] for name in _FIRST_MENTION_COLUMNS},
    **_AGGREGATE_COLUMNS,
    **_FIRST_ARTICLE_COLUMNS,
}
"""SQL type of each column of the deduplicated ``events`` table, in table order."""

EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_COLUMN_TYPES)
"""Column names of the deduplicated ``events`` table, in order."""

EVENT_KEY_SQL = (
    "concat_ws('|', coalesce(CAST(event_date AS VARCHAR), ''), coalesce(source_code, ''), "
    "coalesce(target_code, ''), cameo_code)"
)
"""SQL expression of an event's key over a mentions row: ``date|source_code|target_code|cameo_code``."""


def _create_table(name: str, types: dict[str, str], not_null: frozenset[str] = frozenset()) -> str:
    columns = ",\n    ".join(f"{c} {t}" + (" NOT NULL" if c in not_null else "") for c, t in types.items())
    return f"CREATE TABLE {name} (\n    {columns}\n)"


_CREATE_ARTICLES = """CREATE TABLE articles (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    headline VARCHAR,
    outlet VARCHAR,
    url VARCHAR,
    published DATE,
    dateline TEXT,
    coded_at TIMESTAMP NOT NULL,
    coder_version VARCHAR NOT NULL
)"""
_CREATE_MENTIONS = _create_table("mentions", MENTION_COLUMN_TYPES, _NOT_NULL_COLUMNS)
_CREATE_EVENTS = _create_table("events", EVENT_COLUMN_TYPES, frozenset({"event_key", "global_event_id", "cameo_code"}))

# Column names come from code (RECORD_COLUMNS, EVENT_COLUMNS), never from input; every value is a bound
# parameter. One statement inserts all of a group's mentions: each column is bound as one list. Deleting and
# inserting mentions return the event key of each row (RETURNING), so that the keys an article had or has
# are known without scanning the mentions table again.
_INSERT_MENTIONS = (
    f"INSERT INTO mentions ({', '.join(RECORD_COLUMNS)}) SELECT "
    + ", ".join(f"unnest(?::{t}[])" for t in MENTION_COLUMN_TYPES.values())
    + f" RETURNING {EVENT_KEY_SQL}"
)
_ARTICLE_TYPES = ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DATE", "VARCHAR", "TIMESTAMP", "VARCHAR")
_INSERT_ARTICLES = (
    f"INSERT OR REPLACE INTO articles ({', '.join(_ARTICLE_COLUMNS)}) SELECT "
    + ", ".join(f"unnest(?::{t}[])" for t in _ARTICLE_TYPES)
)
_DELETE_MENTIONS = f"DELETE FROM mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) RETURNING {EVENT_KEY_SQL}"
# Every write stores or deletes an article's row and its mentions together, so only a doc_id that has an
# articles row can have mentions: looking that up in the small articles table spares a new article a scan of
# all mentions.
_STORED_DOC_IDS = "SELECT doc_id FROM articles WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"


def _aggregate_sql(where: str) -> str:
    """SELECT of the aggregates of each event key of the mentions matching ``where`` (a fixed SQL condition,
    no input), and the rowid of the key's first mention: (event_key, num_mentions, num_sources, num_articles,
    first_seen, last_seen, date_added, first_row).

    Only the narrow columns these need are read, never the evidence texts of every mention: a key's first
    mention is the one of its earliest article (by publication date, then doc_id, sentence, event_id), and
    its columns are read by rowid afterwards (:data:`_INSERT_EVENTS`). num_sources counts distinct outlets (an
    article without an outlet counts as a source of its own); first_seen/last_seen are the earliest and latest
    publication dates (the coding date where none).
    """
    return f"""
WITH m AS (
    SELECT mentions.rowid AS mention_row, {EVENT_KEY_SQL} AS event_key, mentions.doc_id, mentions.outlet,
           mentions.mentions, mentions.sentence_index, mentions.event_id, articles.coded_at,
           coalesce(mentions.published, CAST(articles.coded_at AS DATE)) AS seen
    FROM mentions JOIN articles USING (doc_id)
    WHERE {where}
)
SELECT event_key, sum(mentions), count(DISTINCT coalesce(outlet, doc_id)), count(DISTINCT doc_id), min(seen),
       max(seen), min(coded_at), first(mention_row ORDER BY seen, doc_id, sentence_index, event_id)
FROM m GROUP BY event_key"""


_AGGREGATE_KEYS = _aggregate_sql(f"{EVENT_KEY_SQL} IN (SELECT unnest(?::VARCHAR[]))")
_AGGREGATE_ALL = _aggregate_sql("TRUE")
_AGGREGATE_COLUMNS_TYPES = {"event_key": "VARCHAR", "num_mentions": "BIGINT", "num_sources": "BIGINT",
                            "num_articles": "BIGINT", "first_seen": "DATE", "last_seen": "DATE",
                            "date_added": "TIMESTAMP", "first_row": "BIGINT"}
"""The columns an _AGGREGATE_* query returns, in order, with the type each is bound back with."""

# The events rows of the aggregates an _AGGREGATE_* query returned: each of its columns bound as one list,
# then the rowids of the first mentions once more, as the filter that lets DuckDB read only those rows of
# mentions. GLOBALEVENTID-like id: the top 60 bits of the key's MD5 (stable across versions and machines).
_INSERT_EVENTS = f"""
INSERT INTO events ({', '.join(EVENT_COLUMNS)})
WITH a AS (
    SELECT {', '.join(f"unnest(?::{t}[]) AS {c}" for c, t in _AGGREGATE_COLUMNS_TYPES.items())}
), f AS (
    SELECT rowid AS first_row, * FROM mentions WHERE rowid IN (SELECT unnest(?::BIGINT[]))
)
SELECT a.event_key, CAST(md5_number(a.event_key) >> 68 AS BIGINT),
       {', '.join(f"f.{c}" for c in _FIRST_MENTION_COLUMNS)},
       a.num_mentions, a.num_sources, a.num_articles, a.first_seen, a.last_seen, a.date_added,
       f.doc_id, articles.url, f.sentence, f.headline, f.outlet
FROM a JOIN f USING (first_row) JOIN articles ON articles.doc_id = f.doc_id"""
_DELETE_KEYS = "DELETE FROM events WHERE event_key IN (SELECT unnest(?::VARCHAR[]))"

_SELECT_MENTIONS = f"SELECT {', '.join(RECORD_COLUMNS)} FROM mentions"
_MENTION_ORDER = " ORDER BY doc_id, sentence_index, sentence_start, event_id"
_SELECT_EVENTS = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY event_date NULLS LAST, event_key"


# -- schema and write helpers (each runs inside a transaction) ---------------------------------------


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in ("CREATE TABLE schema_version (version INTEGER NOT NULL)", _CREATE_ARTICLES,
                      _CREATE_MENTIONS, _CREATE_EVENTS):
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])


def _upgrade_v1(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1 -> 2: the per-article ``events`` table becomes ``mentions``; ``events`` is derived."""
    con.execute("ALTER TABLE events RENAME TO mentions")
    con.execute(_CREATE_EVENTS)
    _insert_events(con, _AGGREGATE_ALL, [])
    con.execute("UPDATE schema_version SET version = ?", [SCHEMA_VERSION])


def _check_columns(con: duckdb.DuckDBPyConnection, path: str, table: str, expected: tuple[str, ...]) -> None:
    columns = tuple(
        r[0]
        for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]
        ).fetchall()
    )
    if columns != expected:
        missing = sorted(set(expected) - set(columns))
        extra = sorted(set(columns) - set(expected))
        raise StoreError(
            f"{path} was made by another eventcoder version ({table} columns differ: "
            f"missing {missing}, extra {extra}): code into a new --db file"
        )


def _refresh_keys(con: duckdb.DuckDBPyConnection, keys: list[str]) -> None:
    """Recompute the events rows of ``keys`` from mentions (a key no mention has any more disappears)."""
    if keys:
        con.execute(_DELETE_KEYS, [keys])
        _insert_events(con, _AGGREGATE_KEYS, [keys])


def _insert_events(con: duckdb.DuckDBPyConnection, aggregate_sql: str, params: list[Any]) -> None:
    """Insert the events rows of the keys aggregated by ``aggregate_sql`` (:func:`_aggregate_sql`).

    Two statements instead of one, to keep memory small whatever the size of the table: the aggregates read
    narrow columns only, and the wide columns (evidence sentence, names, ...) are read for the one first
    mention of each key, by rowid (stable within the transaction).
    """
    rows = con.execute(aggregate_sql, params).fetchall()
    if rows:
        columns = [list(column) for column in zip(*rows, strict=True)]
        con.execute(_INSERT_EVENTS, [*columns, columns[-1]])


def _delete_article(con: duckdb.DuckDBPyConnection, doc_id: str) -> bool:
    row = con.execute("SELECT count(*) FROM articles WHERE doc_id = ?", [doc_id]).fetchone()
    keys = {key for key, in con.execute(_DELETE_MENTIONS, [[doc_id]]).fetchall()}
    con.execute("DELETE FROM articles WHERE doc_id = ?", [doc_id])
    _refresh_keys(con, sorted(keys))
    return bool(row and row[0])
