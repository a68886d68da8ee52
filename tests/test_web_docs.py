"""docs/web.md stays true: its curl lines run against a live ``eventcoder serve`` over the example articles."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import served

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")


def curl_lines() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", DOC, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("curl ")]


def test_web_docs_curl_examples_run(tmp_path: Path):
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    from eventcoder import CodedArticle, EventStore, code_files

    db = tmp_path / "examples.duckdb"
    with EventStore(db) as store:
        for item in code_files(sorted((ROOT / "examples").glob("*.txt"))):
            assert isinstance(item, CodedArticle), item
            store.store_article(item.article, item.records)
    lines = curl_lines()
    assert len(lines) == 6
    answers = []
    with served(["--db", str(db)]) as base:
        for line in lines:
            argv = [a.replace("http://127.0.0.1:8000", base) for a in shlex.split(line)]
            proc = subprocess.run([argv[0], "--fail", "--show-error", *argv[1:]], capture_output=True, text=True,
                                  timeout=120)
            assert proc.returncode == 0, f"{line}\n{proc.stderr}"
            answers.append(proc.stdout)
    events, csv_text, stats, network, article, coded = answers
    assert json.loads(events)["total"] >= 1
    assert csv_text.startswith("event_date,source_code,target_code,cameo_code")
    assert json.loads(stats)["rows"] and json.loads(network)["rows"]
    assert json.loads(article)["article"]["doc_id"] == "01-xinhua-kazakhstan-mongolia-talks.txt"
    assert {(e["source_code"], e["target_code"]) for e in json.loads(coded)["events"]} >= {("KAZGOV", "MNGGOV")}
