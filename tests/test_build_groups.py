"""tools/build_organisations.py and tools/build_armed_groups.py: parsing and code mapping on tiny inputs written
here in each source's format, and (with ../shared) that the committed data files are what the scripts make."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "knowledge-sources"
DATA = ROOT / "src" / "eventcoder" / "data"
sys.path.insert(0, str(ROOT / "tools"))

import build_armed_groups  # noqa: E402
import build_organisations  # noqa: E402

needs_shared = pytest.mark.skipif(not SOURCES.exists(), reason="../shared is absent")

INTERNATIONAL = """\
######   The United Nations  #######
UNITED_NATIONS_CHILDRENS_FUND_ [IGOUNOKID]
+UNICEF_
EUROPEAN_COMMISSION_ [IGOEUREEC]
OXFAM_ [NGOXFM]
RESISTANCE_ [NGOHRI]
AFRICAN_UNION_ [IGOAFR]
HUMAN_RIGHTS_WATCH_ [NGOUSAHRI]
+HRW_
AMNESTY_INTERNATIONAL_ [NGOHRI] # comment
+AI_
KOFI_ANNAN_
+SECRETARY-GENERAL_KOFI_ANNAN
\t[IGOUNO 970101-061231]
\t[ELI]
MICROSOFT_CORPORATION_ [MNCUSA]
+MICROSOFT_
UNDER_ARMOUR_INC_ [MNCUSA]
CNN_ [MNCUSAMED]
REUTERS
\t[MED]
SHELL_ [MNCGBR]
ASIA_BUSINESS_COUNCIL_ [NGOBUS]
+ABC_
AUSTRALIAN_BROADCASTING_CORPORATION_ [MNCAUSMED]
+ABC_
"""

MILNONSTATE = """\
# Phoenix MNSA actor file
LORD'S_RESISTANCE_ARMY [CFRREB] #  kkl 21 Mar 13
+LRA_
ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB]
+ADEN_ISLAMIC_ARMY_
AL-QAEDA_ [IMGMUSALQ]
KACH_ [MEAREB]
+KAHANE_CHAI_
"""

UCDP_COLUMNS = ["ActorId", "NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng", "NameChange", "NewName",
                "NewNameFullMotherTongue", "NewNameFullEng", "Org", "Location", "Region"]
UCDP_ROWS = [
    ["3", "Government of Colombia", "Government of Colombia", "n/a", "Government of Colombia", "0", "", "", "",
     "4", "Colombia", "5"],
    ["488", "LRA", "UDCA", "n/a", "Uganda Democratic Christian Army", "1", "LRA", "", "Lord\u2019s Resistance Army",
     "1", "Uganda, DR Congo (Zaire), Sudan", "4"],
    ["727", "ELN", "ELN", "Ejército de Liberación Nacional", "National Liberation Army", "0", "", "", "", "1",
     "Colombia", "5"],
    ["704", "ELN", "ELN", "Ejército de Liberación Nacional de Bolivia", "National Liberation Army", "0", "", "", "",
     "1", "Bolivia", "5"],
    ["775", "Sinaloa Cartel", "Cártel de Sinaloa", "n/a", "Sinaloa Cartel", "0", "", "", "", "1", "Mexico", "5"],
    ["600", "Fulani", "Fulani", "n/a", "Fulani", "0", "", "", "", "3", "Nigeria", "4"],
    ["234", "IS", "IS", "n/a", "The Monotheism and Jihad Group", "1", "ISI, IS", "",
     "Islamic State of Iraq, Islamic State", "1", "Iraq, Syria, Nigeria, Afghanistan", "2, 3, 4"],
]


def by_name(rows):
    return {row.phrases[0]: row for row in rows if row.phrases}


@pytest.fixture()
def organisations(tmp_path):
    path = tmp_path / "Phoenix.International.actors.txt"
    path.write_text(INTERNATIONAL, encoding="utf-8")
    return build_organisations.build_rows(path)


@pytest.fixture()
def armed_groups(tmp_path):
    phoenix = tmp_path / "Phoenix.MilNonState.actors.txt"
    phoenix.write_text(MILNONSTATE, encoding="utf-8")
    ucdp = tmp_path / "ucdp-actor-221.csv"
    with ucdp.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([UCDP_COLUMNS, *UCDP_ROWS])
    return build_armed_groups.build_rows(phoenix, ucdp)


def test_igos_map_to_uno_eur_or_igo_with_the_code_as_given(organisations):
    rows = by_name(organisations[0])
    unicef = rows["United Nations Childrens Fund"]
    assert (unicef.country, unicef.sector, unicef.code) == ("UNO", "IGO", "IGOUNOKID")
    assert "Unicef" not in unicef.phrases  # WordNet lists it: a one-word name WordNet lists is dropped
    assert rows["European Commission"].key() == ("EUR", "IGO", "IGOEUREEC")
    assert rows["African Union"].key() == ("IGO", "IGO", "IGOAFR")


def test_ngos_take_the_country_and_sector_of_their_code(organisations):
    rows = by_name(organisations[0])
    assert rows["Human Rights Watch"].key() == ("USA", "HRI", "NGOUSAHRI")
    assert "HRW" in rows["Human Rights Watch"].context  # a three-letter acronym of a row with a country
    assert rows["Oxfam"].phrases == ["Oxfam", "OXFAM"] and rows["Oxfam"].key() == ("NGO", "NGO", "NGOXFM")
    assert "Resistance" not in rows and "RESISTANCE" not in rows  # an ordinary word, in any case
    amnesty = rows["Amnesty International"]
    assert amnesty.key() == ("NGO", "HRI", "NGOHRI")
    assert "AI" not in amnesty.phrases + amnesty.context  # a two-letter acronym of a row without a country


def test_companies_are_business_of_their_country_or_media(organisations):
    rows, dropped = organisations
    named = by_name(rows)
    assert named["Microsoft Corporation"].key()[:2] == ("USA", "BUS")
    assert "Microsoft" in named["Microsoft Corporation"].context  # one word: only where its country is named
    assert "Under Armour" in named["Under Armour Inc"].phrases
    assert named["CNN [USA]"].key()[:2] == ("USA", "MED")  # a three-letter name: a label, "CNN" needs context
    assert "Shell" not in named  # an ordinary word
    assert dropped["left out: one-word name that is an ordinary word"] >= 1


def test_people_with_dated_codes_and_codes_without_a_country_are_left_out(organisations):
    rows, dropped = organisations
    names = {p for row in rows for p in row.phrases}
    assert "Kofi Annan" not in names and "Reuters" not in names
    assert dropped["left out: entries with a dated code (people) or no usable code"] == 1
    assert dropped["left out: entries whose code gives no country or sector (MED, HINRAD ...)"] == 1


def test_an_acronym_of_two_different_actors_is_dropped_from_both(organisations):
    rows = by_name(organisations[0])
    assert "ABC" not in rows["Asia Business Council"].phrases
    assert "ABC" not in rows["Australian Broadcasting Corporation"].phrases
    assert rows["Australian Broadcasting Corporation"].key()[:2] == ("AUS", "MED")


def test_code_mapping_of_cameo_country_codes():
    isos, cameo, _ = build_organisations.read_countries(build_organisations.COUNTRIES_TSV)
    assert build_organisations.map_international_code("MNCROM", isos, cameo) == ("ROU", "BUS")
    assert build_organisations.map_international_code("NGOAFRHLH", isos, cameo) == ("NGO", "HLH")
    assert build_organisations.map_international_code("HINRAD", isos, cameo) is None
    assert build_armed_groups.map_armed_code("MEAREB", isos, cameo) == (None, "REB")
    assert build_armed_groups.map_armed_code("IMGMUSALQ", isos, cameo) == ("IMG", "REB")


def test_a_ucdp_rebel_group_and_its_renamed_predecessor_merge_with_the_phoenix_entry(armed_groups):
    rows = by_name(armed_groups[0])
    lra = rows["Lord's Resistance Army"]
    assert (lra.country, lra.sector, lra.code) == ("UGA", "REB", "CFRREB")  # Phoenix code, UCDP country
    assert "Uganda Democratic Christian Army" in lra.phrases
    assert {"LRA"} <= set(lra.context)  # a three-letter acronym: only where Uganda is named
    assert lra.origin == "ucdp-actor-221.csv:3|Phoenix.MilNonState.actors.txt:2"
    assert armed_groups[1]["merged: Phoenix entries merged into a UCDP group"] == 1


def test_ucdp_governments_and_communal_groups_are_left_out(armed_groups):
    rows, dropped = armed_groups
    names = {p for row in rows for p in row.phrases}
    assert "Government of Colombia" not in names and "Fulani" not in names
    assert dropped["left out: UCDP governments (countries are known already)"] == 1
    assert dropped["left out: UCDP identity or communal groups (not militias)"] == 1


def test_phoenix_armed_groups_keep_their_codes(armed_groups):
    rows = by_name(armed_groups[0])
    aden = rows["Aden Abyan Islamic Army"]
    assert aden.key() == ("YEM", "REB", "YEMREB") and "AAIA" in aden.phrases
    assert rows["Al-Qaeda"].key() == ("IMG", "REB", "IMGMUSALQ")
    assert rows["Kahane Chai"].key()[:2] == ("INT", "REB")  # a region code only


def test_shared_acronyms_and_names_of_armed_groups_are_dropped_and_transnational_groups_are_img(armed_groups):
    rows = armed_groups[0]
    eln = [r for r in rows if r.origin.startswith("ucdp") and r.code in ("COLREB", "BOLREB")]
    assert len(eln) == 2
    for row in eln:
        # a name and an acronym two countries' groups share: context aliases of each (the article's country
        # chooses), never plain names
        assert "ELN" not in row.phrases and "National Liberation Army" not in row.phrases
        assert "ELN" in row.context
    assert by_name(rows)["Sinaloa Cartel"].key() == ("MEX", "CRM", "MEXCRM")  # a cartel is criminal
    islamic_state = by_name(rows)["Islamic State"]
    assert islamic_state.country == "IMG"
    assert {"Monotheism and Jihad Group", "Islamic State of Iraq", "ISI"} <= set(islamic_state.phrases)


@needs_shared
@pytest.mark.parametrize("script, name", [(build_organisations, "organisations.tsv"),
                                          (build_armed_groups, "armed_groups.tsv")])
def test_committed_file_is_what_the_script_makes(tmp_path, script, name):
    out = tmp_path / name
    script.build(SOURCES, out)
    assert out.read_text(encoding="utf-8") == (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["organisations.tsv", "armed_groups.tsv"])
def test_generated_files_follow_the_named_actor_format(name):
    isos, _, _ = build_organisations.read_countries(build_organisations.COUNTRIES_TSV)
    countries = isos | build_organisations.STATELESS
    lines = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines[0].split("\t") == list(build_organisations.COLUMNS)
    for line in lines[1:]:
        name_, country, sector, code, aliases, context, origin = line.split("\t")
        assert country in countries and sector in build_organisations.SECTOR_CODES, line
        assert code == "" or re.fullmatch(r"[A-Z][A-Z0-9]{2,}", code), line
        phrases = [name_] + (aliases.split("|") if aliases else []) + (context.split("|") if context else [])
        assert all(len(p) >= 2 and p == p.strip() and not p.lower().startswith("the ") for p in phrases), line
        assert re.fullmatch(r"[\w.-]+:\d+(\|[\w.-]+:\d+)*", origin), line
