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
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from .dictionaries import read_actor_dictionary
from .knowledge_files import (
    _KIND_ORDER,
    _READERS,
    _actor_start,
    _Line,
    _norm,
    _override,
    _package_tables,
    _parse_text,
    _start_key,
    _Tables,
    add_actor_terms,
    settle_generated,
)
from .knowledge_types import SECTOR_CODES, ActorTerm, CameoCode, GazetteerEntry, KnowledgeError, PersonTerm, PloverLabel
from .options import files_stamp
from .petrarch_dicts import read_petrarch_actors, read_petrarch_agents

# Defined in knowledge_files and knowledge_types; importable from here as before they were split off.
from .knowledge_files import GROUP_COUNTRIES as GROUP_COUNTRIES
from .knowledge_files import ORG_COUNTRIES as ORG_COUNTRIES
from .knowledge_files import PACKAGE_FILES as PACKAGE_FILES
from .knowledge_types import ACTOR_COLUMNS as ACTOR_COLUMNS
from .knowledge_types import STATE_OFFICE_SECTORS as STATE_OFFICE_SECTORS

__all__ = [
    "ActorTerm",
    "CameoCode",
    "GazetteerEntry",
    "Knowledge",
    "KnowledgeCount",
    "KnowledgeError",
    "PersonTerm",
    "PloverLabel",
    "SECTOR_CODES",
    "load_knowledge",
]


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
        builtin_actors (bool): whether the package's actor and agent phrases are in (False: only the given
            dictionaries name actors, and actors are coded with PETRARCH's conventions; see :func:`load_knowledge`).
        warnings (tuple[str, ...]): the lines of PETRARCH actor and agent dictionaries skipped as malformed
            ("FILE line N: skipped: ..."; ``petrarch_on_error="skip"``).
    """

    __slots__ = ("entries", "named_entries", "_names", "_capitals", "_capital_index", "_cameo", "_plover",
                 "_people", "_actors", "_group_roles", "builtin_actors", "warnings")

    def __init__(self, tables: _Tables, builtin_actors: bool = True, warnings: tuple[str, ...] = ()) -> None:
        self.builtin_actors = builtin_actors
        self.warnings = warnings
        self.entries: tuple[GazetteerEntry, ...] = tuple(tables.entries)
        self.named_entries: tuple[GazetteerEntry, ...] = tuple(tables.named_entries)
        self._people: Mapping[str, tuple[PersonTerm, ...]] = MappingProxyType(dict(tables.people))
        self._actors: Mapping[str, tuple[ActorTerm, ...]] = MappingProxyType(dict(tables.actors))
        self._group_roles = MappingProxyType(dict(tables.group_roles))
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
        that ended most recently before ``on``, with sector "ELI" (a former official), or, where that is a
        generated term whose source's knowledge ended (``known_to``) before ``on``, with sector None (the
        country only: a 2014 dictionary does not say whether the person still holds the office); None when
        every term starts after ``on`` or no one is listed under ``phrase``. With ``on`` None, the
        current term (no end; latest start wins), else the last ended term as above.

        Example: ``kb.person_on("Zhaparov", date(2025, 11, 19))`` -> the term of Sadyr Japarov as
        President (KGZ, GOV).
        """
        terms = self.people_named(phrase)
        if on is None:
            current = [term for term in terms if term.last_day is None]
        else:
            current = [term for term in terms if term.in_office(on)]
        if current:
            return max(current, key=_start_key)  # max keeps the first of equals: file order
        past = [term for term in terms if term.last_day is not None and (on is None or term.last_day < on)]
        if not past:
            return None
        last = max(past, key=lambda term: term.last_day)
        lapsed = last.end is None and last.sector != "ELI"
        return replace(last, sector=None if lapsed else "ELI")

    def group_sector_on(self, name: str, on: date | None) -> tuple[str, str] | None:
        """The sector of the named group ``name`` (groups.tsv's canonical name) on the day ``on`` where
        group_roles.tsv dates its role, with the line that says so: ("REB", "group_roles.tsv:9"); None where the
        file has no row for that day (or ``on`` is None: groups.tsv's sector is the current one).

        Example: ``kb.group_sector_on("Taliban", date(2002, 5, 1))`` -> ("REB", "group_roles.tsv:...").
        """
        if on is None:
            return None
        for sector, start, end, source in self._group_roles.get(_norm(name), ()):
            if (start is None or start <= on) and (end is None or on <= end):
                return sector, source
        return None

    def stats(self) -> list[KnowledgeCount]:
        """How many phrases and actors each knowledge file gives, by kind of entry: one
        :class:`KnowledgeCount` per (file, kind), in loading order (what ``eventcoder actors stats`` prints).

        Actors are counted by canonical name (a person, group or organisation, a country with all its names);
        terms are the dated terms of office of the file's people (0 for other kinds).
        """
        counts: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
        for entry in (*self.entries, *self.named_entries):
            phrases, names = counts.setdefault((_source_file(entry.source), entry.kind), (set(), set()))
            phrases.add(_norm(entry.phrase))
            names.add(entry.name)
        terms: dict[str, set[tuple]] = {}
        for held in self._people.values():
            for term in held:
                terms.setdefault(_source_file(term.source), set()).add((term.name, term.office, term.start))
        return [KnowledgeCount(file, kind, len(phrases), len(names), len(terms.get(file, ())) if kind == "person" else 0)
                for (file, kind), (phrases, names) in counts.items()]

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


@dataclass(frozen=True)
class KnowledgeCount:
    """The entries one knowledge file gives of one kind (:meth:`Knowledge.stats`).

    Attributes:
        file (str): the file ("parties.tsv", or a user file's path).
        kind (str): the entries' kind ("person", "group", "igo", "agent", "country" ...).
        phrases (int): distinct phrases (ignoring case).
        actors (int): distinct canonical names.
        terms (int): dated terms of office (people only; else 0).
    """

    file: str
    kind: str
    phrases: int
    actors: int
    terms: int


def _source_file(source: str) -> str:
    """The file of an entry's ``source`` ("officials.tsv:12 (Phoenix...txt:5915)" -> "officials.tsv")."""
    return source.split(" (", 1)[0].rsplit(":", 1)[0]


def load_knowledge(extra_files: tuple[str, ...] = (), *, petrarch_actors: tuple[str, ...] = (),
                   petrarch_agents: tuple[str, ...] = (), builtin_actors: bool = True,
                   petrarch_on_error: str = "raise") -> Knowledge:
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
        builtin_actors: False: the package's actor and agent phrases are not used (PETRARCH conventions: the
            given dictionaries alone name actors and agents): the package's gazetteer phrases (countries,
            capitals, metonyms, organisations, agents, groups, office-holders) are dropped, its code tables
            (CAMEO, PLOVER, country names and capitals) kept; :attr:`Knowledge.builtin_actors` tells the actor
            stage (which then codes phrases as PETRARCH does: :mod:`eventcoder.actors.petrarch_codes`).
        petrarch_on_error: a malformed line of a PETRARCH actor or agent dictionary (unbalanced brackets):
            "raise" (KnowledgeError) or "skip" (left out and named in :attr:`Knowledge.warnings`).

    Returns:
        Knowledge: the loaded knowledge.

    Raises:
        KnowledgeError: a line is malformed (wrong column count, unknown sector, empty phrase,
            duplicate key in the same file ...) or a header is not one of the known formats.
        OSError: a user file cannot be read.
    """
    files = tuple(str(path) for path in (*extra_files, *petrarch_actors, *petrarch_agents))
    return _load_cached(tuple(str(path) for path in extra_files), tuple(str(path) for path in petrarch_actors),
                        tuple(str(path) for path in petrarch_agents), builtin_actors, petrarch_on_error,
                        files_stamp(files))  # an edited file is read again


@functools.lru_cache(maxsize=None)
def _load_cached(extra_files: tuple[str, ...], petrarch_actors: tuple[str, ...] = (),
                 petrarch_agents: tuple[str, ...] = (), builtin_actors: bool = True,
                 petrarch_on_error: str = "raise", stamp: tuple = ()) -> Knowledge:
    tables = _package_tables().copy()
    if not builtin_actors:
        tables = _Tables(names=tables.names, codes=tables.codes, capitals=tables.capitals,
                         capital_index=tables.capital_index, cameo=tables.cameo, plover=tables.plover)
    parsed = [("actors", [_Line(path, number, cells) for number, cells in read_actor_dictionary(path)[1]])
              if _is_actor_dictionary(path) else _parse_text(Path(path).read_text(encoding="utf-8"), path)
              for path in extra_files]
    for kind, lines in sorted(parsed, key=lambda item: _KIND_ORDER.index(item[0])):
        _READERS[kind](lines, tables)
    skipped: list[str] = []
    rows = [row for path in petrarch_actors
            for row in read_petrarch_actors(path, on_error=petrarch_on_error, skipped=skipped)]
    add_actor_terms(rows, tables)
    agents = [entry for path in petrarch_agents
              for entry in read_petrarch_agents(path, on_error=petrarch_on_error, skipped=skipped)]
    _override(tables, {_norm(entry.phrase) for entry in agents})
    tables.entries.extend(agents)
    if any(kind in ("officials", "named") for kind, _lines in parsed):
        settle_generated(tables)
    return Knowledge(tables, builtin_actors, tuple(skipped))


def _is_actor_dictionary(path: str) -> bool:
    return Path(path).suffix.lower() in (".csv", ".yaml", ".yml")
