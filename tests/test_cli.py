"""The command line over a small batch, including inputs that must be skipped with a reason."""

import json
import subprocess
import sys

import pytest


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=300)


@pytest.fixture
def batch(tmp_path):
    (tmp_path / "a.txt").write_text("Zorbly will spend $2bn on data centres next year.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owner buys 5,000 GPUs.".encode("latin-1"))
    (tmp_path / "manifest.jsonl").write_text('{"doc_id": "a", "published": "2025-03-01"}\n', encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "j1", "text": "Vantor ordered 12,000 GPUs.", "published": "2025-01-02"}\n'
        "{not json}\n"
        '{"id": "j3", "text": "Acme spent $1bn on chips.", "published": "someday"}\n',
        encoding="utf-8")
    return tmp_path


def test_extract_accounts_for_every_input(batch, tmp_path):
    summary = tmp_path / "summary.json"
    proc = run("extract", str(batch), str(batch / "feed.jsonl"), str(batch / "missing.txt"),
               "--summary", str(summary))
    assert proc.returncode == 0, proc.stderr
    facts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(f["doc_id"], f["type"], f["period"]) for f in facts] == [
        ("a", "budget", "2026"), ("j1", "chip_count", None)]
    report = json.loads(summary.read_text())
    assert (report["read"], report["processed"], report["skipped"]) == (7, 2, 5)
    reasons = " | ".join(p["reason"] for p in report["problems"])
    for expected in ("empty file", "not UTF-8", "not JSON", "ISO date", "no such file"):
        assert expected in reasons
    assert "skipped" in proc.stderr


def test_extract_table_format(batch):
    proc = run("extract", str(batch / "a.txt"), "--manifest", str(batch / "manifest.jsonl"), "--format", "table")
    assert "budget" in proc.stdout and "2,000,000,000" in proc.stdout and "2026" in proc.stdout


def test_strict_exits_non_zero_when_something_was_skipped(batch):
    assert run("extract", str(batch / "empty.txt"), "--strict").returncode == 1


def test_quantities_reads_stdin():
    proc = run("quantities", "-", stdin="Between 40,000 and 80,000 units at ~US$20,000 each.")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["low"], r["high"], r["value"], r["unit"], r["qualifier"]) for r in rows] == [
        (40000, 80000, None, None, "exact"), (None, None, 20000, "USD", "approx")]
