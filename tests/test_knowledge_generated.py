"""The generated actor files' formats (officials, named actors), their merge with the hand-written files, the
matching of their phrases, the disk cache of the knowledge, and ``eventcoder actors stats``.

Every file here is written by the test with invented actors; the package's own generated files are tested in
tests/test_build_*.py and tests/test_actor_scale.py.
"""

from __future__ import annotations

import json
import pickle
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.actors import ActorFinder, lookup
from eventcoder.cli import app
from eventcoder.knowledge import KnowledgeError, load_knowledge
from eventcoder.knowledge_cache import cached, fingerprint
from eventcoder.nlp import load_model

OFFICIALS = "name\tcountry\tsector\toffice\tstart\tend\taliases\tknown_to\torigin\n"
NAMED = "name\tcountry\tsector\tcode\taliases\tcontext_aliases\torigin\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def finder_with(*paths: Path) -> ActorFinder:
    return ActorFinder(load_model(), load_knowledge(tuple(str(p) for p in paths)))


@pytest.fixture(scope="module")
def officials(tmp_path_factory) -> Path:
    rows = [
        # an open term from a source that knew of the person up to 2014-01-30
        "Orvan Telluk\tKGZ\tGOV\tGOV (EDU) per dictionary code KGZGOVEDU\t2009-03-01\t\tTelluk\t2014-01-30\tdict.txt:10",
        # a closed term, then nothing: a former official after it
        "Mara Quillon\tSEN\tMIL\tMIL per dictionary code SENMIL\t2004-01-01\t2008-06-30\t\t\tdict.txt:20",
        # a person people.tsv already has (Sadyr Japarov's first term starts 2020-10-10): what starts before
        # that is added, ended the day before it at the latest; the later term disagrees with people.tsv and
        # is left out
        "Sadyr Japarov\tKGZ\tOPP\tOPP per dictionary code KGZOPP\t2011-01-01\t\t\t2014-01-30\tdict.txt:30",
        "Sadyr Japarov\tKGZ\tLEG\tLEG per dictionary code KGZLEG\t2021-01-01\t2021-06-01\t\t\tdict.txt:31",
        # one that runs into people.tsv's first term is ended the day before it
        "Ilse Varnak\tKGZ\tOPP\tOPP per dictionary code KGZOPP\t2015-01-01\t2022-01-01\tAkylbek Japarov\t\td:32",
    ]
    return write(tmp_path_factory.mktemp("gen"), "officials.tsv", OFFICIALS + "\n".join(rows) + "\n")


def test_open_term_holds_to_known_to_then_the_country_only(officials):
    kb = load_knowledge((str(officials),))
    assert kb.person_on("Orvan Telluk", date(2012, 5, 1)).sector == "GOV"
    assert kb.person_on("Telluk", date(2014, 1, 30)).sector == "GOV"
    later = kb.person_on("Orvan Telluk", date(2020, 1, 1))
    assert (later.country, later.sector) == ("KGZ", None)
    assert kb.person_on("Orvan Telluk", date(2001, 1, 1)) is None
    assert "officials.tsv:2 (dict.txt:10)" in later.source


def test_closed_term_then_former_official(officials):
    kb = load_knowledge((str(officials),))
    assert kb.person_on("Mara Quillon", date(2006, 1, 1)).sector == "MIL"
    assert kb.person_on("Mara Quillon", date(2010, 1, 1)).sector == "ELI"


def test_hand_written_person_wins_and_gets_only_earlier_terms(officials):
    kb = load_knowledge((str(officials),))
    assert kb.person_on("Japarov", date(2012, 1, 1)).sector == "OPP"  # every phrase of the person has it
    assert kb.person_on("Japarov", date(2016, 1, 1)).sector is None  # past known_to, before people.tsv's term
    assert kb.person_on("Japarov", date(2021, 3, 1)).sector == "GOV"  # people.tsv's presidency, not LEG
    clipped = kb.person_on("Akylbek Japarov", date(2020, 1, 1))
    assert clipped.sector == "OPP" and clipped.end == date(2021, 10, 12)  # his first people.tsv term: 10-13
    assert kb.person_on("Akylbek Japarov", date(2021, 6, 1)).office != "OPP per dictionary code KGZOPP"
    assert [e.source for e in kb.named_entries if e.phrase == "Sadyr Japarov"] == \
        [e.source for e in load_knowledge().named_entries if e.phrase == "Sadyr Japarov"]


def test_lookup_codes_a_generated_official_by_date_and_says_where_from(officials):
    finder = finder_with(officials)
    assert lookup("Orvan Telluk", date(2010, 1, 1), finder=finder).code == "KGZGOV"
    result = lookup("Orvan Telluk", date(2024, 1, 1), finder=finder)
    assert (result.code, result.country, result.sector) == ("KGZ", "KGZ", None)
    assert "dict.txt:10" in result.how


@pytest.fixture(scope="module")
def named(tmp_path_factory) -> Path:
    rows = [
        "Party of Free Farmers\tBRA\tPTY\t\tPFF\tPLV\tsrc.csv:5",
        "Northern Shield Brigade\tMLI\tREB\t\tNSB|Shield Brigade\t\tsrc.csv:6",
        "Taliban\tPAK\tREB\t\t\t\tsrc.csv:7",  # held by groups.tsv: the hand file wins
        "Blue Ridge Movement\tKEN\tREB\t\tBRM\t\tsrc.csv:8",
        "Blue Ridge Front\tUGA\tREB\t\tBRM\t\tsrc.csv:9",  # "BRM" names two groups: ambiguous, dropped
        "Lakeside Relief Alliance\tNGO\tNGO\tNGOXLR\t\t\tsrc.csv:10",
    ]
    return write(tmp_path_factory.mktemp("gen"), "named.tsv", NAMED + "\n".join(rows) + "\n")


def test_named_actors_resolve_with_country_sector_and_origin(named):
    finder = finder_with(named)
    result = lookup("the Northern Shield Brigade", finder=finder)
    assert (result.country, result.sector, result.code) == ("MLI", "REB", "MLIREB")
    assert "src.csv:6" in result.how
    assert lookup("NSB", finder=finder).code == "MLIREB"
    relief = lookup("Lakeside Relief Alliance", finder=finder)
    assert (relief.country, relief.sector, relief.code) == ("NGO", "NGO", "NGOXLR")


def test_hand_file_wins_and_ambiguous_phrases_are_dropped(named):
    finder = finder_with(named)
    assert lookup("Taliban", finder=finder).country == "AFG"
    assert lookup("BRM", finder=finder).code is None
    assert lookup("Blue Ridge Movement", finder=finder).code == "KENREB"


def test_context_alias_needs_its_country_named(named):
    finder = finder_with(named)
    assert lookup("PLV", finder=finder).code is None
    assert lookup("PLV", context="in Brazil", finder=finder).code == "BRAPTY"
    assert lookup("PLV", context="in Chile", finder=finder).code is None
    assert lookup("PFF", finder=finder).code == "BRAPTY"  # a plain alias needs no context


def test_context_alias_in_an_article_that_names_the_country(named):
    finder = finder_with(named)
    view = _view(finder, "The PLV criticised the plan.")
    brazil = _view(finder, "Voters in Brazil go to the polls.")
    assert {m.entry.name for m in finder.mentions(view).values()} == {"Party of Free Farmers"}
    assert finder.settle_context([finder.mentions(view)])[0] == {}
    kept = finder.settle_context([finder.mentions(view), finder.mentions(brazil)])[0]
    assert {m.entry.name for m in kept.values()} == {"Party of Free Farmers"}


def _view(finder, text):
    from eventcoder.parse import ParseView

    return ParseView.of(finder.nlp(text), text)


def test_generated_names_match_ignoring_case_only_where_capitalised(named):
    finder = finder_with(named)
    names = {m.entry.name for m in finder.mentions(_view(finder, "The Party Of Free Farmers met.")).values()}
    assert names == {"Party of Free Farmers"}
    lower = finder.mentions(_view(finder, "a party of free farmers met"))
    assert [m.kind for m in lower.values()] == ["agent"]  # "farmers" alone


def test_bad_rows_name_file_and_line(tmp_path):
    bad_country = write(tmp_path, "a.tsv", NAMED + "Some Group\tXXX\tREB\t\t\t\tsrc:1\n")
    with pytest.raises(KnowledgeError, match=r"a.tsv line 2: unknown country 'XXX'"):
        load_knowledge((str(bad_country),))
    bad_known = write(tmp_path, "b.tsv", OFFICIALS + "Ann Ode\tKGZ\tGOV\tGOV\t2001-01-01\t2002-01-01\t\t2014-01-30\ts:1\n")
    with pytest.raises(KnowledgeError, match=r"b.tsv line 2: known_to is only for a term without an end"):
        load_knowledge((str(bad_known),))
    early = write(tmp_path, "c.tsv", OFFICIALS + "Ann Ode\tKGZ\tGOV\tGOV\t2001-01-01\t\t\t2000-01-30\ts:1\n")
    with pytest.raises(KnowledgeError, match=r"c.tsv line 2: known_to 2000-01-30 is before start 2001-01-01"):
        load_knowledge((str(early),))
    roles = write(tmp_path, "d.tsv", "name\tsector\tstart\tend\nTaliban\tREB\t\t2001-01-01\n"
                                     "Taliban\tGOV\t2000-01-01\t2002-01-01\n")
    with pytest.raises(KnowledgeError, match=r"d.tsv line 3: the days of 'Taliban' overlap those of .*d.tsv:2"):
        load_knowledge((str(roles),))


def test_a_user_group_roles_file_replaces_the_package_rows_of_its_groups(tmp_path):
    roles = write(tmp_path, "roles.tsv", "name\tsector\tstart\tend\nTaliban\tINS\t2001-11-13\t2021-08-14\n")
    kb = load_knowledge((str(roles),))
    assert kb.group_sector_on("Taliban", date(2010, 1, 1))[0] == "INS"
    assert kb.group_sector_on("Taliban", date(1998, 1, 1)) is None  # the package's 1996-2001 row is replaced
    assert kb.group_sector_on("Hayat Tahrir al-Sham", date(2020, 1, 1))[0] == "REB"  # other groups keep theirs


# --- the disk cache ---------------------------------------------------------------------------------------


def test_cache_builds_once_then_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    calls = []
    key = fingerprint(["a", b"b"])
    assert cached("thing", key, lambda: calls.append(1) or {"x": 1}) == {"x": 1}
    assert cached("thing", key, lambda: calls.append(1) or {"x": 2}) == {"x": 1}
    assert calls == [1]
    assert fingerprint(["a", b"b"]) != fingerprint(["ab"])  # parts are length-prefixed


def test_cache_off_or_broken_only_costs_a_rebuild(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    key = fingerprint(["k"])
    (tmp_path / f"thing-{key}.pickle").write_bytes(b"not a pickle")
    assert cached("thing", key, lambda: 7) == 7
    assert pickle.loads((tmp_path / f"thing-{key}.pickle").read_bytes()) == 7
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", "")
    assert cached("thing", key, lambda: 8) == 8


def test_cache_of_the_wrong_type_or_unwritable_is_rebuilt_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    key = fingerprint(["t"])
    (tmp_path / f"thing-{key}.pickle").write_bytes(pickle.dumps(None))
    assert cached("thing", key, lambda: {"x": 1}, dict) == {"x": 1}
    (tmp_path / f"other-{key}.pickle").mkdir()  # a folder where the file should go: the write fails
    assert cached("other", key, lambda: [1], list) == [1]
    assert list(tmp_path.glob("*.tmp")) == []
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / ("a" * 300)))  # a name too long for the system
    assert cached("thing", key, lambda: 9) == 9


# --- eventcoder actors stats ---------------------------------------------------------------------------------


def test_actors_stats_counts_by_file_and_kind(named):
    result = CliRunner().invoke(app, ["actors", "stats", "--format", "jsonl", "--actors", str(named)])
    assert result.exit_code == 0, result.output
    rows = {(r["file"], r["kind"]): r for r in map(json.loads, result.stdout.splitlines())}
    people = rows[("people.tsv", "person")]
    assert people["actors"] == len({e.name for e in load_knowledge().named_entries if e.source.startswith("people.tsv")})
    assert people["terms"] >= people["actors"]
    # the user file: 5 actors kept (the Taliban row is dropped) with 9 phrases ("Taliban" and "BRM" dropped)
    user = {k: r for k, r in rows.items() if k[0].endswith("named.tsv")}
    assert sum(r["actors"] for r in user.values()) == 5
    assert sum(r["phrases"] for r in user.values()) == 9
    table = CliRunner().invoke(app, ["actors", "stats"])
    assert table.exit_code == 0 and "people.tsv" in table.stdout and "total" in table.stdout
