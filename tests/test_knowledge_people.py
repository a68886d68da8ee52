"""Tests for the named groups (groups.tsv) and dated office-holders (people.tsv) of eventcoder.knowledge."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from eventcoder.knowledge import (
    SECTOR_CODES,
    GazetteerEntry,
    KnowledgeError,
    PersonTerm,
    load_knowledge,
)

PEOPLE_HEADER = "name\tcountry\tsector\toffice\tstart\tend\taliases\n"
GROUPS_HEADER = "name\tcountry\tsector\tcode\taliases\n"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def named(kb, phrase: str, kind: str) -> list[GazetteerEntry]:
    return [e for e in kb.named_entries if e.phrase == phrase and e.kind == kind]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def row(*cells: str) -> str:
    return "\t".join(cells) + "\n"


# --- groups ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector", "name"),
    [
        ("Taliban", "AFG", "GOV", "Taliban"),
        ("Taliban administration", "AFG", "GOV", "Taliban"),
        ("Afghan Taliban", "AFG", "GOV", "Taliban"),
        ("TTP", "PAK", "INS", "Tehrik-e-Taliban Pakistan"),
        ("Pakistani Taliban", "PAK", "INS", "Tehrik-e-Taliban Pakistan"),
        ("RSF", "SDN", "PRM", "Rapid Support Forces"),
        ("Rapid Support Forces", "SDN", "PRM", "Rapid Support Forces"),
        ("SAF", "SDN", "MIL", "Sudanese Armed Forces"),
        ("Hezbollah", "LBN", "REB", "Hezbollah"),
        ("Hamas", "PSE", "REB", "Hamas"),
        ("Ansar Allah", "YEM", "REB", "Houthis"),
        ("Wagner Group", "RUS", "UAF", "Wagner Group"),
        ("ISIS", "IMG", "REB", "Islamic State"),
        ("Daesh", "IMG", "REB", "Islamic State"),
        ("al-Shabaab", "SOM", "INS", "al-Shabaab"),
        ("M23", "COD", "REB", "M23"),
        ("PKK", "TUR", "SEP", "Kurdistan Workers' Party"),
        ("China Coast Guard", "CHN", "MIL", "China Coast Guard"),
        ("GKNB", "KGZ", "SPY", "State Committee for National Security of the Kyrgyz Republic"),
        ("KNB", "KAZ", "SPY", "National Security Committee of Kazakhstan"),
        ("IAAC", "MNG", "COP", "Independent Authority Against Corruption"),
        ("Gazprom", "RUS", "BUS", "Gazprom"),
        ("Turkmengaz", "TKM", "BUS", "Turkmengaz"),
        ("Communist Party of China", "CHN", "PTY", "Communist Party of China"),
        ("Khovar", "TJK", "MED", "Khovar"),
    ],
)
def test_groups(kb, phrase, country, sector, name):
    (entry,) = named(kb, phrase, "group")
    assert (entry.country, entry.sector, entry.name) == (country, sector, name)
    assert entry.source.startswith("groups.tsv:")


def test_group_codes_add_the_gdelt_known_group_to_the_country(kb):
    assert named(kb, "Taliban", "group")[0].code == "AFGTAL"
    assert named(kb, "Hezbollah", "group")[0].code == "LBNHEZ"
    assert named(kb, "al-Qaeda", "group")[0].code == "IMGALQ"
    assert named(kb, "RSF", "group")[0].code is None


def test_groups_file_is_large_and_valid(kb):
    groups = {e.name for e in kb.named_entries if e.kind == "group"}
    assert len(groups) >= 150
    assert {e.sector for e in kb.named_entries} - {None} <= SECTOR_CODES
    # no sector: only a generated official whose source's knowledge ended (known_to) with the term open
    assert {(e.kind, e.generated) for e in kb.named_entries if e.sector is None} == {("person", True)}
    countries = {e.country for e in kb.entries if e.kind == "country"}
    assert {e.country for e in kb.named_entries if e.kind == "group" and not e.generated} <= countries | {"IMG", "INT"}
    assert {e.country for e in kb.named_entries if e.kind == "group"} <= countries | {"IMG", "INT", "MNC", "NGO"}


def test_named_phrases_do_not_repeat_older_gazetteer_phrases(kb):
    older = {e.phrase.casefold() for e in kb.entries}
    clashes = [e.phrase for e in kb.named_entries if e.phrase.casefold() in older]
    assert clashes == []
    kinds = defaultdict(set)
    for entry in kb.named_entries:
        if not entry.context_only:  # a context alias may name actors of several countries ("DA")
            kinds[entry.phrase.casefold()].add(entry.kind)
    assert [phrase for phrase, found in kinds.items() if len(found) > 1] == []


def test_entries_keep_their_older_kinds(kb):
    assert {e.kind for e in kb.entries} == {"country", "adjective", "demonym", "capital", "metonym", "igo", "agent"}
    assert {e.kind for e in kb.named_entries if not e.generated} == {"group", "person"}
    assert {e.kind for e in kb.named_entries if e.generated} == {"group", "person", "igo"}  # organisations.tsv


# --- people ----------------------------------------------------------------------------------------


def test_japarov_is_kyrgyz_government_in_november_2025(kb):
    for phrase in ("Sadyr Japarov", "Zhaparov", "Japarov", "sadyr japarov"):
        term = kb.person_on(phrase, date(2025, 11, 19))
        assert isinstance(term, PersonTerm)
        assert (term.name, term.country, term.sector, term.office) == ("Sadyr Japarov", "KGZ", "GOV", "President")
    (entry,) = named(kb, "Zhaparov", "person")
    assert (entry.country, entry.sector, entry.code, entry.name) == ("KGZ", "GOV", "KGZGOV", "Sadyr Japarov")


def test_kulubaev_spellings(kb):
    assert kb.person_on("Kulubayev", date(2025, 6, 1)) == kb.person_on("Kulubaev", date(2025, 6, 1))
    assert kb.person_on("Kulubaev", date(2025, 6, 1)).office == "Foreign Minister"
    assert kb.person_on("Kulubaev", date(2021, 6, 1)) is None  # not yet in office: no earlier term


def test_minister_out_of_office_is_a_former_official(kb):
    term = kb.person_on("Dmytro Kuleba", date(2025, 1, 1))
    assert (term.country, term.sector, term.office, term.end) == ("UKR", "ELI", "Foreign Minister", date(2024, 9, 4))
    assert kb.person_on("Dmytro Kuleba", date(2023, 1, 1)).sector == "GOV"
    (entry,) = named(kb, "Kuleba", "person")
    assert (entry.sector, entry.code) == ("ELI", "UKRELI")


def test_latest_start_wins_and_gaps_are_elite(kb):
    assert kb.person_on("Boris Johnson", date(2017, 1, 1)).office == "Foreign Secretary"
    assert kb.person_on("Boris Johnson", date(2020, 1, 1)).office == "Prime Minister"
    assert kb.person_on("Boris Johnson", date(2023, 1, 1)).sector == "ELI"
    trump = kb.person_on("Trump", date(2023, 6, 1))
    assert (trump.sector, trump.end) == ("ELI", date(2021, 1, 20))
    assert kb.person_on("Trump", date(2025, 6, 1)).sector == "GOV"
    assert kb.person_on("Akhundzada", date(2020, 1, 1)).sector == "INS"
    assert kb.person_on("Akhundzada", date(2022, 1, 1)).sector == "GOV"


def test_berdimuhamedov_father_and_son(kb):
    assert kb.people_named("Berdimuhamedov") == ()  # the bare surname names two people: not listed
    assert kb.person_on("Berdimuhamedov", date(2025, 1, 1)) is None
    serdar = kb.person_on("Serdar Berdimuhamedov", date(2025, 1, 1))
    assert (serdar.name, serdar.country, serdar.sector, serdar.office) == (
        "Serdar Berdimuhamedov", "TKM", "GOV", "President")
    father = kb.person_on("Gurbanguly Berdimuhamedov", date(2021, 1, 1))
    assert (father.sector, father.office) == ("GOV", "President")
    assert kb.person_on("Gurbanguly Berdymukhamedov", date(2025, 1, 1)).office.startswith("National Leader")


def test_person_on_without_a_date_is_the_current_term(kb):
    assert kb.person_on("Lavrov").office == "Foreign Minister"
    assert kb.person_on("Lavrov").sector == "GOV"
    assert kb.person_on("Ashraf Ghani").sector == "ELI"
    assert kb.person_on("Nobody Atall") is None
    assert kb.people_named("Nobody Atall") == ()


def test_people_named_lists_every_term_in_start_order(kb):
    terms = kb.people_named("Sadyr Japarov")
    assert [t.office for t in terms] == ["Prime Minister", "Acting President", "President"]
    assert all(t.source.startswith("people.tsv:") for t in terms)
    assert kb.people_named("Zhaparov") == terms


def test_organisation_officials(kb):
    term = kb.person_on("Guterres", date(2025, 5, 1))
    assert (term.country, term.sector) == ("UNO", "IGO")
    assert kb.person_on("Mark Rutte", date(2025, 5, 1)).office == "NATO Secretary General"
    assert kb.person_on("Mark Rutte", date(2020, 5, 1)).country == "NLD"
    assert kb.person_on("Kaja Kallas", date(2025, 5, 1)).country == "EUR"
    (entry,) = named(kb, "Guterres", "person")
    assert entry.code == "UNO"


def test_people_cover_the_required_countries(kb):
    countries = {t.country for e in kb.named_entries if e.kind == "person" for t in kb.people_named(e.phrase)}
    required = set(
        "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA "
        "KAZ KGZ UZB TJK TKM ARM AZE GEO AFG PAK IRN ISR LBN SDN UKR PHL CZE THA KHM MNG LKA MYS "
        "NGA SEN GHA SLE GNB QAT ARE UNO EUR IGO".split()
    )
    assert required <= countries


# --- loading people and groups files ---------------------------------------------------------------


def test_user_people_file_adds_a_person(tmp_path, kb):
    text = PEOPLE_HEADER + row("Jane Roe", "KGZ", "GOV", "Foreign Minister", "2030-01-01", "", "Roe")
    extended = load_knowledge((write(tmp_path, "p.tsv", text),))
    assert extended.person_on("Roe", date(2030, 6, 1)).country == "KGZ"
    assert extended.person_on("Roe", date(2029, 6, 1)) is None
    assert len(extended.named_entries) == len(kb.named_entries) + 2
    assert load_knowledge().people_named("Roe") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (PEOPLE_HEADER + row("A B", "KGZ", "GOV", "President", "2020-01-01", "", "")
         + row("C D", "KGZ", "GOV", "President", "2021-02-30", "", ""),
         "line 3: bad start date '2021-02-30'"),
        (PEOPLE_HEADER + row("A B", "KGZ", "GOV", "President", "2020/01/01", "", ""),
         "line 2: bad start date '2020/01/01'"),
        (PEOPLE_HEADER + row("A B", "KGZ", "GOV", "President", "2020-01-01", "2019-12-31", ""),
         "line 2: end 2019-12-31 is before start 2020-01-01"),
        (PEOPLE_HEADER + "# a comment\n" + row("A B", "KGZ", "XYZ", "President", "", "", ""),
         "line 3: unknown sector code 'XYZ'"),
        (PEOPLE_HEADER + row("A B", "QQQ", "GOV", "President", "", "", ""),
         "line 2: unknown country 'QQQ'"),
        (PEOPLE_HEADER + row("A B", "KGZ", "GOV", "", "", "", ""), "line 2: empty office"),
        (PEOPLE_HEADER + row("A B", "KGZ", "GOV", "President", "", ""),
         "line 2: expected 7 tab-separated columns, found 6"),
        (PEOPLE_HEADER + row("A Smith", "KGZ", "GOV", "President", "", "", "Smith")
         + row("B Smith", "KAZ", "GOV", "President", "", "", "smith"),
         "line 3: phrase 'smith' already names 'A Smith' (line 2)"),
        (PEOPLE_HEADER + row("A B", "KGZ", "GOV", "President", "2020-01-01", "", "")
         + row("A B", "KGZ", "GOV", "President", "2020-01-01", "2021-01-01", ""),
         "line 3: duplicate term of 'A B' as 'President' (already on line 2)"),
        (GROUPS_HEADER + row("Red Hand", "ZZZ", "REB", "", "RH"), "line 2: unknown country 'ZZZ'"),
        (GROUPS_HEADER + row("Red Hand", "IMG", "REB", "RHX1", "RH"), "line 2: bad code 'RHX1'"),
        (GROUPS_HEADER + row("Red Hand", "IMG", "REB", "", "RH") + row("Blue Hand", "IMG", "REB", "", "rh"),
         "line 3: duplicate group name or alias 'rh' (already on line 2)"),
    ],
)
def test_bad_line_raises_naming_file_and_line(tmp_path, text, message):
    path = write(tmp_path, "bad.tsv", text)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge((path,))
    assert str(info.value).startswith(f"{path} line ")
    assert message in str(info.value)


def test_same_person_on_several_rows_may_repeat_aliases(tmp_path):
    text = (PEOPLE_HEADER + row("A Smith", "KGZ", "GOV", "Prime Minister", "2010-01-01", "2012-01-01", "Smith")
            + row("A Smith", "KGZ", "GOV", "President", "2012-01-01", "", "Smith"))
    extended = load_knowledge((write(tmp_path, "p.tsv", text),))
    assert [t.office for t in extended.people_named("Smith")] == ["Prime Minister", "President"]
    assert extended.person_on("Smith", date(2012, 1, 1)).office == "President"  # latest start wins
    assert [e.sector for e in extended.named_entries if e.phrase == "Smith"] == ["GOV"]
