"""Quality gate: the seed article, the development set and the real-news set scored against their gold events.

Reads ``../shared`` (the project's read-only material) and is skipped only when it is absent. The bars are
those of issue 3; the scorers are ``../shared/eval/score_events.py`` and ``score_plover_gsr.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.pipeline import code_files

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score_events.py").exists(), reason="../shared is absent")


def _score(gold_dir: Path, articles: list[Path], tmp_path: Path) -> tuple[dict, str]:
    out = tmp_path / "events.jsonl"
    records = []
    with out.open("w") as fh:
        for item in code_files(articles):
            assert hasattr(item, "records"), f"article failed: {item}"
            for r in item.records:
                records.append(r)
                fh.write(json.dumps(r.as_dict()) + "\n")
    report = subprocess.run([sys.executable, str(SHARED / "eval" / "score_events.py"), str(gold_dir), str(out)],
                            capture_output=True, text=True, check=True).stdout
    last = report.strip().splitlines()[-1]
    p, r, f = (float(x) for x in re.findall(r"\d\.\d+", last))
    return {"precision": p, "recall": r, "f1": f, "records": records}, report


def test_gold_seed_meets_issue_bars(tmp_path):
    scores, report = _score(SHARED / "seed", sorted((SHARED / "seed").glob("*.txt")), tmp_path)
    print(report)
    assert scores["recall"] >= 0.95, report
    assert scores["precision"] >= 0.90, report
    m = re.search(r"date right: (\d+)/(\d+)", report)
    assert m and m.group(1) == m.group(2), report
    meetings = [r for r in scores["records"] if r.cameo_root == "04" and "met here" in r.sentence]
    assert meetings and all(r.location_country == "KGZ" for r in meetings)
    assert all(r.source_sector == "GOV" and r.target_sector == "GOV" for r in meetings)


def test_gold_devset_meets_issue_bar(tmp_path):
    articles = sorted((SHARED / "devset" / "articles").glob("*.txt"))
    scores, report = _score(SHARED / "devset" / "gold", articles, tmp_path)
    print(report)
    assert scores["f1"] >= 0.80, report
    per_root = re.search(r"per root \(gold / matched / false positives\): (.*)", report).group(1)
    recalls = {root: int(hit) / int(gold) for root, gold, hit, _fp in re.findall(r"(\d\d):(\d+)/(\d+)/(\d+)", per_root)
               if int(gold)}
    assert len(recalls) == 20, per_root  # the development set has gold events of every CAMEO root
    low = {root: round(r, 2) for root, r in recalls.items() if r < 0.6}
    assert not low, f"roots with recall below 0.6: {low}\n{report}"


# Floors on the real-news development set: issue 14's bar, F1 0.60 with precision 0.75 (measured at its close:
# P 0.808 R 0.534 F1 0.643). Raise them as the work goes.
REALNEWS_FLOORS = {"precision": 0.75, "recall": 0.50, "f1": 0.60}


def test_gold_realnews_meets_floors(tmp_path):
    """40 excerpts of real Guardian articles (``../shared/realnews``), scored like the other gold sets."""
    scores, report = _score(SHARED / "realnews" / "gold", [SHARED / "realnews" / "articles.jsonl"], tmp_path)
    print(report)
    for name, floor in REALNEWS_FLOORS.items():
        assert scores[name] >= floor, f"{name} below {floor}\n{report}"


def test_gold_plover_sentences_meet_issue_bars(tmp_path):
    """PLOVER gold sentences (peers/plover_gsr): type recall >= 0.70, type+source >= 0.60, fewer events of
    another type than sentences. Coded as POLECAT codes, with one-sided events (an empty target) kept."""
    gsr = SHARED / "peers" / "plover_gsr"
    out = tmp_path / "gsr.jsonl"
    with out.open("w") as fh:
        for item in code_files([gsr / "plover_gsr_input.jsonl"], one_sided=True):
            assert hasattr(item, "records"), f"sentence failed: {item}"
            for r in item.records:
                fh.write(json.dumps(r.as_dict()) + "\n")
    report = subprocess.run([sys.executable, str(SHARED / "eval" / "score_plover_gsr.py"), str(gsr / "plover_gsr.jsonl"),
                             str(out)], capture_output=True, text=True, check=True).stdout
    print(report)
    sentences = int(re.search(r"sentences: (\d+)", report).group(1))
    extra = int(re.search(r"extra-type events: (\d+)", report).group(1))
    type_recall, type_source = (float(x) for x in re.search(r"type recall ([\d.]+)\s+type\+source ([\d.]+)",
                                                            report).groups())
    assert sentences == 163
    assert type_recall >= 0.70, report
    assert type_source >= 0.60, report
    assert extra < sentences, report
