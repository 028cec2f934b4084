"""Running systems over annotated splits and reporting the contract's scores.

`evaluate.py` is only the command line around this module.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.corpus import Document, read_corpus, read_gold, read_jsonl
from extractor.records import FACT_TYPES, REQUIRED_FIELDS
from extractor.scoring import ATTRIBUTES, EXTRA_ATTRIBUTES, Score, score

Extract = Callable[[Document], list[dict[str, Any]]]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _quantulum3() -> Extract:
    from extractor.baselines.quantulum import classifier_path, extract_records

    classifier_path()
    return extract_records


def _extractor() -> Extract:
    import extractor

    nlp = extractor.load()

    def run(document: Document) -> list[dict[str, Any]]:
        facts = extractor.extract(
            document.text, published=document.published, doc_id=document.doc_id, nlp=nlp
        )
        return [fact.to_dict() for fact in facts]

    return run


SYSTEMS: dict[str, Callable[[], Extract]] = {"extractor": _extractor, "quantulum3": _quantulum3}


@dataclass
class Split:
    name: str
    documents: list[Document]
    gold: list[dict[str, Any]]

    @property
    def words(self) -> int:
        return sum(len(d.text.split()) for d in self.documents)


def load_split(
    name: str, corpus_dir: str | Path, gold_dir: str | Path, manifest: str | Path | None = None
) -> Split:
    documents = read_corpus(corpus_dir, manifest)
    if not documents:
        raise FileNotFoundError(f"no .txt articles in {corpus_dir}")
    return Split(name, documents, read_gold(gold_dir, [d.doc_id for d in documents]))


@dataclass
class Run:
    system: str
    split: Split
    predictions: list[dict[str, Any]]
    seconds: float
    load_seconds: float
    score: Score

    @property
    def docs_per_second(self) -> float | None:
        """None for a predictions file: it was not timed."""
        return len(self.split.documents) / self.seconds if self.seconds else None

    @property
    def words_per_second(self) -> float | None:
        return self.split.words / self.seconds if self.seconds else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "split": self.split.name,
            "documents": len(self.split.documents),
            "words": self.split.words,
            "gold_facts": len(self.split.gold),
            "predicted_facts": len(self.predictions),
            **self.score.to_dict(),
            "throughput": {
                "seconds": round(self.seconds, 4),
                "load_seconds": round(self.load_seconds, 4),
                "docs_per_second": _rounded(self.docs_per_second, 2),
                "words_per_second": _rounded(self.words_per_second, 1),
            },
        }


def _rounded(number: float | None, digits: int) -> float | None:
    return None if number is None else round(number, digits)


def load_system(name: str) -> tuple[Extract, float]:
    """The system's extract function and the seconds its loading took."""
    started = time.perf_counter()
    extract = SYSTEMS[name]()
    return extract, time.perf_counter() - started


def run_system(name: str, split: Split, extract: Extract | None = None, load_seconds: float = 0.0) -> Run:
    if extract is None:
        extract, load_seconds = load_system(name)
    started = time.perf_counter()
    predictions = [record for document in split.documents for record in extract(document)]
    seconds = time.perf_counter() - started
    return Run(name, split, predictions, seconds, load_seconds, score(predictions, split.gold))


class PredictionsError(ValueError):
    """A predictions file or folder that cannot be scored; the message says where."""


def read_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSON Lines file, or of every part file in a folder (Spark's
    output: `part-*`); each must carry the contract's required fields."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.startswith("part-"))
        if not files:
            raise PredictionsError(f"{path}: a folder without part-* files")
    elif path.is_file():
        files = [path]
    else:
        raise PredictionsError(f"{path}: no such file or folder")
    records: list[dict[str, Any]] = []
    for file in files:
        try:
            for number, record in enumerate(read_jsonl(file), 1):
                missing = [name for name in REQUIRED_FIELDS if name not in record]
                if missing:
                    raise PredictionsError(f"{file}: record {number} has no field {missing[0]!r}")
                records.append(record)
        except ValueError as error:
            raise PredictionsError(str(error)) from error
    return records


def covers(predictions: list[dict[str, Any]], split: Split) -> bool:
    """Whether the predictions speak about the split at all (any of its doc_ids)."""
    ids = {d.doc_id for d in split.documents}
    return any(p["doc_id"] in ids for p in predictions)


def score_file(path: str | Path, split: Split, predictions: list[dict[str, Any]] | None = None) -> Run:
    if predictions is None:
        predictions = read_predictions(path)
    ids = {d.doc_id for d in split.documents}
    mine = [p for p in predictions if p["doc_id"] in ids]
    return Run(f"file:{Path(path).name}", split, mine, 0.0, 0.0, score(mine, split.gold))


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def format_table(runs: Sequence[Run]) -> str:
    """Side-by-side tables, one block per split: P/R/F1 per type and micro,
    attribute accuracy, throughput."""
    lines: list[str] = []
    for split_name in dict.fromkeys(r.split.name for r in runs):
        group = [r for r in runs if r.split.name == split_name]
        split = group[0].split
        lines.append(
            f"== split {split_name}: {len(split.documents)} docs, "
            f"{split.words} words, {len(split.gold)} gold facts =="
        )
        names = [r.system for r in group]
        width = max(21, *(len(n) + 3 for n in names))
        header = f"{'':<26}" + "".join(f"{n:>{width}}" for n in names)
        for level in ("fact", "mention"):
            lines.append("")
            lines.append(f"{level}-level P / R / F1")
            lines.append(header)
            for kind in (*FACT_TYPES, "micro"):
                cells = []
                for r in group:
                    prf = getattr(r.score, level)[kind]
                    cells.append(f"{_fmt(prf.precision)}/{_fmt(prf.recall)}/{_fmt(prf.f1)}")
                label = (
                    f"{kind} (n={sum(1 for g in split.gold if g['type'] == kind)})"
                    if kind != "micro"
                    else "micro"
                )
                lines.append(f"  {label:<24}" + "".join(f"{c:>{width}}" for c in cells))
        lines.append("")
        lines.append("attribute accuracy over mention-matched pairs")
        lines.append(header)
        for name in ATTRIBUTES + EXTRA_ATTRIBUTES:
            cells = []
            for r in group:
                right, total = r.score.attributes[name]
                cells.append(f"{right / total:.3f} ({right}/{total})" if total else "n/a")
            label = name if name in ATTRIBUTES else f"{name} (extra)"
            lines.append(f"  {label:<24}" + "".join(f"{c:>{width}}" for c in cells))
        lines.append("")
        lines.append("throughput")
        lines.append(header)
        for label, getter in (
            ("docs/s", lambda r: "n/a" if r.docs_per_second is None else f"{r.docs_per_second:.1f}"),
            ("words/s", lambda r: "n/a" if r.words_per_second is None else f"{r.words_per_second:.0f}"),
            ("load seconds", lambda r: f"{r.load_seconds:.2f}"),
        ):
            lines.append(f"  {label:<24}" + "".join(f"{getter(r):>{width}}" for r in group))
        lines.append("")
    return "\n".join(lines)


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or line) around a span, with the span in [brackets]."""
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    return (text[left:start] + "[" + text[start:end] + "]" + text[end:right]).strip()


def _describe(record: dict[str, Any]) -> str:
    number = record["value"] if record["value"] is not None else f"{record['low']}..{record['high']}"
    rule = f" rule={record['rule']}" if record.get("rule") else ""
    return f"{record['type']} {number} {record['unit']} {record['text']!r}{rule}"


@dataclass
class Errors:
    """What went wrong in a run: the one list that `--errors` prints and `--html` marks."""

    misses: list[dict[str, Any]]
    false_alarms: list[dict[str, Any]]
    attribute_errors: list[tuple[str, dict[str, Any], dict[str, Any]]]  # (attribute, pred, gold)


def errors_of(run: Run) -> Errors:
    """Misses and false alarms from the scorer's matching; attribute errors over its matched pairs
    (`equivalent_of` is scored by its own rule, so it is not listed per pair)."""
    attribute_errors = [(name, pred, gold) for name in ATTRIBUTES
                        for pred, gold in run.score.attribute_errors(name)]
    return Errors(list(run.score.misses), list(run.score.false_alarms), attribute_errors)


def format_errors(run: Run) -> str:
    """Every miss, false alarm and attribute disagreement, with its sentence."""
    texts = {d.doc_id: d.text for d in run.split.documents}
    errors = errors_of(run)
    lines = [f"-- errors of {run.system} on {run.split.name} --"]
    for title, records in (("MISS", errors.misses), ("FALSE ALARM", errors.false_alarms)):
        for record in records:
            lines.append(f"{title} {record['doc_id']} {_describe(record)}")
            lines.append(f"    {sentence_of(texts[record['doc_id']], record['start'], record['end'])}")
    for name, pred, gold in errors.attribute_errors:
        lines.append(
            f"ATTRIBUTE {name} {gold['doc_id']} {gold['text']!r}: "
            f"predicted {pred.get(name)!r}, gold {gold.get(name)!r}"
        )
        lines.append(f"    {sentence_of(texts[gold['doc_id']], gold['start'], gold['end'])}")
    return "\n".join(lines)
