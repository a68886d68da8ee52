"""Coding on a Dask cluster (dask.distributed): the same coding as one process, written as Parquet partitions.

The client reads the inputs (:func:`~eventcoder.ingest.read_paths`, streaming) and cuts the articles into
partitions of ``partition_size``; each partition is coded on a worker by
:func:`eventcoder.parallel.code_group_in_worker`, whose coder is built once per worker process
(:func:`~eventcoder.pipeline.get_coder` is cached per process), and its event records come back to the
client, which writes them as ``part-NNNNN.parquet`` in the output folder: exactly the columns of
:data:`~eventcoder.model.RECORD_COLUMNS` with the store's types, so ``eventcoder import DIR`` loads them. At
most two partitions per worker thread are in flight, so the client's memory stays flat.

A partition whose file exists is not coded again: a run that was stopped resumes where it was. Workers need
eventcoder (with its spaCy model) installed in the same version as the client, and one thread each
(``dask worker ADDRESS --nthreads 1 --nworkers N``); they need no access to the input or output files.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CodingError, EventcoderError
from .model import Article
from .output import write_jsonl
from .options import CoderOptions
from .parallel import code_group_in_worker
from .pipeline import CodedArticle

__all__ = ["PARTITION_SIZE", "ClusterError", "ClusterSummary", "code_on_dask", "dask_client", "write_partition"]

PARTITION_SIZE = 100
"""Articles per partition (one task, one Parquet file)."""


class ClusterError(EventcoderError):
    """The Dask scheduler cannot be reached, dask.distributed is not installed, or the output folder
    cannot be written."""


@dataclass
class ClusterSummary:
    """What :func:`code_on_dask` did: partitions written and already there, articles, events."""

    written: list[Path] = field(default_factory=list)
    already_written: int = 0
    articles: int = 0
    events: int = 0


@contextmanager
def dask_client(address: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``address``, closed after the ``with`` block: ``tcp://host:8786`` (a
    running scheduler) or ``local:N`` (a LocalCluster of N worker processes, one thread each, started here and
    closed with the client).

    Raises:
        ClusterError: dask.distributed is not installed, ``local:N`` has no valid N, or the scheduler does
            not answer.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("dask.distributed is not installed: pip install 'eventcoder[dask]'") from None
    if not address.startswith("local:"):
        try:
            client = Client(address, timeout=30, set_as_default=False)
        except OSError as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        with client:
            yield client
        return
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--dask {address!r}: give local:N with N the number of worker processes")
    with LocalCluster(n_workers=int(count), processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster, set_as_default=False) as client:
            yield client


def write_partition(path: Path, records: list) -> int:
    """Write event records to a Parquet file (atomically: a temporary file renamed), columns and types those
    of the store's ``mentions`` table. RETURNS (int): the number of rows."""
    import duckdb

    from .store import MENTION_COLUMN_TYPES

    columns = "{" + ", ".join(f"'{c}': '{t}'" for c, t in MENTION_COLUMN_TYPES.items()) + "}"
    tmp = path.with_name(path.name + ".tmp")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        write_jsonl(records, fh)
        source = Path(fh.name)
    try:
        con = duckdb.connect()
        select = (f"SELECT * FROM read_json(?, format='newline_delimited', columns={columns})" if records else
                  "SELECT " + ", ".join(f"NULL::{t} AS {c}" for c, t in MENTION_COLUMN_TYPES.items()) + " WHERE false")
        target = str(tmp).replace("'", "''")
        con.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet)", [str(source)] if records else None)
        con.close()
    finally:
        source.unlink(missing_ok=True)
    tmp.replace(path)
    return len(records)


def _partitions(items: Iterable[Article | Any], size: int, on_other: Callable[[Any], None]
                ) -> Iterator[list[Article]]:
    part: list[Article] = []
    for item in items:
        if not isinstance(item, Article):
            on_other(item)
            continue
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def code_on_dask(items: Iterable[Article | Any], output_dir: str | Path, client, *,
                 partition_size: int = PARTITION_SIZE, options: CoderOptions | None = None,
                 on_result: Callable[[Any], None] = lambda item: None) -> ClusterSummary:
    """Code articles on a Dask cluster and write their events as Parquet partitions in ``output_dir``.

    Args:
        items: articles (anything else, such as an ``IngestError``, goes to ``on_result`` at once).
        output_dir: the folder for ``part-NNNNN.parquet`` (created if missing).
        client: a ``distributed.Client`` (:func:`dask_client`).
        partition_size (int): articles per partition.
        options (CoderOptions): the coder the workers build.
        on_result: called in the client with every result: a ``CodedArticle`` (without its sentences), a
            ``SkippedArticle``, a ``CodingError``, or a non-article item; for counting and messages.
    RETURNS (ClusterSummary): the files written and counts.
    Raises:
        ClusterError: the output folder cannot be created.
    """
    from distributed import as_completed

    out = Path(output_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClusterError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    options = options or CoderOptions()
    summary = ClusterSummary()
    window = 2 * max(1, sum(client.nthreads().values()))
    running = as_completed(loop=client.loop)
    pending: dict[Any, tuple[Path, list[Article]]] = {}
    for index, part in enumerate(_partitions(items, partition_size, on_result)):
        path = out / f"part-{index:05d}.parquet"
        if path.exists():
            summary.already_written += 1
            continue
        future = client.submit(code_group_in_worker, options, part, pure=False)
        pending[future] = (path, part)
        running.add(future)
        while running.count() >= window:
            _finish(next(running), pending, summary, on_result)
    for future in running:
        _finish(future, pending, summary, on_result)
    return summary


def _finish(future, pending: dict, summary: ClusterSummary, on_result: Callable[[Any], None]) -> None:
    """Write a finished partition's records and report its results; a failed task reports each of its
    articles as failed and writes no file, so that a later run codes the partition again."""
    path, part = pending.pop(future)
    try:
        results = future.result()
    except Exception as exc:  # noqa: BLE001 - a lost worker or task fails its partition, not the run
        results = [CodingError(f"{a.doc_id}: the Dask task coding {path.name} failed ({type(exc).__name__}: {exc})",
                               doc_id=a.doc_id, line=a.line) for a in part]
    else:
        records = [r for item in results if isinstance(item, CodedArticle) for r in item.records]
        write_partition(path, records)
        summary.written.append(path)
        summary.events += len(records)
    for item in results:
        on_result(item)
    summary.articles += len(results)
