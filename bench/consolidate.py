#!/usr/bin/env python
"""Consolidation benchmark: 1 million synthetic facts (not part of the tests).

    python bench/consolidate.py [--facts 1000000] [--per-fact 10] [--seed 7] [--out bench/results]

Makes `facts / per-fact` underlying figures (companies, types, periods) and
reports each about `per-fact` times across articles: subject spellings vary
("Acme 17", "ACME 17 Ltd."), values wobble within 1%, a third come as CNY
figures with a USD restatement, some mentions are undated, some figures are
retracted, some are contested (a 12% different figure in part of the
mentions: a conflict or a revision, by the articles' dates). Times `extractor.consolidate` alone (generation
excluded), then the JSON Lines writing, and reports peak RSS.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.consolidation import consolidate  # noqa: E402
from extractor.consolidation.output import write_jsonl  # noqa: E402

TYPES = (("budget", "CNY"), ("budget", "USD"), ("chip_count", "chips"), ("unit_price", "USD"),
         ("user_count", "users"), ("token_volume", "tokens"))
SPELLINGS = ("{}", "{} Ltd.", "{} Inc.", "{} corp", "{}")


def synthetic(n_facts: int, per_fact: int, seed: int) -> tuple[list[dict], dict[str, str]]:
    rng = random.Random(seed)
    facts: list[dict] = []
    dates: dict[str, str] = {}
    n_docs = max(1, n_facts // 8)
    for d in range(n_docs):
        dates[f"doc{d}"] = f"20{rng.randint(24, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    figure = 0
    while len(facts) < n_facts:
        figure += 1
        kind, unit = TYPES[figure % len(TYPES)]
        company = f"Acme {figure % 50_000}"
        value = rng.choice((1e9, 1e10, 1e11, 1e4, 1e6, 1e12)) * rng.uniform(1, 9)
        period = rng.choice(("2025", "2026", "2026-03", None))
        retracted = rng.random() < 0.02
        contested = rng.random() < 0.05
        for _ in range(per_fact):
            doc = f"doc{rng.randrange(n_docs)}"
            start = rng.randrange(100_000)
            shift = 1.12 if contested and rng.random() < 0.4 else 1.0
            record = {
                "doc_id": doc, "type": kind, "value": value * rng.uniform(0.995, 1.005) * shift, "low": None,
                "high": None,
                "unit": unit, "start": start, "end": start + 10, "text": "x" * 10,
                "qualifier": rng.choice(("exact", "approx")),
                "subject": [rng.choice(SPELLINGS).format(company)],
                "item": "H200" if kind in ("chip_count", "unit_price") else None,
                "metric": "MAU" if kind == "user_count" else "daily" if kind == "token_volume" else None,
                "period": period if rng.random() < 0.8 else None, "retracted": retracted and rng.random() < 0.5,
                "equivalent_of": None,
            }
            facts.append(record)
            if unit == "CNY" and rng.random() < 0.5:
                facts.append({**record, "unit": "USD", "value": record["value"] / 7.1, "start": start + 12,
                              "end": start + 22, "equivalent_of": start})
    return facts[:n_facts], dates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--per-fact", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()

    started = time.perf_counter()
    facts, dates = synthetic(args.facts, args.per_fact, args.seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    groups = consolidate(facts, dates)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    write_jsonl(groups, io.StringIO())
    writing = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for g in groups:
        statuses[g.status] = statuses.get(g.status, 0) + 1
    result = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "facts": len(facts), "documents": len(dates), "consolidated": len(groups), "statuses": statuses,
        "generate_seconds": round(generated, 2), "consolidate_seconds": round(seconds, 2),
        "facts_per_second": round(len(facts) / seconds), "jsonl_seconds": round(writing, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(f"{result['facts']:,} facts from {result['documents']:,} documents -> {result['consolidated']:,} "
          f"consolidated facts {statuses}")
    print(f"consolidate: {seconds:.1f} s ({result['facts_per_second']:,} facts/s); JSON Lines: {writing:.1f} s; "
          f"peak RSS {result['peak_rss_mb']:,} MB (generation {generated:.1f} s, not counted)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "consolidate.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
