"""Bad PETRARCH dictionaries on the command line (issue 16): a malformed line, an unknown synonym set, a code that
is not CAMEO give a one-line error naming file and line and exit status 2, never a traceback, for
``--petrarch-verbs``, ``--petrarch-actors``, ``--petrarch-agents`` and ``--petrarch-discards``, in every command
that codes (``code`` and ``explain``; ``watch``, ``eval`` and ``serve`` start up the same way). The bad files are
tiny ones written here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ARTICLE = EXAMPLES / "01-xinhua-kazakhstan-mongolia-talks.txt"

BAD = {  # name: (option, text, the line the error names)
    "verbs_header": ("--petrarch-verbs", "--- ZORBLE [042\nZORBLE\n", 1),
    "verbs_synset": ("--petrarch-verbs", "--- ZORBLE [042] ---\nZORBLE\n- * &NOSUCHSET [043]\n", 3),
    "verbs_code": ("--petrarch-verbs", "# a code that is not CAMEO\n--- ZORBLE [999] ---\nZORBLE\n", 2),
    "actors_code_first": ("--petrarch-actors", "# codes need an entry\n  [ZZZ]\nZORBLAND_\n", 2),
    "actors_date": ("--petrarch-actors", "ZORBLAND_ [ZZZ >2020]\n", 1),
    "discards_plus": ("--petrarch-discards", "# sports\nZORBALL\n+\n", 3),
    "discards_dictionary": ("--petrarch-discards", "ZORBALL\nZORBLAND_ [ZZZ]\n", 2),
    "actors_given_agents": ("--petrarch-actors", "RURITANIA_ [RUR]\nSOLDIER [~MIL]\n", 2),
    "actors_given_verbs": ("--petrarch-actors", "# verbs\n--- ZORBLE [042] ---\nZORBLE\n", 2),
    "agents_given_actors": ("--petrarch-agents", "SOLDIER [~MIL]\nRURITANIA_ [RUR]\n", 2),
}
"""Malformed lines that the readers refuse."""

UNBALANCED = {  # lines whose brackets do not pair, which --petrarch-skip-bad-lines skips with a warning
    "actors_unclosed": ("--petrarch-actors", "RURITANIA_ [RUR]\nZORBLAND_ [ZZZ\n", 2),
    "agents_unclosed": ("--petrarch-agents", "ZORBLER {} [~MIL\n", 1),
    "actors_stray": ("--petrarch-actors", "RURITANIA_ [RUR]\n+RURITANIEN]_\n", 2),
}



def bad_file(tmp_path: Path, name: str, cases: dict = BAD) -> tuple[str, Path, int]:
    option, text, line = cases[name]
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return option, path, line


def assert_one_line_error(result, path: Path, line: int) -> None:
    assert result.exit_code == 2, result.output
    errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert f"{path} line {line}:" in errors[0]
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_explain_bad_dictionary(tmp_path: Path, name: str):
    option, path, line = bad_file(tmp_path, name)
    assert_one_line_error(invoke("explain", "Zorbland met Ruritania.", option, path), path, line)


@pytest.mark.parametrize("name", sorted(BAD))
def test_code_bad_dictionary(tmp_path: Path, name: str):
    option, path, line = bad_file(tmp_path, name)
    assert_one_line_error(invoke("code", ARTICLE, "--no-db", option, path), path, line)
    assert_one_line_error(invoke("code", ARTICLE, "--no-db", "--workers", "2", option, path), path, line)


@pytest.mark.parametrize("name", ["verbs_synset", "actors_date", "discards_plus"])
def test_other_commands_start_up_the_same_way(tmp_path: Path, name: str):
    option, path, line = bad_file(tmp_path, name)
    db = tmp_path / "events.duckdb"
    db.touch()
    assert_one_line_error(invoke("watch", EXAMPLES / "feeds" / "steppe-wire.rss", "--once", "--db", db, option, path),
                          path, line)
    assert_one_line_error(invoke("eval", EXAMPLES / "gold", ARTICLE, option, path), path, line)
    assert_one_line_error(invoke("serve", "--db", db, option, path), path, line)


def test_skip_bad_lines_does_not_cover_other_dictionaries(tmp_path: Path):
    """``--petrarch-skip-bad-lines`` is about verb dictionaries: a bad discard line is still an error."""
    option, path, line = bad_file(tmp_path, "discards_plus")
    assert_one_line_error(invoke("explain", "Zorbland met Ruritania.", "--petrarch-skip-bad-lines", option, path),
                          path, line)


def test_no_traceback_from_the_real_command(tmp_path: Path):
    """The installed entry point, as a user runs it: stderr is the one error line."""
    option, path, line = bad_file(tmp_path, "verbs_synset")
    done = subprocess.run([sys.executable, "-m", "eventcoder.cli", "explain", "Zorbland met Ruritania.", option,
                           str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert f"{path} line {line}:" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("name", sorted(UNBALANCED))
def test_unbalanced_brackets_in_actor_and_agent_dictionaries(tmp_path: Path, name: str):
    option, path, line = bad_file(tmp_path, name, UNBALANCED)
    assert_one_line_error(invoke("explain", "Zorbland met Ruritania.", option, path), path, line)
    skipped = invoke("explain", "Zorbland met Ruritania.", option, path, "--petrarch-skip-bad-lines")
    assert skipped.exit_code == 0, skipped.output
    assert [x for x in skipped.stderr.splitlines() if x.startswith("warning:")] == [
        f"warning: {path.name} line {line}: skipped: unbalanced brackets in {path.read_text().splitlines()[line - 1]!r}"]


def test_actor_and_agent_files_name_their_reading_problems(tmp_path: Path):
    from eventcoder.errors import EventcoderError
    from eventcoder.petrarch_dicts import read_petrarch_actors

    with pytest.raises(EventcoderError, match=r"cannot read PETRARCH dictionary .*missing.txt"):
        read_petrarch_actors(str(tmp_path / "missing.txt"))
    old_mac = tmp_path / "old_mac.txt"
    old_mac.write_bytes(b"ZORBLAND_ [ZZZ]\rRURITANIA_ [RUR]\r")
    assert [term.code for term, _names in read_petrarch_actors(str(old_mac))] == ["ZZZ", "RUR"]


def test_replace_without_verb_files_is_a_usage_error(tmp_path: Path):
    result = invoke("code", str(ARTICLE), "--no-db", "--lexicon-mode", "replace")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: --lexicon-mode replace drops the built-in lexicon: give --petrarch-verbs "
                                     "or --lexicon to code with")
