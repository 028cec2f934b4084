"""Typed evidence: the stages exchange fields, never strings; each fact's
evidence points at the article text it was decided from; `rule` is made from
the evidence in one place."""

import re
from pathlib import Path

import pytest

import extractor
from extractor.components.init_data import PATTERN_FILES
from extractor.corpus import read_corpus
from extractor.evidence import EVIDENCE_KEYS, Cue, FactEvidence, Link, Typing, assemble_rule, link_note, typing_rule
from extractor.records import Quantity
from extractor.resources import load_json, load_jsonl

COMPONENTS = Path(extractor.__file__).parent / "components"
# reading a stage's rule string or comparing pattern ids is what typed evidence replaces
FORBIDDEN = [
    (r"\.rule\b", "reads a rule string"),
    (r"\bfact_rule\b", "reads the typer's rule string"),
    (r"[\"'](?:chip|org|date|app|ner|money|count|number|range):", "names a pattern id or rule prefix"),
    (r"\.id_\b", "reads a pattern id"),
]
ALLOWED = {("context.py", r"\.id_\b")}  # the one lookup of a span's pattern id in the side-table


@pytest.mark.parametrize(("pattern", "why"), FORBIDDEN)
def test_no_component_reads_another_stages_rule_or_pattern_id(pattern, why):
    hits = []
    for path in sorted(COMPONENTS.rglob("*.py")):
        if (path.name, pattern) in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(pattern, line):
                hits.append(f"{path.name}:{number}: {line.strip()}")
    assert not hits, f"a component {why}:\n" + "\n".join(hits)


def test_every_pattern_id_in_the_side_table_is_a_ruler_pattern():
    ids = {row["id"] for name in PATTERN_FILES for row in load_jsonl(name)}
    assert set(load_json("pattern_meta.json")["patterns"]) <= ids


def test_every_chip_family_pattern_but_the_generic_one_names_its_maker():
    meta = load_json("pattern_meta.json")["patterns"]
    chips = {row["id"] for row in load_jsonl("patterns/products.jsonl") if row["label"] == "CHIP"}
    assert {i for i in chips if "maker" not in meta.get(i, {})} == {"chip:family"}


Q = Quantity(10, 15, "$5bn", None, rule="money:symbol-before:scaled")


@pytest.mark.parametrize(
    ("typing", "rule"),
    [
        (Typing("budget", "cue", Cue("Plans  to spend", 0, 14, ""), money=True), "money:budget:cue:plans  to spend"),
        (Typing("budget", "restates-earlier-budget", money=True), "money:budget:restates-earlier-budget"),
        (Typing("unit_price", "per-unit-after", Cue("apiece", 0, 6, ""), money=True),
         "money:unit-price:per-unit-after"),
        (Typing("unit_price", "price-phrase-before", rental=True, money=True),
         "money:unit-price:price-phrase-before:rental"),
        (Typing("unit_price", "continues-earlier-price", continuation=True, rental=True, money=True),
         "money:unit-price:continues-earlier-price:rental"),
        (Typing("chip_count", "noun", noun="graphics cards"), "count:chip_count:noun:graphics cards"),
        (Typing("token_volume", "continuation", continuation=True), "count:token_volume:continuation"),
        (Typing("chip_count", "continuation-after-verb", continuation=True),
         "count:chip_count:continuation-after-verb"),
    ],
)
def test_the_typers_part_of_the_rule_comes_from_its_evidence(typing, rule):
    assert typing_rule(typing) == rule


@pytest.mark.parametrize(
    ("link", "note"),
    [
        (Link("period", "sentence-date", detail="month-year"), "period:date:month-year"),
        (Link("period", "from-original"), "period:from-original"),
        (Link("equivalent", "adjacent", detail="("), "equivalent:("),
        (Link("equivalent", "adjacent", detail="adjacent"), "equivalent:adjacent"),
        (Link("retracted", "same-amount"), "retracted:same-amount"),
        (Link("subject", "unnamed-group"), "subject:unnamed-group"),
    ],
)
def test_each_linker_decision_reads_as_one_rule_note(link, note):
    assert link_note(link) == note


def test_the_rule_joins_typing_quantity_and_decisions_in_order():
    restated = Quantity(10, 15, "85 billion", None, unit="CNY", rule="number:scaled", currency_source="restatement")
    evidence = FactEvidence(restated, Typing("budget", "restates-earlier-budget", money=True),
                            [Link("subject", "earlier-mention"), Link("period", "from-original")])
    assert assemble_rule(evidence) == ("money:budget:restates-earlier-budget;number:scaled:currency-from-restatement;"
                                       "subject:earlier-mention;period:from-original")


TEXT = ("Meta's board approved spending of roughly $2bn (¥300 billion) on data centres in 2026. "
        "The company also ordered 10,000 B200 GPUs. Its ChatGPT rival lags: "
        "ChatGPT has 40 million monthly active users.")


@pytest.mark.parametrize(
    ("index", "key", "text"),
    [
        (0, "type", "spending"),
        (0, "subject", "Meta"),
        (0, "period", "2026"),
        (0, "qualifier", "roughly"),
        (1, "equivalent_of", "$2bn"),
        (1, "qualifier", "roughly"),
        (2, "item", "B200"),
        (2, "type", "GPUs"),
        (1, "subject", "Meta"),
        (2, "subject", "Meta"),
        (3, "subject", "ChatGPT"),
        (3, "metric", "monthly active"),
    ],
)
def test_evidence_names_the_text_each_field_came_from(nlp, index, key, text):
    facts = extractor.extract(TEXT, "2025-06-01", "z", nlp=nlp)
    cue = facts[index].to_dict()["evidence"][key]
    assert cue["text"] == text and TEXT[cue["start"]:cue["end"]] == text and cue["why"]


def test_every_evidence_offset_on_the_corpus_points_at_its_text(nlp, root):
    checked = 0
    for folder in ("corpus", "corpus/dev", "corpus/test", "corpus/holdout"):
        for doc in read_corpus(root / folder):
            for fact in extractor.extract(doc.text, doc.published, doc.doc_id, nlp=nlp):
                record = fact.to_dict()
                assert set(record["evidence"]) <= set(EVIDENCE_KEYS)
                assert fact.rule == assemble_rule(fact.evidence)
                for cue in record["evidence"].values():
                    assert set(cue) == {"text", "start", "end", "why"} and cue["why"]
                    if cue["start"] is not None:
                        assert doc.text[cue["start"]:cue["end"]] == cue["text"], (doc.doc_id, cue)
                        checked += 1
    assert checked > 300


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Meta and Oracle will spend $50 billion on data centres.", "Meta and Oracle"),
        ("Meta, Oracle and Google will spend $50 billion on data centres.", "Meta, Oracle and Google"),
        ("Meta will spend $50 billion on data centres.", "Meta"),
    ],
)
def test_a_coordinated_subjects_evidence_covers_every_name(nlp, text, subject):
    (fact,) = extractor.extract(text, nlp=nlp)
    cue = fact.to_dict()["evidence"]["subject"]
    assert cue["text"] == subject == text[cue["start"]:cue["end"]]
