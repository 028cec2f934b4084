#!/usr/bin/env python
"""Fact snapshot of every corpus split, to check that a refactoring keeps behaviour.

    python bench/snapshot.py dump OUT.jsonl [--build]
    python bench/snapshot.py compare SAVED.jsonl [--build] [--rules-may-change]

`dump` runs the pipeline (the saved model, or `--build` from data) over the seed
corpus and every other split (dates from their manifests) and
writes one line per fact with every field, `rule` included. `compare` makes a
fresh dump and prints every difference from SAVED; exit status 1 if any. With
`--rules-may-change` a differing `rule` string is listed but does not fail.
The `evidence` field (added later than the first snapshots) is not compared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SPLITS = {"seed": "corpus", "dev": "corpus/dev", "test": "corpus/test", "holdout": "corpus/holdout",
          "news": "corpus/news", "overlap": "corpus/overlap", "fresh": "corpus/fresh", "final": "corpus/final",
          "final2": "corpus/final2", "final3": "corpus/final3", "final4": "corpus/final4", "final5": "corpus/final5",
          "final6": "corpus/final6", "final7": "corpus/final7",
          "final8": "corpus/final8", "final9": "corpus/final9", "final10": "corpus/final10",
          "final11": "corpus/final11", "final12": "corpus/final12",
          "final13": "corpus/final13", "final14": "corpus/final14"}
NOT_COMPARED = ("evidence",)


def dump_rows(build: bool = False) -> list[dict]:
    from extractor.corpus import read_corpus
    from extractor.pipeline import build as build_pipeline
    from extractor.pipeline import extract, load

    nlp = build_pipeline() if build else load()
    rows = []
    for split, folder in SPLITS.items():
        for doc in read_corpus(ROOT / folder):
            for n, fact in enumerate(extract(doc.text, doc.published, doc.doc_id, nlp=nlp)):
                rows.append({"split": split, "n": n, **fact.to_dict()})
    return rows


def _key(row: dict) -> tuple:
    return row["split"], row["doc_id"], row["n"]


def compare(saved: list[dict], fresh: list[dict], rules_may_change: bool) -> tuple[list[str], list[str]]:
    """(differences that fail, rule-only differences)."""
    old = {_key(r): r for r in saved}
    new = {_key(r): r for r in fresh}
    failures, rules = [], []
    for key in sorted(old.keys() - new.keys()):
        failures.append(f"{key}: fact gone: {old[key]['type']} {old[key]['text']!r}")
    for key in sorted(new.keys() - old.keys()):
        failures.append(f"{key}: new fact: {new[key]['type']} {new[key]['text']!r}")
    for key in sorted(old.keys() & new.keys()):
        a, b = old[key], new[key]
        for name in sorted((a.keys() | b.keys()) - set(NOT_COMPARED)):
            if a.get(name) == b.get(name):
                continue
            line = f"{key} {a.get('text')!r}: {name}: {a.get(name)!r} -> {b.get(name)!r}"
            (rules if name == "rule" and rules_may_change else failures).append(line)
    return failures, rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("dump", "compare"))
    parser.add_argument("path")
    parser.add_argument("--build", action="store_true", help="build the pipeline from data, not the saved model")
    parser.add_argument("--rules-may-change", action="store_true")
    args = parser.parse_args()
    fresh = dump_rows(args.build)
    if args.action == "dump":
        with open(args.path, "w", encoding="utf-8") as handle:
            for row in fresh:
                handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{len(fresh)} facts written to {args.path}")
        return 0
    saved = [json.loads(line) for line in Path(args.path).read_text(encoding="utf-8").splitlines() if line.strip()]
    failures, rules = compare(saved, fresh, args.rules_may_change)
    for line in rules:
        print("rule  " + line)
    for line in failures:
        print("DIFF  " + line)
    print(f"{len(saved)} saved, {len(fresh)} fresh facts: {len(failures)} differences, {len(rules)} rule changes")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
