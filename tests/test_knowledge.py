"""Tests for eventcoder.knowledge: the package's knowledge files and their loader."""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from eventcoder.knowledge import (
    SECTOR_CODES,
    CameoCode,
    GazetteerEntry,
    KnowledgeError,
    PloverLabel,
    load_knowledge,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def entries(kb, phrase: str, kind: str | None = None) -> list[GazetteerEntry]:
    return [e for e in kb.entries if e.phrase == phrase and (kind is None or e.kind == kind)]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- countries ---------------------------------------------------------------------------------


def test_knowledge_kyrgyz_is_a_kgz_adjective(kb):
    (entry,) = entries(kb, "Kyrgyz", "adjective")
    assert (entry.country, entry.code, entry.name, entry.sector) == ("KGZ", "KGZ", "Kyrgyzstan", None)
    assert entry.source.startswith("countries.tsv:")
    assert {e.kind for e in entries(kb, "Kyrgyz")} == {"adjective", "demonym"}
    assert entries(kb, "Kyrgyzstanis", "demonym")[0].country == "KGZ"
    assert entries(kb, "Kyrgyz Republic", "country")[0].name == "Kyrgyzstan"


def test_knowledge_bishkek_is_the_capital_of_kgz(kb):
    assert kb.capital_of("KGZ") == "Bishkek"
    assert kb.country_of_capital("Bishkek") == "KGZ"
    (entry,) = entries(kb, "Bishkek", "capital")
    assert (entry.country, entry.sector, entry.code) == ("KGZ", "GOV", "KGZ")


def test_knowledge_capitals_with_several_spellings(kb):
    assert kb.capital_of("KAZ") == "Astana"
    assert kb.country_of_capital("Nur-Sultan") == "KAZ"
    assert kb.capital_of("UKR") == "Kyiv"
    assert kb.country_of_capital("kiev") == "UKR"
    assert kb.country_of_capital("  Chișinău ") == "MDA"
    assert kb.country_of_capital("Chisinau") == "MDA"
    assert kb.country_of_capital("N’Djamena") == "TCD"
    assert kb.country_of_capital("Atlantis") is None
    assert kb.capital_of("ATA") is None


def test_knowledge_country_names_and_cameo_codes(kb):
    assert kb.country_name("KGZ") == "Kyrgyzstan"
    assert kb.country_name("kgz") == "Kyrgyzstan"
    assert kb.country_name("ROU") == kb.country_name("ROM") == "Romania"
    assert kb.country_name("ZZZ") is None
    assert entries(kb, "Romanian", "adjective")[0].code == "ROM"
    kosovo = entries(kb, "Kosovo", "country")[0]
    assert (kosovo.country, kosovo.code) == ("XKX", "KSV")
    assert entries(kb, "Taiwanese", "adjective")[0].country == "TWN"
    assert entries(kb, "Palestinian", "adjective")[0].country == "PSE"
    assert kb.capital_of("TMP") == "Dili"


@pytest.mark.parametrize(
    ("alias", "iso3"),
    [
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Britain", "GBR"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Republic of Korea", "KOR"),
        ("Russian Federation", "RUS"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Kirghizia", "KGZ"),
        ("DRC", "COD"),
    ],
)
def test_knowledge_country_aliases(kb, alias, iso3):
    assert [e.country for e in entries(kb, alias, "country")] == [iso3]


def test_knowledge_every_iso_country_is_listed_with_an_adjective(kb):
    adjectives = defaultdict(list)
    for entry in kb.entries:
        if entry.kind == "adjective":
            adjectives[entry.country].append(entry.phrase)
    iso = {country.alpha_3 for country in pycountry.countries}
    assert iso | {"XKX"} == set(adjectives)
    assert all(adjectives.values())


def test_knowledge_ambiguous_adjectives_are_the_documented_ones(kb):
    countries = defaultdict(set)
    for entry in kb.entries:
        if entry.kind in {"adjective", "demonym"}:
            countries[entry.phrase].add(entry.country)
    shared = {phrase for phrase, isos in countries.items() if len(isos) > 1}
    assert shared == {"Congolese"}
    assert entries(kb, "Congolese", "adjective")[0].country == "COD"  # the first one: the DR Congo
    assert [e.country for e in entries(kb, "Dominican", "adjective")] == ["DOM"]


# --- metonyms, organisations, agents --------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "iso3", "sector"),
    [
        ("Kremlin", "RUS", "GOV"),
        ("White House", "USA", "GOV"),
        ("Pentagon", "USA", "MIL"),
        ("Élysée", "FRA", "GOV"),
        ("Capitol Hill", "USA", "LEG"),
        ("Zhongnanhai", "CHN", "GOV"),
        ("Knesset", "ISR", "LEG"),
    ],
)
def test_knowledge_metonyms(kb, phrase, iso3, sector):
    (entry,) = entries(kb, phrase, "metonym")
    assert (entry.country, entry.sector, entry.code) == (iso3, sector, iso3)


def test_knowledge_sco_names_share_one_code(kb):
    codes = {e.code for name in ("SCO", "Shanghai Cooperation Organization", "Shanghai Cooperation Organisation")
             for e in entries(kb, name, "igo")}
    assert codes == {"IGOSCO"}
    (entry,) = entries(kb, "SCO", "igo")
    assert (entry.country, entry.sector, entry.name) == ("IGO", "IGO", "Shanghai Cooperation Organisation")


@pytest.mark.parametrize(
    ("phrase", "code", "country", "sector"),
    [
        ("U.N.", "IGOUNO", "UNO", "IGO"),
        ("UNHCR", "IGOUNOHCR", "UNO", "IGO"),
        ("EU", "IGOEEC", "EUR", "IGO"),
        ("NATO", "IGONAT", "IGO", "IGO"),
        ("CSTO", "IGOCSTO", "IGO", "IGO"),
        ("ECOWAS", "IGOWAS", "IGO", "IGO"),
        ("Organisation of Turkic States", "IGOOTS", "IGO", "IGO"),
        ("Doctors Without Borders", "NGOMSF", "NGO", "NGO"),
        ("ICRC", "NGOIRC", "NGO", "NGO"),
    ],
)
def test_knowledge_organisations(kb, phrase, code, country, sector):
    (entry,) = entries(kb, phrase, "igo")
    assert (entry.code, entry.country, entry.sector) == (code, country, sector)


def test_knowledge_the_bloc_is_not_an_alias(kb):
    assert not entries(kb, "the bloc") and not entries(kb, "bloc")


@pytest.mark.parametrize(
    ("phrase", "sector", "name"),
    [
        ("foreign ministers", "GOV", "foreign minister"),
        ("fm", "GOV", "fm"),
        ("border guards", "MIL", "border guard"),
        ("security forces", "COP", "security forces"),
        ("interior ministry", "COP", "interior ministry"),
        ("state committee for national security", "SPY", "state committee for national security"),
        ("prosecutor general's office", "JUD", "prosecutor general's office"),
        ("lawmakers", "LEG", "lawmaker"),
        ("insurgents", "INS", "insurgent"),
        ("gunmen", "UAF", "gunman"),
        ("protesters", "CVL", "protester"),
        ("asylum seekers", "REF", "asylum seeker"),
        ("workers' committee", "LAB", "workers' committee"),
        ("cleric", "REL", "cleric"),
    ],
)
def test_knowledge_agents(kb, phrase, sector, name):
    (entry,) = entries(kb, phrase, "agent")
    assert (entry.sector, entry.name, entry.country, entry.code) == (sector, name, None, None)


def test_knowledge_counts(kb):
    names = defaultdict(set)
    for entry in kb.entries:
        names[entry.kind].add(entry.code if entry.kind == "igo" else entry.name)
    assert len(names["igo"]) >= 120
    assert len(names["agent"]) >= 300
    assert len(names["metonym"]) >= 40
    assert len({e.country for e in kb.entries if e.kind == "country"}) == 250


def test_knowledge_sectors_and_kinds_are_known(kb):
    assert {e.sector for e in kb.entries} <= SECTOR_CODES | {None}
    assert {e.kind for e in kb.entries} == {"country", "adjective", "demonym", "capital", "metonym", "igo", "agent"}
    assert {e.country for e in kb.entries if e.kind == "igo"} == {"IGO", "UNO", "EUR", "NGO"}
    assert all(e.phrase and e.phrase == e.phrase.strip() for e in kb.entries)


# --- CAMEO and PLOVER ----------------------------------------------------------------------------


def test_knowledge_cameo_042(kb):
    assert kb.cameo("042") == CameoCode("042", "Make a visit", "04", 1, 1.9)


def test_knowledge_cameo_values(kb):
    assert kb.cameo("190").quad_class == 4
    assert kb.cameo("190").goldstein == -10.0
    assert kb.cameo("0311").goldstein == 5.2
    assert kb.cameo("1951").goldstein == kb.cameo("195").goldstein  # blank in GDELT: parent's value
    assert kb.cameo("044").label == 'Meet at a "third" location'


def test_knowledge_cameo_codes_lists_every_code_in_order(kb):
    codes = kb.cameo_codes()
    assert codes == tuple(_all_codes())
    assert (len(codes), codes[0], codes[-1]) == (318, "01", "2042")


def test_knowledge_cameo_unknown_code_raises_keyerror(kb):
    with pytest.raises(KeyError, match="unknown CAMEO event code '999'"):
        kb.cameo("999")


def test_knowledge_cameo_quad_class_follows_gdelt_rule(kb):
    codes = [kb.cameo(code) for code in _all_codes()]
    assert len(codes) == 318
    rule = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2),
            **dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
    assert all(code.quad_class == rule[int(code.root)] for code in codes)
    assert all(code.goldstein is not None for code in codes)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("0311", PloverLabel("AGREE", None, "economic")),  # its own row
        ("042", PloverLabel("CONSULT", "visit", None)),
        ("1951", PloverLabel("ASSAULT", "heavy-weapons", "military")),  # no row: 3-digit parent 195
        ("1834", PloverLabel("ASSAULT", "suicide-attack", None)),  # no row: parent 183
        ("155", PloverLabel("MOBILIZE", None, None)),  # no row, no parent: root default 15
        ("011", PloverLabel(None, None, None)),  # root 01 dropped by PLOVER
        ("0231", PloverLabel(None, None, None)),  # root 02 dropped by PLOVER
        ("091", PloverLabel("ACCUSE", "investigate", "crime|corruption")),
        ("08", PloverLabel("CONCEDE", None, None)),
        ("0872", PloverLabel("RETREAT", "withdraw", "military")),
    ],
)
def test_knowledge_plover_fallbacks(kb, code, expected):
    assert kb.plover(code) == expected


def test_knowledge_plover_covers_every_code_and_rejects_unknown(kb):
    assert all(isinstance(kb.plover(code), PloverLabel) for code in _all_codes())
    with pytest.raises(KeyError, match="unknown CAMEO event code"):
        kb.plover("2099")


@pytest.mark.skipif(not (SHARED / "codebook").is_dir(), reason="needs ../shared")
def test_knowledge_cameo_codes_match_shared_codebook(kb):
    with (SHARED / "codebook" / "cameo_event_codes.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == 318
    for row in rows:
        code = kb.cameo(row["code"])
        assert (code.label, code.root, code.quad_class) == (row["label"], row["root_code"], int(row["quad_class"]))
        if row["goldstein"]:
            assert code.goldstein == float(row["goldstein"])


def _all_codes() -> list[str]:
    text = (resources.files("eventcoder") / "data" / "cameo_codes.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t")[0] for line in lines[1:]]


# --- loading ---------------------------------------------------------------------------------------


def test_knowledge_load_is_cached():
    assert load_knowledge() is load_knowledge()


def test_knowledge_user_file_adds_entries(tmp_path, kb):
    path = write(tmp_path, "extra_agents.tsv", "phrase\tsector\tplural\n# comment\nhetman\tMIL\thetmans\n")
    extended = load_knowledge((path,))
    (entry,) = entries(extended, "hetmans", "agent")
    assert (entry.sector, entry.name, entry.source) == ("MIL", "hetman", f"{path}:3")
    assert len(extended.entries) == len(kb.entries) + 2
    assert not entries(load_knowledge(), "hetman")


def test_knowledge_user_countries_file_overrides_lookups(tmp_path):
    row = "XXA\t\tFreedonia\tGrand Fenwick\tFreedonian\tFreedonians\tFreedon City\tSouthern Europe\n"
    header = "iso3\tcameo\tname\taliases\tadjectives\tdemonyms\tcapital\tregion\n"
    countries = write(tmp_path, "c.tsv", header + row)
    metonyms = write(tmp_path, "m.tsv", "phrase\tiso3\tsector\nHouse of Firefly\tXXA\tGOV\n")
    extended = load_knowledge((metonyms, countries))  # order does not matter: countries load first
    assert extended.country_of_capital("Freedon City") == "XXA"
    assert entries(extended, "House of Firefly", "metonym")[0].country == "XXA"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("agents.tsv", "phrase\tsector\tplural\nsoldier\tMIL\tsoldiers\nwizard\tXYZ\twizards\n",
         "line 3: unknown sector code 'XYZ'"),
        ("agents.tsv", "phrase\tsector\tplural\n\tGOV\tx\n", "line 2: empty phrase"),
        ("agents.tsv", "phrase\tsector\tplural\nsoldier\tMIL\n", "line 2: expected 3 tab-separated columns, found 2"),
        ("agents.tsv", "phrase\tsector\tplural\nhetman\tMIL\t\n# note\nHetman\tGOV\t\n",
         "line 4: agent phrase 'Hetman' must be lower case"),
        ("agents.tsv", "phrase\tsector\tplural\nhetman\tMIL\thetmans\nhetmans\tGOV\t\n",
         "line 3: duplicate agent phrase 'hetmans' (already on line 2)"),
        ("agents.tsv", "phrase\tsector\tplural\nhetman\tMIL\thetmans||hetmen\n", "line 2: empty value in plural"),
        ("metonyms.tsv", "phrase\tiso3\tsector\nCastle\tQQQ\tGOV\n", "line 2: unknown country 'QQQ'"),
        ("igos.tsv", "code\tcountry\tname\taliases\nIGOXX\tIGO\tX Union\tXU\nIGOXX\tIGO\tY Union\t\n",
         "line 3: duplicate code 'IGOXX' (already on line 2)"),
        ("igos.tsv", "code\tcountry\tname\taliases\nIGOXX\tIGO\tX Union\tXU\nIGOYY\tIGO\tY Union\txu\n",
         "line 3: duplicate organisation name or alias 'xu' (already on line 2)"),
        ("countries.tsv", "iso3\tcameo\tname\taliases\tadjectives\tdemonyms\tcapital\tregion\n"
         "XXA\t\tFreedonia\t\tFreedonian\t\t\t\nXXA\t\tFreedonia\t\tFreedonian\t\t\t\n",
         "line 3: duplicate iso3 'XXA' (already on line 2)"),
        ("cameo.tsv", "code\tlabel\troot\tquad_class\tgoldstein\n042\tVisit\t04\t5\t1.9\n",
         "line 2: bad quad_class '5'"),
        ("plover.tsv", "cameo_code\tplover_type\tplover_mode\tplover_context\n4x\tAGREE\t\t\n",
         "line 2: bad cameo_code '4x'"),
        ("odd.tsv", "# header below\nword\tmeaning\n", "line 2: unknown header 'word meaning'"),
    ],
)
def test_knowledge_bad_user_file_raises_naming_the_line(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge((path,))
    assert str(info.value).startswith(f"{path} line ")
    assert message in str(info.value)


def test_knowledge_missing_user_file_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_knowledge((str(tmp_path / "nope.tsv"),))
