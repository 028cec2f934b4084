"""The contract's records: a normalized `Quantity` and a typed `Fact`.

Numbers are `Decimal` inside so that money never passes through binary
floating point; `to_dict` turns them into JSON numbers (int when integral).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import Any

from extractor.fact_types import Registry, default_registry

_REGISTRY = default_registry()
FACT_TYPES = _REGISTRY.names()
QUALIFIERS = ("exact", "approx", "lower_bound", "upper_bound")
METRICS = {t.name: t.metric_values() for t in _REGISTRY if t.carries("metric")}
COUNT_UNITS = {t.name: t.unit for t in _REGISTRY if not t.is_money}


def json_number(number: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number a reader expects: int when integral."""
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A normalized amount found in text, fact or not.

    `unit` is an ISO 4217 code for money and None for a bare count.
    A range has `value=None` and both bounds set. The fields after `rule`
    are the normalizer's evidence for the next stages: whether a scale word
    or suffix multiplied the number, where the currency was read
    ('symbol-before', 'currency-after', 'restatement'), and where the
    qualifier word stands.
    """

    start: int
    end: int
    text: str
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    qualifier: str = "exact"
    rule: str = ""
    scaled: bool = False
    currency_source: str | None = None
    qualifier_start: int | None = None
    qualifier_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": json_number(self.value),
            "low": json_number(self.low),
            "high": json_number(self.high),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Fact:
    """One contract record plus `rule`, the explanation of what produced it,
    and `evidence` (an `extractor.evidence.FactEvidence`): what each field was
    decided from, with offsets."""

    doc_id: str
    type: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    start: int
    end: int
    text: str
    qualifier: str = "exact"
    subject: list[str] = field(default_factory=list)
    item: str | None = None
    metric: str | None = None
    period: str | None = None
    retracted: bool = False
    equivalent_of: int | None = None
    rule: str = ""
    evidence: Any = None

    def to_dict(self) -> dict[str, Any]:
        """The contract record plus `rule` and, when the pipeline made the
        fact, `evidence` (the shape in helpers/EVIDENCE.md)."""
        out = {name: _json_value(getattr(self, name)) for name in (*CONTRACT_FIELDS, "rule")}
        if self.evidence is not None:
            out["evidence"] = self.evidence.to_dict()
        return out


# the contract's fields, in order: every other list of them (store columns, Spark
# schema, JSON output, tests) is derived from the Fact dataclass through these
CONTRACT_FIELDS = tuple(f.name for f in fields(Fact) if f.name not in ("rule", "evidence"))
REQUIRED_FIELDS = CONTRACT_FIELDS
OUTPUT_FIELDS = (*CONTRACT_FIELDS, "rule")
NUMBER_FIELDS = tuple(f.name for f in fields(Fact) if "Decimal" in str(f.type))
_KINDS = (("Decimal", "number"), ("list", "list"), ("bool", "bool"), ("int", "int"), ("str", "text"))


def field_kinds() -> dict[str, tuple[str, bool]]:
    """(kind, nullable) of each output field, read from the Fact annotations:
    kind is one of number, list, bool, int, text. Storage schemas (SQLite,
    Spark) are written from this, not by hand."""
    out = {}
    for f in fields(Fact):
        if f.name in OUTPUT_FIELDS:
            annotation = str(f.type)
            out[f.name] = (next(kind for marker, kind in _KINDS if marker in annotation), "None" in annotation)
    return out


def sql_columns(skip: tuple[str, ...] = ()) -> str:
    """The facts table's contract columns as SQLite column definitions."""
    types = {"number": "REAL", "list": "TEXT", "bool": "INTEGER", "int": "INTEGER", "text": "TEXT"}
    return ",\n".join(f'    {_quote(name):<14}{types[kind]}{"" if nullable else " NOT NULL"}'
                       for name, (kind, nullable) in field_kinds().items() if name not in skip)


def spark_schema() -> str:
    """The contract's fields as a Spark DDL schema string."""
    types = {"number": "double", "list": "array<string>", "bool": "boolean", "int": "int", "text": "string"}
    return ", ".join(f"{'`end`' if name == 'end' else name} {types[kind]}" for name, (kind, _) in field_kinds().items())


def _quote(name: str) -> str:
    return f'"{name}"' if name == "end" else name


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    return list(value) if isinstance(value, list) else value


_NEUTRAL = {"doc_id": "", "type": FACT_TYPES[0], "value": None, "low": None, "high": None, "unit": "", "start": 0,
            "end": 0, "text": ""}


def blank_record(**values: Any) -> dict[str, Any]:
    """A contract record with every field at its neutral value, then `values`."""
    record: dict[str, Any] = {}
    for f in fields(Fact):
        if f.name in CONTRACT_FIELDS:
            record[f.name] = _NEUTRAL[f.name] if f.name in _NEUTRAL else (
                f.default_factory() if f.default is MISSING else f.default)
    record.update(values)
    return record


def validate_record(record: dict[str, Any], article: str | None = None,
                    registry: Registry | None = None) -> list[str]:
    """Every way `record` breaks the contract (empty when it is valid); the
    per-type rules come from the fact-type registry."""
    problems = [f"missing field {name!r}" for name in REQUIRED_FIELDS if name not in record]
    if problems:
        return problems
    registry = registry or _REGISTRY
    kind = record["type"]
    fact_type = registry.types.get(kind)
    if fact_type is None:
        problems.append(f"unknown type {kind!r}")
    if record["qualifier"] not in QUALIFIERS:
        problems.append(f"unknown qualifier {record['qualifier']!r}")
    value, low, high = record["value"], record["low"], record["high"]
    if value is None:
        if low is None or high is None:
            problems.append("a range needs both low and high")
        elif low > high:
            problems.append("low is above high")
    elif low is not None or high is not None:
        problems.append("a single value must have low and high null")
    if fact_type is not None:
        problems += _type_problems(record, fact_type)
    if not isinstance(record["subject"], list):
        problems.append("subject must be a list")
    if not isinstance(record["retracted"], bool):
        problems.append("retracted must be a bool")
    if not 0 <= record["start"] < record["end"]:
        problems.append("bad offsets")
    if article is not None and article[record["start"] : record["end"]] != record["text"]:
        problems.append(f"text {record['text']!r} != article[{record['start']}:{record['end']}]")
    return problems


def _type_problems(record: dict[str, Any], fact_type: Any) -> list[str]:
    problems = []
    kind, unit = fact_type.name, record["unit"]
    if not fact_type.is_money and unit != fact_type.unit:
        problems.append(f"{kind} must have unit {fact_type.unit!r}")
    if fact_type.is_money and not (isinstance(unit, str) and len(unit) == 3 and unit.isupper()):
        problems.append(f"money needs an ISO 4217 code, got {unit!r}")
    if fact_type.carries("metric") and record["metric"] not in fact_type.metric_values():
        problems.append(f"metric {record['metric']!r} not allowed for {kind}")
    if not fact_type.carries("metric") and record["metric"] is not None:
        problems.append(f"metric must be null for {kind}")
    if not fact_type.carries("item") and record["item"] is not None:
        problems.append(f"item must be null for {kind}")
    if record["equivalent_of"] is not None and not fact_type.carries("equivalent_of"):
        problems.append("equivalent_of is only for money")
    return problems
