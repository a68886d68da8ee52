"""Run a PETRARCH validation suite through eventcoder and report the records that pass, per category.

    PYTHONPATH=src python tools/validate_petrarch.py ../shared/peers/petrarch/ud_2_02/PETR_Validate_records_2_02.xml
    PYTHONPATH=src python tools/validate_petrarch.py RECORDS.xml --verbose        # also the records not scored
    PYTHONPATH=src python tools/validate_petrarch.py RECORDS.xml --builtin-lexicon  # eventcoder's verbs instead

Each record's ``<Text>`` is coded at the record's date with the actor and agent dictionaries its
``<Environment>`` names (its verb dictionary instead of the built-in lexicon, ``--lexicon-mode replace``, the default;
after it, ``add``; ``--builtin-lexicon``: eventcoder's lexicon only) and PETRARCH's conventions, and scored
as PETRARCH does: it passes when every expected event is coded and nothing else. The rules (which records
are scored, how codes are compared) are in the docstring of :mod:`eventcoder.petrarch_validate`. Prints one
line per category, the total, then each failure with what was expected and coded. Exit status 0; 2 for a bad
records file or dictionary (the message names the file and line).
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run the suite, print the report; returns the exit status."""
    from eventcoder.errors import EventcoderError
    from eventcoder.petrarch_validate import format_report, validate_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", help="a PETRARCH validation records file (XML)")
    parser.add_argument("--verbose", action="store_true", help="also list the records not scored, with why")
    parser.add_argument("--one-sided", action="store_true", help="code with one_sided=True (acts with no target)")
    parser.add_argument("--builtin-lexicon", action="store_true",
                        help="code with eventcoder's verb lexicon, not the suite's verb dictionary")
    parser.add_argument("--lexicon-mode", choices=("add", "replace"), default="replace",
                        help="the suite's verbs instead of the built-in lexicon (replace, the "
                             "default) or after it (add)")
    args = parser.parse_args(argv)
    try:
        report = validate_file(args.records, petrarch_verbs=not args.builtin_lexicon, one_sided=args.one_sided,
                               lexicon_mode=args.lexicon_mode)
    except EventcoderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_report(report, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
