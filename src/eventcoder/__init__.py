"""eventcoder: news articles in, CAMEO/PLOVER political events out, stored in an embedded DuckDB database.

    >>> import eventcoder
    >>> records = eventcoder.code_text("BISHKEK, Nov. 19 (Xinhua) -- ...", published="2025-11-19")
    >>> with eventcoder.EventStore("events.duckdb") as store:
    ...     summary = eventcoder.code_batch(["news/"], store)  # as ``eventcoder code news/``

Names are imported on first use, so ``import eventcoder`` stays light: spaCy loads only when a
:class:`Coder` first codes something.
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("eventcoder")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "RECORD_COLUMNS",
    "Article",
    "BatchSummary",
    "CodedArticle",
    "Coder",
    "CoderOptions",
    "CodingError",
    "EventRecord",
    "EventStore",
    "EventcoderError",
    "FeedWatcher",
    "IngestError",
    "SkippedArticle",
    "StoreError",
    "__version__",
    "code_batch",
    "code_batch_on_dask",
    "code_files",
    "code_text",
    "parse_article",
    "read_paths",
]

# public name -> module that defines it
_LAZY = {
    "RECORD_COLUMNS": "model",
    "Article": "model",
    "EventRecord": "model",
    "CodedArticle": "pipeline",
    "Coder": "pipeline",
    "code_files": "pipeline",
    "code_text": "pipeline",
    "SkippedArticle": "pipeline",
    "CoderOptions": "options",
    "BatchSummary": "batch",
    "FeedWatcher": "batch",
    "code_batch": "batch",
    "code_batch_on_dask": "batch",
    "EventStore": "store",
    "CodingError": "errors",
    "EventcoderError": "errors",
    "StoreError": "errors",
    "IngestError": "ingest",
    "parse_article": "ingest",
    "read_paths": "ingest",
}

if TYPE_CHECKING:  # pragma: no cover
    from .batch import BatchSummary, FeedWatcher, code_batch, code_batch_on_dask
    from .errors import CodingError, EventcoderError, StoreError
    from .ingest import IngestError, parse_article, read_paths
    from .model import RECORD_COLUMNS, Article, EventRecord
    from .options import CoderOptions
    from .pipeline import CodedArticle, Coder, SkippedArticle, code_files, code_text
    from .store import EventStore


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eventcoder' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
