"""The `consolidated` and `consolidated_members` tables of a store.

Both are derived data: each `extractor consolidate --db` run replaces them in
one transaction. `extractor/store.py` keeps documents and facts; this module
only adds the two tables beside them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from extractor.consolidation.grouping import Consolidated

SCHEMA = (
    "DROP TABLE IF EXISTS consolidated_members",
    "DROP TABLE IF EXISTS consolidated",
    """CREATE TABLE consolidated (
        id INTEGER PRIMARY KEY, type TEXT NOT NULL, subject TEXT NOT NULL, item TEXT, metric TEXT, period TEXT,
        status TEXT NOT NULL, unit TEXT NOT NULL, value REAL, low REAL, high REAL, equivalents TEXT NOT NULL,
        articles INTEGER NOT NULL, mentions INTEGER NOT NULL, first_published TEXT, last_published TEXT,
        spread TEXT NOT NULL, qualifiers TEXT NOT NULL, variants TEXT NOT NULL)""",
    """CREATE TABLE consolidated_members (
        consolidated_id INTEGER NOT NULL REFERENCES consolidated (id) ON DELETE CASCADE, doc_id TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, unit TEXT NOT NULL, value REAL,
        low REAL, high REAL, qualifier TEXT NOT NULL, period TEXT, published TEXT, retracted INTEGER NOT NULL,
        retracted_by TEXT)""",
    "CREATE INDEX consolidated_members_by_doc ON consolidated_members (doc_id, start)",
)
GROUP_COLUMNS = ("id", "type", "subject", "item", "metric", "period", "status", "unit", "value", "low", "high",
                 "equivalents", "articles", "mentions", "first_published", "last_published", "spread", "qualifiers",
                 "variants")
MEMBER_COLUMNS = ("consolidated_id", "doc_id", "start", "end", "text", "unit", "value", "low", "high", "qualifier",
                  "period", "published", "retracted", "retracted_by")


def _insert(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in columns)})"


def save(path: str | Path, groups: Sequence[Consolidated]) -> tuple[int, int]:
    """Replace both tables with `groups`; (rows of consolidated, rows of members)."""
    as_json = {"subject", "equivalents", "spread", "qualifiers", "variants"}
    group_rows, member_rows = [], []
    for g in groups:
        d = g.to_dict()
        group_rows.append(tuple(json.dumps(d[c], ensure_ascii=False) if c in as_json else d[c]
                                for c in GROUP_COLUMNS))
        member_rows.extend((g.id, *(int(m[c]) if c == "retracted" else m[c] for c in MEMBER_COLUMNS[1:]))
                           for m in d["members"])
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in SCHEMA:
                db.execute(statement)
            db.executemany(_insert("consolidated", GROUP_COLUMNS), group_rows)
            db.executemany(_insert("consolidated_members", MEMBER_COLUMNS), member_rows)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        db.close()
    return len(group_rows), len(member_rows)
