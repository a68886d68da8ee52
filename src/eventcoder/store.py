"""The embedded event store: coded articles, their event mentions and the deduplicated events in DuckDB.

Schema version 2 (described column by column in ``docs/store.md``)::

    schema_version(version INTEGER)              -- one row: 2
    articles(doc_id PRIMARY KEY, content_hash, headline, outlet, url, published, dateline,
             coded_at, coder_version)            -- one row per coded article
    mentions(...)                                -- one row per coded event per article:
                                                 -- exactly eventcoder.model.RECORD_COLUMNS, in that order
    events(event_key, global_event_id, event_date, source_code, target_code, cameo_code, ...,
           num_mentions, num_sources, num_articles, first_seen, last_seen, date_added, ...)
                                                 -- one row per (event_date, source_code, target_code,
                                                 -- cameo_code) over all articles, like GDELT's events

``mentions`` column types follow the :class:`~eventcoder.model.EventRecord` annotations: ``str`` ->
VARCHAR, ``int`` -> INTEGER, ``float`` -> DOUBLE, and ``event_date`` / ``published`` -> DATE. The SQL that
creates, fills, reads and upgrades these tables is in :mod:`eventcoder.store_schema`.

An article is the unit of writing: :meth:`EventStore.store_article` replaces the article's row and all of
its mentions, and recomputes the ``events`` rows of every event key the article had or has, in one
transaction. ``events`` is therefore always the aggregate of ``mentions``, also after re-coding or
deleting an article, and a crash leaves each article either wholly stored or not at all. An article's
``content_hash`` is :func:`~eventcoder.options.coding_key` of its content hash and the fingerprint of the
coder's settings: the content hash itself when it was coded with the default settings.

Version 1 (tables ``articles`` and ``events``, the latter holding what is now ``mentions``) is upgraded
in one transaction when it is opened for writing; a database newer than this code is refused unchanged.

Concurrency: a DuckDB file is open read-write in one process at a time, and while it is, no other process
can open it at all. ``EventStore(path, shared=True)`` therefore opens the file only for the duration of
each call (one article's write, one query) and every open retries on a lock conflict for up to
``lock_timeout`` seconds, so a writer and readers in other processes take turns.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from .errors import StoreError, StoreUnwritable
from .model import RECORD_COLUMNS, Article, EventRecord
from .options import coding_key
from .store_schema import (
    _ARTICLE_COLUMNS,
    _DELETE_MENTIONS,
    _INSERT_ARTICLES,
    _INSERT_MENTIONS,
    _MENTION_ORDER,
    _SELECT_EVENTS,
    _SELECT_MENTIONS,
    _STORED_DOC_IDS,
    EVENT_COLUMNS,
    SCHEMA_VERSION,
    _check_columns,
    _create_schema,
    _delete_article,
    _record_values,
    _refresh_keys,
    _upgrade_v1,
)

# Defined in store_schema; importable from here as before it was split off.
from .store_schema import EVENT_COLUMN_TYPES as EVENT_COLUMN_TYPES
from .store_schema import EVENT_KEY_SQL as EVENT_KEY_SQL
from .store_schema import MENTION_COLUMN_TYPES as MENTION_COLUMN_TYPES

__all__ = ["CHECKPOINT_MEMORY", "DEFAULT_PATH", "EVENT_COLUMNS", "LOCK_TIMEOUT", "SCHEMA_VERSION", "EventStore"]

DEFAULT_PATH = "eventcoder.duckdb"
"""The database file used when none is given (relative to the current folder)."""

LOCK_TIMEOUT = 30.0
"""Seconds an open waits for another process to release the database file before it gives up."""

CHECKPOINT_MEMORY = "24MB"
"""DuckDB's memory limit while a writable database file is closed (:meth:`EventStore._close`).

Closing the file runs DuckDB's checkpoint: it writes the rows committed since the last one as a new row
group, and merges the small row groups at the end of a table once they add up to twice the one before
them (DuckDB's vacuum), so that merges double in size as a table grows (16,000 mentions, 33,000, 66,000,
... up to a few row groups of 122,880). A merge builds its row group uncompressed in memory, about 0.8 KB a
mention: a batch writing 32 articles at a time peaked higher at each of them. Under this limit DuckDB spills
the merged rows to its temporary folder (``FILE.tmp``) instead; the rest of a checkpoint of this schema
needed under 16 MB in our measurements (``benchmarks/store_soak.py``).
"""

DUCKDB_MAGIC = b"DUCK"
"""The magic bytes at offset 8 of every DuckDB database file."""


def _coder_version() -> str:
    from . import __version__

    return __version__


def _iso(value: Any) -> Any:
    """A DATE read back from the database as the ISO string EventRecord uses."""
    return value.isoformat() if isinstance(value, date) else value


def _check_path(path: Path, read_only: bool) -> None:
    """Refuse a path that cannot hold an event store before DuckDB sees it.

    DuckDB opens some files that are not databases (a CSV or JSON Lines export, for example) as an
    in-memory database without an error; writing there would silently store nothing.

    Raises:
        StoreError: the parent is missing or not a folder, the path is a folder, an existing non-empty
            file does not carry DuckDB's file header, or (``read_only``) the file does not exist.
    """
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"cannot open event store {path}: folder {parent} does not exist")
    if not parent.is_dir():
        raise StoreError(f"cannot open event store {path}: {parent} is a file, not a folder")
    if path.is_dir():
        raise StoreError(f"cannot open event store {path}: it is a folder; give a file name such as {path}/events.duckdb")
    if read_only and not path.exists():
        raise StoreError(f"no event store at {path}: code articles into it first (eventcoder code ... --db {path})")
    if path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(16)
        if header[8:12] != DUCKDB_MAGIC:
            raise StoreError(f"cannot open event store {path}: the file exists and is not a DuckDB database "
                             "(an export? use another --db file)")


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return "Could not set lock" in str(exc) or "Conflicting lock" in str(exc)


def connect(path: str, *, read_only: bool = False, lock_timeout: float = LOCK_TIMEOUT,
            config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection, retrying while another process holds the file's lock.

    Waits 10 ms, then twice as long each time up to 200 ms between tries, for at most ``lock_timeout``
    seconds in all.

    Args:
        path (str): the database file or ``":memory:"``.
        read_only (bool): open for reading only.
        lock_timeout (float): seconds to keep trying while the file is locked by another process.
        config (dict | None): DuckDB configuration options (``{"enable_external_access": False}``).

    Raises:
        StoreError: the file stayed locked for ``lock_timeout`` seconds, or DuckDB refused to open it.
    """
    deadline = time.monotonic() + lock_timeout
    delay = 0.01
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config or {})
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise StoreError(f"cannot open event store {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise StoreError(f"event store {path} is busy: another process held it for more than "
                                 f"{lock_timeout:g} s (try again when its batch has finished)") from exc
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


class EventStore:
    """Coded articles, their event mentions and the deduplicated events in an embedded DuckDB database.

    Opening a path that does not exist creates the database with the schema above; opening an existing
    one checks its schema version and columns, and upgrades a version 1 database when not ``read_only``.
    Use it as a context manager or call :meth:`close`. One EventStore is not meant to be shared between
    threads.

    Args:
        path (str | Path): the database file, or ``":memory:"`` for a private in-memory database.
            Defaults to ``eventcoder.duckdb`` in the current folder.
        read_only (bool): open an existing database for reading only.
        coder_version (str | None): recorded with each article; None = this eventcoder's version.
        shared (bool): hold the file open only during each call, so other processes can open it between
            calls (a batch writer beside readers). Not for ``":memory:"``.
        lock_timeout (float): seconds each open waits while another process holds the file.
        sandbox (bool): with ``read_only``: switch DuckDB's file access off (no COPY TO, ATTACH or reading
            other files), for running SQL written by someone else.

    Raises:
        StoreError: the file cannot be opened (missing folder, not a DuckDB file, locked by another
            process for longer than ``lock_timeout``), holds a newer schema version or other columns,
            or (``read_only``) holds an older version that needs upgrading or does not exist.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        *,
        read_only: bool = False,
        coder_version: str | None = None,
        shared: bool = False,
        lock_timeout: float = LOCK_TIMEOUT,
        sandbox: bool = False,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.sandbox = sandbox and read_only
        self.coder_version = coder_version or _coder_version()
        self.shared = shared and self.path != ":memory:"
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        self._closed = False
        if self.path != ":memory:":
            _check_path(Path(self.path), read_only)
        con = self._open()
        try:
            self._prepare(con)
        except BaseException:
            con.close()
            self._closed = True
            raise
        if self.shared:
            self._close(con)
        else:
            self._con = con

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
            self._close(self._con)
            self._con = None
        self._closed = True

    def __repr__(self) -> str:
        return f"EventStore({self.path!r})"

    def _open(self) -> duckdb.DuckDBPyConnection:
        config = {"enable_external_access": False} if self.sandbox else None
        return connect(self.path, read_only=self.read_only, lock_timeout=self.lock_timeout, config=config)

    def _close(self, con: duckdb.DuckDBPyConnection) -> None:
        """Close ``con``; a writable file database checkpoints on closing, under :data:`CHECKPOINT_MEMORY`.

        The memory of the process that writes then stays flat however big the database grows. Should that
        checkpoint not complete (DuckDB then keeps the committed rows in its write-ahead log, ``FILE.wal``,
        and closes anyway), the file is opened once more and closed without the limit, so that the log is
        not replayed by every later open.
        """
        if self.read_only or self.path == ":memory:":
            con.close()
            return
        try:
            con.execute(f"SET memory_limit = '{CHECKPOINT_MEMORY}'")
        except duckdb.Error:
            pass  # a connection DuckDB gave up on: close it as it is
        con.close()
        if Path(self.path + ".wal").exists():
            try:
                connect(self.path, lock_timeout=self.lock_timeout).close()
            except StoreError:
                pass  # another process has the file: it replays the log and checkpoints when it closes it

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection of a store that is not ``shared``, for read queries of your own.

        Raises:
            StoreError: the store has been closed, or is ``shared`` (use :meth:`connection`).
        """
        if self._con is None and not self.shared and not self._closed:
            self._con = self._open()
        if self._con is None:
            if self.shared and not self._closed:
                raise StoreError(f"event store {self.path} is shared: use `with store.connection() as con`")
            raise StoreError(f"event store {self.path} is closed")
        return self._con

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection for the duration of a ``with`` block: the held one, or (``shared``) one
        opened for the block (retrying on lock conflicts) and closed after it.

        Raises:
            StoreError: the store is closed, or the file stayed locked for ``lock_timeout`` seconds.
        """
        if not self.shared or self._con is not None:
            yield self.con
            return
        if self._closed:
            raise StoreError(f"event store {self.path} is closed")
        con = self._open()
        try:
            yield con
        finally:
            self._close(con)

    @contextmanager
    def held(self) -> Iterator[EventStore]:
        """Hold a ``shared`` store's file open for the ``with`` block, so that several calls (the writes of
        a group of coded articles, each still its own transaction) share one open instead of one each.
        Other processes wait for the block to end, as for one write. Does nothing for a store that is not
        shared or is held already.

        Raises:
            StoreError: the store is closed, or the file stayed locked for ``lock_timeout`` seconds.
        """
        if not self.shared or self._con is not None:
            yield self
            return
        if self._closed:
            raise StoreError(f"event store {self.path} is closed")
        self._con = self._open()
        try:
            yield self
        finally:
            if self._con is not None:
                self._close(self._con)
                self._con = None

    # -- schema -----------------------------------------------------------------------------------

    def _prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create the schema in a new database; check (and upgrade) an existing one."""
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "schema_version" not in tables:
            if tables & {"articles", "events", "mentions"} or self.read_only:
                raise StoreError(
                    f"{self.path} is not an eventcoder database (no schema_version table); "
                    "use another --db file"
                )
            self._transaction(con, _create_schema)
            return
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
        version = row[0] if row else None
        if version == 1 and not self.read_only:
            _check_columns(con, self.path, "events", RECORD_COLUMNS)
            self._transaction(con, _upgrade_v1)
        elif version == 1:
            raise StoreError(f"{self.path} has schema version 1; open it for writing once to upgrade it to "
                             f"version {SCHEMA_VERSION} (eventcoder migrate --db {self.path})")
        elif version != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this eventcoder reads version "
                f"{SCHEMA_VERSION} and older: upgrade eventcoder, or code into a new --db file"
            )
        _check_columns(con, self.path, "mentions", RECORD_COLUMNS)
        _check_columns(con, self.path, "events", EVENT_COLUMNS)

    def schema_version(self) -> int:
        """The schema version of the open database (always :data:`SCHEMA_VERSION` once opened)."""
        with self.connection() as con:
            row = con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0])

    def _transaction(self, con: duckdb.DuckDBPyConnection, work: Any, *args: Any) -> Any:
        """Run ``work(con, *args)`` in one transaction: commit, or roll back and raise StoreError; StoreUnwritable
        (the connection closed: the next call opens the file again) when COMMIT or ROLLBACK failed."""
        step = "BEGIN TRANSACTION"
        con.execute(step)
        try:
            result = work(con, *args)
            step = "COMMIT"  # fails on a full disk, a file size limit, an I/O error: DuckDB dropped the write
            con.execute(step)
        except BaseException as exc:
            dead = step == "COMMIT" or isinstance(exc, duckdb.IOException | duckdb.FatalException)
            try:
                con.execute("ROLLBACK")
            except duckdb.Error as failed:  # after a failed COMMIT: "no transaction is active"
                exc.add_note(f"ROLLBACK failed too: {failed}")
                dead = True
            if dead:
                self._drop(con)
            if not isinstance(exc, duckdb.Error):
                raise
            done = "nothing of this write was stored" if dead else "rolled back"
            message = " ".join(f"write to event store {self.path} failed, {done}: {exc}".split())
            raise (StoreUnwritable if dead else StoreError)(message) from exc
        return result

    def _drop(self, con: duckdb.DuckDBPyConnection) -> None:
        """Close a connection DuckDB may have given up on; the next call opens the file again."""
        with suppress(duckdb.Error):
            con.close()
        self._con = None if con is self._con else self._con

    def _write(self, work: Any, *args: Any) -> Any:
        if self.read_only:
            raise StoreError(f"event store {self.path} was opened read-only")
        with self.connection() as con:
            return self._transaction(con, work, *args)

    # -- writing ----------------------------------------------------------------------------------

    def store_article(self, article: Article, records: list[EventRecord], *, fingerprint: str | None = None
                      ) -> None:
        """Store one coded article, replacing what was stored for its ``doc_id`` before.

        In one transaction: delete the article's previous mentions, write its row (content hash,
        metadata, coding time and version), insert ``records`` as its mentions and recompute the
        ``events`` rows of every event key the article had before or has now. An article with no
        events is stored too (it was coded and found none).

        Args:
            article (Article): the coded article.
            records (list[EventRecord]): its events; each ``doc_id`` must be ``article.doc_id`` and each
                ``event_id`` unique among them.
            fingerprint (str | None): the coder's settings it was coded with
                (:meth:`~eventcoder.options.CoderOptions.fingerprint`; None = the defaults): the row's
                ``content_hash`` is :func:`~eventcoder.options.coding_key` of the article's and this.

        Raises:
            StoreError: a record belongs to another article or repeats an event_id, the store is
                read-only, or the database refused the write (rolled back: the previous rows are still
                there).
        """
        records = list(records)
        _check_records(article, records)
        self._write(self._replace_articles, [(article, records)], fingerprint)

    def store_articles(self, items: list[tuple[Article, list[EventRecord]]], *, fingerprint: str | None = None
                       ) -> None:
        """Store several coded articles in one transaction: as :meth:`store_article` for each, with one
        recomputation of ``events`` for all their keys, so that a batch stores a group of articles for about
        the cost of one. Each article is still whole or absent after a crash; a failure stores none of them.

        Args:
            items: (article, its records) pairs, each doc_id once.
            fingerprint (str | None): the coder's settings they were coded with, as for :meth:`store_article`.

        Raises:
            StoreError: as :meth:`store_article`, or a doc_id given twice (nothing of the group is stored).
        """
        items = [(article, list(records)) for article, records in items]
        for article, records in items:
            _check_records(article, records)
        doc_ids = [article.doc_id for article, _ in items]
        if len(set(doc_ids)) != len(doc_ids):
            raise StoreError("store_articles: a doc_id is given twice; give each article once")
        if items:
            self._write(self._replace_articles, items, fingerprint)

    def _replace_articles(self, con: duckdb.DuckDBPyConnection, items: list[tuple[Article, list[EventRecord]]],
                          fingerprint: str | None) -> None:
        doc_ids = [article.doc_id for article, _ in items]
        stored = [row[0] for row in con.execute(_STORED_DOC_IDS, [doc_ids]).fetchall()]
        keys = {row[0] for row in con.execute(_DELETE_MENTIONS, [stored]).fetchall()} if stored else set()
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = [self._article_row(article, now, fingerprint) for article, _ in items]
        con.execute(_INSERT_ARTICLES, [list(column) for column in zip(*rows, strict=True)])
        records = [_record_values(r) for _, group in items for r in group]
        if records:
            columns = [list(column) for column in zip(*records, strict=True)]
            keys.update(row[0] for row in con.execute(_INSERT_MENTIONS, columns).fetchall())
        _refresh_keys(con, sorted(keys))

    def _article_row(self, article: Article, coded_at: datetime, fingerprint: str | None) -> tuple:
        return (article.doc_id, coding_key(article.content_hash, fingerprint), article.headline, article.outlet, article.url,
                article.published, article.dateline.text if article.dateline else None, coded_at,
                self.coder_version)

    def delete_article(self, doc_id: str) -> bool:
        """Delete an article, its mentions and its share of the events (one transaction).

        RETURNS (bool): True when the article was stored.

        Raises:
            StoreError: the store is read-only or the write failed (rolled back).
        """
        return bool(self._write(_delete_article, doc_id))

    # -- reading ----------------------------------------------------------------------------------

    def is_current(self, doc_id: str, content_hash: str, coder_version: str | None = None, *,
                   fingerprint: str | None = None) -> bool:
        """True when ``doc_id`` is stored with this ``content_hash``, coded with the settings of this
        ``fingerprint`` (as for :meth:`store_article`; None = the defaults), and ``coder_version`` if given.

        Lets a caller skip re-coding an unchanged article.
        """
        sql = "SELECT count(*) FROM articles WHERE doc_id = ? AND content_hash = ?"
        params: list[Any] = [doc_id, coding_key(content_hash, fingerprint)]
        if coder_version is not None:
            sql += " AND coder_version = ?"
            params.append(coder_version)
        return self._scalar(sql, params) > 0

    def current(self, articles: list[tuple[str, str]], *, fingerprint: str | None = None) -> set[str]:
        """The doc_ids among ``articles`` ((doc_id, content_hash) pairs) stored with that content hash and coded
        with the settings of this ``fingerprint`` (None = the defaults): one query for many :meth:`is_current`
        questions (``eventcoder code`` asks for a chunk of its input)."""
        if not articles:
            return set()
        doc_ids, hashes = (list(column) for column in zip(*articles, strict=True))
        hashes = [coding_key(h, fingerprint) for h in hashes]
        _names, rows = self.query(
            "SELECT a.doc_id FROM articles a JOIN (SELECT unnest(?) AS doc_id, unnest(?) AS content_hash) q "
            "ON a.doc_id = q.doc_id AND a.content_hash = q.content_hash", [doc_ids, hashes])
        return {row[0] for row in rows}

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run one read query with bound ``params``; returns (column names, rows).

        Raises:
            StoreError: DuckDB refused the query (a syntax error, an unknown column, a write on a
                read-only store).
        """
        with self.connection() as con:
            try:
                cursor = con.execute(sql, params or [])
                names = [d[0] for d in cursor.description or []]
                return names, cursor.fetchall()
            except duckdb.Error as exc:
                raise StoreError(" ".join(str(exc).split())) from exc

    def _scalar(self, sql: str, params: list[Any] | None = None) -> int:
        _names, rows = self.query(sql, params)
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def mentions(self, limit: int | None = None, *, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Stored mentions (one per coded event per article) as dicts shaped like :meth:`EventRecord.as_dict`.

        Dates are ISO strings; ordered by doc_id, sentence_index, sentence_start, event_id, so
        ``EventRecord(**row)`` rebuilds a record.

        Args:
            limit (int | None): at most this many rows; None = all.
            doc_id (str | None): only this article's mentions.
        """
        sql, params = _SELECT_MENTIONS, []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        sql += _MENTION_ORDER
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        _names, rows = self.query(sql, params)
        return [dict(zip(RECORD_COLUMNS, map(_iso, row), strict=True)) for row in rows]

    def events(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Deduplicated events (the ``events`` table, :data:`EVENT_COLUMNS`) as dicts, by date then key.

        Dates (``event_date``, ``first_seen``, ``last_seen``) are ISO strings; ``date_added`` a datetime.
        """
        sql, params = _SELECT_EVENTS, []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        _names, rows = self.query(sql, params)
        return [dict(zip(EVENT_COLUMNS, map(_iso, row), strict=True)) for row in rows]

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored article rows as dicts (the ``articles`` columns; dates as ``date``/``datetime``), by doc_id."""
        sql, params = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY doc_id", []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        _names, rows = self.query(sql, params)
        return [dict(zip(_ARTICLE_COLUMNS, row, strict=True)) for row in rows]

    def count_mentions(self, doc_id: str | None = None) -> int:
        """Number of stored mentions (of one article when ``doc_id`` is given)."""
        if doc_id is None:
            return self._scalar("SELECT count(*) FROM mentions")
        return self._scalar("SELECT count(*) FROM mentions WHERE doc_id = ?", [doc_id])

    def count_events(self) -> int:
        """Number of deduplicated events (rows of ``events``)."""
        return self._scalar("SELECT count(*) FROM events")

    def count_articles(self) -> int:
        """Number of stored articles (coded ones, with or without events)."""
        return self._scalar("SELECT count(*) FROM articles")


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
