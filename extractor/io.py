"""Reading news batches and writing facts, with every input accounted for.

Inputs are `.txt` files, folders of them, and JSON Lines files whose records
carry `id`, `text` and `published`. Each input yields either a `NewsItem` or
a `Problem` saying why it was skipped; nothing is dropped silently.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from extractor.corpus import read_manifest
from extractor.pipeline import iso_date

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class NewsItem:
    doc_id: str
    text: str
    published: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Problem:
    source: str
    reason: str


@dataclass
class Summary:
    """What a run read, processed, skipped and why."""

    read: int = 0
    processed: int = 0
    facts: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "processed": self.processed, "skipped": self.skipped, "facts": self.facts,
            "problems": [{"input": p.source, "reason": p.reason} for p in self.problems],
        }

    def report(self) -> str:
        lines = [f"read {self.read}, processed {self.processed}, skipped {self.skipped}, facts {self.facts}"]
        lines += [f"  skipped {p.source}: {p.reason}" for p in self.problems]
        return "\n".join(lines)


def _text_item(path: Path, dates: dict[str, str | None]) -> NewsItem | Problem:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return Problem(str(path), f"not UTF-8 text ({error.reason} at byte {error.start})")
    except OSError as error:
        return Problem(str(path), f"cannot read: {error.strerror}")
    if not text.strip():
        return Problem(str(path), "empty file")
    published = dates.get(path.stem)
    try:
        published = iso_date(published)
    except ValueError as error:
        return Problem(str(path), str(error))
    return NewsItem(path.stem, text.lstrip("\ufeff"), published, str(path))


def _jsonl_items(path: Path) -> Iterator[NewsItem | Problem]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        yield Problem(str(path), f"cannot read: {error.strerror}")
        return
    with handle:
        for number, line in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield Problem(where, f"not JSON: {error.msg}")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield Problem(where, "record has no string field 'text'")
                continue
            doc_id = str(record.get("id") or record.get("doc_id") or f"{path.stem}-{number}")
            if not record["text"].strip():
                yield Problem(where, f"{doc_id}: empty text")
                continue
            try:
                published = iso_date(record.get("published"))
            except ValueError as error:
                yield Problem(where, f"{doc_id}: {error}")
                continue
            yield NewsItem(doc_id, record["text"], published, where)


def iter_inputs(paths: Iterable[str | Path], manifest: str | Path | None = None) -> Iterator[NewsItem | Problem]:
    """Every article of the given files and folders, in a stable order.

    A folder's `manifest.jsonl` (or the given manifest) supplies the
    publication dates of its `.txt` articles.
    """
    given = read_manifest(manifest) if manifest else {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            local = path / "manifest.jsonl"
            dates = {**(read_manifest(local) if local.exists() and not manifest else {}), **given}
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix in TEXT_SUFFIXES:
                    yield _text_item(child, dates)
        elif path.is_file() and path.suffix in JSONL_SUFFIXES:
            yield from _jsonl_items(path)
        elif path.is_file():
            yield _text_item(path, given)
        else:
            yield Problem(str(path), "no such file or folder")


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO = sys.stdout) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def format_table(facts: list[dict[str, Any]]) -> str:
    """A readable table of facts for a terminal."""
    rows = [("doc", "type", "amount", "unit", "qual", "subject", "item", "metric", "period", "text")]
    for f in facts:
        amount = f"{f['value']:,}" if f["value"] is not None else f"{f['low']:,}–{f['high']:,}"
        rows.append((f["doc_id"], f["type"], amount, f["unit"], f["qualifier"], ",".join(f["subject"]),
                     f["item"] or "", f["metric"] or "", f["period"] or "",
                     f["text"] + (" (retracted)" if f["retracted"] else "")))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)
