"""evaluate.py end to end: the gold scored against itself is perfect."""

import json
import subprocess
import sys

import pytest


def test_gold_scored_as_predictions_is_perfect(root, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "".join(p.read_text(encoding="utf-8") for p in sorted((root / "annotations").glob("*.jsonl")))
    )
    report = tmp_path / "report.json"
    out = subprocess.run(
        [
            sys.executable,
            str(root / "evaluate.py"),
            "--pred",
            str(pred),
            "--corpus",
            str(root / "corpus"),
            "--gold",
            str(root / "annotations"),
            "--json",
            str(report),
            "--errors",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "fact-level P / R / F1" in out
    (run,) = json.loads(report.read_text())
    assert run["fact"]["micro"]["f1"] == 1.0
    assert run["mention"]["micro"]["f1"] == 1.0
    assert all(a["accuracy"] == 1.0 for a in run["attributes"].values())


@pytest.mark.parametrize("missing", ["--gold"])
def test_corpus_without_gold_is_a_usage_error(root, missing):
    proc = subprocess.run(
        [sys.executable, str(root / "evaluate.py"), "--corpus", str(root / "corpus")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and missing in proc.stderr
