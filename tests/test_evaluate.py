"""Scoring against gold files: own tiny gold data, and agreement with the project's reference scorer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.evaluate import EvalError, load_gold, score_events

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _gold(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    doc = {"article": "a.txt", "metadata": {}, "events": [
        {"id": "meet", "quote": "met Lee on Monday", "source": ["KOR"], "target": ["JPN"], "symmetric": True,
         "roots": ["04"], "codes": ["040"], "date": "2026-01-05", "required": True},
        {"id": "praise", "quote": "praised Japan", "source": ["KOR"], "target": ["JPN"], "roots": ["05"],
         "codes": ["051"], "required": True},
        {"id": "aside", "quote": "noted the weather", "source": ["KOR"], "target": ["JPN"], "roots": ["01"],
         "codes": ["010"], "required": False},
    ]}
    (folder / "a.gold.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def _event(code, src, tgt, sentence, **more):
    return {"doc_id": "some/dir/a.txt", "cameo_code": code, "source_country": src, "target_country": tgt,
            "sentence": sentence, **more}


def test_evaluate_counts_hits_duplicates_neutral_and_false_positives(tmp_path):
    golds = load_gold(_gold(tmp_path))
    events = [
        _event("040", "KOR", "JPN", "Ishiba met Lee on Monday.", event_date="2026-01-05"),
        _event("040", "JPN", "KOR", "Ishiba met Lee on Monday.", event_date="2026-01-06"),  # other direction: ok
        _event("042", "KOR", "JPN", "Ishiba met Lee on Monday."),  # third on a symmetric event: duplicate
        _event("010", "KOR", "JPN", "He noted the weather."),  # optional gold: neutral
        _event("111", "KOR", "JPN", "Lee praised Japan."),  # wrong root: false positive
    ]
    scores = score_events(golds, events)
    assert (scores.gold, scores.tp, scores.duplicates, scores.neutral, scores.fp) == (2, 1, 1, 1, 1)
    assert scores.counts["date_ok"] == 1 and scores.counts["date_n"] == 1
    assert scores.precision == pytest.approx(1 / 3) and scores.recall == pytest.approx(0.5)
    assert [g["id"] for _, g in scores.misses] == ["praise"]
    assert scores.report().splitlines()[-1] == "precision 0.333 recall 0.500 F1 0.400"


def test_evaluate_bad_gold_names_the_file(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "x.gold.json").write_text('{"article": "x.txt", "events": [{"id": "e"}]}', encoding="utf-8")
    with pytest.raises(EvalError, match=r"x\.gold\.json: not a gold file"):
        load_gold(folder)
    with pytest.raises(EvalError, match="does not exist"):
        load_gold(tmp_path / "nowhere")


@pytest.mark.skipif(not (SHARED / "eval" / "score_events.py").exists(), reason="../shared is absent")
def test_evaluate_agrees_with_the_reference_scorer(tmp_path):
    from eventcoder.pipeline import code_files

    articles = sorted((SHARED / "devset" / "articles").glob("*.txt"))
    records = [r.as_dict() for item in code_files(articles) for r in item.records]
    out = tmp_path / "dev.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    reference = subprocess.run([sys.executable, str(SHARED / "eval" / "score_events.py"),
                                str(SHARED / "devset" / "gold"), str(out)], capture_output=True, text=True).stdout
    ours = score_events(load_gold(SHARED / "devset" / "gold"), records).report()
    assert reference.strip().splitlines()[-1] == ours.splitlines()[-1]
    assert re.search(r"per root.*", reference).group(0) == re.search(r"per root.*", ours).group(0)


def test_evaluate_gold_field_types_are_checked(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    doc = {"article": "a.txt", "events": [{"id": "e1", "quote": "met", "source": "LTU", "target": ["BLR"],
                                           "roots": ["04"]}]}
    (folder / "a.gold.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(EvalError, match="event e1: 'source' must be a list of strings"):
        load_gold(folder)
