"""The terminal side of the commands that code (``eventcoder code`` and ``eventcoder watch``): the progress bar,
messages on stderr and the summary lines, over the batch of :mod:`eventcoder.batch` (which reads, skips
unchanged articles, codes in this process, on a pool of workers or on a Dask cluster, stores and counts).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, ProgressColumn, TextColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

from .batch import BatchSummary, FeedWatcher, code_batch, code_batch_on_dask
from .options import CoderOptions

__all__ = ["RATE_AFTER_SECONDS", "Progress", "closed_pipe", "open_output", "output_format", "code_paths", "code_paths_on_dask", "watch_feeds"]


def open_output(output: str) -> TextIO:
    """The file a command writes to (``-``: standard output; the caller closes a file).

    Raises:
        typer.Exit: with status 2 and a one-line error when the file cannot be written.
    """
    if output == "-":
        return sys.stdout
    try:
        return open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        _echo(f"error: cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(2) from None


EXTENSION_FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv"}
"""The output format an ``--output`` file's extension asks for."""
DATA_EXTENSIONS = (*EXTENSION_FORMATS, ".tsv")
"""Extensions of data files, whose format must match the file's."""


def output_format(given: str | None, output: str, default: str) -> str:
    """The format a command writes: ``given`` (``--format``), else the one the ``output`` file's extension asks
    for, else ``default``.

    Raises:
        typer.Exit: with status 2 and a one-line error when ``given`` does not write the kind of file ``output``
            names (``--format table`` into ``events.jsonl``), or no format writes it (``.tsv``).
    """
    suffix = "" if output == "-" else Path(output).suffix.lower()
    wanted = EXTENSION_FORMATS.get(suffix)
    if suffix in DATA_EXTENSIONS and wanted is None:
        _echo(f"error: no output format writes {suffix} files: give a .csv or .jsonl file")
        raise typer.Exit(2)
    if given is not None and wanted is not None and given != wanted:
        _echo(f"error: --format {given} does not write a {suffix} file ({output}): give --format {wanted} or "
              "another file name")
        raise typer.Exit(2)
    return given or wanted or default


def closed_pipe() -> typer.Exit:
    """The end of a command whose standard output was closed by its reader (``| head``): quietly, status 0.
    Standard output is pointed at the null device so that the last flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind sys.stdout (a test runner's buffer)
        pass
    return typer.Exit(0)


def _echo(message: str) -> None:
    typer.echo(message, err=True)


RATE_AFTER_SECONDS = 3.0
"""A rate and a time left are shown once articles have been coded (reported) and this many seconds have passed
since the first was read: the results of a group come at once when it is stored, so a rate over a shorter time
says nothing ("5,241 articles/s")."""


class _StatusColumn(ProgressColumn):
    """The bar's words: ``48/1,000 read, 32 done, 5.3 articles/s, ETA 0:02:59`` (see :meth:`Progress.status`)."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def render(self, task) -> Text:
        return Text(self.progress.status())


class Progress:
    """A progress bar on stderr when stderr is a terminal; nothing otherwise. It moves as each article is read
    (handed to the coder, :meth:`read`) and counts the articles done (:meth:`advance`); a rate (articles done per
    second since the first was read) and the time left show only once :data:`RATE_AFTER_SECONDS` have passed and
    an article is done.

    Args:
        total (int | None): articles expected, for the bar and the time left; None when unknown.
        enabled (bool | None): force it on or off; None = on when stderr is a terminal.
        console (Console | None): where the bar is drawn; None = stderr.
        clock (Callable[[], float]): seconds, for the rate (a test gives its own).
    """

    def __init__(self, total: int | None = None, *, enabled: bool | None = None,
                 console: Console | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total, self.console, self.clock = total, console, clock
        self.read_count = self.done = 0
        self.started: float | None = None  # when the first article was read
        self._bar = self._task = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._bar = RichProgress(TextColumn("coding"), BarColumn(bar_width=12), _StatusColumn(self),
                                     console=self.console or Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("coding", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def read(self, _item: Any = None) -> None:
        """One more article read and handed to the coder (``_item``: it, unused here): the bar moves."""
        if self.started is None:
            self.started = self.clock()
        self.read_count += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.read_count)

    def advance(self, _result: Any = None) -> None:
        """One more article handled (``_result``: what the batch says of it, unused here)."""
        self.done += 1

    def rate(self) -> float | None:
        """Articles done per second since the first was read; None before :data:`RATE_AFTER_SECONDS` have passed
        or before an article is done."""
        if self.started is None or not self.done:
            return None
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed >= RATE_AFTER_SECONDS else None

    def seconds_left(self) -> float | None:
        """The time left at :meth:`rate` for the articles of ``total`` not done yet; None when either is unknown."""
        rate = self.rate()
        if rate is None or self.total is None:
            return None
        return max(self.total - self.done, 0) / rate

    def status(self) -> str:
        """``48/1,000 read, 32 done``, then ``, 5.3 articles/s, ETA 0:02:59`` once the rate is known."""
        words = [f"{self.read_count:,}/{self.total:,} read" if self.total is not None else f"{self.read_count:,} read",
                 f"{self.done:,} done"]
        rate, left = self.rate(), self.seconds_left()
        if rate is not None:
            words.append(f"{rate:,.1f} articles/s")
        if left is not None:
            words.append(f"ETA {timedelta(seconds=round(left))}")
        return ", ".join(words)

    def echo(self, message: str) -> None:
        """Print a line on stderr above the bar."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            _echo(message)


def code_paths(paths: list[str], store, writer, options: CoderOptions, *, workers: int, force: bool
               ) -> BatchSummary:
    """``eventcoder code``: :func:`~eventcoder.batch.code_batch` into ``store`` and ``writer`` (a
    :class:`~eventcoder.output.RecordWriter`), with a progress bar when stderr is a terminal and each error or
    skipped article on stderr. RETURNS the summary; raises as ``code_batch``."""
    from .ingest import count_articles

    total = count_articles(paths) if sys.stderr.isatty() else None
    with Progress(total) as progress:
        return code_batch(paths, store, options=options, workers=workers, force=force, on_records=writer.write,
                          on_message=progress.echo, on_result=progress.advance, on_read=progress.read)


def code_paths_on_dask(paths: list[str], address: str, output: str, partition_size: int, options: CoderOptions
                       ) -> BatchSummary:
    """``eventcoder code --dask``: :func:`~eventcoder.batch.code_batch_on_dask`, each error on stderr, then the
    summary line with the Parquet partitions. RETURNS the summary; raises as ``code_batch_on_dask``."""
    summary = code_batch_on_dask(paths, output, address, options=options, partition_size=partition_size,
                                 on_message=_echo)
    parts = summary.partitions
    done = f" ({parts.already_written} already written, not coded again)" if parts.already_written else ""
    _echo(f"{summary}; {len(parts.written)} Parquet partitions in {output}{done} "
          f"(load them with: eventcoder import {output})")
    return summary


def watch_feeds(feeds: list[str], store, options: CoderOptions, new_writer: Callable[[], Any], *, interval: float,
                polls: int | None) -> int:
    """Poll ``feeds`` every ``interval`` seconds, ``polls`` times (None: until interrupted) with a
    :class:`~eventcoder.batch.FeedWatcher`, writing each poll's new events with a writer made by
    ``new_writer()`` for it; a line on stderr sums up each poll.

    RETURNS (int): the number of polls with a failed item or feed.
    Raises:
        EventcoderError: the coder cannot be built (a missing model, a bad data file line).
    """
    watcher = FeedWatcher(feeds, store, options)
    failed_polls = 0
    number = 0
    while polls is None or number < polls:
        if number:
            time.sleep(interval)
        number += 1
        writer = new_writer()
        summary = watcher.poll(on_records=writer.write, on_message=_echo)
        writer.close()
        failed_polls += bool(summary.failed)
        _echo(f"poll {number}: {summary}; {summary.seen_before} seen before")
    return failed_polls
