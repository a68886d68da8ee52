"""The terminal side of the commands that code (``eventcoder code`` and ``eventcoder watch``): the progress bar,
messages on stderr and the summary lines, over the batch of :mod:`eventcoder.batch` (which reads, skips
unchanged articles, codes in this process, on a pool of workers or on a Dask cluster, stores and counts).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

from .batch import BatchSummary, FeedWatcher, code_batch, code_batch_on_dask
from .options import CoderOptions

__all__ = ["Progress", "closed_pipe", "open_output", "output_format", "code_paths", "code_paths_on_dask", "watch_feeds"]


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

    def advance(self, _result: Any = None) -> None:
        """One more article handled (``_result``: what the batch says of it, unused here)."""
        if self._bar is not None:
            self._bar.advance(self._task)

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
                          on_message=progress.echo, on_result=progress.advance)


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
