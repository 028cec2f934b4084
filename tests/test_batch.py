"""Batch runs over real-world feeds: formats, encodings, bad input, the store, resume."""

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from extractor.batch import run_batch
from extractor.sources import Fields, NewsItem, Problem, decode, iter_inputs
from extractor.store import Store

HTML = """<html><head><title>Chips</title></head><body>
<nav>Home | World | Tech</nav>
<article><h1>Vantor doubles down</h1>
<p>Vantor, a Texas-based GPU cloud, ordered 12,000 Nvidia B300 GPUs this week, the company said.</p>
<p>It will spend about $1.8 billion on the new capacity in 2026, according to people familiar with the plan.</p>
</article><footer>Copyright 2025</footer></body></html>"""


@pytest.mark.parametrize(
    ("raw", "text", "note"),
    [
        (b"\xef\xbb\xbfAcme buys 5,000 GPUs", "Acme buys 5,000 GPUs", "byte-order mark"),
        ("Café buys 5,000 GPUs".encode("latin-1"), "Café buys 5,000 GPUs", "Windows-1252"),
        ("Acme’s plan: 5,000 GPUs".encode().decode("cp1252").encode("utf-8"), "Acme’s plan: 5,000 GPUs",
         "mojibake repaired"),
        (b"Plain UTF-8 \xe2\x82\xac5bn", "Plain UTF-8 €5bn", None),
    ],
)
def test_decoding_repairs_and_reports(raw, text, note):
    decoded, notes = decode(raw)
    assert decoded == text
    assert (note is None and notes == []) or any(note in n for n in notes)


@pytest.fixture
def messy_batch(tmp_path):
    """One of every kind of bad input, beside good ones."""
    d = tmp_path / "news"
    d.mkdir()
    (d / "good.txt").write_text("Zorbly Labs will spend $2bn on data centres next year.", encoding="utf-8")
    (d / "story.html").write_text(HTML, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "latin1.txt").write_bytes("Caf\xe9 Compute ordered 3,000 GPUs.".encode("latin-1"))
    (d / "nothing.html").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    (d / "huge.txt").write_text(("Zorbly Labs will spend $2bn on data centres next year. " * 12) + "\n" * 1
                                + ("Filler text about markets and weather without figures. " * 95_000),
                                encoding="utf-8")
    (d / "manifest.jsonl").write_text('{"doc_id": "good", "published": "2025-03-01"}\n'
                                      '{"doc_id": "story", "published": "2025-11-20"}\n'
                                      '{"doc_id": "huge", "published": "2025-03-01"}\n', encoding="utf-8")
    feed = tmp_path / "feed.jsonl.gz"
    with gzip.open(feed, "wt", encoding="utf-8") as f:
        f.write('{"uid": "j1", "body": "Vantor ordered 12,000 GPUs.", "date": "2025-01-02"}\n')
        f.write("{not json}\n")
        f.write('{"uid": "j3", "body": "Acme spent $1bn on chips.", "date": "someday"}\n')
        f.write('{"uid": "j4", "body": "Acme spent $1bn on chips."}\n')
        f.write('{"uid": "j5", "body": ""}\n')
        f.write('["not", "an", "object"]\n')
    return d, feed


def test_every_input_of_a_messy_batch_is_accounted_for(nlp, messy_batch, tmp_path):
    folder, feed = messy_batch
    fields = Fields(id="uid", text="body", published="date")
    store = Store(tmp_path / "facts.db")
    summary = run_batch(iter_inputs([folder, feed], fields=fields), nlp, store=store, progress=False)
    documents = {d["doc_id"]: d for d in store.documents()}
    by_input = {p["input"].split("/")[-1]: (p["status"], p["reason"]) for p in summary.problems}
    assert by_input["empty.txt"] == ("skipped", "empty file")
    assert by_input["binary.txt"][0] == "failed" and "binary" in by_input["binary.txt"][1]
    assert by_input["nothing.html"] == ("skipped", "HTML with no article text")
    assert by_input["feed.jsonl.gz:2"][0] == "failed" and "malformed JSON" in by_input["feed.jsonl.gz:2"][1]
    assert by_input["feed.jsonl.gz:5"] == ("skipped", "empty text")
    assert by_input["feed.jsonl.gz:6"] == ("failed", "JSON line is not an object")
    assert (summary.read, summary.processed, summary.skipped, summary.failed) == (13, 7, 3, 3)
    assert summary.read == summary.processed + summary.skipped + summary.failed
    notes = " | ".join(f"{n['input']}: {n['note']}" for n in summary.notes)
    assert "latin1.txt: invalid UTF-8" in notes and "j3" not in notes  # notes name the input, not the id
    assert "feed.jsonl.gz:3: publication date 'someday'" in notes and "feed.jsonl.gz:4: no publication date" in notes
    assert "story.html: HTML reduced" in notes
    assert len(documents) == 13
    assert {d["status"] for d in documents.values()} == {"processed", "skipped", "failed"}
    assert (folder / "huge.txt").stat().st_size > 5_000_000  # beyond spaCy's default max_length
    assert documents["huge"]["status"] == "processed" and documents["huge"]["facts"] == 12
    story_text = store.text("story")
    store.close()
    assert documents["story"]["facts"] == 2 and "Vantor" in story_text and "Home | World" not in story_text


def test_html_facts_point_into_the_extracted_text(nlp, messy_batch, tmp_path):
    folder, _ = messy_batch
    with Store(tmp_path / "facts.db") as store:
        run_batch(iter_inputs([folder / "story.html"], folder / "manifest.jsonl"), nlp, store=store, progress=False)
        text = store.text("story")
        facts = sorted(store.query(), key=lambda f: f["start"])
    assert [(f["type"], f["subject"], f["period"]) for f in facts] == [
        ("chip_count", ["Vantor"], None), ("budget", ["Vantor"], "2026")]
    for fact in facts:
        assert text[fact["start"]:fact["end"]] == fact["text"]


def test_rerun_adds_nothing_and_an_edited_article_replaces_its_facts(nlp, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Acme will buy 5,000 GPUs.", encoding="utf-8")
    (folder / "b.txt").write_text("Zorbly will spend $3bn on data centres.", encoding="utf-8")
    db = tmp_path / "facts.db"
    with Store(db) as store:
        first = run_batch(iter_inputs([folder]), nlp, store=store, progress=False)
        second = run_batch(iter_inputs([folder]), nlp, store=store, progress=False)
        assert (first.processed, second.processed, second.skipped) == (2, 0, 2)
        assert store.db.execute("SELECT count(*) FROM facts").fetchone()[0] == 2
        (folder / "a.txt").write_text("Acme will buy 7,500 GPUs and 2,000 servers.", encoding="utf-8")
        third = run_batch(iter_inputs([folder]), nlp, store=store, progress=False)
        assert (third.processed, third.skipped) == (1, 1)
        values = sorted(f["value"] for f in store.query(type="chip_count"))
    assert values == [2000, 7500]


def test_query_all_budget_facts_for_a_subject_by_period(nlp, tmp_path):
    items = [NewsItem("d1", "Zorbly will spend $3bn on data centres next year.", "2025-02-01", "d1", "h1"),
             NewsItem("d2", "Zorbly spent $2bn on data centres last year.", "2025-02-01", "d2", "h2"),
             NewsItem("d3", "Vantor will spend $9bn on chips.", "2025-02-01", "d3", "h3")]
    db = tmp_path / "facts.db"
    with Store(db) as store:
        run_batch(items, nlp, store=store, progress=False)
    proc = subprocess.run([sys.executable, "-m", "extractor.cli", "query", "--db", str(db), "--type", "budget",
                           "--subject", "zorbly", "--format", "jsonl"], capture_output=True, text=True, timeout=120)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["doc_id"], r["period"], r["value"]) for r in rows] == [("d2", "2024", 2e9), ("d1", "2026", 3e9)]


def test_problems_from_the_source_reach_the_store(nlp, tmp_path):
    with Store(tmp_path / "facts.db") as store:
        run_batch([Problem("feed.jsonl:9", "malformed JSON line", "failed")], nlp, store=store, progress=False)
        assert store.documents()[0]["status"] == "failed"


def test_killed_run_resumes_without_losing_or_repeating_an_article(tmp_path):
    """A real kill -9 half-way through, then the same command again."""
    folder = tmp_path / "news"
    folder.mkdir()
    n = 400
    for i in range(n):
        (folder / f"doc{i:04d}.txt").write_text(
            f"Company{i} Holdings will spend ${i + 1}bn on data centres. It ordered {1000 + i} GPUs.",
            encoding="utf-8")
    db = tmp_path / "facts.db"
    command = [sys.executable, "-m", "extractor.cli", "extract", str(folder), "--db", str(db), "--no-progress",
               "--summary", str(tmp_path / "summary.json")]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as con:
                done = con.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 30:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed: make the batch bigger"
    assert 30 <= done < n
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    with sqlite3.connect(db) as con:
        processed = con.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()[0]
        facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
        duplicates = con.execute('SELECT count(*) FROM (SELECT doc_id, start, "end", type FROM facts '
                                 "GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)").fetchone()[0]
    assert processed == n and facts == 2 * n and duplicates == 0
    assert summary["processed"] + summary["skipped"] == n
    assert summary["skipped"] >= 30 and summary["failed"] == 0


def test_progress_is_quiet_when_not_a_terminal(tmp_path):
    (tmp_path / "a.txt").write_text("Acme will buy 5,000 GPUs.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert "extracting" not in proc.stderr and "doc/s" not in proc.stderr
