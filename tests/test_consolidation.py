"""Consolidation: name keys, grouping decisions, settings, scoring, gold groups."""

import doctest
import json

import pytest
from conftest import ROOT

from extractor.consolidation import Config, consolidate, grouping, names, output, scoring
from extractor.consolidation import config as config_module
from extractor.consolidation.names import name_key
from extractor.consolidation.scoring import GoldGroup, align, read_groups, score_groups
from extractor.corpus import read_corpus, read_gold
from extractor.records import blank_record

SUFFIXES = Config.load().name_suffixes
G = 10**9


@pytest.mark.parametrize("module", [names, grouping, output, config_module, scoring], ids=lambda m: m.__name__)
def test_consolidation_doctests(module):
    failures, _ = doctest.testmod(module)
    assert failures == 0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("ByteDance", "ByteDance Ltd.", True),
        ("ByteDance", "Bytedance", True),
        ("BYTEDANCE", "Byte-Dance", True),
        ("Tencent Holdings Ltd", "Tencent", True),
        ("Kuaishou Technology Co., Ltd.", "Kuaishou Technology", True),
        ("Alibaba Group Holding Limited", "Alibaba", True),
        ("CoreWeave, Inc.", "CoreWeave", True),
        ("Société Générale S.A.", "Societe Generale", True),
        ("X.AI Corp", "xAI", True),
        ("Meta Platforms", "Meta", False),
        ("NTT Data", "NTT", False),
        ("Amazon", "Amazon Web Services", False),
        ("Co", "Inc", False),
    ],
)
def test_name_key_equates_spellings_of_one_company(a, b, same):
    assert (name_key(a, SUFFIXES) == name_key(b, SUFFIXES)) is same


def fact(doc, start, value, unit="USD", **fields):
    """A contract record; ranges as value=(low, high)."""
    low = high = None
    if isinstance(value, tuple):
        (low, high), value = value, None
    fields.setdefault("subject", ["Acme"])
    return blank_record(doc_id=doc, start=start, end=start + 5, text="x" * 5, value=value, low=low, high=high,
                        unit=unit, **fields)


DATES = {"a": "2025-12-01", "b": "2025-12-01", "c": "2026-01-10", "d": "2026-02-01"}


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # a CNY figure, its USD restatement, and a USD-only article: one fact
        ([fact("a", 0, 160 * G, "CNY", period="2026"), fact("a", 20, 23 * G, period="2026", equivalent_of=0),
          fact("b", 0, 23 * G)], [("agreed", 3)]),
        # 11.8 vs 12 is 1.7% apart: within the 2% tolerance
        ([fact("a", 0, 12 * G, period="2026"), fact("c", 0, 11.8 * G, period="2026")], [("agreed", 2)]),
        # restatements at different exchange rates of one agreed CNY figure
        ([fact("a", 0, 160 * G, "CNY", period="2026"), fact("a", 20, 23 * G, period="2026", equivalent_of=0),
          fact("b", 0, 160 * G, "CNY", period="2026"), fact("b", 20, 22 * G, period="2026", equivalent_of=0)],
         [("agreed", 4)]),
        # same day, 14 vs 16: a conflict
        ([fact("a", 0, 14 * G, period="2026"), fact("b", 0, 16 * G, period="2026")], [("conflict", 2)]),
        # a different figure first reported later: a revision (ranges too)
        ([fact("a", 0, (20 * G, 23 * G), period="2026"), fact("c", 0, (23 * G, 26 * G), period="2026"),
          fact("c", 40, (20 * G, 23 * G), period="2026"), fact("d", 0, (26 * G, 28 * G), period="2026")],
         [("revised", 4)]),
        # a later denial retracts the earlier report; the correction is another fact
        ([fact("a", 0, 50000, "chips", type="chip_count"), fact("c", 0, 50000, "chips", type="chip_count",
                                                                  retracted=True),
          fact("c", 30, 30000, "chips", type="chip_count")], [("agreed", 1), ("retracted", 2)]),
        # a total and its sub-allocation are different facts
        ([fact("a", 0, 160 * G, "CNY", period="2026"), fact("a", 30, 85 * G, "CNY", period="2026")],
         [("agreed", 1), ("agreed", 1)]),
        # different periods, subjects, items, metrics: different facts
        ([fact("a", 0, 150 * G, "CNY", period="2025"), fact("b", 0, 150 * G, "CNY", period="2026")],
         [("agreed", 1), ("agreed", 1)]),
        ([fact("a", 0, 300 * G), fact("b", 0, 300 * G, subject=[]), fact("c", 0, 300 * G, subject=["Acme", "Bolt"])],
         [("agreed", 1), ("agreed", 1), ("agreed", 1)]),
        ([fact("a", 0, 20000, "chips", type="chip_count", item="H200"),
          fact("b", 0, 20000, "chips", type="chip_count", item="H20")], [("agreed", 1), ("agreed", 1)]),
        ([fact("a", 0, 157e6, "users", type="user_count", metric="MAU"),
          fact("b", 0, 157e6, "users", type="user_count", metric="DAU")], [("agreed", 1), ("agreed", 1)]),
        # a month's figure joins its year's when it matches; an undated one joins its only match
        ([fact("a", 0, 42 * G, "CNY", period="2026"), fact("b", 0, 42 * G, "CNY", period="2026-11-20"),
          fact("c", 0, 42.2 * G, "CNY")], [("agreed", 3)]),
        # an undated figure matching two dated facts stays apart
        ([fact("a", 0, 10 * G, period="2025"), fact("b", 0, 10 * G, period="2026"), fact("c", 0, 10 * G)],
         [("agreed", 1), ("agreed", 1), ("agreed", 1)]),
        # ... unless one of them is in its own article
        ([fact("a", 0, 10 * G, period="2025"), fact("b", 0, 10 * G, period="2026"), fact("b", 40, 10 * G)],
         [("agreed", 1), ("agreed", 2)]),
        # subject spellings and case
        ([fact("a", 0, 5 * G, subject=["Acme Ltd."]), fact("b", 0, 5 * G, subject=["ACME"])], [("agreed", 2)]),
    ],
)
def test_consolidate_groups_by_key(facts, expected):
    groups = consolidate(facts, DATES)
    assert sorted((g.status, g.mentions) for g in groups) == sorted(expected)
    assert sum(g.mentions for g in groups) == len(facts)


def test_tolerance_decides_agreement_or_variants():
    facts = [fact("a", 0, 12 * G, period="2026"), fact("a", 9, 12 * G, period="2026"),
             fact("c", 0, 11.8 * G, period="2026")]
    (loose,) = consolidate(facts, DATES)
    (strict,) = consolidate(facts, DATES, Config.load().with_tolerance(0.01))
    assert (loose.status, loose.agreed["USD"].value, loose.spread["USD"]) == ("agreed", 12e9, (11.8e9, 12e9))
    assert (strict.status, [v.value for v in strict.variants]) == ("revised", [12e9, 11.8e9])


def test_restated_figures_differ_by_rate_not_by_fact():
    facts = [fact("a", 0, 85 * G, "CNY", period="2026"), fact("a", 20, 12 * G, period="2026", equivalent_of=0),
             fact("a", 40, 85 * G, "CNY", period="2026"), fact("c", 0, 11.8 * G, period="2026")]
    (group,) = consolidate(facts, DATES, Config.load().with_tolerance(0.01))
    assert (group.status, group.units, group.agreed["USD"].value) == ("agreed", ["CNY", "USD"], 12e9)
    assert "restated at different exchange rates: USD 11.8–12 billion differ by 1.7%" in output.details(group, 0.01)


def test_conflict_keeps_each_variant_with_its_sources():
    facts = [fact("a", 0, 14 * G, period="2026"), fact("b", 0, 16 * G, period="2026"),
             fact("c", 0, 14 * G, period="2026")]
    (group,) = consolidate(facts, DATES)
    assert group.status == "conflict" and group.agreed["USD"] is None
    assert [(v.value, sorted({m.doc_id for m in v.members})) for v in group.variants] == [(14e9, ["a", "c"]),
                                                                                        (16e9, ["b"])]
    record = group.to_dict()
    assert record["value"] is None and record["articles"] == 3 and record["first_published"] == "2025-12-01"


def test_retracted_members_are_shown_not_agreed():
    facts = [fact("a", 0, 45000, "chips", type="chip_count"), fact("c", 0, 50000, "chips", type="chip_count",
                                                                      retracted=True),
             fact("c", 20, 45000, "chips", type="chip_count")]
    (group,) = consolidate(facts, DATES)
    assert (group.status, group.agreed["chips"].value, group.mentions) == ("agreed", 45000, 3)
    assert [m.retracted for m in group.members if m.excluded] == [True]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"tolerance": 2, "variant_window": 0.3, "name_suffixes": []}, "tolerance"),
        ({"tolerance": "2%", "variant_window": 0.3, "name_suffixes": []}, "tolerance"),
        ({"tolerance": 0.05, "variant_window": 0.01, "name_suffixes": []}, "variant_window"),
        ({"tolerance": 0.02, "variant_window": 0.3, "name_suffixes": ["Ltd."]}, "name_suffixes"),
        ({"tolerance": 0.02, "variant_window": 0.3, "name_suffixes": [], "window": 1}, "unknown fields"),
    ],
)
def test_bad_settings_name_their_field(data, problem):
    with pytest.raises(ValueError, match=problem):
        Config.from_dict(data)


def test_the_settings_file_follows_its_schema():
    config = Config.load()
    raw = json.loads(config_module.DATA_FILE.read_text(encoding="utf-8"))
    assert set(raw["_schema"]) == {"tolerance", "variant_window", "name_suffixes"}
    assert config.tolerance == 0.02 and {"ltd", "inc", "corp"} <= config.name_suffixes


def _group(*keys, status="agreed"):
    return GoldGroup("g", status, tuple(keys))


@pytest.mark.parametrize(
    ("predicted_keys", "gold", "expected"),
    [
        ([[("a", 0), ("b", 0), ("c", 0)]], [_group(("a", 0), ("b", 0), ("c", 0))], (3, 3, 3)),
        ([[("a", 0), ("b", 0)], [("c", 0)]], [_group(("a", 0), ("b", 0), ("c", 0))], (1, 1, 3)),
        ([[("a", 0), ("b", 0), ("c", 0)]], [_group(("a", 0), ("b", 0)), _group(("c", 0))], (1, 3, 1)),
        ([[("a", 0)], [("b", 0)]], [_group(("a", 0)), _group(("b", 0))], (0, 0, 0)),
    ],
)
def test_pairwise_scores_count_pairs(predicted_keys, gold, expected):
    predicted = consolidate([fact(d, s, 1.0 + 100 * i) for i, keys in enumerate(predicted_keys) for d, s in keys])
    score = score_groups(predicted, gold)
    assert (score.true_pairs, score.predicted_pairs, score.gold_pairs) == expected


def test_unaligned_predictions_only_add_false_pairs():
    gold = [fact("a", 0, 5.0), fact("b", 10, 5.0)]
    predictions = [fact("a", 2, 5.0), fact("b", 10, 5.0), fact("b", 90, 5.0)]
    mapping = align(predictions, gold)
    assert mapping == {("a", 2): ("a", 0), ("b", 10): ("b", 10)}
    score = score_groups(consolidate(predictions), [_group(("a", 0), ("b", 10))], mapping)
    assert (score.true_pairs, score.predicted_pairs, score.gold_pairs, score.status_right) == (1, 3, 1, 1)


GROUP_SPLITS = [("seed", ROOT / "corpus", ROOT / "annotations"),
                ("overlap", ROOT / "corpus" / "overlap", ROOT / "annotations" / "overlap")]


@pytest.mark.parametrize(("name", "corpus", "gold"), GROUP_SPLITS, ids=[s[0] for s in GROUP_SPLITS])
def test_gold_groups_cover_every_gold_mention_once(name, corpus, gold):
    documents = read_corpus(corpus)
    mentions = [(r["doc_id"], r["start"]) for r in read_gold(gold, [d.doc_id for d in documents])]
    members = [key for group in read_groups(ROOT / "annotations" / "groups" / f"{name}.jsonl")
               for key in group.members]
    assert sorted(members) == sorted(mentions)


@pytest.mark.parametrize("enabled", [True, False])
def test_consolidate_restores_the_garbage_collector(enabled):
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        consolidate([fact("a", 0, 5 * G)])
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
