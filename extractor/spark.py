"""Apache Spark backend: the same extraction over a DataFrame, partition by partition.

    from extractor.spark import facts_dataframe
    facts = facts_dataframe(spark.read.json("news/*.jsonl.gz"))   # columns id, text, published
    facts.write.json("facts/")

or from the shell (local mode, both cores):

    python -m extractor.spark news.jsonl.gz facts/ --master "local[2]"

Each Python worker loads the pipeline once (Spark reuses Python workers
across tasks) and turns its partition's rows into the contract's records;
the result equals a local run on the same input. Install with
`pip install .[spark]`; Spark needs a Java runtime.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from extractor.pipeline import extract, load
from extractor.records import NUMBER_FIELDS, OUTPUT_FIELDS, spark_schema

FIELDS = OUTPUT_FIELDS
FACT_SCHEMA = spark_schema()

_PIPELINE = None


def _pipeline(model: str | None):
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = load(model) if model else load()
    return _PIPELINE


def _row(fact: dict[str, Any]) -> tuple:
    return tuple(float(fact[f]) if f in NUMBER_FIELDS and fact[f] is not None else fact[f] for f in FIELDS)


def extract_partition(rows: Iterable[Any], id_col: str = "id", text_col: str = "text",
                      published_col: str = "published", model: str | None = None) -> Iterator[tuple]:
    """Fact rows of one partition; usable with `rdd.mapPartitions`. A row with
    no text or an unreadable date is read as in a local batch run (no facts;
    date left unresolved)."""
    nlp = _pipeline(model)
    for row in rows:
        record = row.asDict() if hasattr(row, "asDict") else dict(row)
        text = record.get(text_col)
        if not isinstance(text, str) or not text.strip():
            continue
        published = record.get(published_col)
        try:
            facts = extract(text, published, str(record.get(id_col)), nlp=nlp)
        except ValueError:
            facts = extract(text, None, str(record.get(id_col)), nlp=nlp)
        for fact in facts:
            yield _row(fact.to_dict())


def facts_dataframe(df: Any, id_col: str = "id", text_col: str = "text", published_col: str = "published",
                    model: str | None = None) -> Any:
    """A DataFrame of facts (the contract's columns) from a DataFrame of articles."""
    columns = [id_col, text_col] + ([published_col] if published_col in df.columns else [])
    work = partial(extract_partition, id_col=id_col, text_col=text_col, published_col=published_col, model=model)
    return df.sparkSession.createDataFrame(df.select(*columns).rdd.mapPartitions(work), schema=FACT_SCHEMA)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.spark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="JSON Lines (optionally .gz) with id, text, published; globs allowed")
    parser.add_argument("output", help="folder for the facts, written as JSON Lines part files")
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--published-field", default="published")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(args.master).appName("extractor")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        articles = spark.read.json(args.input)
        facts = facts_dataframe(articles, args.id_field, args.text_field, args.published_field)
        facts.write.mode("overwrite").json(args.output)
        print(f"{facts.count()} facts from {articles.count()} articles -> {args.output}", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
