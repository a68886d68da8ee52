"""Readers of the generated actor files (``officials.tsv``, and the named-actor files ``organisations.tsv``,
``armed_groups.tsv``, ``parties.tsv``, made by the scripts in ``tools/`` from open sources), and the rule that
settles them against the hand-written files: the hand file wins a phrase both hold, and a phrase that names two
different generated actors names none. Formats: ``eventcoder/data/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from .knowledge_lines import (
    _ORG_CODE_RE,
    _add_person,
    _date,
    _known_country,
    _Line,
    _norm,
    _required,
    _sector,
    _start_key,
    _Tables,
    _values,
)
from .knowledge_types import SECTOR_CODES, GazetteerEntry, PersonTerm

__all__ = ["ORG_COUNTRIES", "STATELESS_COUNTRIES", "settle_generated"]

ORG_COUNTRIES: frozenset[str] = frozenset({"UNO", "EUR", "IGO"})
"""``country`` codes of office-holders of organisations in people.tsv (as in igos.tsv's ``country``)."""

STATELESS_COUNTRIES: frozenset[str] = frozenset({"IGO", "NGO", "UNO", "EUR", "IMG", "INT", "MNC"})
"""``country`` codes a generated named-actor file may use besides the countries of countries.tsv."""


def _read_officials(lines: Iterable[_Line], tables: _Tables) -> None:
    """A generated people file (officials.tsv): people.tsv's columns plus ``known_to`` and ``origin``.

    A person some of whose phrases people.tsv already names is that person: only the generated terms that start
    before the hand-written person's first term are added to theirs, ended the day before it at the latest
    (people.tsv wins where they disagree), and the person's other phrases are dropped. Other people get entries of
    kind "person", ``generated``."""
    people: dict[str, list[tuple[PersonTerm, tuple[str, ...]]]] = {}
    hand_names = {key: {term.name for term in held if not term.generated} for key, held in tables.people.items()}
    hand_people: dict[str, set[str]] = {}  # the phrase keys of each hand-written person, by name
    for key, names in hand_names.items():
        for name in names:
            hand_people.setdefault(name, set()).add(key)
    for line in lines:
        term, phrases = _official_row(line, tables)
        people.setdefault(term.name, []).append((term, phrases))
    for name, rows in people.items():
        terms = sorted((term for term, _ in rows), key=_start_key)
        phrases = tuple(dict.fromkeys(phrase for _, row_phrases in rows for phrase in row_phrases))
        owners = {owner for key in dict.fromkeys(_norm(p) for p in phrases) for owner in hand_names.get(key, ())}
        if owners:
            _add_earlier_terms(tables, sorted({key for owner in owners for key in hand_people[owner]}), terms)
            continue
        _add_person(tables, name, terms, phrases, generated=True)


def _official_row(line: _Line, tables: _Tables) -> tuple[PersonTerm, tuple[str, ...]]:
    """One officials.tsv row: the term (``source`` names the row and its origin) and the phrases naming the person."""
    name = _required(line, 0, "name")
    country = _known_country(line, 1, tables, ORG_COUNTRIES)
    sector = _sector(line, 2)
    office = _required(line, 3, "office")
    start, end, known_to = _date(line, 4, "start"), _date(line, 5, "end"), _date(line, 7, "known_to")
    if start and end and end < start:
        raise line.error(f"end {end.isoformat()} is before start {start.isoformat()}")
    if known_to and end:
        raise line.error("known_to is only for a term without an end")
    if known_to and start and known_to < start:
        raise line.error(f"known_to {known_to.isoformat()} is before start {start.isoformat()}")
    source = _with_origin(line, 8)
    phrases = tuple(dict.fromkeys((name, *_values(line, 6, "aliases"))))
    return PersonTerm(name, country, sector, office, start, end, source, known_to, generated=True), phrases


def _with_origin(line: _Line, index: int) -> str:
    """The row's source, with the source line it was generated from: "officials.tsv:12 (Phoenix...txt:5915)"."""
    origin = line.cells[index]
    return f"{line.source} ({origin})" if origin else line.source


def _add_earlier_terms(tables: _Tables, keys: list[str], terms: list[PersonTerm]) -> None:
    """Add to the hand-written person of each phrase key the generated ``terms`` that start before their first
    term, ended (at the latest) the day before it: what the person held before people.tsv takes over."""
    for key in keys:
        known = tables.people[key]
        first = min((t.start or date.min for t in known if not t.generated), default=date.min)
        if first == date.min:
            continue
        before = first - timedelta(days=1)
        earlier = [t if t.last_day is not None and t.last_day <= before else replace(t, end=before, known_to=None)
                   for t in terms if (t.start or date.min) <= before and t not in known]
        if earlier:
            tables.people[key] = tuple(sorted((*earlier, *known), key=_start_key))


def _read_named(lines: Iterable[_Line], tables: _Tables) -> None:
    """A generated named-actor file (organisations, armed groups, parties): ``name country sector code aliases
    context_aliases origin``. Organisations (country IGO, NGO, UNO or EUR) become entries of kind "igo", the
    others of kind "group"; the phrases of ``context_aliases`` are ``context_only``, except those that name the
    actor's country themselves ("Nepali Congress", "Scottish Labour Party"): they carry their context."""
    words = _country_words(tables)
    for line in lines:
        name = _required(line, 0, "name")
        country = _known_country(line, 1, tables, STATELESS_COUNTRIES)
        sector = _sector(line, 2)
        given = line.cells[3]
        if given and not _ORG_CODE_RE.match(given):
            raise line.error(f"bad code {given!r} (expected capital letters and digits, e.g. IGOUNOKID)")
        kind = "igo" if country in ("IGO", "NGO", "UNO", "EUR") else "group"
        code = (given or country) if kind == "igo" else _group_code(given, tables.codes.get(country, country))
        source = _with_origin(line, 6)
        for phrase in _values(line, 5, "context_aliases"):
            own = _names_country(phrase, words.get(country, frozenset()))
            tables.named_entries.append(GazetteerEntry(phrase, kind, country, sector, code, name, source,
                                                       context_only=not own, generated=True))
        for phrase in dict.fromkeys((name, *_values(line, 4, "aliases"))):
            tables.named_entries.append(GazetteerEntry(phrase, kind, country, sector, code, name, source,
                                                       generated=True))


def _country_words(tables: _Tables) -> dict[str, frozenset[str]]:
    """Each country's names, adjectives and demonyms, lower-cased (iso3 -> words)."""
    words: dict[str, set[str]] = {}
    for entry in tables.entries:
        if entry.kind in ("country", "adjective", "demonym") and entry.country:
            words.setdefault(entry.country, set()).add(entry.phrase.casefold())
    return {iso3: frozenset(found) for iso3, found in words.items()}


def _names_country(phrase: str, words: frozenset[str]) -> bool:
    """Whether ``phrase`` holds one of ``words`` (a country's name or adjective) as whole words."""
    padded = f" {' '.join(phrase.casefold().replace('-', ' ').split())} "
    return any(f" {word} " in padded for word in words)


def _group_code(given: str, country: str) -> str | None:
    """The code of a generated group: a known-group code ("AFGTAL": the country's code and three letters that are
    no sector) as given; else None, so that the actor's code is its country and sector."""
    if len(given) == 6 and given.startswith(country) and given[3:] not in SECTOR_CODES:
        return given
    return None


def settle_generated(tables: _Tables) -> None:
    """After the generated files are read: drop each of their phrases that a hand-written file holds (ignoring
    case; the hand file wins) and each plain phrase that names two different actors across them (ambiguous). A
    context-only phrase ("DA") may name actors of several countries (the article's countries choose among them);
    it is dropped where a plain phrase holds it or where it names two actors of one country."""
    hand = {_norm(e.phrase) for e in (*tables.entries, *tables.named_entries) if not e.generated}
    plain: dict[str, set[tuple[str, str | None]]] = {}
    context: dict[tuple[str, str | None], set[str]] = {}
    for entry in tables.named_entries:
        if entry.generated and entry.context_only:
            context.setdefault((_norm(entry.phrase), entry.country), set()).add(entry.name)
        elif entry.generated:
            plain.setdefault(_norm(entry.phrase), set()).add((entry.name, entry.country))
    dropped = {key for key, owners in plain.items() if key in hand or len(owners) > 1}
    dropped_context = {(key, country) for (key, country), names in context.items()
                       if key in hand or key in plain or len(names) > 1}
    if not dropped and not dropped_context:
        return
    tables.named_entries[:] = [e for e in tables.named_entries if not e.generated or (
        (_norm(e.phrase), e.country) not in dropped_context if e.context_only else _norm(e.phrase) not in dropped)]
    for key in dropped - hand:
        tables.people.pop(key, None)
