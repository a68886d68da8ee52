"""The package's knowledge files: CAMEO codes, the PLOVER map and the actor gazetteer.

:func:`load_knowledge` reads the TSV files in ``eventcoder/data`` (formats and sources in
``eventcoder/data/README.md``) into a :class:`Knowledge` object::

    >>> kb = load_knowledge()
    >>> kb.cameo("042").label
    'Make a visit'
    >>> kb.country_of_capital("Bishkek")
    'KGZ'
    >>> [e.code for e in kb.entries if e.phrase == "Kyrgyz" and e.kind == "adjective"]
    ['KGZ']
    >>> kb.person_on("Zhaparov", date(2025, 11, 19)).sector
    'GOV'

Named groups (groups.tsv) and office-holders (people.tsv) are in :attr:`Knowledge.named_entries`, kept
apart from :attr:`Knowledge.entries` so that code written for the older kinds is unaffected; the dated
terms of office are looked up with :meth:`Knowledge.people_named` and :meth:`Knowledge.person_on`.

Every file is UTF-8, tab-separated, with a header row; lines starting with ``#`` and blank lines
are skipped; multi-valued cells are separated by ``|``. The header tells which kind of file it is,
so user files in the same formats can be passed to :func:`load_knowledge`. A bad line raises
:class:`KnowledgeError` naming the file and line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from .errors import EventcoderError

__all__ = [
    "ActorTerm",
    "CameoCode",
    "GazetteerEntry",
    "Knowledge",
    "KnowledgeError",
    "PersonTerm",
    "PloverLabel",
    "SECTOR_CODES",
    "load_knowledge",
]

SECTOR_CODES: frozenset[str] = frozenset(
    # CAMEO role codes (CAMEO Manual 1.1b3 ch.3; GDELT CAMEO.type.txt) ...
    "COP GOV INS JUD MIL OPP REB SEP SPY UAF PTY AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG "
    "MED REF MOD RAD "
    # ... CAMEO international generic codes, also used as types ...
    "IGO IMG INT MNC NGM NGO UIS "
    # ... and PLOVER sectors that CAMEO lacks (PLOVER manual, Sector Codes table).
    "PRM UNK JRN PRE REL SOC".split()
)
"""Sector codes accepted in metonyms.tsv, agents.tsv, groups.tsv and people.tsv. Note that MED means media
in CAMEO (which these files use) and health in PLOVER; health is CAMEO's HLH here."""

PACKAGE_FILES: tuple[str, ...] = (
    "cameo_codes.tsv",
    "plover_map.tsv",
    "countries.tsv",
    "metonyms.tsv",
    "igos.tsv",
    "agents.tsv",
    "groups.tsv",
    "people.tsv",
)
"""The package's knowledge files, in loading order."""

ORG_COUNTRIES: frozenset[str] = frozenset({"UNO", "EUR", "IGO"})
"""``country`` codes of office-holders of organisations in people.tsv (as in igos.tsv's ``country``)."""

GROUP_COUNTRIES: frozenset[str] = frozenset({"IMG", "INT"})
"""``country`` codes allowed in groups.tsv besides the countries of countries.tsv: CAMEO's transnational
militarized group (IMG) and international/transnational actor (INT), for groups without one home country."""

ACTOR_COLUMNS: tuple[str, ...] = ("name", "variants", "code", "country", "sector", "valid_from", "valid_to")
"""Columns of a user actor dictionary (CSV header, YAML keys, or a TSV header row), in this order."""

_CODE_RE = re.compile(r"^\d{2,4}$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_ORG_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{2,}$")
_GROUP_CODE_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class KnowledgeError(EventcoderError, ValueError):
    """A bad line in a knowledge file; message names file and line and what is wrong.

    Example: ``countries.tsv line 57: duplicate iso3 'KGZ' (first on line 56)``.
    """


@dataclass(frozen=True)
class GazetteerEntry:
    """One phrase that names or describes an actor.

    Attributes:
        phrase (str): the phrase as written in the file, without a leading "the" ("Kyrgyz",
            "foreign minister", "Kremlin").
        kind (str): "country" (name or alias), "adjective", "demonym", "capital", "metonym",
            "igo" (an organisation's name or alias, NGOs included), "agent" (title, role, group noun),
            "group" (a named non-state or sub-state actor: "Taliban", "RSF", "Gazprom"), "person"
            (an office-holder's name or alias: "Sadyr Japarov", "Zhaparov") or "actor" (a phrase of a
            user or PETRARCH dictionary, whose code may depend on the date: :meth:`Knowledge.actor_on`).
        country (str | None): ISO 3166-1 alpha-3 code ("KGZ", "XKX" for Kosovo); "IGO", "UNO",
            "EUR" or "NGO" for organisations and their office-holders; "IMG" or "INT" for groups
            without one home country; None for agents.
        sector (str | None): "GOV" for capitals; the file's sector for metonyms, agents and groups;
            "IGO" or "NGO" for organisations; for people the sector of their latest term when it
            has no end, else "ELI" (former official); None for country names, adjectives and demonyms.
        code (str | None): CAMEO-style actor code without sector: the CAMEO country code ("KGZ",
            "ROM" for Romania) for country-based entries, the organisation code ("IGOSCO") for
            organisations, country + GDELT known-group code for groups that have one ("AFGTAL",
            "LBNHEZ"; None for other groups); for people the country code plus the sector
            ("KGZGOV", "RUSELI"; only the country, "UNO", for an organisation's serving official);
            None for agents.
        name (str): canonical name: the country's name for names, aliases, adjectives and
            demonyms ("Kyrgyzstan"); the first spelling of the cell for capitals and metonyms
            ("Kyiv", "Elysee"); the organisation's name ("Shanghai Cooperation Organisation");
            the singular phrase for agents ("foreign minister"); the ``name`` cell for groups and
            people ("Rapid Support Forces", "Sadyr Japarov").
        source (str): file and line it came from ("countries.tsv:57").
    """

    phrase: str
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    name: str
    source: str


@dataclass(frozen=True)
class PersonTerm:
    """One term of office of a person (a row of people.tsv).

    Attributes:
        name (str): the person's canonical name ("Sadyr Japarov").
        country (str): ISO alpha-3 code of the state served ("KGZ"); "UNO", "EUR" or "IGO" for an
            organisation's official.
        sector (str): the office's sector ("GOV", "MIL", "IGO"); "ELI" in a term returned by
            :meth:`Knowledge.person_on` for a date after the term ended (a former official).
        office (str): the office as news names it ("President", "Foreign Minister").
        start (datetime.date | None): first day in office; None where the file gives none.
        end (datetime.date | None): last day in office (often the successor's first day); None while
            in office as far as the file knows.
        source (str): file and line ("people.tsv:12").
    """

    name: str
    country: str
    sector: str
    office: str
    start: date | None
    end: date | None
    source: str

    def in_office(self, on: date) -> bool:
        """Whether ``on`` falls within the term (both ends included; open ends are unbounded)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class ActorTerm:
    """One code of an actor from a user dictionary (CSV, YAML, TSV) or a PETRARCH dictionary, and the days
    it holds.

    Attributes:
        name (str): the actor's canonical name ("Jeenbek Kulubaev", "Arnor").
        code (str): the full CAMEO-style code as the dictionary gives it ("KGZGOV", "ARN", "IGOUNO").
        country (str | None): its first three letters for a code of a country or an organisation
            ("KGZ", "IGO"); None for a code without one.
        sector (str | None): the sector the code names (letters 4-6 when they are one of
            :data:`SECTOR_CODES`), else None ("ARN" has none).
        start, end (datetime.date | None): first and last day the code holds; None = unbounded. A term
            with neither is the actor's default code.
        source (str): file and line ("my_actors.csv:3").
        lapse (str | None): the sector that takes over after ``end`` when no other term holds: "ELI" (a
            former official) for a user row with a state office's sector, None (no code) otherwise.
    """

    name: str
    code: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    source: str
    lapse: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the term has a start or an end (else it is the actor's default code)."""
        return self.start is not None or self.end is not None

    def in_effect(self, on: date) -> bool:
        """Whether ``on`` falls within the term (both ends included; open ends are unbounded)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class CameoCode:
    """A CAMEO event code with its GDELT attributes.

    Attributes:
        code (str): 2-4 digit code ("042").
        label (str): CAMEO Manual 1.1b3 label ("Make a visit").
        root (str): 2-digit root ("04").
        quad_class (int): GDELT QuadClass, 1-4 (roots 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4).
        goldstein (float | None): GDELT Goldstein value (-10..10); the parent's value where GDELT
            has none (see data/README.md).
    """

    code: str
    label: str
    root: str
    quad_class: int
    goldstein: float | None


@dataclass(frozen=True)
class PloverLabel:
    """The PLOVER event type, mode and context of a CAMEO code (CAMEO2PLOVER-2021).

    Attributes:
        type (str | None): PLOVER event type ("CONSULT"); None where PLOVER drops the code
            (roots 01 and 02).
        mode (str | None): PLOVER mode ("visit"), when the map gives one.
        context (str | None): PLOVER context ("diplomatic"); several are joined with "|"
            ("crime|corruption").
    """

    type: str | None
    mode: str | None
    context: str | None


class Knowledge:
    """Everything the knowledge files say, with look-ups.

    Build it with :func:`load_knowledge`, not directly.

    Attributes:
        entries (tuple[GazetteerEntry, ...]): every phrase of the gazetteer files: country names and
            aliases, adjectives, demonyms, capitals (countries.tsv), metonyms (metonyms.tsv),
            organisation names and aliases (igos.tsv), agent phrases and their plurals (agents.tsv),
            in file order.
        named_entries (tuple[GazetteerEntry, ...]): the names and aliases of named groups
            (groups.tsv, kind "group", in file order) and of office-holders (people.tsv, kind
            "person", one entry per person and phrase, people in the order of their first row), and the
            phrases of user and PETRARCH actor dictionaries (kind "actor", with their default code). Kept
            out of ``entries``, whose kinds stay the seven above; a matcher that wants every phrase
            reads ``entries + named_entries``.
    """

    __slots__ = ("entries", "named_entries", "_names", "_capitals", "_capital_index", "_cameo", "_plover",
                 "_people", "_actors")

    def __init__(self, tables: _Tables) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(tables.entries)
        self.named_entries: tuple[GazetteerEntry, ...] = tuple(tables.named_entries)
        self._people: Mapping[str, tuple[PersonTerm, ...]] = MappingProxyType(dict(tables.people))
        self._actors: Mapping[str, tuple[ActorTerm, ...]] = MappingProxyType(dict(tables.actors))
        self._names: Mapping[str, str] = MappingProxyType(dict(tables.names))
        self._capitals: Mapping[str, tuple[str, ...]] = MappingProxyType(dict(tables.capitals))
        self._capital_index: Mapping[str, str] = MappingProxyType(dict(tables.capital_index))
        self._cameo: Mapping[str, CameoCode] = MappingProxyType(dict(tables.cameo))
        self._plover: Mapping[str, PloverLabel] = MappingProxyType(dict(tables.plover))

    def __repr__(self) -> str:
        return f"<Knowledge: {len(self.entries)} entries, {len(self._cameo)} CAMEO codes>"

    def country_name(self, iso3: str) -> str | None:
        """The canonical name of a country ("KGZ" -> "Kyrgyzstan"); CAMEO codes work too
        ("ROM" -> "Romania"); None for unknown codes."""
        return self._names.get(iso3.strip().upper())

    def cameo(self, code: str) -> CameoCode:
        """The CAMEO code record for ``code`` ("042").

        Raises:
            KeyError: for a code not in cameo_codes.tsv (or a user file of that kind).
        """
        key = code.strip()
        try:
            return self._cameo[key]
        except KeyError:
            raise KeyError(f"unknown CAMEO event code {code!r} (expected one of the 2-4 digit codes "
                           f"of cameo_codes.tsv, e.g. '042')") from None

    def cameo_codes(self) -> tuple[str, ...]:
        """All CAMEO event codes, in cameo_codes.tsv order ("01", "010", ... "2042")."""
        return tuple(self._cameo)

    def plover(self, code: str) -> PloverLabel:
        """The PLOVER type, mode and context for a CAMEO code.

        Looks up the code itself, then its 3-digit parent, then its root's default row; all
        fields are None where PLOVER drops the code (roots 01 and 02).

        Raises:
            KeyError: for a code that is neither a CAMEO code nor in the PLOVER map.
        """
        key = code.strip()
        if key not in self._cameo and key not in self._plover:
            self.cameo(key)  # raises the KeyError with the usual message
        for candidate in dict.fromkeys((key, key[:3], key[:2])):
            if candidate in self._plover:
                return self._plover[candidate]
        return PloverLabel(None, None, None)

    def capital_of(self, iso3: str) -> str | None:
        """The capital as English news most often writes it ("KAZ" -> "Astana"); CAMEO codes work
        too; None when unknown or when countries.tsv leaves it blank."""
        capitals = self._capitals.get(iso3.strip().upper())
        return capitals[0] if capitals else None

    def country_of_capital(self, city: str) -> str | None:
        """The ISO alpha-3 code of the country whose capital ``city`` is ("Kiev" -> "UKR");
        case, accents written or not as listed, and curly apostrophes do not matter."""
        return self._capital_index.get(_norm(city))

    def people_named(self, phrase: str) -> tuple[PersonTerm, ...]:
        """Every term of office of the person(s) that ``phrase`` names ("Zhaparov", "Sergey Lavrov"),
        earliest start first (terms without a start first); empty when no one is listed under it.

        Case and curly apostrophes do not matter; accents do (people.tsv lists both spellings).
        Within one file a phrase names one person; a user file may add another, and then both
        people's terms are returned.
        """
        return self._people.get(_norm(phrase), ())

    def person_on(self, phrase: str, on: date | None = None) -> PersonTerm | None:
        """The term that makes the person named ``phrase`` an actor on the day ``on``.

        The term in office on that day (both ends included; where several are, the latest start
        wins, so a minister who became prime minister is the prime minister). If none is, the term
        that ended most recently before ``on``, with sector "ELI" (a former official); None when
        every term starts after ``on`` or no one is listed under ``phrase``. With ``on`` None, the
        current term (no end; latest start wins), else the last ended term as "ELI".

        Example: ``kb.person_on("Zhaparov", date(2025, 11, 19))`` -> the term of Sadyr Japarov as
        President (KGZ, GOV).
        """
        terms = self.people_named(phrase)
        if on is None:
            current = [term for term in terms if term.end is None]
        else:
            current = [term for term in terms if term.in_office(on)]
        if current:
            return max(current, key=_start_key)  # max keeps the first of equals: file order
        ended = [term for term in terms if term.end is not None and (on is None or term.end < on)]
        if not ended:
            return None
        return replace(max(ended, key=lambda term: term.end), sector="ELI")


    def actors_named(self, phrase: str) -> tuple[ActorTerm, ...]:
        """Every code of the user or PETRARCH actor(s) that ``phrase`` names, earliest start first; empty when
        no user dictionary lists it. Case and curly apostrophes do not matter."""
        return self._actors.get(_norm(phrase), ())

    def actor_on(self, phrase: str, on: date | None = None) -> ActorTerm | None:
        """The code of the user or PETRARCH actor named ``phrase`` on the day ``on``.

        A dated term in effect that day (the latest start wins, so a narrower restriction inside a wider one
        decides); else the actor's default (undated) term; else the term that ended most recently before
        ``on`` if it has a ``lapse`` sector, recoded with it ("KGZ" + "ELI"); else None. With ``on`` None,
        the terms without an end count as in effect.

        Example: a PETRARCH entry ``SAM_GAMGEE [HOB] [HOBGOV 20121109-20130119]`` gives "HOBGOV" on
        2013-01-01 and "HOB" on 2014-01-01.
        """
        terms = self.actors_named(phrase)
        dated = [t for t in terms if t.dated and (t.end is None if on is None else t.in_effect(on))]
        if dated:
            return max(dated, key=_actor_start)
        default = [t for t in terms if not t.dated]
        if default:
            return default[0]
        ended = [t for t in terms if t.lapse and t.end is not None and (on is None or t.end < on)]
        if not ended:
            return None
        last = max(ended, key=lambda t: t.end)
        return replace(last, code=(last.country or "") + last.lapse, sector=last.lapse)


def load_knowledge(extra_files: tuple[str, ...] = (), *, petrarch_actors: tuple[str, ...] = (),
                   petrarch_agents: tuple[str, ...] = ()) -> Knowledge:
    """Load the package's knowledge files plus optional user files.

    The package files are read once per process (functools.lru_cache) through importlib.resources;
    the result for a given tuple of user files is cached too. A user file is a TSV file in the format
    of one of the package files (see data/README.md), recognised by its header row, or a user actor
    dictionary (``.csv``, ``.yaml``/``.yml``, or TSV with the actor dictionary header; columns ``name
    variants code country sector valid_from valid_to``, see data/README.md). User rows add gazetteer
    entries; for a key already known (ISO code, CAMEO code) they replace what the look-up methods
    return. The phrases of user actor dictionaries and PETRARCH dictionaries replace the package's
    entries for the same phrase (ignoring case): the user's word wins.

    Args:
        extra_files: paths of user TSV files and actor dictionaries.
        petrarch_actors: paths of PETRARCH-format actor dictionaries (:mod:`eventcoder.petrarch_dicts`).
        petrarch_agents: paths of PETRARCH-format agent dictionaries.

    Returns:
        Knowledge: the loaded knowledge.

    Raises:
        KnowledgeError: a line is malformed (wrong column count, unknown sector, empty phrase,
            duplicate key in the same file ...) or a header is not one of the known formats.
        OSError: a user file cannot be read.
    """
    return _load_cached(tuple(str(path) for path in extra_files), tuple(str(path) for path in petrarch_actors),
                        tuple(str(path) for path in petrarch_agents))


# --- loading -------------------------------------------------------------------------------------


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

    def copy(self) -> _Tables:
        """A copy whose containers can be extended without touching this one."""
        return _Tables(list(self.entries), dict(self.names), dict(self.codes), dict(self.capitals),
                       dict(self.capital_index), dict(self.cameo), dict(self.plover),
                       list(self.named_entries), dict(self.people), dict(self.actors))


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


@functools.lru_cache(maxsize=None)
def _load_cached(extra_files: tuple[str, ...], petrarch_actors: tuple[str, ...] = (),
                 petrarch_agents: tuple[str, ...] = ()) -> Knowledge:
    from .dictionaries import read_actor_dictionary
    from .petrarch_dicts import read_petrarch_actors, read_petrarch_agents

    tables = _package_tables().copy()
    parsed = [("actors", [_Line(path, number, cells) for number, cells in read_actor_dictionary(path)[1]])
              if _is_actor_dictionary(path) else _parse_text(Path(path).read_text(encoding="utf-8"), path)
              for path in extra_files]
    for kind, lines in sorted(parsed, key=lambda item: _KIND_ORDER.index(item[0])):
        _READERS[kind](lines, tables)
    rows = [row for path in petrarch_actors for row in read_petrarch_actors(path)]
    add_actor_terms(rows, tables)
    agents = [entry for path in petrarch_agents for entry in read_petrarch_agents(path)]
    _override(tables, {_norm(entry.phrase) for entry in agents})
    tables.entries.extend(agents)
    return Knowledge(tables)


def _is_actor_dictionary(path: str) -> bool:
    return Path(path).suffix.lower() in (".csv", ".yaml", ".yml")


@functools.lru_cache(maxsize=1)
def _package_tables() -> _Tables:
    tables = _Tables()
    data = resources.files("eventcoder") / "data"
    for name in PACKAGE_FILES:
        kind, lines = _parse_text((data / name).read_text(encoding="utf-8"), name)
        _READERS[kind](lines, tables)
    return tables


def _parse_text(text: str, file: str) -> tuple[str, list[_Line]]:
    """The kind of a file (from its header) and its data lines."""
    rows = [
        (number, line.rstrip("\r"))
        for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not rows:
        raise KnowledgeError(f"{file} line 1: no header row")
    header_number, header = rows[0]
    columns = tuple(cell.strip() for cell in header.split("\t"))
    kind = _HEADERS.get(columns)
    if kind is None:
        known = "; ".join(" ".join(cols) for cols in _HEADERS)
        raise KnowledgeError(f"{file} line {header_number}: unknown header {' '.join(columns)!r} "
                             f"(expected one of: {known})")
    return kind, [_split_line(file, number, line, len(columns)) for number, line in rows[1:]]


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


# --- one reader per kind of file ---------------------------------------------------------------


def _read_cameo(lines: Iterable[_Line], tables: _Tables) -> None:
    claims = _Claims("code")
    for line in lines:
        code = _matching(line, 0, "code", _CODE_RE)
        claims.claim(line, code)
        tables.cameo[code] = CameoCode(code, _required(line, 1, "label"), _root(line, code),
                                       _quad_class(line), _goldstein(line))


def _root(line: _Line, code: str) -> str:
    root = _matching(line, 2, "root", _CODE_RE)
    if root != code[:2]:
        raise line.error(f"root {root!r} does not match code {code!r}")
    return root


def _quad_class(line: _Line) -> int:
    value = line.cells[3]
    if value not in {"1", "2", "3", "4"}:
        raise line.error(f"bad quad_class {value!r} (expected 1, 2, 3 or 4)")
    return int(value)


def _goldstein(line: _Line) -> float | None:
    value = line.cells[4]
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise line.error(f"bad goldstein {value!r} (expected a number from -10 to 10)") from None
    if not -10.0 <= number <= 10.0:
        raise line.error(f"goldstein {value!r} out of range -10..10")
    return number


def _read_plover(lines: Iterable[_Line], tables: _Tables) -> None:
    claims = _Claims("cameo_code")
    for line in lines:
        code = _matching(line, 0, "cameo_code", _CODE_RE)
        claims.claim(line, code)
        ptype, mode, context = (cell or None for cell in line.cells[1:4])
        tables.plover[code] = PloverLabel(ptype, mode, context)


def _read_countries(lines: Iterable[_Line], tables: _Tables) -> None:
    keys, names, capitals = _Claims("iso3"), _Claims("country name or alias"), _Claims("capital")
    for line in lines:
        iso3 = _matching(line, 0, "iso3", _ISO3_RE)
        keys.claim(line, iso3)
        code = line.cells[1] or iso3
        if not _ISO3_RE.match(code):
            raise line.error(f"bad cameo code {code!r} (expected three capital letters or empty)")
        name = _required(line, 2, "name")
        phrases = {kind: _values(line, index, what) for kind, index, what in _COUNTRY_COLUMNS}
        phrases["country"] = (name, *phrases["country"])
        for phrase in phrases["country"]:
            names.claim(line, phrase)
        for city in phrases["capital"]:
            capitals.claim(line, city)
        _add_country(line, tables, (iso3, code, name), phrases)


_COUNTRY_COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("country", 3, "aliases"), ("adjective", 4, "adjectives"), ("demonym", 5, "demonyms"), ("capital", 6, "capital"),
)


def _add_country(line: _Line, tables: _Tables, ids: tuple[str, str, str], phrases: dict[str, tuple[str, ...]]) -> None:
    """Record one countries.tsv row (``ids`` = iso3, CAMEO code, name) in the tables."""
    iso3, code, name = ids
    cities = phrases["capital"]
    tables.names[iso3] = tables.names[code] = name
    tables.codes[iso3] = code
    tables.capitals[iso3] = tables.capitals[code] = cities
    tables.capital_index.update((_norm(city), iso3) for city in cities)
    for kind, values in phrases.items():
        sector, canonical = ("GOV", values[0]) if kind == "capital" and values else (None, name)
        tables.entries.extend(GazetteerEntry(v, kind, iso3, sector, code, canonical, line.source) for v in values)


def _read_metonyms(lines: Iterable[_Line], tables: _Tables) -> None:
    claims = _Claims("phrase")
    for line in lines:
        phrases = _values(line, 0, "phrase")
        if not phrases:
            raise line.error("empty phrase")
        iso3 = _matching(line, 1, "iso3", _ISO3_RE)
        if iso3 not in tables.codes:
            raise line.error(f"unknown country {iso3!r} (not in countries.tsv)")
        sector = _sector(line, 2)
        for phrase in phrases:
            claims.claim(line, phrase)
            tables.entries.append(GazetteerEntry(phrase, "metonym", iso3, sector, tables.codes[iso3],
                                                 phrases[0], line.source))


def _read_igos(lines: Iterable[_Line], tables: _Tables) -> None:
    keys, names = _Claims("code"), _Claims("organisation name or alias")
    for line in lines:
        code = _matching(line, 0, "code", _ORG_CODE_RE)
        keys.claim(line, code)
        country = _matching(line, 1, "country", _ISO3_RE)
        name = _required(line, 2, "name")
        sector = "NGO" if country == "NGO" else "IGO"
        for phrase in (name, *_values(line, 3, "aliases")):
            names.claim(line, phrase)
            tables.entries.append(GazetteerEntry(phrase, "igo", country, sector, code, name, line.source))


def _read_agents(lines: Iterable[_Line], tables: _Tables) -> None:
    claims = _Claims("agent phrase")
    for line in lines:
        phrase = _required(line, 0, "phrase")
        if phrase != phrase.lower():
            raise line.error(f"agent phrase {phrase!r} must be lower case")
        sector = _sector(line, 1)
        for form in (phrase, *_values(line, 2, "plural")):
            claims.claim(line, form)
            tables.entries.append(GazetteerEntry(form, "agent", None, sector, None, phrase, line.source))


def _known_country(line: _Line, index: int, tables: _Tables, extra: frozenset[str]) -> str:
    """The country cell: an ISO3 code of countries.tsv or one of ``extra``; KnowledgeError otherwise."""
    country = _required(line, index, "country")
    if country not in tables.codes and country not in extra:
        raise line.error(f"unknown country {country!r} (expected an iso3 code of countries.tsv or one of "
                         f"{' '.join(sorted(extra))})")
    return country


def _read_groups(lines: Iterable[_Line], tables: _Tables) -> None:
    claims = _Claims("group name or alias")
    for line in lines:
        name = _required(line, 0, "name")
        country = _known_country(line, 1, tables, GROUP_COUNTRIES)
        sector = _sector(line, 2)
        group = line.cells[3]
        if group and not _GROUP_CODE_RE.match(group):
            raise line.error(f"bad code {group!r} (expected a three-letter known-group code or empty)")
        code = tables.codes.get(country, country) + group if group else None
        for phrase in (name, *_values(line, 4, "aliases")):
            claims.claim(line, phrase)
            tables.named_entries.append(GazetteerEntry(phrase, "group", country, sector, code, name, line.source))


def _read_people(lines: Iterable[_Line], tables: _Tables) -> None:
    owners: dict[str, tuple[str, int]] = {}  # phrase key -> (person, first line), for this file
    terms_seen: dict[tuple[str, str, date | None], int] = {}
    people: dict[str, list[tuple[PersonTerm, tuple[str, ...]]]] = {}
    for line in lines:
        name = _required(line, 0, "name")
        country = _known_country(line, 1, tables, ORG_COUNTRIES)
        sector = _sector(line, 2)
        office = _required(line, 3, "office")
        start, end = _date(line, 4, "start"), _date(line, 5, "end")
        if start and end and end < start:
            raise line.error(f"end {end.isoformat()} is before start {start.isoformat()}")
        first = terms_seen.setdefault((_norm(name), _norm(office), start), line.number)
        if first != line.number:
            raise line.error(f"duplicate term of {name!r} as {office!r} (already on line {first})")
        phrases = tuple(dict.fromkeys((name, *_values(line, 6, "aliases"))))
        for phrase in phrases:
            owner, owner_line = owners.setdefault(_norm(phrase), (name, line.number))
            if owner != name:
                raise line.error(f"phrase {phrase!r} already names {owner!r} (line {owner_line}); a phrase "
                                 f"may name only one person")
        term = PersonTerm(name, country, sector, office, start, end, line.source)
        people.setdefault(name, []).append((term, phrases))
    for name, rows in people.items():
        terms = sorted((term for term, _ in rows), key=_start_key)
        latest = max(terms, key=_start_key)
        sector = latest.sector if latest.end is None else "ELI"
        country = tables.codes.get(latest.country, latest.country)
        code = country if sector in ("IGO", "NGO") else country + sector
        phrases = tuple(dict.fromkeys(phrase for _, row_phrases in rows for phrase in row_phrases))
        for phrase in phrases:
            tables.named_entries.append(GazetteerEntry(phrase, "person", latest.country, sector, code, name,
                                                       latest.source))
        for key in dict.fromkeys(_norm(phrase) for phrase in phrases):
            known = tables.people.get(key, ())
            tables.people[key] = tuple(sorted((*known, *terms), key=_start_key))


def _read_actors(lines: Iterable[_Line], tables: _Tables) -> None:
    """A user actor dictionary: ``name variants code country sector valid_from valid_to`` (data/README.md)."""
    add_actor_terms([_actor_row(line) for line in lines], tables)


STATE_OFFICE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
"""Sectors of state offices: a user actor row with one of them is a former official (ELI) after valid_to."""


def _actor_row(line: _Line) -> tuple[ActorTerm, tuple[str, ...]]:
    name = _required(line, 0, "name")
    code, country, sector = (cell.strip().upper() or None for cell in line.cells[2:5])
    if code is None and country is None and sector is None:
        raise line.error("give a code, a country or a sector")
    if code is not None and not _ORG_CODE_RE.match(code):
        raise line.error(f"bad code {code!r} (expected capital letters and digits, e.g. KGZGOV)")
    if country is not None and not _ISO3_RE.match(country):
        raise line.error(f"bad country {country!r} (expected three capital letters, e.g. KGZ)")
    if sector is not None and sector not in SECTOR_CODES:
        raise line.error(f"unknown sector code {sector!r} (expected one of {' '.join(sorted(SECTOR_CODES))})")
    country = country or (code[:3] if code else None)
    sector = sector or (code[3:6] if code and code[3:6] in SECTOR_CODES else None)
    code = code or (country or "") + (sector if sector not in ("IGO", "NGO", None) else "")
    start, end = _date(line, 5, "valid_from"), _date(line, 6, "valid_to")
    if start and end and end < start:
        raise line.error(f"valid_to {end.isoformat()} is before valid_from {start.isoformat()}")
    lapse = "ELI" if sector in STATE_OFFICE_SECTORS and country else None
    phrases = tuple(dict.fromkeys((name, *_values(line, 1, "variants"))))
    return ActorTerm(name, code, country, sector, start, end, line.source, lapse), phrases


def add_actor_terms(rows: Iterable[tuple[ActorTerm, tuple[str, ...]]], tables: _Tables) -> None:
    """Add user or PETRARCH actors (each a term and the phrases that name it) to ``tables``, over the package.

    Terms with the same name are one actor's codes at different dates. The package's entries for the
    same phrases are dropped (the user's word wins); each phrase becomes one ``GazetteerEntry`` of kind
    "actor" in ``named_entries`` with the actor's default or current code.

    Raises:
        KnowledgeError: a phrase names two different actors (message names both sources).
    """
    owners: dict[str, ActorTerm] = {}
    by_name: dict[str, list[ActorTerm]] = {}
    for term, phrases in rows:
        for phrase in phrases:
            owner = owners.setdefault(_norm(phrase), term)
            if owner.name != term.name:
                file, _, number = term.source.rpartition(":")
                raise KnowledgeError(f"{file} line {number}: phrase {phrase!r} already names {owner.name!r} "
                                     f"({owner.source}); a phrase may name only one actor")
        by_name.setdefault(term.name, []).append(term)
    if not owners:
        return
    _override(tables, set(owners))
    for key, first in owners.items():
        terms = tuple(sorted(by_name[first.name], key=_actor_start))
        tables.actors[key] = terms
        shown = next((t for t in terms if not t.dated), None) or max(terms, key=_actor_start)
        phrase = next(p for term, phrases in rows if term.name == first.name for p in phrases if _norm(p) == key)
        tables.named_entries.append(GazetteerEntry(phrase, "actor", shown.country, shown.sector, shown.code,
                                                   shown.name, shown.source))


def _override(tables: _Tables, keys: set[str]) -> None:
    """Drop what the tables hold for the phrases ``keys`` (normalised), so that user entries replace them."""
    if not keys:
        return
    tables.entries[:] = [e for e in tables.entries if _norm(e.phrase) not in keys]
    tables.named_entries[:] = [e for e in tables.named_entries if _norm(e.phrase) not in keys]
    for key in keys:
        tables.people.pop(key, None)
        tables.actors.pop(key, None)


def _actor_start(term: ActorTerm) -> date:
    return term.start or date.min


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


_HEADERS: Mapping[tuple[str, ...], str] = MappingProxyType({
    ("code", "label", "root", "quad_class", "goldstein"): "cameo",
    ("cameo_code", "plover_type", "plover_mode", "plover_context"): "plover",
    ("iso3", "cameo", "name", "aliases", "adjectives", "demonyms", "capital", "region"): "countries",
    ("phrase", "iso3", "sector"): "metonyms",
    ("code", "country", "name", "aliases"): "igos",
    ("phrase", "sector", "plural"): "agents",
    ("name", "country", "sector", "code", "aliases"): "groups",
    ("name", "country", "sector", "office", "start", "end", "aliases"): "people",
    ACTOR_COLUMNS: "actors",
})

_KIND_ORDER: tuple[str, ...] = ("cameo", "plover", "countries", "metonyms", "igos", "agents", "groups", "people",
                                "actors")

_READERS: Mapping[str, Callable[[Iterable[_Line], _Tables], None]] = MappingProxyType({
    "cameo": _read_cameo,
    "plover": _read_plover,
    "countries": _read_countries,
    "metonyms": _read_metonyms,
    "igos": _read_igos,
    "agents": _read_agents,
    "groups": _read_groups,
    "people": _read_people,
    "actors": _read_actors,
})
