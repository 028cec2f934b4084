"""The contract's field list is written once, as the Fact dataclass; every
other list (JSON output, store columns, Spark schema, blank records,
validation) derives from it."""

import sqlite3
from dataclasses import fields

import pytest

import extractor
from extractor import spark, store
from extractor.records import CONTRACT_FIELDS, OUTPUT_FIELDS, Fact, blank_record, field_kinds, validate_record


def test_the_contract_fields_are_the_fact_dataclass_fields_the_spec_lists():
    spec = ["doc_id", "type", "value", "low", "high", "unit", "start", "end", "text", "qualifier", "subject",
            "item", "metric", "period", "retracted", "equivalent_of"]
    assert tuple(f.name for f in fields(Fact)) == (*spec, "rule", "evidence")
    assert (*spec, "rule") == OUTPUT_FIELDS
    assert tuple(spec) == CONTRACT_FIELDS


def test_json_output_has_every_field_in_order(nlp):
    (fact,) = extractor.extract("Acme will buy 5,000 GPUs.", nlp=nlp)
    assert list(fact.to_dict()) == [*OUTPUT_FIELDS, "evidence"]


def test_store_columns_are_the_contract_fields(tmp_path):
    db = sqlite3.connect(tmp_path / "s.db")
    db.executescript(store.SCHEMA)
    columns = [row[1] for row in db.execute("PRAGMA table_info(facts)")]
    assert columns == ["id", "doc_id", "content_hash", *OUTPUT_FIELDS[1:]]
    assert tuple(columns[1:]) == store.FACT_COLUMNS


def test_spark_schema_names_every_field():
    names = [part.strip().split()[0].strip("`") for part in spark.FACT_SCHEMA.split(",")]
    assert names == list(OUTPUT_FIELDS) == list(spark.FIELDS)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("value", ("number", True)), ("subject", ("list", False)), ("retracted", ("bool", False)),
     ("equivalent_of", ("int", True)), ("unit", ("text", False)), ("period", ("text", True))],
)
def test_field_kinds_come_from_the_annotations(name, kind):
    assert field_kinds()[name] == kind


@pytest.mark.parametrize("name", CONTRACT_FIELDS)
def test_a_record_missing_any_field_is_invalid(name):
    record = blank_record(type="chip_count", unit="chips", value=5, start=0, end=1, text="5")
    assert validate_record(record, "5") == []
    del record[name]
    assert validate_record(record) == [f"missing field {name!r}"]
