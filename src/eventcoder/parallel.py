"""Coding on every core of one machine: a pool of worker processes, each loading the spaCy pipeline once.

:class:`ProcessCoder` has the interface of :meth:`eventcoder.pipeline.Coder.code_articles`: articles in,
results out in input order, streaming. The stream is cut into groups of about ``batch_chars`` characters
(:func:`~eventcoder.pipeline.article_groups`); each group is coded in a worker by the worker's own
:func:`~eventcoder.pipeline.get_coder` (built once per process), and at most ``2 * workers`` groups are in
flight, so memory stays flat however long the stream is. Items that are not articles (read errors, a
caller's markers) never leave the parent process; they are yielded in their place.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .errors import CodingError
from .model import Article
from .options import CoderOptions
from .pipeline import BATCH_CHARS, CodedArticle, article_groups, get_coder

__all__ = ["WORKER_ENVIRON", "ProcessCoder", "code_group_in_worker", "worker_environ"]

WORKER_ENVIRON = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""Environment each worker starts with, unless the user's environment sets the variable: one thread per
numerical library. OpenBLAS (numpy's) otherwise starts a thread per core in every process, and with a worker
per core those threads compete for the cores (on the 2-core bench machine, (d) took about a tenth longer).
Dask's nanny does the same for its workers (``distributed.nanny.pre-spawn-environ``)."""


def _load_in_worker(options: CoderOptions) -> None:
    """Pool initializer: build the worker's coder (loads spaCy and the knowledge) before the first group."""
    get_coder(options)


def code_group_in_worker(options: CoderOptions, articles: list[Article]) -> list:
    """Code a group of articles in this process, with this process's coder for ``options`` (parsed in batches of
    :data:`~eventcoder.pipeline.BATCH_CHARS` characters) and return results that can cross a process boundary:
    :class:`~eventcoder.pipeline.CodedArticle` with its article and records but empty ``sentences`` and
    ``traces`` (sentences hold parses that are not sent; traces could be, but stay behind to keep what crosses
    the pipe small), :class:`~eventcoder.pipeline.SkippedArticle` or :class:`~eventcoder.errors.CodingError`."""
    results = get_coder(options).code_articles(articles, english_only=options.english_only)
    return [CodedArticle(r.article, r.records, []) if isinstance(r, CodedArticle) else r for r in results]


@contextmanager
def worker_environ() -> Iterator[None]:
    """:data:`WORKER_ENVIRON` in ``os.environ`` (for the variables the user has not set) while workers are
    started; the environment as it was afterwards."""
    added = {name: value for name, value in WORKER_ENVIRON.items() if name not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


@dataclass
class _Pending:
    items: list
    future: Future | None
    articles: list[Article] = field(default_factory=list)


class ProcessCoder:
    """Codes an article stream on ``workers`` processes; use as a context manager (or call :meth:`close`).

    Args:
        workers (int): worker processes, at least 1.
        options (CoderOptions): the coder each worker builds.
        batch_chars (int): characters of article text sent to a worker at a time.

    The workers are started, and their coders built, when the ProcessCoder is made.

    Raises:
        ValueError: ``workers`` is below 1.
        concurrent.futures.process.BrokenProcessPool: a worker could not build its coder.
    """

    def __init__(self, workers: int, options: CoderOptions | None = None, *, batch_chars: int = BATCH_CHARS) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers, self.options, self.batch_chars = workers, options or CoderOptions(), batch_chars
        context = multiprocessing.get_context("spawn")  # no fork of a process holding threads or a DuckDB file
        with worker_environ():  # a spawned worker starts with the environment of the moment
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_load_in_worker,
                                             initargs=(self.options,))
            self._start()

    def _start(self) -> None:
        """Start every worker now and wait until each has loaded its coder (the pool would otherwise start a
        worker only when a task finds none idle, and the second would load its model in the middle of the
        batch). A worker that fails to load raises here."""
        futures = [self._pool.submit(os.getpid) for _ in range(self.workers)]
        wait(futures)
        for future in futures:
            future.result()

    def __enter__(self) -> ProcessCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (waits for groups in flight)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        """Process ids of the workers started so far (for measuring their memory)."""
        return sorted(self._pool._processes or {})

    def code_articles(self, items: Iterable[Article | Any]) -> Iterator[Any]:
        """Like :meth:`eventcoder.pipeline.Coder.code_articles`, on the pool: results in input order."""
        for results in self.code_groups(items):
            yield from results

    def code_groups(self, items: Iterable[Article | Any]) -> Iterator[list]:
        """:meth:`code_articles`, a list of results per group sent to a worker."""
        window: deque[_Pending] = deque()
        for group in article_groups(items, self.batch_chars):
            window.append(self._submit(group))
            if len(window) >= 2 * self.workers:
                yield self._collect(window.popleft())
        while window:
            yield self._collect(window.popleft())

    def _submit(self, group: list) -> _Pending:
        articles = [item for item in group if isinstance(item, Article)]
        future = self._pool.submit(code_group_in_worker, self.options, articles) if articles else None
        return _Pending(group, future, articles)

    def _collect(self, pending: _Pending) -> list:
        if pending.future is None:
            return pending.items
        try:
            results = iter(pending.future.result())
        except Exception as exc:  # noqa: BLE001 - a worker died: its group fails, the batch goes on
            results = iter([CodingError(f"{a.doc_id}: the worker coding it failed ({type(exc).__name__}: {exc})",
                                        doc_id=a.doc_id, line=a.line) for a in pending.articles])
        return [next(results) if isinstance(item, Article) else item for item in pending.items]
