"""Exceptions raised by eventcoder.

Every exception the library raises on purpose derives from :class:`EventcoderError`, so a caller can
catch them all with one ``except``. Bad input files are not exceptions: :func:`eventcoder.ingest.read_paths`
yields an :class:`eventcoder.ingest.IngestError` result object for them and goes on with the batch.
"""

from __future__ import annotations

__all__ = ["CodingError", "EventcoderError", "ExportError", "QueryError", "StoreError", "StoreUnwritable"]


class EventcoderError(Exception):
    """Base class of every exception eventcoder raises on purpose."""


class CodingError(EventcoderError):
    """An article that cannot be coded (for example a text with no sentences).

    Raised by :meth:`eventcoder.pipeline.Coder.code_article`. The batch command reports it as a one-line
    error naming the article and goes on with the next one.

    Args:
        message (str): what went wrong, one line.
        doc_id (str | None): the article's id, when known.
        line (int | None): the article's 1-based line in a JSON Lines file, when it came from one.
    """

    def __init__(self, message: str, *, doc_id: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.doc_id = doc_id
        self.line = line


class StoreError(EventcoderError):
    """The event store cannot be opened, has an incompatible schema, or a write failed.

    Raised by :class:`eventcoder.store.EventStore`. A failed :meth:`~eventcoder.store.EventStore.store_article`
    has been rolled back: what was stored before is still there.
    """


class StoreUnwritable(StoreError):
    """A write the database could not commit or roll back (a full disk, a file size limit, an I/O error).

    Raised by :class:`eventcoder.store.EventStore`. Nothing of the write was stored and what was committed
    before is intact; the connection was closed (the next call opens the file again), but later writes will
    most likely fail the same way, so a batch stops at the first one (:class:`eventcoder.batch.Batch`).
    """


class QueryError(EventcoderError):
    """A query that cannot be run: a malformed or unknown code, date, column or grouping.

    Raised by :mod:`eventcoder.query` before any SQL runs; the message names the bad value and what is
    expected instead.
    """


class ExportError(EventcoderError):
    """An export or import that cannot be done: an unknown format, an unwritable or unreadable file, or
    rows that are not eventcoder records. Raised by :mod:`eventcoder.export`.
    """
