"""`extractor consolidate` end to end: inputs, formats, the store's tables, bad input."""

import csv
import io
import json
import sqlite3
import subprocess
import sys
from types import SimpleNamespace

import pytest

from extractor.records import blank_record
from extractor.store import Store


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", "consolidate", *args], capture_output=True,
                          text=True, input=stdin, timeout=300)


FACTS = [
    blank_record(doc_id="w1", start=10, end=25, text="42 billion yuan", value=42_000_000_000, unit="CNY",
                 subject=["Zorbly Ltd."], period="2026"),
    blank_record(doc_id="w1", start=27, end=39, text="$5.9 billion", value=5_900_000_000, unit="USD",
                 qualifier="approx", subject=["Zorbly"], period="2026", equivalent_of=10),
    blank_record(doc_id="w2", start=0, end=6, text="$6bn", value=6_000_000_000, unit="USD", subject=["zorbly"]),
    blank_record(doc_id="w2", start=40, end=46, text="18,000", value=18000, type="chip_count", unit="chips",
                 subject=["Vantor"], item="H20"),
    blank_record(doc_id="w3", start=5, end=11, text="18,000", value=18000, type="chip_count", unit="chips",
                 subject=["Vantor Inc."], item="H20", retracted=True),
]
MANIFEST = '{"doc_id": "w1", "published": "2025-11-20"}\n{"doc_id": "w2", "published": "2025-11-21"}\n' \
           '{"doc_id": "w3", "published": "2025-11-30"}\n'


@pytest.fixture
def facts_file(tmp_path):
    path = tmp_path / "facts.jsonl"
    path.write_text("".join(json.dumps(f) + "\n" for f in FACTS), encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(MANIFEST, encoding="utf-8")
    return path


def test_table_has_one_row_per_fact(facts_file):
    proc = run(str(facts_file), "--manifest", str(facts_file.parent / "manifest.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert "USD 5.9 billion ≈ CNY 42 billion" in proc.stdout and "18,000 chips (retracted)" in proc.stdout
    assert "within tolerance: USD 5.9–6 billion differ by 1.7%" in proc.stdout
    assert "consolidated 5 facts from 3 documents into 2 consolidated facts (1 retracted)" in proc.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_machine_formats(facts_file, fmt):
    proc = run(str(facts_file), "--format", fmt, "--manifest", str(facts_file.parent / "manifest.jsonl"))
    assert proc.returncode == 0, proc.stderr
    if fmt == "jsonl":
        rows = [json.loads(line) for line in proc.stdout.splitlines()]
        budget = next(r for r in rows if r["type"] == "budget")
        assert (budget["unit"], budget["value"], budget["articles"], budget["mentions"]) == ("USD", 5900000000, 2, 3)
        assert budget["equivalents"] == [{"unit": "CNY", "value": 42000000000, "low": None, "high": None}]
        assert budget["first_published"] == "2025-11-20" and budget["last_published"] == "2025-11-21"
    else:
        rows = list(csv.DictReader(io.StringIO(proc.stdout)))
        assert [r["status"] for r in rows] == ["agreed", "retracted"]
        assert rows[0]["members"] == "w1:10-25 w1:27-39 w2:0-6"


def test_store_input_writes_the_consolidated_tables(tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as store:
        for doc_id, published in (("w1", "2025-11-20"), ("w2", "2025-11-21"), ("w3", "2025-11-30")):
            item = SimpleNamespace(doc_id=doc_id, content_hash=doc_id, source=doc_id, origin=doc_id, notes=[],
                                   published=published, words=10, text="x" * 60)
            store.save_processed(item, [{"rule": "", **f} for f in FACTS if f["doc_id"] == doc_id])
    proc = run("--db", str(db), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert "wrote 2 rows to table consolidated and 5 to consolidated_members" in proc.stderr
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT status, articles, first_published FROM consolidated ORDER BY id").fetchall()
        members = con.execute("SELECT count(*) FROM consolidated_members WHERE retracted = 1").fetchone()
    assert rows == [("agreed", 2, "2025-11-20"), ("retracted", 2, "2025-11-21")]
    assert members == (1,)
    assert run("--db", str(db), "--no-save").returncode == 0


@pytest.mark.parametrize(
    ("args", "stdin", "message", "code"),
    [
        (["-"], '{"doc_id": "x"}\nnot json\n', "<stdin>:2: skipped: not JSON", 0),
        (["-"], '{"doc_id": "x"}\n', "<stdin>:1: skipped: not a fact record (missing 15 fields", 0),
        (["missing.jsonl"], None, "missing.jsonl: skipped: No such file or directory", 0),
        (["-", "--tolerance", "3"], "", "error: tolerance: tolerance must be a number in [0, 1)", 2),
        ([], None, "error: give JSON Lines of facts", 2),
        (["--db", "nowhere.db"], None, "error: no store at nowhere.db", 2),
    ],
)
def test_bad_input_is_one_line_and_no_traceback(args, stdin, message, code):
    proc = run(*args, stdin=stdin)
    assert proc.returncode == code
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_a_file_that_is_not_a_store_is_an_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not sqlite at all, just text that is long enough to have a header", encoding="utf-8")
    proc = run("--db", str(path))
    assert proc.returncode == 2 and "not a readable store" in proc.stderr and "Traceback" not in proc.stderr


def test_evaluate_consolidation_reports_pairwise_scores(root, tmp_path):
    report = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, str(root / "evaluate.py"), "--consolidation", "--corpus",
                           str(root / "corpus" / "overlap"), "--gold", str(root / "annotations" / "overlap"),
                           "--json", str(report)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "pairs gold/pred/true" in proc.stdout
    rows = {r["facts"]: r for r in json.loads(report.read_text())}
    assert set(rows) == {"gold", "extractor"}
    assert (rows["gold"]["f1"], rows["gold"]["status_accuracy"], rows["gold"]["gold_groups"]) == (1.0, 1.0, 10)
