"""Noun classes of the lexicon (data/nouns.tsv): ``@class`` in the object column of verbs.tsv."""

from __future__ import annotations

import pytest

from eventcoder.lexicon import LexiconError, build_lexicon, load_lexicon, noun_classes, read_noun_classes, read_patterns


def test_noun_classes_package_file_defines_the_classes_the_lexicon_uses():
    classes = noun_classes()
    for name in ("weapon", "aircraft", "explosive", "force", "combatant", "place", "people", "agreement",
                 "sanction", "aid", "attack", "reproach"):
        assert classes[name], name
    assert {"drone", "missile"} <= classes["weapon"]  # @aircraft and @explosive are part of @weapon
    assert "target" not in classes["place"] and "record" not in classes["place"]


def test_noun_class_in_object_column_is_expanded_and_shown_as_written():
    classes = read_noun_classes("# mine\narms\tgun|rifle\narms\tcannon\n", "mine_nouns.tsv")
    (pattern,) = read_patterns("190\tfire\t@arms|volley\tat\t-\t138\n", "mine.tsv", None, classes)
    assert pattern.objects == frozenset({"gun", "rifle", "cannon", "volley"})
    assert "+@arms|volley" in pattern.describe()


def test_noun_class_may_include_a_class_defined_above():
    classes = read_noun_classes("small\tpistol\nall\t@small|tank\n", "mine_nouns.tsv")
    assert classes["all"] == frozenset({"pistol", "tank"})
    with pytest.raises(LexiconError, match="mine_nouns.tsv:1: unknown noun class '@later'"):
        read_noun_classes("all\t@later\nlater\ttank\n", "mine_nouns.tsv")


def test_unknown_noun_class_or_bad_noun_is_an_error_naming_the_line():
    with pytest.raises(LexiconError, match=r"mine.tsv:2: unknown noun class '@weapons'"):
        read_patterns("# x\n190\tfire\t@weapons\tat\t-\t138\n", "mine.tsv")
    with pytest.raises(LexiconError, match="nouns are lower-case lemmas"):
        read_noun_classes("arms\tGun\n", "mine_nouns.tsv")
    with pytest.raises(LexiconError, match="expected 2 tab-separated columns"):
        read_noun_classes("arms\tgun\textra\n", "mine_nouns.tsv")


def test_user_lexicon_file_may_use_the_package_classes(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("195\tpepper\t@place\t-\t-\t138\n", encoding="utf-8")
    (pattern,) = load_lexicon((str(user),), None).candidates("pepper")
    assert {"town", "village"} <= pattern.objects


def test_package_lexicon_patterns_with_a_class_keep_their_class_name():
    lexicon = build_lexicon(read_patterns("190\tdown\t@aircraft\t-\t-\t138\n", "mine.tsv"))
    (pattern,) = lexicon.candidates("down")
    assert pattern.describe() == "mine.tsv:1 down +@aircraft -> 190"
    assert "helicopter" in pattern.objects
