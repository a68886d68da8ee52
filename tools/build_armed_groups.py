"""Build ``src/eventcoder/data/armed_groups.tsv`` from PETRARCH's Phoenix armed-group dictionary and UCDP's
actor list.

Reads:

- ``Phoenix.MilNonState.actors.txt`` (openeventdata/petrarch2, ``petrarch2/data/dictionaries``, commit 676801c,
  MIT licence; names from START's TOPS database, 2013): armed non-state groups in the PETRARCH actor format with
  CAMEO codes (``FRAREB``, ``IMGMUSALQ``, ``MEAREB`` ...);
- ``ucdp-actor-221.csv`` (UCDP actor list v22.1, a copy in skytheacademic/who_keeps_the_peace, commit 5369d2f;
  UCDP data, CC BY 4.0, Uppsala Conflict Data Program): actors of organised violence with short and full
  names (English and original), renames and location.

Writes one row per group in the "named actors" format (``name country sector code aliases context_aliases
origin``). Rules:

- Phoenix: an entry's first undated code is used (dated codes are periods of the same group). The code's first
  three letters give the country: an ISO code of countries.tsv or a CAMEO code of its ``cameo`` column; IMG
  (CAMEO's transnational militarised group) and INT stay; a region (MEA, SAS, WEU, CFR, KKL ...) gives none.
  The sector is the code's first specific sector part (REB, SEP, INS, UAF ...), else REB. Names as in
  tools/build_organisations.py (news case, parenthesised acronyms as aliases); a parenthesised country name
  ("PEOPLE'S_REVOLUTIONARY_ARMY_(COLOMBIA)") gives the country where the code names a region.
- UCDP: governments (type 4, "Government of X") are left out: countries are known already. Supporters and
  opponents of parties or politicians (type 2) are left out: not organisations. Identity and communal groups
  (type 3: ethnic groups, clans, religious communities) are left out unless a name says it is a militia
  (MILITIA_WORDS); such a militia gets sector UAF. Rebel groups (type 1) get sector REB, or CRM where a name
  says it is a criminal organisation (CRIME_WORDS: cartels, gangs, maras: UCDP counts their fights as
  organised violence, CAMEO codes them as criminals); "Military faction"
  rows (coup factions of an army, named by UCDP only) are left out. The country is the first location that
  is a country of countries.tsv (UCDP_PLACES maps UCDP's historical names: "DR Congo (Zaire)" -> COD); a group
  whose locations span three or more of UCDP's regions is transnational: IMG. Names: the current English name
  (the last of the new names for a renamed group) first, then the short name, the original name and every
  former and other name (English and original forms in Latin script): a renamed group's predecessor names are
  aliases. Curly apostrophes become straight ones; a leading "The" is dropped; parenthesised words are dropped.
  The code is country + sector ("COLREB").
- Merging: a Phoenix entry and a UCDP group that share a name of two or more words or a one-word name of five
  letters or more that is not an acronym (ignoring case, hyphens and apostrophes: "Al-Shabaab"), or an
  acronym when both give the same country, are one row when the Phoenix entry matches
  exactly one UCDP group: UCDP's current name first, the names of both, Phoenix's sector and code (Phoenix
  codes win), Phoenix's country where its code gives one, else UCDP's; origin both lines. Several Phoenix
  entries may merge into one UCDP group. A Phoenix entry with no country after this gets INT (its code names
  a region only).
- Then as for organisations: phrases under 2 characters, country names, ordinary one-word names are dropped;
  acronyms that are words or of two letters become context_aliases (a row with a country) or are dropped;
  phrases naming two different actors (a different country or sector; the code is left aside, as Phoenix
  gives one group a regional and a transnational code in two entries) are dropped from every row.
Rows are sorted by (country, name, origin); the output is byte-identical for the same input.

Usage: ``python tools/build_armed_groups.py [--sources DIR] [--output FILE]``.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_organisations import (  # noqa: E402
    command_line,
    COUNTRIES_TSV,
    PETRARCH,
    Row,
    code_parts,
    country_part,
    drop_ambiguous,
    entry_phrases,
    format_rows,
    header,
    is_acronym,
    petrarch_entries,
    read_countries,
    screen_phrases,
    sector_part,
    write_tsv,
)

PHOENIX = "Phoenix.MilNonState.actors.txt"
UCDP = "ucdp-actor-221.csv"
UCDP_ORIGIN = ("skytheacademic/who_keeps_the_peace, data/ucdp_ged, 5369d2f, CC BY 4.0: UCDP actor list v22.1, "
               "Uppsala Conflict Data Program")
MILITIA_WORDS = re.compile(r"\b(militia|militias|army|brigade|brigades|force|forces|defen[cs]e|guard|guards|"
                           r"vigilante|vigilantes|fighters|mayi[- ]mayi|mai[- ]mai)\b", re.I)
CRIME_WORDS = re.compile(r"\b(c[aá]rtel|cartels|gang|gangs|mafia|mara salvatrucha|mara 18|ms-13)\b", re.I)
# UCDP's location names that are not a name or alias in countries.tsv.
UCDP_PLACES = {
    "dr congo": "COD", "zaire": "COD", "congo": "COG", "ivory coast": "CIV", "yemen": "YEM",
    "north yemen": "YEM", "south yemen": "YEM", "serbia": "SRB", "yugoslavia": "SRB", "russia": "RUS",
    "soviet union": "RUS", "myanmar": "MMR", "burma": "MMR", "cambodia": "KHM", "kampuchea": "KHM",
    "madagascar": "MDG", "malagasy": "MDG", "vietnam": "VNM", "north vietnam": "VNM", "south vietnam": "VNM",
    "zimbabwe": "ZWE", "rhodesia": "ZWE", "bosnia-herzegovina": "BIH", "kingdom of eswatini": "SWZ",
    "swaziland": "SWZ", "east timor": "TLS", "macedonia": "MKD", "north macedonia": "MKD",
    "germany": "DEU", "west germany": "DEU", "east germany": "DEU", "united states of america": "USA",
    "united kingdom": "GBR", "iran": "IRN", "syria": "SYR", "laos": "LAO", "tanzania": "TZA",
    "bolivia": "BOL", "venezuela": "VEN", "moldova": "MDA", "south korea": "KOR", "north korea": "PRK",
    "taiwan": "TWN", "palestine": "PSE", "gambia": "GMB", "comoros": "COM", "czech republic": "CZE",
    "cape verde": "CPV", "guinea-bissau": "GNB", "turkey": "TUR", "brunei": "BRN",
}


# ---------------------------------------------------------------------------------------------- Phoenix
def first_undated_code(blocks: list[str]) -> str | None:
    """The first code without a date restriction, else None."""
    for block in blocks:
        parts = block.split()
        if len(parts) == 1 and re.fullmatch(r"[A-Z][A-Z0-9]{2,}", parts[0].split("/")[0].upper()):
            return parts[0].split("/")[0].upper()
    return None


def map_armed_code(code: str, isos: set[str], cameo: dict[str, str]) -> tuple[str | None, str]:
    """(country or None for a region, sector) of a MilNonState code: "FRAREB" -> ("FRA", "REB"), "IMGMUSALQ"
    -> ("IMG", "REB"), "MEAREB" -> (None, "REB")."""
    parts = code_parts(code)
    if parts[0] in ("IMG", "INT"):
        country: str | None = parts[0]
    else:
        country = country_part(parts[:1], isos, cameo)
    return country, sector_part(parts[1:]) or "REB"


def name_country(raws: list[str], names: dict[str, str]) -> str | None:
    """The country named in parentheses in an entry's phrases ("ARMY_(COLOMBIA)_" -> "COL"), else None."""
    for raw in raws:
        for inner in re.findall(r"\(([^()]*)\)", raw):
            iso = names.get(" ".join(inner.replace("_", " ").split()).lower())
            if iso:
                return iso
    return None


def phoenix_rows(path: Path, countries: Path, dropped: Counter) -> list[Row]:
    """Rows of the MilNonState dictionary (country None where the code names a region only)."""
    isos, cameo, names = read_countries(countries)
    rows = []
    for number, raws, blocks in petrarch_entries(path):
        code = first_undated_code(blocks)
        if code is None:
            dropped["left out: Phoenix entries without an undated code"] += 1
            continue
        country, sector = map_armed_code(code, isos, cameo)
        phrases, acronyms = entry_phrases(raws)
        row = Row(phrases, country or name_country(raws, names) or "", sector, code, f"{path.name}:{number}",
                  acronyms, capitals=True)
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------------- UCDP
def clean_name(name: str) -> str:
    """A UCDP name as news writes it: straight apostrophes, no parentheses, no leading "The", single spaces."""
    name = name.replace("\u2019", "'").replace("\u2018", "'").replace("\u00b4", "'")
    name = re.sub(r"\([^()]*\)", " ", name)
    name = " ".join(name.split()).strip(" ,;")
    return name[4:] if name.lower().startswith("the ") and len(name) > 4 else name


def latin(text: str) -> bool:
    """Whether a text is written in Latin script (letters up to Latin Extended-B)."""
    return all(not c.isalpha() or ord(c) < 0x250 for c in text)


def split_names(cell: str) -> list[str]:
    """The names of a multi-valued UCDP cell ("a, b" or "a / b"); "n/a" and empty left out."""
    out = []
    for part in re.split(r",\s+|\s+/\s+", cell or ""):
        part = clean_name(part)
        if part and part.lower() != "n/a" and latin(part):
            out.append(part)
    return out


def ucdp_names(record: dict[str, str]) -> list[str]:
    """A UCDP actor's names, current English name first (renamed: the last new English name)."""
    new_english = split_names(record.get("NewNameFullEng", ""))
    current = new_english[-1:] if record.get("NameChange") == "1" else []
    cells = ["NameOrigFullEng", "NameData", "NameOrig", "NewName", "NewNameFullEng", "NameOrigFull",
             "NewNameFullMotherTongue"]
    names = current + [n for cell in cells for n in split_names(record.get(cell, ""))]
    return list(dict.fromkeys(names))


def place_country(place: str, names: dict[str, str]) -> str | None:
    """The ISO code of a UCDP location name ("DR Congo (Zaire)" -> "COD"), else None."""
    low = " ".join(place.lower().split())
    bare = re.sub(r"\s*\([^()]*\)", "", low).strip()
    inner = re.findall(r"\(([^()]*)\)", low)
    for key in [low, bare, *inner]:
        iso = UCDP_PLACES.get(key) or names.get(key)
        if iso:
            return iso
    return None


def ucdp_country(record: dict[str, str], names: dict[str, str]) -> str | None:
    """IMG for a group in three or more UCDP regions, else the first location that is a country."""
    regions = {r.strip() for r in record.get("Region", "").split(",") if r.strip()}
    if len(regions) >= 3:
        return "IMG"
    for place in record.get("Location", "").split(","):
        iso = place_country(place.strip(), names)
        if iso:
            return iso
    return None


def ucdp_kind(record: dict[str, str], names: list[str]) -> str | None:
    """The sector of a UCDP actor kept (REB for rebels, UAF for militias), or why it is left out."""
    org = record.get("Org", "")
    if org == "4":
        return "UCDP governments (countries are known already)"
    if org == "2":
        return "UCDP supporters or opponents of a party or politician (not organisations)"
    if org == "3" and not any(MILITIA_WORDS.search(n) for n in names):
        return "UCDP identity or communal groups (not militias)"
    if names and names[0].lower().startswith("military faction"):
        return "UCDP military factions (coup factions, no name of their own)"
    return None


def ucdp_rows(path: Path, countries: Path, dropped: Counter) -> list[Row]:
    """Rows of the UCDP actor list (rebel groups and militias)."""
    _, _, country_names = read_countries(countries)
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for record in reader:
            names = ucdp_names(record)
            why = ucdp_kind(record, names) if names else "UCDP actors without a name"
            country = ucdp_country(record, country_names)
            if why is None and country is None:
                why = "UCDP actors without a known country"
            if why is not None:
                dropped["left out: " + why] += 1
                continue
            sector = "UAF" if record.get("Org") == "3" else "CRM" if any(CRIME_WORDS.search(n) for n in names) \
                else "REB"
            acronyms = {n for n in names if " " not in n and is_acronym(n)}
            rows.append(Row(names, country, sector, country + sector, f"{path.name}:{reader.line_num}", acronyms))
    return rows


# ----------------------------------------------------------------------------------------------- merging
def match_key(phrase: str) -> str:
    """A phrase compared across the two sources: lower case, hyphens and apostrophes as spaces."""
    return " ".join(re.sub(r"[-'\u2019]", " ", phrase).lower().split())


def match_index(rows: list[Row]) -> tuple[dict[str, set[int]], dict[tuple[str, str], set[int]]]:
    """Indexes of UCDP rows: multi-word phrase key -> rows, (acronym, country) -> rows."""
    phrases: dict[str, set[int]] = defaultdict(set)
    acronyms: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, row in enumerate(rows):
        for phrase in row.phrases:
            if " " in phrase or (len(phrase) >= 5 and phrase not in row.acronyms):
                phrases[match_key(phrase)].add(i)
            elif phrase in row.acronyms:
                acronyms[(phrase, row.country)].add(i)
    return phrases, acronyms


def ucdp_match(row: Row, phrases: dict[str, set[int]], acronyms: dict[tuple[str, str], set[int]]) -> set[int]:
    """The UCDP rows a Phoenix row shares a multi-word name with, or an acronym and its country."""
    found: set[int] = set()
    for phrase in row.phrases:
        if " " in phrase or (len(phrase) >= 5 and phrase not in row.acronyms):
            found |= phrases.get(match_key(phrase), set())
        elif phrase in row.acronyms and row.country:
            found |= acronyms.get((phrase, row.country), set())
    return found


def merge(phoenix: list[Row], ucdp: list[Row], dropped: Counter) -> list[Row]:
    """UCDP rows with their matching Phoenix entries merged in, then the Phoenix entries left unmerged."""
    phrases, acronyms = match_index(ucdp)
    merged: dict[int, list[Row]] = defaultdict(list)
    alone = []
    for row in phoenix:
        found = ucdp_match(row, phrases, acronyms)
        if len(found) == 1:
            merged[found.pop()].append(row)
            continue
        if len(found) > 1:
            dropped["not merged: Phoenix entries matching several UCDP groups"] += 1
        alone.append(row)
    for i, rows in merged.items():
        target, first = ucdp[i], rows[0]
        target.country = first.country or target.country
        target.sector, target.code = first.sector, first.code
        for row in rows:
            target.phrases = list(dict.fromkeys(target.phrases + row.phrases))
            target.acronyms |= row.acronyms
            target.capitals = True
        target.origin = "|".join([target.origin] + [r.origin for r in rows])
    for row in alone:
        row.country = row.country or "INT"
    dropped["merged: Phoenix entries merged into a UCDP group"] += sum(len(r) for r in merged.values())
    return ucdp + alone


# ------------------------------------------------------------------------------------------------ main
def build_rows(phoenix: Path, ucdp: Path, countries: Path = COUNTRIES_TSV) -> tuple[list[Row], Counter]:
    """The merged and screened armed-group rows, and the counts of what was left out or merged."""
    dropped: Counter = Counter()
    rows = merge(phoenix_rows(phoenix, countries, dropped), ucdp_rows(ucdp, countries, dropped), dropped)
    screen_phrases(rows, dropped, read_countries(countries)[2])
    drop_ambiguous(rows, dropped, with_code=False)
    dropped["left out: rows left without any phrase"] += sum(1 for r in rows if not r.phrases)
    return rows, dropped


def build(sources: Path, output: Path) -> list[str]:
    """Build armed_groups.tsv from ``sources``; returns the lines written."""
    rows, dropped = build_rows(sources / PHOENIX, sources / UCDP)
    body = format_rows(rows)
    lines = header("build_armed_groups.py", [f"{PHOENIX} ({PETRARCH})", f"{UCDP} ({UCDP_ORIGIN})"], body,
                   dropped) + body
    write_tsv(output, lines)
    return lines


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--sources DIR`` (default ../shared/knowledge-sources), ``--output FILE``."""
    command_line(argv, __doc__.split("\n\n")[0], "armed_groups.tsv", build)


if __name__ == "__main__":
    main()
