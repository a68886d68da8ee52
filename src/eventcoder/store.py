"""The embedded event store: coded articles and their events in one DuckDB file.

Schema (version 1; also described in ``docs/store.md``)::

    schema_version(version INTEGER)              -- one row: 1
    articles(
        doc_id        VARCHAR PRIMARY KEY,       -- Article.doc_id (a file input's file name)
        content_hash  VARCHAR NOT NULL,          -- Article.content_hash (sha256 of text + published date)
        headline      VARCHAR,
        outlet        VARCHAR,
        url           VARCHAR,
        published     DATE,
        dateline      TEXT,                      -- the dateline as written, e.g. "BISHKEK, Nov. 19 (Xinhua) --"
        coded_at      TIMESTAMP NOT NULL,        -- when it was coded, UTC
        coder_version VARCHAR NOT NULL           -- eventcoder version that coded it
    )
    events(...)                                  -- exactly eventcoder.model.RECORD_COLUMNS, in that order

``events`` column types follow the :class:`~eventcoder.model.EventRecord` annotations: ``str`` ->
VARCHAR, ``int`` -> INTEGER (``sentence_index``, ``sentence_start``, ``sentence_end``, ``quad_class``),
``float`` -> DOUBLE (``goldstein``, ``latitude``, ``longitude``), and ``event_date`` / ``published`` ->
DATE. ``event_id``, ``doc_id`` and ``cameo_code`` are NOT NULL. ``events.doc_id`` refers to
``articles.doc_id`` (kept by :meth:`EventStore.store_article`, not by a foreign key).

An article is the unit of writing: :meth:`EventStore.store_article` replaces the article's row and all of
its events in one transaction, so coding an article again never duplicates its events, and a failed
write leaves what was stored before.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from .errors import StoreError
from .model import RECORD_COLUMNS, Article, EventRecord

__all__ = ["DEFAULT_PATH", "SCHEMA_VERSION", "EventStore"]

SCHEMA_VERSION = 1
"""Version of the schema this module creates and reads."""

DEFAULT_PATH = "eventcoder.duckdb"
"""The database file used when none is given (relative to the current folder)."""

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


def _event_column_types() -> dict[str, str]:
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


EVENT_COLUMN_TYPES: dict[str, str] = _event_column_types()
"""SQL type of each events column, in RECORD_COLUMNS order."""

_SCHEMA = [
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    """CREATE TABLE articles (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        headline VARCHAR,
        outlet VARCHAR,
        url VARCHAR,
        published DATE,
        dateline TEXT,
        coded_at TIMESTAMP NOT NULL,
        coder_version VARCHAR NOT NULL
    )""",
    "CREATE TABLE events (\n    "
    + ",\n    ".join(
        f"{name} {sql_type}" + (" NOT NULL" if name in _NOT_NULL_COLUMNS else "")
        for name, sql_type in EVENT_COLUMN_TYPES.items()
    )
    + "\n)",
]

# Column names come from RECORD_COLUMNS (code, not input); every value is a bound parameter. One
# statement inserts all of an article's events: each column is bound as one list and unnested.
_INSERT_EVENTS = (
    f"INSERT INTO events ({', '.join(RECORD_COLUMNS)}) SELECT "
    + ", ".join(f"unnest(?::{t}[])" for t in EVENT_COLUMN_TYPES.values())
)
_INSERT_ARTICLE = (
    f"INSERT OR REPLACE INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _ARTICLE_COLUMNS)})"
)
DUCKDB_MAGIC = b"DUCK"
"""The magic bytes at offset 8 of every DuckDB database file."""

_SELECT_EVENTS = f"SELECT {', '.join(RECORD_COLUMNS)} FROM events"
_EVENT_ORDER = " ORDER BY doc_id, sentence_index, sentence_start, event_id"


def _coder_version() -> str:
    from . import __version__

    return __version__


def _iso(value: Any) -> Any:
    """A DATE read back from the database as the ISO string EventRecord uses."""
    return value.isoformat() if isinstance(value, date) else value


def _check_path(path: Path) -> None:
    """Refuse a path that cannot hold an event store before DuckDB sees it.

    DuckDB opens some files that are not databases (a CSV or JSON Lines export, for example) as an
    in-memory database without an error; writing there would silently store nothing.

    Raises:
        StoreError: the parent is missing or not a folder, the path is a folder, or an existing non-empty
            file does not carry DuckDB's file header.
    """
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"cannot open event store {path}: folder {parent} does not exist")
    if not parent.is_dir():
        raise StoreError(f"cannot open event store {path}: {parent} is a file, not a folder")
    if path.is_dir():
        raise StoreError(f"cannot open event store {path}: it is a folder; give a file name such as {path}/events.duckdb")
    if path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(16)
        if header[8:12] != DUCKDB_MAGIC:
            raise StoreError(f"cannot open event store {path}: the file exists and is not a DuckDB database "
                             "(an export? use another --db file)")


class EventStore:
    """Coded articles and their events in an embedded DuckDB database.

    Opening a path that does not exist creates the database with the schema above; opening an existing
    one checks its schema version and columns. Use it as a context manager or call :meth:`close`.
    One EventStore holds one DuckDB connection and is not meant to be shared between threads.

    Args:
        path (str | Path): the database file, or ``":memory:"`` for a private in-memory database.
            Defaults to ``eventcoder.duckdb`` in the current folder.
        read_only (bool): open an existing database for reading only.
        coder_version (str | None): recorded with each article; None = this eventcoder's version.

    Raises:
        StoreError: the file cannot be opened (missing folder, not a DuckDB file, locked by another
            process) or holds another schema version or other event columns.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        *,
        read_only: bool = False,
        coder_version: str | None = None,
    ) -> None:
        self.path = str(path)
        self.coder_version = coder_version or _coder_version()
        if self.path != ":memory:":
            _check_path(Path(self.path))
        try:
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open event store {self.path}: {exc}") from exc
        try:
            self._prepare(read_only)
        except BaseException:
            self.close()
            raise

    # -- life cycle -------------------------------------------------------------------------------

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (committed data is on disk). Calling it again does nothing."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __repr__(self) -> str:
        return f"EventStore({self.path!r})"

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for read queries of your own.

        Raises:
            StoreError: the store has been closed.
        """
        if self._con is None:
            raise StoreError(f"event store {self.path} is closed")
        return self._con

    def _prepare(self, read_only: bool) -> None:
        """Create the schema in a new database; check version and columns of an existing one."""
        tables = {row[0] for row in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "schema_version" not in tables:
            if tables & {"articles", "events"} or read_only:
                raise StoreError(
                    f"{self.path} is not an eventcoder database (no schema_version table); "
                    "use another --db file"
                )
            self._write(self._create_schema)
            return
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        version = row[0] if row else None
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this eventcoder reads version "
                f"{SCHEMA_VERSION}: code into a new --db file"
            )
        columns = tuple(
            r[0]
            for r in self.con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                ["events"],
            ).fetchall()
        )
        if columns != RECORD_COLUMNS:
            missing = sorted(set(RECORD_COLUMNS) - set(columns))
            extra = sorted(set(columns) - set(RECORD_COLUMNS))
            raise StoreError(
                f"{self.path} was made by another eventcoder version (events columns differ: "
                f"missing {missing}, extra {extra}): code into a new --db file"
            )

    def _create_schema(self) -> None:
        for statement in _SCHEMA:
            self.con.execute(statement)
        self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])

    def _write(self, work: Any, *args: Any) -> None:
        """Run ``work(*args)`` in one transaction: commit, or roll back and raise StoreError."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            work(*args)
            con.execute("COMMIT")
        except BaseException as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"write to event store {self.path} failed and was rolled back: {exc}") from exc
            raise

    # -- writing ----------------------------------------------------------------------------------

    def store_article(self, article: Article, records: list[EventRecord]) -> None:
        """Store one coded article, replacing what was stored for its ``doc_id`` before.

        In one transaction: delete the article's previous events, write its row (content hash,
        metadata, coding time and version) and insert ``records``. An article with no events is stored
        too (it was coded and found none).

        Args:
            article (Article): the coded article.
            records (list[EventRecord]): its events; each ``doc_id`` must be ``article.doc_id`` and each
                ``event_id`` unique among them.

        Raises:
            StoreError: a record belongs to another article or repeats an event_id, or the database
                refused the write (rolled back: the previous rows are still there).
        """
        records = list(records)
        self._check_records(article, records)
        self._write(self._replace_article, article, records)

    @staticmethod
    def _check_records(article: Article, records: list[EventRecord]) -> None:
        seen: set[str] = set()
        for record in records:
            if record.doc_id != article.doc_id:
                raise StoreError(
                    f"event {record.event_id} has doc_id {record.doc_id!r}, not the article's {article.doc_id!r}"
                )
            if record.event_id in seen:
                raise StoreError(f"article {article.doc_id}: event_id {record.event_id} occurs twice")
            seen.add(record.event_id)

    def _replace_article(self, article: Article, records: list[EventRecord]) -> None:
        con = self.con
        con.execute("DELETE FROM events WHERE doc_id = ?", [article.doc_id])
        con.execute(
            _INSERT_ARTICLE,
            [
                article.doc_id,
                article.content_hash,
                article.headline,
                article.outlet,
                article.url,
                article.published,
                article.dateline.text if article.dateline else None,
                datetime.now(UTC).replace(tzinfo=None),
                self.coder_version,
            ],
        )
        if records:
            rows = [dataclasses.astuple(r) for r in records]
            con.execute(_INSERT_EVENTS, [list(column) for column in zip(*rows, strict=True)])

    # -- reading ----------------------------------------------------------------------------------

    def is_current(self, doc_id: str, content_hash: str, coder_version: str | None = None) -> bool:
        """True when ``doc_id`` is stored with this ``content_hash`` (and ``coder_version``, if given).

        Lets a caller skip re-coding an unchanged article.
        """
        sql = "SELECT count(*) FROM articles WHERE doc_id = ? AND content_hash = ?"
        params: list[Any] = [doc_id, content_hash]
        if coder_version is not None:
            sql += " AND coder_version = ?"
            params.append(coder_version)
        row = self.con.execute(sql, params).fetchone()
        return bool(row and row[0])

    def events(self, limit: int | None = None, *, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Stored events as dicts shaped like :meth:`EventRecord.as_dict` (dates as ISO strings).

        Ordered by doc_id, sentence_index, sentence_start, event_id, so ``EventRecord(**row)`` rebuilds a
        record.

        Args:
            limit (int | None): at most this many rows; None = all.
            doc_id (str | None): only this article's events.
        """
        sql, params = _SELECT_EVENTS, []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        sql += _EVENT_ORDER
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self.con.execute(sql, params).fetchall()
        return [dict(zip(RECORD_COLUMNS, map(_iso, row), strict=True)) for row in rows]

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored article rows as dicts (the ``articles`` columns; dates as ``date``/``datetime``), by doc_id."""
        sql, params = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY doc_id", []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [dict(zip(_ARTICLE_COLUMNS, row, strict=True)) for row in self.con.execute(sql, params).fetchall()]

    def count_events(self, doc_id: str | None = None) -> int:
        """Number of stored events (of one article when ``doc_id`` is given)."""
        if doc_id is None:
            row = self.con.execute("SELECT count(*) FROM events").fetchone()
        else:
            row = self.con.execute("SELECT count(*) FROM events WHERE doc_id = ?", [doc_id]).fetchone()
        return int(row[0]) if row else 0

    def count_articles(self) -> int:
        """Number of stored articles (coded ones, with or without events)."""
        row = self.con.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else 0

