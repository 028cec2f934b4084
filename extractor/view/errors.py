"""The evaluation view's model: gold and predictions of a run overlaid.

The misses, false alarms and attribute errors come from
`extractor.evaluation.errors_of`, the function `evaluate.py --errors` prints,
so the page and the text report can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.evaluation import Run, errors_of
from extractor.records import FACT_TYPES
from extractor.scoring import ATTRIBUTES, EXTRA_ATTRIBUTES
from extractor.view.model import FactView, fact_view

KINDS = ("hit", "attribute", "miss", "false_alarm")
SHOWN_FIELDS = ("type", "text", "value", "unit", "start", "qualifier", "subject", "item", "metric", "period",
                "retracted", "equivalent_of")


@dataclass
class Item:
    """One thing the scorer decided: a matched pair, a miss or a false alarm."""

    id: str
    kind: str
    doc_id: str
    start: int
    end: int
    gold: FactView | None
    pred: FactView | None
    wrong: list[str] = field(default_factory=list)
    nearby: FactView | None = None  # for a miss, an unmatched prediction over the same text (and vice versa)

    @property
    def type(self) -> str:
        return (self.gold or self.pred).type

    def sides(self) -> tuple[FactView | None, FactView | None]:
        """(gold, predicted) to show side by side: an unmatched record beside its nearby counterpart."""
        if self.kind == "miss":
            return self.gold, self.nearby
        if self.kind == "false_alarm":
            return self.nearby, self.pred
        return self.gold, self.pred

    def rows(self) -> list[tuple[str, str, str, bool]]:
        """(field, gold, predicted, differs) for the side-by-side table."""
        gold_view, pred_view = self.sides()
        out = []
        for name in SHOWN_FIELDS:
            gold, pred = _shown(gold_view, name), _shown(pred_view, name)
            if self.kind in ("hit", "attribute"):
                differs = name in self.wrong
            else:
                differs = gold_view is not None and pred_view is not None and gold != pred
            out.append((name, gold, pred, differs))
        return out


def _shown(view: FactView | None, name: str) -> str:
    if view is None:
        return "—"
    if name == "value":
        return view.amount
    value = view.record.get(name)
    if isinstance(value, list):
        return ", ".join(value) or "[]"
    return "null" if value is None else str(value)


@dataclass
class ErrorDoc:
    anchor: str
    doc_id: str
    text: str
    items: list[Item]

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for i in self.items if i.kind == kind) for kind in KINDS}


@dataclass
class RunView:
    anchor: str
    system: str
    split: str
    documents: int
    gold_facts: int
    predicted_facts: int
    score_rows: list[tuple[str, str, str]]  # (label, fact P/R/F1, mention P/R/F1)
    attribute_rows: list[tuple[str, str]]
    docs: list[ErrorDoc]

    def counts(self) -> dict[str, int]:
        return {kind: sum(d.counts()[kind] for d in self.docs) for kind in KINDS}


def _pair_nearby(items: dict[str, list[Item]]) -> None:
    """Give each miss the first false alarm over the same text, and each false alarm the first miss:
    the usual case of a right figure with a wrong type, unit or value."""
    for doc_items in items.values():
        misses = [i for i in doc_items if i.kind == "miss"]
        alarms = [i for i in doc_items if i.kind == "false_alarm"]
        for miss in misses:
            for alarm in alarms:
                if miss.start < alarm.end and alarm.start < miss.end:
                    miss.nearby = miss.nearby or alarm.pred
                    alarm.nearby = alarm.nearby or miss.gold


def _prf(prf: Any) -> str:
    return f"{prf.precision:.3f} / {prf.recall:.3f} / {prf.f1:.3f}"


def run_view(run: Run, number: int) -> RunView:
    errors = errors_of(run)
    wrong: dict[int, list[str]] = {}
    for name, pred, _gold in errors.attribute_errors:
        wrong.setdefault(id(pred), []).append(name)
    items: dict[str, list[Item]] = {d.doc_id: [] for d in run.split.documents}
    texts = {d.doc_id: d.text for d in run.split.documents}
    counter = 0

    def add(kind: str, gold: dict | None, pred: dict | None, names: list[str]) -> None:
        nonlocal counter
        counter += 1
        item_id = f"r{number}-i{counter}"
        doc_id = (gold or pred)["doc_id"]
        text = texts.get(doc_id, "")
        spans = [r for r in (gold, pred) if r is not None]
        items.setdefault(doc_id, []).append(Item(
            item_id, kind, doc_id, min(r["start"] for r in spans), max(r["end"] for r in spans),
            fact_view(f"{item_id}g", gold, text) if gold else None,
            fact_view(item_id, pred, text) if pred else None, names))

    for pred, gold in run.score.pairs:
        names = wrong.get(id(pred), [])
        add("attribute" if names else "hit", gold, pred, names)
    for gold in errors.misses:
        add("miss", gold, None, [])
    for pred in errors.false_alarms:
        add("false_alarm", None, pred, [])
    _pair_nearby(items)
    docs = []
    for index, document in enumerate(run.split.documents, 1):
        doc_items = sorted(items.get(document.doc_id, []), key=lambda i: (i.start, i.end, KINDS.index(i.kind)))
        docs.append(ErrorDoc(f"r{number}-d{index}", document.doc_id, document.text, doc_items))
    score = run.score
    rows = [(kind, _prf(score.fact[kind]), _prf(score.mention[kind])) for kind in (*FACT_TYPES, "micro")]
    attributes = []
    for name in ATTRIBUTES + EXTRA_ATTRIBUTES:
        right, total = score.attributes[name]
        attributes.append((name, f"{right / total:.3f} ({right}/{total})" if total else "n/a"))
    return RunView(f"r{number}", run.system, run.split.name, len(run.split.documents), len(run.split.gold),
                   len(run.predictions), rows, attributes, docs)
