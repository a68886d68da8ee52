"""PETRARCH verb dictionaries in the coder (issue 16): ``CoderOptions.petrarch_verbs`` and ``lexicon_mode``, the
lexicon they make, the settings fingerprint, and ``--petrarch-verbs`` / ``--lexicon-mode`` /
``--petrarch-skip-bad-lines`` on the command line. The dictionaries are tiny ones written here (a fictional verb
"zorble"); one test loads PETRARCH-2's CAMEO.2.0.txt from ../shared when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.knowledge import KnowledgeError, load_knowledge
from eventcoder.lexicon_petrarch import lexicon_for
from eventcoder.options import CoderOptions
from eventcoder.pipeline import code_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CAMEO_VERBS = SHARED / "knowledge-sources" / "CAMEO.2.0.txt"
needs_shared = pytest.mark.skipif(not CAMEO_VERBS.exists(), reason="../shared is absent")

ZORBLE = """\
# a fictional verb: to zorble is to make a statement of intent to cooperate (042), and zorbling talks
# with someone is to consult them (043)
&PARLEY
+TALKS
+NEGOTIATIONS

--- ZORBLE [042] ---
ZORBLE
- * TALKS WITH + [043]
"""
MEET_010 = """\
--- MEET [010] ---
MEET
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def triples(text: str, options: CoderOptions) -> list[tuple[str, str, str]]:
    return [(r.source_code, r.target_code, r.cameo_code) for r in code_text(text, published="2025-11-20",
                                                                              model=options)]


def known_codes() -> frozenset[str]:
    return frozenset(load_knowledge().cameo_codes())


# --- the options -----------------------------------------------------------------------------------------


def test_options_defaults_and_choices(tmp_path: Path):
    options = CoderOptions(petrarch_verbs=write(tmp_path, "zorble.txt", ZORBLE))
    assert options.petrarch_verbs == (str(tmp_path / "zorble.txt"),)
    assert (options.lexicon_mode, options.petrarch_non_cameo, options.petrarch_on_error) == ("add", "error", "raise")
    assert str(tmp_path / "zorble.txt") in options.files()
    for setting in ("lexicon_mode", "petrarch_non_cameo", "petrarch_on_error"):
        with pytest.raises(ValueError, match=setting):
            CoderOptions(**{setting: "sometimes"})


def test_fingerprint_counts_the_verb_dictionary_and_the_mode(tmp_path: Path):
    path = write(tmp_path, "zorble.txt", ZORBLE)
    add = CoderOptions(petrarch_verbs=path).fingerprint()
    replace = CoderOptions(petrarch_verbs=path, lexicon_mode="replace").fingerprint()
    keep = CoderOptions(petrarch_verbs=path, petrarch_non_cameo="keep").fingerprint()
    assert None not in (add, replace, keep) and len({add, replace, keep}) == 3
    with pytest.raises(ValueError, match="needs petrarch_verbs or lexicon_files"):
        CoderOptions(lexicon_mode="replace")  # nothing would be coded
    with pytest.raises(TypeError, match="lexicon_mode"):
        CoderOptions(lexicon_mode=None)
    assert CoderOptions().fingerprint() is None
    path.write_text(ZORBLE.replace("[043]", "[040]"), encoding="utf-8")
    assert CoderOptions(petrarch_verbs=path).fingerprint() != add


# --- the lexicon -----------------------------------------------------------------------------------------


def petrarch_codes(lexicon, word: str) -> list[str]:
    """The pattern codes and then the verb's code of the PETRARCH verb written ``word``."""
    (entry,) = lexicon.petrarch.forms[word]
    return [p.code.text for p in entry.patterns] + [entry.code.text]


def test_lexicon_add_keeps_the_builtin_patterns_first(tmp_path: Path):
    path = write(tmp_path, "zorble.txt", ZORBLE)
    write(tmp_path, "meet.txt", MEET_010)
    add = lexicon_for(CoderOptions(petrarch_verbs=(path, tmp_path / "meet.txt")), known_codes())
    assert petrarch_codes(add, "zorbled") == ["043", "042"]
    assert add.petrarch.forms["zorbled"][0].patterns[0].source == "zorble.txt:9"
    assert all(p.source.startswith("verbs.tsv:") for p in add.candidates("meet"))  # the built-in lexicon first
    assert petrarch_codes(add, "meets") == ["010"]
    replace = lexicon_for(CoderOptions(petrarch_verbs=(path, tmp_path / "meet.txt"), lexicon_mode="replace"),
                          known_codes())
    assert replace.candidates("meet") == () and len(replace) == 0 and petrarch_codes(replace, "meet") == ["010"]
    assert "met" not in replace.petrarch.forms  # PETRARCH's forms: MEET has no irregular forms in braces
    assert not replace.complements and add.complements  # PETRARCH's codes are final with "replace"


def test_non_cameo_code_is_an_error_unless_kept_or_skipped(tmp_path: Path):
    path = write(tmp_path, "weis.txt", "--- ZORBLE [042] ---\nZORBLE\n- * PEACE [912]\n")
    with pytest.raises(KnowledgeError, match=rf"^{path} line 3: code '912' is not a CAMEO event code"):
        lexicon_for(CoderOptions(petrarch_verbs=path), known_codes())
    kept = lexicon_for(CoderOptions(petrarch_verbs=path, petrarch_non_cameo="keep"), known_codes())
    assert petrarch_codes(kept, "zorble") == ["912", "042"]
    skipped = lexicon_for(CoderOptions(petrarch_verbs=path, petrarch_non_cameo="skip"), known_codes())
    assert petrarch_codes(skipped, "zorble") == ["042"]
    assert skipped.warnings and "weis.txt" in skipped.warnings[0] and "non-CAMEO" in skipped.warnings[0]


def test_malformed_line_raises_or_is_skipped_with_a_warning(tmp_path: Path):
    path = write(tmp_path, "bad.txt", "--- ZORBLE [042] ---\nZORBLE\n- * TALKS [04x:1:2]\n- * (WITH +) [043]\n")
    with pytest.raises(KnowledgeError, match=rf"^{path} line 3: malformed code"):
        lexicon_for(CoderOptions(petrarch_verbs=path), known_codes())
    lexicon = lexicon_for(CoderOptions(petrarch_verbs=path, petrarch_on_error="skip"), known_codes())
    assert petrarch_codes(lexicon, "zorble") == ["043", "042"]
    assert lexicon.warnings == ("bad.txt line 3: skipped: malformed code [04x:1:2]",)


# --- coding ----------------------------------------------------------------------------------------------


def test_coding_with_the_dictionary_added_or_instead(tmp_path: Path):
    path = write(tmp_path, "zorble.txt", ZORBLE)
    text = "France zorbled the talks with Germany and met Spain."
    add = triples(text, CoderOptions(petrarch_verbs=path))
    assert ("FRAGOV", "DEUGOV", "043") in add and ("FRAGOV", "ESPGOV", "040") in add  # "met": the built-in lexicon
    assert triples(text, CoderOptions(petrarch_verbs=path, lexicon_mode="replace")) == [("FRAGOV", "DEUGOV", "043")]
    assert triples("France zorbled with Germany on Monday.", CoderOptions(petrarch_verbs=path)) == [
        ("FRAGOV", "DEUGOV", "042")]
    assert triples(text, CoderOptions()) == [("FRAGOV", "ESPGOV", "040"), ("ESPGOV", "FRAGOV", "040")]


def test_a_kept_non_cameo_code_is_coded(tmp_path: Path):
    path = write(tmp_path, "weis.txt", "--- ZORBLE [912] ---\nZORBLE\n")
    options = CoderOptions(petrarch_verbs=path, petrarch_non_cameo="keep", lexicon_mode="replace")
    (record,) = code_text("France zorbled with Germany on Monday.", published="2025-11-20", model=options)
    assert (record.cameo_code, record.cameo_root, record.quad_class, record.goldstein) == ("912", "91", 0, None)


# --- the command line ------------------------------------------------------------------------------------


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_cli_codes_with_a_verb_dictionary(tmp_path: Path):
    path = write(tmp_path, "zorble.txt", ZORBLE)
    text = "France zorbled the talks with Germany and met Spain."
    result = run("explain", text, "--date", "2025-11-20", "--petrarch-verbs", path, "--lexicon-mode", "replace")
    assert result.exit_code == 0, result.output
    assert "zorble.txt:9 zorble [* TALKS WITH +] -> 043" in result.stdout
    assert "verbs.tsv:" not in result.stdout
    assert "verbs.tsv:" in run("explain", text, "--petrarch-verbs", path).stdout


@pytest.mark.parametrize(("text", "message"), [
    ("--- ZORBLE [042] ---\nZORBLE\n- * TALKS [04x:1:2]\n", "line 3: malformed code [04x:1:2]"),
    ("--- ZORBLE [042] ---\nZORBLE\n- * &NOSUCH [043]\n", "line 3: unknown synonym set &NOSUCH"),
    ("--- ZORBLE [042] ---\nZORBLE\n- * PEACE [912]\n", "line 3: code '912' is not a CAMEO event code"),
])
def test_cli_bad_dictionary_is_a_one_line_error(tmp_path: Path, text: str, message: str):
    path = write(tmp_path, "bad.txt", text)
    for command in (["explain", "France met Germany."], ["code", write(tmp_path, "a.txt", "France met Germany."), "--no-db"]):
        result = run(*command, "--petrarch-verbs", path)
        assert result.exit_code == 2
        assert result.stderr == f"error: {path} {message}" + result.stderr.split(message, 1)[1]
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_cli_skip_bad_lines_warns(tmp_path: Path):
    path = write(tmp_path, "bad.txt", "--- ZORBLE [042] ---\nZORBLE\n- * TALKS [04x:1:2]\n- * PEACE [912]\n")
    result = run("explain", "France zorbled with Germany.", "--petrarch-verbs", path, "--petrarch-skip-bad-lines")
    assert result.exit_code == 0, result.output
    assert "warning: bad.txt line 3: skipped: malformed code [04x:1:2]" in result.stderr
    assert "warning: bad.txt: 1 pattern(s) or verb code(s) skipped: non-CAMEO code (skip)" in result.stderr


def test_cli_lexicon_mode_is_checked(tmp_path: Path):
    result = run("explain", "France met Germany.", "--lexicon-mode", "merge")
    assert result.exit_code == 2 and "error: --lexicon-mode merge: choose add or replace" in result.output


# --- PETRARCH-2's dictionary -----------------------------------------------------------------------------


@needs_shared
def test_cameo_2_loads_with_skipped_lines_named():
    with pytest.raises(KnowledgeError, match=r"CAMEO\.2\.0\.txt line \d+: "):
        lexicon_for(CoderOptions(petrarch_verbs=CAMEO_VERBS), known_codes())
    options = CoderOptions(petrarch_verbs=CAMEO_VERBS, petrarch_on_error="skip", petrarch_non_cameo="skip")
    lexicon = lexicon_for(options, known_codes())
    builtin = lexicon_for(CoderOptions(), known_codes())
    assert len(lexicon) == len(builtin) and len(lexicon.petrarch) > 7000  # verb forms
    assert lexicon.warnings and all(w.startswith("CAMEO.2.0.txt line ") for w in lexicon.warnings)


def test_synonym_sets_of_another_file_and_a_file_of_sets_only(tmp_path: Path):
    verbs = write(tmp_path, "zorble.txt", "--- ZORBLE [042] ---\nZORBLE\n- * + WITH &GIFTS [043]\n")
    sets = write(tmp_path, "sets.txt", "&GIFTS\n+FLOWERS\n+BALLADS\n")
    options = CoderOptions(petrarch_verbs=(verbs, sets), lexicon_mode="replace")
    assert ("FRAGOV", "DEUGOV", "043") in triples("The French government zorbled the German government with "
                                                   "flowers.", options)
    with pytest.raises(KnowledgeError, match=r"zorble.txt line 3: unknown synonym set &GIFTS"):
        lexicon_for(CoderOptions(petrarch_verbs=verbs, lexicon_mode="replace"), known_codes())


def test_an_unknown_set_inside_a_set_is_skipped_when_asked(tmp_path: Path):
    path = write(tmp_path, "sets.txt", "&GIFTS\n+&NOSUCH\n+FLOWERS\n--- ZORBLE [042] ---\nZORBLE\n")
    with pytest.raises(KnowledgeError, match=r"sets.txt line 2: unknown synonym set &NOSUCH"):
        lexicon_for(CoderOptions(petrarch_verbs=path, lexicon_mode="replace"), known_codes())
    lexicon = lexicon_for(CoderOptions(petrarch_verbs=path, lexicon_mode="replace", petrarch_on_error="skip"),
                          known_codes())
    assert lexicon.warnings == ("sets.txt line 2: skipped: a synonym naming an unknown synonym set",)


def test_an_edited_dictionary_is_read_again_in_the_same_process(tmp_path: Path):
    path = write(tmp_path, "zorble.txt", "--- ZORBLE [042] ---\nZORBLE\n")
    options = CoderOptions(petrarch_verbs=path, lexicon_mode="replace")
    text = "The French government zorbled the German government."
    assert [c for _s, _t, c in triples(text, options)] == ["042"]
    path.write_text("# edited: zorbling is now an appeal\n--- ZORBLE [020] ---\nZORBLE\n", encoding="utf-8")
    assert [c for _s, _t, c in triples(text, options)] == ["020"]
