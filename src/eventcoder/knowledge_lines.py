"""The lines and cells of the knowledge files, and the tables loading fills: what every reader of
:mod:`eventcoder.knowledge_files` and :mod:`eventcoder.knowledge_generated` shares.

A :class:`_Line` is one data line (its file, number and cells); the cell readers (``_required``, ``_values``,
``_sector``, ``_date`` ...) check one cell and raise :class:`~eventcoder.knowledge_types.KnowledgeError` naming the
file and line; :class:`_Tables` is what one load accumulates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .knowledge_types import (
    SECTOR_CODES,
    ActorTerm,
    CameoCode,
    GazetteerEntry,
    KnowledgeError,
    PersonTerm,
    PloverLabel,
)

__all__: list[str] = []

_CODE_RE = re.compile(r"^\d{2,4}$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_ORG_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{2,}$")
_GROUP_CODE_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class _Tables:
    """What loading accumulates (local to one load; never module-level)."""

    entries: list[GazetteerEntry] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    capital_index: dict[str, str] = field(default_factory=dict)
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    plover: dict[str, PloverLabel] = field(default_factory=dict)
    named_entries: list[GazetteerEntry] = field(default_factory=list)
    people: dict[str, tuple[PersonTerm, ...]] = field(default_factory=dict)
    actors: dict[str, tuple[ActorTerm, ...]] = field(default_factory=dict)
    group_roles: dict[str, tuple[tuple[str, date | None, date | None, str], ...]] = field(default_factory=dict)

    def copy(self) -> _Tables:
        """A copy whose containers can be extended without touching this one."""
        return _Tables(list(self.entries), dict(self.names), dict(self.codes), dict(self.capitals),
                       dict(self.capital_index), dict(self.cameo), dict(self.plover),
                       list(self.named_entries), dict(self.people), dict(self.actors), dict(self.group_roles))


@dataclass(frozen=True)
class _Line:
    """One data line of a file: its cells and where it stands."""

    file: str
    number: int
    cells: tuple[str, ...]

    @property
    def source(self) -> str:
        return f"{self.file}:{self.number}"

    def error(self, message: str) -> KnowledgeError:
        return KnowledgeError(f"{self.file} line {self.number}: {message}")


def _split_line(file: str, number: int, line: str, width: int) -> _Line:
    cells = tuple(cell.strip() for cell in line.split("\t"))
    result = _Line(file, number, cells)
    if len(cells) != width:
        raise result.error(f"expected {width} tab-separated columns, found {len(cells)}")
    return result


def _norm(text: str) -> str:
    """Key for case-insensitive comparison: NFC, casefolded, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()
    return " ".join(text.split())


def _values(line: _Line, index: int, what: str) -> tuple[str, ...]:
    """The "|"-separated values of a cell; an empty value between separators is an error."""
    cell = line.cells[index]
    if not cell:
        return ()
    values = tuple(value.strip() for value in cell.split("|"))
    if not all(values):
        raise line.error(f"empty value in {what} {cell!r}")
    return values


def _required(line: _Line, index: int, what: str) -> str:
    value = line.cells[index]
    if not value:
        raise line.error(f"empty {what}")
    return value


def _matching(line: _Line, index: int, what: str, pattern: re.Pattern[str]) -> str:
    value = _required(line, index, what)
    if not pattern.match(value):
        raise line.error(f"bad {what} {value!r} (expected {pattern.pattern})")
    return value


def _sector(line: _Line, index: int) -> str:
    value = _required(line, index, "sector")
    if value not in SECTOR_CODES:
        raise line.error(f"unknown sector code {value!r} (expected one of {' '.join(sorted(SECTOR_CODES))})")
    return value


class _Claims:
    """Keys or phrases seen in one file, to report duplicates with both line numbers."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.seen: dict[str, int] = {}

    def claim(self, line: _Line, phrase: str) -> None:
        """Record ``phrase`` for this line; the same phrase (ignoring case) on another line is an error."""
        first = self.seen.setdefault(_norm(phrase), line.number)
        if first != line.number:
            raise line.error(f"duplicate {self.what} {phrase!r} (already on line {first})")


def _known_country(line: _Line, index: int, tables: _Tables, extra: frozenset[str]) -> str:
    """The country cell: an ISO3 code of countries.tsv or one of ``extra``; KnowledgeError otherwise."""
    country = _required(line, index, "country")
    if country not in tables.codes and country not in extra:
        raise line.error(f"unknown country {country!r} (expected an iso3 code of countries.tsv or one of "
                         f"{' '.join(sorted(extra))})")
    return country


def _date(line: _Line, index: int, what: str) -> date | None:
    value = line.cells[index]
    if not value:
        return None
    try:
        if not _DATE_RE.match(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise line.error(f"bad {what} date {value!r} (expected YYYY-MM-DD or empty)") from None


def _start_key(term: PersonTerm) -> date:
    return term.start or date.min


def _add_person(tables: _Tables, name: str, terms: list[PersonTerm], phrases: tuple[str, ...],
                generated: bool = False) -> None:
    """Record one person (``terms`` sorted by start) under each of ``phrases``: an entry of kind "person" per
    phrase, coded by the latest term (its sector while it holds; ELI after an end; the country only after a
    generated term's ``known_to``), and the terms under each phrase's key."""
    latest = max(terms, key=_start_key)
    sector = latest.sector if latest.last_day is None else ("ELI" if latest.end else None)
    country = tables.codes.get(latest.country, latest.country)
    code = country if sector in ("IGO", "NGO", None) else country + sector
    for phrase in phrases:
        tables.named_entries.append(GazetteerEntry(phrase, "person", latest.country, sector, code, name,
                                                   latest.source, generated=generated))
    for key in dict.fromkeys(_norm(phrase) for phrase in phrases):
        tables.people[key] = tuple(sorted((*tables.people.get(key, ()), *terms), key=_start_key))

