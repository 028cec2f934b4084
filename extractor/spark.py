"""Apache Spark backend: the same extraction over a DataFrame, partition by partition.

    from extractor.spark import facts_dataframe
    facts = facts_dataframe(spark.read.json("news/*.jsonl.gz"))   # columns id, text, published

or from the shell (local mode, both cores; no venv activation needed):

    python -m extractor.spark news.jsonl.gz facts/ --master "local[2]"

The command writes the same JSON Lines records as `extractor extract
news.jsonl.gz` (every field, nulls kept, numbers as the local run writes
them) as part files in `facts/` (replaced if present), which `evaluate.py
--pred facts/` reads. Records are read as in a local run: the id field or a
content-hash id, an unreadable date left unresolved, a row without text
skipped. Each Python worker loads the pipeline once (Spark reuses Python
workers across tasks); the workers run the Python of the command itself
(`--python`, default this interpreter). Install with `pip install .[spark]`;
Spark needs a Java runtime.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from extractor.errors import UsageError
from extractor.pipeline import extract, load
from extractor.records import NUMBER_FIELDS, OUTPUT_FIELDS, spark_schema
from extractor.sources import DEFAULT_FIELDS, Fields, NewsItem, read_record

FIELDS = OUTPUT_FIELDS
FACT_SCHEMA = spark_schema()
PROG = "python -m extractor.spark"

_PIPELINE = None


def _pipeline(model: str | None):
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = load(model) if model else load()
    return _PIPELINE


def _row(fact: dict[str, Any]) -> tuple:
    return tuple(float(fact[f]) if f in NUMBER_FIELDS and fact[f] is not None else fact[f] for f in FIELDS)


def _facts(rows: Iterable[Any], fields: Fields, model: str | None) -> Iterator[dict[str, Any]]:
    """The contract's records of a partition's rows, each row read as a local run reads a record."""
    nlp = _pipeline(model)
    for row in rows:
        record = row.asDict() if hasattr(row, "asDict") else dict(row)
        item = read_record(record, fields)
        if isinstance(item, NewsItem):
            for fact in extract(item.text, item.published, item.doc_id, nlp=nlp):
                yield fact.to_dict()


def extract_partition(rows: Iterable[Any], id_col: str = "id", text_col: str = "text",
                      published_col: str = "published", model: str | None = None) -> Iterator[tuple]:
    """Fact rows of one partition; usable with `rdd.mapPartitions`."""
    yield from (_row(f) for f in _facts(rows, Fields(id_col, text_col, published_col), model))


def jsonl_partition(rows: Iterable[Any], fields: Fields = DEFAULT_FIELDS, model: str | None = None) -> Iterator[str]:
    """The JSON Lines a local run writes, for one partition."""
    yield from (json.dumps(f, ensure_ascii=False) for f in _facts(rows, fields, model))


def _articles(df: Any, fields: Fields) -> Any:
    return df.select(*[c for c in (fields.id, fields.text, fields.published) if c in df.columns])


def facts_dataframe(df: Any, id_col: str = "id", text_col: str = "text", published_col: str = "published",
                    model: str | None = None) -> Any:
    """A DataFrame of facts (the contract's columns) from a DataFrame of articles."""
    work = partial(extract_partition, id_col=id_col, text_col=text_col, published_col=published_col, model=model)
    articles = _articles(df, Fields(id_col, text_col, published_col))
    return df.sparkSession.createDataFrame(articles.rdd.mapPartitions(work), schema=FACT_SCHEMA)


def facts_jsonl(df: Any, fields: Fields = DEFAULT_FIELDS, model: str | None = None) -> Any:
    """A one-column (`value`) DataFrame of JSON Lines, ready for `.write.text(folder)`."""
    lines = _articles(df, fields).rdd.mapPartitions(partial(jsonl_partition, fields=fields, model=model))
    return df.sparkSession.createDataFrame(lines.map(lambda line: (line,)), schema="value string")


def _session(master: str, python: str):
    """A Spark session whose workers run `python`, or a UsageError saying what is missing."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise UsageError("pyspark is not installed: pip install '.[spark]'") from error
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise UsageError("Spark needs a Java runtime and none was found (java on PATH or JAVA_HOME); "
                         "install one, e.g. apt-get install openjdk-17-jre-headless")
    os.environ["PYSPARK_PYTHON"] = python
    os.environ["PYSPARK_DRIVER_PYTHON"] = python
    try:
        return (SparkSession.builder.master(master).appName("extractor")
                .config("spark.ui.enabled", "false")
                .config("spark.pyspark.python", python).config("spark.pyspark.driver.python", python)
                .getOrCreate())
    except Exception as error:  # noqa: BLE001 - PySparkRuntimeError JAVA_GATEWAY_EXITED and kin
        raise UsageError(f"Spark could not start its Java gateway ({type(error).__name__}); check the Java "
                         f"runtime (java -version) and JAVA_HOME") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="JSON Lines (optionally .gz) with id, text, published; globs allowed")
    parser.add_argument("output", help="folder for the facts, written as JSON Lines part files (replaced)")
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--python", default=sys.executable,
                        help="the Python the workers run (default: this one, which has the extractor)")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--published-field", default="published")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if "://" not in args.input and not glob.glob(args.input):
        raise UsageError(f"input {args.input}: no such file")
    fields = Fields(args.id_field, args.text_field, args.published_field)
    spark = _session(args.master, args.python)
    try:
        articles = spark.read.json(args.input)
        if fields.text not in articles.columns:
            raise UsageError(f"input {args.input}: no field {fields.text!r} in its records (see --text-field)")
        facts_jsonl(articles, fields).write.mode("overwrite").text(args.output)
        written = spark.read.text(args.output).count()
        from pyspark.sql import functions

        text = functions.col(f"`{fields.text}`")
        no_text = articles.filter(text.isNull() | (functions.trim(text.cast("string")) == "")).count()
        print(f"{written} facts from {articles.count()} articles ({no_text} without text, skipped) -> "
              f"{args.output}", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
