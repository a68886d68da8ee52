"""The server's read path: one read-only DuckDB connection shared by the requests in flight.

A DuckDB file held open by one process cannot be written by another (``eventcoder code --db`` beside the
server), so the server must not hold the store for ever; opening it for each request (and each query) costs
more than the query. :class:`SharedReader` does both: the first read request opens the store read-only, every
request that arrives while it is open reads through its own cursor of that connection (DuckDB runs them in
parallel), and the file is closed ``idle`` seconds after the last one finished (so that a client's next
request, or the dashboard's next few, find it open). Under load without pause the connection is kept at most
``max_hold`` seconds: new requests then wait until those in flight have finished, the file is closed for
``gap`` seconds (longer than a waiting writer's retry interval, :func:`eventcoder.store.connect`), and
reopened, so that a batch writing to the same store gets its turn.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb

from ..errors import StoreError
from ..store import LOCK_TIMEOUT, EventStore

__all__ = ["ReadView", "SharedReader"]


class ReadView:
    """What :mod:`eventcoder.query` needs of a store (``path`` and :meth:`query`), over one DuckDB cursor.

    Args:
        path (str): the store's file, for messages.
        cursor (duckdb.DuckDBPyConnection): a cursor of the shared read-only connection, used by one thread.
    """

    def __init__(self, path: str, cursor: duckdb.DuckDBPyConnection) -> None:
        self.path = path
        self._cursor = cursor

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run one read query with bound ``params``: (column names, rows). Raises StoreError when DuckDB refuses it."""
        try:
            cursor = self._cursor.execute(sql, params or [])
            return [d[0] for d in cursor.description or []], cursor.fetchall()
        except duckdb.Error as exc:
            raise StoreError(" ".join(str(exc).split())) from exc


class SharedReader:
    """Read access to the store at ``path`` for concurrent requests, through one connection while any is in flight.

    Args:
        path (str): the DuckDB event store (it must exist).
        max_hold (float): seconds the connection stays open while requests keep coming, before it is released.
        gap (float): seconds the file stays released after such a hold, so that another process can take it.
        idle (float): seconds the connection stays open after the last request (0 = closed at once); a thread
            of this reader closes it then.
        lock_timeout (float): seconds an open waits while another process writes the file.

    Thread-safe: each request thread calls :meth:`view` (a context manager).
    """

    def __init__(self, path: str, *, max_hold: float = 2.0, gap: float = 0.25, idle: float = 0.5,
                 lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = path
        self.max_hold, self.gap, self.idle, self.lock_timeout = max_hold, gap, idle, lock_timeout
        self._idle_since = 0.0
        self._closer: threading.Thread | None = None
        self._cond = threading.Condition()
        self._store: EventStore | None = None
        self._opened = 0.0
        self._users = 0
        self._paused = 0
        self._reopen_after = 0.0
        self.opens = 0  # how many times the file was opened (for tests and benchmarks)

    @property
    def is_open(self) -> bool:
        """True while this reader holds the store's file open."""
        with self._cond:
            return self._store is not None

    def _held_too_long(self) -> bool:
        return self._store is not None and time.monotonic() - self._opened >= self.max_hold

    def _may_enter(self) -> bool:
        if self._store is not None and self._users == 0 and (self._paused or self._held_too_long()):
            self._release()  # open but idle: release it now rather than wait for the idle thread
        return not self._paused and not self._held_too_long()

    @contextmanager
    def view(self) -> Iterator[ReadView]:
        """A :class:`ReadView` for the ``with`` block, on the shared connection (opened now if it is not open).

        Raises:
            StoreError: the store cannot be opened (another process held it for ``lock_timeout`` seconds, or
                the file is not an event store any more).
        """
        with self._cond:
            self._cond.wait_for(self._may_enter)
            if self._store is None:
                time.sleep(max(0.0, self._reopen_after - time.monotonic()))
                self._store = EventStore(self.path, read_only=True, lock_timeout=self.lock_timeout)
                self._opened = time.monotonic()
                self.opens += 1
            cursor = self._store.con.cursor()
            self._users += 1
        try:
            yield ReadView(self.path, cursor)
        finally:
            cursor.close()
            with self._cond:
                self._users -= 1
                if self._users == 0:
                    self._release_later()

    def _release_later(self) -> None:
        """The last request finished (the caller holds the lock): close now, or after ``idle`` seconds unused."""
        if self.idle <= 0 or self._held_too_long():
            self._release()
            return
        self._idle_since = time.monotonic()
        if self._closer is None:
            self._closer = threading.Thread(target=self._close_when_idle, name="eventcoder-reader-idle", daemon=True)
            self._closer.start()

    def _close_when_idle(self) -> None:
        """The idle thread: close the connection once no request has used it for ``idle`` seconds."""
        with self._cond:
            while self._store is not None:
                unused = time.monotonic() - self._idle_since
                if self._users == 0 and unused >= self.idle:
                    self._release()
                    break
                self._cond.wait(timeout=self.idle - unused if self._users == 0 else self.idle)
            self._closer = None

    def _release(self) -> None:
        """Close the connection (the caller holds the lock and no request uses it); wake the waiting requests."""
        if self._store is not None:
            if time.monotonic() - self._opened >= self.max_hold:
                self._reopen_after = time.monotonic() + self.gap
            self._store.close()
            self._store = None
        self._cond.notify_all()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Keep the file released for the ``with`` block (this process writes to it meanwhile): waits until the
        reads in flight have finished; reads that arrive meanwhile wait for the block to end."""
        with self._cond:
            self._paused += 1
            self._cond.wait_for(lambda: self._users == 0)
            self._release()
        try:
            yield
        finally:
            with self._cond:
                self._paused -= 1
                self._cond.notify_all()
