"""The Spark backend in local mode equals a local run on the same input."""

import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="the Spark extra is not installed (pip install .[spark])")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs a Java runtime and none was found (java on PATH or JAVA_HOME)", allow_module_level=True)

from extractor.corpus import read_corpus  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from extractor.spark import FIELDS, facts_dataframe  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("extractor-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.host", "127.0.0.1").getOrCreate())
    yield session
    session.stop()


def _key(record):
    return tuple(float(record[f]) if f in ("value", "low", "high") and record[f] is not None
                 else (tuple(record[f]) if f == "subject" else record[f]) for f in FIELDS)


def test_spark_facts_equal_a_local_run(spark, root):
    docs = read_corpus(root / "corpus") + read_corpus(root / "corpus" / "dev")
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
    assert len(from_spark) > 100
