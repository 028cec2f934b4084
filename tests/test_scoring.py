"""The scorer on small hand-made cases."""

import pytest

from extractor.scoring import fact_key, facts_match, numbers_agree, score


def fact(start, end, value=None, low=None, high=None, type_="budget", unit="USD", doc="d", **extra):
    return {
        "doc_id": doc,
        "type": type_,
        "value": value,
        "low": low,
        "high": high,
        "unit": unit,
        "start": start,
        "end": end,
        "text": "x" * (end - start),
        "qualifier": "exact",
        "subject": [],
        "item": None,
        "metric": None,
        "period": None,
        "retracted": False,
        "equivalent_of": None,
        **extra,
    }


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (100.0, 100.0, True),
        (100.0, 100.5, True),  # exactly 0.5%
        (100.0, 100.6, False),
        (11.8e9, 11.8e9 * 1.004, True),
        (None, None, True),
        (None, 1.0, False),
        (0.0, 0.0, True),
    ],
)
def test_numbers_agree_within_half_a_percent(a, b, agree):
    assert numbers_agree(a, b) is agree


@pytest.mark.parametrize(
    ("pred", "gold", "match"),
    [
        (fact(0, 5, value=23e9), fact(0, 5, value=23e9), True),
        (fact(0, 5, value=23e9, unit="CNY"), fact(0, 5, value=23e9), False),
        (fact(0, 5, value=23e9, type_="unit_price"), fact(0, 5, value=23e9), False),
        (fact(0, 5, value=23e9, doc="e"), fact(0, 5, value=23e9), False),
        (fact(0, 5, low=4e4, high=8e4), fact(0, 5, low=4e4, high=8e4), True),
        (fact(0, 5, low=4e4, high=8.1e4), fact(0, 5, low=4e4, high=8e4), False),
        (fact(0, 5, value=6e4), fact(0, 5, low=4e4, high=8e4), False),
        (fact(0, 5, low=4e4, high=8e4), fact(0, 5, value=6e4), False),
    ],
)
def test_facts_match_on_doc_type_unit_and_numbers(pred, gold, match):
    assert facts_match(pred, gold) is match


def test_exact_match_scores_one():
    gold = [fact(0, 5, value=1e9), fact(10, 15, value=2, type_="chip_count", unit="chips")]
    result = score(gold, gold)
    assert result.mention["micro"].f1 == 1.0
    assert result.fact["micro"].f1 == 1.0
    assert all(right == total == 2 for right, total in result.attributes.values())


def test_mention_needs_overlapping_spans_but_fact_level_does_not():
    result = score([fact(20, 25, value=1e9)], [fact(0, 5, value=1e9)])
    assert (result.mention["micro"].tp, result.mention["micro"].fp, result.mention["micro"].fn) == (0, 1, 1)
    assert result.fact["micro"].f1 == 1.0


def test_matching_is_one_to_one():
    golds = [fact(0, 5, value=1e9)]
    preds = [fact(0, 5, value=1e9), fact(1, 4, value=1e9)]
    result = score(preds, golds)
    assert (result.mention["budget"].tp, result.mention["budget"].fp) == (1, 1)
    assert result.fact["budget"].precision == 1.0  # the duplicate is one distinct fact


def test_greedy_in_document_order_takes_the_earliest_candidate():
    golds = [fact(0, 10, value=1e9), fact(8, 20, value=1e9)]
    preds = [fact(5, 9, value=1e9)]
    result = score(preds, golds)
    assert result.pairs[0][1]["start"] == 0
    assert [g["start"] for g in result.misses] == [8]


def test_fact_level_deduplicates_repeated_mentions():
    golds = [
        fact(0, 5, value=160e9, unit="CNY"),
        fact(50, 55, value=160e9, unit="CNY"),
        fact(90, 95, value=23e9),
    ]
    preds = [fact(0, 5, value=160e9, unit="CNY")]
    result = score(preds, golds)
    assert (result.fact["micro"].tp, result.fact["micro"].fp, result.fact["micro"].fn) == (1, 0, 1)
    assert (result.mention["micro"].tp, result.mention["micro"].fn) == (1, 2)


def test_fact_key_rounds_to_four_significant_digits():
    assert fact_key(fact(0, 1, value=11_800_000_001)) == fact_key(fact(0, 1, value=11_800_000_000))
    assert fact_key(fact(0, 1, value=11_810_000_000)) != fact_key(fact(0, 1, value=11_800_000_000))


@pytest.mark.parametrize(
    ("name", "pred_extra", "gold_extra", "right"),
    [
        ("subject", {"subject": ["bytedance"]}, {"subject": ["ByteDance"]}, 1),
        ("subject", {"subject": ["Meta", "Amazon"]}, {"subject": ["Amazon", "Meta"]}, 1),
        ("subject", {"subject": ["Meta"]}, {"subject": ["Amazon", "Meta"]}, 0),
        ("qualifier", {"qualifier": "approx"}, {"qualifier": "exact"}, 0),
        ("period", {"period": "2026"}, {"period": "2026"}, 1),
        ("period", {"period": None}, {"period": "2026"}, 0),
        ("retracted", {"retracted": True}, {"retracted": True}, 1),
    ],
)
def test_attribute_accuracy_over_matched_pairs(name, pred_extra, gold_extra, right):
    result = score([fact(0, 5, value=1.0, **pred_extra)], [fact(0, 5, value=1.0, **gold_extra)])
    assert result.attributes[name] == (right, 1)


def test_equivalent_of_is_right_when_it_points_at_the_matched_target():
    golds = [fact(0, 5, value=160e9, unit="CNY"), fact(7, 12, value=23e9, equivalent_of=0)]
    preds = [fact(1, 5, value=160e9, unit="CNY"), fact(7, 12, value=23e9, equivalent_of=1)]
    assert score(preds, golds).attributes["equivalent_of"] == (2, 2)
    preds[1] = fact(7, 12, value=23e9, equivalent_of=None)
    assert score(preds, golds).attributes["equivalent_of"] == (1, 2)


def test_predictions_for_documents_without_gold_are_ignored():
    result = score([fact(0, 5, value=1.0, doc="other")], [fact(0, 5, value=1.0)])
    assert result.mention["micro"].fp == 0
