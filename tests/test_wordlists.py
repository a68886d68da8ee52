"""Open-class word lists (data/words.tsv, eventcoder.wordlists) and the role of agent words (agents.tsv)."""

from __future__ import annotations

from dataclasses import fields

import pytest

from eventcoder import grammar
from eventcoder.knowledge import KnowledgeError, load_knowledge
from eventcoder.wordlists import WordListError, WordLists, load_word_lists, word_lists


def test_wordlists_package_file_fills_every_list():
    words = word_lists()
    assert all(getattr(words, f.name) for f in fields(WordLists))
    assert "say" in words.speech_verbs and "urge" in words.control_verbs and "launch" in words.support_verbs
    assert word_lists() is words  # read once per process


def test_wordlists_hold_no_grammar_word():
    """Closed-class words are grammar (grammar.py), not knowledge: no list of words.tsv repeats one."""
    closed = set().union(*(v for k, v in vars(grammar).items() if k.isupper() and isinstance(v, frozenset)))
    listed = set().union(*(getattr(word_lists(), f.name) for f in fields(WordLists)))
    assert not closed & listed


@pytest.mark.parametrize("text,message", [
    ("list\tword\nspeach_verbs\tsay\n", "x.tsv line 2: unknown list 'speach_verbs'"),
    ("list\tword\nspeech_verbs\tSay\n", "x.tsv line 2: 'Say' is not in lower case"),
    ("list\tword\n# a comment\nspeech_verbs\tsay\nspeech_verbs\tsay\n", "x.tsv line 4: 'say' is listed twice"),
    ("list\tword\nspeech_verbs say\n", "x.tsv line 2: expected two tab-separated cells"),
    ("word\tlist\n", "x.tsv line 1: the first row must be the header"),
    ("list\tword\nspeech_verbs\tsay\n", "x.tsv: no word in the lists obligation_verbs"),
])
def test_wordlists_bad_line_names_file_and_line(text, message):
    with pytest.raises(WordListError, match=message.replace("(", r"\(")):
        load_word_lists(text, "x.tsv")


def test_agents_role_says_which_words_leave_the_sector_to_their_body():
    kb = load_knowledge()
    roles = {e.phrase: e.role for e in kb.entries if e.kind == "agent"}
    assert roles["official"] == roles["officials"] == roles["spokesman"] == "generic"
    assert roles["president"] == roles["leader"] == "head"
    assert roles["foreign minister"] is None and roles["troops"] is None


def test_agents_role_in_a_user_file(tmp_path):
    good = tmp_path / "my_agents.tsv"
    good.write_text("phrase\tsector\tplural\trole\nsteward of the guild\tGOV\t\tgeneric\n", encoding="utf-8")
    entry = next(e for e in load_knowledge((str(good),)).entries if e.phrase == "steward of the guild")
    assert entry.role == "generic" and entry.sector == "GOV"
    bad = tmp_path / "bad_agents.tsv"
    bad.write_text("phrase\tsector\tplural\trole\nsteward\tGOV\t\tboss\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="bad_agents.tsv line 2: role 'boss' is not one of generic, head"):
        load_knowledge((str(bad),))
