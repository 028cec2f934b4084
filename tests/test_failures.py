"""Batch runs a user can trust: every mistake is one line and exit code 2, every
failure of one input stays that input's, and an interrupted run resumes."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.cli import main

GOOD = "Zorbly Labs will spend $2bn on data centres next year."
# Python started with lxml_html_clean made unimportable, as after a plain pip install that missed it
WITHOUT_HTML_CLEAN = """
import sys
class Missing:
    def find_spec(self, name, path=None, target=None):
        if name == "lxml_html_clean" or name.startswith(("lxml_html_clean.", "lxml.html.clean")):
            raise ImportError(f"No module named {name!r}")
sys.meta_path.insert(0, Missing())
from extractor.cli import main
sys.exit(main(sys.argv[1:]))
"""
PAGE = ("<html><head><meta property='article:published_time' content='2025-11-20'></head><body><article>"
        "<p>Vantor ordered 12,000 Nvidia B300 GPUs this week, the company said in a statement.</p>"
        "</article></body></html>")


def cli(capsys, *args):
    """The command in this process: (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:  # argparse
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def command(*args, stdin=None, program=None):
    prefix = ["-c", program, *args] if program else ["-m", "extractor.cli", *args]
    return subprocess.run([sys.executable, *prefix], input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture
def place(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not news", encoding="utf-8")
    (tmp_path / "not-a-db.db").write_text("just text", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"doc_id": "a", "published": "2025-0\n', encoding="utf-8")
    (tmp_path / "no-id.jsonl").write_text('{"published": "2025-01-02"}\n', encoding="utf-8")
    (tmp_path / "bad-date.jsonl").write_text('{"doc_id": "a", "published": "next week"}\n', encoding="utf-8")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE documents (name TEXT)")
    other.close()
    (tmp_path / "model").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "{p}/a.txt", "--manifest", "{p}/missing.jsonl"], "--manifest {p}/missing.jsonl: no such file"),
        (["extract", "{p}/a.txt", "--manifest", "{p}/broken.jsonl"], "--manifest {p}/broken.jsonl: line 1 is not JSON"),
        (["extract", "{p}/a.txt", "--manifest", "{p}/no-id.jsonl"], "line 1 has no doc_id"),
        (["extract", "{p}/a.txt", "--manifest", "{p}/bad-date.jsonl"], "published 'next week' is not an ISO date"),
        (["extract", "{p}/a.txt", "--out", "{p}/missing/facts.jsonl"], "--out {p}/missing/facts.jsonl: folder"),
        (["extract", "{p}/a.txt", "--out", "{p}"], "--out {p}: is a folder"),
        (["extract", "{p}/a.txt", "--db", "{p}/missing/facts.db"], "--db {p}/missing/facts.db: folder"),
        (["extract", "{p}/a.txt", "--summary", "{p}/missing/s.json"], "--summary {p}/missing/s.json: folder"),
        (["extract", "{p}/a.txt", "--texts", "{p}/model"], "--texts {p}/model: is a folder"),
        (["extract", "{p}/a.txt", "--db", "{p}/not-a-db.db"], "--db {p}/not-a-db.db: not an extractor store: file"),
        (["extract", "{p}/a.txt", "--db", "{p}/other.db"], "not an extractor store: table documents has no column"),
        (["extract", "{p}/a.txt", "--model", "{p}/model"], "--model {p}/model: not a saved pipeline (no config.cfg)"),
        (["extract", "{p}/a.txt", "--model", "{p}/nothing"], "--model {p}/nothing: no such folder"),
        (["extract", "{p}/a.txt", "--model", "{p}/a.txt"], "--model {p}/a.txt: a file; a saved pipeline is a folder"),
        (["extract", "{p}/a.txt", "--n-process", "0"], "argument --n-process: at least 1 process is needed, got 0"),
        (["extract", "{p}/a.txt", "--n-process", "-3"], "argument --n-process: at least 1 process is needed, got -3"),
        (["extract", "{p}/a.txt", "--n-process", "2.5"], "argument --n-process: a whole number of processes"),
        (["extract", "{p}/a.txt", "--format", "csv"], "argument --format: invalid choice: 'csv'"),
        (["extract", "{p}/a.txt", "{p}/notes.md", "--doc-id", "x"], "--doc-id describes one document"),
        (["extract", "{p}", "--published", "2025-01-01"], "--published describes one document, but {p} holds many"),
        (["extract", "{p}/a.txt", "--published", "soon"], "--published 'soon' is not an ISO date"),
        (["extract", "{p}/a.txt", "--doc-id", " "], "--doc-id is empty"),
        (["extract", "{p}/no-id.jsonl", "--out", "{p}/no-id.jsonl"], "--out {p}/no-id.jsonl: is also an input"),
        (["query", "--db", "{p}/missing.db"], "--db {p}/missing.db: no store there"),
        (["query", "--db", "{p}/not-a-db.db"], "--db {p}/not-a-db.db: not an extractor store"),
        (["query", "--db", "{p}/x.db", "--type", "capex"], "argument --type: invalid choice: 'capex'"),
        (["quantities", "{p}/missing.txt"], "quantities: cannot read {p}/missing.txt: No such file"),
        (["quantities", "{p}"], "quantities: {p} is a folder"),
    ],
)
def test_failures_user_mistake_is_one_line_and_exit_2(capsys, place, args, message):
    code, out, err = cli(capsys, *(a.format(p=place) for a in args))
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err and out == ""
    assert message.format(p=place) in err


@pytest.mark.parametrize(("args", "code"), [(["query", "--db", "x.db", "--type", "BUDGET", "--sql"], 0),
                                            (["query", "--db", "x.db", "--format", "JSONL", "--sql"], 0)])
def test_failures_choices_are_case_insensitive(capsys, args, code):
    assert cli(capsys, *args)[0] == code


def test_failures_debug_shows_the_traceback(place):
    proc = command("extract", str(place / "a.txt"), "--db", str(place / "not-a-db.db"), "--debug")
    assert proc.returncode == 2 and "Traceback" in proc.stderr and "not an extractor store" in proc.stderr


def test_failures_build_outside_a_checkout_refuses(tmp_path):
    """A wheel install: the package sits in site-packages with no pyproject.toml beside it."""
    site = tmp_path / "site-packages"
    shutil.copytree(Path(__file__).resolve().parent.parent / "extractor", site / "extractor",
                    ignore=shutil.ignore_patterns("__pycache__"))
    program = f"import sys; sys.path.insert(0, {str(site)!r}); from extractor.cli import main; sys.exit(main())"
    for args in (["build"], ["build-currencies"]):
        proc = command(*args, program=program)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert "installed package, not a source checkout" in proc.stderr and "--out" in proc.stderr
    assert sorted(p.name for p in site.iterdir()) == ["extractor"]


def test_failures_format_table_with_out_writes_a_table(capsys, place):
    code, out, _ = cli(capsys, "extract", place / "a.txt", "--format", "table", "--out", place / "t.txt")
    table = (place / "t.txt").read_text(encoding="utf-8").splitlines()
    assert code == 0 and out == ""
    assert table[0].split()[:3] == ["doc", "type", "amount"] and "2,000,000,000" in table[1]


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 0)])
def test_failures_strict_rerun_of_unchanged_documents_passes(capsys, place, strict, code):
    (place / "notes.md").unlink()
    db = place / "facts.db"
    assert cli(capsys, "extract", place / "a.txt", "--db", db)[0] == 0
    again = cli(capsys, "extract", place / "a.txt", "--db", db, *(["--strict"] if strict else []))
    assert again[0] == code and "1 skipped as unchanged" in again[2]


def test_failures_outputs_inside_the_input_folder_are_not_read_as_news(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    args = ["extract", tmp_path, "--out", tmp_path / "facts.jsonl", "--db", tmp_path / "facts.db",
            "--summary", tmp_path / "summary.json", "--strict"]
    assert cli(capsys, *args)[0] == 0
    code, _, err = cli(capsys, *args)  # now facts.jsonl, facts.db(-wal) and summary.json lie in the folder
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert code == 0 and summary["processed"] == 0 and summary["unchanged"] == 1 and summary["skipped_types"] == {}
    assert {Path(p["input"]).name for p in summary["problems"] if "output of this run" in p["reason"]} >= {
        "facts.jsonl", "facts.db", "summary.json"}


def test_failures_strict_still_fails_on_other_skips(capsys, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "news" / "b.md").write_text("# not news", encoding="utf-8")
    code, _, err = cli(capsys, "extract", tmp_path / "news", "--strict", "--db", tmp_path / "facts.db")
    assert code == 1 and "skipped file types: .md x1" in err


def test_failures_pipe_into_head_is_quiet(tmp_path):
    for i in range(40):
        (tmp_path / f"d{i:02d}.txt").write_text(f"Acme{i} will buy {1000 + i} GPUs. " * 200, encoding="utf-8")
    shell = f"{sys.executable} -m extractor.cli extract {tmp_path} --no-progress | head -1"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=300)
    assert len(proc.stdout.splitlines()) == 1
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr
    assert "stopped early (the output pipe was closed)" in proc.stderr and proc.returncode == 1
    query = f"{sys.executable} -m extractor.cli query --db {tmp_path / 'none.db'} --sql | head -1"
    proc = subprocess.run(["bash", "-c", query], capture_output=True, text=True, timeout=120)
    assert proc.stdout.startswith("SELECT") and proc.stderr == ""


@pytest.fixture
def hard_batch(tmp_path):
    """Every kind of trouble at once, beside good articles."""
    news = tmp_path / "news"
    for day, text in (("day1", GOOD), ("day2", "Vantor ordered 12,000 GPUs in March.")):
        (news / day).mkdir(parents=True)
        (news / day / "story.txt").write_text(text, encoding="utf-8")
    (news / "day1" / "manifest.jsonl").write_text('{"doc_id": "story", "published": "2025-0', encoding="utf-8")
    (news / "day2" / "manifest.jsonl").write_text('{"doc_id": "story", "published": "2025-06-01"}\n')
    (news / "page.html").write_text(PAGE, encoding="utf-8")
    (news / "scan.pdf").write_bytes(b"%PDF-1.4")
    (news / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "Acme spent $1bn on chips."}\n{oops\n'
                                         '{"id": "f3", "text": "Acme will buy 900 GPUs."}\n', encoding="utf-8")
    return tmp_path


def test_failures_hard_batch_accounts_for_every_input(hard_batch):
    db, summary_path = hard_batch / "facts.db", hard_batch / "summary.json"
    args = ["extract", str(hard_batch / "news"), str(hard_batch / "feed.jsonl"), "--db", str(db),
            "--summary", str(summary_path), "--no-progress"]
    proc = command(*args, program=WITHOUT_HTML_CLEAN)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    summary = json.loads(summary_path.read_text())
    status = {Path(p["input"]).name: (p["status"], p["reason"]) for p in summary["problems"]}
    assert status["page.html"][0] == "failed" and "lxml_html_clean" in status["page.html"][1]
    assert status["manifest.jsonl"][0] == "failed" and "malformed manifest" in status["manifest.jsonl"][1]
    assert status["scan.pdf"] == ("skipped", "not a news input (expected .txt, .html, .jsonl or .jsonl.gz): .pdf")
    assert status["empty.txt"] == ("skipped", "empty file")
    assert status["feed.jsonl:2"][0] == "failed"
    assert summary["skipped_types"] == {".pdf": 1}
    assert (summary["read"], summary["processed"], summary["skipped"], summary["failed"]) == (9, 4, 2, 3)
    with sqlite3.connect(db) as con:
        stored = dict(con.execute("SELECT doc_id, facts FROM documents WHERE status = 'processed'").fetchall())
        published = con.execute("SELECT published FROM documents WHERE doc_id = 'day2/story'").fetchone()[0]
    assert set(stored) == {"day1/story", "day2/story", "f3"} | {k for k in stored if k.startswith("sha-")}
    assert len(stored) == 4 and all(stored.values()) and published == "2025-06-01"
    rerun = command(*args[:-1])  # lxml_html_clean importable again: only the page is new work
    assert rerun.returncode == 1 and "Traceback" not in rerun.stderr  # feed.jsonl:2 is still broken
    again = json.loads(summary_path.read_text())
    assert (again["processed"], again["unchanged"]) == (1, 4)


def test_failures_two_stdin_runs_keep_both(tmp_path):
    db = tmp_path / "facts.db"
    for text in (GOOD, "Vantor ordered 12,000 GPUs in March."):
        proc = command("extract", "-", "--db", str(db), stdin=text)
        assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db) as con:
        ids = [row[0] for row in con.execute("SELECT doc_id FROM documents ORDER BY doc_id")]
    assert len(ids) == 2 and all(i.startswith("sha-") for i in ids)


@pytest.mark.parametrize(("n_process", "signum"), [(1, signal.SIGINT), (2, signal.SIGINT), (1, signal.SIGTERM)])
def test_failures_ctrl_c_stops_cleanly_and_resumes(tmp_path, n_process, signum):
    folder = tmp_path / "news"
    folder.mkdir()
    n = 300
    for i in range(n):
        (folder / f"doc{i:04d}.txt").write_text(f"Company{i} Holdings will spend ${i + 1}bn on data centres. "
                                               f"It ordered {1000 + i} GPUs. " + "Markets were calm. " * 300,
                                               encoding="utf-8")
    db, summary_path = tmp_path / "facts.db", tmp_path / "summary.json"
    args = [sys.executable, "-m", "extractor.cli", "extract", str(folder), "--db", str(db), "--no-progress",
            "--summary", str(summary_path), "--n-process", str(n_process)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline, done = time.monotonic() + 120, 0
    while time.monotonic() < deadline and proc.poll() is None and done < 1:
        time.sleep(0.1)
        try:
            with sqlite3.connect(db, timeout=1) as con:
                done = con.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()[0]
        except sqlite3.Error:
            continue
    os.kill(proc.pid, signum)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "stopped early (interrupted)" in err
    partial = json.loads(summary_path.read_text())
    assert partial["complete"] is False and partial["stopped"] == "interrupted" and 1 <= partial["processed"] < n
    resumed = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    final = json.loads(summary_path.read_text())
    assert final["complete"] and final["processed"] + final["unchanged"] == n
    assert final["unchanged"] >= partial["processed"]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*), sum(facts) FROM documents").fetchone() == (n, 2 * n)


def test_failures_an_output_that_breaks_mid_run_still_gives_the_summary(nlp, tmp_path):
    from extractor.batch import run_batch
    from extractor.sources import iter_inputs

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = open(tmp_path / "facts.jsonl", "w", encoding="utf-8")  # noqa: SIM115 - closed on purpose
    out.close()
    summary = run_batch(iter_inputs([tmp_path / "a.txt"]), nlp, out=out, progress=False)
    assert not summary.complete and "the run failed: ValueError" in summary.stopped
    assert summary.read == 1 and "stopped early" in summary.report()


def test_failures_doc_id_with_json_lines_on_stdin(tmp_path):
    proc = command("extract", "-", "--doc-id", "x", stdin='{"id": "s1", "text": "Acme will buy 5,000 GPUs."}\n')
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "--doc-id/--published describe one plain-text document, but stdin holds JSON Lines" in proc.stderr
