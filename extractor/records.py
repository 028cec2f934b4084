"""The contract's records: a normalized `Quantity` and a typed `Fact`.

Numbers are `Decimal` inside so that money never passes through binary
floating point; `to_dict` turns them into JSON numbers (int when integral).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

FACT_TYPES = ("budget", "unit_price", "chip_count", "user_count", "token_volume")
QUALIFIERS = ("exact", "approx", "lower_bound", "upper_bound")
METRICS = {
    "user_count": ("MAU", "DAU", "WAU", "users"),
    "token_volume": ("daily", "weekly", "monthly", "yearly", None),
}
COUNT_UNITS = {"chip_count": "chips", "user_count": "users", "token_volume": "tokens"}
REQUIRED_FIELDS = (
    "doc_id",
    "type",
    "value",
    "low",
    "high",
    "unit",
    "start",
    "end",
    "text",
    "qualifier",
    "subject",
    "item",
    "metric",
    "period",
    "retracted",
    "equivalent_of",
)


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
        out = {
            "doc_id": self.doc_id,
            "type": self.type,
            "value": json_number(self.value),
            "low": json_number(self.low),
            "high": json_number(self.high),
            "unit": self.unit,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "qualifier": self.qualifier,
            "subject": list(self.subject),
            "item": self.item,
            "metric": self.metric,
            "period": self.period,
            "retracted": self.retracted,
            "equivalent_of": self.equivalent_of,
            "rule": self.rule,
        }
        if self.evidence is not None:
            out["evidence"] = self.evidence.to_dict()
        return out


def blank_record(**fields: Any) -> dict[str, Any]:
    """A contract record with every field at its neutral value, then `fields`."""
    record: dict[str, Any] = {
        "doc_id": "", "type": "budget", "value": None, "low": None, "high": None, "unit": "", "start": 0, "end": 0,
        "text": "", "qualifier": "exact", "subject": [], "item": None, "metric": None, "period": None,
        "retracted": False, "equivalent_of": None,
    }
    record.update(fields)
    return record


def validate_record(record: dict[str, Any], article: str | None = None) -> list[str]:
    """Every way `record` breaks the contract (empty when it is valid)."""
    problems = [f"missing field {name!r}" for name in REQUIRED_FIELDS if name not in record]
    if problems:
        return problems
    kind = record["type"]
    if kind not in FACT_TYPES:
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
    unit = record["unit"]
    if kind in COUNT_UNITS and unit != COUNT_UNITS[kind]:
        problems.append(f"{kind} must have unit {COUNT_UNITS[kind]!r}")
    if kind in ("budget", "unit_price") and not (isinstance(unit, str) and len(unit) == 3 and unit.isupper()):
        problems.append(f"money needs an ISO 4217 code, got {unit!r}")
    if kind in METRICS and record["metric"] not in METRICS[kind]:
        problems.append(f"metric {record['metric']!r} not allowed for {kind}")
    if kind not in METRICS and record["metric"] is not None:
        problems.append(f"metric must be null for {kind}")
    if kind not in ("chip_count", "unit_price") and record["item"] is not None:
        problems.append(f"item must be null for {kind}")
    if not isinstance(record["subject"], list):
        problems.append("subject must be a list")
    if not isinstance(record["retracted"], bool):
        problems.append("retracted must be a bool")
    if record["equivalent_of"] is not None and kind not in ("budget", "unit_price"):
        problems.append("equivalent_of is only for money")
    if not 0 <= record["start"] < record["end"]:
        problems.append("bad offsets")
    if article is not None and article[record["start"] : record["end"]] != record["text"]:
        problems.append(f"text {record['text']!r} != article[{record['start']}:{record['end']}]")
    return problems
