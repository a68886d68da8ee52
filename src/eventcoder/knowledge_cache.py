"""A cache on disk for what loading the knowledge files computes: their tables and the tokens of their phrases.

Reading and checking the package's knowledge files (about 100,000 phrases with the generated actor files) and
tokenising every phrase takes seconds; a Python pickle of the result loads in a fraction of that. Each cached
value is stored under a key made of everything it depends on (the bytes of the files, the source of the code
that reads them, the spaCy model and version), so a changed file or program is never served stale: a new key
simply misses and the value is built again and written.

The folder is ``$EVENTCODER_CACHE_DIR`` when set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/eventcoder``, else ``~/.cache/eventcoder``. A folder that cannot be written, or a cache file
that cannot be read, only costs the time of building the value: it is never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "cached", "fingerprint"]

T = TypeVar("T")

_KEEP = 4
"""Cache files of one name kept at most (older keys are removed when a new one is written)."""


def cache_dir() -> Path | None:
    """The cache folder (see the module docstring); None when ``EVENTCODER_CACHE_DIR`` is set empty."""
    chosen = os.environ.get("EVENTCODER_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventcoder"


def fingerprint(parts: Iterable[bytes | str]) -> str:
    """A short hex digest (SHA-256, 24 characters) of ``parts``, each length-prefixed so that no two different
    sequences give the same bytes."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:24]


def cached(name: str, key: str, build: Callable[[], T], kind: type | None = None) -> T:
    """The value stored under ``name`` and ``key``, else ``build()``, written to the cache for the next process.

    Args:
        name (str): what the value is ("knowledge", "phrase-index"): the file name's prefix.
        key (str): the value's :func:`fingerprint`.
        build: makes the value (a picklable object) when the cache has none.
        kind (type | None): the type the value must have; a cached value of another type is built again.
    RETURNS: the value.
    """
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle" if folder is not None else None
    value = _read(path, kind) if path is not None else None
    if value is not None:
        return value
    value = build()
    if path is not None:
        _write(path, value)
    return value


def _read(path: Path, kind: type | None) -> object | None:
    """The value pickled at ``path``; None where there is none, it cannot be read, or it is not of ``kind``."""
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing, unreadable or broken cache file is rebuilt, whatever broke it
        return None
    return value if kind is None or isinstance(value, kind) else None


def _write(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically (a temporary file renamed) and remove older files of its name; a
    failed write leaves no temporary file behind."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=path.stem, suffix=".tmp",
                                         delete=False) as fh:
            temporary = Path(fh.name)
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        name = path.name.rsplit("-", 1)[0]
        older = sorted(path.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[_KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return
    finally:
        if temporary is not None:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
