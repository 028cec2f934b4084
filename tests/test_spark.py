"""The Spark backend in local mode writes what a local run writes, record for record."""

import json
import os
import shutil
import subprocess
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="the Spark extra is not installed (pip install .[spark])")
needs_java = pytest.mark.skipif(not (shutil.which("java") or os.environ.get("JAVA_HOME")),
                                reason="Spark needs a Java runtime and none was found (java on PATH or JAVA_HOME)")

from extractor.corpus import read_corpus  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from extractor.spark import FIELDS, facts_dataframe  # noqa: E402


def _clean_env(**extra):
    """No activated venv and no PYSPARK_PYTHON: the command must set the workers' Python itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(sys.prefix))
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def feed(root, tmp_path_factory):
    """The corpus as a feed, with the rows a feed really has: a bad date, no text, no id, an int id."""
    docs = read_corpus(root / "corpus") + read_corpus(root / "corpus" / "dev")
    rows = [{"id": d.doc_id, "text": d.text, "published": d.published} for d in docs]
    rows += [{"id": "bad-date", "text": "Acme will buy 5,000 GPUs next year.", "published": "someday"},
             {"id": "empty", "text": ""}, {"text": "Vantor will spend $160 billion on data centres in 2026."},
             {"id": 42, "text": "Zorbly ordered 1,500 H100 GPUs.", "published": "2025-02-01"}]
    path = tmp_path_factory.mktemp("feed") / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def spark_out(feed):
    out = feed.parent / "spark-facts"
    proc = subprocess.run([sys.executable, "-m", "extractor.spark", str(feed), str(out), "--master", "local[2]"],
                          capture_output=True, text=True, timeout=600, env=_clean_env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def _records(paths):
    return sorted((json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines()),
                  key=lambda r: (r["doc_id"], r["start"], r["type"]))


@needs_java
def test_spark_command_writes_the_local_run_field_by_field(feed, spark_out, tmp_path):
    local = tmp_path / "local.jsonl"
    proc = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(feed), "--out", str(local)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    from_spark = _records(sorted(spark_out.glob("part-*")))
    from_local = _records([local])
    assert len(from_spark) == len(from_local) > 100
    for spark_record, local_record in zip(from_spark, from_local, strict=True):
        assert list(spark_record) == list(local_record)  # every field, nulls kept, same order
        for name, value in local_record.items():
            assert spark_record[name] == value and type(spark_record[name]) is type(value), name
    raw = "".join(p.read_text(encoding="utf-8") for p in spark_out.glob("part-*"))
    assert "E+" not in raw and "E1" not in raw and '"value": 160000000000' in raw


@needs_java
def test_spark_output_is_scored_by_evaluate(root, spark_out, tmp_path):
    proc = subprocess.run([sys.executable, str(root / "evaluate.py"), "--pred", str(spark_out), "--json",
                           str(tmp_path / "report.json")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = {run["split"]: run for run in json.loads((tmp_path / "report.json").read_text())}
    assert set(report) == {"seed", "dev"} and report["seed"]["fact"]["micro"]["f1"] > 0.5


def test_spark_without_java_says_so_in_one_line(feed, tmp_path):
    env = _clean_env(PATH="/nonexistent")
    env.pop("JAVA_HOME", None)
    proc = subprocess.run([sys.executable, "-m", "extractor.spark", str(feed), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert "Spark needs a Java runtime and none was found" in proc.stderr


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("extractor-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.host", "127.0.0.1").getOrCreate())
    yield session
    session.stop()


def _key(record):
    return tuple(float(record[f]) if f in ("value", "low", "high") and record[f] is not None
                 else (tuple(record[f]) if f == "subject" else record[f]) for f in FIELDS)


@needs_java
def test_spark_dataframe_equals_a_local_run(spark, root):
    docs = read_corpus(root / "corpus")
    rows = [(d.doc_id, d.text, d.published) for d in docs] + [("bad-date", "Acme will buy 5,000 GPUs.", "someday"),
                                                                ("empty", "", None)]
    articles = spark.createDataFrame(rows, "id string, text string, published string").repartition(3)
    from_spark = sorted((_key(r.asDict()) for r in facts_dataframe(articles).collect()), key=repr)
    local = []
    for doc_id, text, published in rows:
        if not text:
            continue
        date = published if published != "someday" else None
        local.extend(_key(f.to_dict()) for f in extract(text, date, doc_id))
    assert from_spark == sorted(local, key=repr)
    assert len(from_spark) > 50
