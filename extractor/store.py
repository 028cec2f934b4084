"""The SQLite store of a batch: documents and their facts.

One row per input document in `documents` (keyed by `doc_id`, with the
content hash of what was read, its `source` (where the id came from: an
absolute path, a feed and record id), a status and a reason) and one row per
fact in `facts` (the contract's fields as columns, `subject` as JSON). A
document and its facts are written inside one savepoint, and documents are
committed in batches (every `batch` documents or `seconds`, and on `commit`/
`close`), so a run killed at any point leaves every document either fully
stored or not at all, and a resumed run redoes at most one batch. A document
whose `doc_id` and content hash are already stored as processed is not
processed again; an edited article (same id and source, new hash) replaces
its old facts; the same id from another source is a conflict the batch
reports (see `state`). WAL mode lets `extractor query` read while a batch writes.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractor.records import OUTPUT_FIELDS, sql_columns

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id       TEXT PRIMARY KEY,
    content_hash TEXT,
    source       TEXT,
    status       TEXT NOT NULL CHECK (status IN ('processed', 'skipped', 'failed')),
    reason       TEXT,
    published    TEXT,
    words        INTEGER,
    facts        INTEGER,
    text         TEXT,
    updated_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    content_hash  TEXT NOT NULL,
""" + sql_columns(skip=("doc_id",)) + """
);
CREATE INDEX IF NOT EXISTS facts_by_doc ON facts (doc_id);
CREATE INDEX IF NOT EXISTS facts_by_type_period ON facts (type, period);
"""

FACT_COLUMNS = ("doc_id", "content_hash", *OUTPUT_FIELDS[1:])


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class NotAStore(ValueError):
    """The file is not an SQLite database, or one with other tables."""


class Store:
    def __init__(self, path: str | Path, batch: int = 64, seconds: float = 2.0) -> None:
        self.path = Path(path)
        self.batch, self.seconds = batch, seconds
        self._pending, self._opened = 0, 0.0
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(SCHEMA)
            self._check_schema()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise NotAStore(f"not an extractor store: {error}") from error

    def _check_schema(self) -> None:
        for table, wanted in (("documents", ("doc_id", "content_hash", "source", "status", "text")),
                              ("facts", FACT_COLUMNS)):
            have = {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}
            missing = [c for c in wanted if c not in have]
            if missing:
                raise sqlite3.DatabaseError(f"table {table} has no column {missing[0]!r}")

    def close(self) -> None:
        self.commit()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def commit(self) -> None:
        """Make every document written so far durable and visible to readers."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self._pending = 0

    def state(self, doc_id: str) -> sqlite3.Row | None:
        """What the store holds under `doc_id` (content_hash, source, status), if anything."""
        return self.db.execute("SELECT content_hash, source, status FROM documents WHERE doc_id = ?",
                               (doc_id,)).fetchone()

    def is_current(self, doc_id: str, content_hash: str) -> bool:
        """Already processed from exactly this content."""
        row = self.db.execute("SELECT 1 FROM documents WHERE doc_id = ? AND content_hash = ? AND status = 'processed'",
                              (doc_id, content_hash)).fetchone()
        return row is not None

    def save_processed(self, item: Any, facts: list[dict[str, Any]]) -> None:
        """A document and its facts, atomically; replaces what the same id had."""
        rows = [tuple(self._column(fact, name, item.content_hash) for name in FACT_COLUMNS) for fact in facts]
        placeholders = ", ".join("?" for _ in FACT_COLUMNS)
        columns = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
        with self._transaction():
            self.db.execute("DELETE FROM facts WHERE doc_id = ?", (item.doc_id,))
            self._upsert(item.doc_id, item.content_hash, item.origin or item.source, "processed",
                         "; ".join(item.notes) or None,
                         item.published, item.words, len(facts), item.text)
            self.db.executemany(f"INSERT INTO facts ({columns}) VALUES ({placeholders})", rows)

    def save_problem(self, doc_id: str, content_hash: str | None, source: str, status: str, reason: str) -> None:
        """A skipped or failed input; a previously processed version keeps its facts."""
        with self._transaction():
            row = self.db.execute("SELECT status FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is not None and row["status"] == "processed":
                return
            self._upsert(doc_id, content_hash, source, status, reason, None, None, 0, None)

    def _upsert(self, doc_id, content_hash, source, status, reason, published, words, facts, text) -> None:
        self.db.execute(
            """INSERT INTO documents (doc_id, content_hash, source, status, reason, published, words, facts, text,
                                      updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (doc_id) DO UPDATE SET content_hash = excluded.content_hash, source = excluded.source,
                   status = excluded.status, reason = excluded.reason, published = excluded.published,
                   words = excluded.words, facts = excluded.facts, text = excluded.text,
                   updated_at = excluded.updated_at""",
            (doc_id, content_hash, source, status, reason, published, words, facts, text, _now()),
        )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One document's writes: all or nothing, committed with its batch."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self._opened = time.monotonic()
        self.db.execute("SAVEPOINT document")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK TO document")
            self.db.execute("RELEASE document")
            raise
        self.db.execute("RELEASE document")
        self._pending += 1
        if self._pending >= self.batch or time.monotonic() - self._opened >= self.seconds:
            self.commit()

    @staticmethod
    def _column(fact: dict[str, Any], name: str, content_hash: str) -> Any:
        if name == "content_hash":
            return content_hash
        if name == "subject":
            return json.dumps(fact["subject"], ensure_ascii=False)
        if name == "retracted":
            return int(fact["retracted"])
        return fact.get(name)

    # -- reading -----------------------------------------------------------------------

    def query(self, type: str | None = None, subject: str | None = None, period: str | None = None,
              doc_id: str | None = None, include_retracted: bool = True) -> Iterator[dict[str, Any]]:
        """Facts matching the filters, ordered by period, document and position.
        `period` matches a prefix ('2025' finds '2025' and '2025-10')."""
        sql, args = facts_query(type, subject, period, doc_id, include_retracted)
        for row in self.db.execute(sql, args):
            record = dict(row)
            record["subject"] = json.loads(record["subject"])
            record["retracted"] = bool(record["retracted"])
            for name in ("value", "low", "high"):
                if record[name] is not None and float(record[name]).is_integer():
                    record[name] = int(record[name])
            yield record

    def text(self, doc_id: str) -> str | None:
        """The text a document's facts point into (HTML reduced, encoding repaired)."""
        row = self.db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row["text"] if row else None

    def documents(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(
            "SELECT doc_id, content_hash, source, status, reason, words, facts FROM documents ORDER BY doc_id")]


def facts_query(type: str | None = None, subject: str | None = None, period: str | None = None,
                doc_id: str | None = None, include_retracted: bool = True) -> tuple[str, list[Any]]:
    """The SQL behind `extractor query` (printed by `--sql`)."""
    filters = (
        ("type = ?", type),
        ("EXISTS (SELECT 1 FROM json_each(facts.subject) WHERE lower(json_each.value) = lower(?))", subject),
        ("period LIKE ? || '%'", period),
        ("doc_id = ?", doc_id),
    )
    where = [clause for clause, value in filters if value]
    args: list[Any] = [value for _, value in filters if value]
    if not include_retracted:
        where.append("retracted = 0")
    columns = ", ".join(f'"{c}"' for c in FACT_COLUMNS if c != "content_hash")
    sql = f"SELECT {columns} FROM facts"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY period IS NULL, period, doc_id, start"
    return sql, args
