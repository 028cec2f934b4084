"""Writing facts: JSON Lines and a readable table (one schema, the contract's)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO


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
