"""tools/build_officials.py: the Phoenix and Wikidata readers, the date and code rules, merging and the phrase
rules on tiny inputs in the sources' formats; and the committed officials.tsv against the script's output."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "knowledge-sources"
needs_shared = pytest.mark.skipif(not SOURCES.exists(), reason="../shared is absent")


def _load():
    spec = importlib.util.spec_from_file_location("build_officials", ROOT / "tools" / "build_officials.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bo = _load()

PHOENIX = """# TABARI-formatted .actor file
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_

HAMID_KARZAI_  # CountryInfo.txt
+KARZAI_
+PRESIDENT_KARZAI_
\t[AFGELI 750101-000101]
\t[AFGGOV >011222]
\t[AFGELI]
LEONID_BREZHNEV_  # CountryInfo.txt
SECRETARY_BREZHNEV
\t[RUSELI 19240101-641014]
\t[RUSGOV 641014-821110]
PULANE_MOLEFE_  # CountryInfo.txt
\t[BWAGOVEDU 030101-041130]
ION_POPESCU_  # CountryInfo.txt
+BROWN_
\t[ROMGOV <20050101]
GEORGE_BUSH_  # CountryInfo.txt
+PRESIDENT_GEORGE_BUSH
\t[USAGOV 890120-930120]
GEORGE_W._BUSH_  # CountryInfo.txt
+PRESIDENT_GEORGE_BUSH_
+BUSH_ADMINISTRATION
\t[USAGOV 20010120-20090120]
\t[USAELI]
MOHAMED_ELBARADEI_
\t[IGOUNOIAE 971201-091130]
\t[EGYGOV 130714-130814]
SYRIAN_NATIONAL_COUNCIL_
\t[SYROPP >110801]
EDI_RAMA_  # CountryInfo.txt
\t[ALBOPP 050101-130915]
"""

WIKIDATA = """countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year
Q222,Albania,Q1,Prime Minister of Albania,Q316901,Edi Rama,2013,
Q222,Albania,Q2,President of Albania,Q727132,Ilir Meta,2017,2022
Q1,Somaliland,Q3,President of Somaliland,Q9,Muse Bihi Abdi,2017,
Q408,Australia,Q4,monarch of Australia,Q9682,Elizabeth II,1952,2022
Q145,United Kingdom,Q5,monarch of the United Kingdom,Q9682,Elizabeth II,1952,2022
"""


@pytest.fixture()
def built(tmp_path):
    (tmp_path / bo.PHOENIX).write_text(PHOENIX, encoding="utf-8")
    (tmp_path / bo.WIKIDATA).write_text(WIKIDATA, encoding="utf-8")
    text = bo.build(tmp_path)
    lines = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == list(bo.HEADER)
    return text, [dict(zip(bo.HEADER, line)) for line in lines[1:]]


def test_parse_code_reads_closed_open_before_and_undated_restrictions():
    assert bo.parse_code("BWAGOVEDU 030101-041130") == ("BWAGOVEDU", date(2003, 1, 1), date(2004, 11, 30), True)
    assert bo.parse_code("AFGGOV >100801") == ("AFGGOV", date(2010, 8, 1), None, True)
    assert bo.parse_code("EGYGOV > 140608") == ("EGYGOV", date(2014, 6, 8), None, True)
    assert bo.parse_code("USRTJK <19910909") == ("USRTJK", None, date(1991, 9, 9), True)
    assert bo.parse_code("MNEGOV 20121204") == ("MNEGOV", date(2012, 12, 4), None, True)
    assert bo.parse_code("BRAELI") == ("BRAELI", None, None, False)
    assert bo.parse_code("AFGELI 320101-331108")[1] == date(1932, 1, 1)  # 19YY from 30 on
    for bad in ("IRQOCC 1920030320-20060520", "ARMUNR 9008223-911221", "AFGGOV 050101-040101"):
        with pytest.raises(ValueError):
            bo.parse_code(bad)


def test_default_code_fills_gaps_and_the_time_after_the_last_dated_end():
    gap = [(date(1975, 1, 1), date(2000, 1, 1)), (date(2001, 12, 22), None)]
    assert bo.default_spans(gap) == [(date(2000, 1, 2), date(2001, 12, 21))]
    closed = [(date(1985, 3, 11), date(1991, 8, 24)), (date(1948, 1, 1), date(1985, 3, 11))]
    assert bo.default_spans(closed) == [(date(1991, 8, 25), None)]
    assert bo.default_spans([]) == [(None, None)]


def test_codes_give_iso_country_sector_and_secondary_sectors_in_office():
    cameo, _ = bo.read_countries(bo.COUNTRIES)
    assert bo.split_code("ROMGOV", cameo) == ("ROU", "GOV", 3)
    assert bo.split_code("KSVGOV", cameo) == ("XKX", "GOV", 3)
    assert bo.split_code("USAASMGOV", cameo) == ("ASM", "GOV", 6)
    assert "IGO is not a country" in bo.split_code("IGOUNOIAE", cameo)
    assert "unknown" in bo.split_code("IRQOCC", cameo)
    assert bo.office_text("BWAGOVEDU") == "government: education (Phoenix BWAGOVEDU)"
    counts = Counter()
    term = bo.code_term("BWAGOVEDU", (date(2003, 1, 1), None), "x:1", cameo, counts)
    assert (term.country, term.sector, term.known_to) == ("BWA", "GOV", bo.PHOENIX_KNOWN_TO)
    assert bo.code_term("IGOUNOIAE", (None, None), "x:2", cameo, counts) is None and sum(counts.values()) == 1


def test_entries_group_as_petrarch_reads_them_and_only_people_are_kept(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(PHOENIX, encoding="utf-8")
    entries = {e.phrases[0]: e for e in bo.read_entries(path)}
    assert entries["LEONID_BREZHNEV_"].phrases == ["LEONID_BREZHNEV_", "SECRETARY_BREZHNEV"]
    assert len(entries["LEONID_BREZHNEV_"].codes) == 2 and entries["LEONID_BREZHNEV_"].marked
    assert not bo.is_person_entry(entries["AFGHANISTAN_"])
    assert not bo.is_person_entry(entries["SYRIAN_NATIONAL_COUNCIL_"])
    assert bo.is_person_entry(entries["MOHAMED_ELBARADEI_"])  # hand-added: 2 words, dated 6-letter codes
    assert bo.person_case("BASHAR_AL-ASSAD_") == "Bashar al-Assad"
    assert bo.person_case("JOHN_MCCAIN") == "John McCain"
    assert bo.person_case("DOMINIQUE_DE_VILLEPIN") == "Dominique de Villepin"
    assert bo.person_case("US_PRESIDENT_GEORGE_W._BUSH") == "US President George W. Bush"
    assert bo.person_case('TZIPORA_"TZIPI"_LIVNI') == "Tzipora Livni"
    assert bo.person_case("NIKOLAY_TODOROV_(ACTING") == "Nikolay Todorov"
    assert bo.person_case("PRESIDENT_XI_JINPING") == "President Xi Jinping"  # XI is no Roman numeral here ...
    assert bo.person_case("TAUFA'AHAU_TUPOU_IV") == "Taufa'ahau Tupou IV"  # ... IV as the last word is


def test_rows_of_a_phoenix_person_dated_open_and_default(built):
    _, rows = built
    karzai = [r for r in rows if r["name"] == "Hamid Karzai"]
    assert [(r["sector"], r["start"], r["end"], r["known_to"]) for r in karzai] == [
        ("ELI", "1975-01-01", "2000-01-01", ""), ("ELI", "2000-01-02", "2001-12-21", ""),
        ("GOV", "2001-12-22", "", "2014-01-30")]
    assert karzai[0]["aliases"] == "Karzai|President Karzai" and karzai[1]["aliases"] == ""
    assert karzai[2]["origin"] == f"{bo.PHOENIX}:10"
    minister = next(r for r in rows if r["name"] == "Pulane Molefe")
    assert (minister["country"], minister["sector"], minister["start"], minister["end"]) == (
        "BWA", "GOV", "2003-01-01", "2004-11-30")
    assert minister["office"] == "government: education (Phoenix BWAGOVEDU)"
    assert next(r for r in rows if r["name"] == "Ion Popescu")["country"] == "ROU"
    elbaradei = [r for r in rows if r["name"] == "Mohamed Elbaradei"]
    assert [(r["country"], r["sector"]) for r in elbaradei] == [("EGY", "GOV")]  # the IGO code is skipped


def test_ambiguous_institution_and_english_one_word_phrases_are_dropped(built):
    text, rows = built
    phrases = {p for r in rows for p in [r["name"], *r["aliases"].split("|")] if p}
    assert "President George Bush" not in phrases  # names both Bushes
    assert "Bush Administration" not in phrases and "Brown" not in phrases
    assert {"George Bush", "George W. Bush", "Karzai", "Secretary Brezhnev"} <= phrases
    assert "Syrian National Council" not in phrases and "Afghanistan" not in phrases
    assert "# phrases dropped: names two or more people: 2" in text


def test_wikidata_year_rule_merge_and_left_out_holders(built):
    text, rows = built
    rama = [r for r in rows if r["name"] == "Edi Rama"]
    assert [(r["sector"], r["start"], r["end"], r["known_to"]) for r in rama] == [
        ("OPP", "2005-01-01", "2013-09-15", ""), ("GOV", "2013-01-01", "", "2022-10-10")]
    assert rama[1]["office"] == "Prime Minister of Albania" and rama[1]["origin"] == f"{bo.WIKIDATA}:2"
    assert rama[0]["origin"].startswith(bo.PHOENIX)
    meta = next(r for r in rows if r["name"] == "Ilir Meta")
    assert (meta["start"], meta["end"], meta["known_to"]) == ("2017-01-01", "2022-12-31", "")
    assert not any(r["name"] in ("Muse Bihi Abdi", "Elizabeth II") for r in rows)
    assert "# Wikidata holders merged with a Phoenix person: 1" in text
    assert "# Wikidata holders left out: listed for several countries (personal unions): 1" in text


def test_output_is_sorted_and_deterministic(built, tmp_path):
    text, rows = built
    assert bo.build(tmp_path) == text
    keys = [(r["country"], r["name"], r["start"]) for r in rows]
    assert keys == sorted(keys)


@needs_shared
def test_committed_officials_tsv_is_what_the_script_builds():
    committed = (ROOT / "src" / "eventcoder" / "data" / "officials.tsv").read_text(encoding="utf-8")
    assert bo.build(SOURCES) == committed, "rerun: python tools/build_officials.py"
