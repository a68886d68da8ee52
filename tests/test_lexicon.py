"""The verb lexicon file format and loader."""

from __future__ import annotations

import pytest

from eventcoder.knowledge import load_knowledge
from eventcoder.lexicon import LexiconError, build_lexicon, load_lexicon, read_patterns


def test_lexicon_object_specific_pattern_comes_first():
    text = "040\thold\t-\twith\tsym\t036\n190\thold\ttalk\twith\t-\t-\n"
    lex = build_lexicon(read_patterns(text, "mine.tsv"))
    first = lex.candidates("hold")[0]
    assert first.code == "190" and first.objects == frozenset({"talk"}) and first.source == "mine.tsv:2"


def test_lexicon_bad_line_names_file_and_line():
    with pytest.raises(LexiconError, match=r"mine.tsv:2: expected 6 tab-separated columns"):
        read_patterns("# comment\n040\tmeet\twith\n", "mine.tsv")


def test_lexicon_unknown_flag_and_code_are_rejected():
    with pytest.raises(LexiconError, match="unknown flag"):
        read_patterns("040\tmeet\t-\twith\tsometimes\t-\n", "x.tsv")
    known = frozenset(load_knowledge().cameo_codes())
    with pytest.raises(LexiconError, match="'999' is not a CAMEO event code"):
        read_patterns("999\tmeet\t-\twith\t-\t-\n", "x.tsv", known)


def test_lexicon_package_file_covers_every_root_with_valid_codes():
    known = frozenset(load_knowledge().cameo_codes())
    lex = load_lexicon((), known)
    roots = {p.code[:2] for patterns in lex.by_lemma.values() for p in patterns}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert len(lex) > 200


def test_lexicon_user_file_patterns_are_tried_first(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("042\tmeet\t-\twith\t-\t036\n", encoding="utf-8")
    lex = load_lexicon((str(user),), None)
    assert lex.candidates("meet")[0].source == "mine.tsv:1"
    assert lex.candidates("meet")[0].code == "042"


def test_lexicon_user_file_with_a_bom_is_read(tmp_path):
    user = tmp_path / "bom.tsv"
    user.write_bytes("\ufeff051\ttoast\t-\t-\t-\t-\n".encode())  # as some editors save UTF-8
    (pattern,) = load_lexicon((str(user),), None).candidates("toast")
    assert (pattern.code, pattern.lemma, pattern.source) == ("051", "toast", "bom.tsv:1")


@pytest.mark.parametrize("text", ["", "\ufeff", "# my verbs, to come\n\n   \n# 051\ttoast\n"])
def test_lexicon_user_file_without_a_pattern_is_an_error(tmp_path, text):
    user = tmp_path / "empty.tsv"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon((str(user),), None)
    assert str(caught.value) == (f"lexicon file {user} has no pattern: it is empty or holds only comments and "
                                 "blank lines (a pattern line: code, lemma, object, prep, flags, intent, "
                                 "tab-separated)")


def test_lexicon_references_file_loads_and_rejects_bad_roots():
    from eventcoder.lexicon import read_references

    lex = load_lexicon((), None)
    assert lex.references["demand"].roots[0] == "10" and "demand" in lex.references["demand"].verbs
    with pytest.raises(LexiconError, match=r"refs.tsv:1: roots must be two-digit"):
        read_references("demand\t1x\tdemand\n", "refs.tsv")


def test_lexicon_reaches_most_three_digit_codes():
    known = frozenset(load_knowledge().cameo_codes())
    lex = load_lexicon((), known)
    codes = {p.code for ps in lex.by_lemma.values() for p in ps}
    codes |= {p.intent for ps in lex.by_lemma.values() for p in ps if p.intent}
    codes |= {c for row in lex.complements.values() for c in row.values()}
    three = {c for c in known if len(c) == 3}
    reached = {c for c in three if c in codes or any(len(x) == 4 and x.startswith(c) for x in codes)}
    assert len(reached) >= 140, sorted(three - reached)
    four = {c for c in known if len(c) == 4}
    assert len(four & codes) >= 28, sorted(four & codes)  # 4-digit codes where the wording decides


def test_lexicon_specialises_generic_codes_by_topic():
    lex = load_lexicon((), None)
    assert lex.specialise("020", "meet") == "026" and lex.specialise("100", "yield") == "105"
    assert lex.specialise("120", "settle") == "127" and lex.specialise("030", "reform") == "034"
    assert lex.specialise("111", "meet") == "111" and lex.specialise("020", None) == "020"
