"""tools/build_parties.py: Party Facts parties -> parties.tsv (which rows, which phrases, alias or context)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "knowledge-sources"
needs_shared = pytest.mark.skipif(not (SOURCES / "partyfacts-core-parties.csv").exists(),
                                  reason="../shared is absent")


def load_tool():
    """Import tools/build_parties.py as a module."""
    spec = importlib.util.spec_from_file_location("build_parties", ROOT / "tools" / "build_parties.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_parties"] = module
    spec.loader.exec_module(module)
    return module


bp = load_tool()

CORE_COLUMNS = ("country,partyfacts_id,technical,name_short,name,name_english,name_other,year_first,year_last,"
                "share,share_year,new,wikipedia,description,comment,created,modified").split(",")
COUNTRIES = """# tiny countries.tsv
iso3\tcameo\tname\taliases\tadjectives\tdemonyms\tcapital\tregion
ARG\t\tArgentina\t\tArgentine\t\t\t
GBR\t\tUnited Kingdom\tUK|Britain\tBritish\t\t\t
IND\t\tIndia\t\tIndian\t\t\t
JAM\t\tJamaica\t\tJamaican\t\t\t
MEX\t\tMexico\t\tMexican\t\t\t
NZL\t\tNew Zealand\t\t\t\t\t
ROU\tROM\tRomania\t\tRomanian\t\t\t
ZAF\t\tSouth Africa\t\t\t\t\t
"""
VOCABULARY = bp.Vocabulary(stop_words=frozenset({"it", "us", "we"}),
                           words=frozenset({"act", "labour", "unity", "party"}), codes=frozenset({"ROM", "MEX"}))


def party(country, pid, short, name, english, **other):
    """One Party Facts core row (``other``: first, last, technical, wikipedia, other)."""
    return {"country": country, "partyfacts_id": pid, "technical": other.get("technical", ""), "name_short": short,
            "name": name, "name_english": english, "name_other": other.get("other", ""),
            "year_first": other.get("first", "1990"), "year_last": other.get("last", ""),
            "wikipedia": other.get("wikipedia", "")}


ROWS = [
    party("IND", "1", "BJP", "Bharatiya Janata Party", "Indian People's Party",
          wikipedia="https://en.wikipedia.org/wiki/Bharatiya_Janata_Party"),
    party("MEX", "2", "PAN", "Partido Acción Nacional", "National Action Party"),
    party("ARG", "3", "PAN", "Partido Autonomista Nacional", "National Autonomist Party"),
    party("GBR", "4", "Lab", "Labour Party", "Labour"),
    party("JAM", "5", "LP", "Jamaica Labour Party", "Labour Party"),
    party("ZAF", "6", "DA", "Democratic Alliance", "Democratic Alliance"),
    party("NZL", "7", "ACT", "ACT New Zealand", "ACT New Zealand"),
    party("GBR", "8", "UK", "United Kingdom Unity", "Unity"),
    party("IND", "9", "OLD", "Old Party of India", "Old Party of India", first="1950", last="1985"),
    party("IND", "10", "RECENT", "Recent Front of India", "Recent Front of India", first="1980", last="1995"),
    party("NIR", "11", "SDLP", "Social Democratic and Labour Party", "Social Democratic and Labour Party"),
    party("DDR", "12", "SED", "Sozialistische Einheitspartei Deutschlands", "Socialist Unity Party of Germany"),
    party("MEX", "13", "etc", "other", "other", technical="7"),
    party("MEX", "14", "FDM", "Frente Democrático Mexicano", "Mexican Democratic Front", last="1996"),
    party("MEX", "15", "FDM", "Frente Democrático Mexicano", "Mexican Democratic Front"),
    party("ROU", "16", "ROM", "Partidul Romilor", "Roma Party", other="Romanian: Partida Romilor"),
    party("MEX", "17", "MC", "Movimiento Ciudadano", "Citizens' Movement"),
    party("MEX", "18", "XYZ", "Partido X", "Convergence for Mexico / Citizens' Movement"),
    party("MEX", "19", "PV", "Partido Verde", "Green Front"),
    party("MEX", "20", "PVX", "Partido Verde Unido", "Green Front"),
]


@pytest.fixture
def built(tmp_path):
    """parties.tsv built from ROWS (and a one-row Wikidata file) as {party name: row}, and the text."""
    with (tmp_path / bp.CORE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, CORE_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(ROWS)
    (tmp_path / bp.WIKIDATA).write_text("country,partyfacts_id,wikidata_id,name,name_short,name_native\n"
                                        "MEX,2,Q1,National Action Party (Mexico),PAN,Partido Acción Nacional\n",
                                        encoding="utf-8")
    (tmp_path / "countries.tsv").write_text(COUNTRIES, encoding="utf-8")
    text = bp.build(tmp_path, tmp_path / "countries.tsv", VOCABULARY)
    lines = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == list(bp.COLUMNS)
    return {row[0]: dict(zip(bp.COLUMNS, row)) for row in lines[1:]}, text


def test_rows_kept_by_year_country_and_kind(built):
    rows, text = built
    countries = sorted(row["country"] for row in rows.values())
    assert "DDR" not in countries and "NIR" not in countries
    assert not any("Old Party" in name for name in rows)
    assert "Recent Front of India" in rows
    assert {row["sector"] for row in rows.values()} == {"PTY"} and {row["code"] for row in rows.values()} == {""}
    assert "1 parties whose last year is before 1990" in text
    assert "1 parties of states that no longer exist (DDR)" in text
    assert "1 technical rows" in text


def test_region_maps_to_its_state(built):
    rows, _ = built
    (sdlp,) = [row for row in rows.values() if "SDLP" in row["aliases"] + row["context_aliases"]]
    assert sdlp["country"] == "GBR"
    assert sdlp["origin"] == f"{bp.CORE}:12"


def test_unique_acronym_and_news_name_are_aliases(built):
    rows, _ = built
    bjp = rows["Bharatiya Janata Party"]
    assert bjp["aliases"].split("|") == ["Indian People's Party"]
    # an acronym of three letters is borne by parties and groups of many countries: context only
    assert bjp["country"] == "IND" and bjp["context_aliases"] == "BJP"


def test_shared_acronym_is_a_context_alias_of_each_country(built):
    rows, _ = built
    mexico = rows["Partido Acción Nacional"]  # "National Action Party" is generic
    assert mexico["country"] == "MEX" and mexico["context_aliases"] == "National Action Party|PAN"
    assert mexico["aliases"] == ""
    assert mexico["origin"] == f"{bp.CORE}:3|{bp.WIKIDATA}:2"
    assert rows["National Autonomist Party"]["context_aliases"] == "PAN"


def test_generic_names_need_context(built):
    rows, _ = built
    jamaica = rows["Jamaica Labour Party"]
    assert jamaica["context_aliases"] == "Labour Party|LP" and jamaica["aliases"] == ""
    britain = rows["Labour Party (United Kingdom)"]
    assert britain["context_aliases"] == "Labour Party" and britain["aliases"] == ""
    alliance = rows["Democratic Alliance (South Africa)"]
    assert alliance["context_aliases"] == "Democratic Alliance|DA"


def test_words_and_common_abbreviations_are_no_aliases(built):
    rows, text = built
    assert not any("Unity" == name or "UK" in row["aliases"] + row["context_aliases"]
                   for name, row in rows.items())
    phrases = {p for row in rows.values() for p in (row["aliases"] + "|" + row["context_aliases"]).split("|")}
    assert "Lab" not in phrases and "UK" not in phrases
    act = rows["ACT New Zealand"]
    assert act["aliases"] == "" and act["context_aliases"] == "ACT"
    roma = rows["Roma Party"]
    assert roma["context_aliases"] == "ROM"  # a country code (CAMEO's Romania)
    assert "Partida Romilor" in roma["aliases"]


def test_phrase_of_two_parties_of_one_country(built):
    rows, text = built
    # the party still active keeps the names of the one that ended in 1996; that one is left with none
    front = rows["Mexican Democratic Front"]
    assert front["aliases"] == "Frente Democrático Mexicano" and front["context_aliases"] == "FDM"
    assert front["origin"] == f"{bp.CORE}:16"
    assert "1 parties left with no phrase" in text
    # a whole name beats a part of a cell of several names (an alliance's)
    assert rows["Movimiento Ciudadano"]["context_aliases"] == "Citizens' Movement|MC"  # MC: 2 letters
    assert rows["Convergence for Mexico"]["aliases"] == "Partido X"  # and "XYZ" as a context alias
    # held as strongly by two parties: dropped from both
    assert "Green Front" not in str(rows)
    assert rows["Partido Verde (Mexico)"]["context_aliases"] == "Partido Verde|PV"  # generic words only
    assert rows["Partido Verde Unido"]["context_aliases"] == "PVX"
    assert "6 phrases another party of the same country holds as strongly or more" in text  # 3 + 1 + 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("People's Party (Spain)", "People's Party"), ("Janata Dal (United)", "Janata Dal (United)"),
     ("The Greens", "Greens"), ("Nippon Ishin no Kai [Tō]", "Nippon Ishin no Kai"),
     ("Russian: Yabloko", "Yabloko"), ('Party "Yabloko"', "Party Yabloko"), ("NO2EU -- Yes", "NO2EU – Yes"),
     ("Arubaanse Volkspartij (Dutch)", "Arubaanse Volkspartij")],
)
def test_clean_name(text, expected):
    assert bp.clean_name(text, frozenset({"spain", "dutch"})) == expected


def test_split_names_and_acronyms():
    assert bp.split_names("A Party / B Party // C") == ["A Party", "B Party", "C"]
    assert bp.split_names("Alliance 90/The Greens") == ["Alliance 90/The Greens"]
    assert bp.split_names("Liberal Democratic Party/Clean Government Party") == [
        "Liberal Democratic Party", "Clean Government Party"]
    assert [bp.is_acronym(t) for t in ("PAN", "AfD", "PML-N", "MoDem", "Lab", "Yabloko", "A")] == [
        True, True, True, True, False, False, False]
    assert bp.wikipedia_title("https://en.wikipedia.org/wiki/1992_Georgian_general_election") == ""
    assert bp.wikipedia_title("https://en.wikipedia.org/wiki/Liberalism_in_Belgium#Liberal_Party") == ""
    assert bp.wikipedia_title("https://en.wikipedia.org/wiki/Slovak_People%27s_Party") == "Slovak People's Party"


@needs_shared
def test_committed_parties_file_is_what_the_script_builds_now():
    committed = (ROOT / "src" / "eventcoder" / "data" / "parties.tsv").read_text(encoding="utf-8")
    assert committed == bp.build(SOURCES)
