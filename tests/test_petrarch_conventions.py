"""PETRARCH's coding conventions (``CoderOptions(conventions="petrarch")``, issue 16): every matched verb is coded
whatever its mood, the source is every actor of the subject, the target the first actor after the verb in its
phrase, a coordinated subject with no target acts on itself, a passive's subject is the target, nothing is
inferred from the article. The dictionaries are tiny ones written here, with fictional countries."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.options import CoderOptions
from eventcoder.pipeline import code_text

ACTORS = """\
ZEMBLA [ZEM]
RURITANIA [RUR]
FREEDONIA [FRE]
SYLVANIA [SYL]
"""
AGENTS = """\
MINISTER [~GOV]
OFFICIAL [~GOV]
"""
VERBS = """\
--- ZORBLE [042] ---
ZORBLE

--- SAY [010] ---
SAY {SAYS SAID SAYING}

--- BELIEVE [023] ---
BELIEVE

--- POSTPONE [120] ---
POSTPONE

--- CONDEMN [122] ---
CONDEMN

--- CELEBRATE [017] ---
CELEBRATE

--- SIGN [057] ---
SIGN

--- HOST [051] ---
HOST
- * + FOR TALKS [:042]

--- FREE [080] ---
FREE
- + * FROM $ [080]

--- URGE [023] ---
URGE

--- RESPOND [010] ---
RESPOND
"""


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("petrarch")
    out = {}
    for name, text in (("actors", ACTORS), ("agents", AGENTS), ("verbs", VERBS)):
        out[name] = folder / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def options(dictionaries: dict[str, Path], conventions: str = "petrarch") -> CoderOptions:
    return CoderOptions(petrarch_actors=dictionaries["actors"], petrarch_agents=dictionaries["agents"],
                        petrarch_verbs=dictionaries["verbs"], lexicon_mode="replace", conventions=conventions)


def coded(text: str, dictionaries: dict[str, Path], conventions: str = "petrarch") -> set[tuple]:
    return {(r.source_code, r.target_code, r.cameo_code)
            for r in code_text(text, published="2025-11-20", model=options(dictionaries, conventions))}


def test_the_setting_is_checked_and_counts_in_the_fingerprint(dictionaries):
    with pytest.raises(ValueError, match="conventions"):
        CoderOptions(conventions="tabari")
    assert CoderOptions().conventions == "news"
    assert CoderOptions(conventions="petrarch").fingerprint() != CoderOptions().fingerprint()
    assert options(dictionaries).builtin_actors is False
    assert CoderOptions(conventions="petrarch").builtin_actors is True  # no PETRARCH dictionaries given


def test_announced_and_negated_acts_are_coded_as_petrarch_does(dictionaries):
    for text in ("Zembla will zorble Ruritania.", "Zembla did not zorble Ruritania.",
                 "Zembla might zorble Ruritania if asked."):
        assert coded(text, dictionaries) == {("ZEM", "RUR", "042")}, text
        assert coded(text, dictionaries, "news") == set(), text


def test_the_target_is_the_first_actor_after_the_verb_however_deep(dictionaries):
    assert coded("Zembla zorbled a resumption of ties between Ruritania and Freedonia.", dictionaries) == {
        ("ZEM", "RUR", "042"), ("ZEM", "FRE", "042")}
    assert coded("Zembla believes Ruritania can cope with the drought.", dictionaries) == {("ZEM", "RUR", "023")}


def test_a_statement_before_its_speaker_has_no_target(dictionaries):
    # the reported clause comes before "said": not the statement's target
    assert coded("Zembla zorbled Ruritania, a Sylvanian minister said.", dictionaries) == {("ZEM", "RUR", "042")}


def test_a_coordinated_subject_with_no_target_acts_on_itself(dictionaries):
    assert coded("Zembla and Ruritania postponed their meeting after a storm.", dictionaries) == {
        ("ZEM", "RUR", "120"), ("RUR", "ZEM", "120")}


def test_every_actor_of_the_subject_is_a_source(dictionaries):
    assert coded("Zembla, Freedonia and Sylvania condemned Ruritania.", dictionaries) == {
        ("ZEM", "RUR", "122"), ("FRE", "RUR", "122"), ("SYL", "RUR", "122")}


def test_a_passive_subject_is_the_target(dictionaries):
    assert coded("Ruritania was condemned by Zembla.", dictionaries) == {("ZEM", "RUR", "122")}
    # no by-agent: the first actor of the verb's phrase acts on the subject
    assert coded("Ruritania was condemned over its dispute with Zembla.", dictionaries) == {("ZEM", "RUR", "122")}


def test_a_place_is_the_target_only_when_nothing_else_is_named(dictionaries):
    assert coded("Zembla celebrated the feast at Freedonia with Ruritania.", dictionaries) == {
        ("ZEM", "RUR", "017")}
    assert coded("Zembla celebrated the feast in Freedonia.", dictionaries) == {("ZEM", "FRE", "017")}


def test_a_pronoun_subject_is_the_governing_subject(dictionaries):
    assert coded("Zembla indicated it would zorble Ruritania.", dictionaries) == {("ZEM", "RUR", "042")}


def test_nothing_is_inferred_from_the_article(dictionaries):
    records = code_text("Zembla zorbled Ruritania. A minister condemned Freedonia.", published="2025-11-20",
                        model=options(dictionaries))
    condemned = [r for r in records if r.cameo_code == "122"]
    assert [(r.source_code, r.source_country, r.source_sector, r.target_code) for r in condemned] == [
        ("---GOV", "---", "GOV", "FRE")]  # PETRARCH's unknown actor: the article's main country is not filled in


def test_an_event_of_any_time_is_coded(dictionaries):
    assert coded("Zembla signed a trade protocol for 1990 with Ruritania.", dictionaries) == {
        ("ZEM", "RUR", "057")}


def test_the_command_line_takes_conventions(dictionaries, tmp_path):
    from typer.testing import CliRunner

    from eventcoder.cli import app

    article = tmp_path / "zembla.txt"
    article.write_text("Zembla will zorble Ruritania.", encoding="utf-8")
    common = ["code", str(article), "--no-db", "--format", "jsonl", "--petrarch-actors", str(dictionaries["actors"]),
              "--petrarch-verbs", str(dictionaries["verbs"]), "--lexicon-mode", "replace"]
    petrarch = CliRunner().invoke(app, [*common, "--conventions", "petrarch"])
    news = CliRunner().invoke(app, common)
    assert petrarch.exit_code == 0 and news.exit_code == 0
    assert '"cameo_code": "042"' in petrarch.stdout and '"cameo_code"' not in news.stdout
    bad = CliRunner().invoke(app, [*common, "--conventions", "tabari"])
    assert bad.exit_code == 2


def test_what_a_target_is_urged_to_do_is_part_of_the_urging(dictionaries):
    assert coded("Zembla urged Ruritania to respond to Freedonia.", dictionaries) == {("ZEM", "RUR", "023")}
    assert ("RUR", "FRE", "010") in coded("Ruritania will respond to Freedonia.", dictionaries)


def test_a_passive_with_adverbs_keeps_its_subject_as_target(dictionaries):
    assert coded("Ruritania was heavily and unjustly condemned over its dispute with Zembla.", dictionaries) == {
        ("ZEM", "RUR", "122")}


def test_coordinated_agents_share_the_actors_they_name(dictionaries):
    assert coded("Ministers and officials in Zembla and Sylvania condemned Ruritania.", dictionaries) >= {
        ("ZEMGOV", "RUR", "122"), ("SYLGOV", "RUR", "122")}


def test_a_pattern_places_the_source_and_the_target(dictionaries):
    # "+ * FROM $": the words before the verb are the target, the object of "from" the source
    assert coded("Ruritania's soldiers were freed from Zembla on Monday.", dictionaries) == {("ZEM", "RUR", "080")}


def test_a_second_side_code_is_what_the_target_does(dictionaries):
    assert coded("Zembla hosted Ruritania for talks.", dictionaries) == {("RUR", "ZEM", "042")}


def test_unknown_actors_are_petrarchs_without_dictionaries():
    records = code_text("A minister condemned an official.", published="2025-11-20",
                        model=CoderOptions(conventions="petrarch"))
    assert [(r.source_code, r.target_code, r.cameo_code) for r in records] == [("---GOV", "---GOV", "111")]
