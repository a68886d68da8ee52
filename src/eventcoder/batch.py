"""Batch coding, as ``eventcoder code`` and ``eventcoder watch`` do it, for Python callers.

    >>> import eventcoder
    >>> with eventcoder.EventStore("news.duckdb") as store:
    ...     summary = eventcoder.code_batch(["examples/"], store)
    >>> print(summary)  # 4 articles: 4 coded, 0 failed, skipped 0 unchanged; N events; stored in news.duckdb; ...

A batch reads its inputs (:func:`~eventcoder.ingest.read_paths`, streaming); skips each article stored before
with the same content hash by a coder of the same settings (its stored events are reported instead; ``force``
codes it again; an article coded with another model or other files is coded again, see
:meth:`~eventcoder.options.CoderOptions.fingerprint`); turns a second
article with the same doc_id into an error; codes the others in this process, on a pool of worker processes
(:class:`~eventcoder.parallel.ProcessCoder`) or on a Dask cluster (:func:`~eventcoder.cluster.code_on_dask`);
stores the coded ones :data:`STORE_GROUP` at a time in one transaction, on a second thread while the next
ones are coded; and reports every result in input order through plain callbacks. A bad article is an error
line and the batch goes on. Nothing here prints or exits: the command line draws its progress bar and
summary line over these callbacks and the :class:`BatchSummary`.

- :func:`code_batch`: paths in, events stored (or not: ``store=None``) and reported; a :class:`BatchSummary`.
- :func:`code_batch_on_dask`: the same on a Dask cluster, events written as Parquet partitions.
- :class:`FeedWatcher`: one poll of RSS/Atom feeds at a time, coding only the items not stored before.
- :class:`Batch`: the bookkeeping under all three, for items read and an engine made by the caller.
- :func:`store_coded`: coded articles into a store in one transaction, one at a time when that fails.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CodingError, StoreError, StoreUnwritable
from .ingest import IngestError, read_paths
from .model import Article, EventRecord
from .options import CoderOptions

if TYPE_CHECKING:  # pragma: no cover
    from .cluster import ClusterSummary
    from .pipeline import CodedArticle
    from .store import EventStore

__all__ = ["LOOKUP_CHUNK", "STORE_GROUP", "Batch", "BatchSummary", "Engine", "FeedWatcher", "Unchanged",
           "check_options", "code_batch", "code_batch_on_dask", "coding_engine", "error_line", "store_coded"]

STORE_GROUP = 32
"""Coded articles stored in one transaction (one recomputation of the events table for all of them)."""

LOOKUP_CHUNK = 64
"""Articles whose stored content hash is looked up in one open of the store."""

Engine = Callable[[Iterable[Any]], Iterable[list[Any]]]
"""What codes a batch: items in (articles, and other items carried along in place), lists of results out in
input order; ``code_groups`` of a :class:`~eventcoder.pipeline.Coder` or a
:class:`~eventcoder.parallel.ProcessCoder` (see :func:`coding_engine`)."""

OnRecords = Callable[[list[EventRecord]], None]
OnMessage = Callable[[str], None]
OnResult = Callable[[Any], None]


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
class Unchanged:
    """A result in an article's place: the article is stored with the same content hash, coded with the same
    settings; it is not coded again."""

    article: Article


@dataclass
class BatchSummary:
    """What a batch did; ``str()`` gives the closing line of ``eventcoder code``.

    Attributes:
        coded (int): articles coded (and stored, when there is a store).
        failed (int): articles that could not be read, coded or stored.
        unchanged (int): articles stored before with the same content hash and settings: not coded again,
            their stored events reported.
        not_english (int): articles skipped because their text does not look English.
        seen_before (int): (``new_only``: a poll of :class:`FeedWatcher`) articles stored before, not reported.
        events (int): event records reported (of coded and of unchanged articles).
        errors (list[str]): one line per failed article, ``doc_id[ line N]: message``, in input order.
        seconds (float): wall-clock time of the batch.
        store_path (str | None): the store's file; None when nothing was stored.
        new_only (bool): articles stored before were left out rather than reported.
        partitions (ClusterSummary | None): :func:`code_batch_on_dask`: the Parquet partitions written.
    """

    coded: int = 0
    failed: int = 0
    unchanged: int = 0
    not_english: int = 0
    seen_before: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    store_path: str | None = None
    new_only: bool = False
    partitions: ClusterSummary | None = None

    @property
    def articles(self) -> int:
        """Articles handled: coded, failed, unchanged and not in English."""
        return self.coded + self.failed + self.unchanged + self.not_english

    def __str__(self) -> str:
        total = self.articles
        skipped = f", skipped {self.unchanged} unchanged" if self.store_path is not None and not self.new_only else ""
        language = f", {self.not_english} not in English" if self.not_english else ""
        where = f"; stored in {self.store_path}" if self.store_path is not None else ""
        rate = f", {total / self.seconds:.1f} articles/s" if self.seconds > 0 and total else ""
        return (f"{total} article{'s' if total != 1 else ''}: {self.coded} coded, {self.failed} failed{skipped}"
                f"{language}; {self.events} event{'s' if self.events != 1 else ''}{where}; {self.seconds:.1f} s"
                f"{rate}")


def store_coded(store: EventStore, coded: list[CodedArticle], *, fingerprint: str | None = None
                ) -> dict[str, StoreError]:
    """Store coded articles in one transaction (one recomputation of the events table for all of them); when
    that fails, one at a time, so that only a bad one fails. Hold a shared store
    (:meth:`~eventcoder.store.EventStore.held`) around the call to open its file once. ``fingerprint``: of the
    settings they were coded with (:meth:`~eventcoder.options.CoderOptions.fingerprint`; None = the defaults).

    A :class:`~eventcoder.errors.StoreUnwritable` (a full disk) is not tried again: every article not stored
    gets it.

    RETURNS (dict[str, StoreError]): doc_id -> the error of each article that was not stored; empty when all were.
    """
    if not coded:
        return {}
    try:
        store.store_articles([(c.article, c.records) for c in coded], fingerprint=fingerprint)
        return {}
    except StoreUnwritable as exc:
        return {c.article.doc_id: exc for c in coded}
    except StoreError:
        pass
    failed: dict[str, StoreError] = {}
    for c in coded:
        try:
            store.store_article(c.article, c.records, fingerprint=fingerprint)
        except StoreUnwritable as exc:
            return failed | {c.article.doc_id: exc for c in coded if c.article.doc_id not in failed}
        except StoreError as exc:
            failed[c.article.doc_id] = exc
    return failed


class Batch:
    """The bookkeeping of one batch: skips unchanged articles, checks doc_ids, stores coded articles in groups
    on a second thread, counts, and reports each result in input order.

    Args:
        store (EventStore | None): where coded articles are stored and unchanged ones looked up; None = nothing
            stored and nothing skipped.
        force (bool): code articles stored unchanged again.
        fingerprint (str | None): the fingerprint of the coder's settings
            (:meth:`~eventcoder.options.CoderOptions.fingerprint`; None = the defaults): an article stored by a
            coder of other settings is coded again, and coded articles are stored with it.
        new_only (bool): leave articles stored before out (``watch``: an item seen at an earlier poll): no
            records, counted in ``seen_before``.
        on_records: called with the records of each coded article (once it is stored) and of each unchanged
            article (read from the store), in input order.
        on_message: called with each line for the user: ``error: doc_id[ line N]: message`` for a failed
            article, ``skipped: doc_id: the text looks Spanish (es, p=0.98), not English`` for a skipped one.
        on_result: called once per article, after its records and message: the coder's result
            (:class:`~eventcoder.pipeline.CodedArticle`, :class:`~eventcoder.pipeline.SkippedArticle`,
            :class:`~eventcoder.errors.CodingError`), an :class:`~eventcoder.ingest.IngestError`, an
            :class:`Unchanged`, or the :class:`~eventcoder.errors.StoreError` of an article not stored.
        on_read: called with each item as it is handed to the coder (an article, an :class:`Unchanged` or an
            :class:`~eventcoder.ingest.IngestError`), before its group is coded: a progress bar moves from the
            first article on, not only once a group is stored.

    Attributes:
        summary (BatchSummary): the counts so far.
        reported (set[str]): doc_ids of the articles that failed to code or were skipped as not English.
    """

    def __init__(self, store: EventStore | None = None, *, force: bool = False, fingerprint: str | None = None,
                 new_only: bool = False, on_records: OnRecords | None = None, on_message: OnMessage | None = None,
                 on_result: OnResult | None = None, on_read: OnResult | None = None) -> None:
        self.store, self.force, self.new_only, self.fingerprint = store, force, new_only, fingerprint
        self.on_records, self.on_message, self.on_result, self.on_read = on_records, on_message, on_result, on_read
        self.summary = BatchSummary(store_path=store.path if store is not None else None, new_only=new_only)
        self.seen: set[str] = set()
        self.reported: set[str] = set()
        self._lock = threading.Lock()  # the store is used by one thread at a time (the storing thread or this)
        self.unwritable: StoreUnwritable | None = None  # the error that stopped the batch
        self.started = time.perf_counter()

    def run(self, items: Iterable[Any], engine: Engine) -> BatchSummary:
        """Code, store and report every article of ``items`` (:func:`~eventcoder.ingest.read_paths`) in order;
        a bad one is reported as an error and the batch goes on. Coded articles are stored :data:`STORE_GROUP`
        at a time (:func:`store_coded`) on a second thread while the next articles are coded (DuckDB works
        outside the GIL); a group's results are reported once it is stored, in input order.

        When the store cannot be written at all (:class:`~eventcoder.errors.StoreUnwritable`: a full disk), each
        article of that group gets its error line, the batch stops there with one more line (``error: the
        batch stopped: ...``; what was read after the group is neither stored nor counted) and returns.

        RETURNS (BatchSummary): :attr:`summary`, its time set.
        Raises:
            StoreError: the store could not be opened to write a group (another process held it too long).
        """
        from .pipeline import CodedArticle

        pending: list = []
        with ThreadPoolExecutor(1, thread_name_prefix="eventcoder-store") as storing:
            in_flight = None  # (results, future of their storing): one group at a time
            for results in engine(self.unique(items)):
                pending.extend(results)
                if sum(isinstance(r, CodedArticle) for r in pending) >= STORE_GROUP:
                    self._report(in_flight)
                    if self.unwritable is not None:
                        break
                    in_flight = (pending, storing.submit(self._store_held, pending))
                    pending = []
            else:
                self._report(in_flight)
                if self.unwritable is None:
                    self._report((pending, storing.submit(self._store_held, pending)))
        if self.unwritable is not None:
            self._message(f"error: the batch stopped: the event store {self.summary.store_path} cannot be written "
                          "(see above); what came after those articles was not stored. Run it again once it can be "
                          "written: what is stored is skipped")
        return self.finish()

    def finish(self) -> BatchSummary:
        """Set the summary's time (since the batch was made) and return it."""
        self.summary.seconds = time.perf_counter() - self.started
        return self.summary

    def _store_held(self, results: list) -> dict[str, StoreError]:
        from .pipeline import CodedArticle

        coded = [r for r in results if isinstance(r, CodedArticle)]
        if self.store is None or not coded:
            return {}
        with self._lock, self._held():
            return store_coded(self.store, coded, fingerprint=self.fingerprint)

    def _report(self, in_flight: tuple[list, Future] | None) -> None:
        """Wait until the group is stored, then count and report each of its results."""
        if in_flight is None:
            return
        results, future = in_flight
        failed = future.result()
        unchanged = any(isinstance(r, Unchanged) for r in results)  # their mentions are read from the store
        with self._lock, (self._held() if unchanged else nullcontext()):
            for result in results:
                self.handle(result, failed)

    def _held(self):
        return self.store.held() if self.store is not None else nullcontext()

    def unique(self, items: Iterable[Any]) -> Iterator[Any]:
        """The items to code: a repeated doc_id becomes an :class:`~eventcoder.ingest.IngestError`, an article
        stored unchanged an :class:`Unchanged` (looked up for :data:`LOOKUP_CHUNK` items at a time, in one open
        of the store)."""
        for chunk in _chunks(items, LOOKUP_CHUNK):
            with self._lock, self._held():
                marked = list(self._mark(chunk))
            for item in marked:
                if self.on_read is not None:
                    self.on_read(item)
                yield item

    def _mark(self, items: list) -> Iterator:
        current = set()
        if self.store is not None and not self.force:
            current = self.store.current([(a.doc_id, a.content_hash) for a in items if isinstance(a, Article)],
                                         fingerprint=self.fingerprint)
        for item in items:
            if isinstance(item, Article) and item.doc_id in self.seen:
                yield IngestError(item.doc_id, item.line, "another article of this batch has the same doc_id; "
                                                          "give each article its own doc_id")
            elif isinstance(item, Article):
                self.seen.add(item.doc_id)
                yield Unchanged(item) if item.doc_id in current else item
            else:
                yield item

    def handle(self, item: Any, failed: dict[str, StoreError] | None = None) -> None:
        """Count and report one result (after storing: ``failed`` holds the errors of the coded articles that
        could not be stored)."""
        from .pipeline import CodedArticle, SkippedArticle

        if isinstance(item, IngestError):
            self._error(str(item))
        elif isinstance(item, Unchanged):
            self._unchanged(item.article)
        elif isinstance(item, SkippedArticle):
            self._message(f"skipped: {str(item).replace(': skipped: ', ': ', 1)}")
            self.summary.not_english += 1
            self.reported.add(item.article.doc_id)
        elif isinstance(item, CodingError):
            self._error(error_line(item.doc_id, item.line, item))
            self.reported.add(item.doc_id or "")
        elif isinstance(item, CodedArticle) and failed and item.article.doc_id in failed:
            article, item = item.article, failed[item.article.doc_id]
            self._error(error_line(article.doc_id, article.line, item))
            if isinstance(item, StoreUnwritable):
                self.unwritable = item
        elif isinstance(item, CodedArticle):
            self._records(item.records)
            self.summary.coded += 1
        if self.on_result is not None:
            self.on_result(item)

    def _unchanged(self, article: Article) -> None:
        if self.new_only:
            self.summary.seen_before += 1
            return
        self._records([EventRecord(**row) for row in self.store.mentions(doc_id=article.doc_id)])
        self.summary.unchanged += 1

    def _records(self, records: list[EventRecord]) -> None:
        self.summary.events += len(records)
        if self.on_records is not None:
            self.on_records(records)

    def _error(self, line: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append(line)
        self._message(f"error: {line}")

    def _message(self, message: str) -> None:
        if self.on_message is not None:
            self.on_message(message)


def check_options(options: CoderOptions, *, model: bool = True) -> None:
    """Fail early, in this process, for a spaCy pipeline that is not installed (``model``) or a bad line in a
    file the options name: for a pool or a cluster, whose workers build the coder themselves.

    Raises:
        eventcoder.nlp.ModelNotFoundError, eventcoder.knowledge.KnowledgeError, eventcoder.lexicon.LexiconError,
        eventcoder.wordlists.WordListError
    """
    from .knowledge import load_knowledge
    from .lexicon_petrarch import lexicon_for
    from .nlp import check_model
    from .wordlists import word_lists

    if model:
        check_model(options.model)
    knowledge = load_knowledge(options.knowledge_files, petrarch_actors=options.petrarch_actors,
                               petrarch_agents=options.petrarch_agents,
                               builtin_actors=options.builtin_actors, petrarch_on_error=options.petrarch_on_error)
    lexicon_for(options, frozenset(knowledge.cameo_codes()))
    word_lists()


@contextmanager
def coding_engine(options: CoderOptions | None = None, workers: int = 1) -> Iterator[Engine]:
    """The :data:`Engine` of this process's coder for ``options`` (``workers`` 1) or of a pool of ``workers``
    processes (started here, stopped after the ``with`` block).

    Raises:
        eventcoder.nlp.ModelNotFoundError, eventcoder.knowledge.KnowledgeError, eventcoder.lexicon.LexiconError:
            the model or a data file cannot be loaded (checked here, in this process, before any worker starts).
        ValueError: ``workers`` is below 1.
        TypeError: ``options`` is not a CoderOptions.
    """
    from .parallel import ProcessCoder
    from .pipeline import get_coder

    options = _options(options)
    if workers == 1:
        coder = get_coder(options)
        yield lambda items: coder.code_groups(items, english_only=options.english_only)
        return
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    check_options(options)
    with ProcessCoder(workers, options) as pool:
        yield pool.code_groups


def _path_list(paths: Iterable[str | Path] | str | Path) -> list:
    return [paths] if isinstance(paths, str | PathLike) else list(paths)


def _options(options: Any) -> CoderOptions:
    """``options``, or the defaults for None. Raises TypeError for anything but a CoderOptions."""
    if options is None:
        return CoderOptions()
    if not isinstance(options, CoderOptions):
        raise TypeError(f"options must be an eventcoder.CoderOptions (CoderOptions(lexicon_files=...), "
                        f"not a {type(options).__name__}), or None for the defaults")
    return options


def _check_store(store: Any, *, path_ok: bool) -> None:
    from .store import EventStore

    if store is None or isinstance(store, EventStore) or (path_ok and isinstance(store, str | PathLike)):
        return
    if isinstance(store, str | PathLike):
        raise TypeError(f"store must be an eventcoder.EventStore: pass eventcoder.EventStore({str(store)!r})")
    raise TypeError(f"store must be an eventcoder.EventStore{', a path to one' if path_ok else ''} or None, "
                    f"got {type(store).__name__}")


@contextmanager
def _batch_store(store: EventStore | str | PathLike | None) -> Iterator[EventStore | None]:
    """The store of a batch: ``store`` itself, or one opened for the batch (shared, closed after it) at a path."""
    from .store import EventStore

    if not isinstance(store, str | PathLike):
        yield store
        return
    with EventStore(store, shared=True) as opened:
        yield opened


def code_batch(paths: Iterable[str | Path] | str | Path, store: EventStore | str | Path | None = None, *,  # noqa: PLR0913
               options: CoderOptions | None = None, workers: int = 1, force: bool = False,
               on_records: OnRecords | None = None, on_message: OnMessage | None = None,
               on_result: OnResult | None = None, on_read: OnResult | None = None) -> BatchSummary:
    """Code files, folders, glob patterns and feed URLs (:func:`~eventcoder.ingest.read_paths`) into
    ``store``, as ``eventcoder code`` does: unchanged articles are not coded again (stored with the same
    content hash by a coder of the same settings: see :meth:`~eventcoder.options.CoderOptions.fingerprint`), a
    repeated doc_id is an error, coded articles are stored :data:`STORE_GROUP` to a transaction.

    Args:
        paths: what to read (one path as a ``str`` or ``Path``, or an iterable of them).
        store (EventStore | str | Path | None): the store; a path: the store there, opened (created when
            missing) as ``EventStore(path, shared=True)`` for the batch and closed after it; None = store
            nothing (``--no-db``).
        options (CoderOptions | None): the coder's settings; None = the defaults.
        workers (int): processes to code on (1 = this one; more: a pool started for the batch).
        force (bool): code articles stored unchanged again.
        on_records, on_message, on_result, on_read: the callbacks of :class:`Batch` (records to write, lines for
            the user, a result per article, an item handed to the coder); each may be None.

    RETURNS (BatchSummary): counts, error lines and time; ``str()`` of it is the closing line of the command.
    Raises:
        eventcoder.nlp.ModelNotFoundError, eventcoder.knowledge.KnowledgeError, eventcoder.lexicon.LexiconError:
            the coder cannot be built (before anything is read).
        StoreError: the store could not be opened (not a DuckDB file, a newer schema) or could not be opened
            to write a group (another process held it too long).
        TypeError: ``store`` is not an EventStore, a path or None; ``options`` is not a CoderOptions or None.
    """
    options = _options(options)
    _check_store(store, path_ok=True)
    with _batch_store(store) as opened, coding_engine(options, workers) as engine:
        fingerprint = options.fingerprint() if opened is not None else None
        batch = Batch(opened, force=force, fingerprint=fingerprint, on_records=on_records, on_message=on_message,
                      on_result=on_result, on_read=on_read)
        return batch.run(read_paths(_path_list(paths)), engine)


def code_batch_on_dask(paths: Iterable[str | Path] | str | Path, output_dir: str | Path, dask: Any, *,
                       options: CoderOptions | None = None, partition_size: int | None = None,
                       on_message: OnMessage | None = None, on_result: OnResult | None = None) -> BatchSummary:
    """Code on a Dask cluster (:func:`~eventcoder.cluster.code_on_dask`), with the doc_id checks of
    :func:`code_batch`: the events go to Parquet partitions in ``output_dir`` (``eventcoder import DIR``
    loads them), nothing is stored; a partition whose file exists is not coded again.

    Args:
        paths: what to read, in this process (the workers need no access to the files).
        output_dir: the folder for ``part-NNNNN.parquet``.
        dask: a ``distributed.Client``, or an address for :func:`~eventcoder.cluster.dask_client`
            (``tcp://HOST:8786``; ``local:N`` starts N local worker processes for the batch).
        options (CoderOptions | None): the coder the workers build; the files it names must be at the same
            paths on the workers.
        partition_size (int | None): articles per partition; None = :data:`~eventcoder.cluster.PARTITION_SIZE`.
        on_message, on_result: as for :class:`Batch`.

    RETURNS (BatchSummary): with ``partitions``, the files written and those already there.
    Raises:
        eventcoder.cluster.ClusterError: no dask.distributed, no scheduler, an unusable output folder.
        eventcoder.knowledge.KnowledgeError, eventcoder.lexicon.LexiconError: a bad line in a file the options
            name (checked here before anything is sent).
    """
    from .cluster import PARTITION_SIZE, code_on_dask, dask_client

    options = _options(options)
    if options.files():
        check_options(options, model=False)  # the model need only be installed on the workers
    batch = Batch(None, on_message=on_message, on_result=on_result)
    with dask_client(dask) if isinstance(dask, str) else nullcontext(dask) as client:
        batch.summary.partitions = code_on_dask(batch.unique(read_paths(_path_list(paths))), output_dir, client,
                                                partition_size=partition_size or PARTITION_SIZE, options=options,
                                                on_result=batch.handle)
    return batch.finish()


class FeedWatcher:
    """Polls RSS/Atom feeds and codes the items not stored before (``eventcoder watch``): an item's id is its
    doc_id in the store, so the store remembers what was seen, across runs too.

    Args:
        feeds: feed URLs or files.
        store (EventStore): the store.
        options (CoderOptions | None): the coder's settings; an item stored by a coder of other settings is
            not seen before (see :meth:`~eventcoder.options.CoderOptions.fingerprint`).

    The coder is built when the watcher is made (it raises as :class:`~eventcoder.pipeline.Coder` does; a
    ``store`` that is not an EventStore or ``options`` that are not a CoderOptions raise TypeError).
    Poll as often as you like::

        watcher = FeedWatcher(["https://example.org/news.rss"], store)
        while True:
            print(watcher.poll(on_records=write))
            time.sleep(300)
    """

    def __init__(self, feeds: Iterable[str], store: EventStore, options: CoderOptions | None = None) -> None:
        from .pipeline import get_coder

        _check_store(store, path_ok=False)
        self.feeds, self.store = _path_list(feeds), store
        self.options = _options(options)
        self.coder = get_coder(self.options)
        self.fingerprint = self.options.fingerprint()
        self.reported: set[str] = set()  # doc_ids of items that failed or were skipped: said once, not each poll

    def poll(self, *, on_records: OnRecords | None = None, on_message: OnMessage | None = None,
             on_result: OnResult | None = None) -> BatchSummary:
        """Read the feeds once; code, store and report the items not stored before (callbacks as for
        :class:`Batch`). Items stored before are counted in ``seen_before``; an item that failed or was skipped
        at an earlier poll is left out. A feed that cannot be read is a failed item.

        RETURNS (BatchSummary): what this poll did.
        """
        batch = Batch(self.store, fingerprint=self.fingerprint, new_only=True, on_records=on_records,
                      on_message=on_message, on_result=on_result)
        items = (item for item in read_paths(self.feeds)
                 if not (isinstance(item, Article) and item.doc_id in self.reported))
        batch.run(items, lambda group: self.coder.code_groups(group, english_only=self.options.english_only))
        self.reported |= batch.reported
        return batch.summary
