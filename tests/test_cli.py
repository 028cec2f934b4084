"""The command line: extract, quantities, query."""

import json
import subprocess
import sys

import pytest


def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=600, cwd=cwd)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text("Zorbly Labs will spend $2bn on data centres next year.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Vantor ordered 12,000 GPUs in March.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text('{"doc_id": "a", "published": "2025-03-01"}\n'
                                             '{"doc_id": "b", "published": "2025-06-01"}\n', encoding="utf-8")
    return tmp_path


def test_extract_folder_to_jsonl(folder):
    proc = run("extract", str(folder), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    facts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(f["doc_id"], f["type"], f["period"]) for f in facts] == [("a", "budget", "2026"),
                                                                     ("b", "chip_count", "2025-03")]
    assert "read 2: processed 2, skipped 0, failed 0; 2 facts" in proc.stderr


def test_extract_table_format(folder):
    proc = run("extract", str(folder / "a.txt"), "--manifest", str(folder / "manifest.jsonl"), "--format", "table")
    assert "budget" in proc.stdout and "2,000,000,000" in proc.stdout and "2026" in proc.stdout


def test_failed_input_makes_the_exit_code_non_zero(folder):
    (folder / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    proc = run("extract", str(folder))
    assert proc.returncode == 1
    assert "failed" in proc.stderr and "malformed JSON line" in proc.stderr
    assert len(proc.stdout.splitlines()) == 2  # the good articles are still extracted


def test_strict_also_fails_on_skipped_inputs(folder):
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    assert run("extract", str(folder)).returncode == 0
    assert run("extract", str(folder), "--strict").returncode == 1


def test_stdin_plain_text_and_json_lines():
    proc = run("extract", "-", stdin="Acme will buy 5,000 GPUs.")
    assert [json.loads(x)["doc_id"] for x in proc.stdout.splitlines()] == ["sha-7c1bd704717829b3"]
    proc = run("extract", "-", "--doc-id", "wire-7", "--published", "2025-03-01",
               stdin="Acme will buy 5,000 GPUs next year.")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["doc_id"] for x in proc.stdout.splitlines()] == ["wire-7"]
    proc = run("extract", "-", stdin='{"id": "s1", "text": "Acme will buy 5,000 GPUs.", "published": "2025-01-01"}\n')
    assert [json.loads(x)["doc_id"] for x in proc.stdout.splitlines()] == ["s1"]


def test_quantities_reads_stdin():
    proc = run("quantities", "-", stdin="Between 40,000 and 80,000 units at ~US$20,000 each.")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["low"], r["high"], r["value"], r["unit"], r["qualifier"]) for r in rows] == [
        (40000, 80000, None, None, "exact"), (None, None, 20000, "USD", "approx")]


def test_query_prints_its_sql():
    proc = run("query", "--db", "unused.db", "--type", "budget", "--subject", "ByteDance", "--sql")
    assert "json_each(facts.subject)" in proc.stdout and "ORDER BY period" in proc.stdout
