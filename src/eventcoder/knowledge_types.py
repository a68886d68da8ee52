"""The records of the knowledge files and their error: what :mod:`eventcoder.knowledge` loads and looks up.

:class:`GazetteerEntry` (a phrase that names an actor), :class:`PersonTerm` (a term of office of people.tsv),
:class:`ActorTerm` (a code of a user or PETRARCH actor), :class:`CameoCode` and :class:`PloverLabel` (an event
code's attributes), the sector codes the files may use, and :class:`KnowledgeError` (a bad line of a file).
Only types and constants: the readers of the files (:mod:`eventcoder.knowledge_files`,
:mod:`eventcoder.dictionaries`, :mod:`eventcoder.petrarch_dicts`) and the look-ups
(:mod:`eventcoder.knowledge`) import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import EventcoderError

__all__ = [
    "ACTOR_COLUMNS",
    "ActorTerm",
    "CameoCode",
    "GazetteerEntry",
    "KnowledgeError",
    "PersonTerm",
    "PloverLabel",
    "SECTOR_CODES",
    "STATE_OFFICE_SECTORS",
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

STATE_OFFICE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
"""Sectors of state offices: a user actor row with one of them is a former official (ELI) after valid_to."""

ACTOR_COLUMNS: tuple[str, ...] = ("name", "variants", "code", "country", "sector", "valid_from", "valid_to")
"""Columns of a user actor dictionary (CSV header, YAML keys, or a TSV header row), in this order."""


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
            user or PETRARCH dictionary, whose code may depend on the date:
            :meth:`~eventcoder.knowledge.Knowledge.actor_on`).
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
        role (str | None): for an agent word, what it says of the body its holder serves: "generic" when it
            says only that someone works for one ("official", "spokesman": the body's sector decides), "head"
            when it heads one ("president", "leader": a body named in an "of" phrase decides); else None.
        context_only (bool): an ambiguous short form of a generated file's ``context_aliases`` ("PAN"): it
            names the actor only in an article (or a look-up's context) that names the actor's country.
        generated (bool): the entry comes from a generated file (officials, organisations, armed groups,
            parties): a phrase of two words or more then matches ignoring case where the text's first and last
            words are capitalised (:class:`~eventcoder.actors.mentions.ActorFinder`).
    """

    phrase: str
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    name: str
    source: str
    role: str | None = None
    context_only: bool = False
    generated: bool = False


@dataclass(frozen=True)
class PersonTerm:
    """One term of office of a person (a row of people.tsv).

    Attributes:
        name (str): the person's canonical name ("Sadyr Japarov").
        country (str): ISO alpha-3 code of the state served ("KGZ"); "UNO", "EUR" or "IGO" for an
            organisation's official.
        sector (str | None): the office's sector ("GOV", "MIL", "IGO"); "ELI" in a term returned by
            :meth:`~eventcoder.knowledge.Knowledge.person_on` for a date after the term ended (a former official);
            None in a term it returns for a date after ``known_to`` (the country only).
        office (str): the office as news names it ("President", "Foreign Minister").
        start (datetime.date | None): first day in office; None where the file gives none.
        end (datetime.date | None): last day in office (often the successor's first day); None while
            in office as far as the file knows.
        source (str): file and line ("people.tsv:12"; for a generated file also the line of its source:
            "officials.tsv:812 (Phoenix.Countries.actors.txt:5915)").
        known_to (datetime.date | None): for a term without an end from a generated file, the last day its source
            knew of (Phoenix's 2014 dictionary: 2014-01-30): the office holds to that day; after it the person
            is an actor of the country without a sector, not a former official. None: the end is the end.
        generated (bool): the term comes from a generated file (officials.tsv), not from people.tsv.
    """

    name: str
    country: str
    sector: str | None
    office: str
    start: date | None
    end: date | None
    source: str
    known_to: date | None = None
    generated: bool = False

    @property
    def last_day(self) -> date | None:
        """The last day the term is known to hold: its end, else ``known_to``; None while open."""
        return self.end or self.known_to

    def in_office(self, on: date) -> bool:
        """Whether ``on`` falls within the term (both ends included; an open start is unbounded, an open end
        too unless ``known_to`` bounds it)."""
        last = self.last_day
        return (self.start is None or self.start <= on) and (last is None or on <= last)


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
