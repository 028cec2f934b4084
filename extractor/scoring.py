"""The contract's scorer: mention-level, fact-level and attribute scores.

Kept free of spaCy and of the extractor so that gold, any system's output and
outside scorers meet on the same definitions (`shared/spec/facts.md`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractor.records import FACT_TYPES

TOLERANCE = 0.005
ATTRIBUTES = ("qualifier", "subject", "item", "metric", "period", "retracted")
EXTRA_ATTRIBUTES = ("equivalent_of",)

Record = Mapping[str, Any]


def numbers_agree(a: float | None, b: float | None, tolerance: float = TOLERANCE) -> bool:
    """Within `tolerance` relative of each other (both null also agree)."""
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def facts_match(pred: Record, gold: Record) -> bool:
    """Same document, type and unit, and the same number or range."""
    if (pred["doc_id"], pred["type"], pred["unit"]) != (gold["doc_id"], gold["type"], gold["unit"]):
        return False
    if gold["value"] is None or pred["value"] is None:
        return (
            gold["value"] is None
            and pred["value"] is None
            and numbers_agree(pred["low"], gold["low"])
            and numbers_agree(pred["high"], gold["high"])
        )
    return numbers_agree(pred["value"], gold["value"])


def spans_overlap(a: Record, b: Record) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _round4(x: float | None) -> float | None:
    return None if x is None else float(f"{x:.4g}")


def fact_key(record: Record) -> tuple:
    """The fact-level identity: numbers rounded to 4 significant digits."""
    return (
        record["doc_id"],
        record["type"],
        record["unit"],
        _round4(record["value"]),
        _round4(record["low"]),
        _round4(record["high"]),
    )


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def attribute_equal(name: str, pred: Record, gold: Record) -> bool:
    p, g = pred.get(name), gold.get(name)
    if name == "subject":
        return {s.casefold() for s in p or []} == {s.casefold() for s in g or []}
    return p == g


@dataclass
class Score:
    """Everything the contract defines, plus the matched pairs and the errors."""

    mention: dict[str, PRF] = field(default_factory=dict)
    fact: dict[str, PRF] = field(default_factory=dict)
    attributes: dict[str, tuple[int, int]] = field(default_factory=dict)
    pairs: list[tuple[Record, Record]] = field(default_factory=list)
    misses: list[Record] = field(default_factory=list)
    false_alarms: list[Record] = field(default_factory=list)

    def attribute_accuracy(self, name: str) -> float:
        right, total = self.attributes.get(name, (0, 0))
        return right / total if total else 0.0

    def attribute_errors(self, name: str) -> list[tuple[Record, Record]]:
        return [(p, g) for p, g in self.pairs if not attribute_equal(name, p, g)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": {k: v.to_dict() for k, v in self.mention.items()},
            "fact": {k: v.to_dict() for k, v in self.fact.items()},
            "attributes": {
                name: {
                    "correct": right,
                    "total": total,
                    "accuracy": round(right / total, 4) if total else None,
                }
                for name, (right, total) in self.attributes.items()
            },
        }


def _by_doc(records: Iterable[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        grouped[record["doc_id"]].append(record)
    for items in grouped.values():
        items.sort(key=lambda r: (r["start"], r["end"]))
    return grouped


def match_mentions(
    preds: Sequence[Record], golds: Sequence[Record]
) -> tuple[list[tuple[Record, Record]], list[Record], list[Record]]:
    """One-to-one greedy matching in document order: each gold mention, in
    order, takes the earliest unused prediction that matches it and overlaps."""
    pred_docs, gold_docs = _by_doc(preds), _by_doc(golds)
    pairs, misses, used_ids = [], [], set()
    for doc_id in sorted(gold_docs):
        candidates = pred_docs.get(doc_id, [])
        for gold in gold_docs[doc_id]:
            for pred in candidates:
                if id(pred) in used_ids:
                    continue
                if spans_overlap(pred, gold) and facts_match(pred, gold):
                    used_ids.add(id(pred))
                    pairs.append((pred, gold))
                    break
            else:
                misses.append(gold)
    false_alarms = [p for doc in sorted(pred_docs) for p in pred_docs[doc] if id(p) not in used_ids]
    return pairs, misses, false_alarms


def score(preds: Sequence[Record], golds: Sequence[Record]) -> Score:
    """Score predictions against gold for the documents the gold covers."""
    gold_docs = {g["doc_id"] for g in golds}
    preds = [p for p in preds if p["doc_id"] in gold_docs]
    result = Score()
    pairs, misses, false_alarms = match_mentions(preds, golds)
    result.pairs, result.misses, result.false_alarms = pairs, misses, false_alarms

    types = list(FACT_TYPES) + sorted({r["type"] for r in [*preds, *golds]} - set(FACT_TYPES))
    micro_mention, micro_fact = PRF(), PRF()
    for kind in types:
        mention = PRF(
            tp=sum(1 for _, g in pairs if g["type"] == kind),
            fp=sum(1 for p in false_alarms if p["type"] == kind),
            fn=sum(1 for g in misses if g["type"] == kind),
        )
        pred_keys = {fact_key(p) for p in preds if p["type"] == kind}
        gold_keys = {fact_key(g) for g in golds if g["type"] == kind}
        fact = PRF(
            tp=len(pred_keys & gold_keys),
            fp=len(pred_keys - gold_keys),
            fn=len(gold_keys - pred_keys),
        )
        result.mention[kind], result.fact[kind] = mention, fact
        micro_mention.add(mention)
        micro_fact.add(fact)
    result.mention["micro"], result.fact["micro"] = micro_mention, micro_fact

    for name in ATTRIBUTES + EXTRA_ATTRIBUTES:
        if name == "equivalent_of":
            right = sum(1 for p, g in pairs if _equivalent_matches(p, g, pairs))
        else:
            right = sum(1 for p, g in pairs if attribute_equal(name, p, g))
        result.attributes[name] = (right, len(pairs))
    return result


def _equivalent_matches(pred: Record, gold: Record, pairs: list[tuple[Record, Record]]) -> bool:
    """`equivalent_of` points at a start offset; it is right when it points at
    the prediction matched to the gold's target (or both are null)."""
    g_target, p_target = gold.get("equivalent_of"), pred.get("equivalent_of")
    if g_target is None or p_target is None:
        return g_target is None and p_target is None
    for p, g in pairs:
        if g["doc_id"] == gold["doc_id"] and g["start"] == g_target:
            return p["start"] == p_target
    return False
