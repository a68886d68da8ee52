"""Candidate lexicon patterns from PETRARCH's CAMEO verb dictionary (CAMEO.2.0.txt, MIT), for a person to review.

The dictionary is read as facts about which phrase signals which CAMEO code; nothing is written into the
package: patterns are added to ``src/eventcoder/data/verbs.tsv`` by hand, one by one, each with an object
constraint where the verb is ambiguous (a wholesale conversion lowered precision on real news).

Usage::

    python tools/cameo_verbs.py WORD [WORD ...]      # the block of each verb: its codes and patterns
    python tools/cameo_verbs.py --root 19            # verbs whose own code is of root 19, not yet in verbs.tsv
    python tools/cameo_verbs.py --dictionary PATH    # another copy of the dictionary

Block format (see the dictionary's header): ``---  NAME [code]  ---`` opens a block; then verb lines
(``WORD {FORMS} [code] # comment``; ``+PHRASE_`` a multi-word verb) and pattern lines
(``- LEFT * RIGHT [code] # VERB``: ``*`` is the verb, ``(PREP X)`` a prepositional phrase, ``&SET`` a synonym
set, ``{A B}`` a phrase). A verb line without a code takes the block's code. Output is sorted, so runs compare.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DICTIONARY = ROOT.parent / "shared" / "knowledge-sources" / "CAMEO.2.0.txt"
VERBS_TSV = ROOT / "src" / "eventcoder" / "data" / "verbs.tsv"
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")


@dataclass
class Block:
    """One verb block: its name, default code, verbs (word -> own code) and patterns (text, code, verb)."""

    name: str
    code: str
    verbs: dict[str, str] = field(default_factory=dict)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)


def _code(text: str) -> str | None:
    found = CODE.search(text)
    return found.group(1).strip() if found else None


def read_blocks(path: Path) -> list[Block]:
    """The verb blocks of the dictionary (synonym sets and transformations are skipped)."""
    blocks: list[Block] = []
    in_verbs = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("- ") else raw.rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
        elif raw.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs or not line.strip():
            continue
        header = HEADER.match(line)
        if header:
            blocks.append(Block(header.group(1), header.group(2)))
        elif blocks and line.startswith("- "):
            body, _, verb = line[2:].partition("#")
            code = _code(body)
            if code is not None:
                blocks[-1].patterns.append((CODE.sub("", body).strip(), code, verb.strip() or blocks[-1].name))
        elif blocks and line[0].isalpha() or line.startswith("+"):
            word = line.lstrip("+").split()[0].rstrip("_")
            blocks[-1].verbs[word] = _code(line) or blocks[-1].code
    return blocks


def lexicon_lemmas(path: Path = VERBS_TSV) -> set[str]:
    """The trigger lemmas verbs.tsv already has."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 6 and not line.startswith("#"):
            out.add(cells[1])
    return out


def show_word(blocks: list[Block], word: str) -> list[str]:
    """The lines describing every block where ``word`` is a verb."""
    word = word.upper()
    out = []
    for b in blocks:
        if word not in b.verbs:
            continue
        out.append(f"{word}: block {b.name} [{b.code}], own code [{b.verbs[word]}]; verbs: "
                   + " ".join(sorted(b.verbs)))
        out += [f"    [{code}] {text}" for text, code, verb in sorted(b.patterns, key=lambda t: (t[1], t[0]))
                if verb.split()[0].rstrip("_") == word]
    return out or [f"{word}: not a verb of the dictionary"]


def by_root(blocks: list[Block], root: str, known: set[str]) -> list[str]:
    """Verbs whose own code is of ``root`` and whose lemma verbs.tsv lacks: ``code word (block)``."""
    rows = {(code, word.lower(), b.name) for b in blocks for word, code in b.verbs.items()
            if code.startswith(root) and "_" not in word and word.lower() not in known}
    return [f"{code}\t{word}\t({block})" for code, word, block in sorted(rows)]


def main(argv: list[str] | None = None) -> int:
    """Print the blocks of the words given, or the candidates of a root."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("words", nargs="*")
    parser.add_argument("--root", help="two-digit CAMEO root")
    parser.add_argument("--dictionary", type=Path, default=DEFAULT_DICTIONARY)
    args = parser.parse_args(argv)
    blocks = read_blocks(args.dictionary)
    lines = by_root(blocks, args.root, lexicon_lemmas()) if args.root else []
    for word in args.words:
        lines += show_word(blocks, word)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
