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


def _evaluate(root, *args):
    return subprocess.run([sys.executable, str(root / "evaluate.py"), *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def test_pred_covering_one_split_scores_only_that_split(root, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(p.read_text(encoding="utf-8") for p in sorted((root / "annotations").glob("*.jsonl"))))
    proc = _evaluate(root, "--pred", pred, "--json", tmp_path / "report.json")
    assert proc.returncode == 0, proc.stderr
    for split in ("dev", "test", "holdout"):
        assert f"split {split}: {pred} has no predictions for any of its" in proc.stderr
    assert "inf" not in proc.stdout and "n/a" in proc.stdout
    (run,) = json.loads((tmp_path / "report.json").read_text())
    assert run["split"] == "seed" and run["throughput"]["docs_per_second"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file or folder"),
        ('{"doc_id": "x", "type": "budget"}\n', "record 1 has no field 'value'"),
        ("{not json\n", "not JSON"),
        ("", "no doc_id matches a document of the splits scored"),
    ],
)
def test_pred_that_cannot_be_scored_is_a_usage_error(root, tmp_path, content, message):
    pred = tmp_path / "pred.jsonl"
    if content is not None:
        pred.write_text(content, encoding="utf-8")
    proc = _evaluate(root, "--pred", pred)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_pred_folder_of_part_files(root, tmp_path):
    parts = tmp_path / "facts"
    parts.mkdir()
    gold = sorted((root / "annotations").glob("*.jsonl"))
    for i, path in enumerate(gold):
        (parts / f"part-{i:05d}.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (parts / "_SUCCESS").write_text("")
    proc = _evaluate(root, "--pred", parts, "--json", tmp_path / "report.json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "report.json").read_text())[0]["fact"]["micro"]["f1"] == 1.0
