"""Batch runs: every input accounted for, facts written once, resumable.

`run_batch` reads inputs (`sources.iter_inputs`), extracts facts (in this
process or a pool), writes them to JSON Lines and/or the SQLite store, and
returns a `Summary` of what was read, processed, skipped and failed, and why.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TextIO

from spacy.language import Language

from extractor.pipeline import extract, worker_pipeline, worker_pool
from extractor.sources import NewsItem, Problem
from extractor.store import Store


@dataclass
class Summary:
    read: int = 0
    processed: int = 0
    facts: int = 0
    words: int = 0
    seconds: float = 0.0
    problems: list[dict[str, str]] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p["status"] == "skipped")

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p["status"] == "failed")

    def problem(self, source: str, reason: str, status: str) -> None:
        self.problems.append({"input": source, "reason": reason, "status": status})

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "processed": self.processed, "skipped": self.skipped, "failed": self.failed,
            "facts": self.facts, "words": self.words, "seconds": round(self.seconds, 3),
            "words_per_second": round(self.words / self.seconds) if self.seconds else None,
            "problems": self.problems, "notes": self.notes,
        }

    def report(self) -> str:
        rate = f", {self.words / self.seconds:,.0f} words/s" if self.seconds and self.words else ""
        lines = [f"read {self.read}: processed {self.processed}, skipped {self.skipped}, failed {self.failed}; "
                 f"{self.facts} facts{rate}"]
        lines += [f"  {p['status']} {p['input']}: {p['reason']}" for p in self.problems]
        lines += [f"  note {n['input']}: {n['note']}" for n in self.notes]
        return "\n".join(lines)


def _extract_safely(item: NewsItem, nlp: Language | None = None) -> tuple[list[dict[str, Any]] | None, str | None]:
    try:
        facts = extract(item.text, item.published, item.doc_id, nlp=nlp or worker_pipeline())
        return [f.to_dict() for f in facts], None
    except Exception as error:  # noqa: BLE001 - one bad article must not end the batch
        return None, f"extraction failed: {type(error).__name__}: {error}"


def _results(items: Iterator[NewsItem | Problem], nlp: Language, n_process: int,
             chunk: int = 64) -> Iterator[tuple[NewsItem | Problem, Any]]:
    """(input, (facts, error)) pairs in input order; problems pass through."""
    if n_process <= 1:
        for item in items:
            yield item, (None if isinstance(item, Problem) else _extract_safely(item, nlp))
        return
    with worker_pool(n_process, nlp) as pool:
        while True:
            batch = list(islice(items, chunk * n_process))
            if not batch:
                return
            work = [i for i in batch if isinstance(i, NewsItem)]
            done = iter(pool.imap(_extract_safely, work, chunksize=max(1, len(work) // (4 * n_process))))
            for item in batch:
                yield item, (None if isinstance(item, Problem) else next(done))


def run_batch(inputs: Iterable[NewsItem | Problem], nlp: Language, *, store: Store | None = None,
              out: TextIO | None = None, texts: TextIO | None = None, n_process: int = 1,
              keep_going: bool = True, progress: bool | None = None) -> Summary:
    """Extract every input; see the module docstring."""
    summary = Summary()
    started = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    bar = _progress(show)
    pending = _skip_current(inputs, store, summary)
    try:
        for item, result in _results(pending, nlp, n_process):
            summary.read += 1
            bar.update(1)
            if isinstance(item, Problem):
                summary.problem(item.source, item.reason, item.status)
                if store is not None:
                    store.save_problem(item.doc_id or item.source, item.content_hash, item.source, item.status,
                                       item.reason)
                if item.status == "failed" and not keep_going:
                    break
                continue
            facts, error = result
            if error is not None:
                summary.problem(item.source, error, "failed")
                if store is not None:
                    store.save_problem(item.doc_id, item.content_hash, item.source, "failed", error)
                if not keep_going:
                    break
                continue
            summary.notes.extend({"input": item.source, "note": note} for note in item.notes)
            if store is not None:
                store.save_processed(item, facts)
            if out is not None:
                out.writelines(json.dumps(f, ensure_ascii=False) + "\n" for f in facts)
            if texts is not None and item.notes:
                texts.write(json.dumps({"doc_id": item.doc_id, "source": item.source, "text": item.text},
                                       ensure_ascii=False) + "\n")
            summary.processed += 1
            summary.facts += len(facts)
            summary.words += item.words
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _skip_current(inputs: Iterable[NewsItem | Problem], store: Store | None,
                  summary: Summary) -> Iterator[NewsItem | Problem]:
    """Inputs already in the store from the same content are reported as
    skipped, not processed again (re-runs and resumed runs)."""
    for item in inputs:
        if store is not None and isinstance(item, NewsItem) and store.is_current(item.doc_id, item.content_hash):
            yield Problem(item.source, "unchanged since an earlier run (already in the store)", "skipped",
                          item.doc_id, item.content_hash)
        else:
            yield item


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(show: bool):
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(unit="doc", desc="extracting", file=sys.stderr, dynamic_ncols=True)
