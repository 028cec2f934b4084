"""Consolidated facts as a terminal table, CSV and JSON Lines (one schema:
`Consolidated.to_dict`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from extractor.consolidation.grouping import Consolidated, Variant
from extractor.records import COUNT_UNITS

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_COUNT_UNITS = frozenset(COUNT_UNITS.values())


def human(x: float) -> str:
    """A number as news writes it.

    >>> human(160e9), human(11.8e9), human(20000), human(2.1), human(1.3e15)
    ('160 billion', '11.8 billion', '20,000', '2.1', '1,300 trillion')
    """
    for scale, word in _SCALES:
        if abs(x) >= scale:
            return f"{x / scale:,.4g} {word}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def amount(unit: str, value: float | None, low: float | None = None, high: float | None = None) -> str:
    """'USD 23 billion', 'USD 20–23 billion', '20,000 chips'.

    >>> amount("USD", None, 20e9, 23e9), amount("chips", 20000), amount("USD", None, 950e6, 1.2e9)
    ('USD 20–23 billion', '20,000 chips', 'USD 950 million–1.2 billion')
    """
    if value is not None:
        number = human(value)
    else:
        a, b = human(low), human(high)
        a_num, _, a_word = a.partition(" ")
        b_num, _, b_word = b.partition(" ")
        number = f"{a_num}–{b}" if a_word == b_word else f"{a}–{b}"
    return f"{number} {unit}" if unit in _COUNT_UNITS else f"{unit} {number}"


def _variant(v: Variant) -> str:
    return amount(v.unit, v.value, v.low, v.high)


def figure(group: Consolidated) -> str:
    """The agreed figure in each unit, or what the status leaves open."""
    shown = [_variant(v) for u in group.units if (v := group.agreed.get(u)) is not None]
    if group.status == "retracted":
        return " ≈ ".join(dict.fromkeys(_variant(v) for v in group.variants)) + " (retracted)"
    if group.status == "conflict":
        spread = [amount(u, None, lo, hi) for u, (lo, hi) in group.spread.items()
                  if group.agreed.get(u) is None]
        return " ≈ ".join(shown + spread) + " (conflict)"
    return " ≈ ".join(shown)


def details(group: Consolidated, tolerance: float) -> list[str]:
    """The lines an analyst reads under a row: variants and their sources,
    a revision timeline, a spread kept within the tolerance, retracted members."""
    lines = []
    if group.status == "conflict":
        for v in group.variants:
            sources = ", ".join(f"{d} ({_date(v, d)})" for d in sorted({m.doc_id for m in v.members}))
            lines.append(f"conflict: {_variant(v)} in {v.articles} article(s), {len(v.members)} mention(s): {sources}")
    elif group.status == "revised":
        for unit in group.units:
            chain = [v for v in group.variants if v.unit == unit]
            if len(chain) > 1:
                lines.append("revised: " + " → ".join(f"{_variant(v)} ({v.first_published})" for v in chain))
    for unit, (low, high) in group.spread.items():
        figures = {(m.value, m.low, m.high) for m in group.members if m.unit == unit and not m.excluded}
        if len(figures) > 1 and group.status == "agreed":
            share = (high - low) / high if high else 0.0
            if share <= tolerance:
                lines.append(f"within tolerance: {amount(unit, None, low, high)} differ by {share:.1%} "
                             f"(≤ {tolerance:.0%})")
            else:
                lines.append(f"restated at different exchange rates: {amount(unit, None, low, high)} "
                             f"differ by {share:.1%}")
    for m in group.members:
        if m.excluded:
            reason = "retracted" if m.retracted else f"retracted by {m.retracted_by}"
            lines.append(f"{reason}: {m.doc_id} [{m.start}:{m.end}] {m.text!r}")
    return lines


def _date(v: Variant, doc_id: str) -> str:
    return next((m.published for m in v.members if m.doc_id == doc_id), None) or "undated"


def format_table(groups: Sequence[Consolidated], tolerance: float, members: bool = False) -> str:
    """One row per consolidated fact, its details indented under it."""
    header = ("#", "type", "subject", "item/metric", "period", "figure", "status", "articles", "mentions",
              "first", "last", "qualifiers")
    rows = [header]
    extra: dict[int, list[str]] = {}
    for g in groups:
        rows.append((str(g.id), g.type, ", ".join(g.subject) or "-", g.item or g.metric or "-", g.period or "-",
                     figure(g), g.status, str(g.articles), str(g.mentions), g.first_published or "-",
                     g.last_published or "-", ",".join(g.qualifiers)))
        lines = details(g, tolerance)
        if members:
            lines += [f"member: {m.doc_id} [{m.start}:{m.end}] {m.text!r} ({m.published or 'undated'})"
                      for m in g.members]
        extra[len(rows) - 1] = lines
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    out = []
    for i, row in enumerate(rows):
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        out.extend(" " * (widths[0] + 2) + "  " + line for line in extra.get(i, ()))
    return "\n".join(out)


def write_jsonl(groups: Iterable[Consolidated], out: TextIO) -> int:
    count = 0
    for g in groups:
        out.write(json.dumps(g.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


CSV_COLUMNS = ("id", "type", "subject", "item", "metric", "period", "status", "unit", "value", "low", "high",
               "equivalents", "articles", "mentions", "first_published", "last_published", "spread", "qualifiers",
               "variants", "members")


def csv_row(g: Consolidated) -> dict[str, object]:
    """A flat row: lists joined with '; ', members as doc:start-end."""
    d = g.to_dict()
    return {
        **{k: d[k] for k in ("id", "type", "item", "metric", "period", "status", "unit", "value", "low", "high",
                             "articles", "mentions", "first_published", "last_published")},
        "subject": "; ".join(g.subject),
        "equivalents": "; ".join(f"{e['unit']} {_bounds(e)}" for e in d["equivalents"]),
        "spread": "; ".join(f"{u} {s['low']}-{s['high']} ({s['relative']:.2%})" for u, s in d["spread"].items()),
        "qualifiers": "; ".join(g.qualifiers),
        "variants": "; ".join(f"{_variant(v)} ({v.first_published or 'undated'})" for v in g.variants),
        "members": " ".join(f"{m.doc_id}:{m.start}-{m.end}" for m in g.members),
    }


def _bounds(number: dict[str, object]) -> str:
    return str(number["value"]) if number["value"] is not None else f"{number['low']}-{number['high']}"


def write_csv(groups: Iterable[Consolidated], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for g in groups:
        writer.writerow(csv_row(g))
        count += 1
    return count
