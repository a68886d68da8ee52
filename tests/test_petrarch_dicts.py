"""PETRARCH actor and agent dictionaries coded with PETRARCH's conventions (issue 16): the package's actors left out
(``load_knowledge(builtin_actors=False)``), full agent codes (``[~GOVMED]``, ``[NGO~]``) composed with the actor's code
as PETRARCH does, compound codes (``[A/B/C]``: one event per actor), ``[+++]``, coordinated actors sharing agents,
and the validator's reading of a joined compound code. The dictionaries are tiny fictional ones written here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.actors.petrarch_codes import compose
from eventcoder.knowledge import load_knowledge
from eventcoder.options import CoderOptions
from eventcoder.petrarch_dicts import read_petrarch_actors, read_petrarch_agents
from eventcoder.petrarch_validate import Actor, ValidationRecord, compound_parts, judge
from eventcoder.pipeline import code_text

ACTORS = """\
ZORLAND  [ZOR]
QUIMBY  [QUI]
FENWICK [FEN]
DANISH  [DNK]
THE_MARSH  [MAR/BOG/FEN]
THE_WANDERER  [+++]
SNARK  [---]
"""
AGENTS = """\
GOVERNMENT  [~GOV]
DIPLOMAT  [~GOV]
ISLAMIST  [~MUS]
MEDIA {} [~MED]
STATE_MEDIA {} [~GOVMED]
MSF {}  [NGO~]
FOREIGN_MINISTER [~GOVFRM]
AMBASSADOR [~GOV]
LAWMAKER [~LEG]
OFFICIAL [~GOV]
"""
VERBS = """\
--- CRITICIZE [111] ---
CRITICIZE
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture()
def options(tmp_path: Path) -> CoderOptions:
    return CoderOptions(petrarch_actors=write(tmp_path, "actors.txt", ACTORS),
                        petrarch_agents=write(tmp_path, "agents.txt", AGENTS),
                        petrarch_verbs=write(tmp_path, "verbs.txt", VERBS), lexicon_mode="replace",
                        conventions="petrarch")


def triples(text: str, options: CoderOptions) -> set[tuple[str, str, str]]:
    return {(r.source_code, r.target_code, r.cameo_code) for r in code_text(text, published="2020-01-01",
                                                                          model=options)}


# --- reading ---------------------------------------------------------------------------------------------


def test_agent_codes_are_kept_whole(tmp_path: Path):
    entries = {e.phrase: e for e in read_petrarch_agents(write(tmp_path, "agents.txt", AGENTS))}
    assert (entries["state media"].code, entries["state media"].sector) == ("~GOVMED", "GOV")
    assert (entries["msf"].code, entries["msf"].sector) == ("NGO~", "NGO")
    assert entries["foreign ministers"].code == "~GOVFRM"


def test_compound_and_literal_actor_codes(tmp_path: Path):
    rows = {term.name: term for term, _phrases in read_petrarch_actors(write(tmp_path, "actors.txt", ACTORS))}
    assert rows["Marsh"].code == "MAR/BOG/FEN" and rows["Marsh"].country == "MAR"
    assert (rows["Wanderer"].code, rows["Wanderer"].country) == ("+++", None)
    assert "Snark" not in rows  # [---]: no code


def test_compose_as_petrarch_does():
    assert compose("ZOR", ["NGO~", "~GOV"]) == "NGOZORGOV"
    assert compose("DNK", ["~MUS", "~MED"]) == "DNKMUSMED"
    assert compose("---", ["~GOV"]) == "---GOV"
    assert compose("ZORGOV", ["~GOV", "~MED"]) == "ZORGOV"  # an agent already in the code ends the adding


# --- knowledge ------------------------------------------------------------------------------------------


def test_builtin_actors_off_keeps_only_the_given_dictionaries(tmp_path: Path):
    actors, agents = write(tmp_path, "actors.txt", ACTORS), write(tmp_path, "agents.txt", AGENTS)
    with_package = load_knowledge(petrarch_actors=(actors,), petrarch_agents=(agents,))
    alone = load_knowledge(petrarch_actors=(actors,), petrarch_agents=(agents,), builtin_actors=False)
    assert alone is not with_package and with_package.builtin_actors and not alone.builtin_actors
    phrases = {e.phrase for e in (*alone.entries, *alone.named_entries)}
    assert "Zorland" in phrases and "government" in phrases
    assert "leader" not in phrases and "Kyrgyzstan" not in phrases  # the package's agents and countries
    assert any(e.phrase == "Kyrgyzstan" for e in with_package.entries)
    assert alone.cameo("042").label == "Make a visit" and alone.country_name("KGZ") == "Kyrgyzstan"
    assert alone.people_named("Zhaparov") == ()
    assert load_knowledge(petrarch_actors=(actors,), petrarch_agents=(agents,), builtin_actors=False) is alone


def test_options_turn_builtin_actors_off_only_for_petrarch_conventions(options: CoderOptions):
    assert not options.builtin_actors
    assert CoderOptions(petrarch_actors=options.petrarch_actors).builtin_actors


# --- coding -----------------------------------------------------------------------------------------------


def test_agents_stack_before_and_after_the_actor(options: CoderOptions):
    assert triples("Danish Islamist media criticized Zorland.", options) == {("DNKMUSMED", "ZOR", "111")}
    assert triples("An MSF Quimby diplomat criticized Zorland.", options) == {("NGOQUIGOV", "ZOR", "111")}
    assert triples("The Zorland state media criticized Quimby.", options) == {("ZORGOVMED", "QUI", "111")}


def test_agent_without_actor_is_unknown_country(options: CoderOptions):
    assert triples("The foreign minister criticized Zorland.", options) == {("---GOVFRM", "ZOR", "111")}


def test_package_agents_are_not_used(options: CoderOptions):
    # "leaders" and "police" are agents of the package, not of these dictionaries: no actor, no event
    assert triples("The leaders criticized the police.", options) == set()


def test_compound_code_codes_one_event_per_actor(options: CoderOptions):
    assert triples("The Marsh criticized Zorland.", options) == {("MAR", "ZOR", "111"), ("BOG", "ZOR", "111"),
                                                                 ("FEN", "ZOR", "111")}


def test_literal_code(options: CoderOptions):
    assert triples("The Wanderer criticized Zorland.", options) == {("+++", "ZOR", "111")}


def test_coordinated_actors_share_agents(options: CoderOptions):
    assert triples("The ambassadors of Zorland and Quimby criticized Fenwick.", options) == {
        ("ZORGOV", "FEN", "111"), ("QUIGOV", "FEN", "111")}
    assert triples("Zorland and the evil awful Quimby criticized Fenwick.", options) == {
        ("ZOR", "FEN", "111"), ("QUI", "FEN", "111")}


def test_news_conventions_unchanged_by_compound_reading(tmp_path: Path):
    options = CoderOptions(petrarch_actors=write(tmp_path, "actors.txt", ACTORS))
    assert options.builtin_actors
    codes = {r.source_code for r in code_text("The Wanderer criticized Zorland.", published="2020-01-01",
                                              model=options)}
    assert "+++" not in codes  # a literal code names no actor in news conventions


# --- the validator ------------------------------------------------------------------------------------------


def test_joined_compound_expectation_is_met_by_its_parts():
    assert compound_parts(("A/B", "C", "050")) == [("A", "C", "050"), ("B", "C", "050")]
    assert compound_parts(('"THE A/B"', "C", "050")) == [('"THE A/B"', "C", "050")]
    record = ValidationRecord("X-1", "COMPOUND", date(2020, 1, 1), "text", (("A/B", "C/D", "050"),), False, None)
    coded = [(Actor(s, ""), Actor(t, ""), "050") for s in "AB" for t in "CD"]
    assert judge(record, coded).passed
    assert not judge(record, coded[:3]).passed
    assert not judge(record, [*coded, (Actor("E", ""), Actor("C", ""), "050")]).passed
