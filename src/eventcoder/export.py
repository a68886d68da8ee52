"""Exports of the event store in the field's formats, and import of our own exports.

Formats (column orders and the columns left empty: ``docs/export.md``):

* ``gdelt``: GDELT 2.0 events, 61 tab-separated columns, no header row (as GDELT publishes them); one
  row per deduplicated event (``events`` table) with NumMentions, NumSources and NumArticles.
* ``icews``: ICEWS Dataverse event files, 20 tab-separated columns with a header row; one row per mention
  (ICEWS codes each story sentence).
* ``polecat``: POLECAT weekly files, 40 tab-separated columns with a header row; one row per mention
  that PLOVER codes (CAMEO roots 01 and 02, which PLOVER drops, are left out).
* ``csv``, ``jsonl``, ``parquet``: our own columns, of ``mentions`` (default: exactly the records, so
  :func:`import_records` reads them back) or of ``events``. Parquet is written by DuckDB's COPY.

Codes are converted where a format wants another scheme: GDELT actor country codes are CAMEO codes
(ROM for Romania), GDELT geo country codes FIPS 10-4 (KG for Kyrgyzstan), ICEWS countries and sectors
are written as names. The tables are ``data/country_codes.tsv``, ``data/sector_labels.tsv`` and
``data/icews_intensity.tsv``; the column orders ``data/export_columns.tsv``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from .errors import ExportError, StoreError
from .model import RECORD_COLUMNS, Article, EventRecord
from .query import EventFilter, select_events
from .store import EVENT_COLUMNS, EventStore

__all__ = ["FORMATS", "ImportResult", "export", "format_columns", "import_records"]

FORMATS = ("gdelt", "icews", "polecat", "csv", "jsonl", "parquet")
"""Formats :func:`export` writes."""

_US_ISO3 = "USA"


@dataclass(frozen=True)
class _Codes:
    """The conversion tables: ISO3 -> CAMEO country code, FIPS 10-4 and name; sector -> label;
    CAMEO code -> ICEWS intensity where it differs from GDELT's Goldstein value."""

    cameo: dict[str, str]
    fips: dict[str, str]
    names: dict[str, str]
    sectors: dict[str, str]
    icews_intensity: dict[str, float]


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eventcoder").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.lru_cache(maxsize=1)
def _codes() -> _Codes:
    countries = _data_rows("country_codes.tsv")
    return _Codes(
        cameo={r["iso3"]: r["cameo"] for r in countries},
        fips={r["iso3"]: r["fips"] for r in countries if r["fips"]},
        names={r["iso3"]: r["name"] for r in countries},
        sectors={r["code"]: r["label"] for r in _data_rows("sector_labels.tsv")},
        icews_intensity={r["code"]: float(r["intensity"]) for r in _data_rows("icews_intensity.tsv")},
    )


@functools.lru_cache(maxsize=4)
def format_columns(fmt: str) -> tuple[str, ...]:
    """The column names of ``gdelt``, ``icews`` or ``polecat`` in file order (``data/export_columns.tsv``).

    Raises:
        ExportError: a format without a fixed column list.
    """
    rows = [r for r in _data_rows("export_columns.tsv") if r["format"] == fmt]
    if not rows:
        raise ExportError(f"format {fmt!r} has no fixed columns; formats with them: gdelt, icews, polecat")
    return tuple(r["column"] for r in sorted(rows, key=lambda r: int(r["position"])))


def _stable_int(text: str) -> int:
    """A stable positive 60-bit integer for a text id (top 15 hex digits of its MD5)."""
    return int(hashlib.md5(text.encode("utf-8")).hexdigest()[:15], 16)


def _geo_type(country: str | None, latitude: float | None) -> int | None:
    """GDELT geo type: 1 country, 3 US city, 4 non-US city; None without a place."""
    if latitude is not None:
        return 3 if country == _US_ISO3 else 4
    return 1 if country else None


# -- GDELT ---------------------------------------------------------------------------------------------


def _gdelt_actor(prefix: str, code: str | None, name: str | None, country: str | None, sector: str | None,
                 codes: _Codes) -> dict[str, Any]:
    group = code[3:6] if code and code[:3] in ("IGO", "NGO") and len(code) >= 6 else None
    return {
        f"{prefix}Code": code,
        f"{prefix}Name": name.upper() if name else None,
        f"{prefix}CountryCode": codes.cameo.get(country or ""),
        f"{prefix}KnownGroupCode": group,
        f"{prefix}Type1Code": sector,
    }


def _gdelt_geo(event: dict[str, Any], codes: _Codes) -> dict[str, Any]:
    country, lat = event["location_country"], event["latitude"]
    kind = _geo_type(country, lat)
    if kind is None:
        return {}
    country_name = codes.names.get(country or "")
    place = event["location_name"]
    full = country_name if kind == 1 else ", ".join(p for p in (place, country_name) if p)
    return {
        "ActionGeo_Type": kind,
        "ActionGeo_FullName": full or place,
        "ActionGeo_CountryCode": codes.fips.get(country or ""),
        "ActionGeo_Lat": lat,
        "ActionGeo_Long": event["longitude"],
    }


def _gdelt_dates(day: date | None) -> dict[str, Any]:
    if day is None:
        return {}
    return {
        "SQLDATE": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": round(day.year + (day.month * 30 + day.day) / 365, 4),
    }


def gdelt_row(event: dict[str, Any], codes: _Codes | None = None) -> dict[str, Any]:
    """One ``events`` row (EVENT_COLUMNS, dates as ``date``) as GDELT 2.0 columns (names -> values)."""
    codes = codes or _codes()
    code = event["cameo_code"]
    added: datetime | None = event["date_added"]
    return {
        "GLOBALEVENTID": event["global_event_id"],
        **_gdelt_dates(event["event_date"]),
        **_gdelt_actor("Actor1", event["source_code"], event["source_name"], event["source_country"],
                       event["source_sector"], codes),
        **_gdelt_actor("Actor2", event["target_code"], event["target_name"], event["target_country"],
                       event["target_sector"], codes),
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": event["cameo_root"],
        "QuadClass": event["quad_class"],
        "GoldsteinScale": event["goldstein"],
        "NumMentions": event["num_mentions"],
        "NumSources": event["num_sources"],
        "NumArticles": event["num_articles"],
        **_gdelt_geo(event, codes),
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else None,
        "SOURCEURL": event["source_url"] or event["doc_id"],
    }


# -- ICEWS and POLECAT ----------------------------------------------------------------------------------


def icews_row(m: dict[str, Any], codes: _Codes | None = None) -> dict[str, Any]:
    """One ``mentions`` row (RECORD_COLUMNS) as ICEWS columns (names -> values)."""
    codes = codes or _codes()
    code = m["cameo_code"]

    def side(prefix: str, role: str) -> dict[str, Any]:
        return {
            f"{prefix} Name": m[f"{role}_name"] or m[f"{role}_text"],
            f"{prefix} Sectors": codes.sectors.get(m[f"{role}_sector"] or "", m[f"{role}_sector"]),
            f"{prefix} Country": codes.names.get(m[f"{role}_country"] or ""),
        }

    return {
        "Event ID": _stable_int(m["event_id"]),
        "Event Date": m["event_date"],
        **side("Source", "source"),
        "Event Text": m["cameo_label"],
        "CAMEO Code": code,
        "Intensity": codes.icews_intensity.get(code, m["goldstein"]),
        **side("Target", "target"),
        "Story ID": _stable_int(m["doc_id"]),
        "Sentence Number": m["sentence_index"] + 1,
        "Publisher": m["outlet"],
        "City": m["location_name"] if m["latitude"] is not None else None,
        "Country": codes.names.get(m["location_country"] or ""),
        "Latitude": m["latitude"],
        "Longitude": m["longitude"],
    }


def polecat_row(m: dict[str, Any], codes: _Codes | None = None) -> dict[str, Any]:
    """One ``mentions`` row (RECORD_COLUMNS) as POLECAT columns (names -> values)."""
    from . import __version__

    def side(prefix: str, role: str) -> dict[str, Any]:
        return {
            f"{prefix} Name": m[f"{role}_name"],
            f"{prefix} Country": m[f"{role}_country"],
            f"Primary {prefix} Sector": m[f"{role}_sector"],
            f"{prefix} Sectors": m[f"{role}_sector"],
            f"{prefix} Name Raw": m[f"{role}_text"],
        }

    city = m["location_name"] if m["latitude"] is not None else None
    return {
        "Event ID": m["event_id"],
        "Event Date": m["event_date"],
        "Event Type": m["plover_type"],
        "Event Mode": m["plover_mode"],
        "Quad Code": m["quad_class"],
        "Contexts": (m["plover_context"] or "").replace("|", ";") or None,
        **side("Actor", "source"),
        **side("Recipient", "target"),
        "Placename": m["location_name"],
        "City": city,
        "Country": m["location_country"],
        "Latitude": m["latitude"],
        "Longitude": m["longitude"],
        "Raw Placename": m["location_name"],
        "Source": m["outlet"],
        "Publication Date": m["published"],
        "Language": "en",
        "Version": f"eventcoder {__version__}",
    }


def _cell(value: Any) -> str:
    """A value in a tab-separated export: ISO dates, no tabs or newlines inside, empty for None."""
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return " ".join(str(value).replace("\t", " ").splitlines())


def _write_tsv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], fh: TextIO, *, header: bool) -> int:
    if header:
        fh.write("\t".join(columns) + "\n")
    n = 0
    for row in rows:
        unknown = set(row) - set(columns)
        if unknown:  # a mapping naming a column the format does not have: a bug, not input
            raise ExportError(f"export produced columns the format lacks: {sorted(unknown)}")
        fh.write("\t".join(_cell(row.get(c)) for c in columns) + "\n")
        n += 1
    return n


_FIXED: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]], bool]] = {
    # format: (table it is made from, row mapping, header row by default)
    "gdelt": ("events", gdelt_row, False),
    "icews": ("mentions", icews_row, True),
    "polecat": ("mentions", polecat_row, True),
}


def _dict_rows(store: EventStore, table: str, filt: EventFilter | None) -> list[dict[str, Any]]:
    columns = EVENT_COLUMNS if table == "events" else RECORD_COLUMNS
    names, rows = select_events(store, filt, table=table, columns=columns)
    return [dict(zip(names, row, strict=True)) for row in rows]


def _open(path: Path) -> TextIO:
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def _export_fixed(store: EventStore, fmt: str, path: Path, filt: EventFilter | None, header: bool | None) -> int:
    table, mapping, default_header = _FIXED[fmt]
    rows = _dict_rows(store, table, filt)
    if fmt == "polecat":
        rows = [r for r in rows if r["plover_type"]]
    codes = _codes()
    with _open(path) as fh:
        return _write_tsv((mapping(r, codes) for r in rows), format_columns(fmt), fh,
                          header=default_header if header is None else header)


def _export_parquet(store: EventStore, table: str, path: Path, filt: EventFilter | None) -> int:
    columns = EVENT_COLUMNS if table == "events" else RECORD_COLUMNS
    where, params = (filt or EventFilter()).where(table)
    target = str(path).replace("'", "''")  # COPY takes the file name as a literal, not a parameter
    sql = (f"COPY (SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY ALL) "
           f"TO '{target}' (FORMAT parquet)")
    try:
        _names, rows = store.query(sql, params)
    except StoreError as exc:
        raise ExportError(f"cannot write {path}: {exc}") from exc
    return int(rows[0][0]) if rows else 0


def export(store: EventStore, fmt: str, path: str | Path, *, table: str = "mentions",
           filt: EventFilter | None = None, header: bool | None = None) -> int:
    """Write the store's events (those matching ``filt``) to ``path`` in format ``fmt``.

    Args:
        store (EventStore): an open store (read-only is enough, but not one opened with ``sandbox``).
        fmt (str): one of :data:`FORMATS`.
        path (str | Path): the file to write (replaced if it exists).
        table (str): ``mentions`` or ``events``, for csv, jsonl and parquet (the others fix their table).
        filt (EventFilter | None): which events; None = all.
        header (bool | None): for gdelt/icews/polecat, write a header row (default: GDELT none, ICEWS
            and POLECAT one, as their files have).

    RETURNS (int): the number of rows written.

    Raises:
        ExportError: an unknown format or table, or the file cannot be written.
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if table not in ("mentions", "events"):
        raise ExportError(f"unknown table {table!r}; use mentions or events")
    if fmt in _FIXED:
        return _export_fixed(store, fmt, path, filt, header)
    if fmt == "parquet":
        return _export_parquet(store, table, path, filt)
    from .output import write_rows

    names, rows = select_events(store, filt, table=table, columns=EVENT_COLUMNS if table == "events" else RECORD_COLUMNS)
    with _open(path) as fh:
        return write_rows(names, rows, fmt, fh)


# -- import ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_records` stored: ``articles`` (doc_ids, replaced as a whole) and ``mentions``."""

    articles: int
    mentions: int


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ExportError(f"{path} line {number}: not valid JSON ({exc.msg})") from None
    return rows


def _read_parquet(path: Path) -> list[dict[str, Any]]:
    import duckdb

    try:
        con = duckdb.connect()
        cursor = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        con.close()
    except duckdb.Error as exc:
        raise ExportError(f"{path}: not a readable Parquet file ({' '.join(str(exc).split())})") from None
    return [{k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()} for row in rows]


def _records(path: Path, rows: list[dict[str, Any]]) -> list[EventRecord]:
    records = []
    for number, row in enumerate(rows, 1):
        if tuple(row) != RECORD_COLUMNS:
            missing = [c for c in RECORD_COLUMNS if c not in row]
            extra = [c for c in row if c not in RECORD_COLUMNS]
            raise ExportError(f"{path} row {number}: not an eventcoder mention record "
                              f"(missing {missing[:3]}, extra {extra[:3]}); import reads `export --format jsonl|parquet`")
        records.append(EventRecord(**row))
    return records


def _import_files(path: Path) -> list[Path]:
    """The files to import: the file itself, or a folder's ``*.parquet`` and ``*.jsonl`` files, sorted."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".parquet", ".jsonl"))
        if not files:
            raise ExportError(f"cannot import {path}: the folder holds no .parquet or .jsonl files")
        return files
    if not path.is_file():
        raise ExportError(f"cannot import {path}: no such file")
    return [path]


def import_records(store: EventStore, path: str | Path) -> ImportResult:
    """Read our own JSON Lines or Parquet export of mentions back into ``store``, one article at a time.

    ``path`` is a file, or a folder of them (the ``part-NNNNN.parquet`` partitions of ``eventcoder code
    --dask``), read one file at a time. Records are grouped by ``doc_id``; each article replaces what the
    store held for it (its row gets the headline, outlet and publication date of its records, and a content
    hash of the imported records, so a later ``eventcoder code`` of the real text codes it again).

    Raises:
        ExportError: the file or folder is missing, a file is neither ``.jsonl`` nor ``.parquet``, or holds
            rows that are not mention records (the message names the row).
        StoreError: a write failed (that article is rolled back; those before it stay stored).
    """
    articles = mentions = 0
    for file in _import_files(Path(path)):
        result = _import_file(store, file)
        articles += result.articles
        mentions += result.mentions
    return ImportResult(articles=articles, mentions=mentions)


def _import_file(store: EventStore, path: Path) -> ImportResult:
    readers = {".jsonl": _read_jsonl, ".json": _read_jsonl, ".parquet": _read_parquet}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ExportError(f"cannot import {path}: give a .jsonl or .parquet file written by eventcoder export")
    groups: dict[str, list[EventRecord]] = {}
    for record in _records(path, reader(path)):
        groups.setdefault(record.doc_id, []).append(record)
    for doc_id, records in groups.items():
        first = records[0]
        text = json.dumps([r.event_id for r in records])
        article = Article(doc_id=doc_id, text=f"imported:{text}", headline=first.headline, outlet=first.outlet,
                          published=date.fromisoformat(first.published) if first.published else None)
        store.store_article(article, records)
    return ImportResult(articles=len(groups), mentions=sum(len(g) for g in groups.values()))
