"""The batch behind ``eventcoder code`` and ``eventcoder watch``: read, skip unchanged articles, code (in this
process, on a pool of worker processes, or on a Dask cluster), store, write; count, show progress, sum up.

A thin layer over the Python API (:func:`~eventcoder.ingest.read_paths`,
:meth:`~eventcoder.pipeline.Coder.code_articles`, :class:`~eventcoder.parallel.ProcessCoder`,
:func:`~eventcoder.cluster.code_on_dask`, :meth:`~eventcoder.store.EventStore.store_article`).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

from .errors import CodingError, StoreError
from .ingest import IngestError
from .model import Article

__all__ = ["Batch", "CountingWriter", "Progress", "coding_engine", "error_line", "watch_feeds"]


def _where(doc_id: str, line: int | None) -> str:
    return f"{doc_id} line {line}" if line is not None else doc_id


def error_line(doc_id: str | None, line: int | None, exc: Exception) -> str:
    """``doc_id[ line N]: message`` on one line, like IngestError's (a doc_id prefix is not repeated)."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    if doc_id is None:
        return message
    if message.startswith(f"{doc_id}: "):
        message = message[len(doc_id) + 2 :]
    return f"{_where(doc_id, line)}: {message}"


STORE_GROUP = 32
"""Coded articles stored in one transaction (one recomputation of the events table for all of them)."""

LOOKUP_CHUNK = 64
"""Articles whose stored content hash is looked up in one open of the store."""


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class _Unchanged:
    """Marker carried through the coder in an article's place: stored before with the same content hash."""

    article: Article


class CountingWriter:
    """Stands in for a :class:`~eventcoder.output.RecordWriter` where the records went elsewhere (Parquet
    partitions): counts them."""

    def __init__(self) -> None:
        self.count = 0

    def write(self, records: list) -> None:
        """Count these records."""
        self.count += len(records)


class _RateColumn(ProgressColumn):
    """Articles per second over the last seconds."""

    def render(self, task) -> Text:
        return Text(f"{task.speed or 0:.1f} articles/s")


class Progress:
    """A progress bar on stderr (articles, articles/s, ETA) when stderr is a terminal; nothing otherwise.

    Args:
        total (int | None): articles expected, for the ETA; None when unknown.
        enabled (bool | None): force it on or off; None = on when stderr is a terminal.
        console (Console | None): where the bar is drawn; None = stderr.
    """

    def __init__(self, total: int | None = None, *, enabled: bool | None = None,
                 console: Console | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total, self.console = total, console
        self._bar = self._task = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._bar = RichProgress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                                     TextColumn("ETA"), TimeRemainingColumn(),
                                     console=self.console or Console(stderr=True),
                                     transient=True)
            self._bar.start()
            self._task = self._bar.add_task("coding", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self) -> None:
        """One more article handled."""
        if self._bar is not None:
            self._bar.advance(self._task)

    def echo(self, message: str) -> None:
        """Print a line on stderr above the bar."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            typer.echo(message, err=True)


class Batch:
    """One ``eventcoder code`` run: reads, skips unchanged articles, codes, stores and writes; counts.

    Args:
        engine: ``code_groups`` of a :class:`~eventcoder.pipeline.Coder` or
            :class:`~eventcoder.parallel.ProcessCoder`: items in, lists of results out in the same order
            (each list is stored holding the database open once).
        store: an :class:`~eventcoder.store.EventStore`, or None.
        writer: a :class:`~eventcoder.output.RecordWriter`.
        force (bool): code articles stored unchanged again.
        new_only (bool): say nothing about articles stored before (``watch``: an item seen at an earlier poll).
        progress (Progress | None): where messages and the bar go.
    """

    def __init__(self, engine: Callable[[Iterable], Iterator], store, writer, *, force: bool = False,
                 new_only: bool = False, progress: Progress | None = None) -> None:
        self.engine, self.store, self.writer, self.force, self.new_only = engine, store, writer, force, new_only
        self.progress = progress or Progress(enabled=False)
        self.coded = self.failed = self.skipped = self.language = self.seen_before = 0
        self.seen: set[str] = set()
        self.reported: set[str] = set()  # doc_ids of articles skipped or failed, for watch
        self._lock = threading.Lock()  # the store is used by one thread at a time (the storing thread or this)
        self.started = time.perf_counter()

    def error(self, message: str) -> None:
        """Report one failed article (``error: MESSAGE`` on stderr) and count it."""
        self.progress.echo(f"error: {message}")
        self.failed += 1

    def run(self, items: Iterable) -> None:
        """Handle every article of ``items`` (:func:`~eventcoder.ingest.read_paths`) in order; a bad one gets a
        one-line error and the batch goes on. Coded articles are stored :data:`STORE_GROUP` at a time, in one
        transaction (one at a time when that fails, so that only a bad one fails), on a second thread while the
        next articles are coded (DuckDB works outside the GIL); a group's results are written and counted once
        it is stored, in input order."""
        from .pipeline import CodedArticle

        pending: list = []
        with ThreadPoolExecutor(1, thread_name_prefix="eventcoder-store") as storing:
            in_flight = None  # (results, future of their storing): one group at a time
            for results in self.engine(self.unique(items)):
                pending.extend(results)
                if sum(isinstance(r, CodedArticle) for r in pending) >= STORE_GROUP:
                    self._report(in_flight)
                    in_flight = (pending, storing.submit(self._store_held, pending))
                    pending = []
            self._report(in_flight)
            self._report((pending, storing.submit(self._store_held, pending)))

    def _store_held(self, results: list) -> dict[str, str]:
        with self._lock, self._held():
            return self._store(results)

    def _report(self, in_flight: tuple[list, Future] | None) -> None:
        """Wait until the group is stored, then write, count and report each of its results."""
        if in_flight is None:
            return
        results, future = in_flight
        failed = future.result()
        unchanged = any(isinstance(r, _Unchanged) for r in results)  # their mentions are read from the store
        with self._lock, (self._held() if unchanged else nullcontext()):
            for result in results:
                self.handle(result, failed)
                self.progress.advance()

    def _store(self, results: list) -> dict[str, str]:
        """Store the coded articles among ``results``; RETURNS doc_id -> error line of those that failed."""
        from .pipeline import CodedArticle

        coded = [r for r in results if isinstance(r, CodedArticle)]
        if self.store is None or not coded:
            return {}
        try:
            self.store.store_articles([(c.article, c.records) for c in coded])
            return {}
        except StoreError:
            pass
        failed = {}
        for c in coded:
            try:
                self.store.store_article(c.article, c.records)
            except StoreError as exc:
                failed[c.article.doc_id] = error_line(c.article.doc_id, c.article.line, exc)
        return failed

    def _held(self):
        return self.store.held() if self.store is not None else nullcontext()

    def unique(self, items: Iterable) -> Iterator:
        """The items to code: a repeated doc_id becomes an error, an article stored unchanged a marker (looked
        up for :data:`LOOKUP_CHUNK` items at a time, in one open of the store)."""
        for chunk in _chunks(items, LOOKUP_CHUNK):
            with self._lock, self._held():
                marked = list(self._mark(chunk))
            yield from marked

    def _mark(self, items: list) -> Iterator:
        current = set()
        if self.store is not None and not self.force:
            current = self.store.current([(a.doc_id, a.content_hash) for a in items if isinstance(a, Article)])
        for item in items:
            if isinstance(item, Article) and item.doc_id in self.seen:
                yield IngestError(item.doc_id, item.line, "another article of this batch has the same doc_id; "
                                                          "give each article its own doc_id")
            elif isinstance(item, Article):
                self.seen.add(item.doc_id)
                yield _Unchanged(item) if item.doc_id in current else item
            else:
                yield item

    def handle(self, item: Any, failed: dict[str, str] | None = None) -> None:
        """Count, report and write one result of the coder (stored before: ``failed`` holds the error lines of
        coded articles whose storing failed)."""
        from .pipeline import CodedArticle, SkippedArticle

        if isinstance(item, IngestError):
            self.error(str(item))
        elif isinstance(item, _Unchanged):
            self._unchanged(item.article)
        elif isinstance(item, SkippedArticle):
            self.progress.echo(f"skipped: {str(item).replace(': skipped: ', ': ', 1)}")
            self.language += 1
            self.reported.add(item.article.doc_id)
        elif isinstance(item, CodingError):
            self.error(error_line(item.doc_id, item.line, item))
            self.reported.add(item.doc_id or "")
        elif isinstance(item, CodedArticle) and failed and item.article.doc_id in failed:
            self.error(failed[item.article.doc_id])
        elif isinstance(item, CodedArticle):
            self.writer.write(item.records)
            self.coded += 1

    def _unchanged(self, article: Article) -> None:
        from .model import EventRecord

        if self.new_only:
            self.seen_before += 1
            return
        self.writer.write([EventRecord(**row) for row in self.store.mentions(doc_id=article.doc_id)])
        self.skipped += 1

    def summary(self, store_path: str | None) -> str:
        """The closing line: articles (coded, failed, unchanged, not English), events, where, time."""
        total = self.coded + self.failed + self.skipped + self.language
        skipped = f", skipped {self.skipped} unchanged" if store_path is not None and not self.new_only else ""
        language = f", {self.language} not in English" if self.language else ""
        where = f"; stored in {store_path}" if store_path is not None else ""
        count = self.writer.count
        seconds = time.perf_counter() - self.started
        rate = f", {total / seconds:.1f} articles/s" if seconds > 0 and total else ""
        return (f"{total} article{'s' if total != 1 else ''}: {self.coded} coded, {self.failed} failed{skipped}"
                f"{language}; {count} event{'s' if count != 1 else ''}{where}; {seconds:.1f} s{rate}")


@contextmanager
def coding_engine(workers: int, options) -> Iterator[Callable[[Iterable], Iterator]]:
    """``code_groups`` of a coder in this process (``workers`` 1) or of a pool of ``workers`` processes.

    Raises:
        eventcoder.nlp.ModelNotFoundError, eventcoder.knowledge.KnowledgeError: the model or a dictionary
            cannot be loaded (checked here, in this process, before any worker starts).
    """
    from .parallel import ProcessCoder

    coder = options.coder() if workers == 1 else None
    if coder is not None:
        yield lambda items: coder.code_groups(items, english_only=options.english_only)
        return
    _check_options(options)
    with ProcessCoder(workers, options) as pool:
        yield pool.code_groups


def _check_options(options) -> None:
    """Fail early, in this process, for a model that is not installed or a bad dictionary row."""
    from .knowledge import load_knowledge
    from .nlp import check_model

    check_model(options.model)
    load_knowledge(options.knowledge_files, petrarch_actors=options.petrarch_actors,
                   petrarch_agents=options.petrarch_agents)


def _not_reported(items: Iterable, reported: set[str]) -> Iterator:
    """Items of a poll, less the articles a message was already printed for at an earlier poll."""
    for item in items:
        if not (isinstance(item, Article) and item.doc_id in reported):
            yield item


def watch_feeds(feeds: list[str], engine, store, new_writer: Callable[[], Any], *, interval: float,
                polls: int | None) -> int:
    """Poll ``feeds`` every ``interval`` seconds, ``polls`` times (None: until interrupted); code and store the
    items not stored before (an item's id is its doc_id in the store), and write their events with a writer
    made by ``new_writer()`` for each poll. A line on stderr sums up each poll.

    RETURNS (int): the number of polls with a failed item or feed.
    """
    reported: set[str] = set()
    failed_polls = 0
    number = 0
    while polls is None or number < polls:
        if number:
            time.sleep(interval)
        number += 1
        writer = new_writer()
        batch = Batch(engine, store, writer, new_only=True)
        batch.run(_not_reported(_read_feeds(feeds), reported))
        writer.close()
        reported |= batch.reported
        failed_polls += bool(batch.failed)
        typer.echo(f"poll {number}: {batch.summary(store.path)}; {batch.seen_before} seen before", err=True)
    return failed_polls


def _read_feeds(feeds: list[str]) -> Iterator:
    from .ingest import read_paths

    return read_paths(feeds)
