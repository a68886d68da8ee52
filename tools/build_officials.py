"""Build ``src/eventcoder/data/officials.tsv``: dated terms of officials and elites from two open sources.

Usage: ``python tools/build_officials.py [--sources ../shared/knowledge-sources] [--output FILE]`` (defaults:
that folder and src/eventcoder/data/officials.tsv, relative to the repository root).

Reads ``Phoenix.Countries.actors.txt`` (openeventdata/petrarch2, ``petrarch2/data/dictionaries``, commit 676801c,
MIT licence; generated 2014-01-30 from CountryInfo.140130.txt, hand-edited to early 2015),
``world-leaders-2021-wikidata.csv`` (every-politician-scrapers/world-leaders-2021, ``data/wikidata.csv``, commit
be7039c of 2022-10-10; Wikidata content, CC0) and the package's ``countries.tsv`` (CAMEO -> ISO, country names).
Not people.tsv: the loader merges the two (people.tsv wins). Writes one row per term, ``name country sector
office start end aliases known_to origin`` (src/eventcoder/data/README.md; aliases on a person's first row only),
sorted by country, name, start, end, sector, office; no timestamps: the same sources give the same bytes.

Rules
- Phoenix entries are read as PETRARCH reads them: ``+`` lines are synonyms, code lines ``[CODE restriction]``
  belong to the entry above, entry lines before any code join the next entry (PETRARCH gives them its codes:
  ``LEONID_BREZHNEV_`` / ``SECRETARY_BREZHNEV`` / codes). A person is an entry group (a) with the ``#
  CountryInfo.txt`` comment (the generator's mark of CountryInfo's leader and cabinet lists) or (b) hand-added
  (no comment) with a name of 2+ words, every code of 6+ letters and a dated code; not if its first phrase names
  an institution (:func:`is_institution`: "... Council", "Council of ...", "Jaish ...").
- Dates: YYMMDD (19YY from 30 on, else 20YY) or YYYYMMDD; ``A-B`` from A to B, ``>D`` from D on (open), ``<D``
  up to D, a bare ``D`` from D on; both ends included, as PETRARCH reads them. A code with a bad date (7, 9 or
  10 digits, end before start) is skipped and counted. An undated code is the default: it holds in the gaps
  between the dated terms and after the last dated end (from the next day, open) unless a dated term is open;
  not before the first dated term (mostly before the career). Only undated codes: one row without dates. Of
  several undated codes the last counts (PETRARCH replaces the default).
- Codes: letters 1-3 are the CAMEO country (to ISO by countries.tsv's ``cameo`` column: ROM -> ROU, KSV -> XKX);
  a territory may follow (USAASMGOV -> ASM GOV). A code whose country is not in countries.tsv (IGO, DDR, USR
  ...) or whose sector (next three letters) is not in SECTOR_CODES is skipped and counted. Later three-letter
  groups are secondary sectors, written into ``office``: ``government: education (Phoenix BWAGOVEDU)``.
- Rows of one person with the same country, sector, office and start are one row with the latest end.
- ``known_to`` (only where ``end`` is empty): Phoenix 2014-01-30 (the file's date) or the term's start if later
  (hand edits to 2015); Wikidata 2022-10-10 (the snapshot's commit date). A 2014 open term does not say the
  person is still in office: after known_to the loader gives the country only.
- Wikidata: sector GOV, office = the position's label; years only, so start = 1 January of the start year, end
  = 31 December of the end year (empty end -> open, known_to 2022-10-10). Countries by name or alias in
  countries.tsv (ignoring case, accents, a leading "the"; "Vatican City" -> VAT); states not in it (Abkhazia,
  Somaliland ...) are skipped and counted, and so are holders listed for several countries (personal unions:
  the Commonwealth realms' monarch, Andorra's French co-prince; people.tsv holds them), and the Pope (a
  religious office: the agent word "pope" codes him REL).
- People: Phoenix groups of one country are merged where the name (first phrase) of one is a phrase of 2+ words
  of the other (the file repeats people: XI_JINPING and XI_JINPING_), so namesakes of one country are one
  person; a shared alias alone merges nobody (both Bushes are "President George Bush"). A Wikidata holder joins
  the Phoenix person of the same country who has the holder's name as a phrase; the Wikidata spelling becomes
  the name and the origins are both.
- Phrases in news case ("John McCain", "Bashar al-Assad", "Osama bin Laden": best effort; the loader matches 2+
  words ignoring case), no leading "the", quoted nickname or "(..." tail. Dropped and counted: a phrase naming
  two people (compared ignoring case, accents, dots, apostrophes, hyphens); one naming an institution ("Obama
  Administration"); one under 2 characters or with a control character (broken encoding). A one-word phrase
  (a bare surname) is kept only if distinctive: 4+ letters, names one person, is no word of another person's
  phrases (no "Abdullah"; no "Karzai" if another Karzai were listed), is no spaCy English stop word and not in
  ENGLISH_WORDS (Brown, Rice, Major ...). A person left with no phrase is dropped.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the package's SECTOR_CODES, also when it is not installed
from eventcoder.knowledge_types import SECTOR_CODES  # noqa: E402

DEFAULT_SOURCES = ROOT.parent / "shared" / "knowledge-sources"
DEFAULT_OUTPUT = ROOT / "src" / "eventcoder" / "data" / "officials.tsv"
COUNTRIES = ROOT / "src" / "eventcoder" / "data" / "countries.tsv"
PHOENIX = "Phoenix.Countries.actors.txt"
WIKIDATA = "world-leaders-2021-wikidata.csv"
PHOENIX_KNOWN_TO = date(2014, 1, 30)
WIKIDATA_KNOWN_TO = date(2022, 10, 10)
WIKIDATA_COUNTRIES = {"Vatican City": "VAT"}
RELIGIOUS_OFFICES = frozenset({"pope"})
"""Wikidata positions whose holders news codes by the religious title (agents.tsv: "pope" REL), not as a head of
state (GOV): left out."""
"""Wikidata country labels that countries.tsv does not hold as a name or alias."""
HEADER = ("name", "country", "sector", "office", "start", "end", "aliases", "known_to", "origin")

SECTOR_LABELS = dict(pair.replace("_", " ").split("=") for pair in (
    "GOV=government MIL=military ELI=elite OPP=opposition JUD=judiciary LEG=legislature COP=police SPY=intelligence "
    "REB=rebel BUS=business EDU=education AGR=agriculture MED=media HLH=health LAB=labour REF=refugees "
    "ENV=environment DEV=development HRI=human_rights CRM=crime CVL=civilian INS=insurgent UAF=armed_force "
    "PTY=party SEP=separatist MOD=moderate RAD=radical REL=religion MUS=Muslim CHR=Christian JEW=Jewish "
    "FRM=foreign_affairs PRS=president ATG=attorney_general").split())
"""Readable labels of CAMEO sector codes, for the ``office`` text (other codes are written as they are)."""

INSTITUTION_WORDS = frozenset(
    "administration agency alliance army assembly authority bank brigade brigades bureau cabinet coalition "
    "commission committee congress council court department directorate embassy federation force forces front "
    "government junta league ministry movement observatory office organization organisation parliament party "
    "police politburo presidium regime secretariat senate soviet state union volkskammer republic".split())
"""Words that make a phrase an institution's name when they end it ("Obama Administration") or stand before
"of"/"for" ("Supreme Council of ...") -- not inside a title ("Secretary of State John Kerry")."""

INSTITUTION_HEADS = frozenset("jaish jaysh jabhat kataib kataeb harakat hizb republica".split())
"""Words that make a phrase an institution's name when they begin it ("Jaish al-Muhajireen wal-Ansar")."""

ENGLISH_WORDS = frozenset(
    "baker banks bell bird black bond brown bush cash chase church clay cook crown day duke english "
    "field fish ford fox frank french frost gold good grace grant green gross hall hand hart heath hill hope "
    "house hunt king lamb lane law little long lord love major march mark marshall mason may miller moon "
    "moore noble page park parks pope power price prince rich rice rose ross savage sharp short small "
    "smith snow stone strong swan summer taylor turner walker wall ward west white will winter wise wolf wood "
    "young lee wang chan kim khan ali shah singh sultan sheikh emir general colonel mister madam".split())
"""Lower-case words (and very common name words) that are never kept as a one-word person phrase."""

PARTICLES = frozenset("al el ul ad ar as ash at az an ud ed bin ibn bint de del della der den di da do dos das du "
                      "la le van von y e of the and ter zu".split())
ACRONYMS = frozenset({"US", "UK", "UN", "EU", "USA", "UAE"})
"""Acronyms that title phrases hold ("US President ..."): kept in capitals."""
ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")
RESTRICTION = re.compile(r"^(?:<\s*(?P<before>\d+)|>\s*(?P<after>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+)|"
                         r"(?P<bare>\d+))$")


@dataclass(frozen=True)
class Term:
    """One dated code of a person: ISO country, sector, office text, first and last day (None = open)."""
    country: str
    sector: str
    office: str
    start: date | None
    end: date | None
    origin: str
    known_to: date | None = None


@dataclass
class Person:
    """A person's phrases (the first is the name) and terms."""
    phrases: list[str]
    terms: list[Term] = field(default_factory=list)

    def countries(self) -> set[str]:
        """The ISO countries of the person's terms."""
        return {term.country for term in self.terms}


@dataclass
class Entry:
    """A Phoenix entry group: its phrases (raw), whether it carries the CountryInfo mark, its codes."""
    line: int
    phrases: list[str]
    marked: bool = False
    codes: list[tuple[int, str]] = field(default_factory=list)


def phrase_key(phrase: str) -> str:
    """The comparison key of a phrase: no accents, case folded, dots/apostrophes/commas gone, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", phrase)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.,'\u2019`]", "", text).replace("-", " ").replace("_", " ")
    return " ".join(text.split())


def _case_word(word: str, first: bool, last: bool) -> str:
    """One word of a person's name in news case (a Roman numeral only as the last word: "Tupou IV")."""
    lower = word.lower()
    if re.fullmatch(r"(?:[A-Za-z]\.)+", word) or word.upper() in ACRONYMS or (ROMAN.match(word.upper()) and last):
        return word.upper()
    if not first and lower in PARTICLES:
        return lower
    parts = lower.split("-")
    out = [_case_part(part) for part in parts]
    if not first and len(parts) > 1 and parts[0] in PARTICLES:
        out[0] = parts[0]
    return "-".join(out)


def _case_part(part: str) -> str:
    """A hyphen-free word part: "mccain" -> "McCain", "o'neill" -> "O'Neill", "sha'bi" -> "Sha'bi"."""
    if part.startswith("mc") and len(part) > 3:
        return "Mc" + part[2:].capitalize()
    head, apostrophe, tail = part.partition("'")
    if apostrophe and len(head) <= 1 and tail:
        return head.upper() + "'" + tail.capitalize()
    return part.capitalize()


def person_case(raw: str) -> str:
    """A Phoenix phrase (``BASHAR_AL-ASSAD_``) as news writes the name ("Bashar al-Assad"); no leading "the",
    no quoted nickname (TZIPORA_"TZIPI"_LIVNI), nothing from a "(" on ("(ACTING"); "`" (ayn) as "'"."""
    text = re.sub(r'"[^"]*"', " ", raw.replace("_", " ").replace("`", "'")).split("(")[0]
    words = text.split()[1:] if text.split()[:1] in (["the"], ["THE"], ["The"]) else text.split()
    return " ".join(_case_word(w, i == 0, i == len(words) - 1) for i, w in enumerate(words)).strip(" ,")


def is_institution(phrase: str) -> bool:
    """Whether the phrase names an institution, not a person (INSTITUTION_WORDS, INSTITUTION_HEADS)."""
    words = phrase_key(phrase).split()
    if not words:
        return False
    before_of = (w for w, nxt in zip(words, words[1:]) if nxt in ("of", "for"))
    return (words[-1] in INSTITUTION_WORDS or words[0] in INSTITUTION_HEADS
            or any(w in INSTITUTION_WORDS for w in before_of))


def read_entries(path: Path) -> list[Entry]:
    """The entry groups of a PETRARCH actor file in file order (see the module docstring for the grouping)."""
    entries: list[Entry] = []
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    for number, line in enumerate(text.split("\n"), start=1):
        body, _, comment = line.partition("#")
        stripped = body.strip()
        if not stripped:
            continue
        codes = [(number, block) for block in re.findall(r"\[([^\]]*)\]", body)]
        phrase = re.split(r"\[", stripped, maxsplit=1)[0].strip()
        code_line = line[0].isspace() or stripped.startswith("[")
        if not entries or not (code_line or stripped.startswith("+") or not entries[-1].codes):
            entries.append(Entry(number, [phrase], "CountryInfo" in comment, codes))
            continue
        if not code_line:
            entries[-1].phrases.append(phrase.removeprefix("+"))
            entries[-1].marked |= not stripped.startswith("+") and "CountryInfo" in comment
        entries[-1].codes += codes
    return entries


def parse_day(digits: str) -> date:
    """A YYMMDD (19YY from 30 on) or YYYYMMDD date. Raises ValueError for other forms."""
    if len(digits) == 6:
        year = int(digits[:2])
        return date(1900 + year if year >= 30 else 2000 + year, int(digits[2:4]), int(digits[4:6]))
    if len(digits) == 8:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    raise ValueError(f"bad date {digits!r}")


def parse_code(block: str) -> tuple[str, date | None, date | None, bool]:
    """``"BWAGOVEDU 030101-041130"`` -> (code, start, end, dated). Raises ValueError for a bad restriction."""
    parts = block.split(None, 1)
    code = parts[0].split("/")[0].upper() if parts else ""
    rest = parts[1].strip() if len(parts) > 1 else ""
    if not rest:
        return code, None, None, False
    match = RESTRICTION.match(rest)
    if match is None:
        raise ValueError(f"bad restriction {rest!r}")
    if match.group("before"):
        return code, None, parse_day(match.group("before")), True
    if match.group("after") or match.group("bare"):
        return code, parse_day(match.group("after") or match.group("bare")), None, True
    start, end = parse_day(match.group("start")), parse_day(match.group("end"))
    if end < start:
        raise ValueError(f"end before start in {rest!r}")
    return code, start, end, True


def default_spans(dated: list[tuple[date | None, date | None]]) -> list[tuple[date | None, date | None]]:
    """Where an entry's undated (default) code holds: the gaps between its dated terms and, when none of them
    is open-ended, the time after the last end (from the next day on). With no dated term: always."""
    if not dated:
        return [(None, None)]
    spans: list[tuple[date | None, date | None]] = []
    ordered = sorted(dated, key=lambda span: span[0] or date.min)
    covered = ordered[0][1]
    for start, end in ordered[1:]:
        if covered is None:
            return spans
        if start is not None and start > covered + timedelta(days=1):
            spans.append((covered + timedelta(days=1), start - timedelta(days=1)))
        covered = None if end is None else max(covered, end)
    if covered is not None:
        spans.append((covered + timedelta(days=1), None))
    return spans


def office_text(code: str, at: int = 3) -> str:
    """The ``office`` text of a Phoenix code whose sector starts at letter ``at``: "government: education
    (Phoenix BWAGOVEDU)"."""
    groups = [code[i:i + 3] for i in range(at, len(code), 3)]
    labels = [SECTOR_LABELS.get(group, group) for group in groups]
    head = labels[0] + (": " + ", ".join(labels[1:]) if labels[1:] else "")
    return f"{head} (Phoenix {code})"


def split_code(code: str, cameo: dict[str, str]) -> tuple[str, str, int] | str:
    """(ISO country, sector, index of the sector) of a Phoenix code, or why it cannot be used. A territory
    after the country (USAASMGOV, GBRFLKELI, IDNTMPOPP) is the country: ASM GOV, FLK ELI, TLS OPP."""
    country = cameo.get(code[:3])
    if country is None:
        return f"{code[:3]} is not a country of countries.tsv"
    at = 3
    if code[3:6] not in SECTOR_CODES and code[3:6] in cameo:
        country, at = cameo[code[3:6]], 6
    sector = code[at:at + 3]
    if sector not in SECTOR_CODES:
        return "no sector or an unknown one (" + (sector or "none") + ")"
    return country, sector, at


def code_term(code: str, span: tuple[date | None, date | None], origin: str, cameo: dict[str, str],
              counts: Counter) -> Term | None:
    """The term of one code over one span, or None (counted) when its country or sector is unknown."""
    split = split_code(code, cameo)
    if isinstance(split, str):
        counts[f"Phoenix codes skipped: {split}"] += 1
        return None
    country, sector, at = split
    known_to = None if span[1] is not None else max(PHOENIX_KNOWN_TO, span[0] or PHOENIX_KNOWN_TO)
    return Term(country, sector, office_text(code, at), span[0], span[1], origin, known_to)


def entry_terms(entry: Entry, cameo: dict[str, str], counts: Counter) -> list[Term]:
    """The terms of a person entry (dated codes, then the default code over :func:`default_spans`)."""
    dated: list[tuple[str, tuple[date | None, date | None], str]] = []
    default: tuple[str, str] | None = None
    for number, block in entry.codes:
        try:
            code, start, end, has_dates = parse_code(block)
        except ValueError:
            counts["Phoenix codes skipped: a bad date restriction"] += 1
            continue
        origin = f"{PHOENIX}:{number}"
        if has_dates:
            dated.append((code, (start, end), origin))
        elif code:
            default = (code, origin)
    pairs = [(code, span, origin) for code, span, origin in dated]
    if default is not None:
        pairs += [(default[0], span, default[1]) for span in default_spans([span for _, span, _ in dated])]
    terms = (code_term(code, span, origin, cameo, counts) for code, span, origin in pairs)
    return [term for term in terms if term is not None]


def is_person_entry(entry: Entry) -> bool:
    """Whether a Phoenix entry group is a person (module docstring, "Rules")."""
    if not entry.phrases or is_institution(entry.phrases[0]):
        return False
    if entry.marked:
        return True
    codes = [block.split() for _, block in entry.codes]
    words = entry.phrases[0].replace("_", " ").split()
    return (len(words) >= 2 and bool(codes) and all(c and len(c[0]) >= 6 for c in codes)
            and any(len(c) > 1 for c in codes))


def phoenix_people(path: Path, cameo: dict[str, str], counts: Counter) -> list[Person]:
    """The people of a Phoenix country dictionary, one per person entry group with at least one term."""
    people = []
    for entry in read_entries(path):
        if not is_person_entry(entry):
            counts["Phoenix entries not people (countries, institutions, groups)"] += 1
            continue
        terms = entry_terms(entry, cameo, counts)
        if not terms:
            counts["Phoenix people without a usable code"] += 1
            continue
        people.append(Person([person_case(raw) for raw in entry.phrases], terms))
    return people


def year_span(start_year: str, end_year: str) -> tuple[date, date | None]:
    """Year-precision dates: 1 January of the start year to 31 December of the end year (None if empty)."""
    return date(int(start_year), 1, 1), (date(int(end_year), 12, 31) if end_year.strip() else None)


def wikidata_people(path: Path, names: dict[str, str], counts: Counter) -> list[Person]:
    """Heads of state and government from the Wikidata CSV, one person per holder (sector GOV)."""
    holders: dict[str, list[tuple[int, dict[str, str]]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            holders.setdefault(row["officeholder"], []).append((number, row))
    people = []
    for holder_rows in holders.values():
        if len({row["country"] for _, row in holder_rows}) > 1:
            counts["Wikidata holders left out: listed for several countries (personal unions)"] += 1
            continue
        if re.fullmatch(r"Q\d+", holder_rows[0][1]["officeholderLabel"].strip()):
            counts["Wikidata holders left out: no English label"] += 1
            continue
        label = holder_rows[0][1]["country"]
        country = names.get(country_key(label), WIKIDATA_COUNTRIES.get(label))
        if country is None:
            counts["Wikidata rows skipped: a state not in countries.tsv"] += len(holder_rows)
            continue
        if any(row["positionLabel"].strip().lower() in RELIGIOUS_OFFICES for _, row in holder_rows):
            counts["Wikidata holders left out: a religious office (the agent word codes it: 'pope' REL)"] += 1
            continue
        person = Person([holder_rows[0][1]["officeholderLabel"].strip()])
        for number, row in holder_rows:
            start, end = year_span(row["start_year"], row["end_year"])
            person.terms.append(Term(country, "GOV", row["positionLabel"].strip(), start, end,
                                     f"{WIKIDATA}:{number}", None if end else WIKIDATA_KNOWN_TO))
        people.append(person)
    return people


def country_key(name: str) -> str:
    """A country name's comparison key: :func:`phrase_key` without a leading "the"."""
    key = phrase_key(name)
    return key[4:] if key.startswith("the ") else key


def read_countries(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(CAMEO code -> ISO code, name key -> ISO code) from countries.tsv (a CAMEO code that differs from the
    ISO code maps to it; every ISO code maps to itself; names and aliases ignoring case and accents)."""
    cameo: dict[str, str] = {}
    names: dict[str, str] = {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        cameo.setdefault(row["iso3"], row["iso3"])
        if row["cameo"]:
            cameo[row["cameo"]] = row["iso3"]
        for name in [row["name"], *row["aliases"].split("|")]:
            if name:
                names.setdefault(country_key(name), row["iso3"])
    return cameo, names


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def merge_people(people: list[Person]) -> list[Person]:
    """Merge people of one country where one's name (first phrase) is a phrase of two or more words of the
    other (keys of :func:`phrase_key`): the file repeats people (XI_JINPING / XI_JINPING_, SALVA_KIIR_ /
    SALVA_KIIR_MAYARDIT +SALVA_KIIR). A shared alias alone merges nobody (two Bushes share "President George
    Bush"). The first person's name stays the name; phrases and terms are joined in file order."""
    parent = list(range(len(people)))
    named: dict[tuple[str, str], int] = {}
    for i, person in enumerate(people):
        for country in sorted(person.countries()):
            j = named.setdefault((phrase_key(person.phrases[0]), country), i)
            parent[_find(parent, i)] = _find(parent, j)
    for i, person in enumerate(people):
        for phrase in person.phrases[1:]:
            key = phrase_key(phrase)
            for country in sorted(person.countries()):
                j = named.get((key, country))
                if j is not None and len(key.split()) >= 2:
                    parent[_find(parent, i)] = _find(parent, j)
    groups: dict[int, Person] = {}
    for i, person in enumerate(people):
        group = groups.setdefault(_find(parent, i), Person([], []))
        group.phrases += person.phrases
        group.terms += person.terms
    return list(groups.values())


def merge_sources(phoenix: list[Person], wikidata: list[Person], counts: Counter) -> list[Person]:
    """Phoenix people plus Wikidata holders; a holder with the same name key and country as a Phoenix person's
    phrase joins that person (the Wikidata spelling becomes the name)."""
    index = {(phrase_key(p), c): person for person in phoenix for p in person.phrases for c in person.countries()}
    out = list(phoenix)
    for holder in wikidata:
        match = index.get((phrase_key(holder.phrases[0]), holder.terms[0].country))
        if match is None:
            out.append(holder)
            continue
        counts["Wikidata holders merged with a Phoenix person"] += 1
        match.phrases.insert(0, holder.phrases[0])
        match.terms += holder.terms
    return out


def clean_phrases(people: list[Person], stop_words: frozenset[str], counts: Counter) -> list[Person]:
    """Each person's phrases without duplicates, institution phrases, phrases naming two people and
    non-distinctive one-word phrases (module docstring); people left without a phrase are dropped."""
    owners: dict[str, set[int]] = {}
    word_owners: dict[str, set[int]] = {}
    for i, person in enumerate(people):
        person.phrases = list({p.casefold(): p for p in reversed(person.phrases) if p}.values())[::-1]
        for phrase in person.phrases:
            owners.setdefault(phrase_key(phrase), set()).add(i)
            for word in phrase_key(phrase).split():
                word_owners.setdefault(word, set()).add(i)
    kept = []
    for i, person in enumerate(people):
        person.phrases = [p for p in person.phrases
                          if phrase_verdict(p, owners[phrase_key(p)], word_owners, stop_words, counts) is None]
        if person.phrases:
            kept.append(person)
        else:
            counts["people dropped: no phrase left"] += 1
    return kept


def phrase_verdict(phrase: str, owners: set[int], word_owners: dict[str, set[int]], stop_words: frozenset[str],
                   counts: Counter) -> str | None:
    """Why a phrase is dropped (also counted), or None to keep it."""
    key = phrase_key(phrase)
    words = key.split()
    if len(key.replace(" ", "")) < 2 or re.search(r"[\x00-\x1f]", phrase):
        reason = "shorter than 2 characters or a broken character"
    elif len(owners) > 1:
        reason = "names two or more people"
    elif is_institution(phrase):
        reason = "names an institution"
    elif len(words) == 1:
        reason = one_word_verdict(key, word_owners.get(key, set()) | owners, stop_words)
    else:
        reason = None
    if reason is not None:
        counts[f"phrases dropped: {reason}"] += 1
    return reason


def one_word_verdict(key: str, owners: set[int], stop_words: frozenset[str]) -> str | None:
    """Why a one-word phrase (its key) is not a distinctive surname, or None."""
    if len(key) < 4 or not key.replace(" ", "").isalpha():
        return "one word of under 4 letters (or not letters)"
    if len(owners) > 1:
        return "one word that is also a word of another person's name"
    if key in stop_words or key in ENGLISH_WORDS:
        return "one word that is an English word (stop word or ENGLISH_WORDS)"
    return None


def person_rows(person: Person) -> list[tuple[str, ...]]:
    """The rows of one person: terms with the same country, sector, office and start joined (latest end)."""
    joined: dict[tuple, Term] = {}
    origins: dict[tuple, list[str]] = {}
    for term in person.terms:
        key = (term.country, term.sector, term.office, term.start)
        old = joined.get(key)
        if old is None or (old.end is not None and (term.end is None or term.end > old.end)):
            joined[key] = term
        origins.setdefault(key, []).append(term.origin)
    aliases = "|".join(person.phrases[1:])
    rows = []
    for key, term in joined.items():
        origin = "|".join(dict.fromkeys(sorted(origins[key], key=lambda o: (len(o), o))))
        rows.append((person.phrases[0], term.country, term.sector, term.office, _day(term.start), _day(term.end),
                     aliases, _day(term.known_to) if term.end is None else "", origin))
    return rows


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def sort_key(row: tuple[str, ...]) -> tuple:
    """Country, name, start (empty first), end (empty last), sector, office."""
    return row[1], row[0], row[4], row[5] or "9999", row[2], row[3]


def aliases_once(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The sorted rows with a person's aliases on the person's first row only (as in people.tsv)."""
    seen: set[str] = set()
    out = []
    for row in rows:
        out.append(row if row[0] not in seen else (*row[:6], "", *row[7:]))
        seen.add(row[0])
    return out


def render(rows: list[tuple[str, ...]], counts: Counter, people: int) -> str:
    """The file's text: comment header (source, rules, counts), header row, rows."""
    phrases = len({row[0] for row in rows}) + sum(len(row[6].split("|")) for row in rows if row[6])
    head = [
        f"# generated by tools/build_officials.py from {PHOENIX} (openeventdata/petrarch2, 676801c, MIT) and",
        f"# {WIKIDATA} (every-politician-scrapers/world-leaders-2021, be7039c, Wikidata CC0);",
        "# do not edit: rerun the script. Rules: the script's docstring. One row per term; sector ELI = a period",
        "# as a non-office elite; known_to (open terms only) = the last day the source knew of: Phoenix",
        "# 2014-01-30 (or the term's start if later), Wikidata 2022-10-10. Wikidata years: 1 Jan to 31 Dec.",
        "# aliases: on the person's first row only (the person is the name; the loader joins the rows).",
        f"# rows: {len(rows)}; people: {people}; phrases (names and aliases): {phrases}",
    ]
    head += [f"# {what}: {number}" for what, number in sorted(counts.items())]
    body = ["\t".join(HEADER)] + ["\t".join(row) for row in rows]
    return "\n".join(head + body) + "\n"


def build(sources: Path, countries: Path = COUNTRIES) -> str:
    """The text of officials.tsv built from the source folder."""
    counts: Counter = Counter()
    cameo, names = read_countries(countries)
    phoenix = merge_people(phoenix_people(sources / PHOENIX, cameo, counts))
    people = merge_sources(phoenix, wikidata_people(sources / WIKIDATA, names, counts), counts)
    people = clean_phrases(people, english_stop_words(), counts)
    rows = sorted((row for person in people for row in person_rows(person)), key=sort_key)
    return render(aliases_once(rows), counts, len(people))


def english_stop_words() -> frozenset[str]:
    """spaCy's English stop words (lower case)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(word.lower() for word in STOP_WORDS)


def main(argv: list[str] | None = None) -> int:
    """Command line: write officials.tsv."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="the knowledge-sources folder")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the file to write")
    args = parser.parse_args(argv)
    text = build(args.sources)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {text.count(chr(10)) - text.count(chr(10) + '#') - 2} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
