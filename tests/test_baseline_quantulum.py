"""The quantulum3 baseline's mapping from its quantities to fact types."""

import pytest

from extractor.baselines.quantulum import extract_records
from extractor.corpus import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme ordered 12,000 GPUs last week.", [("chip_count", 12000, "chips")]),
        ("The app reached 40 million users.", [("user_count", 40e6, "users")]),
        ("The cluster serves 2 trillion tokens a day.", [("token_volume", 2e12, "tokens")]),
        ("Each accelerator sells at $25,000 each.", [("unit_price", 25000, "USD")]),
        ("The firm will spend $4 billion on data centres.", [("budget", 4e9, "USD")]),
        ("It grew 12 percent.", []),
    ],
)
def test_baseline_maps_quantities_to_types(text, expected):
    records = extract_records(Document("t", text))
    assert [(r["type"], r["value"], r["unit"]) for r in records] == expected
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
