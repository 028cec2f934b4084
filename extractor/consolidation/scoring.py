"""Scoring a consolidation against hand-made groups (`annotations/groups/`).

A gold group file has one JSON object a line: `group` (a name), `status`
(agreed, conflict, revised, retracted), `members` (a list of [doc_id, start]
pairs naming gold mentions) and an optional `note`. Scores:
- pairwise precision / recall / F1: pairs of mentions put in one group;
- status accuracy: for each gold group, whether the predicted group holding
  most of its members has the gold status.
Predicted facts are first aligned to gold mentions (same document and type,
overlapping spans, one to one in document order); an unaligned prediction is
its own mention, so every pair it joins is a false one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.consolidation.grouping import STATUSES, Consolidated
from extractor.corpus import read_jsonl

Key = tuple[str, int]


@dataclass(frozen=True, slots=True)
class GoldGroup:
    name: str
    status: str
    members: tuple[Key, ...]


def read_groups(path: str | Path) -> list[GoldGroup]:
    groups = []
    for number, row in enumerate(read_jsonl(path), 1):
        if row.get("status") not in STATUSES or not row.get("members"):
            raise ValueError(f"{path}:{number}: a group needs a status in {STATUSES} and members")
        groups.append(GoldGroup(row["group"], row["status"], tuple((d, int(s)) for d, s in row["members"])))
    return groups


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass(frozen=True, slots=True)
class ConsolidationScore:
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int
    status_right: int
    groups: int
    predicted_groups: int
    mentions: int

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0 if not self.gold_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.groups if self.groups else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "true_pairs": self.true_pairs, "predicted_pairs": self.predicted_pairs, "gold_pairs": self.gold_pairs,
                "status_accuracy": round(self.status_accuracy, 4), "status_right": self.status_right,
                "gold_groups": self.groups, "predicted_groups": self.predicted_groups, "mentions": self.mentions}


def align(predictions: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]) -> dict[Key, Key]:
    """Predicted (doc_id, start) -> the gold (doc_id, start) it stands for."""
    by_doc: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc_id"], g["type"]].append(g)
    taken: set[Key] = set()
    mapping: dict[Key, Key] = {}
    for p in sorted(predictions, key=lambda r: (r["doc_id"], r["start"])):
        for g in by_doc.get((p["doc_id"], p["type"]), ()):
            key = (g["doc_id"], g["start"])
            if key not in taken and p["start"] < g["end"] and g["start"] < p["end"]:
                taken.add(key)
                mapping[p["doc_id"], p["start"]] = key
                break
    return mapping


def score_groups(predicted: Sequence[Consolidated], gold: Sequence[GoldGroup],
                 mapping: Mapping[Key, Key] | None = None) -> ConsolidationScore:
    """Pairwise and status scores; `mapping` renames predicted mentions to gold ones."""
    where: dict[Key, int] = {}
    for index, group in enumerate(predicted):
        for m in group.members:
            key = (m.doc_id, m.start)
            where[mapping.get(key, ("?" + key[0], key[1])) if mapping is not None else key] = index
    gold_of = {key: g for g, group in enumerate(gold) for key in group.members}
    together: Counter[tuple[int, int]] = Counter()
    for key, p in where.items():
        if key in gold_of:
            together[p, gold_of[key]] += 1
    right = 0
    for g, group in enumerate(gold):
        overlap = Counter({p: n for (p, gg), n in together.items() if gg == g})
        if overlap and predicted[overlap.most_common(1)[0][0]].status == group.status:
            right += 1
    return ConsolidationScore(
        true_pairs=sum(_pairs(n) for n in together.values()),
        predicted_pairs=sum(_pairs(n) for n in Counter(where.values()).values()),
        gold_pairs=sum(_pairs(len(group.members)) for group in gold),
        status_right=right, groups=len(gold), predicted_groups=len(predicted), mentions=len(where))


def format_scores(rows: Sequence[tuple[str, str, ConsolidationScore]]) -> str:
    """One line per (split, facts source): the README's consolidation table."""
    header = ("split", "facts", "mentions", "groups gold/pred", "pairs gold/pred/true", "P", "R", "F1",
              "status acc")
    lines = [header]
    for split, source, s in rows:
        lines.append((split, source, str(s.mentions), f"{s.groups}/{s.predicted_groups}",
                      f"{s.gold_pairs}/{s.predicted_pairs}/{s.true_pairs}", f"{s.precision:.3f}", f"{s.recall:.3f}",
                      f"{s.f1:.3f}", f"{s.status_accuracy:.3f} ({s.status_right}/{s.groups})"))
    widths = [max(len(r[i]) for r in lines) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in lines)


def evaluate_split(split: Any, groups_path: str | Path,
                   predictions: Sequence[Mapping[str, Any]] | None = None) -> list[tuple[str, str, ConsolidationScore]]:
    """Consolidation of the split's gold facts, and of `predictions` when given,
    each scored against the gold groups in `groups_path`."""
    from extractor.consolidation.grouping import consolidate

    gold_groups = read_groups(groups_path)
    rows = [(split.name, "gold", score_groups(consolidate(split.gold, split.documents), gold_groups))]
    if predictions is not None:
        predicted = consolidate(predictions, split.documents)
        rows.append((split.name, "extractor", score_groups(predicted, gold_groups, align(predictions, split.gold))))
    return rows
