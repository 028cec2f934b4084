"""Fact typing and attribute linking on sentences written for these tests
(none is taken from the corpus)."""

import pytest

from extractor import extract


def facts_of(nlp, text, published="2025-06-15"):
    return [f.to_dict() for f in extract(text, published=published, doc_id="t", nlp=nlp)]


def brief(fact):
    number = float(fact["value"]) if fact["value"] is not None else (float(fact["low"]), float(fact["high"]))
    return (fact["type"], number, fact["unit"])


def as_floats(rows):
    return [(kind, tuple(map(float, n)) if isinstance(n, tuple) else float(n), unit) for kind, n, unit in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # budgets
        ("Zorbly Labs will spend $4.2bn on new data centres next year.", [("budget", 4_200_000_000, "USD")]),
        ("Kestrel Cloud earmarked €750 million for GPU purchases.", [("budget", 750_000_000, "EUR")]),
        ("The operator's capex will reach HK$12 billion in 2026.", [("budget", 12_000_000_000, "HKD")]),
        ("Analysts expect capital expenditure of $60-65 billion at Orbital.", [("budget", (60e9, 65e9), "USD")]),
        # unit prices
        ("Each accelerator sells for about $32,000.", [("unit_price", 32000, "USD")]),
        ("Rentals run at $1.85 per GPU hour.", [("unit_price", 1.85, "USD")]),
        ("The servers were priced at S$410,000 apiece.", [("unit_price", 410000, "SGD")]),
        # counts
        ("Vantor ordered 12,500 Nvidia B300 GPUs.", [("chip_count", 12500, "chips")]),
        ("The cluster will grow to between 60,000 and 90,000 accelerators.", [("chip_count", (60000, 90000), "chips")]),
        ("Its Pico assistant passed 70 million daily active users.", [("user_count", 70_000_000, "users")]),
        ("The platform now serves 9 trillion tokens a day.", [("token_volume", 9e12, "tokens")]),
        ("Orbital bought eighteen thousand GPUs.", [("chip_count", 18000, "chips")]),
        # distractors: none of these is a fact
        ("Zorbly's revenue rose to $3.1 billion.", []),
        ("The start-up was valued at $12 billion in its latest round.", []),
        ("Shares closed at $142.50.", []),
        ("Each rack holds 72 GPUs.", []),
        ("Each GB300 NVL72 rack there holds 72 GPUs.", []),  # a product name and an adverb around the container
        ("A standard HGX node still holds 8 GPUs.", []),
        ("The model has a context window of 2 million tokens.", []),
        ("Developers pay $0.40 per million tokens.", []),
        ("Nexa raised $600 million in a Series C round.", []),
        ("The firm bought 8,000 GPU-hours of compute.", []),
        ("Margins improved by 12% in 2025.", []),
        ("Thousands of GPUs sat idle.", []),
        ("The government pledged $20 billion for AI research.", []),
        ("Acme invested $2 billion in Zorbly Labs.", []),
    ],
)
def test_typing(nlp, text, expected):
    assert [brief(f) for f in facts_of(nlp, text)] == as_floats(expected)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("Acme will spend more than $5 billion on chips.", "qualifier", ["lower_bound"]),
        ("Acme will spend up to $5 billion on chips.", "qualifier", ["upper_bound"]),
        ("Acme will spend roughly $5 billion on chips.", "qualifier", ["approx"]),
        ("Acme will buy 30,000-plus GPUs.", "qualifier", ["lower_bound"]),
        ("Acme plans to invest 70 billion yuan (about $9.8 billion) in data centres.", "equivalent_of",
         [None, 21]),
        ("Acme plans to invest more than 70 billion yuan ($9.8 billion) in data centres.", "qualifier",
         ["lower_bound", "lower_bound"]),
        ("Microsoft, Oracle and Meta together plan capex of $400 billion.", "subject",
         [["Microsoft", "Oracle", "Meta"]]),
        ("According to Reuters, Zorbly Labs will buy 5,000 GPUs.", "subject", [["Zorbly Labs"]]),
        ("Vantor, a Texas-based GPU cloud, ordered 4,000 H200 chips.", "subject", [["Vantor"]]),
        ("Last week Quillon Data ordered 4,000 H200 chips.", "subject", [["Quillon Data"]]),
        ("Analysts said Brightwave will spend $2bn on servers.", "subject", [["Brightwave"]]),
        ("Vantor ordered 4,000 H200 chips.", "item", ["H200"]),
        ("Vantor ordered 4,000 Ascend 910B chips.", "item", ["Ascend 910B"]),
        ("Vantor ordered 4,000 GPUs.", "item", [None]),
        ("Acme will spend $5 billion on data centres next year.", "period", ["2026"]),
        ("Acme spent $5 billion on data centres last year.", "period", ["2024"]),
        ("Acme spent $5 billion on data centres in fiscal 2024.", "period", ["2024"]),
        ("Acme spent $5 billion on data centres in the third quarter.", "period", [None]),
        ("Acme will spend $5 billion on data centres over the next three years.", "period", [None]),
        ("Pico had 20 million monthly active users in March.", "period", ["2025-03"]),
        ("Pico had 20 million weekly active users.", "metric", ["WAU"]),
        ("Pico has 20 million users.", "metric", ["users"]),
        ("The service processes 4 trillion tokens a month.", "metric", ["monthly"]),
        ("Acme denied it would spend $5 billion on chips.", "retracted", [True]),
        ("Reports put the order at 9,000 GPUs. That figure is wrong, Acme said.", "retracted", [True]),
        ("Its Lumo Cloud rents H100s at $2 per GPU hour.", "subject", [["Lumo Cloud"]]),
        ("Q: What will Acme spend?\nA: About $3bn on data centres.", "subject", [["Acme"]]),
        ("Oracle raised its fiscal 2026 capex forecast to $35 billion, from $25 billion it projected in June.",
         "period", ["2026", None]),
        ("The API served 8 trillion tokens last month.", "metric", ["monthly"]),
        ("Hanwha will invest W2 trillion in data centres.", "unit", ["KRW"]),
        ("Acme confirmed it would spend $5 billion on chips.", "retracted", [False]),
    ],
)
def test_attributes(nlp, text, field, expected):
    assert [f[field] for f in facts_of(nlp, text)] == expected


def test_an_elided_count_after_an_order_verb_continues_the_earlier_count(nlp):
    text = "Q: Did you order 50,000 B200 GPUs?\nA: No. We ordered 20,000, and the first 5,000 arrive in May."
    assert [(f["type"], f["value"], f["item"]) for f in facts_of(nlp, text)] == [
        ("chip_count", 50000, "B200"), ("chip_count", 20000, "B200"), ("chip_count", 5000, "B200")]


def test_every_fact_says_which_rules_produced_it(nlp):
    (fact,) = facts_of(nlp, "Acme will spend $5 billion on data centres next year.")
    assert fact["rule"].startswith("money:budget:cue:")
    assert "period:date:relative" in fact["rule"]


def test_month_resolves_forward_when_the_sentence_looks_ahead(nlp):
    (fact,) = facts_of(nlp, "Vantor will take delivery of 9,000 GPUs in February.", published="2025-11-03")
    assert fact["period"] == "2026-02"


def test_retraction_spreads_to_the_same_amount_elsewhere(nlp):
    text = "Acme's $9 billion chip order\nAcme denied a report that it would spend $9 billion on chips."
    assert [f["retracted"] for f in facts_of(nlp, text)] == [True, True]


def test_bare_amount_takes_the_currency_of_the_same_earlier_amount(nlp):
    text = "Acme will spend 40 billion yuan on servers. The 40 billion is the largest such budget."
    assert [(f["unit"], f["text"]) for f in facts_of(nlp, text)] == [("CNY", "40 billion yuan"), ("CNY", "40 billion")]


def test_facts_offsets_point_into_the_text(nlp):
    text = "In 2026 Zorbly will buy 20,000 B200 GPUs at ~US$35,000 each, about $700 million in all."
    for fact in facts_of(nlp, text):
        assert text[fact["start"]:fact["end"]] == fact["text"]
