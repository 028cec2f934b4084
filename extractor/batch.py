"""Batch runs: every input accounted for, facts written once, resumable.

`run_batch` reads inputs (`sources.iter_inputs`), extracts facts (in this
process or a pool), writes them to JSON Lines and/or the SQLite store, and
returns a `Summary` of what was read, processed, skipped and failed, and why.

Nothing replaces anything silently: an id already used in this run or in the
store by a different document (another source, other content) fails the
newcomer as a conflict; an edited document (same source) replaces its stored
version with a note. Ctrl-C (and SIGTERM, via the command line) or a closed
output pipe stop the batch cleanly: what was done is committed and the
`Summary` says where it stopped, so the same command resumes.
"""

from __future__ import annotations

import json
import os
import sqlite3
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
    unchanged: int = 0
    own_outputs: int = 0
    skipped_types: dict[str, int] = field(default_factory=dict)
    stopped: str | None = None

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p["status"] == "skipped")

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p["status"] == "failed")

    @property
    def expected_skips(self) -> int:
        """Skips that say nothing is wrong (`--strict` ignores them): stored unchanged, the run's own files."""
        return self.unchanged + self.own_outputs

    @property
    def complete(self) -> bool:
        return self.stopped is None

    def problem(self, source: str, reason: str, status: str, kind: str = "") -> None:
        self.problems.append({"input": source, "reason": reason, "status": status})
        if kind == "unchanged":
            self.unchanged += 1
        elif kind == "output":
            self.own_outputs += 1
        elif kind == "type":
            suffix = reason.rsplit(": ", 1)[-1]
            self.skipped_types[suffix] = self.skipped_types.get(suffix, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "processed": self.processed, "skipped": self.skipped, "failed": self.failed,
            "unchanged": self.unchanged, "skipped_types": self.skipped_types, "complete": self.complete,
            "stopped": self.stopped, "facts": self.facts, "words": self.words, "seconds": round(self.seconds, 3),
            "words_per_second": round(self.words / self.seconds) if self.seconds else None,
            "problems": self.problems, "notes": self.notes,
        }

    def report(self) -> str:
        rate = f", {self.words / self.seconds:,.0f} words/s" if self.seconds and self.words else ""
        lines = [f"read {self.read}: processed {self.processed}, skipped {self.skipped}, failed {self.failed}; "
                 f"{self.facts} facts{rate}"]
        if self.unchanged:
            lines[0] += f" ({self.unchanged} skipped as unchanged)"
        lines += [f"  {p['status']} {p['input']}: {p['reason']}" for p in self.problems]
        lines += [f"  note {n['input']}: {n['note']}" for n in self.notes]
        if self.skipped_types:
            kinds = ", ".join(f"{suffix} x{count}" for suffix, count in sorted(self.skipped_types.items()))
            lines.append(f"  skipped file types: {kinds}")
        if self.stopped:
            lines.append(f"stopped early ({self.stopped}): what was done is kept; the same command resumes")
        return "\n".join(lines)


def _extract_safely(item: NewsItem, nlp: Language | None = None) -> tuple[list[dict[str, Any]] | None, str | None]:
    try:
        facts = extract(item.text, item.published, item.doc_id, nlp=nlp or worker_pipeline())
        return [f.to_dict() for f in facts], None
    except Exception as error:  # noqa: BLE001 - one bad article must not end the batch
        return None, f"extraction failed: {type(error).__name__}: {error}"


def _results(items: Iterator[NewsItem | Problem], nlp: Language, n_process: int,
             chunk: int = 64) -> Iterator[tuple[NewsItem | Problem, Any]]:
    """(input, (facts, error)) pairs in input order; problems pass through.

    With a pool, the next chunk is read and handed to the workers before the
    current chunk's results are written, so the workers never wait for the
    store or for file reading."""
    if n_process <= 1:
        for item in items:
            yield item, (None if isinstance(item, Problem) else _extract_safely(item, nlp))
        return
    with worker_pool(n_process, nlp) as pool:

        def submit() -> tuple[list[NewsItem | Problem], Iterator[Any]]:
            batch = list(islice(items, chunk * n_process))
            work = [i for i in batch if isinstance(i, NewsItem)]
            return batch, pool.imap(_extract_safely, work, chunksize=max(1, len(work) // (4 * n_process)))

        batch, done = submit()
        while batch:
            following = submit()
            for item in batch:
                yield item, (None if isinstance(item, Problem) else next(done))
            batch, done = following


def run_batch(inputs: Iterable[NewsItem | Problem], nlp: Language, *, store: Store | None = None,
              out: TextIO | None = None, texts: TextIO | None = None, n_process: int = 1,
              keep_going: bool = True, progress: bool | None = None) -> Summary:
    """Extract every input; see the module docstring."""
    summary = Summary()
    started = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    bar = _progress(show)
    pending = _check_identity(inputs, store)
    try:
        for item, result in _results(pending, nlp, n_process):
            summary.read += 1
            bar.update(1)
            if not _account(item, result, summary, store, out, texts) and not keep_going:
                summary.stopped = f"--fail-fast: {item.source} failed"
                break
    except KeyboardInterrupt:
        summary.stopped = "interrupted"
    except BrokenPipeError:
        summary.stopped = "the output pipe was closed"
    except (OSError, ValueError, sqlite3.Error) as error:  # the batch itself: disk full, store locked, closed file
        summary.stopped = f"the run failed: {type(error).__name__}: {error}"
    finally:
        bar.close()
        if store is not None:
            store.commit()
        summary.seconds = time.perf_counter() - started
    return summary


def _account(item: NewsItem | Problem, result: Any, summary: Summary, store: Store | None, out: TextIO | None,
             texts: TextIO | None) -> bool:
    """Record one input's outcome everywhere it goes; False when it failed."""
    if isinstance(item, Problem):
        summary.problem(item.source, item.reason, item.status, item.kind)
        if store is not None and item.kind != "unchanged":
            store.save_problem(item.doc_id or item.source, item.content_hash, item.source, item.status, item.reason)
        return item.status != "failed"
    facts, error = result
    if error is not None:
        summary.problem(item.source, error, "failed")
        if store is not None:
            store.save_problem(item.doc_id, item.content_hash, item.source, "failed", error)
        return False
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
    return True


@dataclass(frozen=True)
class _Seen:
    source: str
    content_hash: str


def _check_identity(inputs: Iterable[NewsItem | Problem], store: Store | None) -> Iterator[NewsItem | Problem]:
    """Ids stay unique: a second document under an id already used in this run
    or in the store is a conflict (failed, not stored), the same content again
    is skipped, an edit of a stored document (same origin) replaces it with a note."""
    seen: dict[str, _Seen] = {}
    contents: dict[str, str] = {}
    for item in inputs:
        if not isinstance(item, NewsItem):
            yield item
            continue
        earlier = seen.get(item.doc_id)
        if earlier is not None:
            yield _repeat(item, earlier, "in this run")
            continue
        if item.content_hash in contents:
            yield Problem(item.source, f"same content as {contents[item.content_hash]} in this run (an input given "
                                       "twice, e.g. a folder and its subfolder?)", "skipped", item.doc_id,
                          item.content_hash, kind="unchanged")
            continue
        seen[item.doc_id] = _Seen(item.source, item.content_hash)
        contents[item.content_hash] = item.source
        stored = store.state(item.doc_id) if store is not None else None
        if stored is None or stored["status"] != "processed":
            yield item
        elif stored["content_hash"] == item.content_hash:
            yield Problem(item.source, "unchanged since an earlier run (already in the store)", "skipped",
                          item.doc_id, item.content_hash, kind="unchanged")
        elif not _same_source(stored["source"], item.origin or item.source):
            yield _repeat(item, _Seen(stored["source"], stored["content_hash"]), "in the store")
        else:
            item.notes.append("content changed since the stored version: its facts replace the old ones")
            yield item


def _same_source(stored: str | None, origin: str) -> bool:
    """Stores written before sources were absolute hold the path as given."""
    if stored in (None, origin):
        return True
    return not os.path.isabs(stored) and os.path.abspath(stored) == origin


def _repeat(item: NewsItem, earlier: _Seen, where: str) -> Problem:
    if earlier.content_hash == item.content_hash:
        return Problem(item.source, f"same content as {earlier.source} (id {item.doc_id!r}) {where}", "skipped",
                       item.doc_id, item.content_hash, kind="unchanged")
    return Problem(item.source, f"id conflict: {item.doc_id!r} is already used {where} by {earlier.source} with "
                                "different content; not replaced (ids are paths relative to the folder given: "
                                "give their common parent folder, or --doc-id for one file)",
                   "failed", None, item.content_hash)


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
