"""Reading articles from files, folders, glob patterns, JSON Lines (also gzip-compressed), HTML pages and
RSS/Atom feeds, for the coder; each text is parsed by :func:`~eventcoder.article_text.parse_article`.

:func:`read_paths` reads ``.txt`` files, JSON Lines files (also ``.jsonl.gz``), HTML pages, RSS/Atom feeds
(files and URLs, through :mod:`eventcoder.pages`), folders and glob patterns, and yields an
:class:`IngestError` instead of raising for anything it cannot read; :func:`count_articles` says about how
many articles it will yield. :func:`parse_article`, :func:`parse_dateline` and :class:`IngestError` are
defined in :mod:`eventcoder.article_text` and importable from here.
"""

from __future__ import annotations

import errno
import fnmatch
import gzip
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any

from eventcoder.article_text import IngestError, parse_article, parse_dateline
from eventcoder.model import Article

__all__ = ["ARTICLE_SUFFIXES", "IngestError", "count_articles", "no_input", "parse_article", "parse_dateline",
           "read_paths"]


def _utf8_problem(data: bytes, error: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    return f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} (line {line})"


def _read_txt(path: Path) -> Iterator[Article | IngestError]:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(name, None, f"cannot read the file ({exc.strerror or exc})")
        return
    if not data.strip():
        yield IngestError(name, None, "the file is empty" if not data else "the file holds only whitespace")
        return
    if b"\x00" in data:
        offset = data.index(b"\x00")
        yield IngestError(name, None, f"looks like a binary file (NUL byte at offset {offset})")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield IngestError(name, None, _utf8_problem(data, exc))
        return
    yield _parse_or_error(name, None, text.replace("\r\n", "\n").replace("\r", "\n"), {})


def _parse_or_error(doc_id: str, line: int | None, text: str, meta: dict[str, Any]) -> Article | IngestError:
    """parse_article, with any failure turned into an IngestError (a batch never stops)."""
    try:
        return parse_article(doc_id, text, line=line, **meta)
    except ValueError as exc:
        return IngestError(doc_id, line, str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a batch run
        return IngestError(doc_id, line, f"could not be parsed ({type(exc).__name__}: {exc})")


def _json_row(raw: bytes, name: str, number: int) -> dict[str, Any] | IngestError:
    """Decode one JSON Lines row into a dict, or say what is wrong with it."""
    try:
        decoded = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return IngestError(name, number, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}")
    try:
        row = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return IngestError(name, number, f"not valid JSON ({exc.msg}: column {exc.colno})")
    if not isinstance(row, dict):
        return IngestError(name, number, f"expected a JSON object, got {type(row).__name__}")
    return row


def _row_article(row: dict[str, Any], name: str, number: int) -> Article | IngestError:
    """Check a row's fields and parse its text."""
    doc_id = row.get("doc_id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is not None and (not isinstance(doc_id, str) or not doc_id.strip()):
        return IngestError(name, number, f"'doc_id' must be a non-empty string, got {doc_id!r}")
    label = f" (doc_id {doc_id!r})" if doc_id else ""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(name, number, f"no non-empty string field 'text'{label}")
    meta: dict[str, Any] = {}
    for key in ("published", "headline", "outlet", "url"):
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            return IngestError(name, number, f"'{key}' must be a string, got {type(value).__name__}{label}")
        meta[key] = value
    result = _parse_or_error(doc_id or f"{name}:{number}", number, text, meta)
    if isinstance(result, IngestError):
        return IngestError(name, number, result.message + label)
    return result


def _open_lines(path: Path):
    """The file's lines as bytes: gzip-decompressed for a ``.gz`` file."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def _jsonl_rows(handle, name: str) -> Iterator[Article | IngestError]:
    seen_any = False
    for number, raw in enumerate(handle, start=1):
        seen_any = True
        if b"\x00" in raw:
            yield IngestError(name, number, "looks like a binary file (NUL byte); the rest of the file is skipped")
            return
        if not raw.strip():
            continue
        row = _json_row(raw, name, number)
        yield row if isinstance(row, IngestError) else _row_article(row, name, number)
    if not seen_any:
        yield IngestError(name, None, "the file is empty")


def _read_jsonl(path: Path) -> Iterator[Article | IngestError]:
    """One article per line of a JSON Lines file, also gzip-compressed (``.jsonl.gz``); a compressed file that
    is corrupt or cut short is reported with the line after the last one read, and what came before is kept."""
    name = path.name
    try:
        handle = _open_lines(path)
    except OSError as exc:
        yield IngestError(name, None, f"cannot read the file ({exc.strerror or exc})")
        return
    last = 0
    with handle:
        try:
            for item in _jsonl_rows(handle, name):
                last = item.line or last
                yield item
        except (OSError, EOFError, zlib.error) as exc:
            yield IngestError(name, last + 1, f"the compressed file is corrupt or cut short from here on "
                                              f"({type(exc).__name__}: {exc}); the rest of the file is skipped")


def _read_html(path: Path) -> Iterator[Article | IngestError]:
    from .pages import html_article

    try:
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(path.name, None, f"cannot read the file ({exc.strerror or exc})")
        return
    if not data.strip():
        yield IngestError(path.name, None, "the file is empty")
        return
    yield html_article(path.name, data)


def _read_feed_file(path: Path) -> Iterator[Article | IngestError]:
    from .pages import read_feed

    try:
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(path.name, None, f"cannot read the file ({exc.strerror or exc})")
        return
    yield from read_feed(path.name, data)


ARTICLE_SUFFIXES = (".txt", ".jsonl", ".json", ".jsonl.gz", ".json.gz", ".html", ".htm", ".rss", ".atom", ".xml")
"""File endings read as articles: text, JSON Lines (also gzip-compressed), HTML pages, RSS/Atom feeds."""

_FOLDER_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".html", ".htm", ".rss", ".atom")


def _suffix(path: Path) -> str:
    """The file's ending: ``.jsonl.gz`` for a compressed one, else its last suffix, lower case."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[1] == ".gz":
        return "".join(suffixes)
    return path.suffix.lower()


def _read_file(path: Path) -> Iterator[Article | IngestError]:
    readers = {".txt": _read_txt, ".jsonl": _read_jsonl, ".json": _read_jsonl, ".jsonl.gz": _read_jsonl,
               ".json.gz": _read_jsonl, ".html": _read_html, ".htm": _read_html, ".rss": _read_feed_file,
               ".atom": _read_feed_file, ".xml": _read_feed_file}
    reader = readers.get(_suffix(path))
    if reader is None:
        yield IngestError(path.name, None, f"unsupported file type {_suffix(path) or '(none)'!r}: expected "
                                           f"{', '.join(ARTICLE_SUFFIXES)}")
        return
    yield from reader(path)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _entries(folder: Path, name: str) -> list[os.DirEntry] | IngestError:
    """The folder's entries in name order, or an error naming the folder (``name``) that cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as exc:
        return IngestError(name, None, f"cannot read the folder ({exc.strerror or exc})")


def _entry_is(entry: os.DirEntry, kind: str) -> bool:
    """Whether the entry is a folder (``kind`` "dir") or a file, following symbolic links; False when unknowable."""
    try:
        return entry.is_dir() if kind == "dir" else entry.is_file()
    except OSError:
        return False


def _folders_below(top: Path) -> Iterator[tuple[Path, list[os.DirEntry]] | IngestError]:
    """``top`` and the folders below it (not hidden ones), each with its entries, following symbolic links but
    entering each real folder (device and inode) once, so that a link loop ends: by its own path where it is below
    ``top``, the links to folders being followed last. A folder that cannot be read is an error instead."""
    seen: set[tuple[int, int]] = set()
    stack, links = [top], []
    while stack or links:
        folder = stack.pop() if stack else links.pop()
        try:
            info = folder.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        entries = _entries(folder, str(folder))
        yield entries if isinstance(entries, IngestError) else (folder, entries)
        for entry in [] if isinstance(entries, IngestError) else reversed(entries):
            if entry.name[0] != "." and _entry_is(entry, "dir"):
                (links if entry.is_symlink() else stack).append(folder / entry.name)


def _glob_below(folder: Path, rest: tuple[str, ...]) -> Iterator[Path | IngestError]:
    """What ``**/rest`` matches under ``folder``; a final ``**`` (no ``rest``) matches every folder and file."""
    for found in _folders_below(folder):
        if isinstance(found, IngestError):
            yield found
        elif rest:
            yield from _glob(found[0], rest)
        else:
            yield found[0]
            yield from (found[0] / e.name for e in found[1] if e.name[0] != "." and not _entry_is(e, "dir"))


def _glob(folder: Path, parts: tuple[str, ...]) -> Iterator[Path | IngestError]:
    """What the pattern ``parts`` (path segments) matches under ``folder``, as :func:`glob.glob` with
    ``recursive=True`` finds it (``*`` and ``?`` skip hidden names, ``**`` any depth of folders), but with
    ``**`` entering each real folder once (:func:`_folders_below`), and errors for folders that cannot be read."""
    if not parts:
        yield folder
        return
    part, rest = parts[0], parts[1:]
    if part == "**":
        yield from _glob_below(folder, rest)
        return
    if not _has_magic(part):
        path = folder / part
        yield from (_glob(path, rest) if rest and _is(path, stat.S_ISDIR) else [path] if os.path.lexists(path) else [])
        return
    entries = _entries(folder, str(folder)) if _is(folder, stat.S_ISDIR) else []
    if isinstance(entries, IngestError):
        yield entries
        return
    for entry in entries:
        if fnmatch.fnmatch(entry.name, part) and (entry.name[0] != "." or part[0] == "."):
            if not rest or _entry_is(entry, "dir"):
                yield from _glob(folder / entry.name, rest)


def _expand(item: str | Path) -> list[Path | IngestError] | IngestError:
    """A path as given, or the files a glob pattern ("news/*.jsonl.gz", "**/*.html") matches, sorted, after an
    error for each folder the pattern could not read."""
    path = Path(item)
    if os.path.lexists(path) or not _has_magic(str(item)):
        return [path]
    parts = path.parts
    fixed = next((i for i, part in enumerate(parts) if _has_magic(part)), len(parts))
    found = list(_glob(Path(*parts[:fixed]) if fixed else Path(), parts[fixed:]))
    errors: list[Path | IngestError] = [f for f in found if isinstance(f, IngestError)]
    matches = sorted(set(f for f in found if isinstance(f, Path)))
    return errors + matches if errors or matches else IngestError(str(item), None, "no file matches this pattern")


def _unreachable(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be read, in words: a link loop, a broken link, a missing path, or the system's reason."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop: the link cannot be resolved (it leads back to itself)"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"a broken symbolic link: its target {os.readlink(path)} does not exist"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or folder"
    return f"cannot read it ({exc.strerror or exc})"


def _folder_files(folder: Path, given: str) -> list[Path] | IngestError:
    """The article files of a folder (not of its sub-folders), by name."""
    entries = _entries(folder, given)
    if isinstance(entries, IngestError):
        return entries
    return [folder / e.name for e in entries if _entry_is(e, "file") and _suffix(Path(e.name)) in _FOLDER_SUFFIXES]


def _read_one(path: Path, given: str) -> Iterator[Article | IngestError]:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield IngestError(given, None, _unreachable(path, exc))
        return
    if stat.S_ISREG(mode):
        yield from _read_file(path)
    elif not stat.S_ISDIR(mode):
        yield IngestError(given, None, "not a file or folder (a device, pipe or socket): not read")
    elif isinstance(children := _folder_files(path, given), IngestError):
        yield children
    elif not children:
        yield IngestError(given, None, "the folder holds no .txt or .jsonl files, nor .jsonl.gz, .html, .htm, "
                                      ".rss or .atom")
    else:
        for child in children:
            yield from _read_file(child)


def no_input(paths: Iterable[str | Path]) -> IngestError | None:
    """The error of the first of ``paths`` when none of them names anything to read (every one a missing file or
    folder, or a glob pattern that matches nothing; a URL counts as something), else None: a usage error for a
    command, rather than a batch of failed inputs."""
    from .pages import is_url

    first = None
    for item in paths:
        if is_url(str(item)):
            return None
        found = _expand(item)
        if isinstance(found, list) and any(isinstance(p, IngestError) or p.exists() for p in found):
            return None
        if first is None and isinstance(found, IngestError):
            first = found
        elif first is None:
            first = next(_read_one(found[0], str(item)))  # the path's error: missing, a broken link, a loop
    return first


def read_paths(paths: Iterable[str | Path] | str | Path) -> Iterator[Article | IngestError]:
    """Read articles from files, folders, glob patterns and feed URLs, lazily, never raising for a bad input.

    Args:
        paths: one path (a ``str`` or ``Path``) or an iterable of them: ``.txt`` files (one article each; doc_id = file name), ``.jsonl`` / ``.json``
            JSON Lines files, also gzip-compressed (``.jsonl.gz``; one object per line: ``text`` required;
            ``doc_id``, ``published`` (YYYY-MM-DD), ``headline``, ``outlet``, ``url`` optional; doc_id
            defaults to "<file name>:<line>"), HTML pages (``.html``/``.htm``: main text and metadata,
            :func:`eventcoder.pages.html_article`), RSS/Atom feeds (``.rss``, ``.atom``, ``.xml`` files or
            ``http(s)://`` URLs: one article per item, :func:`eventcoder.pages.read_feed`), folders (their
            files of those kinds but ``.xml``, sorted by name, not recursive) and glob patterns (``*``,
            ``?``, ``[...]``; ``**`` descends into folders), expanded in sorted order. Text files are decoded
            as UTF-8 (a BOM is dropped) and their line ends normalised to "\\n"; JSON Lines are read one line
            at a time, so memory stays flat whatever the file's size.
    YIELDS (Article | IngestError): an article per text, or an error for an empty, binary
        (NUL bytes) or non-UTF-8 file, a JSON Lines line that is not a JSON object or lacks a
        non-empty string ``text``, a bad ``published`` value, a compressed file that is corrupt, a page
        without text, a feed that cannot be fetched or parsed, a missing path, a pattern that matches
        nothing, a folder without article files or an unsupported file type. Blank JSON Lines lines are
        skipped.
    """
    from .pages import is_url, read_feed

    for item in [paths] if isinstance(paths, str | PathLike) else paths:
        if isinstance(item, str) and is_url(item):
            yield from read_feed(item)
            continue
        expanded = _expand(item)
        if isinstance(expanded, IngestError):
            yield expanded
            continue
        for path in expanded:
            if isinstance(path, IngestError):
                yield path
            else:
                yield from _read_one(path, str(item) if len(expanded) == 1 else str(path))


def _count_file(path: Path) -> int | None:
    suffix = _suffix(path)
    if suffix in (".rss", ".atom", ".xml"):
        return None
    if suffix in (".jsonl", ".json", ".jsonl.gz", ".json.gz"):
        try:
            with _open_lines(path) as handle:
                return sum(1 for line in handle if line.strip())
        except (OSError, EOFError, zlib.error):
            return 0
    return 1 if suffix in (".txt", ".html", ".htm") else 0


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """About how many articles :func:`read_paths` will yield for ``paths`` (non-blank JSON Lines lines, text
    and HTML files), for a progress bar; None when a feed (its items are not known before it is read) is
    among them. Reads JSON Lines files through once."""
    total = 0
    for item in paths:
        if isinstance(item, str) and item.startswith(("http://", "https://")):
            return None
        expanded = _expand(item)
        for path in [] if isinstance(expanded, IngestError) else expanded:
            files = [] if isinstance(path, IngestError) else _folder_files(path, "") if _is(path, stat.S_ISDIR) \
                else [path]
            for file in [] if isinstance(files, IngestError) else files:
                count = _count_file(file) if _is(file, stat.S_ISREG) else 0
                if count is None:
                    return None
                total += count
    return total


def _is(path: Path, kind: Callable[[int], bool]) -> bool:
    try:
        return kind(path.stat().st_mode)
    except OSError:
        return False
