"""``POST /api/v1/code`` off the event loop: a bounded coder with a time budget per request.

spaCy holds the interpreter lock for long stretches (its tokenizer is quadratic in some inputs), so a text
coded in the server's own process would stall every other request, static files included. :class:`CodingPool`
codes in one worker process instead (spawned, loading the coder of the server's options once), one text at a
time, with at most ``queue`` more waiting; a request beyond those is refused at once (:class:`CodingBusy`, the
API's 503 with ``Retry-After``) rather than queued for ever. Each request has ``timeout`` seconds from its
arrival at the pool (waiting in the queue included; waiting for the worker to load its model not): past that it gets :class:`CodingTimeout` (the API's 504); a text still
waiting is dropped, and a text being coded is stopped by killing the worker, which is started again (loading
the model anew) for the next request; requests queued behind it get :class:`CodingStopped` (503).

The worker does all the work of a request: it reads the text into an article, codes it, finds the highlight
spans and encodes the JSON answer, so the server's process only passes bytes along (and stores the coded
article when asked). A :class:`~eventcoder.errors.CodingError` or ``ValueError`` of the article (a bad date,
no sentences, a text over a limit) comes back as :class:`CodingRefused` with its one-line message (400).

With a ``coder`` object given (``create_app(coder=...)``, an embedding or a test) the texts are coded on one
thread of this process instead, with the same bounds; a text past its budget then runs to its end unobserved.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import CodingError
from ..options import CoderOptions
from .encode import json_bytes
from .highlight import with_spans

__all__ = ["CODE_TIMEOUT", "MAX_TEXT", "QUEUE", "CodingBusy", "CodingPool", "CodingRefused", "CodingStopped",
           "CodingTimeout", "code_fields"]

MAX_TEXT = 200_000
"""Most characters of ``text`` one ``POST /api/v1/code`` may send (a longer one is a 400)."""

CODE_TIMEOUT = 60.0
"""Default seconds one coding request may take, waiting included (``eventcoder serve --code-timeout``)."""

QUEUE = 4
"""Coding requests that may wait while one is coded; one more is refused with 503."""


class CodingBusy(Exception):
    """The coder and its queue are full: try again later (503 with ``Retry-After``)."""


class CodingTimeout(Exception):
    """The request used up its time budget; its work was dropped or stopped (504)."""


class CodingStopped(Exception):
    """The worker stopped (killed for another request's budget, or it died) before this text was coded (503)."""


class CodingRefused(Exception):
    """The article cannot be coded (bad date, no sentences, over a limit): a one-line message for a 400."""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def code_fields(coder: Any, fields: dict[str, Any]) -> tuple[Any, bytes]:
    """Code the request ``fields`` (``text``, ``published``, ``doc_id``, ``headline``, ``store``) with ``coder``.

    RETURNS: (the :class:`~eventcoder.pipeline.CodedArticle` without sentences or traces, the JSON answer as
    UTF-8 bytes: ``{doc_id, published, headline, text, stored, events}``, each event with ``spans``).

    Raises:
        CodingRefused: ``published`` is not a YYYY-MM-DD date, or the coder raised CodingError or ValueError, with its message
            on one line. (A relative date that would fall outside the calendar resolves to no date:
            :func:`eventcoder.when.shift_days`.)
    """
    from ..errors import QueryError
    from ..ingest import parse_article
    from ..pipeline import CodedArticle
    from ..query import parse_day

    published = fields.get("published") or None
    try:
        published = parse_day(published, "published=") if published else None  # YYYY-MM-DD, as every command
    except QueryError as exc:
        raise CodingRefused(str(exc)) from None
    try:
        article = parse_article(fields["doc_id"], fields["text"], published=published, headline=fields.get("headline"))
        coded = coder.code(article)
    except (CodingError, ValueError) as exc:  # the article's own fault: a limit, no sentences, spaCy's E088
        raise CodingRefused(_one_line(exc)) from None
    answer = {"doc_id": article.doc_id, "published": article.published, "headline": article.headline,
              "text": article.text, "stored": bool(fields.get("store")),
              "events": [with_spans(r.as_dict()) for r in coded.records]}
    return CodedArticle(coded.article, coded.records, []), json_bytes(answer)


def _exit_with_parent(parent: int) -> None:
    """Watch thread of the worker: end this process once its parent (the server) is gone, even killed with -9."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _load_in_worker(options: CoderOptions) -> None:
    from ..pipeline import get_coder

    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="eventcoder-parent-watch",
                     daemon=True).start()
    get_coder(options)


def code_in_worker(options: CoderOptions, fields: dict[str, Any]) -> tuple[Any, bytes]:
    """:func:`code_fields` with this worker process's coder for ``options`` (built once)."""
    from ..pipeline import get_coder

    return code_fields(get_coder(options), fields)


class CodingPool:
    """Codes request texts off the event loop, one at a time, bounded in queue and time (see the module).

    Args:
        options (CoderOptions | None): the coder the worker process builds; None = the defaults.
        coder (Coder | None): code on a thread with this coder instead of a worker process.
        queue (int): requests that may wait while one is coded.
        timeout (float): seconds per request, from its arrival here.
    """

    def __init__(self, options: CoderOptions | None = None, coder: Any = None, *, queue: int = QUEUE,
                 timeout: float = CODE_TIMEOUT) -> None:
        self.options = options or CoderOptions()
        self.coder, self.queue, self.timeout = coder, queue, timeout
        self._executor: Executor | None = None
        self._loaded: Future | None = None  # done when the worker has built its coder
        self._active = 0

    def start(self) -> None:
        """Start the worker now and let it load the coder in the background (the first text waits for it)."""
        if self.coder is None:
            self._loaded = self._pool().submit(os.getpid)

    def _pool(self) -> Executor:
        if self._executor is None:
            if self.coder is not None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="eventcoder-code")
            else:
                from ..parallel import worker_environ

                context = multiprocessing.get_context("spawn")  # no fork of a process holding threads or DuckDB
                with worker_environ():
                    self._executor = ProcessPoolExecutor(1, mp_context=context, initializer=_load_in_worker,
                                                         initargs=(self.options,))
        return self._executor

    async def code(self, fields: dict[str, Any]) -> tuple[Any, bytes]:
        """:func:`code_fields` for one request, in the worker.

        Raises:
            CodingBusy: one text is being coded and ``queue`` more are waiting.
            CodingTimeout: not done within ``timeout`` seconds (the text was dropped or its worker killed).
            CodingStopped: the worker was stopped before this text was coded.
            CodingRefused: the article cannot be coded (one-line message).
        """
        if self._active > self.queue:
            raise CodingBusy(f"the coder is busy with {self._active} texts; try again in a few seconds")
        self._active += 1
        try:
            return await self._run(fields)
        finally:
            self._active -= 1

    async def _worker_loaded(self) -> None:
        """Wait until the worker has built its coder (not counted in a request's budget: a model that loads more
        slowly than the budget would otherwise be killed while loading, again and again)."""
        if self._loaded is None or self._executor is None:
            self.start()
        try:
            await asyncio.wrap_future(self._loaded)
        except BrokenProcessPool:
            self._kill(self._executor)
            raise CodingStopped("the coder could not be started; the server's log says why") from None

    async def _run(self, fields: dict[str, Any]) -> tuple[Any, bytes]:
        if self.coder is not None:
            pool = self._pool()
            future: Future = pool.submit(code_fields, self.coder, fields)
        else:
            await self._worker_loaded()
            pool = self._pool()
            future = pool.submit(code_in_worker, self.options, fields)
        waiting = asyncio.wrap_future(future)
        waiting.add_done_callback(lambda f: f.cancelled() or f.exception())  # retrieved, also when abandoned
        done, _pending = await asyncio.wait({waiting}, timeout=self.timeout)
        if not done:
            if not future.cancel() and self.coder is None:
                self._kill(pool)
                self.start()  # the next text finds a worker loading its coder, or loaded
            raise CodingTimeout(f"coding took longer than {self.timeout:g} s and was stopped; send a shorter text")
        stopped = CodingStopped("the coder was restarted before this text was coded; try again")
        if waiting.cancelled():  # dropped from the queue of a worker killed for another text's budget
            raise stopped
        try:
            return waiting.result()
        except BrokenProcessPool:
            self._kill(pool)
            raise stopped from None

    def _kill(self, pool: Executor, *, wait: bool = False) -> None:
        """Kill ``pool``'s worker (its text is lost) and forget the pool; the next request starts a new one.
        ``wait``: also wait until the pool has cleaned up (at shutdown; not on the event loop while serving)."""
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        pool.shutdown(wait=wait, cancel_futures=True)
        if self._executor is pool:
            self._executor, self._loaded = None, None

    def close(self) -> None:
        """Stop the worker now (a text being coded is dropped)."""
        if self._executor is not None:
            self._kill(self._executor, wait=True)
