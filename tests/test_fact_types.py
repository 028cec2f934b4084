"""The fact-type registry is data: the contract's constants derive from it, it
is checked against its schema, and a new type can be added from data alone."""

import copy
import json

import pytest

import extractor
from extractor.fact_types import Registry, default_registry
from extractor.pipeline import build
from extractor.records import COUNT_UNITS, FACT_TYPES, METRICS, validate_record
from extractor.resources import load_json

POWER = {
    "value": "measure",
    "unit": "MW",
    "nouns": ["MW", "megawatts", "megawatt", "GW", "gigawatts", "gigawatt"],
    "conversions": {"GW": 1000, "gigawatts": 1000, "gigawatt": 1000},
    "attributes": ["qualifier", "subject", "period", "retracted"],
    "subject": ["possessive", "sentence-organization", "earlier-mention", "previous-sentence-organization",
                "article-organization"],
    "period": ["sentence-date", "from-continued-figure"],
}


def test_the_contracts_constants_come_from_the_registry():
    assert default_registry().names() == FACT_TYPES
    assert FACT_TYPES == ("budget", "unit_price", "chip_count", "user_count", "token_volume")
    assert COUNT_UNITS == {"chip_count": "chips", "user_count": "users", "token_volume": "tokens"}
    assert METRICS["user_count"] == ("MAU", "DAU", "WAU", "users") and None in METRICS["token_volume"]


@pytest.fixture(scope="module")
def power_registry(tmp_path_factory):
    data = copy.deepcopy(load_json("fact_types.json"))
    data["types"]["power_capacity"] = POWER
    path = tmp_path_factory.mktemp("types") / "fact_types.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta's new campus will draw 1.2 GW of power in 2027.", [(1200, None, None, ["Meta"], "2027")]),
        ("Meta said the first hall needs about 300 megawatts.", [(300, None, None, ["Meta"], None)]),
        ("Meta plans between 1 and 2 gigawatts of capacity in 2026.", [(None, 1000, 2000, ["Meta"], "2026")]),
        ("Meta's data centre uses 40,000 GPUs.", []),  # other types are untouched
        ("Meta's 2026 revenue was 5 percent higher.", []),
    ],
)
def test_a_type_registered_from_data_alone_is_extracted(power_registry, text, expected):
    nlp = build(fact_types=power_registry)
    registry = Registry(json.loads(power_registry.read_text(encoding="utf-8")))
    facts = [f for f in extractor.extract(text, "2025-06-01", "p", nlp=nlp) if f.type == "power_capacity"]
    got = [(f.to_dict()["value"], f.to_dict()["low"], f.to_dict()["high"], f.subject, f.period) for f in facts]
    assert got == expected
    for fact in facts:
        assert fact.unit == "MW" and validate_record(fact.to_dict(), text, registry) == []


def test_the_default_pipeline_does_not_know_the_toy_type(nlp):
    facts = extractor.extract("Meta's new campus will draw 1.2 GW of power in 2027.", "2025-06-01", nlp=nlp)
    assert [f.type for f in facts] == []


def _with(change):
    data = copy.deepcopy(load_json("fact_types.json"))
    change(data["types"])
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t["chip_count"].update(value="weight"), "types.chip_count.value"),
        (lambda t: t["chip_count"].update(subject=["telepathy"]), "types.chip_count.subject.0"),
        (lambda t: t["budget"].update(colour="red"), "types.budget.colour"),
        (lambda t: t["user_count"].pop("nouns"), "needs a unit and the nouns"),
        (lambda t: t["chip_count"]["attributes"].remove("item"), "strategies are given exactly"),
        (lambda t: t.update(power={**POWER, "conversions": {"TW": 1e6}}), "conversion names a noun"),
        (lambda t: t["token_volume"]["attributes"].append("equivalent_of"), "only for money"),
        (lambda t: t.update(other=dict(t["budget"])), "one money type per money_role"),
    ],
)
def test_a_broken_registry_is_a_one_line_error(change, message):
    with pytest.raises(ValueError, match="fact_types.json") as error:
        Registry(_with(change))
    assert message in str(error.value) and "\n" not in str(error.value)
