"""Reading the knowledge files: one reader per kind of TSV file, into the tables that
:class:`eventcoder.knowledge.Knowledge` is built from.

A file's header row tells its kind (``_HEADERS``); the reader of that kind (``_READERS``) checks every line
and adds what it says to a ``_Tables`` (local to one load). ``_package_tables`` reads the package's files
(:data:`PACKAGE_FILES`) once per process; :func:`add_actor_terms` adds user or PETRARCH actors over them.
Formats and sources: ``eventcoder/data/README.md``. A bad line raises
:class:`~eventcoder.knowledge_types.KnowledgeError` naming the file and line.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from . import knowledge_generated as _generated
from . import knowledge_lines as _lines
from . import knowledge_types as _types
from .knowledge_cache import cached, fingerprint
from .knowledge_generated import ORG_COUNTRIES, STATELESS_COUNTRIES, _read_named, _read_officials, settle_generated
from .knowledge_lines import (
    _CODE_RE,
    _GROUP_CODE_RE,
    _ISO3_RE,
    _ORG_CODE_RE,
    _add_person,
    _Claims,
    _date,
    _known_country,
    _Line,
    _matching,
    _norm,
    _required,
    _sector,
    _split_line,
    _start_key,
    _Tables,
    _values,
)
from .knowledge_types import (
    ACTOR_COLUMNS,
    SECTOR_CODES,
    STATE_OFFICE_SECTORS,
    ActorTerm,
    CameoCode,
    GazetteerEntry,
    KnowledgeError,
    PersonTerm,
    PloverLabel,
)

__all__ = ["GENERATED_FILES", "GROUP_COUNTRIES", "ORG_COUNTRIES", "PACKAGE_FILES", "STATELESS_COUNTRIES", "add_actor_terms",
           "settle_generated"]

PACKAGE_FILES: tuple[str, ...] = (
    "cameo_codes.tsv",
    "plover_map.tsv",
    "countries.tsv",
    "metonyms.tsv",
    "igos.tsv",
    "agents.tsv",
    "groups.tsv",
    "group_roles.tsv",
    "people.tsv",
)
"""The package's hand-written knowledge files, in loading order."""

GENERATED_FILES: tuple[str, ...] = (
    "officials.tsv",
    "organisations.tsv",
    "armed_groups.tsv",
    "parties.tsv",
)
"""The package's generated actor files (made by the scripts in ``tools/`` from open sources), read after the
hand-written files, which win for a phrase both hold (data/README.md)."""



GROUP_COUNTRIES: frozenset[str] = frozenset({"IMG", "INT"})
"""``country`` codes allowed in groups.tsv besides the countries of countries.tsv: CAMEO's transnational
militarized group (IMG) and international/transnational actor (INT), for groups without one home country."""

@functools.lru_cache(maxsize=1)
def _package_tables() -> _Tables:
    """The tables of the package's files, read once per process; from the disk cache
    (:mod:`eventcoder.knowledge_cache`) when the files and the code that reads them are unchanged."""
    data = resources.files("eventcoder") / "data"
    texts = {name: (data / name).read_text(encoding="utf-8") for name in PACKAGE_FILES + GENERATED_FILES
             if name in PACKAGE_FILES or (data / name).is_file()}
    modules = (__name__, _types.__name__, _lines.__name__, _generated.__name__)
    code = [Path(sys.modules[name].__file__).read_bytes() for name in modules]
    key = fingerprint([*code, *(part for name, text in texts.items() for part in (name, text))])
    return cached("knowledge", key, lambda: _read_package(texts), _Tables)


def _read_package(texts: Mapping[str, str]) -> _Tables:
    """Read the package's files (name -> text, in loading order) into tables."""
    tables = _Tables()
    for name, text in texts.items():
        kind, lines = _parse_text(text, name)
        _READERS[kind](lines, tables)
    settle_generated(tables)
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
        sector = (_sector(line, 4) if len(line.cells) > 4 and line.cells[4] else
                  "NGO" if country == "NGO" else "IGO")
        for phrase in (name, *_values(line, 3, "aliases")):
            names.claim(line, phrase)
            tables.entries.append(GazetteerEntry(phrase, "igo", country, sector, code, name, line.source))


AGENT_ROLES = frozenset({"generic", "head"})
"""Values of the ``role`` cell of agents.tsv (:attr:`GazetteerEntry.role`)."""


def _read_agents(lines: Iterable[_Line], tables: _Tables) -> None:
    claims = _Claims("agent phrase")
    for line in lines:
        phrase = _required(line, 0, "phrase")
        if phrase != phrase.lower():
            raise line.error(f"agent phrase {phrase!r} must be lower case")
        sector = _sector(line, 1)
        role = _role(line)
        for form in (phrase, *_values(line, 2, "plural")):
            claims.claim(line, form)
            tables.entries.append(GazetteerEntry(form, "agent", None, sector, None, phrase, line.source, role))


def _role(line: _Line) -> str | None:
    """The optional ``role`` cell of an agents row: empty or "-" (None), else one of :data:`AGENT_ROLES`."""
    role = line.cells[3] if len(line.cells) > 3 else ""
    if role in ("", "-"):
        return None
    if role not in AGENT_ROLES:
        raise line.error(f"role {role!r} is not one of {', '.join(sorted(AGENT_ROLES))} (or empty)")
    return role


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


def _read_group_roles(lines: Iterable[_Line], tables: _Tables) -> None:
    """group_roles.tsv: ``name sector start end``, the dated sectors of a named group (groups.tsv's name) whose role
    changed (the Taliban: REB, GOV from 1996-09-27, REB from 2001-11-13, GOV from 2021-08-15). The rows of one
    group may not overlap; a later file's rows for a group (a user's) replace an earlier file's."""
    groups = {_norm(e.name) for e in tables.named_entries if e.kind == "group"}
    for line in lines:
        name = _required(line, 0, "name")
        if _norm(name) not in groups:
            raise line.error(f"unknown group {name!r} (expected a name of groups.tsv)")
        sector = _sector(line, 1)
        start, end = _date(line, 2, "start"), _date(line, 3, "end")
        if start and end and end < start:
            raise line.error(f"end {end.isoformat()} is before start {start.isoformat()}")
        # a later file's rows for a group replace an earlier file's (a user file's over the package's)
        known = tuple(k for k in tables.group_roles.get(_norm(name), ()) if k[3].rsplit(":", 1)[0] == line.file)
        for _sector_before, other_start, other_end, other in known:
            if (start or date.min) <= (other_end or date.max) and (other_start or date.min) <= (end or date.max):
                raise line.error(f"the days of {name!r} overlap those of {other}")
        tables.group_roles[_norm(name)] = (*known, (sector, start, end, line.source))


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
        _add_person(tables, name, terms, tuple(dict.fromkeys(phrase for _, row_phrases in rows for phrase in row_phrases)))


def _read_actors(lines: Iterable[_Line], tables: _Tables) -> None:
    """A user actor dictionary: ``name variants code country sector valid_from valid_to`` (data/README.md)."""
    add_actor_terms([_actor_row(line) for line in lines], tables)


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


_HEADERS: Mapping[tuple[str, ...], str] = MappingProxyType({
    ("code", "label", "root", "quad_class", "goldstein"): "cameo",
    ("cameo_code", "plover_type", "plover_mode", "plover_context"): "plover",
    ("iso3", "cameo", "name", "aliases", "adjectives", "demonyms", "capital", "region"): "countries",
    ("phrase", "iso3", "sector"): "metonyms",
    ("code", "country", "name", "aliases"): "igos",
    ("code", "country", "name", "aliases", "sector"): "igos",
    ("phrase", "sector", "plural"): "agents",
    ("phrase", "sector", "plural", "role"): "agents",
    ("name", "country", "sector", "code", "aliases"): "groups",
    ("name", "sector", "start", "end"): "group_roles",
    ("name", "country", "sector", "office", "start", "end", "aliases"): "people",
    ("name", "country", "sector", "office", "start", "end", "aliases", "known_to", "origin"): "officials",
    ("name", "country", "sector", "code", "aliases", "context_aliases", "origin"): "named",
    ACTOR_COLUMNS: "actors",
})

_KIND_ORDER: tuple[str, ...] = ("cameo", "plover", "countries", "metonyms", "igos", "agents", "groups", "group_roles",
                                "people",
                                "officials", "named", "actors")

_READERS: Mapping[str, Callable[[Iterable[_Line], _Tables], None]] = MappingProxyType({
    "cameo": _read_cameo,
    "plover": _read_plover,
    "countries": _read_countries,
    "metonyms": _read_metonyms,
    "igos": _read_igos,
    "agents": _read_agents,
    "groups": _read_groups,
    "group_roles": _read_group_roles,
    "people": _read_people,
    "officials": _read_officials,
    "named": _read_named,
    "actors": _read_actors,
})
