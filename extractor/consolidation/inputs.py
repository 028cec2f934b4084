"""Facts to consolidate, from JSON Lines files (or stdin) and from a store,
with their documents' publication dates. A bad record is reported in one
line and skipped; the rest is consolidated."""

from __future__ import annotations

import gzip
import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from extractor.consolidation.grouping import Consolidated
from extractor.corpus import read_manifest
from extractor.records import validate_record


@dataclass
class Loaded:
    facts: list[dict[str, Any]] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    store_error: str | None = None

    def report(self, groups: Sequence[Consolidated]) -> str:
        """What was processed, skipped and why, in one line."""
        docs = {f["doc_id"] for f in self.facts}
        dated = {f["doc_id"] for f in self.facts if f.get("published")}
        undated = sum(1 for d in docs if not self.dates.get(d) and d not in dated)
        statuses = Counter(g.status for g in groups)
        kinds = ", ".join(f"{statuses[s]} {s}" for s in ("conflict", "revised", "retracted") if statuses[s])
        line = (f"consolidated {len(self.facts)} facts from {len(docs)} documents into {len(groups)} consolidated"
                f" facts{f' ({kinds})' if kinds else ''}; skipped {len(self.problems)} inputs or records"
                f"{' (reasons above)' if self.problems else ''}")
        if undated:
            line += f"; {undated} documents have no publication date (their figures are undated in timelines)"
        return line


def load(paths: Iterable[str], db: str | Path | None = None, manifest: str | Path | None = None,
         stdin: TextIO = sys.stdin) -> Loaded:
    loaded = Loaded()
    if db is not None:
        _read_store(Path(db), loaded)
    if manifest is not None:
        try:
            loaded.dates.update({k: v for k, v in read_manifest(manifest).items() if v})
        except (OSError, ValueError, KeyError) as error:
            loaded.problems.append(f"{manifest}: manifest not read: {error}")
    for path in paths:
        if path == "-":
            _read_lines(stdin, "<stdin>", loaded)
            continue
        try:
            opener = gzip.open if str(path).endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as handle:
                _read_lines(handle, str(path), loaded)
        except (OSError, UnicodeDecodeError) as error:
            loaded.problems.append(f"{path}: skipped: {error.strerror if isinstance(error, OSError) else error}")
    return loaded


def _read_lines(lines: Iterable[str], name: str, loaded: Loaded) -> None:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            loaded.problems.append(f"{name}:{number}: skipped: not JSON ({error.msg})")
            continue
        problems = validate_record(record) if isinstance(record, dict) else ["not a JSON object"]
        if problems:
            loaded.problems.append(f"{name}:{number}: skipped: {_summary(problems)}")
            continue
        loaded.facts.append(record)


def _summary(problems: list[str]) -> str:
    missing = [p.removeprefix("missing field ") for p in problems if p.startswith("missing field ")]
    if len(missing) > 3:
        return f"not a fact record (missing {len(missing)} fields: {', '.join(missing[:3])}, ...)"
    return "; ".join(problems)


def _read_store(path: Path, loaded: Loaded) -> None:
    from extractor.store import NotAStore

    try:
        _query_store(path, loaded)
    except (sqlite3.Error, NotAStore) as error:
        loaded.store_error = f"{path}: not a readable store: {error}"


def _query_store(path: Path, loaded: Loaded) -> None:
    from extractor.store import Store

    with Store(path) as store:
        loaded.facts.extend(store.query())
        try:
            rows = store.db.execute("SELECT doc_id, published FROM documents").fetchall()
        except sqlite3.Error as error:
            loaded.problems.append(f"{path}: publication dates not read: {error}")
            rows = []
    loaded.dates.update({row["doc_id"]: row["published"] for row in rows if row["published"]})
