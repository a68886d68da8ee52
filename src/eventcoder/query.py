"""Queries over the event store: filters as parameterised SQL, time-series statistics, read-only SQL.

An :class:`EventFilter` says which events to select (a dyad, an actor, a country, CAMEO code or root,
PLOVER type, a date range, words in the evidence). :func:`parse_filter` builds one from strings (what the
CLI and an HTTP API receive) and checks every value against the codebooks, raising :class:`QueryError`
with a one-line message. :meth:`EventFilter.where` turns it into a SQL condition in which **every value is
a bound parameter**; column names come only from this module's whitelists, so a filter value with quotes
or SQL in it is data, never SQL.

    >>> filt = parse_filter(dyad="CHN:KGZ", either=True, since="2025-11-01")
    >>> columns, rows = select_events(store, filt, limit=10)
    >>> columns, rows = time_series(store, filt, by="month", per="dyad")
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import QueryError, StoreError
from .model import RECORD_COLUMNS
from .store import EVENT_COLUMNS, EVENT_KEY_SQL, EventStore

__all__ = [
    "DEFAULT_COLUMNS",
    "GROUPINGS",
    "NETWORK_LEVELS",
    "PERIODS",
    "EventFilter",
    "actor_network",
    "count_events",
    "get_article",
    "parse_day",
    "parse_filter",
    "run_sql",
    "select_events",
    "time_series",
]

PERIODS = ("day", "week", "month", "year")
"""Periods :func:`time_series` counts by (a week starts on Monday)."""

GROUPINGS = ("none", "dyad", "actor")
"""How :func:`time_series` splits each period: not at all, per directed country dyad ``SRC:TGT``, or per
country taking part (an event counts for its source's and its target's country)."""

TABLES = {"events": EVENT_COLUMNS, "mentions": RECORD_COLUMNS}
"""Tables :func:`select_events` reads, with the columns it may return (the whitelist)."""

DEFAULT_COLUMNS = {
    "events": ("event_date", "source_code", "target_code", "cameo_code", "cameo_label", "quad_class",
               "goldstein", "num_articles", "num_sources", "num_mentions", "doc_id"),
    "mentions": ("event_date", "source_code", "target_code", "cameo_code", "cameo_label", "quad_class",
                 "goldstein", "doc_id", "sentence"),
}
"""Columns shown when none are asked for."""

NETWORK_LEVELS = {"country": ("source_country", "target_country"), "actor": ("source_code", "target_code")}
"""What a node of :func:`actor_network` is: a country, or an actor code (country + sector)."""

ARTICLE_COLUMNS = ("doc_id", "headline", "outlet", "url", "published", "dateline", "coded_at", "coder_version")
"""Columns of ``articles`` that :func:`get_article` returns."""

_ACTOR = re.compile(r"[A-Z]{3}(?:[A-Z0-9]{3})*")
_CAMEO = re.compile(r"\d{2,4}")
_ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
_TEXT_COLUMNS = ("sentence", "headline", "source_text", "target_text", "source_name", "target_name")
_QUAD_NAMES = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class EventFilter:
    """Which events to select; every field None (or False) means no condition.

    Attributes:
        dyad (tuple[str, str] | None): (source, target) actor codes; a code matches an actor whose code
            starts with it ("KGZ" matches KGZGOV and KGZMIL) or whose country is it.
        either (bool): the dyad in either direction.
        actor (str | None): an actor code on either side (same matching as ``dyad``).
        country (str | None): source or target country (ISO 3166-1 alpha-3, or IGO/UNO/EUR/NGO).
        code (str | None): CAMEO code; its sub-codes match too ("04" = root 04, "042", "0421").
        root (str | None): CAMEO root, "01" to "20".
        plover_type (str | None): PLOVER event type ("CONSULT").
        since, until (date | None): event date range, both ends included.
        text (str | None): words (case ignored) in the sentence, headline or actor names of a mention.
        doc_id (str | None): events reported by this article.
    """

    dyad: tuple[str, str] | None = None
    either: bool = False
    actor: str | None = None
    country: str | None = None
    code: str | None = None
    root: str | None = None
    plover_type: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    doc_id: str | None = None

    def where(self, table: str = "events") -> tuple[str, list[Any]]:
        """The SQL condition (``"TRUE"`` when empty) and its parameters, over ``events`` or ``mentions``.

        Raises:
            QueryError: an unknown table.
        """
        _columns(table, None)
        parts: list[tuple[str, list[Any]]] = []
        if self.dyad is not None:
            parts.append(_dyad_sql(*self.dyad, either=self.either))
        if self.actor is not None:
            parts.append((f"({_side('source')} OR {_side('target')})", [self.actor] * 4))
        if self.country is not None:
            parts.append(("(source_country = ? OR target_country = ?)", [self.country] * 2))
        parts += _simple_conditions(self)
        if self.text is not None or self.doc_id is not None:
            parts.append(self._mention_condition(table))
        sql = " AND ".join(p for p, _ in parts) or "TRUE"
        return sql, [v for _, values in parts for v in values]

    def _mention_condition(self, table: str) -> tuple[str, list[Any]]:
        conditions, params = [], []
        if self.text is not None:
            conditions.append("(" + " OR ".join(f"contains(lower({c}), lower(?))" for c in _TEXT_COLUMNS) + ")")
            params += [self.text] * len(_TEXT_COLUMNS)
        if self.doc_id is not None:
            conditions.append("doc_id = ?")
            params.append(self.doc_id)
        condition = " AND ".join(conditions)
        if table == "mentions":
            return f"({condition})", params
        return f"event_key IN (SELECT {EVENT_KEY_SQL} FROM mentions WHERE {condition})", params


def _side(side: str) -> str:
    return f"(starts_with({side}_code, ?) OR {side}_country = ?)"


def _dyad_sql(source: str, target: str, *, either: bool) -> tuple[str, list[Any]]:
    forward = f"({_side('source')} AND {_side('target')})"
    if not either:
        return forward, [source, source, target, target]
    return f"({forward} OR {forward})", [source, source, target, target, target, target, source, source]


def _simple_conditions(filt: EventFilter) -> list[tuple[str, list[Any]]]:
    parts: list[tuple[str, list[Any]]] = []
    if filt.code is not None:
        parts.append(("starts_with(cameo_code, ?)", [filt.code]))
    if filt.root is not None:
        parts.append(("cameo_root = ?", [filt.root]))
    if filt.plover_type is not None:
        parts.append(("plover_type = ?", [filt.plover_type]))
    if filt.since is not None:
        parts.append(("event_date >= ?", [filt.since]))
    if filt.until is not None:
        parts.append(("event_date <= ?", [filt.until]))
    return parts


# -- building a filter from strings ------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _codebook() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(CAMEO codes, PLOVER types, country codes) from the package's knowledge files."""
    from .knowledge import load_knowledge

    kb = load_knowledge()
    codes = frozenset(kb.cameo_codes())
    plover = frozenset(t for t in (kb.plover(c).type for c in codes) if t)
    countries = {e.country for e in kb.entries if e.country and e.kind in ("country", "igo")}
    return codes, plover, frozenset(countries)


def _named(option: str, value: Any) -> str:
    """How a message names a value: ``--since '03/03/2026'`` (a command-line option, ``option`` ``"--since"``)
    or ``since='03/03/2026'`` (an HTTP parameter, ``option`` ``"since="``)."""
    return f"{option}{value!r}" if option.endswith("=") else f"{option} {value!r}"


def _actor(value: str, option: str) -> str:
    code = value.strip().upper()
    if not _ACTOR.fullmatch(code):
        raise QueryError(f"{_named(option, value)} is not a CAMEO actor code such as KGZ, KGZGOV or IGOSCO")
    return code


def _country(value: str, option: str) -> str:
    code = value.strip().upper()
    if code not in _codebook()[2]:
        raise QueryError(f"{_named(option, value)} is not a known country code: give ISO 3166-1 alpha-3 (KGZ, CHN) "
                         "or IGO, UNO, EUR, NGO")
    return code


def _cameo_code(value: str, option: str) -> str:
    code = value.strip()
    if not _CAMEO.fullmatch(code) or code not in _codebook()[0]:
        raise QueryError(f"{_named(option, value)} is not a CAMEO event code (2 to 4 digits as in the codebook, "
                         "e.g. 042)")
    return code


def _root(value: str, option: str) -> str:
    root = value.strip().zfill(2)
    if root not in _ROOTS:
        raise QueryError(f"{_named(option, value)} is not a CAMEO root: give 01 to 20")
    return root


def _plover_type(value: str, option: str) -> str:
    kind = value.strip().upper()
    known = _codebook()[1]
    if kind not in known:
        raise QueryError(f"{_named(option, value)} is not a PLOVER event type; use one of {', '.join(sorted(known))}")
    return kind


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str, option: str) -> date:
    """A day a user gives (``--since``, ``--date``, the API's ``since=`` or ``published=``): ISO 8601
    ``YYYY-MM-DD`` only, the one form every command and the API accept (``03/03/2026`` is ambiguous, ``March 3
    2026`` is refused too). Dates inside articles (JSON Lines ``published``, feeds, pages) are data, read leniently
    by :func:`eventcoder.ingest.parse_article`.

    Args:
        value (str): what was given; spaces around it are ignored.
        option (str): how the message names it: ``"--since"`` (an option), ``"since="`` (an HTTP parameter) or a
            place such as ``"lookups.tsv line 3:"``.
    RETURNS (date): the day.
    Raises:
        QueryError: ``--date '03/03/2026' is not a date: give YYYY-MM-DD, e.g. 2026-03-03``.
    """
    text = value.strip() if isinstance(value, str) else ""
    try:
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise QueryError(f"{_named(option, value)} is not a date: give YYYY-MM-DD, e.g. 2026-03-03")


def _dyad(value: str, option: str) -> tuple[str, str]:
    parts = value.split(":")
    if len(parts) != 2:
        raise QueryError(f"{_named(option, value)} is not SOURCE:TARGET, e.g. CHN:KGZ")
    return _actor(parts[0], option), _actor(parts[1], option)


_PARSERS = {
    "dyad": _dyad,
    "actor": _actor,
    "country": _country,
    "code": _cameo_code,
    "root": _root,
    "plover_type": _plover_type,
    "since": parse_day,
    "until": parse_day,
    "text": lambda v, _option: v or None,
    "doc_id": lambda v, _option: v,
}


def _option(name: str, http: bool) -> str:
    """The name of filter ``name`` in messages: ``--plover-type`` on the command line, ``plover_type=`` in HTTP."""
    return f"{name}=" if http else f"--{name.replace('_', '-')}"


def parse_filter(*, either: bool = False, http: bool = False, **options: str | None) -> EventFilter:
    """An :class:`EventFilter` from strings, each checked; a None value leaves its condition out.

    Args:
        either (bool): the dyad in either direction.
        http (bool): the values are HTTP parameters: messages name them ``since='...'``, not ``--since '...'``.
        **options (str | None): ``dyad`` as ``SOURCE:TARGET`` actor codes ("CHN:KGZ", "KGZGOV:IGOSCO");
            ``actor``, ``country``, ``code``, ``root``, ``plover_type``, ``text``, ``doc_id`` (see
            :class:`EventFilter`; codes are case-insensitive); ``since``, ``until`` as ``YYYY-MM-DD``
            (:func:`parse_day`).

    Raises:
        QueryError: an unknown option, a malformed or unknown code, a bad date, ``since`` after
            ``until``, or ``either`` without a dyad (the message names the option and value).
    """
    unknown = sorted(set(options) - set(_PARSERS))
    if unknown:
        raise QueryError(f"unknown filter {unknown[0]!r}; filters are: {', '.join(_PARSERS)}")
    if either and options.get("dyad") is None:
        raise QueryError(f"{_option('either', http).rstrip('=')} needs {_option('dyad', http)}"
                         f"{'' if http else ' '}SOURCE:TARGET")
    values = {name: _PARSERS[name](value, _option(name, http)) for name, value in options.items() if value is not None}
    filt = EventFilter(either=either, **values)
    if filt.since and filt.until and filt.since > filt.until:
        raise QueryError(f"{_option('since', http)}{'' if http else ' '}{filt.since} is after "
                         f"{_option('until', http)}{'' if http else ' '}{filt.until}")
    return filt


# -- running queries ----------------------------------------------------------------------------------


def _columns(table: str, columns: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """The asked-for columns of ``table``, checked against its whitelist (defaults when None)."""
    if table not in TABLES:
        raise QueryError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    if not columns:
        return DEFAULT_COLUMNS[table]
    unknown = [c for c in columns if c not in TABLES[table]]
    if unknown:
        raise QueryError(f"unknown column {unknown[0]!r} of {table}; columns are: {', '.join(TABLES[table])}")
    return tuple(columns)


def _run(store: EventStore, sql: str, params: list[Any]) -> tuple[list[str], list[tuple]]:
    try:
        return store.query(sql, params)
    except StoreError as exc:  # a whitelisted query failing is the store's problem, not the user's input
        raise StoreError(f"query on {store.path} failed: {exc}") from exc


def select_events(
    store: EventStore,
    filt: EventFilter | None = None,
    *,
    table: str = "events",
    columns: tuple[str, ...] | list[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[str], list[tuple]]:
    """Select events (or per-article mentions) matching ``filt``, by date, then key.

    Args:
        store (EventStore): an open store (read-only is enough).
        filt (EventFilter | None): the conditions; None selects all.
        table (str): ``"events"`` (deduplicated, with num_articles ...) or ``"mentions"``.
        columns (sequence of str | None): the columns to return (from :data:`TABLES`); None = defaults.
        limit (int | None): at most this many rows (a positive number).
        offset (int): skip this many rows first (for pages: ``offset = page * limit``); 0 or more.

    RETURNS (tuple[list[str], list[tuple]]): column names and rows (dates as ``datetime.date``).

    Raises:
        QueryError: an unknown table or column, a limit below 1 or a negative offset.
        StoreError: the database failed to answer.
    """
    names = _columns(table, columns)
    where, params = (filt or EventFilter()).where(table)
    order = "event_date NULLS LAST, event_key" if table == "events" else "event_date NULLS LAST, doc_id, sentence_index"
    sql = f"SELECT {', '.join(names)} FROM {table} WHERE {where} ORDER BY {order}"
    if limit is not None:
        if limit < 1:
            raise QueryError(f"--limit {limit} must be 1 or more")
        sql += " LIMIT ?"
        params.append(int(limit))
    if offset:
        if offset < 0:
            raise QueryError(f"offset {offset} must be 0 or more")
        sql += " OFFSET ?"
        params.append(int(offset))
    return _run(store, sql, params)


def count_events(store: EventStore, filt: EventFilter | None = None, *, table: str = "events") -> int:
    """How many rows of ``table`` (``events`` or ``mentions``) match ``filt`` (the total behind a page).

    Raises:
        QueryError: an unknown table.
        StoreError: the database failed to answer.
    """
    where, params = (filt or EventFilter()).where(table)
    _names, rows = _run(store, f"SELECT count(*) FROM {table} WHERE {where}", params)
    return int(rows[0][0])


def actor_network(
    store: EventStore, filt: EventFilter | None = None, *, level: str = "country", limit: int | None = None
) -> tuple[list[str], list[tuple]]:
    """Who deals with whom: deduplicated events counted per directed pair of actors.

    Events without a target (one-sided acts) are left out; an unknown side is ``?``. Columns:
    ``source``, ``target``, ``events`` (the count), ``goldstein_mean`` (rounded to 2 decimals; None when no
    event of the pair has a Goldstein value) and ``goldstein_sum``; ordered by ``events`` descending.

    Args:
        store (EventStore): an open store.
        filt (EventFilter | None): which events; None = all.
        level (str): a key of :data:`NETWORK_LEVELS`: nodes are countries or actor codes.
        limit (int | None): at most this many pairs, the busiest (a positive number).

    Raises:
        QueryError: an unknown level or a limit below 1.
        StoreError: the database failed to answer.
    """
    if level not in NETWORK_LEVELS:
        raise QueryError(f"level {level!r} is not a network level; use one of {', '.join(NETWORK_LEVELS)}")
    source, target = NETWORK_LEVELS[level]
    where, params = (filt or EventFilter()).where("events")
    sql = (
        f"SELECT coalesce({source}, '?') AS source, coalesce({target}, '?') AS target, count(*) AS events, "
        "round(avg(goldstein), 2) AS goldstein_mean, round(sum(goldstein), 2) AS goldstein_sum FROM events "
        f"WHERE target_code IS NOT NULL AND {where} GROUP BY ALL ORDER BY events DESC, source, target"
    )
    if limit is not None:
        if limit < 1:
            raise QueryError(f"limit {limit} must be 1 or more")
        sql += " LIMIT ?"
        params.append(int(limit))
    return _run(store, sql, params)


def get_article(store: EventStore, doc_id: str) -> dict[str, Any] | None:
    """The stored ``articles`` row of ``doc_id`` as a dict of :data:`ARTICLE_COLUMNS`, or None.

    The store keeps an article's metadata and its event mentions (with their evidence sentences and
    offsets), not its whole text; :func:`select_events` with ``EventFilter(doc_id=...)`` and
    ``table="mentions"`` gives the mentions.

    Raises:
        StoreError: the database failed to answer.
    """
    names, rows = _run(store, f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE doc_id = ?", [doc_id])
    return dict(zip(names, rows[0], strict=True)) if rows else None


def _group_sql(per: str) -> tuple[str, str]:
    """(select expression, FROM suffix) of a grouping."""
    if per == "dyad":
        return "coalesce(source_country, '?') || ':' || coalesce(target_country, '?') AS dyad", ""
    if per == "actor":
        return "actor", ", unnest(list_distinct([coalesce(source_country, '?'), coalesce(target_country, '?')])) AS u(actor)"
    return "", ""


def time_series(
    store: EventStore,
    filt: EventFilter | None = None,
    *,
    by: str = "month",
    per: str = "none",
) -> tuple[list[str], list[tuple]]:
    """Deduplicated events counted per period: total, per QuadClass, and Goldstein sum and mean.

    Events without a date are left out. Columns: ``period`` (the first day of the day/week/month/year),
    ``dyad`` or ``actor`` when ``per`` asks for it, ``events``, ``verbal_coop``, ``material_coop``,
    ``verbal_conflict``, ``material_conflict`` (QuadClass 1-4), ``goldstein_sum`` (the net Goldstein score:
    positive = cooperative) and ``goldstein_mean``, both rounded to 2 decimals.

    Args:
        store (EventStore): an open store.
        filt (EventFilter | None): which events; None = all.
        by (str): one of :data:`PERIODS`.
        per (str): one of :data:`GROUPINGS`.

    Raises:
        QueryError: an unknown period or grouping.
    """
    if by not in PERIODS:
        raise QueryError(f"--by {by!r} is not a period; use one of {', '.join(PERIODS)}")
    if per not in GROUPINGS:
        raise QueryError(f"--per {per!r} is not a grouping; use one of {', '.join(GROUPINGS)}")
    where, params = (filt or EventFilter()).where("events")
    group, source = _group_sql(per)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {n}) AS {name}" for n, name in enumerate(_QUAD_NAMES, 1))
    sql = (
        f"SELECT CAST(date_trunc('{by}', event_date) AS DATE) AS period{', ' + group if group else ''}, "
        f"count(*) AS events, {quads}, round(sum(goldstein), 2) AS goldstein_sum, "
        f"round(avg(goldstein), 2) AS goldstein_mean FROM events{source} "
        f"WHERE event_date IS NOT NULL AND {where} GROUP BY ALL ORDER BY ALL"
    )
    return _run(store, sql, params)


def run_sql(path: str, sql: str, *, lock_timeout: float | None = None) -> tuple[list[str], list[tuple]]:
    """Run one SQL query on the store at ``path``, opened read-only with file access switched off.

    Writes (INSERT, UPDATE, DELETE, CREATE, DROP ...), COPY to files, ATTACH and reading other files are
    refused by DuckDB; the store is never changed.

    Raises:
        StoreError: the store cannot be opened, or the query failed; a refused write says
            ``eventcoder sql runs read-only queries``.
    """
    kwargs = {} if lock_timeout is None else {"lock_timeout": lock_timeout}
    with EventStore(path, read_only=True, shared=True, sandbox=True, **kwargs) as store:
        try:
            return store.query(sql)
        except StoreError as exc:
            message = str(exc)
            if "read-only mode" in message or "disabled by configuration" in message:
                raise StoreError(f"eventcoder sql runs read-only queries; refused: {message}") from exc
            raise StoreError(f"query failed: {message}") from exc
